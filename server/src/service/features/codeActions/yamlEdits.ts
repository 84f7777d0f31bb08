// Minimal text edits to YAML: add a list item, add a key, replace a value. New text follows the
// indentation already in the document and leaves every other byte (comments included) alone.
import { isMap, isSeq, stringify, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Span } from '../diagnostics/finding';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { filePosition, type PlacedDocument } from '../../parse/parsedFile';

/** An edit in the local offsets of one `---` document. */
export interface DocumentEdit {
  start: number;
  end: number;
  text: string;
}

export function toTextEdit(placed: PlacedDocument, edit: DocumentEdit): TextEdit {
  return { range: { start: filePosition(placed, edit.start), end: filePosition(placed, edit.end) }, newText: edit.text };
}

/** Block YAML for a value, every line prefixed with `indent`, without a final line break. */
export function renderBlock(value: unknown, indent: string): string {
  return stringify(value, { lineWidth: 0, indent: 2 })
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
}

/** One-line flow YAML for a value (`{name: a}`, `[a, b]`, `a`). */
export function renderFlow(value: unknown): string {
  return stringify(value, { lineWidth: 0, collectionStyle: 'flow' }).replace(/\n$/, '');
}

function columnOf(doc: ParsedDocument, offset: number): number {
  return doc.lines.positionAt(offset).character;
}

/** The offset where a new line can be inserted after `offset`'s line (and whether a line break must come first). */
function afterLine(doc: ParsedDocument, offset: number): { at: number; needsBreak: boolean } {
  const { line } = doc.lines.positionAt(Math.max(0, offset - 1));
  const end = doc.lines.lineEnd(line);
  const next = line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
  return next > end ? { at: next, needsBreak: false } : { at: end, needsBreak: true };
}

/** Appends an item to a block or flow sequence. */
export function appendSequenceItem(doc: ParsedDocument, seq: YAMLSeq, value: unknown): DocumentEdit | undefined {
  const range = seq.range;
  if (!range) return undefined;
  if (seq.flow) {
    const close = doc.text.lastIndexOf(']', range[1]);
    if (close < 0) return undefined;
    return { start: close, end: close, text: `${seq.items.length ? ', ' : ''}${renderFlow(value)}` };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  const indent = ' '.repeat(columnOf(doc, range[0]));
  const item = renderBlock([value], indent);
  const { at, needsBreak } = afterLine(doc, last?.range?.[1] ?? range[1]);
  return { start: at, end: at, text: needsBreak ? `\n${item}` : `${item}\n` };
}

/** Adds `key: value` at the end of a block or flow mapping. */
export function addMappingKey(doc: ParsedDocument, map: YAMLMap, key: string, value: unknown): DocumentEdit | undefined {
  const range = map.range;
  if (!range) return undefined;
  if (map.flow) {
    const close = doc.text.lastIndexOf('}', range[1]);
    if (close < 0) return undefined;
    return { start: close, end: close, text: `${map.items.length ? ', ' : ''}${key}: ${renderFlow(value)}` };
  }
  const indent = ' '.repeat(columnOf(doc, range[0]));
  const block = renderBlock({ [key]: value }, indent);
  const lastPair = map.items[map.items.length - 1];
  const lastValue = lastPair?.value as Node | null | undefined;
  const { at, needsBreak } = afterLine(doc, lastValue?.range?.[1] ?? (lastPair?.key as Node | undefined)?.range?.[1] ?? range[1]);
  return { start: at, end: at, text: needsBreak ? `\n${block}` : `${block}\n` };
}

/** Replaces what a span covers. */
export function replaceSpan(span: Span, text: string): DocumentEdit {
  return { start: span.start, end: span.end, text };
}

export function isCollection(node: Node | null | undefined): node is YAMLMap | YAMLSeq {
  return isMap(node) || isSeq(node);
}
