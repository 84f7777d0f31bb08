// Multi-file fixtures: every file of the fixture is loaded as a workspace file, as the server
// does at start; results are rendered per file, like the user would see them.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { fixtureFiles, type FixtureFile } from './fixture';
import { applyEdits, renderDiagnostics } from './render';

export interface LoadedWorkspace {
  service: LanguageService;
  files: FixtureFile[];
  file(path: string): FixtureFile;
}

export function loadWorkspace(source: string, settings?: unknown): LoadedWorkspace {
  const service = createLanguageService(settings);
  const files = fixtureFiles(source);
  for (const file of files) service.setWorkspaceFile(file.uri, file.text);
  return {
    service,
    files,
    file(path) {
      const found = files.find((candidate) => candidate.path === path);
      if (!found) throw new Error(`no file ${path} in the fixture`);
      return found;
    },
  };
}

export interface RenderOptions {
  messages?: boolean;
  /** Also list related locations under each diagnostic. */
  related?: boolean;
  settings?: unknown;
  /** Only these codes (default: every code). */
  codes?: RegExp;
}

/** Every file of the fixture, each followed by the carets of its diagnostics. */
export function diagnoseWorkspace(source: string, options: RenderOptions = {}): string {
  const { service, files } = loadWorkspace(source, options.settings);
  return files.map((file) => `#- ${file.path}\n${renderFile(file, service.fileDiagnostics(file.uri), files, options)}`).join('\n');
}

/** The codes reported per file, e.g. `{ '/vs.yaml': ['IE304'] }` (files without any are left out). */
export function workspaceCodes(source: string, settings?: unknown): Record<string, string[]> {
  const { service, files } = loadWorkspace(source, settings);
  const out: Record<string, string[]> = {};
  for (const file of files) {
    const codes = service.fileDiagnostics(file.uri).map((d) => String(d.code));
    if (codes.length) out[file.path] = codes;
  }
  return out;
}

function renderFile(file: FixtureFile, diagnostics: Diagnostic[], files: FixtureFile[], options: RenderOptions): string {
  const shown = diagnostics.filter((d) => !options.codes || options.codes.test(String(d.code)));
  let text = renderDiagnostics(file.text, shown, options);
  if (options.related) {
    const lines: string[] = [];
    for (const diagnostic of shown) {
      for (const related of diagnostic.relatedInformation ?? []) {
        const path = files.find((candidate) => candidate.uri === related.location.uri)?.path ?? related.location.uri;
        lines.push(`${diagnostic.code} → ${path}:${related.location.range.start.line + 1}:${related.location.range.start.character + 1} ${related.message}`);
      }
    }
    if (lines.length) text += `\n${lines.join('\n')}`;
  }
  return text;
}

/** The quick fixes offered for the first diagnostic with `code` in `path`. */
export function workspaceFixes(source: string, path: string, code: string, settings?: unknown): { actions: CodeAction[]; workspace: LoadedWorkspace } {
  const workspace = loadWorkspace(source, settings);
  const file = workspace.file(path);
  workspace.service.setClientAbilities({ createFiles: true });
  const diagnostics = workspace.service.doValidation(file.document);
  const target = diagnostics.find((d) => d.code === code);
  if (!target) throw new Error(`no ${code} in ${path}; got ${diagnostics.map((d) => d.code).join(', ') || 'none'}`);
  return { actions: workspace.service.getCodeActions(file.document, target.range, [target]), workspace };
}

/**
 * The whole fixture after applying a quick fix (by title, or the preferred one), rendered in the
 * fixture format; files the fix creates appear at the end.
 */
export function applyWorkspaceFix(source: string, path: string, code: string, title?: string | RegExp, settings?: unknown): string {
  const { actions, workspace } = workspaceFixes(source, path, code, settings);
  const action =
    title === undefined ? (actions.find((a) => a.isPreferred) ?? actions[0]) : actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  if (!action?.edit) throw new Error(`no fix ${String(title)}; got ${actions.map((a) => a.title).join(' | ') || 'none'}`);
  const result = applyToFiles(workspace.files.map((file) => ({ path: file.path, uri: file.uri, text: file.text })), action.edit);
  return result.map((file) => `#- ${file.path}\n${file.text}`).join('');
}

function applyToFiles(files: Array<{ path: string; uri: string; text: string }>, edit: WorkspaceEdit) {
  const out = files.map((file) => ({ ...file }));
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const file = out.find((candidate) => candidate.uri === uri);
    if (!file) throw new Error(`edit to unknown file ${uri}`);
    file.text = applyEdits(file.text, edits);
  }
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
      if (out.some((file) => file.uri === change.uri)) {
        if (!change.options?.ignoreIfExists) throw new Error(`the fix would fail: ${change.uri} exists`);
        continue;
      }
      out.push({ path: change.uri.replace('file:///workspace', ''), uri: change.uri, text: '' });
    } else {
      const file = out.find((candidate) => candidate.uri === change.textDocument.uri);
      if (!file) throw new Error(`edit to unknown file ${change.textDocument.uri}`);
      file.text = TextDocument.applyEdits(TextDocument.create(file.uri, 'yaml', 1, file.text), change.edits.filter((e): e is { range: never; newText: string } => 'range' in e));
    }
  }
  return out;
}
