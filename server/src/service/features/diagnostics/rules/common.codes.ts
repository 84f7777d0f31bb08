// Codes IE200–IE209: names, hosts and exportTo forms shared by several kinds.
import type { CodeInfo } from '../severity';

export const COMMON_CODES = {
  IE200: { severity: 'error', summary: 'Invalid resource name or namespace (a Gateway name cannot contain dots)' },
  IE201: { severity: 'error', summary: 'Invalid host name' },
  IE202: { severity: 'warning', summary: 'Partial wildcard host (error for Gateway, Sidecar and DYNAMIC_DNS ServiceEntry hosts)' },
  IE203: { severity: 'error', summary: 'The host `*` is not allowed here' },
  IE204: { severity: 'error', summary: 'Duplicate or overlapping VirtualService hosts' },
  IE205: { severity: 'error', summary: 'Invalid `namespace/dnsName` host in a Gateway server or Sidecar egress listener' },
  IE206: { severity: 'warning', summary: 'Duplicate Sidecar egress host, or `*/*` combined with other hosts' },
  IE207: { severity: 'error', summary: 'Invalid exportTo entry or combination' },
  IE208: { severity: 'error', summary: 'Invalid gateway reference in a VirtualService' },
  IE209: { severity: 'warning', summary: 'Legacy `name.namespace` gateway reference; write `namespace/name`' },
} satisfies Record<string, CodeInfo>;
