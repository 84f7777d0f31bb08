// What a site stands for: the declarations it resolves to, and every site naming the same thing.
// Declarations come from keyed lookups; sites naming a host or Gateway come from scanning the
// kinds that can name one, which only navigation requests (never a keystroke) pay for.
import { destinationRulesFor, kubernetesServiceFor, resolveGateway, resourcesOfKind, serviceEntriesFor, virtualServicesRoutingTo, visibleTo, type IndexView } from '../../index/queries';
import { hostMatches, isWildcard } from '../../index/hosts';
import type { Resource } from '../../index/workspaceIndex';
import { isDeclaration, isHostDeclaration, sitesOf, type GatewaySite, type HostSite, type Site, type SubsetSite } from './sites';

export interface SymbolSites {
  declarations: Site[];
  references: Site[];
}

/** Where the thing named at `site` is declared; a declaration is its own definition. */
export function definitionsOf(view: IndexView, site: Site): Site[] {
  if (isDeclaration(site)) return [site];
  switch (site.kind) {
    case 'gateway':
      return gatewayDeclarations(view, site.namespace, site.name);
    case 'host':
      return hostDeclarations(view, site.fqdn, site.resource.namespace);
    case 'subset':
      return subsetDeclarations(view, site.host, site.value);
    default:
      return [];
  }
}

/** The declarations and references of the thing named at `site`; undefined for `mesh`. */
export function symbolSites(view: IndexView, site: Site): SymbolSites | undefined {
  switch (site.kind) {
    case 'gateway':
      return {
        declarations: gatewayDeclarations(view, site.namespace, site.name),
        references: sitesOfKinds(view, ['VirtualService']).filter((other): other is GatewaySite => other.kind === 'gateway' && !other.declaration && other.namespace === site.namespace && other.name === site.name),
      };
    case 'host':
      return isHostDeclaration(site) ? hostDeclarationSites(view, site) : hostUseSites(view, site);
    case 'subset':
      return subsetSites(view, site);
    default:
      return undefined;
  }
}

function gatewayDeclarations(view: IndexView, namespace: string, name: string): Site[] {
  const gateway = resolveGateway(view, `${namespace}/${name}`, namespace)?.resource;
  return gateway ? sitesOf(gateway, view).filter((site) => site.kind === 'gateway' && site.declaration) : [];
}

/**
 * The ServiceEntry hosts a host resolves to (those visible to the client's namespace when
 * there are any), else the workspace's Kubernetes Service of that name. A configured gateway
 * workload is not in the workspace, so it has no declaration to go to.
 */
export function hostDeclarations(view: IndexView, fqdn: string, clientNamespace: string): HostSite[] {
  if (fqdn === '*') return [];
  const entries = serviceEntriesFor(view, fqdn);
  const visible = entries.filter((entry) => visibleTo(entry, clientNamespace));
  const declared = (visible.length ? visible : entries).flatMap((entry) =>
    hostSitesOf(view, entry).filter((site) => site.role === 'service-entry' && hostMatches(site.fqdn, fqdn)),
  );
  if (declared.length) return declared;
  const service = kubernetesServiceFor(view, fqdn);
  return service ? hostSitesOf(view, service).filter((site) => site.role === 'service') : [];
}

export function subsetDeclarations(view: IndexView, host: string, name: string): SubsetSite[] {
  // Many rules can share a host (every egress leg's rule is for the egress gateway): read the sites of those defining the name only.
  return destinationRulesFor(view, host)
    .filter((rule) => rule.facts.destinationRule?.subsets.some((subset) => subset.name.value === name))
    .flatMap((rule) => sitesOf(rule, view))
    .filter((site): site is SubsetSite => site.kind === 'subset' && site.declaration && site.value === name);
}

/** From a ServiceEntry host (possibly a wildcard) or a Service: every use it covers. */
function hostDeclarationSites(view: IndexView, site: HostSite): SymbolSites {
  const pattern = site.fqdn;
  // `serviceEntriesFor` also finds the wildcard entries covering a pattern, itself included; only
  // the catch-all `*` cannot be looked up (it reads as the key of all wildcard entries).
  const entries = pattern === '*' ? resourcesOfKind(view, 'ServiceEntry') : serviceEntriesFor(view, pattern);
  const service = kubernetesServiceFor(view, pattern);
  const declarations = [...entries, ...(service ? [service] : [])]
    .flatMap((resource) => hostSitesOf(view, resource))
    .filter((other) => isHostDeclaration(other) && other.fqdn === pattern);
  return { declarations: [site, ...declarations], references: hostUses(view).filter((use) => hostMatches(pattern, use.fqdn)) };
}

/** From a host where it is used: the same name everywhere, and what declares it. */
function hostUseSites(view: IndexView, site: HostSite): SymbolSites {
  return {
    declarations: hostDeclarations(view, site.fqdn, site.resource.namespace),
    references: hostUses(view).filter((use) => use.fqdn === site.fqdn),
  };
}

function hostUses(view: IndexView): HostSite[] {
  return sitesOfKinds(view, ['VirtualService', 'DestinationRule', 'Gateway', 'Sidecar']).filter(
    (site): site is HostSite => site.kind === 'host' && !isHostDeclaration(site),
  );
}

/**
 * A subset is named by destinations whose host a DestinationRule defining it covers. From a
 * destination whose subset nothing defines, the same subset of the same host.
 */
function subsetSites(view: IndexView, site: SubsetSite): SymbolSites {
  const declarations = site.declaration
    ? [site, ...subsetDeclarations(view, site.host, site.value).filter((other) => other.host === site.host)]
    : subsetDeclarations(view, site.host, site.value);
  const patterns = declarations.length ? [...new Set(declarations.map((declaration) => declaration.host))] : [site.host];
  const references = patterns.flatMap((pattern) =>
    (isWildcard(pattern) ? resourcesOfKind(view, 'VirtualService') : virtualServicesRoutingTo(view, pattern))
      .flatMap((resource) => sitesOf(resource, view))
      .filter((other): other is SubsetSite => other.kind === 'subset' && !other.declaration && other.value === site.value && hostMatches(pattern, other.host)),
  );
  return { declarations, references };
}

function hostSitesOf(view: IndexView, resource: Resource): HostSite[] {
  return sitesOf(resource, view).filter((site): site is HostSite => site.kind === 'host');
}

function sitesOfKinds(view: IndexView, kinds: ReadonlyArray<Resource['facts']['kind']>): Site[] {
  return kinds.flatMap((kind) => resourcesOfKind(view, kind)).flatMap((resource) => sitesOf(resource, view));
}
