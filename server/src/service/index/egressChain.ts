// The egress chain of a VirtualService: which of its rules carry mesh traffic to an egress
// gateway, and which carry traffic arriving at that gateway out to the external host.
import type { DestinationFact, RouteFact, Spanned } from './facts';
import { gatewayWorkloadByFqdn, gatewayWorkloadsSelectedBy, fqdnOf, resolveGateway, type GatewayReference, type IndexView } from './queries';
import type { GatewayWorkload } from './egressGateways';
import type { Resource } from './workspaceIndex';

/** Where a rule applies: `mesh` (sidecars) and/or Gateways, as the VirtualService names them. */
export interface RuleScope {
  mesh: boolean;
  /** `spec.gateways` entries (as written) the rule applies to, `mesh` excluded. */
  gateways: string[];
}

export interface BoundGateway {
  /** The entry in `spec.gateways`. */
  reference: Spanned<string>;
  resolved?: GatewayReference;
  /** The gateway workloads the Gateway's selector picks (from settings). */
  workloads: GatewayWorkload[];
  /** True when one of those workloads is an egress gateway. */
  egress: boolean;
}

export interface ChainRule {
  route: RouteFact;
  scope: RuleScope;
  /** Destinations that carry traffic (mirrors excluded). */
  destinations: DestinationFact[];
}

export interface EgressChain {
  vs: Resource;
  /** `spec.gateways` resolved, `mesh` excluded. */
  gateways: BoundGateway[];
  /** Whether `mesh` is among the VirtualService's gateways (true when `gateways` is omitted). */
  boundToMesh: boolean;
  /** Rules applying to sidecars whose destinations include an egress gateway's Service. */
  meshToGateway: Array<ChainRule & { gatewayDestinations: Array<{ destination: DestinationFact; workload: GatewayWorkload }> }>;
  /** Rules applying to an egress Gateway (and their destinations that are not gateways). */
  gatewayToExternal: Array<ChainRule & { gateway: BoundGateway }>;
  /** Every rule with its scope, for checks that need the rest. */
  rules: ChainRule[];
}

/** Which sidecars/Gateways a rule applies to, from its `match.gateways` and `spec.gateways`. */
export function ruleScope(route: RouteFact, specGateways: readonly string[], gatewaysWritten: boolean): RuleScope {
  const all = gatewaysWritten ? specGateways : ['mesh'];
  // Each match clause is an alternative; one without `gateways` applies wherever the VirtualService does.
  const clauses = route.matches.length ? route.matches : [undefined];
  const names = new Set<string>();
  for (const clause of clauses) for (const name of clause && clause.gateways.length ? clause.gateways.map((g) => g.value) : all) names.add(name);
  return { mesh: names.has('mesh'), gateways: [...names].filter((name) => name !== 'mesh') };
}

/**
 * The chain of a VirtualService, or undefined when it takes no part in egress routing (it
 * neither sends mesh traffic to an egress gateway nor is bound to a Gateway on one).
 */
export function egressChainOf(view: IndexView, vs: Resource): EgressChain | undefined {
  return view.remember ? view.remember(vs, 'egressChain', () => computeChain(view, vs)) : computeChain(view, vs);
}

function computeChain(view: IndexView, vs: Resource): EgressChain | undefined {
  const facts = vs.facts.virtualService;
  if (!facts) return undefined;
  const specGateways = facts.gateways.map((g) => g.value);
  const boundToMesh = !facts.gatewaysWritten || specGateways.includes('mesh');
  const gateways: BoundGateway[] = facts.gateways
    .filter((reference) => reference.value !== 'mesh')
    .map((reference) => {
      const resolved = resolveGateway(view, reference.value, vs.namespace);
      // A known Gateway without selector applies to every gateway workload.
      const gateway = resolved?.resource;
      const workloads = gatewayWorkloadsSelectedBy(view.settings, gateway ? (gateway.facts.gateway?.selector?.value ?? {}) : undefined);
      return { reference, resolved, workloads, egress: workloads.some((workload) => workload.role === 'egress') };
    });
  const rules: ChainRule[] = facts.routes.map((route) => ({
    route,
    scope: ruleScope(route, specGateways, facts.gatewaysWritten),
    destinations: route.destinations.filter((destination) => destination.role === 'route'),
  }));
  const meshToGateway: EgressChain['meshToGateway'] = [];
  for (const rule of rules) {
    if (!rule.scope.mesh) continue;
    const gatewayDestinations = rule.destinations.flatMap((destination) => {
      const workload = destination.host && gatewayWorkloadByFqdn(view.settings, fqdnOf(view, destination.host.value, vs.namespace));
      return workload && workload.role === 'egress' ? [{ destination, workload }] : [];
    });
    if (gatewayDestinations.length) meshToGateway.push({ ...rule, gatewayDestinations });
  }
  const gatewayToExternal: EgressChain['gatewayToExternal'] = [];
  for (const rule of rules) {
    for (const gateway of gateways) {
      if (gateway.egress && rule.scope.gateways.includes(gateway.reference.value)) gatewayToExternal.push({ ...rule, gateway });
    }
  }
  if (!meshToGateway.length && !gateways.some((gateway) => gateway.egress)) return undefined;
  return { vs, gateways, boundToMesh, meshToGateway, gatewayToExternal, rules };
}
