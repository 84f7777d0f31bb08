// The egress chain's routes: mesh → egress gateway Service → egress Gateway → external host.
// Each problem is reported once, on the resource where it is fixed: route problems on the
// VirtualService (IE410 too, though its fix is in the ServiceEntry: the gateway route is what
// makes resolution NONE wrong), selector and server hosts on the Gateway, the gateway leg's host
// on the DestinationRule (codes in ./egressRoutes.codes.ts).
import type { WorkspaceRule } from '../workspaceRules';
import { checkBindings } from './egressRoutesBinding';
import { checkEgressGateway } from './egressRoutesGateway';
import { checkGatewayHalves, checkMeshHalves } from './egressRoutesHalves';
import { checkGatewayDestinationRule, checkGatewayDestinations, checkGatewayResolution } from './egressRoutesHosts';
import { chainView } from './egressRoutesModel';
import { checkBypasses, checkLoops } from './egressRoutesScope';

export const checkEgressRoutes: WorkspaceRule = (context) => {
  const { resource, view } = context;
  switch (resource.facts.kind) {
    case 'VirtualService': {
      checkGatewayDestinations(context, resource);
      const chain = chainView(view, resource);
      checkBindings(context, resource, chain);
      if (!chain) return;
      const reported = checkGatewayHalves(context, chain);
      checkMeshHalves(context, chain);
      checkLoops(context, chain, reported);
      checkBypasses(context, chain);
      checkGatewayResolution(context, chain);
      return;
    }
    case 'Gateway':
      checkEgressGateway(context, resource);
      return;
    case 'DestinationRule':
      checkGatewayDestinationRule(context, resource);
      return;
  }
};
