// Codes IE340–IE359: exportTo visibility, Sidecar imports and the outbound traffic policy along
// the egress chain (sidecar → egress gateway → external host).
import type { CodeInfo } from '../severity';

export const VISIBILITY_CODES = {
  IE340: { severity: 'error', summary: 'A gateway applies a rule whose destination host it cannot see: the ServiceEntry or Service is not exported to its namespace' },
  IE341: { severity: 'error', summary: "A VirtualService bound to an egress Gateway is not exported to the gateway workload's namespace" },
  IE342: {
    severity: 'error',
    summary: 'The host of an egress chain has a ServiceEntry, but none the client namespace sees (error under REGISTRY_ONLY, warning under ALLOW_ANY)',
  },
  IE343: { severity: 'error', summary: 'The DestinationRule defining a subset of the egress chain is not applied by the proxies that route to the subset' },
  IE344: { severity: 'error', summary: 'A DestinationRule originating TLS to the external host is not applied by the egress gateway that sends the traffic' },
  IE345: {
    severity: 'error',
    summary: "A Sidecar's egress hosts do not import the VirtualService that sends its namespace's traffic to the egress gateway (error under REGISTRY_ONLY, else warning)",
  },
  IE346: {
    severity: 'error',
    summary: "A sidecar route's destination host is defined, but not exported to the VirtualService's namespace (error under REGISTRY_ONLY, warning under ALLOW_ANY)",
  },
} satisfies Record<string, CodeInfo>;
