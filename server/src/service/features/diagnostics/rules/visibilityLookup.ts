// How Istio decides which proxies see a resource, as far as the egress checks need it: exportTo
// for ServiceEntries and VirtualServices, and the DestinationRule lookup order of
// `PushContext.destinationRule` (the proxy's namespace, then the host's namespace, then the root
// namespace; the first that has a rule for the host wins, most specific host first).
import type { Node } from 'yaml';
import { destinationRulesFor, serviceEntriesFor, visibleTo, type IndexView } from '../../../index/queries';
import { hostMatches, isWildcard, toFqdn } from '../../../index/hosts';
import { YamlReader } from '../../../index/yamlAccess';
import { KEY, type Resource } from '../../../index/workspaceIndex';
import type { Span } from '../finding';

export function exportToOf(resource: Resource): string[] {
  return resource.facts.exportTo?.map((entry) => entry.value) ?? [];
}

/** The `exportTo` key of a resource (or its name when it has none), for underlining and related locations. */
export function exportToSpan(resource: Resource): Span {
  const doc = resource.doc;
  if (doc.yaml) {
    const read = new YamlReader(doc.yaml, doc.text);
    const span = read.keyOf(read.child(doc.yaml.contents as Node, 'spec'), 'exportTo');
    if (span) return span;
  }
  return nameSpan(resource);
}

export function nameSpan(resource: Resource): Span {
  return resource.facts.name?.span ?? { start: 0, end: 0 };
}

export function describeExportTo(resource: Resource): string {
  const entries = exportToOf(resource);
  return entries.length ? `[${entries.join(', ')}]` : 'every namespace';
}

export function qualified(resource: Resource): string {
  return `${resource.namespace}/${resource.name}`;
}

/** ServiceEntries for a host that proxies in `namespace` can use. */
export function serviceEntriesVisibleTo(view: IndexView, fqdn: string, namespace: string): Resource[] {
  return serviceEntriesFor(view, fqdn).filter((entry) => visibleTo(entry, namespace));
}

/**
 * Where the callers of a VirtualService's mesh rules are: its own namespace when it sees the
 * VirtualService (the only thing known without more context), else the namespaces it is
 * explicitly exported to, except those of gateway workloads (exported to for the gateway).
 */
export function clientNamespaces(view: IndexView, vs: Resource): string[] {
  if (visibleTo(vs, vs.namespace)) return [vs.namespace];
  const gateways = new Set(view.settings.gateways.map((gateway) => gateway.namespace));
  return [...new Set(exportToOf(vs).filter((entry) => entry !== '.' && entry !== '*' && entry !== '~' && !gateways.has(entry)))];
}

/** In-cluster Service names (and the catch-all `*`): the egress checks look at external hosts only. */
export function isClusterHost(view: IndexView, fqdn: string): boolean {
  return fqdn.endsWith(`.svc.${view.settings.clusterDomain}`) || fqdn === '*';
}

/** The value to add to a resource's exportTo so that `namespace` sees it (`.` is its own namespace). */
export function exportEntryFor(resource: Resource, namespace: string): string {
  return resource.namespace === namespace ? '.' : namespace;
}

// ----- DestinationRules -----

function exportsOf(rule: Resource, override?: ExportOverride): string[] {
  return override && override.rule === rule ? override.exportTo : exportToOf(rule);
}

function hasSelector(rule: Resource): boolean {
  return !!rule.facts.destinationRule?.workloadSelector;
}

/** A rule Istio keeps to its own namespace (`exportTo: [.]` or its own name, or a workload selector). */
function privateOnly(rule: Resource, exportTo: string[]): boolean {
  return hasSelector(rule) || (exportTo.length === 1 && (exportTo[0] === '.' || exportTo[0] === rule.namespace));
}

/** Exported rules a proxy in `namespace` accepts (an empty exportTo is Istio's default, `*`). */
function exportedTo(exportTo: string[], namespace: string): boolean {
  return exportTo.length === 0 || exportTo.includes('*') || exportTo.includes(namespace);
}

export interface ExportOverride {
  rule: Resource;
  exportTo: string[];
}

export interface RuleLookup {
  view: IndexView;
  fqdn: string;
  /** Namespace of the proxy that sends the traffic. */
  proxyNamespace: string;
  /** Namespaces of the Service/ServiceEntry behind the host (Istio uses one; we accept any). */
  serviceNamespaces: readonly string[];
}

