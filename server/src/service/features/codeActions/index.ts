// Quick fixes, dispatched on the diagnostic's typed data, never on its message.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { isDiagnosticCode, type FixData } from '../diagnostics/codes';
import { DIAGNOSTIC_SOURCE } from '../diagnostics/source';
import { actionsInFileLineEndings } from './lineEndings';
import { FIX_PROVIDERS } from './providers';
import type { FixWorkspace } from './types';

export function getCodeActions(
  document: TextDocument,
  diagnostics: readonly Diagnostic[],
  allDiagnostics: () => readonly Diagnostic[],
  workspace: FixWorkspace,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (!isOurDiagnostic(diagnostic)) continue;
    const data = readFixData(diagnostic.data);
    const provider = data && FIX_PROVIDERS[data.fix];
    if (provider && data) actions.push(...provider({ document, diagnostic, data, allDiagnostics, workspace }));
  }
  return actionsInFileLineEndings(actions, (uri) => workspace.file(uri)?.text);
}

/** Diagnostics come back from the client: only well-formed ones of ours are acted on. */
function isOurDiagnostic(diagnostic: Diagnostic | null | undefined): diagnostic is Diagnostic {
  const range = diagnostic?.range;
  const isPosition = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  return !!diagnostic && diagnostic.source === DIAGNOSTIC_SOURCE && isDiagnosticCode(diagnostic.code) && !!range && isPosition(range.start) && isPosition(range.end);
}

function readFixData(data: unknown): FixData | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const fix = (data as Record<string, unknown>).fix;
  return typeof fix === 'string' ? (data as FixData) : undefined;
}
