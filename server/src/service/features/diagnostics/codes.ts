// Every diagnostic code, its default severity and a one-line summary (README and CLI list them).
// Each rule family keeps its own table next to its rules; this file joins them.
import { COMMON_CODES } from './rules/common.codes';
import { CONFLICT_CODES } from './rules/conflicts.codes';
import { DESTINATION_RULE_CODES } from './rules/destinationRule.codes';
import { EGRESS_PROTOCOL_CODES } from './rules/egressProtocols.codes';
import { EGRESS_ROUTE_CODES } from './rules/egressRoutes.codes';
import { GATEWAY_CODES } from './rules/gateway.codes';
import { REFERENCE_CODES } from './rules/references.codes';
import { SERVICE_ENTRY_CODES } from './rules/serviceEntry.codes';
import { SIDECAR_CODES } from './rules/sidecar.codes';
import { VIRTUAL_SERVICE_CODES } from './rules/virtualService.codes';
import { VISIBILITY_CODES } from './rules/visibility.codes';
import type { CodeInfo } from './severity';

export type { CodeInfo, SeverityName } from './severity';

const SCHEMA_CODES = {
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

export const CODES = {
  ...SCHEMA_CODES,
  ...COMMON_CODES,
  ...SERVICE_ENTRY_CODES,
  ...GATEWAY_CODES,
  ...DESTINATION_RULE_CODES,
  ...VIRTUAL_SERVICE_CODES,
  ...SIDECAR_CODES,
  ...REFERENCE_CODES,
  ...CONFLICT_CODES,
  ...VISIBILITY_CODES,
  ...EGRESS_ROUTE_CODES,
  ...EGRESS_PROTOCOL_CODES,
};

export type DiagnosticCode = keyof typeof CODES;

const ISTIO_DOCS = 'https://istio.io/latest/docs/';
const EGRESS_GATEWAY_TASK = `${ISTIO_DOCS}tasks/traffic-management/egress/egress-gateway/`;
/** The istio.io page that explains what a family of codes checks. */
const FAMILY_PAGES: Array<[Record<string, CodeInfo>, string]> = [
  [SERVICE_ENTRY_CODES, `${ISTIO_DOCS}reference/config/networking/service-entry/`],
  [GATEWAY_CODES, `${ISTIO_DOCS}reference/config/networking/gateway/`],
  [DESTINATION_RULE_CODES, `${ISTIO_DOCS}reference/config/networking/destination-rule/`],
  [VIRTUAL_SERVICE_CODES, `${ISTIO_DOCS}reference/config/networking/virtual-service/`],
  [SIDECAR_CODES, `${ISTIO_DOCS}reference/config/networking/sidecar/`],
  [VISIBILITY_CODES, EGRESS_GATEWAY_TASK],
  [EGRESS_ROUTE_CODES, EGRESS_GATEWAY_TASK],
  [EGRESS_PROTOCOL_CODES, EGRESS_GATEWAY_TASK],
];

/**
 * Where istio.io documents what a code checks: the `istioctl analyze` message it mirrors when its
 * summary names one, else the reference page or task of its family; undefined when there is none.
 */
export function codeHelpUri(code: string): string | undefined {
  if (!isDiagnosticCode(code)) return undefined;
  const analyzer = /\bIST(\d{4})\b/.exec(CODES[code].summary);
  if (analyzer) return `${ISTIO_DOCS}reference/config/analysis/ist${analyzer[1]}/`;
  return FAMILY_PAGES.find(([family]) => code in family)?.[1];
}

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(CODES, code);
}

/**
 * What a quick fix needs, carried in `Diagnostic.data`: `fix` names the provider (see
 * codeActions/providers.ts) and the rest is that provider's own data. Unless a provider says
 * otherwise, the edit target is the diagnostic's range. The schema-level fixes:
 * - `replace` `{ candidates: string[] }`: replace the range with one of these (best first);
 * - `tabs`: convert the tabs in this line's indentation to spaces;
 * - `quote`: quote the scalar so YAML reads it as a string;
 * - `wrap-in-list`: turn the single value into a one-item list.
 */
export interface FixData {
  fix: string;
  [key: string]: unknown;
}
