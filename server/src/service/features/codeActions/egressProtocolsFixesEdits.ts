// What the egress protocol fixes share: the resource under a diagnostic, an action from local
// edits, dropping a key, and setting the TLS of one port in a traffic policy (creating
// trafficPolicy, portLevelSettings or the port's entry as needed).
import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../index/workspaceIndex';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { localOffset } from '../../parse/parsedFile';
import { allNodes, keyText } from '../../parse/yamlPath';
import { workspaceFix } from './quickFix';
import type { FixContext } from './types';
import { resourceAt } from './workspaceEdits';
import { addMappingKey, appendSequenceItem, renderFlow, replaceSpan, toTextEdit, type DocumentEdit } from './yamlEdits';

/** The resource under the diagnostic and the diagnostic's start as a local offset in it. */
export function underDiagnostic({ workspace, document, diagnostic }: FixContext): { resource: Resource; offset: number } | undefined {
  const resource = resourceAt(workspace, document.uri, diagnostic.range.start.line);
  const placed = resource && workspace.index.placement(resource);
  if (!resource || !placed) return undefined;
  return { resource, offset: localOffset(placed, diagnostic.range.start) };
}

/** A code action with edits to one resource's document; none when an edit could not be made. */
export function editAction(context: FixContext, resource: Resource, title: string, edits: Array<DocumentEdit | undefined> | undefined, preferred = true): CodeAction[] {
  const placed = context.workspace.index.placement(resource);
  if (!placed || !edits?.length || edits.some((edit) => !edit)) return [];
  return [workspaceFix(title, context.diagnostic, { changes: { [resource.uri]: (edits as DocumentEdit[]).map((edit) => toTextEdit(placed, edit)) } }, preferred)];
}

/** Whether the document indents block sequences under their key (`key:\n  - a`) or not (`key:\n- a`, kubectl's way). */
export function indentsSequences(doc: ParsedDocument): boolean {
  for (const node of allNodes(doc.yaml?.contents as Node | undefined)) {
    if (!isMap(node) || node.flow) continue;
    for (const pair of node.items as Pair[]) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (isSeq(value) && !value.flow && value.range && isScalar(key) && key.range) {
        return doc.lines.positionAt(value.range[0]).character > doc.lines.positionAt(key.range[0]).character;
      }
    }
  }
  // Nothing to go by: kubectl and Istio's docs write `- ` under the key.
  return false;
}

