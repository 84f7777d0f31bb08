// Visibility along the egress chain (codes in ./visibility.codes.ts). Each proxy of the chain
// sees only what is exported to its namespace and, for sidecars, what its Sidecar imports: the
// client's sidecars, which send the host to the egress gateway, and the gateway, which sends it
// on to the external host. Findings sit on the VirtualService value that relies on the missing
// piece (or on the Sidecar's imports), and their fixes edit the resource that hides it.
import { egressChainOf } from '../../../index/egressChain';
import type { WorkspaceRule } from '../workspaceRules';
import { checkClientServiceEntries, checkVirtualServiceExport } from './visibilityChain';
import { checkChainDestinationRules } from './visibilityDestinationRules';
import { checkDestinationVisibility } from './visibilityDestinations';
import { checkSidecarImports } from './visibilitySidecar';

export const checkVisibility: WorkspaceRule = (context) => {
  const { resource, view } = context;
  if (resource.facts.sidecar) {
    checkSidecarImports(context);
    return;
  }
  if (!resource.facts.virtualService) return;
  checkDestinationVisibility(context);
  const chain = egressChainOf(view, resource);
  if (!chain) return;
  checkVirtualServiceExport(context, chain);
  checkClientServiceEntries(context, chain);
  checkChainDestinationRules(context, chain);
};
