// Runs the language service over the files as one workspace, applies safe fixes when asked,
// and turns the diagnostics into the report model.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LanguageService } from '../service';
import type { SourceFile } from './read';
import { atLeast, SEVERITY_OF_LSP, type FileReport, type Finding, type RelatedPlace, type Severity } from './report';

/** A checked file: what was read, and the text after fixes. */
export interface Checked {
  source: SourceFile;
  text: string;
  fixed: Record<string, number>;
}

/** Rounds over all files: a fix in one file can make a fix in another possible. */
const FIX_ROUNDS = 3;

const hasFixData = (diagnostic: Diagnostic) => typeof (diagnostic.data as { fix?: unknown } | undefined)?.fix === 'string';
/** Findings below the listed level are neither fixed nor called fixable: nobody sees them. */
const listed = (shown: Severity) => (diagnostic: Diagnostic) => atLeast(SEVERITY_OF_LSP[diagnostic.severity ?? 1], shown);
const documentOf = (uri: string, text: string, version: number) => TextDocument.create(uri, 'yaml', version, text);
const key = (diagnostic: Diagnostic) =>
  `${diagnostic.code}@${diagnostic.range.start.line}:${diagnostic.range.start.character}-${diagnostic.range.end.line}:${diagnostic.range.end.character} ${diagnostic.message}`;

export function loadWorkspace(service: LanguageService, sources: readonly SourceFile[]): Checked[] {
  for (const source of sources) service.setWorkspaceFile(source.uri, source.text);
  return sources.map((source) => ({ source, text: source.text, fixed: {} }));
}

/** Applies safe fixes to every file until none is left; the service then holds the fixed texts. */
export function applySafeFixes(service: LanguageService, files: Checked[], shown: Severity): void {
  const only = listed(shown);
  let version = 1;
  for (let round = 0; round < FIX_ROUNDS; round++) {
    let changed = false;
    for (const file of files) {
      if (!service.fileDiagnostics(file.source.uri).some((diagnostic) => hasFixData(diagnostic) && only(diagnostic))) continue;
      const result = service.fixAll(documentOf(file.source.uri, file.text, version++), { only });
      const text = result.document.getText();
      if (text === file.text) continue;
      changed = true;
      file.text = text;
      for (const fix of result.applied) file.fixed[fix.code] = (file.fixed[fix.code] ?? 0) + 1;
    }
    if (!changed) return;
  }
}

function findingOf(diagnostic: Diagnostic, fixable: boolean, placeOf: (uri: string) => { display: string; path?: string } | undefined): Finding {
  const related: RelatedPlace[] = [];
  for (const info of diagnostic.relatedInformation ?? []) {
    const place = placeOf(info.location.uri);
    if (place) related.push({ ...place, range: info.location.range, message: info.message });
  }
  return { code: String(diagnostic.code), severity: SEVERITY_OF_LSP[diagnostic.severity ?? 1], message: diagnostic.message, range: diagnostic.range, related, fixable };
}

/** The report of each file, in the order given, findings sorted by position. */
export function fileReports(service: LanguageService, files: readonly Checked[], shown: Severity): FileReport[] {
  const only = listed(shown);
  const places = new Map(files.map(({ source }) => [source.uri, { display: source.display, path: source.path }]));
  let version = 1_000_000;
  return files.map((file) => {
    const diagnostics = service.fileDiagnostics(file.source.uri);
    // Asking for fixes parses the file once more: only when a diagnostic can have one.
    const fixable = new Set(
      diagnostics.some((diagnostic) => hasFixData(diagnostic) && only(diagnostic))
        ? service
            .getSafeFixes(documentOf(file.source.uri, file.text, version++))
            .filter((fix) => only(fix.diagnostic))
            .map((fix) => key(fix.diagnostic))
        : [],
    );
    const findings = diagnostics
      .map((diagnostic) => findingOf(diagnostic, fixable.has(key(diagnostic)), (uri) => places.get(uri)))
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    return { display: file.source.display, path: file.source.path, text: file.text, findings, fixed: file.fixed };
  });
}
