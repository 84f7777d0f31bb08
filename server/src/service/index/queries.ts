// Questions rules ask of the workspace. Every lookup goes through an IndexView, which records
// the keys read so that cached answers can be reused until one of them changes.
import type { ServiceSettings } from '../settings';
import { gatewayFqdn, selectorMatches, type GatewayWorkload } from './egressGateways';
import type { PortFact } from './facts';
import { hostMatches, toFqdn } from './hosts';
import { isVisibleTo } from './visibility';
import { KEY, type Resource } from './workspaceIndex';

export interface IndexView {
  readonly settings: ServiceSettings;
  lookup(key: string): readonly Resource[];
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
  return [...new Set([...exact, ...wildcard])];
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
  return [...new Set([...exact, ...wildcard])].filter((dr) => clientNamespace === undefined || visibleTo(dr, clientNamespace));
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
  if (reference === 'mesh' || !reference) return undefined;
  let namespace = vsNamespace;
  let name = reference;
  let legacy = false;
  const slash = reference.indexOf('/');
  if (slash >= 0) {
    namespace = reference.slice(0, slash);
    name = reference.slice(slash + 1);
  } else if (reference.includes('.')) {
    const [first, second] = reference.split('.');
    name = first;
    namespace = second;
    legacy = true;
  }
  if (namespace === '.') namespace = vsNamespace;
  return { namespace, name, legacy, resource: view.lookup(KEY.gateway(namespace, name))[0] };
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
