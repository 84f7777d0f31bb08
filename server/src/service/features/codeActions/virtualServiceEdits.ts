// Line-based edits the VirtualService and DestinationRule fixes share: find the YAML node a
// diagnostic's data names, delete a key or a list item with its lines, move a list item to the
// end. Block YAML only: for flow collections (`{…}`, `[…]`) they return nothing rather than guess.
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { documentAtLine, type PlacedDocument } from '../../parse/parsedFile';
import { keyText, nodeAtPath, type PathSegment } from '../../parse/yamlPath';
import type { FixContext } from './types';
import type { DocumentEdit } from './yamlEdits';

/** The `---` document the diagnostic was reported in. */
export function placedDocumentOf(context: FixContext): PlacedDocument | undefined {
  const file = context.workspace.file(context.document.uri);
  return file ? documentAtLine(file, context.diagnostic.range.start.line) : undefined;
}

/** A key/index path from the diagnostic's data, checked (the data comes back from the client). */
export function readPath(value: unknown): PathSegment[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 32) return undefined;
  const ok = value.every((segment) => typeof segment === 'string' || (typeof segment === 'number' && Number.isInteger(segment) && segment >= 0));
  return ok ? (value as PathSegment[]) : undefined;
}

export function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function nodeAt(doc: ParsedDocument, path: readonly PathSegment[]): Node | undefined {
  return nodeAtPath(doc.yaml?.contents as Node | null | undefined, path) ?? undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return (map.items as Pair[]).find((pair) => keyText(pair) === key);
}

/** Deletes `key: value` with the lines it occupies, when the key starts its own line. */
export function deletePair(doc: ParsedDocument, map: YAMLMap, pair: Pair): DocumentEdit | undefined {
  if (map.flow || !isScalar(pair.key) || !pair.key.range) return undefined;
  const start = pair.key.range[0];
  const lineStart = startOfLine(doc.text, start);
  if (doc.text.slice(lineStart, start).trim() !== '') return undefined;
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? pair.key.range[1];
  return { start: lineStart, end: endOfLastLine(doc.text, start, valueEnd), text: '' };
}

/** Deletes one item of a block list, `- ` included, with the lines it occupies. */
export function deleteItem(doc: ParsedDocument, seq: YAMLSeq, index: number): DocumentEdit | undefined {
  const lines = itemLines(doc, seq, index);
  return lines && { start: lines.start, end: lines.end, text: '' };
}

/** Moves one item of a block list after its last item: a deletion and an insertion. */
export function moveItemToEnd(doc: ParsedDocument, seq: YAMLSeq, index: number): DocumentEdit[] | undefined {
  const moved = itemLines(doc, seq, index);
  const last = itemLines(doc, seq, seq.items.length - 1);
  if (!moved || !last || last.start <= moved.start) return undefined;
  const body = doc.text.slice(moved.start, moved.end);
  const atEndWithoutBreak = last.end === doc.text.length && !doc.text.endsWith('\n');
  const text = atEndWithoutBreak ? `\n${body.replace(/\r?\n$/, '')}` : body.endsWith('\n') ? body : `${body}\n`;
  return [
    { start: moved.start, end: moved.end, text: '' },
    { start: last.end, end: last.end, text },
  ];
}

/** The whole lines of a block list item: from the line of its `- ` to the end of its last line. */
function itemLines(doc: ParsedDocument, seq: YAMLSeq, index: number): { start: number; end: number } | undefined {
  if (seq.flow || !isSeq(seq)) return undefined;
  const item = seq.items[index] as Node | null | undefined;
  if (!item?.range) return undefined;
  const start = item.range[0];
  const lineStart = startOfLine(doc.text, start);
  if (!/^\s*-\s*$/.test(doc.text.slice(lineStart, start))) return undefined;
  return { start: lineStart, end: endOfLastLine(doc.text, start, item.range[1]) };
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset after the line break of the last line holding text between `start` and `end`. */
function endOfLastLine(text: string, start: number, end: number): number {
  let last = Math.max(end, start + 1);
  while (last > start + 1 && /\s/.test(text[last - 1])) last--;
  const lineBreak = text.indexOf('\n', last);
  return lineBreak < 0 ? text.length : lineBreak + 1;
}

export function isBlockMap(node: Node | undefined): node is YAMLMap {
  return isMap(node) && !node.flow;
}