/** The DestinationRules a proxy applies to a host, following Istio's lookup order. */
export function appliedDestinationRules(lookup: RuleLookup, override?: ExportOverride): Resource[] {
  const { view, fqdn, proxyNamespace } = lookup;
  // Every route through the egress gateway asks this for the gateway's host and the same client
  // namespace; answer once per change of the DestinationRules for that host.
  if (!override && view.shared) {
    const question = `appliedDestinationRules:${fqdn}|${proxyNamespace}|${[...new Set(lookup.serviceNamespaces)].sort().join(',')}`;
    return view.shared(question, [KEY.destinationRuleHost(fqdn), KEY.destinationRuleWildcards], () => computeApplied(lookup));
  }
  return computeApplied(lookup, override);
}

function computeApplied(lookup: RuleLookup, override?: ExportOverride): Resource[] {
  const { view, fqdn, proxyNamespace } = lookup;
  const root = view.settings.rootNamespace;
  const candidates = destinationRulesFor(view, fqdn).filter((rule) => !hasSelector(rule));
  const pick = (accept: (rule: Resource, exportTo: string[]) => boolean) =>
    mostSpecific(
      lookup,
      candidates.filter((rule) => accept(rule, exportsOf(rule, override))),
    );
  // 1. The proxy's own namespace; in the root namespace only the rules kept private there.
  const local =
    proxyNamespace !== root
      ? pick((rule, exportTo) => rule.namespace === proxyNamespace && (exportTo.length === 0 || exportTo.includes('*') || exportTo.includes('.') || exportTo.includes(proxyNamespace)))
      : pick((rule, exportTo) => rule.namespace === root && privateOnly(rule, exportTo));
  if (local.length) return local;
  // 2. The host's namespace, rules exported to the proxy's namespace.
  const byService = [...new Set(lookup.serviceNamespaces)].flatMap((namespace) =>
    pick((rule, exportTo) => rule.namespace === namespace && !privateOnly(rule, exportTo) && exportedTo(exportTo, proxyNamespace)),
  );
  if (byService.length) return byService;
  // 3. The root namespace, rules exported to the proxy's namespace.
  return pick((rule, exportTo) => rule.namespace === root && !privateOnly(rule, exportTo) && exportedTo(exportTo, proxyNamespace));
}

/** Rules for the exact host win over wildcards; among wildcards the longest suffix wins. */
function mostSpecific(lookup: RuleLookup, rules: Resource[]): Resource[] {
  const hostOf = (rule: Resource) => toFqdn(rule.facts.destinationRule?.host?.value ?? '', rule.namespace, lookup.view.settings.clusterDomain);
  const exact = rules.filter((rule) => hostOf(rule) === lookup.fqdn);
  if (exact.length) return exact;
  const wildcards = rules.filter((rule) => isWildcard(hostOf(rule)) && hostMatches(hostOf(rule), lookup.fqdn));
  const longest = Math.max(0, ...wildcards.map((rule) => hostOf(rule).length));
  return wildcards.filter((rule) => hostOf(rule).length === longest);
}

export type NotApplied =
  /** Adding `entry` to the rule's exportTo makes the proxy apply it. */
  | { reason: 'exportTo'; entry: string }
  /** Istio never looks in the rule's namespace for this proxy and host. */
  | { reason: 'namespace'; searched: string[] }
  /** Other rules for the host take precedence for this proxy. */
  | { reason: 'shadowed'; by: Resource[] };

/** Why a rule is not among the applied ones. */
export function whyNotApplied(lookup: RuleLookup, rule: Resource, applied: Resource[]): NotApplied {
  const root = lookup.view.settings.rootNamespace;
  const searched = [...new Set([lookup.proxyNamespace, ...lookup.serviceNamespaces, root])];
  if (!searched.includes(rule.namespace)) return { reason: 'namespace', searched };
  // Proxies in the root namespace match exported rules by namespace name, never by `.`.
  const entry = lookup.proxyNamespace === root ? root : exportEntryFor(rule, lookup.proxyNamespace);
  const current = exportToOf(rule);
  if (!current.includes(entry) && !current.includes('*') && current.length > 0) {
    const exportTo = [...current.filter((value) => value !== '~'), entry];
    const after = appliedDestinationRules(lookup, { rule, exportTo });
    if (after.includes(rule)) return { reason: 'exportTo', entry };
    return { reason: 'shadowed', by: after.filter((other) => other !== rule) };
  }
  return { reason: 'shadowed', by: applied };
}
