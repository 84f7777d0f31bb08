// Quick fixes for the common rule family, by the `fix` name their diagnostics carry:
// - `remove-item` `{ item: string }`: delete the list item under the diagnostic (a duplicate
//   host or exportTo entry), keeping the other items, their comments and the list's style.
// Also the lookup of the parsed document under a diagnostic, which the ServiceEntry fixes share.
import { isScalar, isSeq, type Node, type YAMLSeq } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { documentAtLine, localOffset, type PlacedDocument } from '../../parse/parsedFile';
import { locate, nodeAtPath, type NodeLocation } from '../../parse/yamlPath';
import { quickFix } from './quickFix';
import type { FixContext, FixProvider } from './types';
import { toTextEdit, type DocumentEdit } from './yamlEdits';

export interface FixTarget {
  placed: PlacedDocument;
  /** Where the diagnostic starts in the tree of its document. */
  at: NodeLocation;
}

/** The parsed document and tree location under a diagnostic, if the parse is of the text the client sees. */
export function fixTarget({ document, diagnostic, workspace }: FixContext): FixTarget | undefined {
  const file = workspace.file(document.uri);
  if (!file || file.text !== document.getText()) return undefined;
  const placed = documentAtLine(file, diagnostic.range.start.line);
  const root = placed?.doc.yaml?.contents;
  if (!placed || !root) return undefined;
  return { placed, at: locate(root as Node, localOffset(placed, diagnostic.range.start)) };
}

const removeItem: FixProvider = (context) => {
  const item = context.data.item;
  const target = fixTarget(context);
  if (typeof item !== 'string' || !target) return [];
  const { placed, at } = target;
  const index = at.path[at.path.length - 1];
  const seq = nodeAtPath(placed.doc.yaml?.contents as Node, at.path.slice(0, -1));
  if (typeof index !== 'number' || !isSeq(seq) || !isScalar(at.node) || String(at.node.value) !== item) return [];
  const edit = removalOf(placed.doc, seq, index);
  return edit ? [quickFix(`Remove '${item}'`, context.document, context.diagnostic, [toTextEdit(placed, edit)], true)] : [];
};

/** Deletes item `index`: its whole line in a block list, or the item and one comma in a flow list. */
function removalOf(doc: ParsedDocument, seq: YAMLSeq, index: number): DocumentEdit | undefined {
  const items = seq.items as Array<Node | null>;
  const range = items[index]?.range;
  if (!range || items.length < 2) return undefined;
  if (seq.flow) {
    const previous = items[index - 1]?.range;
    const next = items[index + 1]?.range;
    if (previous) return { start: previous[1], end: range[1], text: '' };
    return next ? { start: range[0], end: next[0], text: '' } : undefined;
  }
  // Only an item alone on its line (`  - value  # comment`) is removed, line break included.
  const { line } = doc.lines.positionAt(range[0]);
  const lineStart = doc.lines.lineStart(line);
  if (!/^\s*-\s+$/.test(doc.text.slice(lineStart, range[0]))) return undefined;
  if (doc.lines.positionAt(range[1]).line !== line) return undefined;
  const nextLine = line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
  return { start: lineStart, end: nextLine, text: '' };
}

export const COMMON_FIXES: Record<string, FixProvider> = { 'remove-item': removeItem };
