// Quick fixes for the virtualService rule family, by the `fix` name their diagnostics carry:
// split an all-zero weight set evenly, make an SNI host one the VirtualService covers, remove a
// repeated match clause or a rule that can never match, move the rule without `match` last.
import { isMap, isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { quickFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { deleteItem, isIndex, moveItemToEnd, nodeAt, pairOf, placedDocumentOf } from './virtualServiceEdits';
import { addMappingKey, appendSequenceItem, replaceSpan, toTextEdit, type DocumentEdit } from './yamlEdits';

const KINDS = ['http', 'tls', 'tcp'];

function routeKind(value: unknown): string | undefined {
  return typeof value === 'string' && KINDS.includes(value) ? value : undefined;
}

function seqAt(doc: ParsedDocument, ...path: Array<string | number>): YAMLSeq | undefined {
  const node = nodeAt(doc, path);
  return isSeq(node) ? node : undefined;
}

function fix(context: FixContext, title: string, edits: Array<DocumentEdit | undefined> | undefined, preferred = true) {
  const placed = placedDocumentOf(context);
  if (!placed || !edits?.length || edits.some((edit) => !edit)) return [];
  return [quickFix(title, context.document, context.diagnostic, (edits as DocumentEdit[]).map((edit) => toTextEdit(placed, edit)), preferred)];
}

/** Equal shares that total 100: 34/33/33 for three destinations. */
export function evenWeights(count: number): number[] {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

const splitWeights: FixProvider = (context) => {
  const kind = routeKind(context.data.kind);
  const placed = placedDocumentOf(context);
  if (!kind || !isIndex(context.data.index) || !placed) return [];
  const routes = seqAt(placed.doc, 'spec', kind, context.data.index, 'route');
  const items = (routes?.items ?? []) as Array<Node | null>;
  if (items.length < 2 || items.some((item) => !isMap(item))) return [];
  const weights = evenWeights(items.length);
  const edits = items.map((item, i) => {
    if (!isMap(item)) return undefined;
    const value = pairOf(item, 'weight')?.value as Node | null | undefined;
    if (isScalar(value) && value.range && value.value !== null) return replaceSpan({ start: value.range[0], end: value.range[1] }, String(weights[i]));
    return pairOf(item, 'weight') ? undefined : addMappingKey(placed.doc, item, 'weight', weights[i]);
  });
  return fix(context, `Split the traffic evenly (${weights.join('/')})`, edits);
};

const sniHost: FixProvider = (context) => {
  const { sni, candidates } = context.data;
  const placed = placedDocumentOf(context);
  if (typeof sni !== 'string' || !placed) return [];
  const names = Array.isArray(candidates) ? candidates.filter((name): name is string => typeof name === 'string').slice(0, 3) : [];
  const actions = names.map((name, i) =>
    quickFix(`Change to '${name}'`, context.document, context.diagnostic, [{ range: context.diagnostic.range, newText: name }], i === 0),
  );
  const hosts = seqAt(placed.doc, 'spec', 'hosts');
  const add = hosts && appendSequenceItem(placed.doc, hosts, sni);
  return [...actions, ...fix(context, `Add '${sni}' to the VirtualService hosts`, [add], names.length === 0)];
};

const removeMatch: FixProvider = (context) => {
  const { rule, match } = context.data;
  const kind = routeKind(context.data.kind);
  const placed = placedDocumentOf(context);
  if (!kind || !isIndex(rule) || !isIndex(match) || !placed) return [];
  const matches = seqAt(placed.doc, 'spec', kind, rule, 'match');
  // Never remove the last clause: a rule without `match` would take all traffic.
  if (!matches || matches.items.length < 2) return [];
  return fix(context, 'Remove the repeated match clause', [deleteItem(placed.doc, matches, match)]);
};

const removeRule: FixProvider = (context) => {
  const kind = routeKind(context.data.kind);
  const placed = placedDocumentOf(context);
  if (!kind || !isIndex(context.data.index) || !placed) return [];
  const rules = seqAt(placed.doc, 'spec', kind);
  return rules ? fix(context, `Remove the unused rule \`${kind}[${context.data.index}]\``, [deleteItem(placed.doc, rules, context.data.index)], false) : [];
};

const moveCatchAllLast: FixProvider = (context) => {
  const kind = routeKind(context.data.kind);
  const placed = placedDocumentOf(context);
  if (!kind || !isIndex(context.data.index) || !placed) return [];
  const rules = seqAt(placed.doc, 'spec', kind);
  const rule = rules?.items[context.data.index] as Node | null | undefined;
  const match = isMap(rule) ? (rule.get('match', true) as Node | null | undefined) : undefined;
  // Only a rule that still has no `match` (the diagnostic may be stale).
  if (!rules || !isMap(rule) || (isSeq(match) && match.items.length > 0)) return [];
  // Not preferred: the rules after it start to take traffic, which is a change of behaviour.
  return fix(context, `Move the rule without \`match\` (\`${kind}[${context.data.index}]\`) to the end`, moveItemToEnd(placed.doc, rules, context.data.index), false);
};

export const VIRTUAL_SERVICE_FIXES: Record<string, FixProvider> = {
  'vs-split-weights': splitWeights,
  'vs-sni-host': sniHost,
  'vs-remove-match': removeMatch,
  'vs-remove-rule': removeRule,
  'vs-move-catch-all-last': moveCatchAllLast,
};
