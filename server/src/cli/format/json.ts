// The report for programs. The shape is versioned (`version`) and documented in the README;
// lines and columns are 1-based, columns count UTF-16 code units, `endColumn` is exclusive.
import type { Range } from 'vscode-languageserver-types';
import { shownFindings, summarize, type Report } from '../report';
import { TOOL_NAME, VERSION } from '../version';

export const JSON_REPORT_VERSION = 1;

function span(range: Range) {
  return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function formatJson(report: Report): string {
  const output = {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    files: report.files.map((file) => ({
      path: file.display,
      diagnostics: shownFindings(report, file).map((finding) => ({
        code: finding.code,
        severity: finding.severity,
        message: finding.message,
        ...span(finding.range),
        fixable: finding.fixable,
        related: finding.related.map((related) => ({ path: related.display, ...span(related.range), message: related.message })),
      })),
      ...(report.fixMode !== 'none' ? { fixed: file.fixed } : {}),
    })),
    skipped: report.skipped.map((skipped) => ({ path: skipped.display, reason: skipped.reason, message: skipped.message })),
    summary: summarize(report),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
