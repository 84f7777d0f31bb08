// Single-resource Sidecar rules: Istio's webhook (ValidateSidecar), istioctl's deprecation
// analyzer and Kiali's Sidecar checks. Listener rules live in ./sidecarListeners.ts.
// Codes: ./sidecar.codes.ts.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { YamlReader } from '../../../index/yamlAccess';
import type { DocumentRule, DocumentRuleContext } from '.';
import { mapField, stringField } from './gatewayFields';
import { checkEgressListeners, checkIngressListeners } from './sidecarListeners';

export const checkSidecar: DocumentRule = (context) => {
  const { facts, read, root, report } = context;
  if (facts.kind !== 'Sidecar') return;
  const spec = read.child(root, 'spec');
  // Without a spec mapping the schema checks already ask for one.
  if (!read.map(spec)) return;
  if (!['ingress', 'egress', 'outboundTrafficPolicy', 'inboundConnectionPool'].some((key) => isConfigured(read, spec, key))) {
    report({
      ...(read.keyOf(root, 'spec') ?? { start: 0, end: 1 }),
      code: 'IE290',
      message:
        'This Sidecar configures nothing, and Istio rejects it: set at least one of `egress`, `ingress`, `outboundTrafficPolicy` or `inboundConnectionPool`. ' +
        'For egress control, `outboundTrafficPolicy: {mode: REGISTRY_ONLY}` or an `egress` listener with `hosts` is the usual start.',
    });
    return;
  }
  checkWorkloadSelector(context, spec);
  checkIngressListeners(context, read.items(read.child(spec, 'ingress')));
  checkEgressListeners(context, read.items(read.child(spec, 'egress')));
  checkOutboundTrafficPolicy(context, spec);
};

/** Present the way Go sees it: a non-empty list, or a mapping (even `{}`); wrong types count as present. */
function isConfigured(read: YamlReader, spec: Node | undefined, key: string): boolean {
  const node = read.child(spec, key);
  if (node === undefined || (isScalar(node) && node.value === null)) return false;
  return !isSeq(node) || node.items.length > 0;
}

function checkWorkloadSelector({ read, report, facts, settings }: DocumentRuleContext, spec: Node | undefined): void {
  const selector = mapField(read, spec, 'workloadSelector');
  const key = read.keyOf(spec, 'workloadSelector');
  if (!selector || !key) return;
  const labelsNode = read.child(selector, 'labels');
  const labels = read.map(labelsNode);
  if (labelsNode !== undefined && !(isScalar(labelsNode) && labelsNode.value === null) && !labels) return; // a wrong type: the schema says so
  const namespace = facts.namespace?.value ?? settings.defaultNamespace;
  if (namespace === settings.rootNamespace) {
    // Istio takes as the mesh default only a root-namespace Sidecar whose workloadSelector is absent, not merely empty.
    report({
      ...key,
      code: 'IE291',
      message:
        `In the root namespace \`${namespace}\`, only a Sidecar without workloadSelector is the mesh-wide default. With a selector (even an empty one) it is ` +
        `not a default at all: it applies only to the matching workloads in \`${namespace}\` itself. Remove \`workloadSelector\` to make it the default, or move the ` +
        "Sidecar to the workloads' namespace.",
    });
    return;
  }
  if (labels && labels.items.length > 0) return;
  report({
    ...key,
    code: 'IE291',
    message:
      'This workloadSelector has no labels, so Istio applies the Sidecar to every workload in the namespace (and warns). Add the labels of the workloads ' +
      'it is meant for, or remove `workloadSelector` if the whole namespace is meant.',
  });
}

function checkOutboundTrafficPolicy({ read, report, settings }: DocumentRuleContext, spec: Node | undefined): void {
  const policy = mapField(read, spec, 'outboundTrafficPolicy');
  const key = read.keyOf(spec, 'outboundTrafficPolicy');
  if (!policy || !key) return;
  const modeNode = read.child(policy, 'mode');
  const modeWritten = modeNode !== undefined && !(isScalar(modeNode) && modeNode.value === null);
  if (!modeWritten) {
    const mesh = settings.meshOutboundTrafficPolicy;
    report({
      ...key,
      code: 'IE292',
      // Same behaviour as the mesh when the mesh is REGISTRY_ONLY: then it is only a matter of reading.
      severity: mesh === 'REGISTRY_ONLY' ? 'information' : undefined,
      message:
        '`outboundTrafficPolicy` without `mode` means `REGISTRY_ONLY` (the zero value), not the mesh default' +
        `${mesh === 'ALLOW_ANY' ? ' (`ALLOW_ANY` here)' : ''}: these workloads reach only hosts in the service registry, and every external host without a ` +
        'ServiceEntry is blocked. Write the mode you mean.',
      data: { fix: 'sidecar-explicit-mode' },
    });
  }
  checkEgressProxy(read, report, policy, modeWritten ? stringField(read, policy, 'mode')?.value : 'REGISTRY_ONLY');
}

function checkEgressProxy(read: YamlReader, report: DocumentRuleContext['report'], policy: Node, mode: string | undefined): void {
  const proxy = read.child(policy, 'egressProxy');
  const key = read.keyOf(policy, 'egressProxy');
  if (!key || proxy === undefined || (isScalar(proxy) && proxy.value === null) || !mode) return;
  if (mode === 'REGISTRY_ONLY') {
    report({
      ...key,
      code: 'IE299',
      message: '`egressProxy` forwards traffic for unknown hosts, which only get through with `mode: ALLOW_ANY`; Istio rejects it with `REGISTRY_ONLY`. Set `mode: ALLOW_ANY` or remove `egressProxy`.',
    });
    return;
  }
  if (mode !== 'ALLOW_ANY' || !isMap(read.resolve(proxy))) return;
  let invalid = false;
  const host = stringField(read, proxy, 'host');
  if (host && (host.value === '' || host.value.includes('*'))) {
    invalid = true;
    report({ ...host.span, code: 'IE299', message: 'The egress proxy host must be one fully qualified service name, such as `squid.proxy.svc.cluster.local`; Istio rejects empty and wildcard names.' });
  }
  const port = read.child(proxy, 'port');
  if (port === undefined || (isScalar(port) && port.value === null)) {
    invalid = true;
    report({ ...key, code: 'IE299', message: 'Istio rejects an `egressProxy` without `port`: add `port: {number: …}` with the proxy service\'s port.' });
  }
  if (invalid) return;
  report({
    ...key,
    code: 'IE299',
    severity: 'warning',
    message:
      '`egressProxy` is an undocumented field; `istioctl analyze` reports it as deprecated and ignored (IST0002). To send external traffic through a ' +
      'proxy, route it with a ServiceEntry and a VirtualService, or through an egress gateway.',
  });
}
