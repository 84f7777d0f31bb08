// IE301: a destination subset that no DestinationRule for the host defines (istioctl IST0101).
// Only the DestinationRules Istio applies to the host for the VirtualService's namespace count
// for what the message lists and what the quick fixes edit: those of that namespace, else of the
// host's namespace, else of the root namespace, as far as exportTo lets them reach it (the lookup
// in visibilityLookup.ts). A subset some other rule defines is the visibility family's (IE343).
import type { DestinationFact } from '../../../index/facts';
import { serviceOfFqdn } from '../../../index/hosts';
import { destinationRulesDefiningSubset, destinationRulesFor, fqdnOf, gatewayWorkloadByFqdn, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords, suggest } from '../../../util/suggest';
import type { Report } from '../finding';
import { qualified, relatedAt, unique } from './referencesShared';
import { appliedDestinationRules, serviceEntriesVisibleTo } from './visibilityLookup';

/** The namespaces Istio takes as the host's own: its visible ServiceEntries', its Service's, its gateway's. */
function hostNamespaces(view: IndexView, fqdn: string, clientNamespace: string): string[] {
  const service = serviceOfFqdn(fqdn, view.settings.clusterDomain)?.namespace;
  const gateway = gatewayWorkloadByFqdn(view.settings, fqdn)?.namespace;
  return unique([...serviceEntriesVisibleTo(view, fqdn, clientNamespace).map((entry) => entry.namespace), ...(service ? [service] : []), ...(gateway ? [gateway] : [])]);
}

/** The DestinationRules proxies in `clientNamespace` apply to `fqdn` (several of one namespace are merged). */
function destinationRulesApplied(view: IndexView, fqdn: string, clientNamespace: string): Resource[] {
  return appliedDestinationRules({ view, fqdn, proxyNamespace: clientNamespace, serviceNamespaces: hostNamespaces(view, fqdn, clientNamespace) });
}

function subsetsOf(rule: Resource): string[] {
  return rule.facts.destinationRule?.subsets.map((subset) => subset.name.value) ?? [];
}

/** What can be done about a missing subset; the rule's message and the quick fixes read the same choices. */
export interface SubsetChoices {
  /** The DestinationRules that apply to the destination, the target first. */
  rules: Resource[];
  /** The rule to add the subset to: the applied one in the VirtualService's file, else the first. */
  target?: Resource;
  /** The subsets the applied rules define. */
  defined: string[];
  /** Defined subsets close to the one written, best first. */
  close: string[];
  /** The subset to change to unasked: the only one defined, or the only close one. */
  rename?: string;
}

export function subsetChoices(view: IndexView, fqdn: string, clientNamespace: string, subset: string, uri: string): SubsetChoices {
  const applied = destinationRulesApplied(view, fqdn, clientNamespace);
  const target = applied.find((rule) => rule.uri === uri) ?? applied[0];
  const rules = target ? [target, ...applied.filter((rule) => rule !== target)] : [];
  const defined = unique(rules.flatMap(subsetsOf));
  const close = suggest(subset, defined);
  const rename = defined.length === 1 ? defined[0] : close.length === 1 ? close[0] : undefined;
  return { rules, target, defined, close, rename };
}

/** `a`, `a and b`, `a, b and c`, as written. */
function joined(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The DestinationRules consulted, with the subsets each defines. */
function consulted(view: IndexView, rules: readonly Resource[], host: string, fqdn: string, namespace: string): string {
  if (rules.length === 1) {
    const names = subsetsOf(rules[0]);
    return `DestinationRule \`${qualified(rules[0])}\` for \`${host}\`, the rule that applies in namespace \`${namespace}\`, defines ${names.length ? listWords(names, 'and') : 'no subsets'}`;
  }
  if (rules.length > 1) {
    const defining = rules.filter((rule) => subsetsOf(rule).length);
    const what = defining.length ? joined(defining.map((rule) => `${listWords(subsetsOf(rule), 'and')} (in \`${qualified(rule)}\`)`)) : 'no subsets';
    return `the ${rules.length} DestinationRules for \`${host}\` that apply in namespace \`${namespace}\` (Istio merges them) define ${what}`;
  }
  if (!destinationRulesFor(view, fqdn).length) return `no DestinationRule exists for \`${host}\``;
  return `no DestinationRule for \`${host}\` applies in namespace \`${namespace}\` (Istio takes the rules of that namespace, else those of the host's namespace or \`${view.settings.rootNamespace}\` exported to it)`;
}

function advice(choices: SubsetChoices, subset: string, namespace: string): string {
  const { target, close, defined } = choices;
  const add = target ? `add \`${subset}\` to DestinationRule \`${qualified(target)}\`` : `add a DestinationRule for the host in \`${namespace}\` that defines it`;
  if (close.length) return `Did you mean ${listWords(close)}? Otherwise ${add}.`;
  if (defined.length) return `Use ${defined.length === 1 ? 'that subset' : 'one of those subsets'}, or ${add}.`;
  return `${add[0].toUpperCase()}${add.slice(1)}.`;
}

/**
 * IE301 for each destination subset of a VirtualService. `wrongHosts` are destinations whose host
 * another finding already names as a slip for another host (IE409, IE304, a did-you-mean): when no
 * DestinationRule exists for the host as written, the missing subset is the same mistake.
 */
export function checkSubsets(resource: Resource, view: IndexView, report: Report, wrongHosts: ReadonlySet<DestinationFact>): void {
  for (const route of resource.facts.virtualService?.routes ?? []) {
    for (const destination of route.destinations) {
      const { host, subset } = destination;
      if (!host || !subset) continue;
      const fqdn = fqdnOf(view, host.value, resource.namespace);
      // The common case is answered by key; only a missing subset reads the rules for the host.
      if (destinationRulesDefiningSubset(view, fqdn, subset.value).length) continue;
      if (wrongHosts.has(destination) && !destinationRulesFor(view, fqdn).length) continue;
      const choices = subsetChoices(view, fqdn, resource.namespace, subset.value, resource.uri);
      report({
        ...subset.span,
        code: 'IE301',
        message: `Subset \`${subset.value}\` is not defined: ${consulted(view, choices.rules, host.value, fqdn, resource.namespace)}. Traffic to this destination fails (503 "no healthy upstream"). ${advice(choices, subset.value, resource.namespace)}`,
        data: { fix: 'missing-subset', subset: subset.value, host: fqdn, hostAsWritten: host.value, namespace: resource.namespace },
        related: choices.rules.map((rule) => relatedAt(rule, rule.facts.destinationRule?.host?.span, `DestinationRule ${qualified(rule)}`)),
      });
    }
  }
}
