// Choices the egress route fixes make: which egress gateway, which Gateway, which ports and
// subset a missing rule should use, read from the other half of the chain where possible.
import type { BoundGateway } from '../../../index/egressChain';
import { gatewayFqdn, selectorMatches, type GatewayWorkload } from '../../../index/egressGateways';
import type { RouteFact, ServerFact } from '../../../index/facts';
import { hostsOverlap, isWildcard } from '../../../index/hosts';
import { destinationRulesFor, fqdnOf, gatewayWorkloadByFqdn, knownHost, resourcesOfKind, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';

/** The egress workload a bound Gateway runs on; a selector-less Gateway runs on the first configured one. */
export function egressWorkloadOf(view: IndexView, gateway: BoundGateway): GatewayWorkload | undefined {
  return gateway.workloads.find((workload) => workload.role === 'egress') ?? view.settings.gateways.find((workload) => workload.role === 'egress');
}

export function workloadFqdn(view: IndexView, workload: GatewayWorkload): string {
  return gatewayFqdn(workload, view.settings.clusterDomain);
}

/** The first `port` a rule's match clauses name. */
export function matchPort(route: RouteFact): number | undefined {
  return route.matches.find((match) => match.port)?.port?.value;
}

/** The port of `host` a new rule should use: the only port its ServiceEntry declares, if that is so. */
export function servicePort(view: IndexView, host: string, namespace: string): number | undefined {
  const ports = knownHost(view, fqdnOf(view, host, namespace), namespace)?.ports ?? [];
  return ports.length === 1 ? ports[0].number : undefined;
}

/** A subset of a DestinationRule for the egress gateway that is named after the host (`httpbin` for httpbin.org). */
export function subsetFor(view: IndexView, gateway: GatewayWorkload, host: string, namespace: string): string | undefined {
  const names = destinationRulesFor(view, workloadFqdn(view, gateway), namespace).flatMap((dr) => dr.facts.destinationRule?.subsets.map((subset) => subset.name.value) ?? []);
  const labels = host.toLowerCase().split('.');
  return names.find((name) => labels.includes(name.toLowerCase()));
}

/** How a VirtualService in `namespace` names a Gateway. */
export function referenceTo(gateway: Resource, namespace: string): string {
  return gateway.namespace === namespace ? gateway.name : `${gateway.namespace}/${gateway.name}`;
}

/**
 * The host a server entry offers to VirtualServices in `vsNamespace`: `ns/host` only to that
 * namespace (`.` is the Gateway's own, `*` any), a bare host to every namespace.
 */
export function serverHostFor(entry: string, gatewayNamespace: string, vsNamespace: string): string | undefined {
  const slash = entry.indexOf('/');
  if (slash < 0) return entry;
  const namespace = entry.slice(0, slash) === '.' ? gatewayNamespace : entry.slice(0, slash);
  return namespace === '*' || namespace === vsNamespace ? entry.slice(slash + 1) : undefined;
}

export function serverCovers(server: ServerFact, gatewayNamespace: string, vsNamespace: string, host: string): boolean {
  return server.hosts.some((entry) => {
    const offered = serverHostFor(entry.value, gatewayNamespace, vsNamespace);
    return offered !== undefined && hostsOverlap(offered.toLowerCase(), host.toLowerCase());
  });
}

/** Gateways in the workspace that run on `workload` and offer `host` to the VirtualService's namespace. */
export function gatewaysOffering(view: IndexView, workload: GatewayWorkload, host: string, vsNamespace: string): Resource[] {
  return resourcesOfKind(view, 'Gateway')
    .filter((gateway) => {
      const facts = gateway.facts.gateway;
      return !!facts?.selector && selectorMatches(facts.selector.value, workload.labels) && facts.servers.some((server) => serverCovers(server, gateway.namespace, vsNamespace, host));
    })
    .sort((a, b) => Number(b.namespace === vsNamespace) - Number(a.namespace === vsNamespace));
}

/** A host a destination can name: wildcards cannot be routed to. */
export const routable = (host: string) => !isWildcard(host);

/** The egress gateway a host was probably meant to name, when it resolves elsewhere. */
export function meantGateway(view: IndexView, host: string, namespace: string): { workload: GatewayWorkload; fqdn: string; short: boolean } | undefined {
  const fqdn = fqdnOf(view, host, namespace);
  if (gatewayWorkloadByFqdn(view.settings, fqdn)) return undefined;
  const first = host.split('.')[0];
  for (const workload of view.settings.gateways) {
    const target = gatewayFqdn(workload, view.settings.clusterDomain);
    if (workload.role !== 'egress' || workload.service !== first) continue;
    // A full name in another namespace is deliberate; short and partial names are slips.
    // A Service or ServiceEntry of that name in the workspace makes the short name deliberate.
    if (!host.includes('.')) return knownHost(view, fqdn, namespace) ? undefined : { workload, fqdn: target, short: true };
    if (target.startsWith(`${host}.`)) return { workload, fqdn: target, short: false };
  }
  return undefined;
}
