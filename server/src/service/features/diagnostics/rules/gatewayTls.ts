// The rules Istio applies to a server-side `tls` block, on Gateway servers and on Sidecar
// ingress listeners alike (istio/istio validateTLSOptions), in the order Istio checks them.
import { isScalar, type Node } from 'yaml';
import type { YamlReader } from '../../../index/yamlAccess';
import { enumValues } from '../../../schema/build';
import { CIPHER_SUITES, GATEWAY_TLS_MODE } from '../../../schema/gatewayTls';
import { listWords, suggest } from '../../../util/suggest';
import type { Report, Span } from '../finding';
import { isSet, stringField } from './gatewayFields';

const MODES = enumValues(GATEWAY_TLS_MODE);
const TERMINATING = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);
const FORBIDDEN_WITH_ISTIO_MUTUAL = ['serverCertificate', 'privateKey', 'caCertificates', 'tlsCertificates', 'credentialName', 'credentialNames'];
const IGNORED_BY_PASSTHROUGH = ['caCrl', ...FORBIDDEN_WITH_ISTIO_MUTUAL];

/** Istio lets through `ALL`, empty names and expressions starting with an operator such as `!` or `+`. */
function isKnownCipher(name: string): boolean {
  return name === '' || name === 'ALL' || !/^[\p{L}\p{N}]/u.test(name) || CIPHER_SUITES.includes(name);
}

export interface ServerTlsContext {
  read: YamlReader;
  report: Report;
  /** The `tls` mapping. */
  tls: Node;
  /** The `tls` key, where findings about the block as a whole go when `mode` is not written. */
  tlsKey: Span;
  /** The port's protocol allows terminating TLS here (HTTPS or TLS). */
  canTerminate: boolean;
}

/** The TLS mode Istio applies: the written one, or PASSTHROUGH (the zero value) when absent. */
export function effectiveTlsMode(read: YamlReader, tls: Node): string | undefined {
  const written = read.child(tls, 'mode');
  if (written === undefined || (isScalar(written) && written.value === null)) return 'PASSTHROUGH';
  const mode = stringField(read, tls, 'mode')?.value;
  return mode && MODES.has(mode) ? mode : undefined;
}

export function checkServerTls(context: ServerTlsContext): void {
  const { read, report, tls } = context;
  checkCiphers(context);
  const mode = effectiveTlsMode(read, tls);
  if (!mode) return;
  const modeSpan = stringField(read, tls, 'mode')?.span;
  const keySpan = (key: string) => read.keyOf(tls, key) ?? context.tlsKey;

  if (mode === 'ISTIO_MUTUAL') {
    for (const key of FORBIDDEN_WITH_ISTIO_MUTUAL.filter((field) => isSet(read, tls, field))) {
      report({
        ...keySpan(key),
        code: 'IE238',
        message: `\`${key}\` cannot be used with \`mode: ISTIO_MUTUAL\`: that mode always presents the proxy's own mesh certificate, and Istio rejects any certificate field next to it. Remove \`${key}\`, or pick \`SIMPLE\`/\`MUTUAL\` to serve your own certificate.`,
        data: { fix: 'gateway-remove-fields', keys: [key] },
      });
    }
    return;
  }

  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') reportIgnoredCertificates(context, mode, modeSpan);

  const pair = isSet(read, tls, 'serverCertificate') && isSet(read, tls, 'privateKey');
  const others = ['credentialName', 'credentialNames', 'tlsCertificates'].filter((field) => isSet(read, tls, field));
  if (pair && others.length) {
    report({
      ...keySpan('serverCertificate'),
      code: 'IE240',
      message: `The certificate comes from one source only: \`serverCertificate\`/\`privateKey\` cannot be combined with ${listWords(others, 'and')}. Keep one and remove the other.`,
    });
  }

  const credential = isSet(read, tls, 'credentialName') || isSet(read, tls, 'credentialNames');
  // With a credential, the certificate and CA come from the Secret: nothing more to check.
  if (TERMINATING.has(mode) && credential) return;
  if (TERMINATING.has(mode)) checkCertificates(context, mode, modeSpan ?? context.tlsKey);

  if (isSet(read, tls, 'caCrl')) {
    const reason = isSet(read, tls, 'credentialName')
      ? 'a credential Secret brings its own revocation list (as `ca.crl`), so `caCrl` is not allowed next to `credentialName`'
      : mode === 'SIMPLE'
        ? '`SIMPLE` does not ask clients for certificates, so there is nothing to revoke'
        : undefined;
    if (reason) report({ ...keySpan('caCrl'), code: 'IE244', message: `Istio rejects \`caCrl\` here: ${reason}. Remove it.`, data: { fix: 'gateway-remove-fields', keys: ['caCrl'] } });
  }
}

