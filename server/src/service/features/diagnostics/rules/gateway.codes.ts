// Codes IE230–IE249:  Gateway rules of Istio's webhook and CRD. IE238–IE246 are the server TLS
// rules, which Istio applies to Sidecar ingress listeners with a `tls` block as well.
import type { CodeInfo } from '../severity';

export const GATEWAY_CODES = {
  IE230: { severity: 'error', summary: 'Gateway without servers' },
  IE231: { severity: 'error', summary: 'Server port name empty or used by another server of the Gateway' },
  IE232: { severity: 'error', summary: 'Gateway port with a targetPort' },
  IE233: { severity: 'error', summary: 'Server bind is neither an IP address nor a `unix://` socket path' },
  IE234: { severity: 'error', summary: 'Server port number and bind disagree (port 0 ⇔ Unix socket)' },
  IE235: { severity: 'error', summary: 'HTTPS or TLS server without a `tls` block' },
  IE236: { severity: 'error', summary: '`tls` block on a server whose protocol is neither HTTPS nor TLS' },
  IE237: { severity: 'warning', summary: '`httpsRedirect` on a server that is not HTTP' },
  IE238: { severity: 'error', summary: 'ISTIO_MUTUAL server TLS with certificate fields' },
  IE239: { severity: 'warning', summary: 'PASSTHROUGH or AUTO_PASSTHROUGH server TLS with certificate fields (ignored)' },
  IE240: { severity: 'error', summary: 'serverCertificate/privateKey together with another certificate source' },
  IE241: { severity: 'error', summary: 'Terminating server TLS (SIMPLE, MUTUAL, OPTIONAL_MUTUAL) without a certificate' },
  IE242: { severity: 'error', summary: 'Server certificate without its private key, or the other way round' },
  IE243: { severity: 'error', summary: 'MUTUAL or OPTIONAL_MUTUAL server TLS without caCertificates or a credential' },
  IE244: { severity: 'error', summary: 'caCrl with credentialName or with SIMPLE server TLS' },
  IE245: { severity: 'warning', summary: 'minProtocolVersion below TLSV1_2 without cipherSuites' },
  IE246: { severity: 'warning', summary: 'Unknown or repeated cipher suite (ignored)' },
  IE247: { severity: 'warning', summary: 'Gateway `selector: {}` selects every gateway workload' },
  IE248: { severity: 'error', summary: 'Gateway server with an empty hosts list' },
} satisfies Record<string, CodeInfo>;
