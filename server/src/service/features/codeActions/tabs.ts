// Tabs in indentation become spaces: on one line, or on every flagged line of the file.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { quickFix } from './quickFix';

/** Expands the tabs of an indentation string to the next multiple of the tab size. */
export function expandTabs(indentation: string, tabSize: number): string {
  let column = 0;
  for (const ch of indentation) column = ch === '\t' ? column + tabSize - (column % tabSize) : column + 1;
  return ' '.repeat(column);
}

function lineEdit(document: TextDocument, line: number, tabSize: number): TextEdit | undefined {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indentation = /^[ \t]*/.exec(text)?.[0] ?? '';
  if (!indentation.includes('\t')) return undefined;
  return { range: { start: { line, character: 0 }, end: { line, character: indentation.length } }, newText: expandTabs(indentation, tabSize) };
}

export function tabFixes(document: TextDocument, diagnostic: Diagnostic, all: readonly Diagnostic[], tabSize: number): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = lineEdit(document, diagnostic.range.start.line, tabSize);
  if (edit) actions.push(quickFix(`Convert tabs to ${tabSize} spaces`, document, diagnostic, [edit], true));
  const lines = [...new Set(all.filter((other) => other.code === 'IE101').map((other) => other.range.start.line))];
  if (lines.length > 1) {
    const edits = lines.map((line) => lineEdit(document, line, tabSize)).filter((item): item is TextEdit => !!item);
    actions.push(quickFix(`Convert tabs to spaces on all ${edits.length} lines`, document, diagnostic, edits));
  }
  return actions;
}
