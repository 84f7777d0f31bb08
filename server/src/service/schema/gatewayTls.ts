// ServerTLSSettings: how a Gateway server (or a Sidecar ingress listener) handles TLS from its clients.
import { boolean, enumOf, field, listOf, messageOf, string } from './build';
import type { EnumSchema, MessageSchema } from './types';

const PAGE = 'networking/gateway';

export const GATEWAY_TLS_MODE: EnumSchema = {
  name: 'ServerTLSSettings-TLSmode',
  page: PAGE,
  values: [
    {
      value: 'PASSTHROUGH',
      doc: 'No termination: the proxy reads the SNI and forwards the still-encrypted stream as chosen by a VirtualService `tls` route. What a missing `mode` means; the usual TLS egress setup (port 443, protocol `TLS`).',
    },
    { value: 'SIMPLE', doc: 'Terminate TLS with the server certificate (from `credentialName` or the certificate files); clients are not asked for a certificate.' },
    { value: 'MUTUAL', doc: 'Terminate TLS and insist on a client certificate that chains to the CA in `caCertificates` or in the credential.' },
    {
      value: 'AUTO_PASSTHROUGH',
      doc: 'Forward without decrypting, reading the destination cluster from an Istio-encoded SNI instead of a VirtualService. Meant for east-west gateways between networks, not for egress.',
    },
    {
      value: 'ISTIO_MUTUAL',
      doc: 'Terminate Istio mTLS with the proxy\'s own mesh certificate; no certificate fields may be set. An egress gateway uses it for traffic from sidecars, paired with a DestinationRule `ISTIO_MUTUAL`.',
    },
    { value: 'OPTIONAL_MUTUAL', doc: 'Like `MUTUAL`, but a client that sends no certificate is still let in; a certificate that is sent must validate against the CA.' },
  ],
};

export const TLS_PROTOCOL: EnumSchema = {
  name: 'ServerTLSSettings-TLSProtocol',
  page: PAGE,
  values: [
    { value: 'TLS_AUTO', doc: 'Leave the choice to Envoy: TLS 1.2 as the lowest and TLS 1.3 as the highest version.' },
    { value: 'TLSV1_0', doc: 'TLS 1.0. Insecure; as a minimum it only works together with `cipherSuites` that TLS 1.0 can use.' },
    { value: 'TLSV1_1', doc: 'TLS 1.1. Insecure; as a minimum it only works together with `cipherSuites` that TLS 1.1 can use.' },
    { value: 'TLSV1_2', doc: 'TLS 1.2, the lowest version accepted by default.' },
    { value: 'TLSV1_3', doc: 'TLS 1.3, the highest version offered by default.' },
  ],
};

/** The cipher names Envoy accepts in `cipherSuites` (istio/istio ValidCipherSuites); anything else is dropped with a warning. */
export const CIPHER_SUITES: readonly string[] = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
];

export const TLS_CERTIFICATE: MessageSchema = {
  name: 'ServerTLSSettings.TLSCertificate',
  page: PAGE,
  doc: 'One certificate/key pair given as file paths on the proxy, for serving an RSA and an ECDSA certificate side by side.',
  fields: [
    field('serverCertificate', string(), 'Path, inside the proxy container, of the PEM certificate chain. Needed with `SIMPLE`, `MUTUAL` and `OPTIONAL_MUTUAL`.'),
    field('privateKey', string(), 'Path, inside the proxy container, of the PEM private key for `serverCertificate`. Needed with the same modes.'),
    field('caCertificates', string(), 'Not used per certificate; set `caCertificates` on the enclosing `tls` block instead.', { hidden: true, anchor: '' }),
  ],
};

