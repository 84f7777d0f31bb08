// DestinationRule client-side TLS: how the proxy secures connections it opens to the upstream.
import { boolean, enumOf, field, listOf, string } from '../build';
import type { EnumSchema, MessageSchema } from '../types';

const PAGE = 'networking/destination-rule';

export const CLIENT_TLS_MODE: EnumSchema = {
  name: 'ClientTLSSettings-TLSmode',
  page: PAGE,
  values: [
    {
      value: 'DISABLE',
      doc: 'The proxy opens a plain connection and sends bytes as they are. Right when the application already does its own TLS.',
    },
    {
      value: 'SIMPLE',
      doc:
        'The proxy originates TLS to the upstream (one-way, server certificate only). Used for TLS origination to an external host: ' +
        'the app sends plain HTTP and the proxy upgrades it. Set `sni` and `caCertificates`/`credentialName` so the server is verified.',
    },
    {
      value: 'MUTUAL',
      doc:
        'The proxy originates TLS and also presents a client certificate, taken from `clientCertificate` + `privateKey` or from `credentialName`.',
    },
    {
      value: 'ISTIO_MUTUAL',
      doc:
        'Istio mTLS with the workload\'s own mesh certificate; leave the certificate fields empty. Use it for the sidecar-to-egress-gateway ' +
        'hop, paired with a Gateway server whose `tls.mode` is `ISTIO_MUTUAL`. Never for an external host, which cannot validate mesh certificates.',
    },
  ],
};

export const CLIENT_TLS_SETTINGS: MessageSchema = {
  name: 'ClientTLSSettings',
  page: PAGE,
  doc:
    'TLS the proxy uses on connections it opens to the upstream (TCP or HTTP). On a DestinationRule for an external host this is how TLS ' +
    'origination is configured; on a rule for the egress gateway it secures the sidecar-to-gateway hop.',
  fields: [
    field(
      'mode',
      enumOf(CLIENT_TLS_MODE),
      'Whether and how the proxy wraps upstream connections in TLS: `DISABLE`, `SIMPLE` (originate TLS), `MUTUAL` (originate TLS with a ' +
        'client certificate) or `ISTIO_MUTUAL` (mesh mTLS). Pitfall: `SIMPLE` towards a port where the app already speaks TLS encrypts twice.',
    ),
    field(
      'clientCertificate',
      string(),
      'File path, inside the proxy container, of the client certificate presented in `MUTUAL` mode. Needed with `MUTUAL` unless `credentialName` ' +
        'is set; must not be combined with `credentialName`, and stays empty for `ISTIO_MUTUAL`.',
    ),
    field(
      'privateKey',
      string(),
      'File path, inside the proxy container, of the key for `clientCertificate`. Needed with `MUTUAL` unless `credentialName` is set; ' +
        'must not be combined with `credentialName`, and stays empty for `ISTIO_MUTUAL`.',
    ),
    field(
      'caCertificates',
      string(),
      'File path, inside the proxy, of the CA bundle that checks the server certificate; omitted, the OS trust store is used. With `SIMPLE` or ' +
        '`MUTUAL` and no value here, istioctl reports IST0128 (IST0129 at port level): server certificate not verified, unless `credentialName` ' +
        'is set on a rule with a `workloadSelector`. Not allowed with `credentialName` or `insecureSkipVerify: true`; empty for `ISTIO_MUTUAL`.',
    ),
    field(
      'credentialName',
      string(),
      'Name of a Kubernetes Secret with the client key/cert and/or CA (`key`, `cert`, `cacert`, `crl`, or `tls.key`/`tls.crt`/`ca.crt`/`ca.crl`); ' +
        'the CA may also live in `<name>-cacert`. The Secret must be in the namespace of the proxy using it, e.g. `istio-system` for the egress ' +
        'gateway. Honoured by gateways, and by sidecars only when the rule has a `workloadSelector`. Excludes the file-path fields.',
    ),
    field(
      'subjectAltNames',
      listOf(string()),
      'The server certificate must carry one of these SANs. Overrides the ServiceEntry\'s `subjectAltNames`; when both are empty the SAN is ' +
        'checked against the request\'s Host/authority. Not allowed with `insecureSkipVerify: true`.',
    ),
    field(
      'sni',
      string(),
      'Server name sent in the TLS ClientHello. When originating TLS to an external service set it to the external hostname (e.g. ' +
        '`api.example.com`), especially on the egress gateway, where the Host header is not what you expect. Unset, `SIMPLE`/`MUTUAL` take it from the Host/authority header.',
    ),
    field(
      'insecureSkipVerify',
      boolean,
      'When true, the server certificate\'s CA signature and SAN are not checked. Only for testing; it cannot be combined with ' +
        '`caCertificates` or `subjectAltNames` (nor `credentialName` in `SIMPLE` mode).',
      { default: 'false' },
    ),
    field(
      'caCrl',
      string(),
      'File path of a certificate revocation list checked against the server certificate. With `credentialName`, put the CRL in the Secret instead.',
    ),
  ],
};
