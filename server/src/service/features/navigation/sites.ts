// The places in a resource where it names, or declares, something other resources name:
// Gateways, hosts and subsets. Navigation, rename and reference hover all start from these.
import { fqdnOf, resolveGateway, type IndexView } from '../../index/queries';
import type { Spanned } from '../../index/facts';
import type { Resource } from '../../index/workspaceIndex';
import type { ServiceSettings } from '../../settings';
import type { Span } from '../diagnostics/finding';

/** Where a host is written, which decides how it is read and what it may point to. */
export type HostRole =
  | 'service-entry'
  | 'service'
  | 'destination'
  | 'destination-rule'
  | 'virtual-service'
  | 'sni-host'
  | 'gateway-server'
  | 'sidecar-egress';

interface SiteBase {
  resource: Resource;
  /** The value as read (for `ns/host` forms: the host part only). */
  value: string;
  /** Where `value` is written, inside any quotes (local offsets in the resource's document). */
  span: Span;
  /** The text at `span` is exactly `value` (not an alias, not escaped), so it can be rewritten in place. */
  exact: boolean;
}

export type Site =
  | (SiteBase & { kind: 'gateway'; declaration: boolean; namespace: string; name: string; nameSpan: Span })
  | (SiteBase & { kind: 'mesh' })
  | (SiteBase & { kind: 'host'; role: HostRole; fqdn: string })
  /** `host` is the FQDN of the destination's host, or the (possibly wildcard) host of the DestinationRule. */
  | (SiteBase & { kind: 'subset'; declaration: boolean; host: string });

export type GatewaySite = Extract<Site, { kind: 'gateway' }>;
export type HostSite = Extract<Site, { kind: 'host' }>;
export type SubsetSite = Extract<Site, { kind: 'subset' }>;

const DECLARING_ROLES: ReadonlySet<HostRole> = new Set(['service-entry', 'service']);

export function isHostDeclaration(site: HostSite): boolean {
  return DECLARING_ROLES.has(site.role);
}

export function isDeclaration(site: Site): boolean {
  return site.kind === 'host' ? isHostDeclaration(site) : site.kind !== 'mesh' && site.declaration;
}

/**
 * Sites depend only on a resource and the cluster domain (a settings change rebuilds every
 * resource), so each resource's are computed once and shared: callers must not change them.
 */
const computed = new WeakMap<Resource, { domain: string; sites: readonly Site[] }>();

/** Every site of a resource, in no particular order. */
export function sitesOf(resource: Resource, view: IndexView): readonly Site[] {
  const domain = view.settings.clusterDomain;
  const cached = computed.get(resource);
  if (cached?.domain === domain) return cached.sites;
  const sites = findSites(resource, view);
  computed.set(resource, { domain, sites });
  return sites;
}

function findSites(resource: Resource, view: IndexView): Site[] {
  const sites: Site[] = [];
  const facts = resource.facts;
  const base = (written: Written): SiteBase | undefined => (written.value ? siteBase(resource, written) : undefined);
  const fqdn = (host: string) => fqdnOf(view, host, resource.namespace);
  const host = (written: Written, role: HostRole, expand = true) => {
    const at = base(written);
    if (at) sites.push({ ...at, kind: 'host', role, fqdn: expand ? fqdn(at.value) : at.value });
  };

  if (facts.kind === 'Gateway' && facts.name) {
    const at = base(facts.name);
    if (at) sites.push({ ...at, kind: 'gateway', declaration: true, namespace: resource.namespace, name: at.value, nameSpan: at.span });
  }
  if (facts.kind === 'Service' && facts.name) host(facts.name, 'service');
  for (const written of facts.serviceEntry?.hosts ?? []) host(written, 'service-entry');
  // Gateway and Sidecar hosts are `namespace/dnsName`; the DNS name is taken as written (an FQDN).
  for (const server of facts.gateway?.servers ?? []) for (const written of server.hosts) host(hostPart(written), 'gateway-server', false);
  for (const listener of facts.sidecar?.egress ?? []) for (const written of listener.hosts) host(hostPart(written), 'sidecar-egress', false);

  const rule = facts.destinationRule;
  if (rule?.host) {
    host(rule.host, 'destination-rule');
    for (const subset of rule.subsets) {
      const at = base(subset.name);
      if (at) sites.push({ ...at, kind: 'subset', declaration: true, host: fqdn(rule.host.value) });
    }
  }

  const vs = facts.virtualService;
  if (vs) {
    for (const written of vs.hosts) host(written, 'virtual-service');
    const gateways = [...vs.gateways, ...vs.routes.flatMap((route) => route.matches.flatMap((match) => match.gateways))];
    for (const written of gateways) {
      const site = gatewayReference(resource, written, view.settings);
      if (site) sites.push(site);
    }
    for (const route of vs.routes) {
      for (const match of route.matches) for (const written of match.sniHosts) host(written, 'sni-host');
      for (const destination of route.destinations) {
        if (!destination.host) continue;
        host(destination.host, 'destination');
        const at = destination.subset && base(destination.subset);
        if (at) sites.push({ ...at, kind: 'subset', declaration: false, host: fqdn(destination.host.value) });
      }
    }
  }
  return sites;
}

function gatewayReference(resource: Resource, written: Spanned<string>, settings: ServiceSettings): Site | undefined {
  const at = siteBase(resource, written);
  if (at.value === 'mesh') return { ...at, kind: 'mesh' };
  // Only the naming rules of resolveGateway are wanted here, not whether the Gateway exists.
  const resolved = resolveGateway({ settings, lookup: () => [] }, at.value, resource.namespace);
  if (!resolved) return undefined;
  // Only the name part changes on rename: `ns/` and the legacy `.ns` stay as written.
  const slash = at.value.indexOf('/');
  const nameStart = slash >= 0 ? at.span.start + slash + 1 : at.span.start;
  const nameSpan = { start: nameStart, end: nameStart + resolved.name.length };
  return { ...at, kind: 'gateway', declaration: false, namespace: resolved.namespace, name: resolved.name, nameSpan };
}

/** A written value; `prefix` characters of it (a `namespace/`) are not part of the site. */
type Written = Spanned<string> & { prefix?: number };

/** The DNS name of a `namespace/dnsName` host; the namespace becomes the prefix. */
function hostPart(written: Spanned<string>): Written {
  const slash = written.value.indexOf('/');
  if (slash < 0) return { ...written, prefix: 0 };
  return { value: written.value.slice(slash + 1), span: written.span, prefix: slash + 1 };
}

function siteBase(resource: Resource, written: Written): SiteBase {
  const text = resource.doc.text;
  const prefix = written.prefix ?? 0;
  let { start, end } = written.span;
  const quote = text[start];
  if ((quote === '"' || quote === "'") && end - start >= 2 && text[end - 1] === quote) {
    start++;
    end--;
  }
  const whole = text.slice(start, end);
  const exact = whole.length - prefix === written.value.length && whole.endsWith(written.value);
  return { resource, value: written.value, span: { start: start + prefix, end }, exact };
}
