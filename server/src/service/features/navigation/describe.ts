// What a reference resolves to, in a sentence for the hover: the Gateway, ServiceEntry,
// Service, gateway workload or subset it names and where that is, or that it names nothing.
import type { Position, Range } from 'vscode-languageserver-types';
import { gatewayFqdn } from '../../index/egressGateways';
import { gatewayWorkloadByFqdn, resolveGateway, visibleTo } from '../../index/queries';
import type { PortFact } from '../../index/facts';
import { documentAtLine, type ParsedFile } from '../../parse/parsedFile';
import { placeLink, spanRange } from './locations';
import { siteAt } from './referenceAt';
import { hostDeclarations, subsetDeclarations } from './resolve';
import { isDeclaration, type GatewaySite, type HostSite, type Site, type SubsetSite } from './sites';
import { viewOf, type ReferenceWorkspace } from './workspace';

export interface ReferenceDescription {
  markdown: string;
  range: Range;
}

export function describeReferenceAt(workspace: ReferenceWorkspace, file: ParsedFile, position: Position): ReferenceDescription | undefined {
  const site = siteAt(workspace, file, position);
  const placed = documentAtLine(file, position.line);
  if (!site || !placed || isDeclaration(site)) return undefined;
  const markdown = describeSite(workspace, site);
  return markdown ? { markdown, range: spanRange(placed, site.span) } : undefined;
}

function describeSite(workspace: ReferenceWorkspace, site: Site): string | undefined {
  switch (site.kind) {
    case 'mesh':
      return '`mesh` is reserved: it stands for the sidecars of every workload in the mesh, not for a Gateway.';
    case 'gateway':
      return describeGateway(workspace, site);
    case 'host':
      return describeHost(workspace, site);
    case 'subset':
      return describeSubset(workspace, site);
  }
}

function describeGateway(workspace: ReferenceWorkspace, site: GatewaySite): string {
  const view = viewOf(workspace);
  const gateway = resolveGateway(view, site.value, site.resource.namespace)?.resource;
  const id = `${site.namespace}/${site.name}`;
  if (!gateway) {
    const how = site.value.includes('/') ? 'as written' : `in the VirtualService's namespace \`${site.resource.namespace}\``;
    return `Resolves to nothing: no Gateway \`${id}\` in the workspace (\`${site.value}\` is looked up ${how}).`;
  }
  const facts = gateway.facts.gateway;
  const selector = Object.entries(facts?.selector?.value ?? {}).map(([key, value]) => `${key}=${value}`);
  const servers = (facts?.servers ?? []).map((server) => `${server.port ? portText(server.port) : '?'} ${server.hosts.map((host) => host.value).join(' ')}`.trim());
  const parts = [`selector ${selector.length ? `\`${selector.join(', ')}\`` : 'none (every workload)'}`, `servers ${servers.length ? servers.join('; ') : 'none'}`];
  return `**Gateway ${id}** — ${parts.join(', ')} — ${placeLink(workspace, gateway, gateway.facts.name?.span ?? { start: 0, end: 0 })}`;
}

function describeHost(workspace: ReferenceWorkspace, site: HostSite): string {
  const view = viewOf(workspace);
  const written = site.value === site.fqdn ? `\`${site.fqdn}\`` : `\`${site.value}\` (\`${site.fqdn}\`)`;
  if (site.fqdn === '*') return `${written} matches every host.`;
  const client = site.resource.namespace;
  const [declaration, ...more] = hostDeclarations(view, site.fqdn, client);
  const others = more.length ? ` (and ${more.length} more)` : '';
  if (declaration?.role === 'service-entry') {
    const entry = declaration.resource;
    const facts = entry.facts.serviceEntry;
    const ports = (facts?.ports ?? []).map(portText);
    const details = [`host \`${declaration.value}\``, ports.length ? `ports ${ports.join(', ')}` : 'no ports', facts?.resolution?.value ?? 'resolution NONE', facts?.location?.value ?? 'MESH_EXTERNAL'];
    const hidden = visibleTo(entry, client) ? '' : ` — not exported to namespace \`${client}\`, so it does not apply here`;
    return `${written} → **ServiceEntry ${entry.namespace}/${entry.name}**${others} — ${details.join(', ')} — ${placeLink(workspace, entry, declaration.span)}${hidden}`;
  }
  if (declaration?.role === 'service') {
    const service = declaration.resource;
    const ports = (service.facts.service?.ports ?? []).flatMap((port) => (port.port ? [`${port.port}${port.name ? `/${port.name}` : ''}`] : []));
    return `${written} → **Service ${service.namespace}/${service.name}** — ${ports.length ? `ports ${ports.join(', ')}` : 'no ports'} — ${placeLink(workspace, service, declaration.span)}`;
  }
  const workload = gatewayWorkloadByFqdn(view.settings, site.fqdn);
  if (workload) {
    const ports = workload.ports.map((port) => `${port.number}/${port.protocol}`);
    return `${written} → **${gatewayFqdn(workload, view.settings.clusterDomain)}**, the configured ${workload.role} gateway workload (${workload.service} in \`${workload.namespace}\`, outside the workspace) — ports ${ports.join(', ')}`;
  }
  return `${written} resolves to nothing in the workspace: no ServiceEntry host, Kubernetes Service or configured gateway workload has this name.`;
}

function describeSubset(workspace: ReferenceWorkspace, site: SubsetSite): string {
  const [subset, ...more] = subsetDeclarations(viewOf(workspace), site.host, site.value);
  if (!subset) return `Resolves to nothing: no DestinationRule for \`${site.host}\` defines subset \`${site.value}\`.`;
  const rule = subset.resource;
  const labels = Object.entries(rule.facts.destinationRule?.subsets.find((candidate) => candidate.name.value === site.value)?.labels ?? {}).map(([key, value]) => `${key}=${value}`);
  const selects = labels.length ? `labels \`${labels.join(', ')}\`` : 'no labels (every endpoint of the host)';
  const others = more.length ? ` (and ${more.length} more)` : '';
  return `**Subset \`${site.value}\`** of **DestinationRule ${rule.namespace}/${rule.name}**${others} for \`${rule.facts.destinationRule?.host?.value ?? site.host}\` — ${selects} — ${placeLink(workspace, rule, subset.span)}`;
}

function portText(port: PortFact): string {
  return `${port.number?.value ?? '?'}/${port.protocol?.value ?? '?'}`;
}
