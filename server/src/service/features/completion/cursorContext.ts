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
  /** Inside `{...}` or `[...]`: insertions must stay on one line. */
  flow: boolean;
}

const KEY_LINE = /^(\s*)((?:-[ \t]+)*)([\w.$/-]*)$/;
const VALUE_LINE = /^(\s*(?:-[ \t]+)*)([\w.$/-]+|"[^"]*"|'[^']*')[ \t]*:([ \t]*)(\S*)$/;
const FLOW_ITEM = /[[,][ \t]*(\S*)$/;
const FLOW_VALUE = /[{,][ \t]*([\w.$/-]+|"[^"]*"|'[^']*')[ \t]*:([ \t]*)([^\s,{}[\]]*)$/;
const FLOW_KEY = /[{,][ \t]*([\w.$/-]*)$/;
const WORD_AFTER = /^[\w.$/*-]*/;

export function cursorContext(doc: ParsedDocument, offset: number): CursorContext | undefined {
  const { line } = doc.lines.positionAt(offset);
  const lineStart = doc.lines.lineStart(line);
  const before = doc.text.slice(lineStart, offset);
  const after = doc.text.slice(offset, doc.lines.lineEnd(line));
  if (/(^|\s)#/.test(before)) return undefined;
  const end = offset + (WORD_AFTER.exec(after)?.[0] ?? '').length;
  const context = (mode: CursorContext['mode'], partial: string, flow: boolean, needsSpace = false) =>
    locateWith(doc, offset - partial.length, end, mode, {
      prefix: partial.replace(/^["']/, ''),
      column: before.length - partial.length,
      needsSpace,
      flow,
    });

  const open = innermostOpenBracket(before);
  if (open === '[') {
    const item = FLOW_ITEM.exec(before);
    return item ? context('item', item[1], true) : undefined;
  }
  if (open === '{') {
    const value = FLOW_VALUE.exec(before);
    if (value) return context('value', value[3], true, value[2].length === 0);
    const key = FLOW_KEY.exec(before);
    return key ? context('key', key[1], true) : undefined;
  }
  const value = VALUE_LINE.exec(before);
  if (value) return context('value', value[4], false, value[3].length === 0);
  const key = KEY_LINE.exec(before);
  return key ? context('key', key[3], false) : undefined;
}

/** The innermost unclosed `[` or `{` in the line so far, ignoring quoted text. */
function innermostOpenBracket(text: string): '[' | '{' | undefined {
  const stack: string[] = [];
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') stack.push(ch);
    else if ((ch === ']' || ch === '}') && stack.length) stack.pop();
  }
  return stack[stack.length - 1] as '[' | '{' | undefined;
}

function locateWith(
  doc: ParsedDocument,
  start: number,
  end: number,
  mode: CursorContext['mode'],
  rest: Pick<CursorContext, 'prefix' | 'column' | 'needsSpace' | 'flow'>,
): CursorContext | undefined {
  const afterWord = doc.text.slice(end);
  const placeholder = mode === 'key' && !rest.flow && !/^[ \t]*:/.test(afterWord) ? `${PLACEHOLDER}:` : PLACEHOLDER;
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
