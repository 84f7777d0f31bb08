// Quick fixes, dispatched on the diagnostic's code and typed data, never on its message.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { isDiagnosticCode, type FixData } from '../diagnostics/codes';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { detectIndentUnit } from '../completion/shapes';
import { tabFixes } from './tabs';

export function getCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], allDiagnostics: () => readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!isOurDiagnostic(diagnostic)) continue;
    const data = readFixData(diagnostic.data);
    if (!data) continue;
    switch (data.fix) {
      case 'replace':
        data.candidates.slice(0, 5).forEach((candidate, index) => {
          actions.push(quickFix(`Change to '${candidate}'`, document, diagnostic, [{ range: diagnostic.range, newText: candidate }], index === 0));
        });
        break;
      case 'quote': {
        const text = document.getText(diagnostic.range);
        const quoted = text.includes('"') ? `'${text.replace(/'/g, "''")}'` : `"${text.replace(/\\/g, '\\\\')}"`;
        actions.push(quickFix(`Quote as a string: ${quoted}`, document, diagnostic, [{ range: diagnostic.range, newText: quoted }], true));
        break;
      }
      case 'wrap-in-list': {
        const text = document.getText(diagnostic.range);
        actions.push(quickFix(`Make it a list: [${text}]`, document, diagnostic, [{ range: diagnostic.range, newText: `[${text}]` }], true));
        break;
      }
      case 'tabs':
        actions.push(...tabFixes(document, diagnostic, allDiagnostics(), detectIndentUnit(document.getText())));
        break;
    }
  }
  return actions;
}

export function quickFix(title: string, document: TextDocument, diagnostic: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: preferred || undefined,
    edit: { changes: { [document.uri]: edits } },
  };
}

/** Diagnostics come back from the client: only well-formed ones of ours are acted on. */
function isOurDiagnostic(diagnostic: Diagnostic | null | undefined): diagnostic is Diagnostic {
  const range = diagnostic?.range;
  const isPosition = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return !!diagnostic && diagnostic.source === DIAGNOSTIC_SOURCE && isDiagnosticCode(diagnostic.code) && !!range && isPosition(range.start) && isPosition(range.end);
}

/** Diagnostic data comes back from the client: check its shape before trusting it. */
function readFixData(data: unknown): FixData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  switch (record.fix) {
    case 'replace':
      return Array.isArray(record.candidates) && record.candidates.every((item) => typeof item === 'string')
        ? { fix: 'replace', candidates: record.candidates as string[] }
        : undefined;
    case 'quote':
    case 'wrap-in-list':
    case 'tabs':
      return { fix: record.fix };
    default:
      return undefined;
  }
}
