// IE400/IE401: the two halves of an egress chain for a host H. The mesh rule sends sidecar
// traffic for H to the egress gateway Service; the gateway rule, bound to the Gateway on that
// gateway, sends it on to H. Either half may live in another VirtualService for H.
import type { RelatedSpan } from '../finding';
import { listWords } from '../../../util/suggest';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { RoutesFixData } from './egressRoutesData';
import {
  covers,
  directMeshRouteElsewhere,
  gatewayHalfElsewhere,
  hostsServed,
  isGatewayHalf,
  meshHalfElsewhere,
  nameOf,
  noSpan,
  runsOnEgress,
  type ChainView,
  type RouteView,
  unscopedAtGateway,
} from './egressRoutesModel';
import { egressWorkloadOf, gatewaysOffering, matchPort, referenceTo, routable, servicePort, subsetFor, workloadFqdn } from './egressRoutesPlan';

/** IE400: sidecars send H to the egress gateway, and nothing routes it on from there. Returns the rules reported. */
export function checkGatewayHalves({ view, report }: WorkspaceRuleContext, chain: ChainView): Set<RouteView> {
  const reported = new Set<RouteView>();
  const { vs } = chain;
  for (const route of chain.routes) {
    const target = route.toGateway[0];
    if (!route.scope.mesh || !target?.destination.host) continue;
    const missing = hostsServed(chain, route.route).filter(
      (host) => !chain.routes.some((other) => isGatewayHalf(other, host.value)) && !gatewayHalfElsewhere(view, vs, host.value),
    );
    if (!missing.length) continue;
    reported.add(route);
    const hosts = listWords(missing.map((host) => host.value), 'and');
    const host = missing.find((candidate) => routable(candidate.value))?.value;
    const bound = chain.egressGateways[0];
    const offered = bound || !host ? [] : gatewaysOffering(view, target.workload, host, vs.namespace);
    const gatewayName = bound?.reference.value ?? (offered[0] && referenceTo(offered[0], vs.namespace));
    const loops = route.unscoped && route.atGateways.some((gateway) => runsOnEgress(gateway) && unscopedAtGateway(route.route, gateway));
    const how = gatewayName
      ? `add a rule that matches \`gateways: [${gatewayName}]\` and routes to ${host ? `\`${host}\`` : 'a host the wildcard covers'}${bound ? '' : `, and bind the VirtualService to \`${gatewayName}\``}`
      : `bind this VirtualService to a Gateway on the egress gateway (selector ${labelsText(target.workload.labels)}) whose server lists ${hosts}, and add a rule for that Gateway that routes to the host`;
    const related: RelatedSpan[] = [
      ...chain.egressGateways.flatMap((gateway) => gateway.resolved?.resource ?? []).map((gateway) => ({ gateway, note: `no rule of ${nameOf(vs)} applies here` })),
      ...offered.slice(0, 1).map((gateway) => ({ gateway, note: `offers ${host} on the egress gateway` })),
    ].map(({ gateway, note }) => ({ target: gateway, span: gateway.facts.name?.span ?? noSpan, message: `Gateway ${nameOf(gateway)}: ${note}` }));
    let data: RoutesFixData | undefined;
    if (gatewayName && host) {
      const gatewayPort = target.destination.port?.value ?? matchPort(route.route);
      data = {
        fix: 'egress-routes',
        title: `Add the rule that routes ${host} out from Gateway ${gatewayName}`,
        kind: route.route.kind,
        add: {
          rule: {
            gateways: [gatewayName],
            matchPort: gatewayPort,
            sniHost: route.route.kind === 'tls' ? host : undefined,
            host,
            port: matchPort(route.route) ?? servicePort(view, host, vs.namespace) ?? gatewayPort,
          },
        },
        // A rule without match.gateways would also apply at the gateway, before the new rule.
        scope: route.unscoped ? [{ index: route.route.index, gateways: ['mesh'] }] : undefined,
        bind: bound ? [] : [gatewayName],
      };
    }
    report({
      ...target.destination.host.span,
      code: 'IE400',
      message:
        `Sidecars send ${hosts} to the egress gateway, but no rule routes it on from there, so the gateway drops the traffic` +
        (loops ? ' (this rule, having no `match.gateways`, even applies at the gateway and sends the traffic back to itself)' : '') +
        `: ${how}.`,
      related,
      data,
    });
  }
  return reported;
}

/** IE401: a gateway rule routes H out, and nothing sends sidecar traffic for H to the gateway. */
export function checkMeshHalves({ view, report }: WorkspaceRuleContext, chain: ChainView): void {
  const { vs } = chain;
  for (const route of chain.routes) {
    const gateway = route.atGateways.find(runsOnEgress);
    const out = route.out[0];
    if (!gateway || !out?.host) continue;
    // Any rule written for sidecars counts: one that goes straight out is IE405's, one that is
    // not bound to mesh is IE402's.
    const missing = hostsServed(chain, route.route).filter(
      (host) =>
        !chain.routes.some((other) => other.scope.mesh && covers(other.route, host.value) && (other.toGateway.length > 0 || other.out.length > 0)) &&
        !meshHalfElsewhere(view, vs, host.value),
    );
    if (!missing.length) continue;
    const hosts = listWords(missing.map((host) => host.value), 'and');
    const direct = missing.map((host) => directMeshRouteElsewhere(view, vs, host.value)).find((other) => !!other);
    const workload = egressWorkloadOf(view, gateway);
    const host = missing.find((candidate) => routable(candidate.value))?.value;
    const fqdn = workload && workloadFqdn(view, workload);
    const instead = direct
      ? `VirtualService ${nameOf(direct)} sends it from sidecars straight to its destination; route it to \`${fqdn ?? 'the egress gateway'}\` there`
      : `sidecars reach ${hosts} directly; add a rule for \`mesh\` that routes it to \`${fqdn ?? 'the egress gateway Service'}\``;
    const port = matchPort(route.route) ?? (host ? servicePort(view, host, vs.namespace) : undefined);
    let data: RoutesFixData | undefined;
    if (!direct && workload && fqdn && host) {
      data = {
        fix: 'egress-routes',
        title: `Add the rule that sends ${host} from sidecars to the egress gateway`,
        kind: route.route.kind,
        add: {
          rule: { gateways: ['mesh'], matchPort: port, sniHost: route.route.kind === 'tls' ? host : undefined, host: fqdn, subset: subsetFor(view, workload, host, vs.namespace), port },
          before: route.route.index,
        },
        bind: chain.chain.boundToMesh ? [] : ['mesh'],
      };
    }
    report({
      ...out.host.span,
      code: 'IE401',
      message: `This rule at Gateway \`${gateway.reference.value}\` routes ${hosts} out, but no rule sends sidecar traffic for it to the egress gateway, so traffic does not pass the gateway: ${instead}.`,
      related: [
        ...(direct ? [{ target: direct, span: direct.facts.name?.span ?? noSpan, message: `VirtualService ${nameOf(direct)} routes sidecar traffic directly` }] : []),
        ...(gateway.resolved?.resource ? [{ target: gateway.resolved.resource, span: gateway.resolved.resource.facts.name?.span ?? noSpan, message: `Gateway ${nameOf(gateway.resolved.resource)}` }] : []),
      ],
      data,
    });
    return;
  }
}

function labelsText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  const chosen = entries.find(([key]) => key === 'istio') ?? entries[0];
  return chosen ? `\`${chosen[0]}: ${chosen[1]}\`` : 'of the egress gateway';
}