/** Block YAML for a value in the document's sequence style, each line prefixed with `indent`. */
export function styledBlock(doc: ParsedDocument, value: unknown, indent: string): string {
  return stringify(value, { lineWidth: 0, indent: 2, indentSeq: indentsSequences(doc) })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** Adds keys at the end of a mapping in one edit, in the document's style. */
export function addKeys(doc: ParsedDocument, map: YAMLMap, values: Record<string, unknown>): DocumentEdit | undefined {
  const [first] = Object.entries(values);
  const edit = first && addMappingKey(doc, map, first[0], first[1]);
  if (!edit) return undefined;
  if (map.flow) return { ...edit, text: `${map.items.length ? ', ' : ''}${Object.entries(values).map(([key, value]) => `${key}: ${renderFlow(value)}`).join(', ')}` };
  const indent = /^\n?( *)/.exec(edit.text)?.[1] ?? '';
  const block = styledBlock(doc, values, indent);
  return { ...edit, text: edit.text.startsWith('\n') ? `\n${block}` : `${block}\n` };
}

/** Removes `key: value` from a mapping: its whole lines in block style, the entry and its comma in flow style. */
export function removeKey(doc: ParsedDocument, map: YAMLMap, key: string): DocumentEdit | undefined {
  const index = map.items.findIndex((pair) => keyText(pair as Pair) === key);
  const pair = map.items[index] as Pair | undefined;
  const start = (pair?.key as Node | undefined)?.range?.[0];
  const end = (pair?.value as Node | undefined)?.range?.[1] ?? (pair?.key as Node | undefined)?.range?.[1];
  if (!pair || start === undefined || end === undefined) return undefined;
  if (map.flow) {
    const previous = map.items[index - 1] as Pair | undefined;
    const next = map.items[index + 1] as Pair | undefined;
    const previousEnd = ((previous?.value ?? previous?.key) as Node | undefined)?.range?.[1];
    const nextStart = (next?.key as Node | undefined)?.range?.[0];
    if (previousEnd !== undefined) return { start: previousEnd, end, text: '' };
    return { start, end: nextStart ?? end, text: '' };
  }
  const first = doc.lines.positionAt(start).line;
  const last = doc.lines.positionAt(Math.max(start, end - 1)).line;
  // The first key of a `- key: value` item shares its line with the dash: keep the dash.
  const lineStart = doc.lines.lineStart(first);
  const prefix = doc.text.slice(lineStart, start);
  if (prefix.trim() && !/^\s*-\s*$/.test(prefix)) return undefined;
  const nextLine = last + 1 < doc.lines.lineCount ? doc.lines.lineStart(last + 1) : doc.text.length;
  if (prefix.trim()) {
    // `- sniHosts: [...]` followed by more keys: the next key moves up behind the dash.
    const following = map.items[index + 1] as Pair | undefined;
    const followingStart = (following?.key as Node | undefined)?.range?.[0];
    return followingStart === undefined ? undefined : { start, end: followingStart, text: '' };
  }
  return { start: lineStart, end: nextLine, text: '' };
}

function portNumberOf(entry: unknown): number | undefined {
  if (!isMap(entry)) return undefined;
  const port = entry.get('port', true);
  const number = isMap(port) ? port.get('number', true) : undefined;
  return isScalar(number) && typeof number.value === 'number' ? number.value : undefined;
}

/**
 * Edits that make `owner.trafficPolicy.portLevelSettings[port].tls` carry these settings: the
 * mode is replaced when one is written, other keys are added when missing.
 */
export function setPortTls(doc: ParsedDocument, owner: YAMLMap, port: number, tls: Record<string, string>): DocumentEdit[] | undefined {
  const entry = { port: { number: port }, tls };
  const policy = owner.get('trafficPolicy', true);
  if (policy === undefined || policy === null) return one(addKeys(doc, owner, { trafficPolicy: { portLevelSettings: [entry] } }));
  if (!isMap(policy)) return undefined;
  const settings = policy.get('portLevelSettings', true);
  if (settings === undefined || settings === null) return one(addKeys(doc, policy, { portLevelSettings: [entry] }));
  if (!isSeq(settings)) return undefined;
  const existing = settings.items.find((item) => portNumberOf(item) === port);
  if (!existing) return one(appendSequenceItem(doc, settings, entry));
  if (!isMap(existing)) return undefined;
  const current = existing.get('tls', true);
  if (current === undefined || current === null) return one(addKeys(doc, existing, { tls }));
  if (!isMap(current)) return undefined;
  const edits: Array<DocumentEdit | undefined> = [];
  const missing: Record<string, string> = {};
  for (const [key, value] of Object.entries(tls)) {
    const written = current.get(key, true);
    if (written === undefined) missing[key] = value;
    else if (key === 'mode' && isScalar(written) && written.range && written.value !== value) edits.push(replaceSpan({ start: written.range[0], end: written.range[1] }, value));
  }
  if (Object.keys(missing).length) edits.push(addKeys(doc, current, missing));
  return all(edits);
}

function one(edit: DocumentEdit | undefined): DocumentEdit[] | undefined {
  return edit ? [edit] : undefined;
}

function all(edits: Array<DocumentEdit | undefined>): DocumentEdit[] | undefined {
  return edits.length && edits.every((edit) => !!edit) ? (edits as DocumentEdit[]) : undefined;
}
