// Route types agree with protocols (IE421, IE422). A sidecar reads only `http` rules for an
// HTTP-family ServiceEntry port; for a TLS or HTTPS port it builds `tls` rules (matched on SNI) and
// then `tcp` rules, so both apply there; other TCP ports read only `tcp` rules. A Gateway server
// takes the rule type its protocol and TLS mode build (see serverRouteKind). A rule of another type
// is skipped without a word from Istio.
import type { Node } from 'yaml';
import type { RouteFact, RouteKind } from '../../../index/facts';
import { YamlReader } from '../../../index/yamlAccess';
import type { Report } from '../finding';
import { gatewayName, related, type ChainLegs } from './egressProtocolsLegs';
import { describeServer, type HostPort } from './egressProtocolsModel';

interface Mismatch {
  route: RouteFact;
  side: 'mesh' | 'gateway';
  expected: RouteKind;
  text: string;
  sePort?: HostPort;
  relatedTo: ReturnType<typeof related>;
}

/** The protocol that makes a ServiceEntry port take a rule type, for the "fix the ServiceEntry" option. */
const PROTOCOL_FOR: Record<RouteKind, string> = { http: 'HTTP', tls: 'TLS', tcp: 'TCP' };

export interface RouteKindFixData {
  fix: 'egress-protocols-route-kind';
  from: RouteKind;
  /** Rename the list to this type (absent when the rules cannot all move together). */
  to?: RouteKind;
  /** SNI names to give each match of a list that becomes `tls`. */
  sniHosts?: string[];
  /** Or correct the ServiceEntry port instead. */
  protocol?: { namespace: string; name: string; port: number; value: string };
  [key: string]: unknown;
}

