// Quick fixes for the reference checks: add a missing subset to the DestinationRule for the host,
// or create that DestinationRule (`add-subset`); create a ServiceEntry for an unknown host and
// add a port to a destination are in the referencesFixes*.ts files.
import { CURRENT_API_VERSION } from '../../schema/kinds';
import { destinationRulesFor } from '../../index/queries';
import { workspaceFix } from './quickFix';
import { DESTINATION_PORT_FIXES } from './referencesFixesPort';
import { SERVICE_ENTRY_CREATION_FIXES } from './referencesFixesServiceEntry';
import type { FixProvider } from './types';
import { appendToSpecList, editResource, insertDocumentAfter, plainView } from './workspaceEdits';

const addSubset: FixProvider = ({ diagnostic, data, workspace, document }) => {
  const { subset, host, hostAsWritten, namespace } = data as { subset?: unknown; host?: unknown; hostAsWritten?: unknown; namespace?: unknown };
  if (typeof subset !== 'string' || typeof host !== 'string' || typeof namespace !== 'string') return [];
  const view = plainView(workspace);
  const rules = destinationRulesFor(view, host).sort((a, b) => Number(b.namespace === namespace) - Number(a.namespace === namespace));
  const target = rules[0];
  if (target) {
    const edit = editResource(workspace.index, target, appendToSpecList(target, 'subsets', { name: subset }));
    return edit ? [workspaceFix(`Add subset '${subset}' to DestinationRule ${target.namespace}/${target.name}`, diagnostic, edit, true)] : [];
  }
  // No DestinationRule for the host yet: create one after the VirtualService.
  const vs = workspace.index.resourcesOf(document.uri).find((resource) => resource.facts.virtualService?.routes.some((route) => route.destinations.some((d) => d.subset?.value === subset)));
  if (!vs) return [];
  const name = `${String(hostAsWritten ?? host).split('.')[0]}-subsets`.replace(/[^a-z0-9-]/g, '-');
  const edit = insertDocumentAfter(workspace.index, vs, {
    apiVersion: CURRENT_API_VERSION,
    kind: 'DestinationRule',
    metadata: { name, namespace },
    spec: { host: hostAsWritten ?? host, subsets: [{ name: subset }] },
  });
  return edit ? [workspaceFix(`Create DestinationRule '${name}' for ${String(hostAsWritten ?? host)} with subset '${subset}'`, diagnostic, edit, true)] : [];
};

export const REFERENCE_FIXES: Record<string, FixProvider> = { 'add-subset': addSubset, ...SERVICE_ENTRY_CREATION_FIXES, ...DESTINATION_PORT_FIXES };
