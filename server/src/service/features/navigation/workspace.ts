// What navigation, reference completion and reference hover read: the workspace index and the
// settings it was built with. Every answer is computed from these, never from disk.
import type { IndexView } from '../../index/queries';
import type { Resource, WorkspaceIndex } from '../../index/workspaceIndex';
import type { ParsedDocument } from '../../parse/parsedDocument';
import type { ServiceSettings } from '../../settings';

export interface ReferenceWorkspace {
  readonly index: WorkspaceIndex;
  readonly settings: ServiceSettings;
}

/** Lookups without dependency tracking: editor requests cache nothing. */
export function viewOf(workspace: ReferenceWorkspace): IndexView {
  return { settings: workspace.settings, lookup: (key) => workspace.index.lookup(key) };
}

/** The indexed resource of one `---` document of a file. */
export function resourceOf(workspace: ReferenceWorkspace, uri: string, doc: ParsedDocument): Resource | undefined {
  return workspace.index.resourcesOf(uri).find((resource) => resource.doc === doc);
}

interface Remembered {
  settings: ServiceSettings;
  /** Every key the computation looked up, with its version then. */
  reads: Array<[string, number]>;
  value: unknown;
}

/** Answers kept per index; few are asked for at a time (one per namespace or host being edited). */
const remembered = new WeakMap<WorkspaceIndex, Map<string, Remembered>>();
const REMEMBERED_PER_INDEX = 64;

/**
 * A workspace query answered once and reused until a key it looked up changes (a resource of
 * the kind or host it read came, went or changed) or the settings change. Completion uses it
 * for the candidates drawn from thousands of resources: typing elsewhere does not touch them.
 * The answer is shared: callers must not change it.
 */
export function rememberQuery<T>(workspace: ReferenceWorkspace, name: string, compute: (view: IndexView) => T): T {
  const { index, settings } = workspace;
  let answers = remembered.get(index);
  if (!answers) remembered.set(index, (answers = new Map()));
  const known = answers.get(name);
  if (known && known.settings === settings && known.reads.every(([key, version]) => index.keyVersion(key) === version)) return known.value as T;
  const reads = new Map<string, number>();
  const value = compute({
    settings,
    lookup: (key) => {
      reads.set(key, index.keyVersion(key));
      return index.lookup(key);
    },
  });
  answers.delete(name);
  answers.set(name, { settings, reads: [...reads], value });
  // Maps keep insertion order: the first entry is the oldest answer.
  if (answers.size > REMEMBERED_PER_INDEX) answers.delete(answers.keys().next().value as string);
  return value;
}
