// A route's destination host must be visible to the proxy that applies the route: the
// VirtualService's own namespace for `mesh` rules, the gateway workload's namespace for rules
// bound to a Gateway (a gateway sees only Services and ServiceEntries exported to its own
// namespace). A host defined nowhere is the references family's finding (IE302); here the host
// is defined, but hidden from that proxy by exportTo.
import { ruleScope } from '../../../index/egressChain';
import type { GatewayWorkload } from '../../../index/egressGateways';
import type { DestinationFact } from '../../../index/facts';
import { isWildcard } from '../../../index/hosts';
import {
  fqdnOf,
  gatewayWorkloadByFqdn,
  gatewayWorkloadsSelectedBy,
  knownHost,
  kubernetesServiceFor,
  resolveGateway,
  serviceEntriesFor,
  type IndexView,
} from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { RelatedSpan } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import { exportFix, exportTarget, policyContext } from './visibilityData';
import { clientNamespaces, describeExportTo, exportEntryFor, exportToSpan, nameSpan, qualified } from './visibilityLookup';

interface Sender {
  namespace: string;
  /** Set for a gateway; undefined for the sidecars of the namespace. */
  workload?: GatewayWorkload;
  gateway?: Resource;
}

export function checkDestinationVisibility(context: WorkspaceRuleContext): void {
  const { resource, view } = context;
  const vs = resource.facts.virtualService;
  if (!vs) return;
  const specGateways = vs.gateways.map((gateway) => gateway.value);
  const reported = new Set<string>();
  for (const route of vs.routes) {
    const senders = sendersOf(view, resource, ruleScope(route, specGateways, vs.gatewaysWritten));
    for (const destination of route.destinations) {
      if (destination.role !== 'route' || !destination.host || isWildcard(destination.host.value)) continue;
      const fqdn = fqdnOf(view, destination.host.value, resource.namespace);
      if (gatewayWorkloadByFqdn(view.settings, fqdn)) continue;
      const definitions: Resource[] = [...serviceEntriesFor(view, fqdn)];
      const service = kubernetesServiceFor(view, fqdn);
      if (service) definitions.push(service);
      if (!definitions.length) continue;
      for (const sender of senders) {
        const key = `${destination.span.start}|${sender.namespace}|${sender.workload?.service ?? 'mesh'}`;
        if (reported.has(key) || knownHost(view, fqdn, sender.namespace)) continue;
        // Istio also takes a Service its VirtualService names from the client's own namespace, exported or not.
        if (!sender.workload && definitions.some((definition) => definition.namespace === sender.namespace)) continue;
        reported.add(key);
        if (sender.workload) reportGateway(context, destination, definitions, sender);
        else reportSidecars(context, destination, definitions, sender.namespace);
      }
    }
  }
}

/** Who applies a rule: sidecars in its client namespaces and the gateway workloads its Gateways select. */
function sendersOf(view: IndexView, vs: Resource, scope: ReturnType<typeof ruleScope>): Sender[] {
  const senders: Sender[] = [];
  if (scope.mesh) for (const namespace of clientNamespaces(view, vs)) senders.push({ namespace });
  for (const name of scope.gateways) {
    const gateway = resolveGateway(view, name, vs.namespace)?.resource;
    for (const workload of gatewayWorkloadsSelectedBy(view.settings, gateway?.facts.gateway?.selector?.value)) senders.push({ namespace: workload.namespace, workload, gateway });
  }
  return senders;
}

function describe(definitions: readonly Resource[]): string {
  const words = definitions.map((definition) => `${definition.facts.kind} \`${qualified(definition)}\` (exportTo ${exportWords(definition)})`);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
}

function exportWords(definition: Resource): string {
  if (definition.facts.kind !== 'Service') return describeExportTo(definition);
  const annotation = definition.facts.service?.exportTo;
  return annotation?.length ? `[${annotation.join(', ')}]` : 'every namespace';
}

function relatedOf(definitions: readonly Resource[]): RelatedSpan[] {
  return definitions.map((definition) => ({
    target: definition,
    span: definition.facts.kind === 'Service' ? nameSpan(definition) : exportToSpan(definition),
    message: `${definition.facts.kind} ${qualified(definition)} is exported to ${exportWords(definition)}`,
  }));
}

/** IE340: a gateway has no cluster for a host it cannot see. */
function reportGateway({ report }: WorkspaceRuleContext, destination: DestinationFact, definitions: Resource[], sender: Sender): void {
  const { workload, namespace } = sender;
  const host = destination.host!;
  const entries = definitions.filter((definition) => definition.facts.kind === 'ServiceEntry');
  const how = entries.length ? `Add \`${namespace}\` to the exportTo of the ServiceEntry.` : `Add \`${namespace}\` to the Service's \`networking.istio.io/exportTo\` annotation.`;
  report({
    ...host.span,
    code: 'IE340',
    message:
      `The gateway \`${workload!.service}\` runs in namespace \`${namespace}\` (istioEgress.gateways setting) and applies this rule, but it sees nothing for \`${host.value}\`: ` +
      `${describe(definitions)} ${definitions.length > 1 ? 'are' : 'is'} not exported there. It has no cluster for the host, so the requests fail (503 for HTTP, a reset connection for TLS and TCP). ${how}`,
    data: exportFix(entries.map((entry) => exportTarget(entry, exportEntryFor(entry, namespace)))),
    related: [
      ...relatedOf(definitions),
      ...(sender.gateway ? [{ target: sender.gateway, span: sender.gateway.facts.gateway?.selector?.span ?? nameSpan(sender.gateway), message: `Gateway ${qualified(sender.gateway)} selects ${workload!.service} in ${namespace}` }] : []),
    ],
  });
}

/** IE346: the sidecars of the VirtualService's namespace have no cluster for the host. */
function reportSidecars({ view, report }: WorkspaceRuleContext, destination: DestinationFact, definitions: Resource[], namespace: string): void {
  const host = destination.host!;
  const policy = policyContext(view, namespace);
  const entries = definitions.filter((definition) => definition.facts.kind === 'ServiceEntry');
  const effect = policy.blocked
    ? 'requests routed here fail, and other traffic to the host is blocked'
    : 'requests this rule catches fail with 503 (there is no cluster for the host), and traffic no rule catches leaves the mesh unrouted';
  const ports = entries[0]?.facts.serviceEntry?.ports.flatMap((port) => (port.number ? [{ number: port.number.value, protocol: port.protocol?.value ?? 'TCP' }] : [])) ?? [];
  report({
    ...host.span,
    code: 'IE346',
    severity: policy.severity,
    message:
      `Workloads in \`${namespace}\` do not see \`${host.value}\`: ${describe(definitions)} ${definitions.length > 1 ? 'are' : 'is'} not exported to \`${namespace}\`, and ${policy.source}: ${effect}. ` +
      (entries.length ? `Add \`${namespace}\` to the ServiceEntry's exportTo, or declare the host in a ServiceEntry in \`${namespace}\`.` : `Add \`${namespace}\` to the Service's \`networking.istio.io/exportTo\` annotation.`),
    data: exportFix(
      entries.map((entry) => exportTarget(entry, exportEntryFor(entry, namespace))),
      { createServiceEntry: { host: host.value, namespace, ports } },
    ),
    related: [...relatedOf(definitions), ...policy.related],
  });
}
