// Lists the YAML files under a folder without following symbolic links (no loops) and without
// descending into folders that never hold configuration.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

export function isYamlPath(path: string): boolean {
  return YAML_FILE.test(path);
}

/** Whether a folder on the path is one that is never searched (`node_modules`, `.git`…). */
export function isInSkippedFolder(path: string): boolean {
  return path.split(/[\\/]/).slice(0, -1).some((segment) => ALWAYS_SKIPPED.has(segment));
}

/** Paths relative to `root` use `/`, as glob patterns do. */
export function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * Whether a path relative to the folder the globs are written for is excluded, e.g. by
 * `charts/**` or `**\/generated/*.yaml`. Folders are passed with a trailing `/`.
 */
export function excludeMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  const matchers = patterns
    .filter((pattern) => typeof pattern === 'string' && pattern.trim())
    .map((pattern) => picomatch(pattern.trim(), { dot: true }));
  return (path) => matchers.some((matches) => matches(path) || (path.endsWith('/') && matches(path.slice(0, -1))));
}

export async function listYamlFiles(root: string, excluded: (relativePath: string) => boolean): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      continue; // unreadable or vanished while listing: skip it
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !excluded(`${relativePath(root, path)}/`)) pending.push(path);
      } else if (entry.isFile() && isYamlPath(entry.name) && !excluded(relativePath(root, path))) {
        files.push(path);
      }
    }
  }
  return files.sort();
}
