// IE406/IE407: the Gateway in the middle of an egress chain, reported on the Gateway itself
// (where the fix belongs) with the VirtualServices that route through it as related places.
import { selectorMatches, type GatewayWorkload } from '../../../index/egressGateways';
import type { Spanned } from '../../../index/facts';
import { gatewayWorkloadsSelectedBy, virtualServicesBoundTo, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { RelatedSpan } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { GatewayHostFixData, SelectorFixData } from './egressRoutesData';
import { chainView, gatewayKey, meshHalfElsewhere, nameOf, noSpan, runsOnEgress, type ChainView } from './egressRoutesModel';
import { matchPort, serverCovers, serverHostFor, workloadFqdn } from './egressRoutesPlan';

interface Use {
  chain: ChainView;
  /** The egress gateway sidecars are sent to for this VirtualService's hosts. */
  workload?: GatewayWorkload;
  /** Where that happens (the mesh rule's destination host). */
  evidence?: { resource: Resource; span: Spanned<string>['span'] };
  /** The VirtualService has rules at this Gateway that route out. */
  routesOut: boolean;
  matchPort?: number;
  /** The Gateway runs on an egress gateway (or on every gateway). */
  egress: boolean;
}

export function checkEgressGateway(context: WorkspaceRuleContext, gateway: Resource): void {
  const uses = usesOf(context.view, gateway);
  checkSelector(context, gateway, uses);
  checkServerHosts(context, gateway, uses);
}

/** The VirtualServices bound to this Gateway that take part in egress, with what they expect of it. */
function usesOf(view: IndexView, gateway: Resource): Use[] {
  const key = `${gateway.namespace}/${gateway.name}`;
  return virtualServicesBoundTo(view, gateway.namespace, gateway.name).flatMap((vs): Use[] => {
    if (!vs.facts.virtualService?.gateways.some((entry) => entry.value !== 'mesh' && gatewayKey(view, entry.value, vs.namespace) === key)) return [];
    const chain = chainView(view, vs, true);
    const bound = chain?.chain.gateways.find((entry) => entry.resolved?.resource === gateway);
    if (!chain || !bound) return [];
    const here = chain.routes.filter((route) => route.atGateways.includes(bound) && route.out.length > 0);
    let workload: GatewayWorkload | undefined;
    let evidence: Use['evidence'];
    const own = chain.routes.find((route) => route.scope.mesh && route.toGateway.length)?.toGateway[0];
    if (own?.destination.host) {
      workload = own.workload;
      evidence = { resource: vs, span: own.destination.host.span };
    } else {
      for (const host of chain.hosts) {
        const other = meshHalfElsewhere(view, vs, host.value);
        const target = other?.routes.find((route) => route.atMesh && route.toGateway.length)?.toGateway[0];
        if (other && target?.destination.host) {
          workload = target.workload;
          evidence = { resource: other.vs, span: target.destination.host.span };
          break;
        }
      }
    }
    return [{ chain, workload, evidence, routesOut: here.length > 0, matchPort: here.map((route) => matchPort(route.route)).find((port) => port !== undefined), egress: runsOnEgress(bound) }];
  });
}

/**
 * For other rule families that would say something about the same selector or server hosts:
 * whether IE406 / IE407 judge them, because the Gateway is part of an egress chain.
 */
export function egressChecksCover(view: IndexView, gateway: Resource): { selector: boolean; hosts: boolean } {
  const uses = usesOf(view, gateway);
  return { selector: uses.some((use) => use.workload && use.routesOut), hosts: uses.some(coversHosts) };
}

const coversHosts = (use: Use) => use.routesOut && (use.egress || !!use.workload);

/** IE406: sidecars are sent to an egress gateway this Gateway's selector does not pick. */
function checkSelector({ view, report }: WorkspaceRuleContext, gateway: Resource, uses: Use[]): void {
  const selector = gateway.facts.gateway?.selector;
  // Without a selector (or with an empty one) Istio applies the Gateway to every gateway workload.
  if (!selector || Object.keys(selector.value).length === 0) return;
  const broken = uses.filter((use) => use.workload && use.routesOut && !selectorMatches(selector.value, use.workload.labels));
  const first = broken[0];
  if (!first?.workload) return;
  const workload = first.workload;
  const selected = gatewayWorkloadsSelectedBy(view.settings, selector.value);
  const picks = selected.length
    ? `selects the ${selected[0].role} gateway \`${selected[0].service}\` in \`${selected[0].namespace}\``
    : 'selects no gateway workload known here';
  const wanted = Object.entries(workload.labels).find(([key]) => key === 'istio') ?? Object.entries(workload.labels)[0];
  const custom = selected.length ? '' : ' (for a gateway of your own, describe it in the `istioEgress.gateways` setting)';
  const data: SelectorFixData = { fix: 'egress-selector', labels: workload.labels, workload: workload.service };
  report({
    ...selector.span,
    code: 'IE406',
    message:
      `This Gateway ${picks}, but ${listWords(broken.map((use) => nameOf(use.chain.vs)), 'and')} sends sidecar traffic to \`${workloadFqdn(view, workload)}\`, ` +
      `whose pods the selector does not match: the egress gateway never opens this Gateway's servers and drops the traffic. ` +
      `Select its pods with \`${wanted ? `${wanted[0]}: ${wanted[1]}` : 'their labels'}\`${custom}.`,
    related: broken.flatMap((use): RelatedSpan[] => (use.evidence ? [{ target: use.evidence.resource, span: use.evidence.span, message: `sidecars are sent to ${use.workload?.service ?? 'the egress gateway'} here` }] : [])),
    data,
  });
}

/** IE407: the Gateway's servers do not offer a host the VirtualService routes through it. */
function checkServerHosts({ report }: WorkspaceRuleContext, gateway: Resource, uses: Use[]): void {
  const servers = gateway.facts.gateway?.servers ?? [];
  if (!servers.length) return;
  for (const use of uses) {
    if (!coversHosts(use)) continue;
    const { vs } = use.chain;
    for (const host of use.chain.hosts) {
      if (servers.some((server) => serverCovers(server, gateway.namespace, vs.namespace, host.value))) continue;
      const index = Math.max(0, servers.findIndex((server) => server.port?.number?.value === use.matchPort));
      const server = servers[index];
      const elsewhere = servers.flatMap((candidate) => candidate.hosts).find((entry) => entry.value.includes('/') && serverHostFor(entry.value, gateway.namespace, vs.namespace) === undefined && entry.value.endsWith(`/${host.value}`));
      const prefixed = server.hosts.some((entry) => entry.value.includes('/'));
      const entry = prefixed ? `${vs.namespace}/${host.value}` : host.value;
      const why = elsewhere
        ? `\`${elsewhere.value}\` offers it only to VirtualServices in \`${elsewhere.value.split('/')[0]}\`, and ${nameOf(vs)} is in \`${vs.namespace}\``
        : `no server lists it`;
      const data: GatewayHostFixData = { fix: 'egress-gateway-host', server: index, host: entry };
      report({
        ...(server.hosts[0]?.span ?? server.span),
        code: 'IE407',
        message: `VirtualService ${nameOf(vs)} routes \`${host.value}\` through this Gateway, but ${why}, so the egress gateway has no route for it and drops the traffic. Add \`${entry}\` to the server's hosts.`,
        related: [{ target: vs, span: host.span ?? noSpan, message: `host of VirtualService ${nameOf(vs)}` }],
        data,
      });
    }
  }
}
