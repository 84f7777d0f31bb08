// Client TLS settings (the TLS the proxy originates towards the destination), as Istio's
// webhook checks them, and istioctl's "no caCertificates" warning (IST0128/IST0129) as a hint.
import { isMap, type Node } from 'yaml';
import type { PathSegment } from '../../../parse/yamlPath';
import { sameDocument } from './commonPlaces';
import type { DestinationRuleScope } from './destinationRulePolicy';
import { booleanOf, fieldSpan, isSet, mapItems, quotedLike, textOf } from './virtualServiceYaml';

const CONFIGMAP = 'configmap://';
const FILE_FIELDS = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'];

export function checkClientTls(scope: DestinationRuleScope, tls: Node | undefined, path: PathSegment[]): void {
  const { read, report } = scope;
  if (!isMap(tls)) return;
  const mode = read.string(read.child(tls, 'mode'));
  const credential = textOf(read, tls, 'credentialName');
  if (credential?.value.startsWith(CONFIGMAP)) checkConfigMapCredential(scope, credential);

  if (booleanOf(read, tls, 'insecureSkipVerify') === true) {
    const conflicting = mode?.value === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : mode?.value === 'MUTUAL' ? ['caCertificates', 'subjectAltNames'] : [];
    const present = conflicting.filter((key) => (key === 'subjectAltNames' ? isSet(read, tls, key) : !!textOf(read, tls, key)));
    if (present.length) {
      report({
        ...fieldSpan(read, tls, 'insecureSkipVerify'),
        code: 'IE259',
        message: `\`insecureSkipVerify: true\` turns server verification off, so ${present.map((key) => `\`${key}\``).join(' and ')} would never be used; Istio rejects the combination. Remove \`insecureSkipVerify\` to verify the server, or remove ${present.length > 1 ? 'those fields' : 'that field'}.`,
        related: present.map((key) => sameDocument(scope.doc, fieldSpan(read, tls, key), `\`${key}\` is set here`)),
      });
    }
  }

  if ((mode?.value === 'SIMPLE' || mode?.value === 'MUTUAL') && credential) {
    for (const key of FILE_FIELDS) {
      if (!textOf(read, tls, key)) continue;
      report({
        ...fieldSpan(read, tls, key),
        code: 'IE258',
        message: `\`${key}\` is a file in the proxy, but \`credentialName\` already supplies the certificates (from a Kubernetes secret), and Istio rejects the two together. Remove \`${key}\`, or remove \`credentialName\` to use files.`,
        data: { fix: 'dr-remove-field', path: [...path, key], field: key },
      });
    }
    return;
  }

  if (mode?.value === 'MUTUAL') {
    const missing = ['clientCertificate', 'privateKey'].filter((key) => !textOf(read, tls, key));
    if (!missing.length) return;
    report({
      ...mode.span,
      code: 'IE257',
      message: `MUTUAL TLS presents a client certificate, and without \`credentialName\` Istio requires it as files: ${missing.map((key) => `\`${key}\``).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Add the file paths, or set \`credentialName\` to a Kubernetes secret holding the key pair.`,
    });
  }
}

function checkConfigMapCredential(scope: DestinationRuleScope, credential: { value: string; span: { start: number; end: number } }): void {
  const parts = credential.value.slice(CONFIGMAP.length).split('/');
  if (parts.length < 2 || !parts[0] || !parts[1]) {
    scope.report({
      ...credential.span,
      code: 'IE260',
      message: `A \`configmap://\` credentialName needs a namespace and a name: write \`configmap://<namespace>/<name>\`, with this DestinationRule's namespace (\`${scope.namespace}\`).`,
    });
    return;
  }
  if (parts[0] === scope.namespace) return;
  const where = scope.namespaceWritten ? `this DestinationRule's namespace \`${scope.namespace}\`` : `the namespace this DestinationRule is applied to (no \`metadata.namespace\`, so \`${scope.namespace}\`, the configured default)`;
  const fixed = `${CONFIGMAP}${scope.namespace}/${parts.slice(1).join('/')}`;
  scope.report({
    ...credential.span,
    code: 'IE260',
    message: `Istio reads \`configmap://\` credentials only from ${where}, so it rejects namespace \`${parts[0]}\`. Use \`${fixed}\`, or move the DestinationRule to \`${parts[0]}\`.`,
    data: { fix: 'replace', candidates: [quotedLike(scope.doc.text, credential.span, fixed)] },
  });
}

/** istioctl's CaCertificateAnalyzer looks at the top-level policy and its port-level entries only. */
export function hintMissingCaCertificates(scope: DestinationRuleScope, spec: Node): void {
  const { read } = scope;
  const policy = read.child(spec, 'trafficPolicy');
  const selector = read.child(spec, 'workloadSelector') !== undefined;
  hintTls(scope, read.child(policy, 'tls'), selector, 'IST0128', '');
  for (const { node } of mapItems(read, policy, 'portLevelSettings')) {
    const port = read.number(read.at(node, 'port', 'number'));
    hintTls(scope, read.child(node, 'tls'), selector, 'IST0129', port ? ` for port ${port.value}` : '');
  }
}

function hintTls(scope: DestinationRuleScope, tls: Node | undefined, hasWorkloadSelector: boolean, istioCode: string, where: string): void {
  const { read } = scope;
  const mode = read.string(read.child(tls, 'mode'));
  if (!mode || (mode.value !== 'SIMPLE' && mode.value !== 'MUTUAL') || textOf(read, tls, 'caCertificates')) return;
  const credential = !!textOf(read, tls, 'credentialName');
  if (credential && hasWorkloadSelector) return;
  let why: string;
  if (booleanOf(read, tls, 'insecureSkipVerify') === true) {
    why = 'Here that is true: `insecureSkipVerify: true` switches server verification off.';
  } else if (credential) {
    why = 'With `credentialName`, the CA certificate comes from that secret (its `ca.crt` key), so put the CA there; istioctl only stays quiet when the DestinationRule also has a `workloadSelector`.';
  } else {
    why =
      'Since Istio 1.20 an empty `caCertificates` means the proxy verifies the server against the system CA bundle, so a server with a publicly trusted certificate is still verified. Set `caCertificates` only to trust a private CA.';
  }
  scope.report({
    ...mode.span,
    code: 'IE267',
    message: `\`istioctl analyze\` reports ${istioCode} here${where}: TLS mode ${mode.value} without \`caCertificates\`, "no verification of the server certificate". ${why}`,
  });
}
