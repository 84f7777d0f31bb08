// Port agreement along the chain (IE415, IE416, IE418, IE419): the port the sidecar matches is
// one the ServiceEntry declares; the port sent to is one the egress gateway Service exposes and
// a bound Gateway has a server on; the gateway-side rule matches that server. (A gateway-side
// destination port the external host does not declare is IE305, a reference check.)
import type { Report } from '../finding';
import { gatewayName, portSpan, related, serviceName, type ChainLegs, type GatewayLeg } from './egressProtocolsLegs';
import { carriesToServer, describePorts, describeServer, routeKindOfProtocol, unique, type HostPort } from './egressProtocolsModel';

export function checkPorts(legs: ChainLegs, report: Report): void {
  checkMeshMatchPorts(legs, report);
  checkGatewayServicePorts(legs, report);
  checkGatewayMatchPorts(legs, report);
}

/** Ports of the kind a rule sends first: a candidate that keeps the rule type working is the likelier fix. */
function rankPorts(ports: readonly HostPort[], kind: string): string[] {
  const fitting = ports.filter((port) => routeKindOfProtocol(port.protocol) === kind);
  return unique([...fitting, ...ports].map((port) => String(port.number)));
}

function seRelated(ports: readonly HostPort[]) {
  return unique(ports.map((port) => port.se)).map((se) =>
    related(se, se.facts.name?.span, `ServiceEntry ${se.namespace}/${se.name} declares ports ${describePorts(ports.filter((p) => p.se === se))}`),
  );
}

function checkMeshMatchPorts({ mesh, sePorts, facts }: ChainLegs, report: Report): void {
  for (const leg of mesh) {
    const port = leg.clause?.port;
    if (!port || !sePorts.length || leg.sePort) continue;
    const hosts = facts.hosts.map((host) => `\`${host.value}\``).join(', ');
    report({
      ...port.span,
      code: 'IE415',
      message: `Port ${port.value} is not a port of the ServiceEntry for ${hosts} (it declares ${describePorts(sePorts)}). Sidecars open no listener for the host on ${port.value}, so this rule never applies and the traffic does not go through the egress gateway. Match one of the declared ports.`,
      data: { fix: 'replace', candidates: rankPorts(sePorts, leg.rule.route.kind) },
      related: seRelated(sePorts),
    });
  }
}

function checkGatewayServicePorts({ mesh }: ChainLegs, report: Report): void {
  for (const leg of mesh) {
    const { destination, workload, servicePort } = leg;
    const span = portSpan(destination);
    if (servicePort === undefined || !span || !workload.ports.length) continue;
    const written = destination.port !== undefined;
    const implicit = written ? '' : ` (no port is written, so the sidecar keeps the port it matched, ${servicePort})`;
    // Service ports that lead to a server of a bound Gateway, for the candidates.
    const served = workload.ports.filter((port) => leg.gateways.some(({ resource }) => resource.facts.gateway?.servers.some((s) => s.port?.number?.value === port.number || s.port?.number?.value === port.targetPort)));
    const exposed = workload.ports.find((port) => port.number === servicePort);
    const relatedGateways = leg.gateways.map(({ resource }) =>
      related(resource, resource.facts.name?.span, `Gateway ${gatewayName(resource)} has servers on ${(resource.facts.gateway?.servers ?? []).map(describeServer).join(', ') || 'no port'}`),
    );
    if (!exposed) {
      const behind = workload.ports.find((port) => port.targetPort === servicePort);
      const candidates = unique([...(behind ? [behind] : []), ...served, ...workload.ports].map((port) => String(port.number)));
      const note = behind ? ` ${servicePort} is the container port behind Service port ${behind.number}; a destination names the Service port.` : '';
      report({
        ...span,
        code: 'IE416',
        message: `The egress gateway Service \`${serviceName(workload)}\` exposes ${describePorts(workload.ports.map((p) => ({ number: p.number, protocol: p.name })))}, not ${servicePort}${implicit}: sidecars find no endpoint for this destination and answer 503.${note} Send to ${candidates[0]}.`,
        data: written ? { fix: 'replace', candidates } : undefined,
        related: relatedGateways,
      });
      continue;
    }
    if (!leg.gateways.length || leg.arrivals.length) continue;
    const candidates = served.map((port) => String(port.number));
    const names = leg.gateways.map(({ resource }) => `Gateway ${gatewayName(resource)}`).join(' or ');
    const target = exposed.targetPort !== undefined ? ` (or its container port ${exposed.targetPort})` : '';
    report({
      ...span,
      code: 'IE416',
      message: `No server of ${names} listens on port ${servicePort}${target}${implicit}: the egress gateway has no listener for this traffic and the connection fails. ${candidates.length ? `Send to ${candidates.join(' or ')}, where a server listens, or add` : 'Add'} a server on port ${servicePort} to the Gateway.`,
      data: written && candidates.length ? { fix: 'replace', candidates } : undefined,
      related: relatedGateways,
    });
  }
}

