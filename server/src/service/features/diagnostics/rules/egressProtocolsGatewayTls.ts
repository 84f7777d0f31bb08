// The sidecar → egress gateway leg: what the sidecar puts on the wire (its DestinationRule's
// TLS for that subset and port, else the client's own bytes) against what the Gateway server
// accepts (IE417, IE424, IE426, IE427). Auto mTLS does not help here: it picks Istio mTLS only
// for endpoints labelled `security.istio.io/tlsMode: istio`, which the sidecar injector sets and
// gateway pods do not carry, so without an explicit ISTIO_MUTUAL the sidecar sends plain text.
import { gatewayFqdn } from '../../../index/egressGateways';
import type { IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { Finding, RelatedSpan } from '../finding';
import { arrivalsAt, gatewayName, portSpan, related, type Arrival, type ChainLegs, type MeshLeg } from './egressProtocolsLegs';
import { meshKindFits } from './egressProtocolsKinds';
import { concreteHosts, describeServer, effectiveTls, selectDestinationRule, sendsTls, serverAcceptsSni, serverClass, serverSniHosts, type EffectiveTls, type ServerClass } from './egressProtocolsModel';

/** A finding and the resource it belongs on: the DestinationRule when one decides, else the VirtualService. */
export interface LegIssue {
  on: Resource;
  finding: Finding;
}

export interface GatewayMtlsFixData {
  fix: 'egress-protocols-gateway-mtls';
  port: number;
  sni?: string;
  /** Set when the DestinationRule is to be created (after the VirtualService): its host and subset. */
  create?: { host: string; subset?: string; namespace: string };
  [key: string]: unknown;
}

export function gatewayLegIssues(view: IndexView, legs: ChainLegs): LegIssue[] {
  const issues: LegIssue[] = [];
  for (const leg of legs.mesh) {
    if (leg.servicePort === undefined || !meshKindFits(leg)) continue;
    const fqdn = gatewayFqdn(leg.workload, view.settings.clusterDomain);
    const subset = leg.destination.subset?.value;
    const dr = selectDestinationRule(view, fqdn, legs.vs.namespace, leg.workload.namespace, subset);
    const tls = effectiveTls(dr, subset, leg.servicePort);
    for (const arrival of leg.arrivals) {
      const kind = serverClass(arrival.server);
      if (kind) judge(legs, leg, arrival, kind, tls, issues);
    }
  }
  return issues;
}

/** What one mesh leg and one server it reaches have in common, for the three judgements below. */
interface Meeting {
  legs: ChainLegs;
  leg: MeshLeg;
  arrival: Arrival;
  kind: ServerClass;
  tls: EffectiveTls;
  port: number;
  /** "the 443 (HTTPS ISTIO_MUTUAL) server of Gateway ns/name" */
  where: string;
  /** Concrete VirtualService hosts the server takes as SNI: the `sni` to suggest. */
  hosts: string[];
  serverRelated: RelatedSpan;
  routeRelated: RelatedSpan;
}

function judge(legs: ChainLegs, leg: MeshLeg, arrival: Arrival, kind: ServerClass, tls: EffectiveTls, issues: LegIssue[]): void {
  const port = leg.servicePort!;
  const name = gatewayName(arrival.resource);
  const meeting: Meeting = {
    legs,
    leg,
    arrival,
    kind,
    tls,
    port,
    where: `the ${describeServer(arrival.server)} server of Gateway ${name}`,
    hosts: concreteHosts(legs.facts.hosts).filter((host) => serverAcceptsSni(arrival.server, host)),
    serverRelated: related(arrival.resource, arrival.server.tlsMode?.span ?? arrival.server.port?.number?.span ?? arrival.server.span, `Gateway ${name}: server ${describeServer(arrival.server)}`),
    routeRelated: related(legs.vs, portSpan(leg.destination) ?? leg.destination.span, `VirtualService ${legs.vs.namespace}/${legs.vs.name} sends to the egress gateway on port ${port}`),
  };
  if (tls.dr && tls.tls?.mode && sendsTls(tls.mode)) judgeSidecarTls(meeting, issues);
  else if (kind === 'istio-mtls' || (kind === 'terminate' && leg.rule.route.kind === 'http')) judgeMissingTls(meeting, issues);
  else judgeCarriage(meeting, issues);
}

/** The DestinationRule makes sidecars speak TLS to the gateway (IE426, IE424). */
function judgeSidecarTls({ leg, arrival, kind, tls, port, where, hosts, serverRelated, routeRelated }: Meeting, issues: LegIssue[]): void {
  const dr = tls.dr!;
  const mode = tls.tls!.mode!;
  const onDr = (finding: Omit<Finding, 'related'>) => issues.push({ on: dr, finding: { ...finding, related: [serverRelated, routeRelated] } });
  if (kind === 'plain-http' || kind === 'passthrough' || (kind === 'istio-mtls' && mode.value === 'SIMPLE')) {
    const why =
      kind === 'plain-http'
        ? `${where} is plain text: the gateway cannot read TLS and the request fails. Remove this TLS setting (or set DISABLE), or make the server HTTPS with \`tls.mode: ISTIO_MUTUAL\`.`
        : kind === 'passthrough'
          ? `${where} forwards that layer unopened to the external host, which cannot complete the handshake meant for the gateway. Remove this TLS setting (or set DISABLE), or make the server terminate Istio mTLS (\`tls.mode: ISTIO_MUTUAL\`).`
          : `${where} requires Istio mutual TLS with a workload certificate, and SIMPLE presents none: the handshake fails. Use ISTIO_MUTUAL.`;
    onDr({
      ...mode.span,
      code: 'IE426',
      message: `\`${mode.value}\` makes sidecars wrap their traffic to the egress gateway (port ${port}) in TLS, but ${why}`,
      data: { fix: 'replace', candidates: [kind === 'istio-mtls' ? 'ISTIO_MUTUAL' : 'DISABLE'] },
    });
    return;
  }
  // A terminating server picks its filter chain by SNI among its hosts (`*` takes any).
  const sni = tls.tls?.sni;
  if (sni && !serverAcceptsSni(arrival.server, sni.value)) {
    onDr({
      ...sni.span,
      code: 'IE424',
      message: `SNI \`${sni.value}\` is not a host of ${where} (${serverSniHosts(arrival.server).join(', ')}): the gateway has no filter chain for it and closes the connection. Set \`sni\` to the external host${hosts.length ? `, \`${hosts[0]}\`` : ''}.`,
      data: hosts.length ? { fix: 'replace', candidates: hosts } : undefined,
    });
  } else if (!sni && mode.value === 'ISTIO_MUTUAL' && !serverSniHosts(arrival.server).includes('*')) {
    // Without one, Istio sends the DNS-SRV form of the cluster name (outbound_.<port>_.<subset>_.<host>).
    const subset = leg.destination.subset?.value ?? '';
    onDr({
      ...mode.span,
      code: 'IE424',
      message: `Without \`sni\`, sidecars send the SNI Istio makes up for the cluster (\`outbound_.${port}_.${subset}_.${leg.workload.service}...\`), which is not a host of ${where}: the gateway closes the connection. Add \`sni: ${hosts[0] ?? '<external host>'}\`.`,
      data: hosts.length ? { fix: 'egress-protocols-add-sni-field', sni: hosts[0] } : undefined,
    });
  }
}