export const SERVER_TLS_SETTINGS: MessageSchema = {
  name: 'ServerTLSSettings',
  page: PAGE,
  doc:
    'How the proxy deals with TLS from its clients: pass it through by SNI, terminate it with a certificate, or terminate Istio mTLS. ' +
    'Certificates come from exactly one source: `credentialName`, `credentialNames`, `tlsCertificates`, or the `serverCertificate` + `privateKey` pair.',
  fields: [
    field(
      'httpsRedirect',
      boolean,
      'When `true`, every plain-HTTP request on this server gets a 301 redirect to the `https` URL. Only meaningful on an `HTTP` server, where a `tls` ' +
        'block holding just this flag is allowed; on other protocols Istio warns.',
      { default: 'false' },
    ),
    field(
      'mode',
      enumOf(GATEWAY_TLS_MODE),
      'Whether and how the proxy takes part in TLS. Left out, it is `PASSTHROUGH` (no termination, SNI routing). Egress: `PASSTHROUGH` for TLS ' +
        'origination by the app (port 443, protocol `TLS`); `ISTIO_MUTUAL` for mTLS from sidecars to the egress gateway (port 443, protocol `HTTPS`). ' +
        '`SIMPLE`, `MUTUAL` and `OPTIONAL_MUTUAL` need a certificate.',
      { default: 'PASSTHROUGH' },
    ),
    field(
      'serverCertificate',
      string(),
      'File path, inside the proxy container, of the PEM certificate chain to serve; used with `privateKey` for `SIMPLE`, `MUTUAL` and ' +
        '`OPTIONAL_MUTUAL` when no credential is named. The pair counts as one certificate source, so it cannot be mixed with `credentialName`, ' +
        '`credentialNames` or `tlsCertificates`. Forbidden with `ISTIO_MUTUAL`.',
    ),
    field(
      'privateKey',
      string(),
      'File path, inside the proxy container, of the PEM private key matching `serverCertificate`. Needed whenever `serverCertificate` is; forbidden with `ISTIO_MUTUAL`.',
    ),
    field(
      'caCertificates',
      string(),
      'File path of the PEM CA bundle that client certificates are checked against. Istio rejects `MUTUAL` and `OPTIONAL_MUTUAL` without it ' +
        'unless the CA comes from `credentialName(s)`; forbidden with `ISTIO_MUTUAL`.',
    ),
    field(
      'caCrl',
      string(),
      'File path of a certificate revocation list; client certificates on it are refused. Not allowed with `SIMPLE` mode or with `credentialName` ' +
        '(put the CRL in the secret as `ca.crl` instead).',
    ),
    field(
      'credentialName',
      string(),
      'Name of the Kubernetes Secret holding the certificate and key (`tls.crt`/`tls.key`, or `cert`/`key`), plus optionally the client CA ' +
        '(`ca.crt` or `cacert`, also read from a `<name>-cacert` Secret). The Secret must be in the gateway workload\'s namespace. Forbidden with `ISTIO_MUTUAL`.',
      { oneOf: 'certificates' },
    ),
    field(
      'credentialNames',
      listOf(string(), { minItems: 1, maxItems: 2 }),
      'Like `credentialName`, but one or two Secrets, typically an RSA and an ECDSA certificate for the same hosts. Cannot be combined with ' +
        '`credentialName` or `tlsCertificates`.',
      { oneOf: 'certificates', since: 'Istio 1.26' },
    ),
    field(
      'caCertCredentialName',
      string(),
      'Name of a Secret or ConfigMap holding the CA certificates for checking client certificates (mutual TLS). Wins over a CA found in the ' +
        '`credentialName(s)` Secret.',
      { since: 'Istio 1.28' },
    ),
    field(
      'tlsCertificates',
      listOf(messageOf(TLS_CERTIFICATE), { minItems: 1, maxItems: 2 }),
      'One or two certificate/key file pairs (e.g. RSA and ECDSA) instead of `serverCertificate`/`privateKey`. Cannot be combined with ' +
        '`credentialName`, `credentialNames` or the single-file pair.',
      { oneOf: 'certificates', since: 'Istio 1.26' },
    ),
    field(
      'subjectAltNames',
      listOf(string()),
      'With mutual TLS, only client certificates carrying one of these subject alternative names are accepted.',
    ),
    field(
      'verifyCertificateSpki',
      listOf(string()),
      'Base64 SHA-256 hashes of client certificate public keys (SPKI) to accept. If `verifyCertificateHash` is also set, matching either list is enough.',
    ),
    field(
      'verifyCertificateHash',
      listOf(string()),
      'Hex SHA-256 fingerprints of whole client certificates to accept, with or without colons. If `verifyCertificateSpki` is also set, matching either list is enough.',
    ),
    field(
      'minProtocolVersion',
      enumOf(TLS_PROTOCOL),
      'Oldest TLS version clients may use. Going below `TLSV1_2` is insecure and needs matching `cipherSuites`, since the default ciphers do not cover 1.0/1.1.',
      { default: 'TLSV1_2' },
    ),
    field('maxProtocolVersion', enumOf(TLS_PROTOCOL), 'Newest TLS version offered to clients.', { default: 'TLSV1_3' }),
    field(
      'cipherSuites',
      listOf(string(undefined, CIPHER_SUITES)),
      'Restricts the ciphers offered to this list (OpenSSL-style names such as `ECDHE-RSA-AES128-GCM-SHA256`); when empty, Envoy\'s defaults apply. ' +
        'Unknown or repeated names are ignored with a warning.',
    ),
    field(
      'insecureSkipVerify',
      boolean,
      'When `true`, a client certificate that fails validation does not block the connection; it is still checked and can be passed on to the ' +
        'backend (e.g. in `x-forwarded-client-cert`). Exists for the Kubernetes Gateway API\'s insecure fallback.',
      { since: 'Istio 1.31' },
    ),
  ],
};
