// The egress gateway → external host leg (IE425, IE428, IE429): what the gateway sends (plain
// HTTP from an `http` rule, or the client's own TLS from a passthrough `tls` rule) against the
// port's protocol and the DestinationRule for the host. TLS origination at the gateway is an
// `http` rule to a TLS port plus SIMPLE or MUTUAL on that port; without it plain HTTP reaches a
// TLS server (or, with ISTIO_MUTUAL, a handshake with mesh certificates the server rejects), and
// with a passthrough rule it wraps TLS in TLS. SIMPLE/MUTUAL without `sni` is
// fine: Istio then sets Envoy's auto_sni, which takes the SNI from the request's Host.
import { isWildcard } from '../../../index/hosts';
import type { IndexView } from '../../../index/queries';
import { gatewayName, portSpan, related, type ChainLegs, type ExternalLeg } from './egressProtocolsLegs';
import type { LegIssue } from './egressProtocolsGatewayTls';
import { effectiveTls, originatesTls, routeKindOfProtocol, selectDestinationRule, serverClass } from './egressProtocolsModel';

export interface OriginateFixData {
  fix: 'egress-protocols-originate';
  /** The external host as written in the route, and the port to originate TLS on. */
  host: string;
  port: number;
  /** The DestinationRule to extend; absent: create one after the VirtualService. */
  dr?: { namespace: string; name: string };
  /** metadata.namespace for a new DestinationRule (the ServiceEntry's, when written there). */
  namespace?: string;
  [key: string]: unknown;
}

/** What the gateway puts on the wire towards the external host, when that is known. */
function carries(leg: ExternalLeg): 'http' | 'tls' | undefined {
  const kind = leg.server && serverClass(leg.server);
  if (leg.rule.route.kind === 'http' && (kind === 'plain-http' || kind === 'terminate' || kind === 'istio-mtls')) return 'http';
  if (leg.rule.route.kind === 'tls' && kind === 'passthrough') return 'tls';
  return undefined;
}

export function externalLegIssues(view: IndexView, legs: ChainLegs): LegIssue[] {
  const issues: LegIssue[] = [];
  for (const leg of legs.external) {
    const traffic = carries(leg);
    if (!traffic || leg.port === undefined) continue;
    const sePort = leg.sePorts.find((port) => port.number === leg.port);
    const workload = leg.gateway.workloads.find((candidate) => candidate.role === 'egress');
    const subset = leg.destination.subset?.value;
    // The gateway proxy looks the rule up from its own namespace, then the ServiceEntry's.
    const dr = selectDestinationRule(view, leg.fqdn, workload?.namespace ?? view.settings.rootNamespace, sePort?.se.namespace ?? leg.sePorts[0]?.se.namespace, subset);
    const tls = effectiveTls(dr, subset, leg.port);
    const routeRelated = related(legs.vs, portSpan(leg.destination) ?? leg.destination.span, `VirtualService ${legs.vs.namespace}/${legs.vs.name}: the gateway-side rule sends to ${leg.host}:${leg.port}`);
    const serverRelated = related(leg.resource, leg.server?.port?.number?.span ?? leg.resource.facts.name?.span, `Gateway ${gatewayName(leg.resource)}`);
    if (traffic === 'http' && sePort && routeKindOfProtocol(sePort.protocol) === 'tls' && !originatesTls(tls.mode)) {
      const span = portSpan(leg.destination);
      if (!span) continue;
      const se = sePort.se;
      const declared = `${leg.host}:${leg.port}, which ServiceEntry ${se.namespace}/${se.name} declares ${sePort.protocol}`;
      const data: OriginateFixData = { fix: 'egress-protocols-originate', host: leg.host, port: leg.port, namespace: se.facts.namespace?.value };
      if (dr) data.dr = { namespace: dr.namespace, name: dr.name };
      // ISTIO_MUTUAL does originate TLS, but Istio's own: mesh certificates, trust in the mesh CA only.
      const meshTls = tls.mode === 'ISTIO_MUTUAL';
      const message = meshTls
        ? `DestinationRule ${dr!.namespace}/${dr!.name} makes the egress gateway use \`ISTIO_MUTUAL\` towards ${declared}: that is Istio mutual TLS with the mesh's certificates, which only mesh workloads accept. The external server's certificate is not issued by the mesh CA, and it would not accept the mesh client certificate, so the handshake fails. To originate TLS to an external server, use \`tls.mode: SIMPLE\` for port ${leg.port} (with \`sni\`, and \`credentialName\` or \`caCertificates\` with \`subjectAltNames\` to verify the server), or MUTUAL with a client certificate.`
        : `The egress gateway sends plain HTTP to ${declared}, and no DestinationRule originates TLS on that port${tls.tls ? ` (DestinationRule ${dr!.namespace}/${dr!.name} sets \`${tls.mode}\` for it)` : ''}: the server gets plain text on its TLS port and the request fails. Originate TLS with \`tls.mode: SIMPLE\` for port ${leg.port} in a DestinationRule for ${leg.host}.`;
      const drSpan = meshTls ? tls.tls?.mode?.span : dr?.facts.destinationRule?.host?.span;
      issues.push({
        on: legs.vs,
        finding: {
          ...span,
          code: 'IE429',
          message,
          data,
          related: [related(se, se.facts.name?.span, `ServiceEntry ${se.namespace}/${se.name}: port ${sePort.number} is ${sePort.protocol}`), ...(dr ? [related(dr, drSpan, `DestinationRule ${dr.namespace}/${dr.name}${meshTls ? ': ISTIO_MUTUAL' : ''}`)] : [])],
        },
      });
      continue;
    }
    const mode = tls.tls?.mode;
    if (!dr || !mode || !originatesTls(tls.mode)) continue;
    if (traffic === 'tls') {
      issues.push({
        on: dr,
        finding: {
          ...mode.span,
          code: 'IE428',
          message: `\`${mode.value}\` originates TLS to ${leg.host}:${leg.port}, but the egress gateway passes the client's TLS through unopened there (a \`tls\` rule on a PASSTHROUGH server): TLS inside TLS, which the external server cannot read. Remove this TLS setting for port ${leg.port}, or terminate at the gateway instead of passing through.`,
          related: [routeRelated, serverRelated],
        },
      });
      continue;
    }
    const sni = tls.tls?.sni;
    if (sni && !isWildcard(leg.host) && sni.value.toLowerCase() !== leg.host.toLowerCase()) {
      issues.push({
        on: dr,
        finding: {
          ...sni.span,
          code: 'IE425',
          message: `The egress gateway originates TLS to \`${leg.host}\` with SNI \`${sni.value}\`: the server may present a certificate for another name or refuse the handshake. Set \`sni: ${leg.host}\`, or remove it to have the request's Host used.`,
          data: { fix: 'replace', candidates: [leg.host] },
          related: [routeRelated],
        },
      });
    }
  }
  return issues;
}
