// Codes IE400–IE414: the routes of the egress chain mesh → egress gateway → external host.
import type { CodeInfo } from '../severity';

export const EGRESS_ROUTE_CODES = {
  IE400: { severity: 'error', summary: 'Sidecars send a host to the egress gateway, but no rule routes it on from the egress Gateway' },
  IE401: { severity: 'warning', summary: 'An egress Gateway rule routes a host out, but no sidecar rule sends that host to the egress gateway' },
  IE402: { severity: 'error', summary: 'Rules match `mesh`, but spec.gateways does not list `mesh` (the VirtualService is gateway-only)' },
  IE403: { severity: 'error', summary: 'match.gateways names a gateway that spec.gateways does not bind, so the match never applies' },
  IE404: { severity: 'error', summary: 'A rule without match.gateways applies at the egress Gateway and sends traffic back to the egress gateway (loop)' },
  IE405: { severity: 'warning', summary: 'Sidecars route a host straight out, bypassing the egress Gateway the VirtualService routes it from' },
  IE406: { severity: 'error', summary: 'The egress Gateway selector does not pick the egress gateway sidecars are sent to' },
  IE407: { severity: 'error', summary: 'The egress Gateway servers do not offer a host the VirtualService routes through it' },
  IE408: { severity: 'error', summary: 'The DestinationRule defining the egress gateway subset names a host that is not the egress gateway' },
  IE409: { severity: 'error', summary: 'A destination names the egress gateway by a short or partial name that resolves elsewhere' },
  IE410: { severity: 'error', summary: 'The egress gateway forwards to a ServiceEntry host with resolution NONE (the default), so it sends the traffic back to itself' },
} satisfies Record<string, CodeInfo>;
