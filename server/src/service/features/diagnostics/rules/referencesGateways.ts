// Gateways as others see them: the VirtualServices bound to a Gateway must share a host with
// it (istioctl IST0132), and a Gateway's selector must pick a gateway workload whose Service
// exposes the server ports (IST0101 selector, IST0162; istioctl needs a cluster for those two,
// here the configured gateway workloads and the workspace's Services stand in for it).
import { selectorMatches, type GatewayWorkload } from '../../../index/egressGateways';
import type { RouteFact, Spanned } from '../../../index/facts';
import { fqdnOf, gatewayWorkloadByFqdn, gatewayWorkloadsSelectedBy, resolveGateway, resourcesOfKind, virtualServicesBoundTo, type IndexView } from '../../../index/queries';
import { hostsOverlap } from '../../../index/hosts';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords, suggest } from '../../../util/suggest';
import type { Report } from '../finding';
import { labelWords, qualified, relatedAt, unique, yamlOf } from './referencesShared';

/** A VirtualService's hosts, lower-case, as written and as FQDNs, to compare with Gateway server hosts. */
function hostNames(view: IndexView, resource: Resource): string[] {
  return (resource.facts.virtualService?.hosts ?? []).flatMap((host) => unique([host.value.toLowerCase(), fqdnOf(view, host.value.toLowerCase(), resource.namespace)]));
}

/** The first server host of a Gateway that offers one of `vsHosts` to VirtualServices in `vsNamespace`. */
function servedHost(gateway: Resource, vsHosts: readonly string[], vsNamespace: string): Spanned<string> | undefined {
  return gateway.facts.gateway?.servers
    .flatMap((server) => server.hosts)
    .find((host) => {
      const name = hostFor(host.value.toLowerCase(), gateway.namespace, vsNamespace);
      return name !== undefined && vsHosts.some((vsHost) => hostsOverlap(name, vsHost));
    });
}

/** Gateways a VirtualService does not bind yet whose servers offer it one of its hosts, with that server host. */
export function otherGatewaysServing(view: IndexView, resource: Resource): Array<{ gateway: Resource; host: Spanned<string> }> {
  const vsHosts = hostNames(view, resource);
  const bound = new Set((resource.facts.virtualService?.gateways ?? []).map((reference) => resolveGateway(view, reference.value, resource.namespace)?.resource));
  return resourcesOfKind(view, 'Gateway').flatMap((gateway) => {
    const host = bound.has(gateway) ? undefined : servedHost(gateway, vsHosts, resource.namespace);
    return host ? [{ gateway, host }] : [];
  });
}

/** IE307: a VirtualService whose hosts miss every server host of a Gateway it names. */
export function checkGatewayHosts(resource: Resource, view: IndexView, report: Report): void {
  const vs = resource.facts.virtualService;
  if (!vs?.hosts.length) return;
  const vsHosts = hostNames(view, resource);
  for (const reference of vs.gateways) {
    const gateway = resolveGateway(view, reference.value, resource.namespace)?.resource;
    const servers = gateway?.facts.gateway?.servers ?? [];
    const written = servers.flatMap((server) => server.hosts);
    if (!gateway || !written.length || egressChain(view, resource, gateway)?.routesOut) continue;
    if (servedHost(gateway, vsHosts, resource.namespace)) continue;
    const skipped = written.some((host) => hostFor(host.value.toLowerCase(), gateway.namespace, resource.namespace) === undefined)
      ? ' Hosts written `namespace/host` apply only to VirtualServices in that namespace.'
      : '';
    report({
      ...reference.span,
      code: 'IE307',
      message:
        `None of this VirtualService's hosts (${listWords(vs.hosts.map((host) => host.value), 'and')}) matches a host of Gateway \`${qualified(gateway)}\` ` +
        `(${listWords(written.map((host) => host.value), 'and')}), so the Gateway ignores this VirtualService.${skipped} ` +
        'Add the host to a server of the Gateway, or correct the VirtualService hosts.',
      related: written.map((host) => relatedAt(gateway, host.span, `Gateway ${qualified(gateway)} server host`)),
    });
  }
}

/** The dnsName part of a Gateway server host that applies to a VirtualService in `vsNamespace`. */
function hostFor(host: string, gatewayNamespace: string, vsNamespace: string): string | undefined {
  const slash = host.indexOf('/');
  if (slash < 0) return host;
  const namespace = host.slice(0, slash) === '.' ? gatewayNamespace : host.slice(0, slash);
  return namespace === '*' || namespace === vsNamespace ? host.slice(slash + 1) : undefined;
}

interface GatewayService {
  ports: Array<{ number: number; targetPort?: number }>;
}