/** Certificate fields next to a passthrough mode do nothing; Istio accepts them with a warning. */
function reportIgnoredCertificates(context: ServerTlsContext, mode: string, modeSpan: Span | undefined): void {
  const { read, report, tls } = context;
  const ignored = IGNORED_BY_PASSTHROUGH.filter((field) => isSet(read, tls, field));
  if (!ignored.length) return;
  const them = ignored.length === 1 ? 'it' : 'them';
  const hasCertificate = ['credentialName', 'credentialNames', 'tlsCertificates', 'serverCertificate'].some((field) => isSet(read, tls, field));
  // A forgotten `mode: SIMPLE` is the likely story when the mode is not written at all.
  const canTerminate = !modeSpan && hasCertificate && context.canTerminate;
  const what = `forwards the encrypted stream untouched, so ${listWords(ignored, 'and')} ${ignored.length === 1 ? 'is' : 'are'} ignored (Istio warns).`;
  const advice = canTerminate
    ? `Add \`mode: SIMPLE\` to terminate TLS with this certificate, or remove ${them}.`
    : `Remove ${them}${modeSpan && context.canTerminate ? ', or choose a terminating mode such as `SIMPLE`' : ''}.`;
  report({
    ...(modeSpan ?? read.keyOf(tls, ignored[0]) ?? context.tlsKey),
    code: 'IE239',
    message: `${modeSpan ? `\`${mode}\`` : 'Without `mode`, this block is `PASSTHROUGH`, which'} ${what} ${advice}`,
    data: { fix: 'gateway-remove-fields', keys: ignored, canTerminate },
  });
}

/** SIMPLE, MUTUAL and OPTIONAL_MUTUAL without a credential need certificate files (and a CA for mutual TLS). */
function checkCertificates(context: ServerTlsContext, mode: string, modeSpan: Span): void {
  const { read, report, tls } = context;
  if (mode !== 'SIMPLE' && !isSet(read, tls, 'caCertificates')) {
    report({
      ...modeSpan,
      code: 'IE243',
      message: `\`${mode}\` checks client certificates, so it needs the CA to check them against: set \`caCertificates\` (a file path in the proxy), or take certificate and CA from a Secret with \`credentialName\`.`,
    });
  }
  const listed = read.items(read.child(tls, 'tlsCertificates'));
  if (listed.length) {
    for (const item of listed) reportHalfPair(context, item, read.span(item));
    return;
  }
  if (!isSet(read, tls, 'serverCertificate') && !isSet(read, tls, 'privateKey')) {
    report({
      ...modeSpan,
      code: 'IE241',
      message: `\`${mode}\` terminates TLS, so it needs a certificate: name a Kubernetes Secret with \`credentialName\` (in the gateway's namespace), or give \`serverCertificate\` and \`privateKey\` file paths. For traffic from the mesh, \`ISTIO_MUTUAL\` needs none.`,
    });
    return;
  }
  reportHalfPair(context, tls, context.tlsKey);
}

function reportHalfPair({ read, report }: ServerTlsContext, owner: Node, fallback: Span): void {
  const certificate = isSet(read, owner, 'serverCertificate');
  const key = isSet(read, owner, 'privateKey');
  if (certificate === key) {
    if (!certificate) report({ ...fallback, code: 'IE242', message: 'This certificate entry needs both `serverCertificate` and `privateKey`. Add the two file paths.' });
    return;
  }
  const present = certificate ? 'serverCertificate' : 'privateKey';
  const missing = certificate ? 'privateKey' : 'serverCertificate';
  report({
    ...(read.keyOf(owner, present) ?? fallback),
    code: 'IE242',
    message: `\`${present}\` needs \`${missing}\` next to it: the certificate and its private key always go together. Add \`${missing}\`.`,
  });
}

function checkCiphers({ read, report, tls }: ServerTlsContext): void {
  const ciphers = read.items(read.child(tls, 'cipherSuites'));
  const minimum = stringField(read, tls, 'minProtocolVersion');
  if (minimum && (minimum.value === 'TLSV1_0' || minimum.value === 'TLSV1_1') && ciphers.length === 0) {
    report({
      ...minimum.span,
      code: 'IE245',
      message: `Envoy's default cipher list no longer includes any cipher that ${minimum.value} can use, so these clients fail the handshake. List compatible \`cipherSuites\` (e.g. \`ECDHE-RSA-AES128-SHA\`), or raise the minimum to \`TLSV1_2\`.`,
      data: { fix: 'replace', candidates: ['TLSV1_2'] },
    });
  }
  const seen = new Set<string>();
  for (const item of ciphers) {
    const node = read.resolve(item);
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const name = node.value;
    const span = read.span(item);
    if (!isKnownCipher(name)) {
      const candidates = suggest(name, CIPHER_SUITES);
      report({
        ...span,
        code: 'IE246',
        message: `\`${name}\` is not a cipher suite Envoy knows; Istio drops it (with a warning).${candidates.length ? ` Did you mean ${listWords(candidates)}?` : ' Use an OpenSSL-style name such as `ECDHE-RSA-AES128-GCM-SHA256`.'}`,
        data: candidates.length ? { fix: 'replace', candidates } : undefined,
      });
    } else if (seen.has(name)) {
      report({ ...span, code: 'IE246', message: `\`${name}\` is listed twice; Istio drops the repeat (with a warning). Remove it.` });
    }
    seen.add(name);
  }
}
