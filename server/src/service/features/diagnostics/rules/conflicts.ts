// Resources that contradict each other. Every resource of a conflicting set reports the
// conflict itself, with the others as related locations, so each file shows its side. This file
// dispatches per kind.
import type { WorkspaceRule } from '../workspaceRules';
import { checkGatewayConflicts, checkSidecarConflicts } from './conflictsWorkloads';
import { checkDestinationRuleConflicts, checkVirtualServiceConflicts } from './conflictsRouting';
import { checkServiceEntryConflicts } from './conflictsServiceEntries';

export const checkConflicts: WorkspaceRule = ({ resource, view, report }) => {
  switch (resource.facts.kind) {
    case 'VirtualService':
      checkVirtualServiceConflicts(resource, view, report);
      break;
    case 'DestinationRule':
      checkDestinationRuleConflicts(resource, view, report);
      break;
    case 'ServiceEntry':
      checkServiceEntryConflicts(resource, view, report);
      break;
    case 'Gateway':
      checkGatewayConflicts(resource, view, report);
      break;
    case 'Sidecar':
      checkSidecarConflicts(resource, view, report);
      break;
  }
};
