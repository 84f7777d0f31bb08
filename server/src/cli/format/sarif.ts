// The report as SARIF 2.1.0, the format GitHub code scanning reads: one run, a rule per code,
// locations relative to the repository root (`%SRCROOT%`), 1-based regions whose end column is
// exclusive, and a fingerprint that survives unrelated edits above the finding.
import { createHash } from 'node:crypto';
import type { Location, Log, Notification, Region, Result } from 'sarif';
import type { Range } from 'vscode-languageserver-types';
import { fileUri, uriBelow } from '../paths';
import { shownFindings, type Notices, type Place, type Report } from '../report';
import { HOMEPAGE, TOOL_NAME, VERSION } from '../version';
import { RULE_IDS, sarifLevel, sarifRules } from './sarifRules';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

function region(range: Range): Region {
  const { start, end } = range;
  const out: Region = { startLine: start.line + 1, startColumn: start.character + 1 };
  // An empty range has no end column: the region then runs to the end of the line.
  if (end.line > start.line || end.character > start.character) Object.assign(out, { endLine: end.line + 1, endColumn: end.character + 1 });
  return out;
}

function artifact(root: string, place: { display: string; path?: string }) {
  if (!place.path) return { uri: encodeURIComponent(place.display.replace(/[<>]/g, '')) };
  const below = uriBelow(root, place.path);
  return below ? { uri: below, uriBaseId: SRCROOT } : { uri: fileUri(place.path) };
}

function location(root: string, place: Place): Location {
  return { physicalLocation: { artifactLocation: artifact(root, place), region: region(place.range) } };
}

/** Code, file URI, message and the trimmed source line, plus which occurrence of that key it is. */
function fingerprinter() {
  const seen = new Map<string, number>();
  return (code: string, file: string, message: string, line: string): string => {
    const hash = createHash('sha256').update([code, file, message, line.trim()].join('\u0000')).digest('hex').slice(0, 16);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}

function notifications(report: Report, root: string, notices: Notices): Notification[] {
  return [
    ...report.skipped.map((file) => ({
      level: 'warning' as const,
      message: { text: `${file.display}: ${file.message}.` },
      locations: [{ physicalLocation: { artifactLocation: artifact(root, file) } }],
    })),
    ...notices.warnings.map((text) => ({ level: 'warning' as const, message: { text } })),
    ...notices.errors.map((text) => ({ level: 'error' as const, message: { text } })),
  ];
}

/** `root` is the folder `%SRCROOT%` stands for (the repository root, else the working directory). */
export function formatSarif(report: Report, root: string, notices: Notices = { warnings: [], errors: [] }): string {
  const fingerprint = fingerprinter();
  const results: Result[] = [];
  for (const file of report.files) {
    const lines = file.text.split(/\r?\n/);
    const where = artifact(root, file).uri;
    for (const finding of shownFindings(report, file)) {
      const result: Result = {
        ruleId: finding.code,
        ruleIndex: RULE_IDS.indexOf(finding.code),
        level: sarifLevel(finding.severity),
        message: { text: finding.message },
        locations: [location(root, { display: file.display, path: file.path, range: finding.range })],
        partialFingerprints: { 'istioEgress/v1': fingerprint(finding.code, where, finding.message, lines[finding.range.start.line] ?? '') },
      };
      if (finding.related.length) {
        result.relatedLocations = finding.related.map((related, index) => ({ id: index + 1, ...location(root, related), message: { text: related.message } }));
      }
      results.push(result);
    }
  }
  const log: Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules: sarifRules() } },
        originalUriBaseIds: { [SRCROOT]: { uri: `${fileUri(root).replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: !notices.errors.length, toolExecutionNotifications: notifications(report, root, notices) }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
