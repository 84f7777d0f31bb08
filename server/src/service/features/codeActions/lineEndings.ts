// Edits are written with `\n`; a file saved with CRLF gets CRLF in what we insert, so a fix never
// leaves a file with mixed line endings.
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

const LONE_LF = /(?<!\r)\n/g;

function usesCrlf(text: string | undefined): boolean {
  if (!text) return false;
  const firstBreak = text.indexOf('\n');
  return firstBreak > 0 && text[firstBreak - 1] === '\r';
}

function convert(edits: TextEdit[]): TextEdit[] {
  return edits.map((edit) => (edit.newText.includes('\n') ? { ...edit, newText: edit.newText.replace(LONE_LF, '\r\n') } : edit));
}

/** The same edit with every inserted line break in the style of the file it lands in. */
export function inFileLineEndings(edit: WorkspaceEdit, textOf: (uri: string) => string | undefined): WorkspaceEdit {
  const crlf = (uri: string) => usesCrlf(textOf(uri));
  const changes = edit.changes && Object.fromEntries(Object.entries(edit.changes).map(([uri, edits]) => [uri, crlf(uri) ? convert(edits) : edits]));
  const documentChanges = edit.documentChanges?.map((change) =>
    'textDocument' in change && crlf(change.textDocument.uri) ? { ...change, edits: convert(change.edits as TextEdit[]) } : change,
  );
  return { ...edit, ...(changes && { changes }), ...(documentChanges && { documentChanges }) };
}

export function actionsInFileLineEndings(actions: CodeAction[], textOf: (uri: string) => string | undefined): CodeAction[] {
  return actions.map((action) => (action.edit ? { ...action, edit: inFileLineEndings(action.edit, textOf) } : action));
}
