// One SARIF rule per diagnostic code, from the code registry: what code scanning shows next to
// an alert (description, help, a link to istio.io) and the level it defaults to.
import type { ReportingDescriptor } from 'sarif';
import { CODES, codeHelpUri } from '../../service';
import type { Severity } from '../report';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity | 'information'): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `UnknownField` from "Unknown field": the summary's words, without remarks in parentheses. */
function ruleName(summary: string): string {
  const words = summary
    .replace(/\([^)]*\)/g, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  if (/^(a|an|the)$/i.test(words[0] ?? '')) words.shift();
  return words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
}

function helpText(code: string, summary: string, uri: string | undefined): { text: string; markdown: string } {
  const silence = `Silence it on one line with \`# istio-egress-disable-next-line ${code}\`, in a file with \`# istio-egress-disable-file ${code}\`, or everywhere with \`severity: {${code}: off}\` in .istio-egress.yaml.`;
  const more = uri ? ` Istio's documentation: ${uri}` : '';
  return {
    text: `${code}: ${summary}. ${silence.replace(/`/g, "'")}${more}`,
    markdown: `**${code}**: ${summary}.\n\n${silence}${uri ? `\n\n[Istio's documentation](${uri})` : ''}`,
  };
}

export const RULE_IDS = Object.keys(CODES);

export function sarifRules(): ReportingDescriptor[] {
  return Object.entries(CODES).map(([code, info]) => {
    const helpUri = codeHelpUri(code);
    return {
      id: code,
      name: ruleName(info.summary),
      shortDescription: { text: info.summary },
      fullDescription: { text: `${info.summary}. Reported as ${info.severity} unless configured otherwise.` },
      help: helpText(code, info.summary, helpUri),
      ...(helpUri ? { helpUri } : {}),
      defaultConfiguration: { level: sarifLevel(info.severity) },
      properties: { tags: ['istio', 'egress'] },
    };
  });
}
