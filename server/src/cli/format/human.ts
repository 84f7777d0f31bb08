// The report for people: `file:line:col severity code message`, the offending line with a caret
// underline, related places, then a summary line.
import { createColors } from 'picocolors';
import { describeFixed } from '../fix';
import { plural, shownFindings, summarize, type Finding, type Report, type Severity } from '../report';

type Colors = ReturnType<typeof createColors>;

function paint(colors: Colors, severity: Severity): (text: string) => string {
  return { error: colors.red, warning: colors.yellow, info: colors.cyan, hint: colors.dim }[severity];
}

/** The source line and, under it, a caret line that keeps the line's tabs so that it lines up. */
function excerpt(lines: readonly string[], finding: Finding, colors: Colors): string[] {
  const { start, end } = finding.range;
  const line = lines[start.line];
  if (line === undefined) return [];
  const until = end.line === start.line ? Math.min(end.character, line.length) : line.length;
  const width = Math.max(1, until - start.character);
  const lead = line.slice(0, start.character).replace(/[^\t]/g, ' ');
  const number = String(start.line + 1);
  const gutter = ' '.repeat(number.length);
  return [`  ${colors.dim(`${number} |`)} ${line}`, `  ${colors.dim(`${gutter} |`)} ${lead}${paint(colors, finding.severity)('^'.repeat(width))}`];
}

function findingLines(display: string, lines: readonly string[], finding: Finding, colors: Colors): string[] {
  const { line, character } = finding.range.start;
  const where = colors.bold(`${display}:${line + 1}:${character + 1}`);
  const fixable = finding.fixable ? colors.dim(' (fixable)') : '';
  const out = [`${where} ${paint(colors, finding.severity)(finding.severity)} ${colors.dim(finding.code)} ${finding.message}${fixable}`];
  out.push(...excerpt(lines, finding, colors));
  for (const related of finding.related) {
    out.push(`  ${colors.dim('→')} ${related.display}:${related.range.start.line + 1}:${related.range.start.character + 1} ${colors.dim(related.message)}`);
  }
  return out;
}

function summaryLine(report: Report, colors: Colors): string {
  const summary = summarize(report);
  const counts = [
    colors.red(plural(summary.errors, 'error')),
    colors.yellow(plural(summary.warnings, 'warning')),
    colors.cyan(`${summary.infos} info`),
    plural(summary.hints, 'hint'),
  ];
  const hidden = report.files.reduce((sum, file) => sum + file.findings.length - shownFindings(report, file).length, 0);
  let text = `Checked ${plural(summary.files, 'file')}, ${plural(summary.resources, 'Istio resource')}: ${counts.join(', ')}`;
  if (hidden) text += colors.dim(` (${hidden} not shown; --min-severity hint lists them)`);
  text += '.';
  if (report.fixMode === 'none' && summary.fixable) text += ` ${plural(summary.fixable, 'problem')} fixable with --fix.`;
  if (report.fixMode === 'write') text += ` Fixed ${plural(summary.fixed, 'problem')}.`;
  if (report.fixMode === 'dry-run') text += ` --fix would fix ${plural(summary.fixed, 'problem')}.`;
  return text;
}

export function formatHuman(report: Report, useColor: boolean): string {
  const colors = createColors(useColor);
  const out: string[] = [];
  const verb = report.fixMode === 'dry-run' ? 'would fix' : 'fixed';
  for (const file of report.files) {
    if (Object.keys(file.fixed).length) out.push(`${colors.bold(file.display)}: ${verb} ${describeFixed(file.fixed)}`);
  }
  if (out.length) out.push('');
  for (const file of report.files) {
    const shown = shownFindings(report, file);
    if (!shown.length) continue;
    const lines = file.text.split(/\r?\n/);
    for (const finding of shown) out.push(...findingLines(file.display, lines, finding, colors), '');
  }
  out.push(summaryLine(report, colors));
  return `${out.join('\n')}\n`;
}
