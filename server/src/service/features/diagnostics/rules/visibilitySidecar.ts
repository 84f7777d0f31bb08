// Sidecar egress imports: a Sidecar with `egress` listeners limits the VirtualServices and
// Services its workloads see to the hosts it imports (`ns/host`, `./host`, `*/host`). The
// VirtualService of an egress chain must be among them; Istio then also brings in the Services
// its destinations name (the egress gateway's and the external host's, when visible), so an
// explicit `istio-system/*` is not needed for the chain (sidecar scopes do this since Istio 1.5).
import type { Node } from 'yaml';
import { egressChainOf } from '../../../index/egressChain';
import { hostMatches, hostsOverlap } from '../../../index/hosts';
import { fqdnOf, resourcesOfKind, serviceEntriesFor, sidecarsIn, visibleTo, type IndexView } from '../../../index/queries';
import { YamlReader } from '../../../index/yamlAccess';
import type { Resource } from '../../../index/workspaceIndex';
import type { Span } from '../finding';
import type { WorkspaceRuleContext } from '../workspaceRules';
import type { ImportFixData } from './visibilityData';
import { policyContext, unlistenedOutcome } from './visibilityData';
import { nameSpan, qualified } from './visibilityLookup';

interface Import {
  namespace: string;
  host: string;
  excluded: boolean;
}

/** Parses `ns/host` entries; `.` is the namespace of the workload (for a root Sidecar too). */
function importsOf(hosts: readonly string[], client: string): Import[] {
  return hosts.flatMap((entry) => {
    const parts = entry.split('/');
    if (parts.length !== 2) return [];
    let [namespace] = parts;
    const excluded = namespace.startsWith('~');
    if (excluded) namespace = namespace.slice(1) || '*';
    if (namespace === '.') namespace = client;
    return [{ namespace, host: parts[1], excluded }];
  });
}

const inNamespace = (entry: Import, namespace: string) => entry.namespace === '*' || entry.namespace === namespace;

export function checkSidecarImports({ resource, view, report }: WorkspaceRuleContext): void {
  const sidecar = resource.facts.sidecar;
  if (!sidecar || sidecar.workloadSelector || !sidecar.egress.length) return;
  const governs = (namespace: string) => {
    // The namespace's own selector-less Sidecar wins; the root namespace's covers the others.
    const own = sidecarsIn(view, namespace).find((candidate) => !candidate.facts.sidecar?.workloadSelector);
    return own ? own === resource : resource.namespace === view.settings.rootNamespace;
  };
  const listenerIndex = Math.max(0, sidecar.egress.findIndex((listener) => !listener.port));
  for (const vs of resourcesOfKind(view, 'VirtualService')) {
    const hosts = vs.facts.virtualService?.hosts ?? [];
    if (!hosts.length || !governs(vs.namespace) || !visibleTo(vs, vs.namespace)) continue;
    const chain = egressChainOf(view, vs);
    if (!chain?.boundToMesh || !chain.meshToGateway.length) continue;
    const entries = sidecar.egress.flatMap((listener) => importsOf(listener.hosts.map((host) => host.value), vs.namespace));
    const matching = entries.filter((entry) => inNamespace(entry, vs.namespace) && hosts.some((host) => hostsOverlap(entry.host, fqdnOf(view, host.value, vs.namespace))));
    // Imported, or deliberately excluded with `~`: nothing to say.
    if (matching.length) continue;
    const host = hosts[0].value;
    const fqdn = fqdnOf(view, host, vs.namespace);
    const direct = importsServiceEntry(view, entries, fqdn, vs.namespace);
    const policy = policyContext(view, vs.namespace);
    const outcome = direct
      ? `it does import ServiceEntry ${qualified(direct)}, so requests to \`${host}\` go straight to the host and bypass the egress gateway`
      : `${policy.source}: ${unlistenedOutcome(policy)}`;
    report({
      ...hostsKeySpan(resource, listenerIndex),
      code: 'IE345',
      severity: direct ? 'warning' : policy.severity,
      message:
        `Workloads in \`${vs.namespace}\` see only what this Sidecar's egress hosts import, and they do not import VirtualService ${qualified(vs)}, which sends \`${host}\` to the egress gateway; ` +
        `${outcome}. Add \`./${host}\` to the egress hosts.`,
      data: { fix: 'add-sidecar-import', sidecar: { namespace: resource.namespace, name: resource.name }, listener: listenerIndex, host: `./${host}` } satisfies ImportFixData,
      related: [
        { target: vs, span: hosts[0].span, message: `VirtualService ${qualified(vs)} routes ${host} through the egress gateway` },
        ...(direct ? [{ target: direct, span: nameSpan(direct), message: `ServiceEntry ${qualified(direct)}` }] : policy.related.filter((related) => related.target !== resource)),
      ],
    });
  }
}

/** A visible ServiceEntry for the host that the listeners import by its own namespace and host. */
function importsServiceEntry(view: IndexView, entries: readonly Import[], fqdn: string, client: string): Resource | undefined {
  return serviceEntriesFor(view, fqdn)
    .filter((entry) => visibleTo(entry, client))
    .find((entry) => {
      const hosts = (entry.facts.serviceEntry?.hosts ?? []).map((host) => host.value).filter((host) => hostMatches(host, fqdn));
      return entries.some((item) => !item.excluded && inNamespace(item, entry.namespace) && hosts.some((host) => hostMatches(item.host, host)));
    });
}

/** The `hosts` key of an egress listener (or the listener) of a Sidecar. */
function hostsKeySpan(resource: Resource, index: number): Span {
  const listener = resource.facts.sidecar?.egress[index];
  const doc = resource.doc;
  if (doc.yaml) {
    const read = new YamlReader(doc.yaml, doc.text);
    const node = read.items(read.at(doc.yaml.contents as Node, 'spec', 'egress'))[index];
    const span = read.keyOf(node, 'hosts');
    if (span) return span;
  }
  return listener?.span ?? nameSpan(resource);
}
