// Visibility of an egress chain's own pieces, checked on its VirtualService: the egress gateway
// only reads VirtualServices exported to its namespace, and the client namespace must see a
// ServiceEntry for the host its workloads call, or their sidecars have no listener that sends
// the host to the gateway.
import type { EgressChain } from '../../../index/egressChain';
import { fqdnOf, serviceEntriesFor, visibleTo, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { WorkspaceRuleContext } from '../workspaceRules';
import { exportFix, exportTarget, policyContext, unlistenedOutcome } from './visibilityData';
import { clientNamespaces, describeExportTo, exportEntryFor, exportToSpan, isClusterHost, nameSpan, qualified, serviceEntriesVisibleTo } from './visibilityLookup';

/** IE341: the gateway proxy only reads VirtualServices exported to its own namespace. */
export function checkVirtualServiceExport({ resource, report }: WorkspaceRuleContext, chain: EgressChain): void {
  if (!chain.gatewayToExternal.length) return;
  const seen = new Set<string>();
  for (const gateway of chain.gateways.filter((bound) => bound.egress)) {
    for (const workload of gateway.workloads.filter((candidate) => candidate.role === 'egress')) {
      if (visibleTo(resource, workload.namespace) || seen.has(workload.namespace)) continue;
      seen.add(workload.namespace);
      const gatewayResource = gateway.resolved?.resource;
      report({
        ...exportToSpan(resource),
        code: 'IE341',
        message:
          `The egress gateway \`${workload.service}\` runs in namespace \`${workload.namespace}\` (istioEgress.gateways setting) and reads only VirtualServices exported there; ` +
          `with exportTo ${describeExportTo(resource)} it ignores this VirtualService's rules for Gateway \`${gateway.reference.value}\`, so requests reaching the gateway find no route (404 for HTTP, a closed connection for TLS). ` +
          `Add \`${workload.namespace}\` to exportTo.`,
        data: exportFix([exportTarget(resource, exportEntryFor(resource, workload.namespace))]),
        related: gatewayResource
          ? [{ target: gatewayResource, span: gatewayResource.facts.gateway?.selector?.span ?? nameSpan(gatewayResource), message: `Gateway ${qualified(gatewayResource)} selects ${workload.service} in ${workload.namespace}` }]
          : [],
      });
    }
  }
}

/** IE342: each client namespace (see clientNamespaces) must see a ServiceEntry for the hosts it calls. */
export function checkClientServiceEntries(context: WorkspaceRuleContext, chain: EgressChain): void {
  if (!chain.boundToMesh || !chain.meshToGateway.length) return;
  for (const client of clientNamespaces(context.view, context.resource)) checkClient(context, chain, client);
}

function checkClient({ resource, view, report }: WorkspaceRuleContext, chain: EgressChain, client: string): void {
  for (const host of resource.facts.virtualService?.hosts ?? []) {
    const fqdn = fqdnOf(view, host.value, resource.namespace);
    if (isClusterHost(view, fqdn)) continue;
    const entries = serviceEntriesFor(view, fqdn);
    // None at all is the references family's finding. Istio also takes the Services that the
    // VirtualService's destinations name from the client namespace itself, whatever their exportTo.
    if (!entries.length || serviceEntriesVisibleTo(view, fqdn, client).length || entries.some((entry) => entry.namespace === client)) continue;
    // A mesh rule that routes to the host itself is reported on that destination (IE346).
    if (routedOnPort80Only(chain, entries) || routedDirectly(view, chain, fqdn, resource.namespace)) continue;
    const policy = policyContext(view, client);
    const ports = entries[0].facts.serviceEntry?.ports.flatMap((port) => (port.number ? [{ number: port.number.value, protocol: port.protocol?.value ?? 'TCP' }] : [])) ?? [];
    report({
      ...host.span,
      code: 'IE342',
      severity: policy.severity,
      message:
        `Workloads in \`${client}\` see no ServiceEntry for \`${host.value}\`: ${listWords(entries.map(qualified), 'and')} ${entries.length > 1 ? 'are' : 'is'} not exported to \`${client}\`. ` +
        `Their sidecars then have no listener that sends this host to the egress gateway, and ${policy.source}: ${unlistenedOutcome(policy)}. ` +
        `Add \`${client}\` to the ServiceEntry's exportTo, or declare the host in a ServiceEntry in \`${client}\`.`,
      data: exportFix(
        entries.map((entry) => exportTarget(entry, exportEntryFor(entry, client))),
        { createServiceEntry: { host: host.value, namespace: client, ports } },
      ),
      related: [
        ...entries.map((entry) => ({ target: entry, span: exportToSpan(entry), message: `ServiceEntry ${qualified(entry)} is exported to ${describeExportTo(entry)}` })),
        ...policy.related,
      ],
    });
  }
}

function routedDirectly(view: IndexView, chain: EgressChain, fqdn: string, vsNamespace: string): boolean {
  return chain.rules.some((rule) => rule.scope.mesh && rule.destinations.some((destination) => !!destination.host && fqdnOf(view, destination.host.value, vsNamespace) === fqdn));
}

/**
 * Istio gives VirtualService hosts that are in no registry a virtual host on port 80, so plain
 * HTTP on port 80 reaches the egress gateway without a ServiceEntry on the client side.
 */
function routedOnPort80Only(chain: EgressChain, entries: readonly Resource[]): boolean {
  if (!chain.meshToGateway.every((rule) => rule.route.kind === 'http')) return false;
  const ports = new Set<number>();
  for (const rule of chain.meshToGateway) {
    const clauses = rule.route.matches;
    if (clauses.length && clauses.every((clause) => clause.port)) clauses.forEach((clause) => ports.add(clause.port!.value));
    else for (const entry of entries) for (const port of entry.facts.serviceEntry?.ports ?? []) if (port.number) ports.add(port.number.value);
  }
  return ports.size > 0 && [...ports].every((port) => port === 80);
}