/** The server terminates TLS but the sidecar leg has none (IE427). */
function judgeMissingTls({ legs, leg, arrival, kind, tls, port, where, hosts, serverRelated, routeRelated }: Meeting, issues: LegIssue[]): void {
  const expects = kind === 'istio-mtls' ? 'Istio mutual TLS (`tls.mode: ISTIO_MUTUAL`)' : `TLS (\`tls.mode: ${arrival.server.tlsMode?.value}\`)`;
  const cause = tls.tls
    ? `the DestinationRule sets \`${tls.mode}\` for it`
    : 'nothing makes sidecars use TLS towards the egress gateway (auto mTLS skips gateway pods: they lack the `security.istio.io/tlsMode: istio` label)';
  const sent = leg.rule.route.kind === 'tls' ? "the client's TLS as it is" : 'plain text';
  const remedy =
    kind === 'istio-mtls'
      ? `Set \`tls.mode: ISTIO_MUTUAL\` with \`sni: ${hosts[0] ?? '<external host>'}\` for port ${port} in the DestinationRule for the egress gateway.`
      : 'Originate TLS to the gateway in its DestinationRule, or make the server plain HTTP.';
  const message = `${where[0].toUpperCase()}${where.slice(1)} expects ${expects} on port ${port}, but ${cause}: sidecars send ${sent} and the gateway resets the connection. ${remedy}`;
  const fix: GatewayMtlsFixData | undefined = kind === 'istio-mtls' ? { fix: 'egress-protocols-gateway-mtls', port, sni: hosts[0] } : undefined;
  const mode = tls.tls?.mode;
  if (tls.dr && mode) {
    issues.push({ on: tls.dr, finding: { ...mode.span, code: 'IE427', message, data: fix, related: [serverRelated, routeRelated] } });
  } else if (tls.dr) {
    // No TLS written where it would apply: flag the subset the route uses, else the rule's host.
    const span = tls.subset?.name.span ?? tls.dr.facts.destinationRule?.host?.span ?? tls.dr.facts.name?.span;
    if (span) issues.push({ on: tls.dr, finding: { ...span, code: 'IE427', message, data: fix, related: [serverRelated, routeRelated] } });
  } else {
    const span = portSpan(leg.destination);
    const create = leg.destination.host && { host: leg.destination.host.value, subset: leg.destination.subset?.value, namespace: legs.vs.namespace };
    if (span) issues.push({ on: legs.vs, finding: { ...span, code: 'IE427', message, data: fix && create ? { ...fix, create } : undefined, related: [serverRelated] } });
  }
}

