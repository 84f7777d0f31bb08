// "Istio Egress: New Egress Route…": asks for what the arguments lack, has the server generate the
// route (the generator lives there, in one place), and writes it where the user chose. With host,
// mode and target given (a keybinding, a test) it runs without a single prompt. It returns the URI
// of the document that received the route, or undefined when cancelled or refused.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EgressRouteInputs, NewEgressRouteArgs } from '../../../server/src/protocol';
import { askInputs, Cancelled } from './prompts';
import { ScaffoldServer } from './serverCalls';
import { activeYamlEditor, fileBase, fileNameFor, insertInto, openUntitled, writeNewFile, type Target } from './targets';

const INPUT_KEYS: ReadonlyArray<keyof EgressRouteInputs> = [
  'host', 'mode', 'port', 'namespace', 'gatewayNamespace', 'gatewayLabels', 'addresses', 'registryOnly', 'gatewayService', 'gatewayPort', 'wildcardTarget',
];

/** The arguments as given; their values are checked by the server like typed answers. */
function readArgs(args: unknown): { inputs: Partial<EgressRouteInputs>; target?: Target; file?: string } {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { inputs: {} };
  const raw = args as NewEgressRouteArgs & Record<string, unknown>;
  const inputs: Record<string, unknown> = {};
  for (const key of INPUT_KEYS) if (raw[key] !== undefined && raw[key] !== null) inputs[key] = raw[key];
  const target = raw.target === 'untitled' || raw.target === 'insert' || raw.target === 'file' ? raw.target : undefined;
  return { inputs: inputs as Partial<EgressRouteInputs>, target, file: typeof raw.file === 'string' && raw.file.trim() ? raw.file.trim() : undefined };
}

/** A host-like selection in the active editor is a good first guess. */
function selectedHost(): string {
  const editor = vscode.window.activeTextEditor;
  const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  return /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(text) ? text : '';
}

async function askTarget(host: string): Promise<{ target: Target; file?: vscode.Uri }> {
  const editor = activeYamlEditor();
  const base = fileBase();
  const items: Array<vscode.QuickPickItem & { target: Target }> = [{ target: 'untitled', label: 'New untitled editor', detail: 'Review the route, then save it where you like.' }];
  if (editor) items.push({ target: 'insert', label: `Insert into ${vscode.workspace.asRelativePath(editor.document.uri)}`, detail: 'As new --- documents: at the cursor if it is on an empty line between documents, else at the end.' });
  if (base) items.push({ target: 'file', label: 'New file in the workspace…', detail: `Suggested: ${base.directory}${fileNameFor(host)}` });
  const chosen = await vscode.window.showQuickPick(items, { title: 'Istio Egress: New Egress Route', placeHolder: 'Where should the route go?', ignoreFocusOut: true });
  if (!chosen) throw new Cancelled();
  if (chosen.target !== 'file' || !base) return { target: chosen.target };
  const file = await vscode.window.showInputBox({
    title: 'Istio Egress: New Egress Route',
    prompt: `The new file, relative to ${base.folder.name}`,
    value: `${base.directory}${fileNameFor(host)}`,
    ignoreFocusOut: true,
    validateInput: (text) => (!text.trim() ? 'Enter a file name.' : /(^|[\\/])\.\.([\\/]|$)/.test(text) ? 'Stay inside the workspace folder.' : undefined),
  });
  if (!file?.trim()) throw new Cancelled();
  return { target: 'file', file: vscode.Uri.joinPath(base.folder.uri, file.trim()) };
}

/** `file` is one the user or the arguments named (asked before overwriting); without it, our suggestion (a free name is taken). */
async function write(target: Target, text: string, host: string, file: vscode.Uri | undefined): Promise<vscode.Uri> {
  if (target === 'insert') {
    const editor = activeYamlEditor();
    if (editor) return insertInto(editor, text);
    void vscode.window.showInformationMessage('No YAML editor is active: the egress route opens in a new editor instead.');
    return openUntitled(text);
  }
  if (target === 'file') {
    const base = fileBase();
    if (file) return writeNewFile(file, text, true);
    if (base) return writeNewFile(vscode.Uri.joinPath(base.folder.uri, `${base.directory}${fileNameFor(host)}`), text, false);
    void vscode.window.showInformationMessage('No workspace folder is open: the egress route opens in a new editor instead.');
  }
  return openUntitled(text);
}

/** `file` from the arguments is relative to the first workspace folder (the protocol says so). */
function argumentFile(file: string | undefined): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return file && folder ? vscode.Uri.joinPath(folder.uri, file) : undefined;
}

export function newEgressRoute(client: LanguageClient): (args?: unknown) => Promise<vscode.Uri | undefined> {
  const server = new ScaffoldServer(client);
  return async (args) => {
    const given = readArgs(args);
    const silent = given.inputs.host !== undefined && given.inputs.mode !== undefined && given.target !== undefined;
    try {
      const inputs = silent ? given.inputs : await askInputs(server, await server.defaults(), given.inputs, selectedHost());
      const outcome = await server.generate(inputs);
      if (!outcome.ok) {
        void vscode.window.showErrorMessage(`New Egress Route: ${outcome.message}`);
        return undefined;
      }
      const where = given.target ? { target: given.target, file: argumentFile(given.file) } : await askTarget(String(inputs.host));
      const uri = await write(where.target, outcome.result.text, String(inputs.host), where.file);
      for (const warning of outcome.result.warnings ?? []) void vscode.window.showWarningMessage(warning);
      return uri;
    } catch (error) {
      if (error instanceof Cancelled) return undefined;
      void vscode.window.showErrorMessage(`New Egress Route failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
}
