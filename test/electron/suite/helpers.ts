// Shared by the extension-host tests: fixture files, positions by text, and waits that end on an event or a
// deadline (never a fixed sleep).
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'istio-egress-tools.istio-egress';
/** `source` of every diagnostic the language server publishes. */
export const SOURCE = 'istio-egress';
const DEFAULT_TIMEOUT_MS = 30_000;

export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is loaded as the extension under development`);
  return found;
}

/** For suites that may run alone: opening a YAML file is what activates the extension. */
export async function ensureActive(): Promise<void> {
  await vscode.workspace.openTextDocument(fixtureUri('news/serviceentry.yaml'));
  await extension().activate();
}

/** A file of the fixture workspace (a per-run copy of test/electron/workspace). */
export function fixtureUri(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code was started on the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, ...path.split('/'));
}

export async function openFixture(path: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixtureUri(path)));
}

/** The range of `length` characters starting `offset` characters into the first occurrence of `needle`. */
export function rangeIn(document: vscode.TextDocument, needle: string, offset = 0, length = needle.length - offset): vscode.Range {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${document.uri.path} contains ${JSON.stringify(needle)}`);
  return new vscode.Range(document.positionAt(at + offset), document.positionAt(at + offset + length));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function describeDiagnostics(diagnostics: vscode.Diagnostic[]): string {
  if (!diagnostics.length) return '  (none)';
  return diagnostics.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n');
}

/** Resolves with this server's diagnostics for `uri` as soon as they satisfy `accept`; checked now and on every change. */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = ourDiagnostics(uri);
      if (!accept(current)) return;
      stop();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} in ${uri.path}; diagnostics now:\n${describeDiagnostics(ourDiagnostics(uri))}`));
    }, timeoutMs);
    const stop = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/** Polls `probe` until it returns a value other than undefined, or fails after the deadline. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The quick fixes VS Code gathers for `range`, as the light bulb would show them. */
export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const found = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command> | undefined>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return (found ?? []).filter((item): item is vscode.CodeAction => item instanceof vscode.CodeAction);
}
