// What the egress route checks need beyond the chain model in index/egressChain.ts: where each
// rule takes effect once spec.gateways is taken into account, which destinations lead to an
// egress gateway and which leave the mesh, and which hosts a rule covers.
import { egressChainOf, ruleScope, type BoundGateway, type ChainRule, type EgressChain } from '../../../index/egressChain';
import type { GatewayWorkload } from '../../../index/egressGateways';
import type { DestinationFact, MatchFact, RouteFact, Spanned } from '../../../index/facts';
import { hostsOverlap } from '../../../index/hosts';
import { fqdnOf, gatewayWorkloadByFqdn, gatewayWorkloadsSelectedBy, resolveGateway, virtualServicesFor, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { meantGateway } from './egressRoutesPlan';

export interface GatewayDestination {
  destination: DestinationFact;
  workload: GatewayWorkload;
}

export interface RouteView extends ChainRule {
  /** The rule applies to sidecars: it names (or implies) `mesh` and the VirtualService is bound to mesh. */
  atMesh: boolean;
  /** Bound Gateways the rule applies at. */
  atGateways: BoundGateway[];
  /** A match clause without `gateways` (or no match at all): the rule applies wherever the VirtualService does. */
  unscoped: boolean;
  /** Destinations that are an egress gateway's Service. */
  toGateway: GatewayDestination[];
  /** Destinations that are not a gateway's Service: where traffic leaves the chain. */
  out: DestinationFact[];
}

export interface ChainView {
  chain: EgressChain;
  vs: Resource;
  hosts: Spanned<string>[];
  routes: RouteView[];
  /** Bound Gateways that run on an egress gateway workload, or on every gateway for want of a selector. */
  egressGateways: BoundGateway[];
}

/** `ns/name` of a gateway reference as Istio resolves it (`mesh` stays `mesh`). */
export function gatewayKey(view: IndexView, reference: string, vsNamespace: string): string {
  const resolved = resolveGateway(view, reference, vsNamespace);
  return resolved ? `${resolved.namespace}/${resolved.name}` : reference;
}

/**
 * A Gateway without a selector (or with an empty one) is applied by Istio to every gateway
 * workload, the egress gateway included; the chain model only counts selectors it can match.
 */
export function runsOnEgress(gateway: BoundGateway): boolean {
  if (gateway.egress) return true;
  const facts = gateway.resolved?.resource?.facts.gateway;
  return !!facts && Object.keys(facts.selector?.value ?? {}).length === 0;
}

/**
 * The chain view of a VirtualService taking part in egress. With `anyBinding`, also of one that
 * is merely bound to a Gateway: a gateway-only VirtualService whose Gateway selects the wrong
 * workload is not an egress chain to the model, yet it is meant as the gateway half of one.
 */
export function chainView(view: IndexView, vs: Resource, anyBinding = false): ChainView | undefined {
  const chain = egressChainOf(view, vs) ?? (anyBinding ? bindingOnly(view, vs) : undefined);
  if (!chain) return undefined;
  const byKey = new Map(chain.gateways.map((gateway) => [gatewayKey(view, gateway.reference.value, vs.namespace), gateway]));
  const routes = chain.rules.map((rule) => routeView(view, vs, rule, chain.boundToMesh, byKey));
  return { chain, vs, hosts: vs.facts.virtualService?.hosts ?? [], routes, egressGateways: chain.gateways.filter(runsOnEgress) };
}

/** What egressChainOf would say of a VirtualService bound to Gateways, were they egress ones. */
function bindingOnly(view: IndexView, vs: Resource): EgressChain | undefined {
  const facts = vs.facts.virtualService;
  const names = facts?.gateways.map((gateway) => gateway.value) ?? [];
  if (!facts?.gatewaysWritten || !names.some((name) => name !== 'mesh')) return undefined;
  const gateways = facts.gateways
    .filter((reference) => reference.value !== 'mesh')
    .map((reference): BoundGateway => {
      const resolved = resolveGateway(view, reference.value, vs.namespace);
      const workloads = gatewayWorkloadsSelectedBy(view.settings, resolved?.resource?.facts.gateway?.selector?.value);
      return { reference, resolved, workloads, egress: workloads.some((workload) => workload.role === 'egress') };
    });
  const rules = facts.routes.map((route) => ({ route, scope: ruleScope(route, names, true), destinations: route.destinations.filter((d) => d.role === 'route') }));
  return { vs, gateways, boundToMesh: names.includes('mesh'), meshToGateway: [], gatewayToExternal: [], rules };
}

function routeView(view: IndexView, vs: Resource, rule: ChainRule, boundToMesh: boolean, bound: Map<string, BoundGateway>): RouteView {
  const atGateways = new Set<BoundGateway>();
  for (const name of rule.scope.gateways) {
    const gateway = bound.get(gatewayKey(view, name, vs.namespace));
    if (gateway) atGateways.add(gateway);
  }
  const toGateway: GatewayDestination[] = [];
  const out: DestinationFact[] = [];
  for (const destination of rule.destinations) {
    if (!destination.host) continue;
    // A host meant as the egress gateway but resolving elsewhere is IE409's; the rest of the
    // chain is judged as if it were written right, so that the slip is reported once.
    const workload = gatewayWorkloadByFqdn(view.settings, fqdnOf(view, destination.host.value, vs.namespace)) ?? meantGateway(view, destination.host.value, vs.namespace)?.workload;
    if (workload?.role === 'egress') toGateway.push({ destination, workload });
    else if (!workload) out.push(destination);
  }
  return { ...rule, atMesh: rule.scope.mesh && boundToMesh, atGateways: [...atGateways], unscoped: isUnscoped(rule.route), toGateway, out };
}

/**
 * Whether traffic arriving at a Gateway can match a rule's clauses without `match.gateways`:
 * at a gateway, a clause's `port` is the server port the traffic arrived on.
 */
export function unscopedAtGateway(route: RouteFact, gateway: BoundGateway): boolean {
  const ports = gateway.resolved?.resource?.facts.gateway?.servers.flatMap((server) => server.port?.number?.value ?? []);
  const open = route.matches.filter((match) => match.gateways.length === 0);
  if (route.matches.length === 0 || !ports?.length) return true;
  return open.some((match) => !match.port || ports.includes(match.port.value));
}

export function isUnscoped(route: RouteFact): boolean {
  return route.matches.length === 0 || route.matches.some((match) => match.gateways.length === 0);
}

/** Whether a rule carries traffic for `host`: TLS rules only for the SNI names they match. */
export function covers(route: RouteFact, host: string): boolean {
  if (route.kind !== 'tls' || route.matches.length === 0) return true;
  return route.matches.some((match: MatchFact) => match.sniHosts.length === 0 || match.sniHosts.some((sni) => hostsOverlap(sni.value.toLowerCase(), host.toLowerCase())));
}

/** The rule as written sends sidecar traffic for `host` to an egress gateway (binding aside). */
export const isMeshHalf = (route: RouteView, host: string) => route.scope.mesh && route.toGateway.length > 0 && covers(route.route, host);

/** The rule as written routes traffic arriving at a Gateway out to a non-gateway host (binding aside). */
export const isGatewayHalf = (route: RouteView, host: string) => route.scope.gateways.length > 0 && route.out.length > 0 && covers(route.route, host);

/** Other VirtualServices for `host` that take part in egress. */
export function otherChains(view: IndexView, vs: Resource, host: string): ChainView[] {
  return virtualServicesFor(view, fqdnOf(view, host, vs.namespace))
    .filter((other) => other !== vs)
    .flatMap((other) => chainView(view, other, true) ?? []);
}

/** Another VirtualService sends sidecar traffic for `host` to an egress gateway. */
export function meshHalfElsewhere(view: IndexView, vs: Resource, host: string): ChainView | undefined {
  return otherChains(view, vs, host).find((other) => other.routes.some((route) => route.atMesh && isMeshHalf(route, host)));
}

/** Another VirtualService routes traffic for `host` out from an egress Gateway. */
export function gatewayHalfElsewhere(view: IndexView, vs: Resource, host: string): ChainView | undefined {
  // Any bound Gateway counts: one on the wrong workload is IE406's, reported on that Gateway.
  return otherChains(view, vs, host).find((other) => other.routes.some((route) => route.atGateways.length > 0 && isGatewayHalf(route, host)));
}

/** Another VirtualService bound to mesh that routes `host` somewhere other than an egress gateway. */
export function directMeshRouteElsewhere(view: IndexView, vs: Resource, host: string): Resource | undefined {
  return virtualServicesFor(view, fqdnOf(view, host, vs.namespace)).find((other) => {
    const facts = other.facts.virtualService;
    if (other === vs || !facts) return false;
    const names = facts.gateways.map((gateway) => gateway.value);
    if (facts.gatewaysWritten && !names.includes('mesh')) return false;
    return facts.routes.some(
      (route) =>
        ruleScope(route, names, facts.gatewaysWritten).mesh &&
        covers(route, host) &&
        route.destinations.some(
          (d) => d.role === 'route' && d.host && !gatewayWorkloadByFqdn(view.settings, fqdnOf(view, d.host.value, other.namespace)) && !meantGateway(view, d.host.value, other.namespace),
        ),
    );
  });
}

/** The hosts of a VirtualService a rule serves, concrete names first (they make usable destinations). */
export function hostsServed(chain: ChainView, route: RouteFact): Spanned<string>[] {
  return chain.hosts.filter((host) => covers(route, host.value));
}

export const nameOf = (resource: Resource) => `${resource.namespace}/${resource.name}`;
export const noSpan = { start: 0, end: 0 };
