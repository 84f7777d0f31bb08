// Sidecar egress hosts `namespace/host` import the services named `host` that are defined in
// `namespace`; an entry that matches none imports nothing (Kiali KIA1004). Entries that import a
// whole namespace (`ns/*`, `./*`, `*/*`, `~/*`) are not checked.
import { gatewayFqdn } from '../../../index/egressGateways';
import { hostsOverlap, serviceOfFqdn } from '../../../index/hosts';
import { fqdnOf, resourcesOfKind, type IndexView } from '../../../index/queries';
import type { Spanned } from '../../../index/facts';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords } from '../../../util/suggest';
import type { Report } from '../finding';
import { createServiceEntryData, qualified, relatedAt, unique, type ServiceEntryPort } from './referencesShared';
import { isInClusterName } from './referencesUnknownHost';

interface Definition {
  namespace: string;
  resource?: Resource;
}

export function checkSidecarEgress(resource: Resource, view: IndexView, report: Report): void {
  for (const listener of resource.facts.sidecar?.egress ?? []) {
    const ports: ServiceEntryPort[] = listener.port ? [{ number: listener.port.value, protocol: listener.port.value === 80 ? 'HTTP' : listener.port.value === 443 ? 'TLS' : 'TCP' }] : [];
    for (const host of listener.hosts) checkEntry(resource, view, host, ports, report);
  }
}

function checkEntry(resource: Resource, view: IndexView, entry: Spanned<string>, ports: ServiceEntryPort[], report: Report): void {
  const slash = entry.value.indexOf('/');
  if (slash <= 0) return;
  const written = entry.value.slice(0, slash);
  const name = entry.value.slice(slash + 1).toLowerCase();
  // Short names are rejected by Istio's validation (another rule says so).
  if (!name.includes('.') || name === '*' || written.startsWith('~')) return;
  const namespace = written === '.' ? resource.namespace : written;
  const definitions = definitionsOf(view, name);
  if (definitions.some((definition) => namespace === '*' || definition.namespace === namespace)) return;
  const where = namespace === '*' ? 'in any namespace' : `in namespace \`${namespace}\``;
  if (definitions.length) {
    const candidates = unique(definitions.map((definition) => `${definition.namespace}/${name}`));
    report({
      ...entry.span,
      code: 'IE312',
      message: `\`${entry.value}\` imports nothing: \`${name}\` is not defined ${where} but in ${listWords(unique(definitions.map((d) => d.namespace)), 'and')}. An egress host imports the services of the namespace written before the slash. Write ${listWords(candidates)}.`,
      data: { fix: 'replace', candidates },
      related: definitions.flatMap((definition) => (definition.resource ? [relatedAt(definition.resource, undefined, `${definition.resource.facts.kind} ${qualified(definition.resource)}`)] : [])),
    });
    return;
  }
  if (isInClusterName(name, name, view.settings.clusterDomain)) {
    // Only when the workspace seems to describe that namespace: otherwise the Service may well be defined elsewhere.
    const target = serviceOfFqdn(name, view.settings.clusterDomain);
    if (!target || !resourcesOfKind(view, 'Service').some((service) => service.namespace === target.namespace)) return;
    report({
      ...entry.span,
      code: 'IE312',
      severity: 'information',
      message: `\`${entry.value}\` matches no Service in the workspace: namespace \`${target.namespace}\` has no Service \`${target.name}\` here. If it is defined elsewhere, ignore this; otherwise check the name.`,
    });
    return;
  }
  report({
    ...entry.span,
    code: 'IE312',
    message: `\`${entry.value}\` imports nothing: no ServiceEntry ${where} declares \`${name}\`. Workloads using this Sidecar do not see the host, so REGISTRY_ONLY blocks it and ALLOW_ANY sends it out unrouted. Add a ServiceEntry for \`${name}\`${namespace === '*' ? '' : ` in \`${namespace}\``}, or correct the entry.`,
    data: createServiceEntryData(name, namespace === '*' ? resource.namespace : namespace, ports),
  });
}

/** Every namespace where a service with a host overlapping `name` is defined. */
function definitionsOf(view: IndexView, name: string): Definition[] {
  const found: Definition[] = [];
  for (const entry of resourcesOfKind(view, 'ServiceEntry')) {
    if (entry.facts.serviceEntry?.hosts.some((host) => hostsOverlap(fqdnOf(view, host.value.toLowerCase(), entry.namespace), name))) found.push({ namespace: entry.namespace, resource: entry });
  }
  for (const service of resourcesOfKind(view, 'Service')) {
    if (hostsOverlap(fqdnOf(view, service.name, service.namespace), name)) found.push({ namespace: service.namespace, resource: service });
  }
  for (const gateway of view.settings.gateways) {
    if (hostsOverlap(gatewayFqdn(gateway, view.settings.clusterDomain), name)) found.push({ namespace: gateway.namespace });
  }
  return found;
}
