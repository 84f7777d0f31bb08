// A DestinationRule's host must be a service Istio knows (istioctl IST0174, skipped offline).
// Visibility does not matter here: a rule applies to the service whatever the rule's namespace
// can see, so any ServiceEntry, Kubernetes Service or configured gateway Service will do.
import type { DestinationRuleFacts } from '../../../index/facts';
import { hostsOverlap, isWildcard } from '../../../index/hosts';
import { fqdnOf, resourcesOfKind, type IndexView } from '../../../index/queries';
import type { Resource } from '../../../index/workspaceIndex';
import type { Report } from '../finding';
import { addPort, portList, type ServiceEntryPort } from './referencesShared';
import { existsAnywhere, reportUnknownHost } from './referencesUnknownHost';

const EFFECT = {
  ALLOW_ANY: 'traffic to it leaves the mesh through the passthrough cluster and this DestinationRule never applies (no TLS origination, no connection settings).',
  REGISTRY_ONLY: 'traffic to hosts outside the registry is blocked and this DestinationRule never applies.',
};

export function checkDestinationRuleHost(resource: Resource, view: IndexView, report: Report): void {
  const dr = resource.facts.destinationRule;
  const host = dr?.host;
  if (!dr || !host?.value) return;
  const fqdn = fqdnOf(view, host.value, resource.namespace);
  if (isWildcard(host.value)) {
    if (!externalWildcard(host.value, view) || wildcardKnown(view, host.value)) return;
  } else if (existsAnywhere(view, fqdn)) {
    return;
  }
  reportUnknownHost(view, report, { resource, host, fqdn, codes: { external: 'IE308', inCluster: 'IE309' }, effect: EFFECT, ports: portsOf(dr) });
}

/**
 * Wildcard rules such as `*.local` or `*.svc.cluster.local` commonly set mesh-wide policies for
 * in-cluster services the workspace cannot list; only external suffixes are checked.
 */
function externalWildcard(host: string, view: IndexView): boolean {
  const suffix = host.slice(1);
  const domain = view.settings.clusterDomain;
  return host !== '*' && suffix.includes('.', 1) && !suffix.endsWith('.local') && !suffix.endsWith(`.${domain}`) && !suffix.includes('.svc.');
}

function wildcardKnown(view: IndexView, host: string): boolean {
  return resourcesOfKind(view, 'ServiceEntry').some((entry) => entry.facts.serviceEntry?.hosts.some((seHost) => hostsOverlap(fqdnOf(view, seHost.value, entry.namespace), host)));
}

/** Ports named by port-level settings; a TLS mode there means the rule originates TLS. */
function portsOf(dr: DestinationRuleFacts): ServiceEntryPort[] {
  const ports = new Map<number, string>();
  const policies = [dr.trafficPolicy, ...dr.subsets.map((subset) => subset.trafficPolicy)];
  for (const policy of policies) {
    for (const level of policy?.portLevel ?? []) {
      const number = level.port?.value;
      const originates = ['SIMPLE', 'MUTUAL'].includes(level.tls?.mode?.value ?? '');
      addPort(ports, number, number === 80 ? 'HTTP' : number === 443 ? (originates ? 'HTTPS' : 'TLS') : originates ? 'HTTPS' : 'TCP');
    }
  }
  const topMode = dr.trafficPolicy?.tls?.mode?.value ?? '';
  if (!ports.size && ['SIMPLE', 'MUTUAL'].includes(topMode)) addPort(ports, 443, 'HTTPS');
  return portList(ports);
}
