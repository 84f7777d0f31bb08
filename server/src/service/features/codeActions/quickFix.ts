// Builds a quick-fix code action.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';

export function quickFix(title: string, document: TextDocument, diagnostic: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return workspaceFix(title, diagnostic, { changes: { [document.uri]: edits } }, preferred);
}

/** A quick fix whose edit may touch other files or create one. */
export function workspaceFix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred || undefined, edit };
}
