// VirtualService destinations (routes and mirrors): the host must be a service Istio knows,
// and the port one it declares (istioctl's DestinationHostAnalyzer, which it skips offline).
import type { DestinationFact, RouteFact, VirtualServiceFacts } from '../../../index/facts';
import { isIp, isWildcard } from '../../../index/hosts';
import { fqdnOf, knownHost, type IndexView, type KnownHost } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { RelatedSpan, Report } from '../finding';
import { addPort, portList, qualified, relatedAt, unique, type ServiceEntryPort } from './referencesShared';
import { reportUnknownHost } from './referencesUnknownHost';

const EFFECT = {
  ALLOW_ANY:
    'traffic to it is not blocked, but Istio has no cluster for an unknown host, so requests this rule catches fail with 503 and the rest leaves the mesh unrouted.',
  REGISTRY_ONLY: 'traffic to hosts outside the registry is blocked, so requests routed here fail.',
};

/** Checks each destination's host and port; returns the destinations whose host was reported as a slip for another name. */
export function checkDestinations(resource: Resource, view: IndexView, report: Report): Set<DestinationFact> {
  const wrongHosts = new Set<DestinationFact>();
  const vs = resource.facts.virtualService;
  if (!vs) return wrongHosts;
  for (const route of vs.routes) {
    for (const destination of route.destinations) {
      const host = destination.host;
      // Wildcards and addresses are invalid destinations, which the single-resource checks report.
      if (!host?.value || isWildcard(host.value) || isIp(host.value)) continue;
      const fqdn = fqdnOf(view, host.value, resource.namespace);
      const known = knownHost(view, fqdn, resource.namespace);
      if (known) checkPort(destination, known, report, () => arrivalPorts(view, resource, route));
      else if (reportUnknownHost(view, report, { resource, host, fqdn, codes: { external: 'IE302', inCluster: 'IE303' }, effect: EFFECT, ports: portsFor(vs, view, resource, fqdn) })) wrongHosts.add(destination);
    }
  }
  return wrongHosts;
}

function checkPort(destination: DestinationFact, known: KnownHost, report: Report, arrival: () => number[] | undefined): void {
  const numbers = unique(known.ports.map((port) => port.number));
  // A host declared without ports tells nothing about which ones are valid. The ports of an egress
  // gateway are the egress chain checks' (IE416), which know the port the sidecar matched.
  if (!numbers.length || !destination.host || known.gateway?.role === 'egress') return;
  const owner = ownerWords(known);
  const related = ownerRelated(known);
  const declared = listWords(numbers.map(String), 'and');
  if (destination.port) {
    if (numbers.includes(destination.port.value)) return;
    report({
      ...destination.port.span,
      code: 'IE305',
      message: `Port ${destination.port.value} is not a port of \`${destination.host.value}\`: ${owner} declares ${declared}. Istio has no cluster for this host and port, so requests sent here fail with 503. Use a declared port, or declare this one.`,
      data: { fix: 'replace', candidates: numbers.map(String) },
      related,
    });
    return;
  }
  if (numbers.length < 2) return;
  // Without a port Istio uses the port the request arrived on: harmless when that is surely one of the host's.
  const arriving = arrival();
  if (arriving?.length && arriving.every((port) => numbers.includes(port))) return;
  report({
    ...destination.host.span,
    code: 'IE306',
    message: `\`${destination.host.value}\` has several ports (${declared}, from ${owner}) and this destination names none: Istio then sends to the port the request arrived on, which fails when that is not one of them (istioctl rejects this as IST0112). Add \`port: {number: …}\` to the destination.`,
    data: { fix: 'add-destination-port', ports: numbers },
    related,
  });
}

function ownerWords(known: KnownHost): string {
  if (known.resource) return `${known.kind} \`${qualified(known.resource)}\``;
  return `the gateway Service \`${known.gateway?.namespace}/${known.gateway?.service}\` (from the istioEgress.gateways setting)`;
}

function ownerRelated(known: KnownHost): RelatedSpan[] {
  const resource = known.resource;
  if (!resource) return [];
  const firstPort = resource.facts.serviceEntry?.ports[0]?.span;
  return [relatedAt(resource, firstPort, `${known.kind} ${qualified(resource)} declares the ports`)];
}

/**
 * The ports a ServiceEntry for `fqdn` needs, from every destination of this VirtualService that
 * routes there: the destination port, else the rule's match ports, else the usual port of the
 * route type. The protocol follows the route type (an HTTP route to 443 means TLS origination).
 */
function portsFor(vs: VirtualServiceFacts, view: IndexView, resource: Resource, fqdn: string): ServiceEntryPort[] {
  const ports = new Map<number, string>();
  for (const route of vs.routes) {
    for (const destination of route.destinations) {
      if (!destination.host || fqdnOf(view, destination.host.value, resource.namespace) !== fqdn) continue;
      let numbers = destination.port ? [destination.port.value] : route.matches.flatMap((match) => (match.port ? [match.port.value] : []));
      if (!numbers.length) numbers = route.kind === 'http' ? [80] : route.kind === 'tls' ? [443] : [];
      for (const number of numbers) {
        addPort(ports, number, route.kind === 'tls' ? 'TLS' : route.kind === 'tcp' ? 'TCP' : number === 443 ? 'HTTPS' : 'HTTP');
      }
    }
  }
  return portList(ports);
}

/**
 * The ports a request matched by this rule can have arrived on, when they are certain: the rule's
 * match ports, or for a mesh-only VirtualService the ports of its hosts. Undefined otherwise.
 */
function arrivalPorts(view: IndexView, resource: Resource, route: RouteFact): number[] | undefined {
  if (route.matches.length && route.matches.every((match) => match.port)) return route.matches.map((match) => match.port!.value);
  const vs = resource.facts.virtualService;
  if (!vs || vs.gateways.some((gateway) => gateway.value !== 'mesh')) return undefined;
  const ports: number[] = [];
  for (const host of vs.hosts) {
    const known = isWildcard(host.value) ? undefined : knownHost(view, fqdnOf(view, host.value, resource.namespace), resource.namespace);
    if (!known?.ports.length) return undefined;
    ports.push(...known.ports.map((port) => port.number));
  }
  return ports;
}
