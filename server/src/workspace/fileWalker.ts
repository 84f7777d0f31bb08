// Lists the YAML files under a folder without following symbolic links (no loops) and without
// descending into folders that never hold configuration.
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

export function isYamlPath(path: string): boolean {
  return YAML_FILE.test(path);
}

/** Paths relative to `root` use `/`, as glob patterns do. */
export function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
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
