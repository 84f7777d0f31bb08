// Codes IE415–IE429: the egress chain: ports, protocols, SNI and TLS agreeing across resources.
import type { CodeInfo } from '../severity';

export const EGRESS_PROTOCOL_CODES = {
  // Ports
  IE415: { severity: 'error', summary: "A mesh-side egress rule matches a port the host's ServiceEntry does not declare" },
  IE416: { severity: 'error', summary: 'A mesh-side egress rule sends to a port where the egress gateway does not listen (Service port or Gateway server missing)' },
  IE417: { severity: 'error', summary: 'A mesh-side egress rule sends plain HTTP to a TLS passthrough server, or TLS to a plain HTTP server' },
  IE418: { severity: 'error', summary: 'A gateway-side egress rule matches a port no server of its Gateway listens on' },
  IE419: { severity: 'error', summary: 'A gateway-side egress rule matches another port than the one mesh traffic arrives on' },
  // Protocols and route types
  IE420: { severity: 'error', summary: 'A ServiceEntry port without a protocol that a mesh-side `tls` rule routes (sniffed ports never read `tls` rules)' },
  IE421: { severity: 'error', summary: "An egress rule's type (http/tls/tcp) does not suit the ServiceEntry port protocol, so sidecars ignore it" },
  IE422: { severity: 'error', summary: "An egress rule's type (http/tls/tcp) does not suit the Gateway server, so the gateway ignores it" },
  // SNI
  IE423: { severity: 'error', summary: 'An SNI name the mesh-side rule forwards that no gateway-side rule accepts' },
  IE424: { severity: 'error', summary: 'The SNI of the sidecar-to-gateway TLS is missing or not one of the Gateway server hosts' },
  IE425: { severity: 'warning', summary: 'A DestinationRule originating TLS to an external host sends another SNI name' },
  // TLS modes
  IE426: { severity: 'error', summary: 'The sidecar-to-gateway DestinationRule sends TLS the Gateway server does not terminate' },
  IE427: { severity: 'error', summary: 'The Gateway server expects (Istio mutual) TLS but the sidecar-to-gateway leg sends none' },
  IE428: { severity: 'error', summary: 'A DestinationRule originates TLS on traffic the gateway passes through already encrypted' },
  IE429: { severity: 'error', summary: 'The egress gateway sends HTTP to an external TLS port without originating TLS the server accepts (SIMPLE or MUTUAL; ISTIO_MUTUAL is for mesh workloads only)' },
} satisfies Record<string, CodeInfo>;
