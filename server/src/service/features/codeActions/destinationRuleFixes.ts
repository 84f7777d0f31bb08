// Quick fixes for the destinationRule rule family, by the `fix` name their diagnostics carry:
// remove a field Istio rejects (an empty `trafficPolicy` or `connectionPool`, a conflicting
// `useClientProtocol`, certificate files next to `credentialName`), and turn on
// `splitExternalLocalOriginErrors` for `consecutiveLocalOriginFailures`.
import { isScalar, type Node } from 'yaml';
import { quickFix } from './quickFix';
import type { FixProvider } from './types';
import { isBlockMap, deletePair, nodeAt, pairOf, placedDocumentOf, readPath } from './virtualServiceEdits';
import { addMappingKey, replaceSpan, toTextEdit, type DocumentEdit } from './yamlEdits';

const removeField: FixProvider = (context) => {
  const { data, document, diagnostic } = context;
  const path = readPath(data.path);
  const field = path?.[path.length - 1];
  const placed = placedDocumentOf(context);
  if (!path || typeof field !== 'string' || field !== data.field || !placed) return [];
  const owner = nodeAt(placed.doc, path.slice(0, -1));
  const pair = isBlockMap(owner) ? pairOf(owner, field) : undefined;
  const edit = pair && isBlockMap(owner) ? deletePair(placed.doc, owner, pair) : undefined;
  return edit ? [quickFix(`Remove \`${field}\``, document, diagnostic, [toTextEdit(placed, edit)], true)] : [];
};

const splitLocalOriginErrors: FixProvider = (context) => {
  const { data, document, diagnostic } = context;
  const path = readPath(data.path);
  const placed = placedDocumentOf(context);
  if (!path || !placed) return [];
  const outlier = nodeAt(placed.doc, path);
  if (!isBlockMap(outlier)) return [];
  const existing = pairOf(outlier, 'splitExternalLocalOriginErrors');
  const value = existing?.value as Node | null | undefined;
  let edit: DocumentEdit | undefined;
  if (!existing) edit = addMappingKey(placed.doc, outlier, 'splitExternalLocalOriginErrors', true);
  else if (isScalar(value) && value.range) edit = replaceSpan({ start: value.range[0], end: value.range[1] }, 'true');
  return edit ? [quickFix('Set `splitExternalLocalOriginErrors: true`', document, diagnostic, [toTextEdit(placed, edit)], true)] : [];
};

export const DESTINATION_RULE_FIXES: Record<string, FixProvider> = {
  'dr-remove-field': removeField,
  'dr-split-local-origin-errors': splitLocalOriginErrors,
};
