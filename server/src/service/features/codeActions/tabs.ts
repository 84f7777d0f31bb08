// Tabs in indentation become spaces: on one line, or on every flagged line of the file.
// A tab's width is the user's editor setting, which we cannot see. The one-line fix is preferred
// (safe to apply unasked) only when every usual tab width puts the line at the same place in the
// YAML structure; otherwise it is offered as a choice.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { quickFix } from './quickFix';

const USUAL_TAB_WIDTHS = [2, 4, 8];

/** Expands the tabs of an indentation string to the next multiple of the tab size. */
export function expandTabs(indentation: string, tabSize: number): string {
  let column = 0;
  for (const ch of indentation) column = ch === '\t' ? column + tabSize - (column % tabSize) : column + 1;
  return ' '.repeat(column);
}

interface SourceLine {
  indentation: string;
  content: string;
}

function sourceLines(document: TextDocument): SourceLine[] {
  return document.getText().split(/\r?\n/).map((line) => {
    const indentation = /^[ \t]*/.exec(line)![0];
    return { indentation, content: line.slice(indentation.length) };
  });
}

const meaningful = (line: SourceLine) => line.content !== '' && !line.content.startsWith('#');
const withoutComment = (content: string) => content.replace(/\s+#.*$/, '').trimEnd();
const opensBlock = (content: string) => /:$/.test(withoutComment(content)) || /^-$/.test(withoutComment(content));

/**
 * Which place in the structure each column gives the line. Columns of enclosing lines (and the key
 * column of enclosing `- key:` items) make it a sibling of that line; after a line that opens a block,
 * any deeper column (or the same column, for a `- ` item) makes it that block's first child: one place
 * however deep. Other columns are no place at all.
 */
function placeFinder(lines: SourceLine[], lineIndex: number, unit: number): (column: number) => string | undefined {
  const siblings = new Map<number, string>();
  const width = (line: SourceLine) => expandTabs(line.indentation, unit).length;
  let previous = lineIndex - 1;
  while (previous >= 0 && !meaningful(lines[previous])) previous--;
  if (previous < 0) return (column) => (column === 0 ? 'top' : undefined);
  let ceiling = Infinity;
  for (let index = previous; index >= 0; index--) {
    const line = lines[index];
    if (!meaningful(line)) continue;
    const column = width(line);
    if (column >= ceiling) continue;
    ceiling = column;
    siblings.set(column, `line ${index}`);
    const item = /^-\s+(?=\S)/.exec(line.content);
    if (item && !siblings.has(column + item[0].length)) siblings.set(column + item[0].length, `item ${index}`);
    if (column === 0) break; // nothing above encloses a top-level line
  }
  if (!opensBlock(lines[previous].content)) return (column) => siblings.get(column);
  const opener = width(lines[previous]);
  const isItem = /^-(\s|$)/.test(lines[lineIndex].content);
  return (column) => (column > opener || (isItem && column === opener) ? 'child' : siblings.get(column));
}

function tabEdit(lines: readonly SourceLine[], lineIndex: number, unit: number): TextEdit | undefined {
  const line = lines[lineIndex];
  if (!line?.indentation.includes('\t')) return undefined;
  return { range: { start: { line: lineIndex, character: 0 }, end: { line: lineIndex, character: line.indentation.length } }, newText: expandTabs(line.indentation, unit) };
}

/** Whether every usual tab width puts the line at the same place in the structure. */
function widthIsCertain(lines: SourceLine[], lineIndex: number, unit: number): boolean {
  const placeAt = placeFinder(lines, lineIndex, unit);
  const chosen = [unit, ...USUAL_TAB_WIDTHS].map((tab) => placeAt(expandTabs(lines[lineIndex].indentation, tab).length));
  return chosen.every((place) => place !== undefined && place === chosen[0]);
}

export function tabFixes(document: TextDocument, diagnostic: Diagnostic, all: readonly Diagnostic[], tabSize: number): CodeAction[] {
  const actions: CodeAction[] = [];
  // Split once: a file indented with tabs throughout has a flagged line on almost every line.
  const lines = sourceLines(document);
  const lineIndex = diagnostic.range.start.line;
  const edit = tabEdit(lines, lineIndex, tabSize);
  if (edit) actions.push(quickFix(`Convert tabs to ${tabSize} spaces`, document, diagnostic, [edit], widthIsCertain(lines, lineIndex, tabSize)));
  const flagged = [...new Set(all.filter((other) => other.code === 'IE101').map((other) => other.range.start.line))];
  if (flagged.length > 1) {
    const edits = flagged.map((line) => tabEdit(lines, line, tabSize)).filter((item): item is TextEdit => !!item);
    actions.push(quickFix(`Convert tabs to spaces on all ${edits.length} lines`, document, diagnostic, edits));
  }
  return actions;
}
