// What the protocol checks need to know about Istio's data plane, as read in istio/istio:
// which rule type each kind of listener uses, how a Gateway server treats traffic, and which
// DestinationRule TLS settings apply to one port of one subset.
import type { GatewayWorkload } from '../../../index/egressGateways';
import type { MatchFact, PortFact, PortPolicyFact, RouteFact, RouteKind, ServerFact, SubsetFact, TlsFact, TrafficPolicyFact, VirtualServiceFacts } from '../../../index/facts';
import { hostMatches } from '../../../index/hosts';
import { destinationRulesDefiningSubset, destinationRulesFor, destinationRulesIn, fqdnOf, serviceEntriesFor, visibleTo, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';

/**
 * The rule type a sidecar listener for a port of this protocol uses (pkg/config/protocol):
 * HTTP-family ports get an HTTP listener that only reads `http` rules; TLS and HTTPS ports get a
 * TCP listener that routes on SNI with `tls` rules; other TCP protocols take `tcp` rules.
 * Undefined for a missing protocol (sniffed: `http` and `tcp` rules, never `tls`) and UDP.
 */
export function routeKindOfProtocol(protocol: string | undefined): RouteKind | undefined {
  switch ((protocol ?? '').toLowerCase()) {
    case 'http':
    case 'http2':
    case 'grpc':
    case 'grpc-web':
    case 'http_proxy':
      return 'http';
    case 'https':
    case 'tls':
      return 'tls';
    case 'tcp':
    case 'mongo':
    case 'redis':
    case 'mysql':
      return 'tcp';
  }
  return undefined;
}

/** How a Gateway server treats what arrives (pilot/pkg/networking/core/gateway.go). */
export type ServerClass = 'plain-http' | 'istio-mtls' | 'terminate' | 'passthrough' | 'tcp';

/** A server `tls` block without `mode` is PASSTHROUGH, the enum's zero value. */
export function serverTlsMode(server: ServerFact): string | undefined {
  return server.tlsMode?.value ?? (server.tls ? 'PASSTHROUGH' : undefined);
}

/** Undefined for shapes Istio rejects or ignores VirtualServices on (AUTO_PASSTHROUGH). */
export function serverClass(server: ServerFact): ServerClass | undefined {
  const kind = routeKindOfProtocol(server.port?.protocol?.value);
  const mode = serverTlsMode(server);
  if (kind === 'http') return 'plain-http';
  if (kind === 'tcp') return mode === undefined ? 'tcp' : undefined;
  if (kind !== 'tls' || mode === undefined) return undefined;
  if (mode === 'PASSTHROUGH') return 'passthrough';
  if (mode === 'ISTIO_MUTUAL') return 'istio-mtls';
  if (mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL') return 'terminate';
  return undefined;
}

/**
 * The rule type that reaches a server: HTTP servers and HTTPS servers that terminate TLS build an
 * HTTP connection manager (`http` rules); passthrough servers route on SNI (`tls` rules); TLS and
 * TCP servers that end in a TCP proxy take `tcp` rules, after terminating TLS if they do.
 */
export function serverRouteKind(server: ServerFact): RouteKind | undefined {
  const kind = serverClass(server);
  if (kind === 'plain-http') return 'http';
  if (kind === 'passthrough') return 'tls';
  if (kind === 'tcp') return 'tcp';
  if (kind === undefined) return undefined;
  return server.port?.protocol?.value.toLowerCase() === 'https' ? 'http' : 'tcp';
}

/**
 * Whether a server can take what a mesh-side rule of this type carries, leaving DestinationRule
 * TLS aside: plain HTTP has no SNI for a passthrough server, and a plain HTTP server cannot parse
 * the client's TLS.
 */
export function carriesToServer(kind: RouteKind, server: ServerFact): boolean {
  const serverKind = serverClass(server);
  return !((kind === 'http' && serverKind === 'passthrough') || (kind === 'tls' && serverKind === 'plain-http'));
}

export function describeServer(server: ServerFact): string {
  const mode = serverTlsMode(server);
  return `${server.port?.number?.value ?? '?'} (${server.port?.protocol?.value ?? 'no protocol'}${mode ? ` ${mode}` : ''})`;
}

/** Server hosts without their `namespace/` prefix, as the gateway matches SNI against them. */
export function serverSniHosts(server: ServerFact): string[] {
  return server.hosts.map((host) => host.value.slice(host.value.indexOf('/') + 1));
}

export function serverAcceptsSni(server: ServerFact, sni: string): boolean {
  return serverSniHosts(server).some((host) => host === '*' || hostMatches(host, sni));
}

/** The match clauses of a rule that apply at `target` (`mesh` or a spec.gateways entry); `undefined` stands for "no match". */
export function clausesAt(vs: VirtualServiceFacts, rule: RouteFact, target: string): Array<MatchFact | undefined> {
  const all = vs.gatewaysWritten ? vs.gateways.map((gateway) => gateway.value) : ['mesh'];
  if (!rule.matches.length) return all.includes(target) ? [undefined] : [];
  return rule.matches.filter((match) => (match.gateways.length ? match.gateways.some((gateway) => gateway.value === target) : all.includes(target)));
}

export interface HostPort {
  number: number;
  protocol?: string;
  se: Resource;
  port: PortFact;
}

/** The ports the ServiceEntries for some hosts declare (first declaration of each number wins). */
export function serviceEntryPorts(view: IndexView, hosts: readonly string[], namespace: string): HostPort[] {
  const out: HostPort[] = [];
  for (const host of hosts) {
    for (const se of serviceEntriesFor(view, fqdnOf(view, host, namespace))) {
      for (const port of se.facts.serviceEntry?.ports ?? []) {
        const number = port.number?.value;
        if (number !== undefined && !out.some((known) => known.number === number)) out.push({ number, protocol: port.protocol?.value, se, port });
      }
    }
  }
  return out;
}

export function describePorts(ports: ReadonlyArray<{ number: number; protocol?: string }>): string {
  return ports.map((port) => `${port.number}${port.protocol ? ` (${port.protocol})` : ''}`).join(', ');
}

export function sameWorkload(a: GatewayWorkload, b: GatewayWorkload): boolean {
  return a.service === b.service && a.namespace === b.namespace;
}

/**
 * The DestinationRule a proxy in `proxyNamespace` uses for a host (PushContext.destinationRule):
 * its own namespace first, then the service's namespace, then the root namespace; DRs anywhere
 * else do not apply, but are taken as a last resort so that a misplaced DR (another check's
 * business) does not also read as "no TLS". Within a namespace an exact host beats a wildcard;
 * rules for one host in one namespace are merged, so the one defining the subset is taken.
 */
export function selectDestinationRule(view: IndexView, fqdn: string, proxyNamespace: string, serviceNamespace: string | undefined, subset?: string): Resource | undefined {
  const order = [proxyNamespace, serviceNamespace, view.settings.rootNamespace].filter((ns): ns is string => !!ns);
  // Rules defining the subset, found by key: a namespace may hold a thousand rules for the gateway's host.
  const defining = subset ? destinationRulesDefiningSubset(view, fqdn, subset) : [];
  const exact = (dr: Resource) => !!dr.facts.destinationRule?.host && fqdnOf(view, dr.facts.destinationRule.host.value, dr.namespace) === fqdn;
  for (const ns of order) {
    const applies = (dr: Resource) => dr.namespace === ns && (ns === proxyNamespace || visibleTo(dr, proxyNamespace));
    const definingHere = defining.filter(applies);
    // An exact rule of this namespace defining the subset is the answer, whatever else is there.
    const direct = definingHere.find(exact);
    if (direct) return direct;
    const inNamespace = destinationRulesIn(view, fqdn, ns);
    if (!inNamespace.some(applies)) continue;
    // Exact hosts beat wildcards; among the rules of one namespace (merged) the one defining the subset.
    return definingHere.find(exact) ?? inNamespace.find((dr) => applies(dr) && exact(dr)) ?? definingHere[0] ?? inNamespace.find(applies);
  }
  const all = destinationRulesFor(view, fqdn);
  return defining[0] ?? all[0];
}

export interface EffectiveTls {
  dr?: Resource;
  subset?: SubsetFact;
  /** The `tls` block that applies, if any. */
  tls?: TlsFact;
  /** Its mode: DISABLE when the block has none; NONE when no block applies (auto mTLS decides). */
  mode: string;
}

function policyTls(policy: TrafficPolicyFact | undefined, port: number | undefined): { portLevel?: PortPolicyFact; tls?: TlsFact } {
  const portLevel = port === undefined ? undefined : policy?.portLevel.find((entry) => entry.port?.value === port);
  return portLevel ? { portLevel, tls: portLevel.tls } : { tls: policy?.tls };
}

/**
 * The TLS settings for one port of one subset (MergeSubsetTrafficPolicy): a port-level entry
 * replaces the level above it wholesale, even where it sets no `tls`; a subset's policy
 * overrides the DestinationRule's.
 */
export function effectiveTls(dr: Resource | undefined, subsetName: string | undefined, port: number | undefined): EffectiveTls {
  const facts = dr?.facts.destinationRule;
  if (!dr || !facts) return { mode: 'NONE' };
  const subset = subsetName ? facts.subsets.find((s) => s.name.value === subsetName) : undefined;
  let tls = policyTls(facts.trafficPolicy, port).tls;
  if (subset?.trafficPolicy) {
    const own = policyTls(subset.trafficPolicy, port);
    if (own.portLevel || own.tls) tls = own.tls;
  }
  return { dr, subset, tls, mode: tls ? (tls.mode?.value ?? 'DISABLE') : 'NONE' };
}

export function originatesTls(mode: string): boolean {
  return mode === 'SIMPLE' || mode === 'MUTUAL';
}

export function sendsTls(mode: string): boolean {
  return originatesTls(mode) || mode === 'ISTIO_MUTUAL';
}

export function concreteHosts(hosts: ReadonlyArray<{ value: string }>): string[] {
  return hosts.map((host) => host.value).filter((host) => !host.startsWith('*'));
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