/** IE310 and IE311, for a Gateway. */
export function checkGatewayWorkload(resource: Resource, view: IndexView, report: Report): void {
  const gateway = resource.facts.gateway;
  const selector = gateway?.selector;
  if (!gateway || !selector || !Object.keys(selector.value).length) return;
  const configured = gatewayWorkloadsSelectedBy(view.settings, selector.value);
  // Services in front of the selected pods: those whose own selector implies the Gateway's
  // labels, those labelled like them, and those selecting a configured gateway chosen here.
  const services = resourcesOfKind(view, 'Service').filter((service) => {
    const facts = service.facts.service;
    if (!facts?.selector || !Object.keys(facts.selector).length) return false;
    return selectorMatches(selector.value, facts.selector) || selectorMatches(selector.value, facts.labels ?? {}) || configured.some((workload) => selectorMatches(facts.selector!, workload.labels));
  });
  if (!configured.length && !services.length) {
    // A Gateway that sidecars are sent through to the egress gateway gets IE406 from the egress chain checks instead.
    const chained = virtualServicesBoundTo(view, resource.namespace, resource.name).some((vs) => {
      const chain = egressChain(view, vs, resource);
      return chain?.routesOut && chain.sendsToEgress;
    });
    if (!chained) reportSelector(resource, view, selector.value, report);
    return;
  }
  const fronts: GatewayService[] = [
    ...configured,
    ...services.map((service) => ({
      ports: (service.facts.service?.ports ?? []).flatMap((port) => (port.port ? [{ number: port.port, targetPort: typeof port.targetPort === 'number' ? port.targetPort : undefined }] : [])),
    })),
  ];
  const servicePorts = unique(fronts.flatMap((front) => front.ports.map((port) => port.number))).sort((a, b) => a - b);
  // A server port may name the Service port or the container port behind it (targetPort).
  const accepted = new Set([...servicePorts, ...fronts.flatMap((front) => front.ports.flatMap((port) => (port.targetPort ? [port.targetPort] : [])))]);
  if (!servicePorts.length) return;
  const names = [...configured.map((workload) => `${workload.namespace}/${workload.service}`), ...services.map(qualified)];
  for (const server of gateway.servers) {
    const number = server.port?.number;
    if (!number || accepted.has(number.value)) continue;
    report({
      ...number.span,
      code: 'IE311',
      message: `Port ${number.value} is not exposed by the Service of the gateway this Gateway selects (${listWords(names, 'and')}: ports ${listWords(servicePorts.map(String), 'and')}), so no traffic reaches this server. Use an exposed port, or add the port to the gateway's Service.`,
      data: { fix: 'replace', candidates: servicePorts.map(String) },
      related: services.map((service) => relatedAt(service, service.facts.name?.span, `Service ${qualified(service)}`)),
    });
  }
}

function reportSelector(resource: Resource, view: IndexView, selector: Record<string, string>, report: Report): void {
  const gateways = view.settings.gateways;
  const known = gateways.map((workload) => `\`${workload.namespace}/${workload.service}\` (${labelWords(workload.labels)})`).join(', ');
  const fix = typoFix(selector, gateways);
  const yaml = yamlOf(resource);
  const selectorNode = yaml?.read.child(yaml.spec, 'selector');
  const valueSpan = fix && yaml?.read.string(yaml.read.child(selectorNode, fix.key))?.span;
  report({
    ...(valueSpan ?? resource.facts.gateway!.selector!.span),
    code: 'IE310',
    message:
      `No known gateway workload carries the labels ${labelWords(selector)}: the configured gateways are ${known}, and no Service in the workspace selects such pods. ` +
      'A Gateway that selects no gateway pod configures nothing. Correct the selector, or describe the gateway in the istioEgress.gateways setting if it is deployed from elsewhere.',
    data: valueSpan && fix ? { fix: 'replace', candidates: fix.candidates } : undefined,
  });
}

/** A single mistyped label value, when correcting it makes the selector pick a configured gateway. */
function typoFix(selector: Record<string, string>, gateways: readonly GatewayWorkload[]): { key: string; candidates: string[] } | undefined {
  for (const [key, value] of Object.entries(selector)) {
    const values = unique(gateways.flatMap((workload) => (workload.labels[key] ? [workload.labels[key]] : [])));
    const candidates = suggest(value, values).filter((candidate) => gateways.some((workload) => selectorMatches({ ...selector, [key]: candidate }, workload.labels)));
    if (candidates.length) return { key, candidates };
  }
  return undefined;
}

/**
 * How a VirtualService uses a Gateway in an egress chain: whether it has rules at the Gateway that
 * route out (to something other than a gateway), and whether its sidecar rules send to an egress
 * gateway. The egress chain checks (IE406, IE407) speak for such Gateways: these checks step back.
 */
function egressChain(view: IndexView, vs: Resource, gateway: Resource): { routesOut: boolean; sendsToEgress: boolean } | undefined {
  const facts = vs.facts.virtualService;
  const boundHere = (reference: string) => resolveGateway(view, reference, vs.namespace)?.resource === gateway;
  if (!facts?.gateways.some((reference) => boundHere(reference.value))) return undefined;
  const workloadOf = (host: string) => gatewayWorkloadByFqdn(view.settings, fqdnOf(view, host, vs.namespace));
  const appliesHere = (route: RouteFact) => !route.matches.length || route.matches.some((match) => !match.gateways.length || match.gateways.some((reference) => boundHere(reference.value)));
  const selector = gateway.facts.gateway?.selector?.value;
  const onEgress = !selector || !Object.keys(selector).length || gatewayWorkloadsSelectedBy(view.settings, selector).some((workload) => workload.role === 'egress');
  const sendsToEgress = facts.routes.some((route) => route.destinations.some((destination) => destination.host && workloadOf(destination.host.value)?.role === 'egress'));
  const routesOut = facts.routes.some((route) => appliesHere(route) && route.destinations.some((destination) => destination.host && !workloadOf(destination.host.value)));
  return { routesOut: routesOut && (onEgress || sendsToEgress), sendsToEgress };
}
