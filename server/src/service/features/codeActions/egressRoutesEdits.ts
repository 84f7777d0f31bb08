// YAML edits for the egress route fixes that follow the document's own style: block sequences
// indented under their key or not (`key:\n- a` is how Istio's docs write them), the document's
// indentation step, and flow lists for `gateways`/`hosts`/`sniHosts` where the document uses them.
import { Document, isScalar, isSeq, visit, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { detectIndentUnit } from '../completion/shapes';
import { appendSequenceItem, renderFlow, type DocumentEdit } from './yamlEdits';

const LIST_KEYS = new Set(['gateways', 'hosts', 'sniHosts']);

interface Style {
  indent: number;
  indentSeq: boolean;
  flowLists: boolean;
  /** `[a, b]` rather than `[ a, b ]`. */
  tightFlow: boolean;
}

function styleOf(doc: ParsedDocument): Style {
  // The first block sequence under a key shows whether its items are indented past the key.
  const nested = /^( *)(- )?[A-Za-z][\w-]*:[ \t]*(?:#.*)?\r?\n(?:[ \t]*#.*\r?\n)*( *)- /m.exec(doc.text);
  const indentSeq = nested ? nested[3].length > nested[1].length + (nested[2] ? 2 : 0) : false;
  return { indent: detectIndentUnit(doc.text), indentSeq, flowLists: /\b(gateways|hosts|sniHosts): *\[/.test(doc.text), tightFlow: !/[[{] \S/.test(doc.text) };
}

/** Block YAML for a value, each line prefixed with `indent`, no final line break. */
function render(doc: ParsedDocument, value: unknown, indent: string): string {
  const style = styleOf(doc);
  const yaml = new Document(value);
  if (style.flowLists) {
    visit(yaml, {
      Pair(_, pair) {
        if (isScalar(pair.key) && LIST_KEYS.has(String(pair.key.value)) && isSeq(pair.value)) pair.value.flow = true;
      },
    });
  }
  return yaml
    .toString({ lineWidth: 0, indent: style.indent, indentSeq: style.indentSeq, flowCollectionPadding: !style.tightFlow })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

const column = (doc: ParsedDocument, offset: number) => doc.lines.positionAt(offset).character;

/** Where a new line goes after the line holding `offset - 1`, and whether a line break must come first. */
function afterLine(doc: ParsedDocument, offset: number): { at: number; needsBreak: boolean } {
  const { line } = doc.lines.positionAt(Math.max(0, offset - 1));
  const end = doc.lines.lineEnd(line);
  const next = line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
  return next > end ? { at: next, needsBreak: false } : { at: end, needsBreak: true };
}

/** Appends an item to a sequence. */
export function appendItem(doc: ParsedDocument, seq: YAMLSeq, value: unknown): DocumentEdit | undefined {
  if (seq.flow || !seq.range) return appendSequenceItem(doc, seq, value);
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const text = render(doc, [value], ' '.repeat(column(doc, seq.range[0])));
  const { at, needsBreak } = afterLine(doc, last?.range?.[1] ?? seq.range[1]);
  return { start: at, end: at, text: needsBreak ? `\n${text}` : `${text}\n` };
}

/** Inserts an item before the item at `index` of a block sequence, above the comment lines that introduce it. */
export function insertItemBefore(doc: ParsedDocument, seq: YAMLSeq, index: number, value: unknown): DocumentEdit | undefined {
  const item = seq.items[index] as Node | undefined;
  if (seq.flow || !seq.range || !item?.range) return appendItem(doc, seq, value);
  let line = doc.lines.positionAt(item.range[0]).line;
  while (line > 0 && /^\s*#/.test(doc.lines.lineText(line - 1))) line--;
  const at = doc.lines.lineStart(line);
  return { start: at, end: at, text: `${render(doc, [value], ' '.repeat(column(doc, seq.range[0])))}\n` };
}

/** Adds `key: value` as the first entry of a mapping (where `match` and `gateways` are usually written). */
export function prependKey(doc: ParsedDocument, map: YAMLMap, key: string, value: unknown): DocumentEdit | undefined {
  const first = map.items[0]?.key as Node | undefined;
  if (map.flow) {
    const open = map.range ? doc.text.indexOf('{', map.range[0]) : -1;
    return open < 0 ? undefined : { start: open + 1, end: open + 1, text: `${key}: ${renderFlow(value)}${map.items.length ? ', ' : ''}` };
  }
  if (!first?.range) return undefined;
  const indent = ' '.repeat(column(doc, first.range[0]));
  const text = render(doc, { [key]: value }, indent).slice(indent.length);
  return { start: first.range[0], end: first.range[0], text: `${text}\n${indent}` };
}

/** Adds `key: value` to a block mapping right after the entry `after` (or at the end). */
export function addKeyAfter(doc: ParsedDocument, map: YAMLMap, after: string, key: string, value: unknown): DocumentEdit | undefined {
  if (map.flow || !map.range) return undefined;
  const pairs = map.items;
  const anchor = pairs.find((pair) => isScalar(pair.key) && pair.key.value === after) ?? pairs[pairs.length - 1];
  const end = (anchor?.value as Node | null)?.range?.[1] ?? (anchor?.key as Node | undefined)?.range?.[1] ?? map.range[1];
  const text = render(doc, { [key]: value }, ' '.repeat(column(doc, map.range[0])));
  const { at, needsBreak } = afterLine(doc, end);
  return { start: at, end: at, text: needsBreak ? `\n${text}` : `${text}\n` };
}

/** Replaces a block or flow mapping's entries with `value`. */
export function replaceMapping(doc: ParsedDocument, map: YAMLMap, value: Record<string, string>): DocumentEdit | undefined {
  if (!map.range) return undefined;
  if (map.flow) return { start: map.range[0], end: map.range[1], text: renderFlow(value) };
  const indent = ' '.repeat(column(doc, map.range[0]));
  const end = map.range[1];
  const text = render(doc, value, indent).slice(indent.length);
  return { start: map.range[0], end, text: /\r?\n$/.test(doc.text.slice(map.range[0], end)) ? `${text}\n` : text };
}
