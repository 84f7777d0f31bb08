// Severity names used by code tables and settings.
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface CodeInfo {
  severity: SeverityName;
  summary: string;
}
