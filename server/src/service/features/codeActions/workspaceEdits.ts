// Helpers for quick fixes that edit resources anywhere in the workspace.
import { isMap, isSeq, type Node } from 'yaml';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { IndexView } from '../../index/queries';
import { KEY, type Resource, type WorkspaceIndex } from '../../index/workspaceIndex';
import { filePosition } from '../../parse/parsedFile';
import { addMappingKey, appendSequenceItem, renderBlock, toTextEdit, type DocumentEdit } from './yamlEdits';
import type { FixWorkspace } from './types';

/** The indexed resource whose document holds a file position (e.g. a diagnostic's start). */
export function resourceAt(workspace: FixWorkspace, uri: string, line: number): Resource | undefined {
  return workspace.index.resourcesOf(uri).find((resource) => {
    const placed = workspace.index.placement(resource);
    return !!placed && line >= placed.startLine && line < placed.startLine + placed.doc.lines.lineCount;
  });
}

/** The indexed resource of a kind with this namespace and name (as a diagnostic's fix data names it). */
export function resourceNamed(workspace: FixWorkspace, kind: Resource['facts']['kind'], namespace: unknown, name: unknown): Resource | undefined {
  return workspace.index.lookup(KEY.kind(kind)).find((candidate) => candidate.namespace === namespace && candidate.name === name);
}

/** An index view without dependency tracking, for quick fixes. */
export function plainView(workspace: FixWorkspace): IndexView {
  return { settings: workspace.settings, lookup: (key) => workspace.index.lookup(key) };
}

/** A WorkspaceEdit with one document edit inside a resource's document. */
export function editResource(index: WorkspaceIndex, resource: Resource, edit: DocumentEdit | undefined): WorkspaceEdit | undefined {
  const placed = index.placement(resource);
  if (!placed || !edit) return undefined;
  return { changes: { [resource.uri]: [toTextEdit(placed, edit)] } };
}

/** The mapping at `spec` of a resource's document. */
export function specOf(resource: Resource): Node | undefined {
  const root = resource.doc.yaml?.contents;
  const spec = isMap(root) ? root.get('spec', true) : undefined;
  return isMap(spec) ? (spec as Node) : undefined;
}

/** Appends `value` to the list at `spec.<key>`, creating the key when it is missing. */
export function appendToSpecList(resource: Resource, key: string, value: unknown): DocumentEdit | undefined {
  const spec = specOf(resource);
  if (!isMap(spec)) return undefined;
  const list = spec.get(key, true);
  if (isSeq(list)) return appendSequenceItem(resource.doc, list, value);
  if (list === undefined || list === null) return addMappingKey(resource.doc, spec, key, [value]);
  return undefined;
}

/** Inserts a new `---` document right after a resource's document. */
export function insertDocumentAfter(index: WorkspaceIndex, resource: Resource, value: unknown, leadingComment?: string): WorkspaceEdit | undefined {
  const placed = index.placement(resource);
  const file = index.fileOf(resource.uri);
  if (!placed || !file) return undefined;
  const endOffset = placed.doc.text.length;
  const needsBreak = endOffset > 0 && !/[\r\n]$/.test(placed.doc.text);
  const comment = leadingComment ? `# ${leadingComment}\n` : '';
  const text = `${needsBreak ? '\n' : ''}---\n${comment}${renderBlock(value, '')}\n`;
  const position = filePosition(placed, endOffset);
  const edit: TextEdit = { range: { start: position, end: position }, newText: text };
  return { changes: { [resource.uri]: [edit] } };
}
