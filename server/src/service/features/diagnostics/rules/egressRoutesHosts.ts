// IE408/IE409: the egress gateway named by a host that resolves to something else. Istio
// completes a dotless name with the namespace of the resource that writes it, and takes a name
// with dots as written: `istio-egressgateway` in namespace `shop` and `istio-egressgateway.istio-system`
// both miss `istio-egressgateway.istio-system.svc.cluster.local`.
import type { Spanned } from '../../../index/facts';
import { destinationRulesFor, fqdnOf, virtualServicesRoutingTo } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { RelatedSpan } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import { nameOf } from './egressRoutesModel';
import { meantGateway } from './egressRoutesPlan';

function why(host: string, resolved: string, short: boolean): string {
  return short
    ? `\`${host}\` is a short name, which Istio completes with this resource's namespace to \`${resolved}\``
    : `Istio takes a name with dots as written and does not complete \`${host}\``;
}

/** IE409: a VirtualService destination that means the egress gateway but resolves elsewhere. */
export function checkGatewayDestinations({ view, report }: WorkspaceRuleContext, vs: Resource): void {
  for (const route of vs.facts.virtualService?.routes ?? []) {
    for (const destination of route.destinations) {
      const host = destination.host;
      const meant = host && meantGateway(view, host.value, vs.namespace);
      if (!host || !meant) continue;
      const resolved = fqdnOf(view, host.value, vs.namespace);
      report({
        ...host.span,
        code: 'IE409',
        message: `${why(host.value, resolved, meant.short)}, where no egress gateway runs: traffic sent here fails. Write the egress gateway's full name \`${meant.fqdn}\`.`,
        data: { fix: 'replace', candidates: [meant.fqdn] },
      });
    }
  }
}

/** IE408: the DestinationRule that defines an egress gateway subset has a host that is not the gateway. */
export function checkGatewayDestinationRule({ view, report }: WorkspaceRuleContext, dr: Resource): void {
  const facts = dr.facts.destinationRule;
  const host = facts?.host;
  const meant = host && meantGateway(view, host.value, dr.namespace);
  if (!facts || !host || !meant || !facts.subsets.length) return;
  const defined = new Set(facts.subsets.map((subset) => subset.name.value));
  const elsewhere = new Set(destinationRulesFor(view, meant.fqdn).flatMap((rule) => rule.facts.destinationRule?.subsets.map((subset) => subset.name.value) ?? []));
  const uses: Array<{ vs: Resource; subset: Spanned<string> }> = [];
  for (const vs of virtualServicesRoutingTo(view, meant.fqdn)) {
    for (const route of vs.facts.virtualService?.routes ?? []) {
      for (const destination of route.destinations) {
        const subset = destination.subset;
        if (!subset || !destination.host || fqdnOf(view, destination.host.value, vs.namespace) !== meant.fqdn) continue;
        if (defined.has(subset.value) && !elsewhere.has(subset.value)) uses.push({ vs, subset });
      }
    }
  }
  if (!uses.length) return;
  const subsets = listWords([...new Set(uses.map((use) => use.subset.value))], 'and');
  const resolved = fqdnOf(view, host.value, dr.namespace);
  report({
    ...host.span,
    code: 'IE408',
    message:
      `${why(host.value, resolved, meant.short)}, not the egress gateway \`${meant.fqdn}\`: the subset ${subsets} defined here is not found for ` +
      `${listWords([...new Set(uses.map((use) => nameOf(use.vs)))], 'and')}, which routes to the egress gateway with it, and that traffic fails. Write the host as \`${meant.fqdn}\`.`,
    related: uses.map((use): RelatedSpan => ({ target: use.vs, span: use.subset.span, message: `subset ${use.subset.value} used by ${nameOf(use.vs)}` })),
    data: { fix: 'replace', candidates: [meant.fqdn] },
  });
}
