// What a check found, independent of how it is printed: the formatters read this model only.
import type { Range } from 'vscode-languageserver-types';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
/** LSP DiagnosticSeverity (1–4) to our names. */
export const SEVERITY_OF_LSP: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** A place in a checked file; ranges are 0-based like LSP's (the formatters add 1). */
export interface Place {
  /** Path as shown to the user: relative to the working directory, or `<stdin>`. */
  display: string;
  /** Absolute path on disk; undefined for standard input without --stdin-filename. */
  path?: string;
  range: Range;
}

export interface RelatedPlace extends Place {
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedPlace[];
  /** `--fix` would repair it. */
  fixable: boolean;
}

export interface FileReport {
  display: string;
  path?: string;
  /** The text analysed (after --fix), for showing the offending lines. */
  text: string;
  /** Every finding, sorted by position; the formatters show those at or above the shown level. */
  findings: Finding[];
  /** Fixes applied (or, with --fix-dry-run, that would be): code → count. */
  fixed: Record<string, number>;
}

/** A file that was found but not analysed. */
export interface SkippedFile {
  display: string;
  path?: string;
  reason: 'binary' | 'too-large';
  message: string;
}

/** Messages for stderr (SARIF carries them as notifications too). */
export interface Notices {
  warnings: string[];
  errors: string[];
}

export interface Summary {
  files: number;
  resources: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  fixable: number;
  fixed: number;
}

export interface Report {
  files: FileReport[];
  skipped: SkippedFile[];
  resources: number;
  /** The lowest severity the output lists (the summary counts them all). */
  shown: Severity;
  /** Whether fixes were written (--fix), only described (--fix-dry-run), or not asked for. */
  fixMode: 'none' | 'write' | 'dry-run';
}

export function shownFindings(report: Report, file: FileReport): Finding[] {
  return file.findings.filter((finding) => atLeast(finding.severity, report.shown));
}

export function summarize(report: Report): Summary {
  const summary: Summary = { files: report.files.length, resources: report.resources, errors: 0, warnings: 0, infos: 0, hints: 0, fixable: 0, fixed: 0 };
  const key = { error: 'errors', warning: 'warnings', info: 'infos', hint: 'hints' } as const;
  for (const file of report.files) {
    for (const finding of file.findings) {
      summary[key[finding.severity]]++;
      if (finding.fixable) summary.fixable++;
    }
    for (const count of Object.values(file.fixed)) summary.fixed += count;
  }
  return summary;
}

export type FailOn = Severity | 'none';

/** 1 when the findings reach the --fail-on level or the warnings exceed --max-warnings, else 0. */
export function findingsStatus(summary: Summary, failOn: FailOn, maxWarnings?: number): 0 | 1 {
  const counts: Record<Severity, number> = { error: summary.errors, warning: summary.warnings, info: summary.infos, hint: summary.hints };
  const failing = failOn !== 'none' && SEVERITIES.some((severity) => atLeast(severity, failOn) && counts[severity] > 0);
  const tooManyWarnings = maxWarnings !== undefined && summary.warnings > maxWarnings;
  return failing || tooManyWarnings ? 1 : 0;
}

/** `1 error`, `2 warnings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
