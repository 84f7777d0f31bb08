// Questions rules ask of the workspace. Every lookup goes through an IndexView, which records
// the keys read so that cached answers can be reused until one of them changes.
import type { ServiceSettings } from '../settings';
import { gatewayFqdn, selectorMatches, type GatewayWorkload } from './egressGateways';
import type { PortFact } from './facts';
import { hostMatches, toFqdn } from './hosts';
import { gatewayName } from './gatewayRefs';
import { isVisibleTo } from './visibility';
import { KEY, serverHostName, type Resource } from './workspaceIndex';

export interface IndexView {
  readonly settings: ServiceSettings;
  lookup(key: string): readonly Resource[];
  /**
   * Derived facts about a resource (e.g. its egress chain), computed once while one resource's
   * rules run. Only valid within that run: the lookups behind them are recorded there.
   */
  remember?<T>(resource: Resource, what: string, compute: () => T): T;
  /**
   * An answer shared by every resource's rules until one of `keys` changes, for questions many
   * resources ask alike (e.g. which DestinationRules the egress gateway's clients apply).
   * `compute` must read nothing but those keys (and settings).
   */
  shared?<T>(question: string, keys: readonly string[], compute: () => T): T;
}

export function fqdnOf(view: IndexView, host: string, namespace: string): string {
  return toFqdn(host, namespace, view.settings.clusterDomain);
}

export function resourcesOfKind(view: IndexView, kind: Resource['facts']['kind']): readonly Resource[] {
  return view.lookup(KEY.kind(kind));
}

export function visibleTo(resource: Resource, clientNamespace: string): boolean {
  const exportTo = resource.facts.kind === 'Service' ? resource.facts.service?.exportTo : resource.facts.exportTo?.map((entry) => entry.value);
  return isVisibleTo(exportTo, resource.namespace, clientNamespace);
}

/** ServiceEntries with a host covering `fqdn`, whatever their visibility. */
export function serviceEntriesFor(view: IndexView, fqdn: string): Resource[] {
  const exact = view.lookup(KEY.serviceEntryHost(fqdn));
  const wildcard = view.lookup(KEY.serviceEntryWildcards).filter((se) => se.facts.serviceEntry?.hosts.some((host) => hostMatches(host.value, fqdn)));
  return wildcard.length ? [...new Set([...exact, ...wildcard])] : [...exact];
}

export function kubernetesServiceFor(view: IndexView, fqdn: string): Resource | undefined {
  return view.lookup(KEY.service(fqdn))[0];
}

export interface KnownHost {
  kind: 'ServiceEntry' | 'Service' | 'Gateway workload';
  resource?: Resource;
  gateway?: GatewayWorkload;
  ports: Array<{ number: number; name?: string; protocol?: string }>;
}

/**
 * What a destination host resolves to for a client in `clientNamespace`: a visible ServiceEntry,
 * a Kubernetes Service in the workspace, or a configured gateway's Service.
 */
export function knownHost(view: IndexView, fqdn: string, clientNamespace: string): KnownHost | undefined {
  const entry = serviceEntriesFor(view, fqdn).find((se) => visibleTo(se, clientNamespace));
  if (entry) return { kind: 'ServiceEntry', resource: entry, ports: portsOf(entry.facts.serviceEntry?.ports ?? []) };
  const service = kubernetesServiceFor(view, fqdn);
  if (service && visibleTo(service, clientNamespace)) {
    const ports = (service.facts.service?.ports ?? []).flatMap((port) => (port.port ? [{ number: port.port, name: port.name, protocol: port.protocol }] : []));
    return { kind: 'Service', resource: service, ports };
  }
  const gateway = gatewayWorkloadByFqdn(view.settings, fqdn);
  if (gateway) return { kind: 'Gateway workload', gateway, ports: gateway.ports };
  return undefined;
}

function portsOf(ports: readonly PortFact[]): KnownHost['ports'] {
  return ports.flatMap((port) => (port.number ? [{ number: port.number.value, name: port.name?.value, protocol: port.protocol?.value }] : []));
}

/** DestinationRules whose host covers `fqdn` and that a client in `clientNamespace` can see. */
export function destinationRulesFor(view: IndexView, fqdn: string, clientNamespace?: string): Resource[] {
  const exact = view.lookup(KEY.destinationRuleHost(fqdn));
  const wildcard = view.lookup(KEY.destinationRuleWildcards).filter((dr) => {
    const host = dr.facts.destinationRule?.host?.value;
    return !!host && hostMatches(host, fqdn);
  });
  const all = wildcard.length ? [...new Set([...exact, ...wildcard])] : exact;
  return clientNamespace === undefined ? [...all] : all.filter((dr) => visibleTo(dr, clientNamespace));
}

export function virtualServicesFor(view: IndexView, fqdn: string): Resource[] {
  const exact = view.lookup(KEY.virtualServiceHost(fqdn));
  const wildcard = view.lookup(KEY.virtualServiceWildcards).filter((vs) => vs.facts.virtualService?.hosts.some((host) => hostMatches(host.value, fqdn)));
  return [...new Set([...exact, ...wildcard])];
}