/** Server ports of one Gateway that mesh traffic reaches. */
function arrivalPorts(legs: ChainLegs, leg: GatewayLeg): number[] {
  // A server the mesh side cannot talk to is that side's mistake (IE417), not a port to match here.
  const ports = legs.mesh.flatMap((mesh) =>
    mesh.arrivals.filter((arrival) => arrival.resource === leg.resource && carriesToServer(mesh.rule.route.kind, arrival.server)).map((arrival) => arrival.server.port?.number?.value),
  );
  return unique(ports.filter((port): port is number => port !== undefined));
}

function checkGatewayMatchPorts(legs: ChainLegs, report: Report): void {
  for (const leg of legs.gateway) {
    const port = leg.clause?.port;
    const servers = leg.resource.facts.gateway?.servers ?? [];
    if (!port || !servers.length) continue;
    const arrivals = arrivalPorts(legs, leg);
    const gatewayRelated = [related(leg.resource, leg.resource.facts.name?.span, `Gateway ${gatewayName(leg.resource)}`)];
    if (!leg.server) {
      const candidates = unique([...arrivals, ...servers.map((server) => server.port?.number?.value)].filter((n): n is number => n !== undefined).map(String));
      report({
        ...port.span,
        code: 'IE418',
        message: `No server of Gateway ${gatewayName(leg.resource)} listens on port ${port.value} (its servers: ${servers.map(describeServer).join(', ')}): this rule never applies at the gateway. Match ${candidates.join(' or ')}.`,
        data: candidates.length ? { fix: 'replace', candidates } : undefined,
        related: gatewayRelated,
      });
      continue;
    }
    if (!arrivals.length || arrivals.includes(port.value)) continue;
    // Only a mistake when some port mesh traffic arrives on is left without a rule.
    const handled = (arrival: number) =>
      legs.gateway.some((other) => other.resource === leg.resource && (other.clause?.port === undefined || other.clause.port.value === arrival));
    const unhandled = arrivals.filter((arrival) => !handled(arrival));
    if (!unhandled.length) continue;
    report({
      ...port.span,
      code: 'IE419',
      message: `Mesh traffic reaches Gateway ${gatewayName(leg.resource)} on port ${unhandled.join(' and ')}, but this rule matches port ${port.value} and no rule of this VirtualService handles ${unhandled.join(' or ')} there: the gateway drops that traffic. Match port ${unhandled[0]}.`,
      data: { fix: 'replace', candidates: unhandled.map(String) },
      related: [
        ...gatewayRelated,
        ...legs.mesh
          .filter((mesh) => mesh.arrivals.some((arrival) => arrival.resource === leg.resource))
          .map((mesh) => related(legs.vs, mesh.destination.port?.span ?? mesh.destination.span, `The mesh-side rule sends to port ${mesh.servicePort}`)),
      ],
    });
  }
}
