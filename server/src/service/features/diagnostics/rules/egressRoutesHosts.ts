// IE408/IE409: the egress gateway named by a host that resolves to something else. Istio
// completes a dotless name with the namespace of the resource that writes it, and takes a name
// with dots as written: `istio-egressgateway` in namespace `shop` and `istio-egressgateway.istio-system`
// both miss `istio-egressgateway.istio-system.svc.cluster.local`.
// IE410: the external host the egress gateway forwards to resolves back to the gateway: with
// resolution NONE, Envoy's ORIGINAL_DST cluster sends each connection to the address it was made
// to, which at the gateway is the gateway's own (istio.io egress gateway task, istio/istio#50075).
import type { Node } from 'yaml';
import type { Spanned } from '../../../index/facts';
import { isIp, isWildcard } from '../../../index/hosts';
import { destinationRulesFor, fqdnOf, serviceEntriesFor, virtualServicesRoutingTo, visibleTo, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { YamlReader } from '../../../index/yamlAccess';
import { listWords } from '../../../util/suggest';
import type { RelatedSpan } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { ResolutionFixData } from './egressRoutesData';
import { nameOf, noSpan, runsOnEgress, type ChainView } from './egressRoutesModel';
import { egressWorkloadOf, meantGateway } from './egressRoutesPlan';

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

/** IE410: a rule at an egress Gateway forwards to a host whose ServiceEntry has resolution NONE. */
export function checkGatewayResolution({ view, report }: WorkspaceRuleContext, chain: ChainView): void {
  const flagged = new Set<number>();
  for (const route of chain.routes) {
    // Only the gateway leg: sidecars may use a NONE entry directly (they connect to the address the application asked for).
    const gateway = route.atGateways.find(runsOnEgress);
    if (!gateway) continue;
    for (const destination of route.out) {
      const host = destination.host;
      const found = host && !flagged.has(host.span.start) ? unresolvedEntry(view, host.value, chain.vs.namespace, egressWorkloadOf(view, gateway)?.namespace) : undefined;
      if (!host || !found) continue;
      flagged.add(host.span.start);
      const { se, declared } = found;
      const facts = se.facts.serviceEntry!;
      const name = nameOf(se);
      const others = facts.hosts.filter((entry) => isWildcard(entry.value) || isIp(entry.value));
      const how = isWildcard(host.value)
        ? `A wildcard host is the same loop, and DNS cannot resolve it: route the gateway leg to one concrete host declared in a ServiceEntry with \`resolution: DNS\`, as Istio's wildcard egress task does (the wildcard entry may keep NONE for the sidecar leg).`
        : others.length
          ? `Move \`${host.value}\` to a ServiceEntry of its own with \`resolution: DNS\`: ServiceEntry ${name} also lists ${listWords(others.map((entry) => entry.value), 'and')}, which DNS cannot resolve.`
          : `Set \`resolution: DNS\` on ServiceEntry ${name}${facts.addresses.length ? ', or `resolution: STATIC` with the server\'s IPs as `endpoints` when the host is not a DNS name' : ''}.`;
      const data: ResolutionFixData | undefined =
        isWildcard(host.value) || others.length ? undefined : { fix: 'egress-se-resolution', serviceEntry: { namespace: se.namespace, name: se.name }, host: declared.value, preferred: !facts.addresses.length };
      report({
        ...host.span,
        code: 'IE410',
        message:
          `The egress gateway forwards this traffic to \`${host.value}\` (rule at Gateway \`${gateway.reference.value}\`), and ServiceEntry ${name} ` +
          `${facts.resolution ? 'has `resolution: NONE`' : 'sets no `resolution`, which means NONE'}: with NONE the gateway sends each connection to its original destination address, ` +
          `which at the gateway is the gateway's own (sidecars sent the traffic there), so the traffic loops back into the gateway and requests fail (503 or timeouts). ${how}`,
        related: [
          { target: se, span: resolutionKey(se) ?? declared.span, message: `ServiceEntry ${name}: ${facts.resolution ? 'resolution NONE' : 'no resolution (NONE)'}` },
          ...(gateway.resolved?.resource ? [{ target: gateway.resolved.resource, span: gateway.resolved.resource.facts.name?.span ?? noSpan, message: `Gateway ${nameOf(gateway.resolved.resource)} on the egress gateway` }] : []),
        ],
        data,
      });
    }
  }
}

/**
 * The ServiceEntry the gateway uses for `host` (one that declares it as written, visible to the
 * gateway's namespace, the VirtualService's own first) when its resolution is NONE. Entries with
 * endpoints or a workloadSelector are left to the ServiceEntry checks.
 */
function unresolvedEntry(view: IndexView, host: string, vsNamespace: string, gatewayNamespace: string | undefined): { se: Resource; declared: Spanned<string> } | undefined {
  const fqdn = fqdnOf(view, host, vsNamespace);
  const declaring = serviceEntriesFor(view, fqdn).flatMap((se) => {
    const declared = se.facts.serviceEntry?.hosts.find((entry) => fqdnOf(view, entry.value, se.namespace) === fqdn);
    return declared && (!gatewayNamespace || visibleTo(se, gatewayNamespace)) ? [{ se, declared }] : [];
  });
  const found = declaring.find((candidate) => candidate.se.namespace === vsNamespace) ?? declaring[0];
  const facts = found?.se.facts.serviceEntry;
  if (!facts || (facts.resolution?.value ?? 'NONE') !== 'NONE' || facts.endpoints.length || facts.workloadSelector) return undefined;
  return found;
}

function resolutionKey(se: Resource): RelatedSpan['span'] | undefined {
  if (!se.doc.yaml || !se.facts.serviceEntry?.resolution) return undefined;
  const read = new YamlReader(se.doc.yaml, se.doc.text);
  return read.keyOf(read.child(se.doc.yaml.contents as Node | null, 'spec'), 'resolution');
}
