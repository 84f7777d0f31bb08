// A file's diagnostics: each document's own findings plus, for indexed resources, the findings
// of the rules that read other resources; placed in the file, filtered by suppression comments,
// with the user's severity settings applied.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { filePosition, type ParsedFile, type PlacedDocument } from '../../parse/parsedFile';
import type { ServiceSettings } from '../../settings';
import { CODES, type SeverityName } from './codes';
import type { Finding } from './finding';
import { DIAGNOSTIC_SOURCE } from './source';
import { merge, silences, suppressionsOf, type CodeFilter } from './suppressions';
import { validateDocument } from './validateDocument';
import { crossResourceFindings } from './workspaceRules';

export { DIAGNOSTIC_SOURCE };

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Finds where a related document sits (in this file or another indexed one). */
export type Placer = (uri: string, doc: ParsedDocument) => PlacedDocument | undefined;

export function fileDiagnostics(file: ParsedFile, settings: ServiceSettings, index?: WorkspaceIndex): Diagnostic[] {
  if (!settings.validation.enable) return [];
  if (file.skipped) {
    const diagnostic = toDiagnostic({ code: 'IE103', start: 0, end: 0, message: file.skipped.message }, undefined, settings);
    return diagnostic ? [diagnostic] : [];
  }
  const resources = new Map((index?.resourcesOf(file.uri) ?? []).map((resource) => [resource.doc, resource]));
  let local: Map<ParsedDocument, PlacedDocument> | undefined;
  const place: Placer = (uri, doc) => {
    if (uri && uri !== file.uri) return index?.placementOf(uri, doc);
    local ??= new Map(file.documents.map((placed) => [placed.doc, placed]));
    return local.get(doc);
  };
  let fileFilter: CodeFilter | undefined;
  for (const placed of file.documents) {
    const own = suppressionsOf(placed.doc).file;
    if (own) fileFilter = merge(fileFilter, own);
  }
  const diagnostics: Diagnostic[] = [];
  for (const placed of file.documents) {
    const resource = resources.get(placed.doc);
    const findings = [...validateDocument(placed.doc, settings), ...(resource && index ? crossResourceFindings(index, resource, settings) : [])];
    const { lines } = suppressionsOf(placed.doc);
    for (const finding of findings) {
      if (silences(fileFilter, finding.code) || silences(lines.get(placed.doc.lines.positionAt(finding.start).line), finding.code)) continue;
      const diagnostic = toDiagnostic(finding, placed, settings, place, file.uri);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

export function toDiagnostic(finding: Finding, placed: PlacedDocument | undefined, settings: ServiceSettings, place?: Placer, fileUri = ''): Diagnostic | undefined {
  const configured = settings.severity[finding.code];
  if (configured === 'off') return undefined;
  const severity = configured ?? finding.severity ?? CODES[finding.code].severity;
  const range = placed
    ? { start: filePosition(placed, finding.start), end: filePosition(placed, finding.end) }
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const tags: DiagnosticTag[] = [];
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const related of finding.related ?? []) {
    const where = place?.(related.target.uri, related.target.doc);
    if (!where) continue;
    relatedInformation.push({
      location: { uri: related.target.uri || fileUri, range: { start: filePosition(where, related.span.start), end: filePosition(where, related.span.end) } },
      message: related.message,
    });
  }
  return {
    range,
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(tags.length ? { tags } : {}),
    ...(relatedInformation.length ? { relatedInformation } : {}),
    ...(finding.data ? { data: finding.data } : {}),
  };
}