/** Without TLS from the DestinationRule, what the rule carries must suit the server (IE417). */
function judgeCarriage({ legs, leg, arrival, kind, where, serverRelated }: Meeting, issues: LegIssue[]): void {
  const plainIntoPassthrough = kind === 'passthrough' && leg.rule.route.kind === 'http';
  const tlsIntoPlain = kind === 'plain-http' && leg.rule.route.kind === 'tls';
  const span = portSpan(leg.destination);
  if ((!plainIntoPassthrough && !tlsIntoPlain) || !span) return;
  // When the gateway-side rules do not fit this server either, the server is the odd one out: IE422 says so.
  if (legs.gateway.some((other) => other.server === arrival.server && other.expected && other.expected !== other.rule.route.kind)) return;
  const wanted: ServerClass = plainIntoPassthrough ? 'plain-http' : 'passthrough';
  const candidates = leg.workload.ports
    .filter((candidate) => arrivalsAt(leg.gateways, leg.workload, candidate.number).some((other) => serverClass(other.server) === wanted))
    .map((candidate) => String(candidate.number));
  const what = plainIntoPassthrough
    ? `plain HTTP to ${where}, which routes on the SNI of a TLS handshake: plain HTTP has none, so the gateway drops it`
    : `the client's TLS to ${where}, which expects plain HTTP and cannot parse it`;
  const instead = plainIntoPassthrough ? 'an HTTP server' : 'a TLS PASSTHROUGH server';
  issues.push({
    on: legs.vs,
    finding: {
      ...span,
      code: 'IE417',
      message: `This rule sends ${what}. ${candidates.length ? `Send to port ${candidates.join(' or ')}, where ${instead} listens` : `Give the Gateway ${instead} and send there`}, or change the server.`,
      data: leg.destination.port && candidates.length ? { fix: 'replace', candidates } : undefined,
      related: [serverRelated],
    },
  });
}