export function checkRouteKinds(legs: ChainLegs, report: Report): void {
  const { facts, vs } = legs;
  const hosts = facts.hosts.map((host) => `\`${host.value}\``).join(', ');
  const mismatches: Mismatch[] = [];
  const fitting = new Set<RouteFact>();
  for (const leg of legs.mesh) {
    const route = leg.rule.route;
    if (!leg.expected || !leg.sePort) continue;
    if (meshKindFits(leg)) {
      fitting.add(route);
      continue;
    }
    const { se, number, protocol } = leg.sePort;
    mismatches.push({
      route,
      side: 'mesh',
      expected: leg.expected,
      sePort: leg.sePort,
      text: `the rule at ${route.kind}[${route.index}] takes port ${number} of ${hosts}, which ServiceEntry ${se.namespace}/${se.name} declares as ${protocol}; ${outcome(leg.expected, route.kind, protocol ?? '')}`,
      relatedTo: related(se, leg.sePort.port.protocol?.span ?? se.facts.name?.span, `ServiceEntry ${se.namespace}/${se.name}: port ${number} is ${protocol}`),
    });
  }
  for (const leg of legs.gateway) {
    const route = leg.rule.route;
    if (!leg.expected || !leg.server) continue;
    if (leg.expected === route.kind) {
      fitting.add(route);
      continue;
    }
    const name = gatewayName(leg.resource);
    mismatches.push({
      route,
      side: 'gateway',
      expected: leg.expected,
      text: `the rule at ${route.kind}[${route.index}] is for the ${describeServer(leg.server)} server of Gateway ${name}, which only \`${leg.expected}\` rules reach, so the gateway drops this traffic`,
      relatedTo: related(leg.resource, leg.server.port?.number?.span ?? leg.server.span, `Gateway ${name}: server ${describeServer(leg.server)}`),
    });
  }
  if (!mismatches.length) return;
  const read = vs.doc.yaml ? new YamlReader(vs.doc.yaml, vs.doc.text) : undefined;
  const spec = read?.child(vs.doc.yaml?.contents as Node | undefined, 'spec');
  for (const kind of ['http', 'tls', 'tcp'] as const) {
    const found = mismatches.filter((mismatch) => mismatch.route.kind === kind);
    const key = read?.keyOf(spec, kind);
    if (!found.length || !key) continue;
    const expected = [...new Set(found.map((mismatch) => mismatch.expected))];
    const mesh = found.some((mismatch) => mismatch.side === 'mesh');
    const gateway = found.some((mismatch) => mismatch.side === 'gateway');
    const others = mesh ? 'or correct the port protocol in the ServiceEntry' : 'or change the server protocol or TLS mode in the Gateway';
    const rules = found.length > 1 ? 'these rules' : 'the rule';
    // `tls` rules on a port declared HTTP: the traffic is TLS, so the port is what is wrong.
    const tlsOnHttp = mesh && kind === 'tls' && expected.length === 1 && expected[0] === 'http';
    const advice = tlsOnHttp
      ? `Declare the port \`protocol: TLS\` (or HTTPS) in the ServiceEntry${gateway ? ', and give the Gateway server a TLS protocol and mode' : ''}; if the application sends plain HTTP, write ${rules} under \`http:\` instead.`
      : expected.length === 1
        ? `Write ${rules} under \`${expected[0]}:\`${expected[0] === 'tls' ? ' with `sniHosts` naming the host' : ''}, ${others}.`
        : 'Move each rule to the list its traffic needs.';
    const texts = [...new Set(found.map((mismatch) => mismatch.text))];
    const data: RouteKindFixData = { fix: 'egress-protocols-route-kind', from: kind };
    // Renaming the list moves every rule in it: only when each one is wrong in the same way.
    const list = facts.routes.filter((route) => route.kind === kind);
    if (expected.length === 1 && !read?.keyOf(spec, expected[0]) && list.every((route) => !fitting.has(route) && found.some((m) => m.route === route))) {
      data.to = expected[0];
      if (expected[0] === 'tls') data.sniHosts = facts.hosts.map((host) => host.value);
    }
    const ports = [...new Set(found.map((mismatch) => mismatch.sePort))];
    if (!gateway && ports.length === 1 && ports[0]) {
      const { se, number } = ports[0];
      data.protocol = { namespace: se.namespace, name: se.name, port: number, value: PROTOCOL_FOR[kind] };
    }
    report({
      ...key,
      code: mesh ? 'IE421' : 'IE422',
      message: `Rules under \`${kind}\` that never apply: ${texts.join('; ')}. ${advice}`,
      data: data.to || data.protocol ? data : undefined,
      related: [...new Map(found.map((mismatch) => [`${mismatch.relatedTo.target.uri}:${mismatch.relatedTo.span.start}`, mismatch.relatedTo])).values()],
    });
  }
}

/**
 * What sidecars do with traffic for a rule their listener for the port ignores. A TLS or TCP port
 * gets a TCP listener whose default route goes straight to the host; an HTTP port gets an HTTP
 * listener, which cannot parse a TLS handshake (or other non-HTTP bytes): that connection fails.
 */
function outcome(expected: RouteKind, kind: RouteKind, protocol: string): string {
  const only =
    expected === 'tls'
      ? `sidecars route ${protocol} ports with \`tls\` rules (matching \`sniHosts\`) and \`tcp\` rules only`
      : `sidecars route ${protocol} ports with \`${expected}\` rules only`;
  if (expected !== 'http') return `${only}, so this traffic goes straight to the host instead of through the egress gateway`;
  if (kind === 'tls') return `with the port declared ${protocol}, the sidecar runs an HTTP listener for it, which ignores \`tls\` rules and cannot parse the TLS handshake, so the connection fails`;
  return `${only}: the sidecar runs an HTTP listener for the port, so HTTP requests go straight to the host instead of through the egress gateway, and other traffic fails there`;
}

/** A mesh leg whose rule type suits its ServiceEntry port (or whose port protocol is unknown). */
export function meshKindFits(leg: { expected?: RouteKind; rule: { route: RouteFact } }): boolean {
  return !leg.expected || leg.expected === leg.rule.route.kind || (leg.expected === 'tls' && leg.rule.route.kind === 'tcp');
}