export function virtualServicesRoutingTo(view: IndexView, fqdn: string): readonly Resource[] {
  return view.lookup(KEY.routesTo(fqdn));
}

export interface GatewayReference {
  namespace: string;
  name: string;
  /** The Gateway resource, when the workspace has it. */
  resource?: Resource;
  /** The legacy `name.namespace` form was used. */
  legacy: boolean;
}

/**
 * Resolves a VirtualService's gateway reference: `ns/name`, or a bare `name` in the
 * VirtualService's own namespace, or the legacy `name.namespace`. `mesh` is not a Gateway.
 */
export function resolveGateway(view: IndexView, reference: string, vsNamespace: string): GatewayReference | undefined {
  const named = gatewayName(reference, vsNamespace);
  return named && { ...named, resource: view.lookup(KEY.gateway(named.namespace, named.name))[0] };
}

/** VirtualServices that name a Gateway in `spec.gateways` or in a `match.gateways`, in any of the accepted forms. */
export function virtualServicesBoundTo(view: IndexView, namespace: string, name: string): readonly Resource[] {
  return view.lookup(KEY.boundTo(namespace, name));
}

/** VirtualServices with a destination that uses this subset of this host. */
export function virtualServicesUsingSubset(view: IndexView, fqdn: string, subset: string): readonly Resource[] {
  return view.lookup(KEY.subsetUse(fqdn, subset));
}

/** DestinationRules defining a subset for a host (exact hosts by key; wildcard hosts checked). */
export function destinationRulesDefiningSubset(view: IndexView, fqdn: string, subset: string): Resource[] {
  const defines = (dr: Resource) => !!dr.facts.destinationRule?.subsets.some((entry) => entry.name.value === subset);
  const wildcard = view.lookup(KEY.destinationRuleWildcards).filter((dr) => {
    const host = dr.facts.destinationRule?.host?.value;
    return !!host && hostMatches(host, fqdn) && defines(dr);
  });
  const exact = view.lookup(KEY.subsetDef(fqdn, subset));
  return wildcard.length ? [...exact, ...wildcard] : [...exact];
}

/** Gateways with a server for a host name (as written, the `namespace/` part ignored). */
export function gatewaysServing(view: IndexView, host: string): readonly Resource[] {
  return view.lookup(KEY.gatewayServerHost(serverHostName(host)));
}

/** DestinationRules for an exact host, in one namespace, that set a top-level trafficPolicy. */
export function destinationRulesWithPolicy(view: IndexView, fqdn: string, namespace: string): readonly Resource[] {
  return view.lookup(KEY.destinationRulePolicy(fqdn, namespace));
}

/** DestinationRules in one namespace for a host (exact hosts by key; wildcard hosts checked). */
export function destinationRulesIn(view: IndexView, fqdn: string, namespace: string): Resource[] {
  const wildcard = view.lookup(KEY.destinationRuleWildcards).filter((dr) => {
    const host = dr.facts.destinationRule?.host?.value;
    return dr.namespace === namespace && !!host && hostMatches(host, fqdn);
  });
  const exact = view.lookup(KEY.destinationRuleIn(fqdn, namespace));
  return wildcard.length ? [...exact, ...wildcard] : (exact as Resource[]);
}

export function sidecarsIn(view: IndexView, namespace: string): readonly Resource[] {
  return view.lookup(KEY.sidecar(namespace));
}

export interface OutboundPolicy {
  mode: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  /** The Sidecar that decides it, or undefined when the mesh setting does. */
  source?: Resource;
}

/**
 * The outbound policy of workloads in a namespace. The namespace's selector-less Sidecar
 * replaces the root namespace's default Sidecar entirely; without an outboundTrafficPolicy
 * of its own, the mesh default from settings applies.
 */
export function outboundPolicy(view: IndexView, namespace: string): OutboundPolicy {
  for (const candidate of [namespace, view.settings.rootNamespace]) {
    const sidecar = sidecarsIn(view, candidate).find((resource) => !resource.facts.sidecar?.workloadSelectorWritten);
    if (!sidecar) continue;
    const mode = sidecar.facts.sidecar?.outboundMode;
    // The zero value of the mode is REGISTRY_ONLY: `outboundTrafficPolicy: {}` means that.
    if (mode) return { mode: mode.value === 'ALLOW_ANY' ? 'ALLOW_ANY' : 'REGISTRY_ONLY', source: sidecar };
    return { mode: view.settings.meshOutboundTrafficPolicy };
  }
  return { mode: view.settings.meshOutboundTrafficPolicy };
}

export function gatewayWorkloadByFqdn(settings: ServiceSettings, fqdn: string): GatewayWorkload | undefined {
  return settings.gateways.find((gateway) => gatewayFqdn(gateway, settings.clusterDomain) === fqdn);
}

/** The configured gateway workloads a Gateway's selector picks (undefined: the Gateway is unknown, so none). */
export function gatewayWorkloadsSelectedBy(settings: ServiceSettings, selector: Record<string, string> | undefined): GatewayWorkload[] {
  return selector ? settings.gateways.filter((gateway) => selectorMatches(selector, gateway.labels)) : [];
}
