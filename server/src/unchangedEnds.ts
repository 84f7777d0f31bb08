// How many characters at the start and at the end of a document a set of LSP edits leaves alone.
// Call it before applying the edits: it reads the document as it was.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

export function unchangedEnds(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[]): { prefix: number; suffix: number } | undefined {
  // TextDocument.update mutates its argument, so several edits are replayed on a copy.
  let current = changes.length > 1 ? TextDocument.create(document.uri, document.languageId, document.version, document.getText()) : document;
  let prefix = Infinity;
  let suffix = Infinity;
  for (const change of changes) {
    // A full-text replacement says nothing about where the edit was.
    if (!('range' in change)) return undefined;
    const start = current.offsetAt(change.range.start);
    const end = current.offsetAt(change.range.end);
    prefix = Math.min(prefix, start);
    suffix = Math.min(suffix, current.getText().length - end);
    if (changes.length > 1) current = TextDocument.update(current, [change], current.version + 1);
  }
  return Number.isFinite(prefix) ? { prefix, suffix } : undefined;
}
