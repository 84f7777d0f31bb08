// Routing resources that collide: two mesh VirtualServices for one host (istioctl IST0109), and
// DestinationRules whose merge loses settings (Kiali KIA0201, narrowed to what pilot really drops).
import type { VirtualServiceFacts } from '../../../index/facts';
import { destinationRulesDefiningSubset, destinationRulesFor, destinationRulesWithPolicy, fqdnOf, virtualServicesFor, type IndexView } from '../../../index/queries';
import { isWildcard } from '../../../index/hosts';
import { sameObject, type Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Report } from '../finding';
import { commonScope, sameScope, scopeOf, scopeWords } from './conflictsScope';
import { qualified, relatedAt, sameLabels, yamlOf } from './referencesShared';

/** No `gateways` (or an empty list) means the mesh only; otherwise `mesh` must be listed. */
function boundToMesh(vs: VirtualServiceFacts): boolean {
  return vs.gateways.length === 0 || vs.gateways.some((gateway) => gateway.value === 'mesh');
}

/**
 * IE320. Sidecars build one route table per host: when two mesh-bound VirtualServices claim the
 * same host for a namespace, only one of them takes effect there (delegation aside, Istio merges
 * VirtualServices only on gateways).
 */
export function checkVirtualServiceConflicts(resource: Resource, view: IndexView, report: Report): void {
  const vs = resource.facts.virtualService;
  if (!vs || !boundToMesh(vs)) return;
  const scope = scopeOf(resource);
  for (const host of vs.hosts) {
    const fqdn = fqdnOf(view, host.value.toLowerCase(), resource.namespace);
    const clashes = virtualServicesFor(view, fqdn).flatMap((other) => {
      const facts = other.facts.virtualService;
      if (sameObject(other, resource) || !facts || !boundToMesh(facts)) return [];
      const twin = facts.hosts.find((candidate) => fqdnOf(view, candidate.value.toLowerCase(), other.namespace) === fqdn);
      const common = commonScope(scope, scopeOf(other));
      return twin && common ? [{ other, twin, common }] : [];
    });
    if (!clashes.length) continue;
    const names = clashes.map((clash) => qualified(clash.other));
    report({
      ...host.span,
      code: 'IE320',
      message:
        `VirtualService ${listWords(names, 'and')} also bind${clashes.length > 1 ? '' : 's'} host \`${host.value}\` to the mesh, for ${scopeWords(clashes[0].common)}. ` +
        'Sidecars take one VirtualService per host, so only one of them applies and the other rules are ignored. Merge the rules into one VirtualService, or separate them with exportTo.',
      related: clashes.map((clash) => relatedAt(clash.other, clash.twin.span, `VirtualService ${qualified(clash.other)} binds the same host`)),
    });
  }
}

/**
 * IE323. Pilot merges DestinationRules for the same host in the same namespace (with the same
 * exportTo and workload selector): subsets are pooled and the first top-level trafficPolicy
 * wins. The merge loses something only when both set a top-level policy or both define a subset
 * of the same name; rules in different namespaces do not merge (the client's namespace wins).
 */
export function checkDestinationRuleConflicts(resource: Resource, view: IndexView, report: Report): void {
  const dr = resource.facts.destinationRule;
  const host = dr?.host;
  if (!dr || !host?.value) return;
  const fqdn = fqdnOf(view, host.value.toLowerCase(), resource.namespace);
  const selector = selectorOf(resource);
  const scope = scopeOf(resource);
  // Merges only lose a top-level policy or a repeated subset: look up just those rules (by key),
  // not every rule for the host — the egress gateway's host can have a thousand.
  const candidates = isWildcard(fqdn)
    ? destinationRulesFor(view, fqdn)
    : [
        ...new Set([
          ...dr.subsets.flatMap((subset) => destinationRulesDefiningSubset(view, fqdn, subset.name.value)),
          ...(dr.trafficPolicy ? destinationRulesWithPolicy(view, fqdn, resource.namespace) : []),
        ]),
      ];
  const peers = candidates.filter((other) => {
    const otherHost = other.facts.destinationRule?.host?.value;
    if (sameObject(other, resource) || other.namespace !== resource.namespace || !otherHost) return false;
    if (fqdnOf(view, otherHost.toLowerCase(), other.namespace) !== fqdn || !sameScope(scope, scopeOf(other))) return false;
    const otherSelector = selectorOf(other);
    return selector === undefined || otherSelector === undefined ? selector === otherSelector : sameLabels(selector, otherSelector);
  });
  if (!peers.length) return;
  const yaml = yamlOf(resource);
  const policyKey = yaml?.read.keyOf(yaml.spec, 'trafficPolicy');
  const withPolicy = peers.filter((peer) => peer.facts.destinationRule?.trafficPolicy);
  if (policyKey && dr.trafficPolicy && withPolicy.length) {
    report({
      ...policyKey,
      code: 'IE323',
      message:
        `DestinationRule ${listWords(withPolicy.map(qualified), 'and')} also sets a top-level trafficPolicy for \`${host.value}\` in this namespace. ` +
        'Istio merges DestinationRules for one host but keeps only the oldest top-level trafficPolicy, so the others are ignored. Keep the policy in one DestinationRule.',
      related: withPolicy.map((peer) => relatedAt(peer, peer.facts.destinationRule?.host?.span, `DestinationRule ${qualified(peer)} for the same host`)),
    });
  }
  for (const subset of dr.subsets) {
    const twins = peers.flatMap((peer) => peer.facts.destinationRule?.subsets.filter((other) => other.name.value === subset.name.value).map((other) => ({ peer, other })) ?? []);
    if (!twins.length) continue;
    report({
      ...subset.name.span,
      code: 'IE323',
      message:
        `Subset \`${subset.name.value}\` is also defined by DestinationRule ${listWords(twins.map((twin) => qualified(twin.peer)), 'and')} for \`${host.value}\`. ` +
        'Istio merges the rules and keeps only the oldest definition of a subset, so the other is ignored. Define each subset once.',
      related: twins.map((twin) => relatedAt(twin.peer, twin.other.name.span, `Subset ${twin.other.name.value} in DestinationRule ${qualified(twin.peer)}`)),
    });
  }
}

function selectorOf(resource: Resource): Record<string, string> | undefined {
  if (!resource.facts.destinationRule?.workloadSelector) return undefined;
  const yaml = yamlOf(resource);
  const labels = yaml?.read.labels(yaml.read.at(yaml.spec, 'workloadSelector', 'matchLabels'));
  return labels && Object.keys(labels).length ? labels : undefined;
}
