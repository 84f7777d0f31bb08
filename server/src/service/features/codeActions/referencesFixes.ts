// Quick fixes for the reference checks. `missing-subset` (IE301) `{ subset, host (FQDN),
// hostAsWritten, namespace (the VirtualService's) }`: change the subset to one the DestinationRules
// Istio applies there define, add it to the applied rule (the one in this file first), or create a
// DestinationRule when none applies. At most one is preferred: the change to the only defined or
// the only close subset, else the addition when a single rule applies. The gateway, ServiceEntry
// and destination port fixes are in the referencesFixes*.ts files.
import type { CodeAction } from 'vscode-languageserver-types';
import { CURRENT_API_VERSION } from '../../schema/kinds';
import { subsetChoices } from '../diagnostics/rules/referencesSubsets';
import { quickFix, workspaceFix } from './quickFix';
import { GATEWAY_REFERENCE_FIXES } from './referencesFixesGateway';
import { DESTINATION_PORT_FIXES } from './referencesFixesPort';
import { SERVICE_ENTRY_CREATION_FIXES } from './referencesFixesServiceEntry';
import type { FixProvider } from './types';
import { appendToSpecList, editResource, insertDocumentAfter, plainView, resourceAt } from './workspaceEdits';

/** Renames offered at most: the close ones come first. */
const MAX_RENAMES = 10;

const missingSubset: FixProvider = ({ diagnostic, data, workspace, document }) => {
  const { subset, host, hostAsWritten, namespace } = data as { subset?: unknown; host?: unknown; hostAsWritten?: unknown; namespace?: unknown };
  if (typeof subset !== 'string' || typeof host !== 'string' || typeof namespace !== 'string') return [];
  const written = typeof hostAsWritten === 'string' ? hostAsWritten : host;
  const choices = subsetChoices(plainView(workspace), host, namespace, subset, document.uri);
  const names = [...new Set([...choices.close, ...choices.defined])].slice(0, MAX_RENAMES);
  const actions: CodeAction[] = names.map((name) =>
    quickFix(`Change subset to '${name}'`, document, diagnostic, [{ range: diagnostic.range, newText: name }], name === choices.rename),
  );
  const { target } = choices;
  if (target) {
    const edit = editResource(workspace.index, target, appendToSpecList(target, 'subsets', { name: subset }));
    const preferred = !choices.rename && choices.rules.length === 1;
    if (edit) actions.push(workspaceFix(`Add subset '${subset}' to DestinationRule ${target.namespace}/${target.name}`, diagnostic, edit, preferred));
    return actions;
  }
  // No DestinationRule applies to the host here: create one after the VirtualService.
  const vs = resourceAt(workspace, document.uri, diagnostic.range.start.line);
  if (!vs) return actions;
  const name = `${written.split('.')[0]}-subsets`.replace(/[^a-z0-9-]/g, '-');
  const edit = insertDocumentAfter(workspace.index, vs, {
    apiVersion: CURRENT_API_VERSION,
    kind: 'DestinationRule',
    metadata: { name, namespace },
    spec: { host: written, subsets: [{ name: subset }] },
  });
  if (edit) actions.push(workspaceFix(`Create DestinationRule '${name}' for ${written} with subset '${subset}'`, diagnostic, edit));
  return actions;
};

export const REFERENCE_FIXES: Record<string, FixProvider> = {
  'missing-subset': missingSubset,
  ...GATEWAY_REFERENCE_FIXES,
  ...SERVICE_ENTRY_CREATION_FIXES,
  ...DESTINATION_PORT_FIXES,
};
