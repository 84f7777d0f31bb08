// Codes IE270–IE289:  VirtualService rules of Istio's webhook and CRD.
import type { CodeInfo } from '../severity';

export const VIRTUAL_SERVICE_CODES = {
  IE270: { severity: 'error', summary: 'A VirtualService with no `http`, `tls` or `tcp` rule' },
  IE271: { severity: 'error', summary: 'A delegate VirtualService (no `hosts`) with `gateways`, `tls` or `tcp`' },
  IE272: { severity: 'error', summary: 'A rule of a delegate VirtualService that delegates again' },
  IE273: { severity: 'error', summary: '`fault` or `rewrite` next to `redirect` or `directResponse`' },
  IE274: { severity: 'error', summary: 'A `redirect` that changes nothing (no uri, prefixRewrite, authority, scheme or port)' },
  IE275: { severity: 'error', summary: '`redirect.prefixRewrite` on a rule with a non-prefix `uri` match' },
  IE276: { severity: 'error', summary: 'A redirect `scheme` other than `http` or `https`' },
  IE277: { severity: 'error', summary: 'A `rewrite` that changes nothing, or an incomplete `uriRegexRewrite`' },
  IE278: { severity: 'error', summary: 'The authority (Host) rewritten in more than one place' },
  IE279: { severity: 'error', summary: 'A `directResponse` body over 1 MB (a warning over 100 KB)' },
  IE280: { severity: 'error', summary: 'Route weights that total 0 over several destinations' },
  IE281: { severity: 'error', summary: 'An SNI host outside the VirtualService `hosts`' },
  IE282: { severity: 'warning', summary: 'An IP address used as an SNI host' },
  IE283: { severity: 'error', summary: 'Retry settings while `attempts` is 0 (retries off)' },
  IE284: { severity: 'error', summary: 'A `retryOn` condition Envoy does not know' },
  IE285: { severity: 'error', summary: 'Fault injection Istio rejects or drops' },
  IE286: { severity: 'error', summary: 'A header name or value Istio rejects' },
  IE287: { severity: 'error', summary: 'JWT claim routing on a VirtualService bound to the mesh' },
  IE288: { severity: 'warning', summary: 'A rule that can never match (istioctl IST0130)' },
  IE289: { severity: 'information', summary: 'A match clause an earlier one already covers (istioctl IST0131)' },
} satisfies Record<string, CodeInfo>;
