// The egress chain of a VirtualService cut into legs, each with the ports and servers at both
// ends: sidecar → egress gateway (mesh legs), and egress gateway → external host (external legs).
// Built on index/egressChain.ts, which says which rules are which.
import { egressChainOf, type BoundGateway, type ChainRule, type EgressChain } from '../../../index/egressChain';
import type { GatewayWorkload } from '../../../index/egressGateways';
import type { DestinationFact, MatchFact, RouteKind, ServerFact, VirtualServiceFacts } from '../../../index/facts';
import { fqdnOf, gatewayWorkloadByFqdn, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { RelatedSpan, Report, Span } from '../finding';
import { clausesAt, routeKindOfProtocol, sameWorkload, serverRouteKind, serviceEntryPorts, type HostPort } from './egressProtocolsModel';

/** A server of a bound egress Gateway that mesh traffic reaches. */
export interface Arrival {
  gateway: BoundGateway;
  resource: Resource;
  server: ServerFact;
}

export interface MeshLeg {
  rule: ChainRule;
  clause?: MatchFact;
  destination: DestinationFact;
  workload: GatewayWorkload;
  matchPort?: number;
  /** The ServiceEntry port the rule applies to, and the rule type that port takes. */
  sePort?: HostPort;
  expected?: RouteKind;
  /** The gateway Service port the traffic is sent to: the destination's, else the port it came in on. */
  servicePort?: number;
  /** Bound Gateways (present in the workspace) that run on the destination's workload. */
  gateways: Array<{ gateway: BoundGateway; resource: Resource }>;
  arrivals: Arrival[];
}

export interface GatewayLeg {
  rule: ChainRule;
  clause?: MatchFact;
  gateway: BoundGateway;
  resource: Resource;
  /** The server the clause's port selects (or, without a port, the one the rule type fits best). */
  server?: ServerFact;
  expected?: RouteKind;
}

export interface ExternalLeg extends GatewayLeg {
  destination: DestinationFact;
  host: string;
  fqdn: string;
  sePorts: HostPort[];
  /** The port of the external host traffic goes to. */
  port?: number;
}

export interface ChainLegs {
  chain: EgressChain;
  vs: Resource;
  facts: VirtualServiceFacts;
  /** Ports the ServiceEntries for the VirtualService's hosts declare. */
  sePorts: HostPort[];
  mesh: MeshLeg[];
  gateway: GatewayLeg[];
  external: ExternalLeg[];
}

export function chainLegs(view: IndexView, vs: Resource): ChainLegs | undefined {
  const facts = vs.facts.virtualService;
  const chain = facts && egressChainOf(view, vs);
  if (!facts || !chain) return undefined;
  const sePorts = serviceEntryPorts(
    view,
    facts.hosts.map((host) => host.value),
    vs.namespace,
  );
  const mesh: MeshLeg[] = [];
  for (const rule of chain.meshToGateway) {
    for (const clause of clausesAt(facts, rule.route, 'mesh')) {
      for (const { destination, workload } of rule.gatewayDestinations) {
        const matchPort = clause?.port?.value;
        const sePort = matchPort !== undefined ? sePorts.find((port) => port.number === matchPort) : sePorts.length === 1 ? sePorts[0] : undefined;
        // Without a destination port, Envoy keeps the port the request came in on.
        const servicePort = destination.port?.value ?? matchPort ?? sePort?.number;
        const gateways = chain.gateways.flatMap((gateway) => {
          const resource = gateway.resolved?.resource;
          return gateway.egress && resource && gateway.workloads.some((candidate) => sameWorkload(candidate, workload)) ? [{ gateway, resource }] : [];
        });
        const arrivals = servicePort === undefined ? [] : arrivalsAt(gateways, workload, servicePort);
        mesh.push({ rule, clause, destination, workload, matchPort, sePort, expected: routeKindOfProtocol(sePort?.protocol), servicePort, gateways, arrivals });
      }
    }
  }
  const gateway: GatewayLeg[] = [];
  const external: ExternalLeg[] = [];
  for (const rule of chain.gatewayToExternal) {
    const resource = rule.gateway.resolved?.resource;
    const servers = resource?.facts.gateway?.servers ?? [];
    if (!resource) continue;
    for (const clause of clausesAt(facts, rule.route, rule.gateway.reference.value)) {
      const port = clause?.port?.value;
      const server =
        port !== undefined
          ? servers.find((candidate) => candidate.port?.number?.value === port)
          : (servers.find((candidate) => serverRouteKind(candidate) === rule.route.kind) ?? servers.find((candidate) => serverRouteKind(candidate)));
      const leg: GatewayLeg = { rule, clause, gateway: rule.gateway, resource, server, expected: server && serverRouteKind(server) };
      gateway.push(leg);
      for (const destination of rule.destinations) {
        if (!destination.host) continue;
        const fqdn = fqdnOf(view, destination.host.value, vs.namespace);
        if (gatewayWorkloadByFqdn(view.settings, fqdn)) continue;
        const hostPorts = serviceEntryPorts(view, [destination.host.value], vs.namespace);
        // Istio's default for a destination without a port: the only port of the service, else the listener's.
        const target = destination.port?.value ?? (hostPorts.length === 1 ? hostPorts[0].number : server?.port?.number?.value);
        external.push({ ...leg, destination, host: destination.host.value, fqdn, sePorts: hostPorts, port: target });
      }
    }
  }
  return { chain, vs, facts, sePorts, mesh, gateway, external };
}

/**
 * The servers that listen where a gateway Service port leads: a server port is the Service port,
 * or (as istioctl accepts) the container port behind it.
 */
export function arrivalsAt(gateways: MeshLeg['gateways'], workload: GatewayWorkload, servicePort: number): Arrival[] {
  const targetPort = workload.ports.find((port) => port.number === servicePort)?.targetPort;
  const out: Arrival[] = [];
  for (const { gateway, resource } of gateways) {
    for (const server of resource.facts.gateway?.servers ?? []) {
      const number = server.port?.number?.value;
      if (number !== undefined && (number === servicePort || number === targetPort)) out.push({ gateway, resource, server });
    }
  }
  return out;
}

export function gatewayName(resource: Resource): string {
  return `${resource.namespace}/${resource.name}`;
}

export function serviceName(workload: GatewayWorkload): string {
  return `${workload.service}.${workload.namespace}`;
}

export function related(resource: Resource, span: Span | undefined, message: string): RelatedSpan {
  return { target: resource, span: span ?? resource.facts.name?.span ?? { start: 0, end: 0 }, message };
}

/** A report that drops repeats: legs multiply (clauses × destinations) but a span is flagged once per code. */
export function reportOnce(report: Report): Report {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.code}:${finding.start}:${finding.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

/** The span to flag for a destination's port: the number when written, else the host. */
export function portSpan(destination: DestinationFact): Span | undefined {
  return destination.port?.span ?? destination.host?.span;
}
