// Renders results as text so that tests compare what a user would see.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

/**
 * The document with a caret line under each diagnostic's first line:
 *     resolution: MESH_EXTERNAL
 *                 ^^^^^^^^^^^^^ IE122 error
 */
export function renderDiagnostics(text: string, diagnostics: readonly Diagnostic[], options: { messages?: boolean } = {}): string {
  const lines = text.split(/\r?\n/);
  const byLine = new Map<number, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const line = diagnostic.range.start.line;
    byLine.set(line, [...(byLine.get(line) ?? []), diagnostic]);
  }
  const out: string[] = [];
  lines.forEach((line, index) => {
    out.push(line);
    for (const diagnostic of (byLine.get(index) ?? []).sort((a, b) => a.range.start.character - b.range.start.character)) {
      const { start, end } = diagnostic.range;
      const endCharacter = end.line === start.line ? end.character : line.length;
      const width = Math.max(1, endCharacter - start.character);
      const label = `${diagnostic.code} ${SEVERITY[diagnostic.severity ?? 1]}${options.messages ? `: ${diagnostic.message}` : ''}`;
      out.push(`${' '.repeat(start.character)}${'^'.repeat(width)} ${label}`);
    }
  });
  return out.join('\n');
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 1, text), [...edits]);
}

export function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit | undefined): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}
