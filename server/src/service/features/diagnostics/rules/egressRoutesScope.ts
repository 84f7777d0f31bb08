// IE404/IE405: rules that apply on the wrong side of the egress gateway. A rule without
// `match.gateways` applies wherever the VirtualService does; in one bound to both mesh and an
// egress Gateway, it sends gateway traffic back to the gateway, or lets sidecars skip it.
import { listWords } from '../../../util/suggest';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { RedirectFixData, RoutesFixData } from './egressRoutesData';
import { hostsServed, isGatewayHalf, isMeshHalf, meshHalfElsewhere, nameOf, noSpan, runsOnEgress, unscopedAtGateway, type ChainView, type RouteView } from './egressRoutesModel';
import { egressWorkloadOf, matchPort, routable, servicePort, subsetFor, workloadFqdn } from './egressRoutesPlan';

/** IE404: a rule for both sides sends traffic arriving at the egress gateway back to it. */
export function checkLoops({ report }: WorkspaceRuleContext, chain: ChainView, alreadyReported: ReadonlySet<RouteView>): void {
  for (const route of chain.routes) {
    const target = route.toGateway[0];
    if (!route.unscoped || !target || alreadyReported.has(route)) continue;
    // An earlier rule of the same list for the Gateway takes the gateway's traffic first.
    const looping = route.atGateways.filter(
      (gateway) =>
        runsOnEgress(gateway) &&
        unscopedAtGateway(route.route, gateway) &&
        !chain.routes.some((earlier) => earlier.route.kind === route.route.kind && earlier.route.index < route.route.index && earlier.atGateways.includes(gateway)),
    );
    if (!looping.length) continue;
    const clause = route.route.matches.find((match) => match.gateways.length === 0);
    const names = listWords(looping.map((gateway) => gateway.reference.value), 'and');
    const data: RoutesFixData = {
      fix: 'egress-routes',
      title: 'Limit this rule to sidecars (gateways: [mesh])',
      kind: route.route.kind,
      scope: [{ index: route.route.index, gateways: ['mesh'] }],
      bind: [],
    };
    report({
      ...(clause ?? route.route).span,
      code: 'IE404',
      message: `This rule has no \`match.gateways\`, so it applies at the egress Gateway ${names}${route.atMesh ? ' as well as in sidecars' : ''}; at the gateway it sends the traffic back to the egress gateway, in a loop. Limit it to sidecars with \`gateways: [mesh]\`.`,
      related: [{ target: chain.vs, span: target.destination.host?.span ?? route.route.span, message: 'the destination: the egress gateway itself' }],
      data,
    });
  }
}

/** IE405: sidecars route H straight out although the VirtualService routes H out of an egress Gateway. */
export function checkBypasses({ view, report }: WorkspaceRuleContext, chain: ChainView): void {
  const { vs } = chain;
  for (const route of chain.routes) {
    const out = route.out[0];
    if (!route.atMesh || !out?.host) continue;
    // The VirtualService is meant to use the egress gateway when it routes H out of an egress
    // Gateway, or is at least bound to one.
    const bypassed = hostsServed(chain, route.route).flatMap((host) => {
      const half = chain.routes.find((other) => isGatewayHalf(other, host.value) && other.atGateways.some(runsOnEgress));
      const sent = chain.routes.some((other) => isMeshHalf(other, host.value)) || meshHalfElsewhere(view, vs, host.value);
      return (half || chain.egressGateways.length) && !sent ? [{ host: host.value, half }] : [];
    });
    if (!bypassed.length) continue;
    const { half } = bypassed[0];
    const gateway = half?.atGateways.find(runsOnEgress) ?? chain.egressGateways[0];
    const workload = egressWorkloadOf(view, gateway);
    const fqdn = workload && workloadFqdn(view, workload);
    const hosts = listWords(bypassed.map((entry) => entry.host), 'and');
    const host = bypassed.map((entry) => entry.host).find(routable);
    const port = (half && matchPort(half.route)) ?? matchPort(route.route) ?? (host ? servicePort(view, host, vs.namespace) : undefined);
    let data: RoutesFixData | RedirectFixData | undefined;
    let message: string;
    if (route.unscoped) {
      message = `This rule has no \`match.gateways\`, so sidecars apply it too and send ${hosts} straight out, bypassing the egress Gateway \`${gateway.reference.value}\`. Limit it to \`${gateway.reference.value}\` and send sidecar traffic to \`${fqdn ?? 'the egress gateway'}\` in a rule for \`mesh\`.`;
      if (workload && fqdn && host) {
        data = {
          fix: 'egress-routes',
          title: `Limit this rule to ${gateway.reference.value} and send sidecar traffic to the egress gateway`,
          kind: route.route.kind,
          add: {
            rule: { gateways: ['mesh'], matchPort: port, sniHost: route.route.kind === 'tls' ? host : undefined, host: fqdn, subset: subsetFor(view, workload, host, vs.namespace), port },
            before: route.route.index,
          },
          scope: [{ index: route.route.index, gateways: [gateway.reference.value] }],
          bind: [],
        };
      }
    } else {
      const role = half ? 'that this VirtualService routes it from' : 'that this VirtualService is bound to';
      message = `Sidecars send ${hosts} straight out, bypassing the egress Gateway \`${gateway.reference.value}\` ${role}. Send it to \`${fqdn ?? 'the egress gateway'}\` instead.`;
      if (fqdn) {
        data = { fix: 'egress-redirect', kind: route.route.kind, index: route.route.index, destination: route.destinations.indexOf(out), host: fqdn, port };
      }
    }
    report({
      ...out.host.span,
      code: 'IE405',
      message,
      related: [
        ...(!half || half === route ? [] : [{ target: vs, span: half.out[0]?.host?.span ?? half.route.span, message: `the rule at Gateway ${gateway.reference.value}` }]),
        ...(gateway.resolved?.resource ? [{ target: gateway.resolved.resource, span: gateway.resolved.resource.facts.name?.span ?? noSpan, message: `Gateway ${nameOf(gateway.resolved.resource)}` }] : []),
      ],
      data,
    });
  }
}
