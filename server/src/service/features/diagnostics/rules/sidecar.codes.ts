// Codes IE290–IE299:  Sidecar rules of Istio's webhook and CRD, istioctl and Kiali.
// An ingress listener's `tls` block is also checked by the server TLS rules (IE238–IE246).
import type { CodeInfo } from '../severity';

export const SIDECAR_CODES = {
  IE290: { severity: 'error', summary: 'Sidecar with none of ingress, egress, outboundTrafficPolicy or inboundConnectionPool' },
  IE291: { severity: 'warning', summary: 'workloadSelector without labels, or on the root-namespace Sidecar (Kiali KIA1006)' },
  IE292: { severity: 'warning', summary: 'outboundTrafficPolicy without `mode` silently means REGISTRY_ONLY (Kiali KIA1007)' },
  IE293: { severity: 'error', summary: 'Two Sidecar listeners on the same port or Unix socket' },
  IE294: { severity: 'error', summary: 'Sidecar listener bind or defaultEndpoint in a form Istio rejects' },
  IE295: { severity: 'error', summary: 'Unix socket egress listener rules: port 0 ⇔ `unix://` bind, captureMode DEFAULT or NONE' },
  IE296: { severity: 'error', summary: 'TLS setting a Sidecar ingress listener does not support' },
  IE297: { severity: 'warning', summary: 'HTTP connection pool settings on a non-HTTP ingress port' },
  IE298: { severity: 'error', summary: 'Egress listener order or hosts: one port-less listener, last; each listener with hosts' },
  IE299: { severity: 'error', summary: 'outboundTrafficPolicy.egressProxy invalid, or deprecated and ignored by istioctl (IST0002)' },
} satisfies Record<string, CodeInfo>;
