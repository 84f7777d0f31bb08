// Route types agree with protocols (IE421, IE422). A sidecar reads only `tls` rules (matched on
// SNI) for a TLS or HTTPS ServiceEntry port, only `http` rules for an HTTP-family port and only
// `tcp` rules for other TCP ports; a Gateway server takes the rule type its protocol and TLS
// mode build (see serverRouteKind). A rule of another type is skipped without a word from Istio.
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
    if (leg.expected === route.kind) {
      fitting.add(route);
      continue;
    }
    const { se, number, protocol } = leg.sePort;
    mismatches.push({
      route,
      side: 'mesh',
      expected: leg.expected,
      sePort: leg.sePort,
      text: `the rule at ${route.kind}[${route.index}] takes port ${number} of ${hosts}, which ServiceEntry ${se.namespace}/${se.name} declares as ${protocol}; sidecars route ${protocol} ports with \`${leg.expected}\` rules only${leg.expected === 'tls' ? ' (matching `sniHosts`)' : ''}, so this traffic goes straight to the host instead of through the egress gateway`,
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
    const advice =
      expected.length === 1
        ? `Write ${found.length > 1 ? 'these rules' : 'the rule'} under \`${expected[0]}:\`${expected[0] === 'tls' ? ' with `sniHosts` naming the host' : ''}, ${others}.`
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

/** A mesh leg whose rule type suits its ServiceEntry port (or whose port protocol is unknown). */
export function meshKindFits(leg: { expected?: RouteKind; rule: { route: RouteFact } }): boolean {
  return !leg.expected || leg.expected === leg.rule.route.kind;
}
