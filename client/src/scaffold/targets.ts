// Where the generated YAML goes: a new untitled editor, the active YAML file (new documents only,
// nothing the user wrote is touched), or a new workspace file (never overwritten without asking).
import * as vscode from 'vscode';
import { placeDocuments } from './placement';
import { Cancelled } from './prompts';

export type Target = 'untitled' | 'insert' | 'file';

export function activeYamlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'yaml' ? editor : undefined;
}

export async function openUntitled(text: string): Promise<vscode.Uri> {
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
  await vscode.window.showTextDocument(document);
  return document.uri;
}

/** Appends the documents to the editor's file, or puts them at the cursor when it is on an empty line between documents. */
export async function insertInto(editor: vscode.TextEditor, text: string): Promise<vscode.Uri> {
  const { document, selection } = editor;
  const place = placeDocuments(document.getText(), text, selection.isEmpty ? selection.active.line : undefined);
  const at = new vscode.Position(place.line, place.character);
  const applied = await editor.edit((builder) => builder.insert(at, place.text));
  if (!applied) throw new Error(`Could not insert into ${document.fileName}.`);
  // The cursor goes to the first new document, past any separator put before it.
  const start = document.positionAt(document.offsetAt(at) + Math.max(0, place.text.search(/^(?!---)\S/m)));
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return document.uri;
}

/** `news.example.org-egress.yaml`; a wildcard's `*` is spelled out. */
export function fileNameFor(host: string): string {
  return `${host.trim().toLowerCase().replace(/^\*\./, 'wildcard.').replace(/[^a-z0-9.-]+/g, '-')}-egress.yaml`;
}

/** The folder new files are relative to, and where the name is first suggested: next to the active file, else at the root. */
export function fileBase(): { folder: vscode.WorkspaceFolder; directory: string } | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  const relative = active && active.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active) === folder ? vscode.workspace.asRelativePath(active, false) : '';
  return { folder, directory: relative.includes('/') ? relative.slice(0, relative.lastIndexOf('/') + 1) : '' };
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `name.yaml`, else `name-2.yaml`, `name-3.yaml`… whichever does not exist. */
export async function freeUri(uri: vscode.Uri): Promise<vscode.Uri> {
  const match = /^(.*?)(\.ya?ml)?$/.exec(uri.path)!;
  for (let attempt = 1; ; attempt++) {
    const candidate = uri.with({ path: `${match[1]}${attempt > 1 ? `-${attempt}` : ''}${match[2] ?? '.yaml'}` });
    if (!(await exists(candidate))) return candidate;
  }
}

/**
 * Writes a new file. An existing one is overwritten only when the user says so; `chosen` says
 * whether the user (or the arguments) named this file, or it is only our suggestion, in which
 * case a free name is taken without asking.
 */
export async function writeNewFile(uri: vscode.Uri, text: string, chosen: boolean): Promise<vscode.Uri> {
  let target = uri;
  if (await exists(uri)) {
    const free = await freeUri(uri);
    if (chosen) {
      const freeName = free.path.slice(free.path.lastIndexOf('/') + 1);
      const overwrite = 'Overwrite';
      const other = `Save as ${freeName}`;
      const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists.`, { modal: true, detail: 'Overwrite it with the new egress route, or save the route under another name?' }, overwrite, other);
      if (answer === undefined) throw new Cancelled();
      if (answer === other) target = free;
    } else {
      target = free;
    }
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(target);
  return target;
}
