// A host Istio does not know, written in a VirtualService destination or a DestinationRule.
// How loudly to say so depends on what the host looks like: an external name without a
// ServiceEntry is certainly unknown to Istio, while an in-cluster name may well be a Service
// defined outside the workspace (Helm charts, other repositories).
import { outboundPolicy, resourcesOfKind, serviceEntriesFor, kubernetesServiceFor, gatewayWorkloadByFqdn, type IndexView } from '../../../index/queries';
import { gatewayFqdn } from '../../../index/egressGateways';
import { isWildcard, serviceOfFqdn } from '../../../index/hosts';
import type { Spanned } from '../../../index/facts';
import type { Resource } from '../../../index/workspaceIndex';
import { listWords, suggest } from '../../../util/suggest';
import type { Report } from '../finding';
import { createServiceEntryData, policyOrigin, policyRelated, qualified, relatedAt, unique, type ServiceEntryPort } from './referencesShared';

export interface HostUse {
  resource: Resource;
  host: Spanned<string>;
  fqdn: string;
  /** `IE302`/`IE303` for VirtualService destinations, `IE308`/`IE309` for DestinationRules. */
  codes: { external: 'IE302' | 'IE308'; inCluster: 'IE303' | 'IE309' };
  /** The sentence saying what happens, per outbound policy. */
  effect: { ALLOW_ANY: string; REGISTRY_ONLY: string };
  /** Ports for the ServiceEntry the quick fix creates. */
  ports: ServiceEntryPort[];
}

/**
 * A short or partial name of a configured egress gateway (`istio-egressgateway`,
 * `istio-egressgateway.istio-system`): the egress chain checks report those (IE409, IE408).
 */
function meansEgressGateway(view: IndexView, host: string): boolean {
  const first = host.split('.')[0];
  return view.settings.gateways.some((gateway) => gateway.role === 'egress' && gateway.service === first && gatewayFqdn(gateway, view.settings.clusterDomain).startsWith(`${host}.`));
}

/** Whether a host resolves to anything at all in the workspace, whatever its visibility. */
export function existsAnywhere(view: IndexView, fqdn: string): boolean {
  return serviceEntriesFor(view, fqdn).length > 0 || !!kubernetesServiceFor(view, fqdn) || !!gatewayWorkloadByFqdn(view.settings, fqdn);
}

/** Istio completes dotless names only; these look like a Kubernetes Service name. */
export function isInClusterName(host: string, fqdn: string, domain: string): boolean {
  return !host.includes('.') || fqdn.endsWith(`.svc.${domain}`);
}

/**
 * Reports a host Istio does not know. Returns true when the host is a slip for another name that
 * a finding names (this one's did-you-mean or full name, or the egress chain family's IE409).
 */
export function reportUnknownHost(view: IndexView, report: Report, use: HostUse): boolean {
  const { host, fqdn, resource } = use;
  // A host that exists but is not exported to this namespace is the visibility family's finding,
  // and a slip in the egress gateway's name the egress chain family's.
  if (existsAnywhere(view, fqdn)) return false;
  if (meansEgressGateway(view, host.value)) return true;
  const domain = view.settings.clusterDomain;
  if (!isWildcard(host.value) && reportShortForm(view, report, use)) return true;
  if (isInClusterName(host.value, fqdn, domain)) return reportInCluster(view, report, use);
  const policy = outboundPolicy(view, resource.namespace);
  // A near miss of a declared host is more likely a typo than a host still to declare.
  const declared = resourcesOfKind(view, 'ServiceEntry').flatMap((entry) => (entry.facts.serviceEntry?.hosts ?? []).map((seHost) => ({ entry, seHost })));
  const close = suggest(host.value, unique(declared.map(({ seHost }) => seHost.value)));
  report({
    ...host.span,
    code: use.codes.external,
    severity: policy.mode === 'REGISTRY_ONLY' ? 'error' : undefined,
    message:
      `No ServiceEntry in the workspace declares \`${host.value}\`, so Istio does not know this host. ` +
      `Namespace \`${resource.namespace}\` uses ${policy.mode} (from ${policyOrigin(policy)}): ${use.effect[policy.mode]} ` +
      (close.length ? `Did you mean ${listWords(close)}?` : `Add a ServiceEntry for \`${host.value}\`.`),
    data: { ...createServiceEntryData(host.value, resource.namespace, use.ports), ...(close.length ? { candidates: close } : {}) },
    related: [
      ...policyRelated(policy),
      ...declared.filter(({ seHost }) => close.includes(seHost.value)).map(({ entry, seHost }) => relatedAt(entry, seHost.span, `ServiceEntry ${qualified(entry)} declares ${seHost.value}`)),
    ],
  });
  return close.length > 0;
}

/**
 * `reviews.prod` (or `reviews.prod.svc`) names the Service `reviews` in `prod` for DNS, but Istio
 * looks it up as written: only names without dots become `name.<namespace>.svc.<domain>`.
 */
function reportShortForm(view: IndexView, report: Report, use: HostUse): boolean {
  const match = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc)?$/.exec(use.host.value);
  if (!match) return false;
  const full = `${match[1]}.${match[3]}.svc.${view.settings.clusterDomain}`;
  if (!existsAnywhere(view, full)) return false;
  report({
    ...use.host.span,
    code: 'IE304',
    message: `Istio does not expand \`${use.host.value}\`: only names without dots are completed to \`name.<namespace>.svc.${view.settings.clusterDomain}\`, so this host matches no service, although \`${full}\` exists. Write the full name \`${full}\`.`,
    data: { fix: 'replace', candidates: [full] },
  });
  return true;
}

/**
 * An in-cluster name the workspace does not define. Said only when the workspace seems to
 * describe that namespace (it holds Kubernetes Services there) or a known name is a likely
 * typo; otherwise the Service most probably lives elsewhere and silence is right.
 */
function reportInCluster(view: IndexView, report: Report, use: HostUse): boolean {
  const { host, fqdn, resource } = use;
  const target = host.value.includes('.') ? serviceOfFqdn(fqdn, view.settings.clusterDomain) : { name: host.value, namespace: resource.namespace };
  if (!target) return false;
  const services = resourcesOfKind(view, 'Service').filter((service) => service.namespace === target.namespace);
  const gateways = view.settings.gateways.filter((gateway) => gateway.namespace === target.namespace);
  const close = suggest(target.name, unique([...services.map((service) => service.name), ...gateways.map((gateway) => gateway.service)]));
  if (!services.length && !close.length) return false;
  const dotless = !host.value.includes('.');
  const candidates = close.map((name) => (dotless ? name : `${name}.${target.namespace}.svc.${view.settings.clusterDomain}`));
  const hint = candidates.length ? ` Did you mean ${listWords(candidates)}?` : ' If it is defined outside the workspace, ignore this; otherwise check the name.';
  report({
    ...host.span,
    code: use.codes.inCluster,
    message: `No Service \`${target.name}\` in namespace \`${target.namespace}\` is defined in the workspace or the configured gateways.${hint}`,
    data: candidates.length ? { fix: 'replace', candidates } : undefined,
    related: services
      .filter((service) => close.includes(service.name))
      .map((service) => ({ target: service, span: service.facts.name?.span ?? { start: 0, end: 0 }, message: `Service ${service.namespace}/${service.name}` })),
  });
  return candidates.length > 0;
}
