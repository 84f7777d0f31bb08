// `istio-egress codes`: every diagnostic code with its default severity and summary.
import { CODES, codeHelpUri } from '../../service';
import type { Format } from '../options';

export function formatCodes(format: Format): string {
  const entries = Object.entries(CODES);
  if (format === 'json') {
    const codes = entries.map(([code, info]) => ({ code, severity: info.severity, summary: info.summary, helpUri: codeHelpUri(code) ?? null }));
    return `${JSON.stringify(codes, null, 2)}\n`;
  }
  return entries.map(([code, info]) => `${code}  ${info.severity.padEnd(11)} ${info.summary}\n`).join('');
}
