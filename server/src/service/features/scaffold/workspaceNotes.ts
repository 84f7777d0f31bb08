// What the workspace already holds that a new route would clash with: a namespace-wide Sidecar
// (Istio allows one per namespace, so the scaffold does not add a second), a ServiceEntry for the
// host, or another VirtualService that routes the host for the sidecars (istioctl IST0109).
import type { IndexView } from '../../index/queries';
import { serviceEntriesFor, sidecarsIn, virtualServicesFor } from '../../index/queries';
import type { Resource } from '../../index/workspaceIndex';
import type { BuildOptions } from './resources';
import type { RouteRequest } from './types';

const where = (resource: Resource) => `${resource.namespace}/${resource.name} (${resource.uri.slice(resource.uri.lastIndexOf('/') + 1)})`;

export function workspaceNotes(view: IndexView, request: RouteRequest): { options: BuildOptions; warnings: string[] } {
  const warnings: string[] = [];
  const options: BuildOptions = {};
  if (request.registryOnly) {
    const sidecar = sidecarsIn(view, request.namespace).find((resource) => !resource.facts.sidecar?.workloadSelectorWritten);
    if (sidecar) {
      options.omitSidecar = true;
      warnings.push(`Sidecar ${where(sidecar)} already applies to the whole namespace; set its outboundTrafficPolicy.mode to REGISTRY_ONLY there (a second one would be ignored).`);
    }
  }
  const entries = serviceEntriesFor(view, request.host).filter((entry) => entry.facts.serviceEntry?.hosts.some((host) => host.value === request.host));
  if (entries.length) warnings.push(`ServiceEntry ${where(entries[0])} already declares ${request.host}; keep only one of the two.`);
  const meshRoutes = virtualServicesFor(view, request.host).filter((vs) => {
    const facts = vs.facts.virtualService;
    return !!facts && (!facts.gatewaysWritten || facts.gateways.some((gateway) => gateway.value === 'mesh'));
  });
  if (meshRoutes.length) warnings.push(`VirtualService ${where(meshRoutes[0])} already routes ${request.host} for the sidecars; Istio would apply only one of the two.`);
  return { options, warnings };
}
