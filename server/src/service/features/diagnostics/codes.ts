// Every diagnostic code, its default severity and a one-line summary (README and CLI list them).

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  severity: SeverityName;
  summary: string;
}

export const CODES = {
  // YAML text
  IE100: { severity: 'error', summary: 'YAML syntax error' },
  IE101: { severity: 'error', summary: 'Tab character in indentation' },
  IE102: { severity: 'error', summary: 'Duplicate key' },
  IE103: { severity: 'information', summary: 'File not analysed (binary data or over the size limit)' },
  IE104: { severity: 'error', summary: 'Document nested too deeply to analyse' },
  IE105: { severity: 'hint', summary: 'Template expressions found; document not checked' },
  // Resource envelope
  IE110: { severity: 'error', summary: 'Unknown Istio apiVersion' },
  IE111: { severity: 'error', summary: 'Unknown Istio kind' },
  IE112: { severity: 'hint', summary: 'Legacy apiVersion; networking.istio.io/v1 is current' },
  // Schema
  IE120: { severity: 'error', summary: 'Unknown field' },
  IE121: { severity: 'error', summary: 'Value has the wrong type' },
  IE122: { severity: 'error', summary: 'Value is not one of the allowed values' },
  IE123: { severity: 'error', summary: 'Required field is missing' },
  IE124: { severity: 'error', summary: 'Number or list size out of range' },
  IE125: { severity: 'warning', summary: 'Deprecated field' },
  IE126: { severity: 'error', summary: 'Fields that cannot be set together' },
  IE127: { severity: 'error', summary: 'One of several fields is required' },
} satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CODES, code);
}

/** What a quick fix needs, carried in `Diagnostic.data`. The edit target is the diagnostic's range. */
export type FixData =
  /** Replace the range with one of these (best first). */
  | { fix: 'replace'; candidates: string[] }
  /** Convert the tabs in this line's indentation to spaces. */
  | { fix: 'tabs' }
  /** Quote the scalar so YAML reads it as a string. */
  | { fix: 'quote' }
  /** Turn the single value into a one-item list. */
  | { fix: 'wrap-in-list' };
