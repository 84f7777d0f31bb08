// Places each document's findings in the file and applies the user's severity settings.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { filePosition, type ParsedFile, type PlacedDocument } from '../../parse/parsedFile';
import type { ServiceSettings } from '../../settings';
import { CODES, type SeverityName } from './codes';
import type { Finding } from './finding';
import { validateDocument } from './validateDocument';

export const DIAGNOSTIC_SOURCE = 'istio-egress';

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fileDiagnostics(file: ParsedFile, settings: ServiceSettings): Diagnostic[] {
  if (!settings.validation.enable) return [];
  if (file.skipped) {
    const diagnostic = toDiagnostic({ code: 'IE103', start: 0, end: 0, message: file.skipped.message }, undefined, settings);
    return diagnostic ? [diagnostic] : [];
  }
  const diagnostics: Diagnostic[] = [];
  for (const placed of file.documents) {
    for (const finding of validateDocument(placed.doc)) {
      const diagnostic = toDiagnostic(finding, placed, settings);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

export function toDiagnostic(finding: Finding, placed: PlacedDocument | undefined, settings: ServiceSettings): Diagnostic | undefined {
  const configured = settings.severity[finding.code];
  if (configured === 'off') return undefined;
  const severity = configured ?? finding.severity ?? CODES[finding.code].severity;
  const range = placed
    ? { start: filePosition(placed, finding.start), end: filePosition(placed, finding.end) }
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const tags: DiagnosticTag[] = [];
  if (finding.deprecated) tags.push(DiagnosticTag.Deprecated);
  if (finding.unnecessary) tags.push(DiagnosticTag.Unnecessary);
  return {
    range,
    severity: SEVERITY[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    ...(tags.length ? { tags } : {}),
    ...(finding.data ? { data: finding.data } : {}),
  };
}
