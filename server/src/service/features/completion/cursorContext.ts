// Works out what the cursor is on while the user is typing, when the YAML is still incomplete.
// The partial word under the cursor is replaced by a placeholder and the document re-parsed,
// so the YAML parser itself says where in the tree the cursor is.
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { keyText, locate, type PathSegment } from '../../parse/yamlPath';

export const PLACEHOLDER = '__istio_egress_cursor__';

export interface CursorContext {
  /** `key`: a mapping key is being typed; `value`: the value after `key: `; `item`: a flow list item. */
  mode: 'key' | 'value' | 'item';
  /** Path of the mapping (key mode) or of the value (value/item mode). */
  path: PathSegment[];
  /** Keys already present in the mapping the cursor is in (key mode). */
  siblings: Set<string>;
  /** Local offsets of the text completion replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** The text typed so far. */
  prefix: string;
  /** Column where a key being typed starts (used to indent multi-line insertions). */
  column: number;
  /** Set when the value must be preceded by a space (cursor right after `key:`). */
  needsSpace: boolean;
}

const KEY_LINE = /^(\s*)((?:-[ \t]+)*)([\w.$/-]*)$/;
const VALUE_LINE = /^(\s*(?:-[ \t]+)*)([\w.$/-]+|"[^"]*"|'[^']*')[ \t]*:([ \t]*)(\S*)$/;
const FLOW_ITEM = /[[,][ \t]*(\S*)$/;
const WORD_AFTER = /^[\w.$/*-]*/;

export function cursorContext(doc: ParsedDocument, offset: number): CursorContext | undefined {
  const { line } = doc.lines.positionAt(offset);
  const lineStart = doc.lines.lineStart(line);
  const before = doc.text.slice(lineStart, offset);
  const after = doc.text.slice(offset, doc.lines.lineEnd(line));
  if (/(^|\s)#/.test(before)) return undefined;
  const wordAfter = WORD_AFTER.exec(after)?.[0] ?? '';

  const value = VALUE_LINE.exec(before);
  if (value) {
    const [, , , spacing, partial] = value;
    if (isOpenFlow(partial)) return flowItem(doc, offset, before, lineStart, wordAfter);
    const start = offset - partial.length;
    return locateWith(doc, start, offset + wordAfter.length, 'value', {
      prefix: partial.replace(/^["']/, ''),
      column: before.length - partial.length,
      needsSpace: spacing.length === 0,
    });
  }
  if (isOpenFlow(before.slice(before.indexOf(':') + 1))) return flowItem(doc, offset, before, lineStart, wordAfter);
  const key = KEY_LINE.exec(before);
  if (key) {
    const partial = key[3];
    const start = offset - partial.length;
    return locateWith(doc, start, offset + wordAfter.length, 'key', { prefix: partial, column: start - lineStart, needsSpace: false });
  }
  return undefined;
}

function isOpenFlow(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
  }
  return depth > 0;
}

function flowItem(doc: ParsedDocument, offset: number, before: string, lineStart: number, wordAfter: string): CursorContext | undefined {
  const match = FLOW_ITEM.exec(before);
  if (!match) return undefined;
  const partial = match[1];
  const start = offset - partial.length;
  return locateWith(doc, start, offset + wordAfter.length, 'item', {
    prefix: partial.replace(/^["']/, ''),
    column: start - lineStart,
    needsSpace: false,
  });
}

function locateWith(
  doc: ParsedDocument,
  start: number,
  end: number,
  mode: CursorContext['mode'],
  rest: Pick<CursorContext, 'prefix' | 'column' | 'needsSpace'>,
): CursorContext | undefined {
  const afterWord = doc.text.slice(end);
  const placeholder = mode === 'key' && !/^[ \t]*:/.test(afterWord) ? `${PLACEHOLDER}:` : PLACEHOLDER;
  const patched = doc.text.slice(0, start) + (rest.needsSpace ? ' ' : '') + placeholder + afterWord;
  const at = start + (rest.needsSpace ? 1 : 0) + 1;
  let parsed;
  try {
    parsed = parseDocument(patched, { prettyErrors: false, uniqueKeys: false });
  } catch {
    return undefined;
  }
  const location = locate(parsed.contents, at);
  const base = { mode, replaceStart: start, replaceEnd: end, ...rest };
  if (mode === 'key') {
    if (!location.keyNode || location.keyNode.value !== PLACEHOLDER) return undefined;
    const siblings = new Set<string>();
    for (const pair of (location.parentMap?.items ?? []) as Pair[]) {
      const name = keyText(pair);
      if (name !== PLACEHOLDER) siblings.add(name);
    }
    return { ...base, path: location.path.slice(0, -1), siblings };
  }
  const node = location.node;
  if (!isScalar(node) || node.value !== PLACEHOLDER) return undefined;
  return { ...base, path: location.path, siblings: new Set() };
}

/** True when the document has no content yet besides what the cursor is typing. */
export function isEmptyDocument(doc: ParsedDocument): boolean {
  const contents = doc.yaml?.contents;
  return !contents || (isScalar(contents) && (contents.value === null || contents.value === '')) || (isMap(contents) && contents.items.length === 0);
}
