// The values a reference field can take, from the workspace index and the configured gateway
// workloads. Each is written as the resource being edited would write it: a Service in the
// same namespace by its short name, anything else by its FQDN.
import { CompletionItemKind } from 'vscode-languageserver-types';
import { gatewayFqdn } from '../../index/egressGateways';
import { destinationRulesFor, fqdnOf, knownHost, resourcesOfKind, visibleTo, type IndexView } from '../../index/queries';
import { isWildcard, serviceOfFqdn } from '../../index/hosts';
import { rememberQuery, viewOf, type ReferenceWorkspace } from '../navigation/workspace';

export interface Candidate {
  /** The value as it is written in YAML (before any quoting). */
  value: string;
  detail: string;
  documentation?: string;
  /** Lower sorts first. */
  rank: number;
  kind: CompletionItemKind;
  /** Inserted exactly as `value` (a number, a `key: value` pair) rather than as a YAML string. */
  verbatim?: boolean;
  /** What counts as already written, when not `value` (the key of a label pair). */
  key?: string;
}

/** `name.ns.svc.<domain>` is written `name` inside `ns`; every other host as it is. */
export function writtenHost(fqdn: string, namespace: string, view: IndexView): string {
  const service = serviceOfFqdn(fqdn, view.settings.clusterDomain);
  return service && service.namespace === namespace ? service.name : fqdn;
}

/**
 * Hosts a destination or a DestinationRule can name: the resource's own hosts first (a
 * VirtualService usually routes to what it declares), the configured egress gateways (the
 * first leg of every egress route), then ServiceEntry hosts visible to its namespace and the
 * workspace's Kubernetes Services.
 */
export function hostCandidates(workspace: ReferenceWorkspace, namespace: string, ownHosts: readonly string[] = []): Candidate[] {
  const own = unique(ownHosts.filter((host) => !isWildcard(host)).map((value) => ({ value, detail: 'host of this VirtualService', rank: 0, kind: CompletionItemKind.Reference })));
  const known = rememberQuery(workspace, `hosts ${namespace}`, (view) => workspaceHosts(view, namespace));
  if (!own.length) return known;
  const mine = new Set(own.map((candidate) => candidate.value));
  return [...own, ...known.filter((candidate) => !mine.has(candidate.value))];
}

function workspaceHosts(view: IndexView, namespace: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const gateway of view.settings.gateways) {
    if (gateway.role !== 'egress') continue;
    const value = writtenHost(gatewayFqdn(gateway, view.settings.clusterDomain), namespace, view);
    const ports = gateway.ports.map((port) => `${port.number}/${port.protocol}`).join(', ');
    candidates.push({ value, detail: 'egress gateway', documentation: `The configured egress gateway workload ${gateway.service} in \`${gateway.namespace}\` (ports ${ports}).`, rank: 1, kind: CompletionItemKind.Module });
  }
  for (const entry of resourcesOfKind(view, 'ServiceEntry')) {
    if (!visibleTo(entry, namespace)) continue;
    for (const host of entry.facts.serviceEntry?.hosts ?? []) {
      // A wildcard is a pattern for many hosts, not a host a destination can name.
      if (isWildcard(host.value)) continue;
      const value = writtenHost(fqdnOf(view, host.value, entry.namespace), namespace, view);
      candidates.push({ value, detail: `ServiceEntry ${entry.namespace}/${entry.name}`, rank: 2, kind: CompletionItemKind.Reference });
    }
  }
  for (const service of resourcesOfKind(view, 'Service')) {
    if (!service.name || !visibleTo(service, namespace)) continue;
    const value = writtenHost(fqdnOf(view, service.name, service.namespace), namespace, view);
    candidates.push({ value, detail: `Service ${service.namespace}/${service.name}`, rank: 3, kind: CompletionItemKind.Reference });
  }
  return unique(candidates);
}

/** The subsets DestinationRules define for a destination's host. */
export function subsetCandidates(workspace: ReferenceWorkspace, host: string, namespace: string): Candidate[] {
  const fqdn = fqdnOf(viewOf(workspace), host, namespace);
  return rememberQuery(workspace, `subsets ${fqdn}`, (view) => subsetsOf(view, fqdn));
}

function subsetsOf(view: IndexView, fqdn: string): Candidate[] {
  return unique(
    destinationRulesFor(view, fqdn).flatMap((rule) =>
      (rule.facts.destinationRule?.subsets ?? []).map((subset) => {
        const labels = Object.entries(subset.labels ?? {}).map(([key, value]) => `${key}=${value}`);
        return {
          value: subset.name.value,
          detail: `DestinationRule ${rule.namespace}/${rule.name}`,
          documentation: labels.length ? `Selects endpoints labelled \`${labels.join(', ')}\`.` : 'No labels: every endpoint of the host.',
          rank: 0,
          kind: CompletionItemKind.EnumMember,
        };
      }),
    ),
  );
}

/** The ports of what a destination's host resolves to. */
export function portCandidates(view: IndexView, host: string, namespace: string): Candidate[] {
  const known = knownHost(view, fqdnOf(view, host, namespace), namespace);
  const owner = known?.resource ? `${known.kind} ${known.resource.namespace}/${known.resource.name}` : known?.kind;
  return unique(
    (known?.ports ?? []).map((port, index) => ({
      value: String(port.number),
      detail: [port.name, port.protocol].filter(Boolean).join(' · ') || 'port',
      documentation: owner && `Port of ${owner}.`,
      rank: index,
      kind: CompletionItemKind.Value,
      verbatim: true,
    })),
  );
}

/**
 * Sidecar egress hosts are `namespace/dnsName`: this namespace, the root namespace (where the
 * control plane runs), and the hosts of ServiceEntries exported to the Sidecar's namespace.
 */
export function sidecarHostCandidates(workspace: ReferenceWorkspace, namespace: string): Candidate[] {
  return rememberQuery(workspace, `sidecar hosts ${namespace}`, (view) => sidecarHosts(view, namespace));
}

function sidecarHosts(view: IndexView, namespace: string): Candidate[] {
  const candidates: Candidate[] = [
    { value: './*', detail: 'every service in this namespace', rank: 0, kind: CompletionItemKind.Folder },
    { value: `${view.settings.rootNamespace}/*`, detail: 'every service in the root namespace', rank: 1, kind: CompletionItemKind.Folder },
  ];
  for (const entry of resourcesOfKind(view, 'ServiceEntry')) {
    if (!visibleTo(entry, namespace)) continue;
    for (const host of entry.facts.serviceEntry?.hosts ?? []) {
      candidates.push({ value: `${entry.namespace}/${fqdnOf(view, host.value, entry.namespace)}`, detail: `ServiceEntry ${entry.namespace}/${entry.name}`, rank: 2, kind: CompletionItemKind.Reference });
    }
  }
  return unique(candidates);
}

/** The first candidate of each value. */
export function unique(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.value) && !!seen.add(candidate.value));
}
