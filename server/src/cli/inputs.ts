// Turns the inputs of `check` into the list of files to analyse. A folder is searched as the
// extension searches a workspace folder (node_modules, .git and the exclude globs skipped); a
// glob is expanded with tinyglobby; a file named explicitly is always taken. Our own config file
// (.istio-egress.yaml) is YAML but not configuration to check.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { excludeMatcher, isInSkippedFolder, isYamlPath, listYamlFiles, relativePath } from '../workspace/fileWalker';
import { CONFIG_NAMES } from './config';
import { describeFsError } from './errors';
import { displayPath } from './paths';

export interface Excludes {
  /** Globs relative to `base`, e.g. from the config file (relative to its folder). */
  groups: Array<{ base: string; patterns: string[] }>;
}

export interface CollectedInputs {
  /** Absolute paths, sorted, without duplicates. */
  paths: string[];
  stdin: boolean;
  /** Inputs that yielded nothing (a folder without YAML, a glob that matches nothing). */
  warnings: string[];
  /** Inputs that cannot be read. */
  errors: string[];
}

/** Whether an absolute path (a folder when it ends with `/`) is excluded. */
export function excludedBy(excludes: Excludes): (path: string) => boolean {
  const groups = excludes.groups.map(({ base, patterns }) => ({ base, matches: excludeMatcher(patterns) }));
  return (path) => {
    const folder = path.endsWith('/');
    if (!folder && CONFIG_NAMES.includes(basename(path))) return true;
    return groups.some(({ base, matches }) => {
      const relative = relativePath(base, path);
      return !relative.startsWith('../') && matches(folder ? `${relative}/` : relative);
    });
  };
}

async function expandGlob(pattern: string, cwd: string, excluded: (path: string) => boolean): Promise<string[]> {
  const found = await glob([pattern], { cwd, absolute: true, onlyFiles: true, dot: true, followSymbolicLinks: false, expandDirectories: false });
  return found.map((path) => resolve(path)).filter((path) => isYamlPath(path) && !isInSkippedFolder(relativePath(cwd, path)) && !excluded(path));
}

async function expandFolder(folder: string, excluded: (path: string) => boolean): Promise<string[]> {
  readdirSync(folder); // fails with a clear reason when the folder itself cannot be listed
  return listYamlFiles(folder, (relative) => excluded(`${join(folder, relative)}${relative.endsWith('/') ? '/' : ''}`));
}

export async function collectInputs(inputs: readonly string[], cwd: string, excludes: Excludes): Promise<CollectedInputs> {
  const excluded = excludedBy(excludes);
  const paths = new Set<string>();
  const result: CollectedInputs = { paths: [], stdin: false, warnings: [], errors: [] };
  for (const input of inputs) {
    if (input === '-') {
      result.stdin = true;
      continue;
    }
    const path = resolve(cwd, input);
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isDynamicPattern(input)) {
        const matched = await expandGlob(input, cwd, excluded);
        if (!matched.length) result.warnings.push(`${input}: the glob matches no YAML file.`);
        for (const file of matched) paths.add(file);
      } else {
        result.errors.push(`${input}: ${describeFsError(error)}.`);
      }
      continue;
    }
    if (!isFolder) {
      paths.add(path);
      continue;
    }
    try {
      const found = await expandFolder(path, excluded);
      if (!found.length) result.warnings.push(`${displayPath(cwd, path)}: no YAML file (*.yaml, *.yml) in this folder.`);
      for (const file of found) paths.add(file);
    } catch (error) {
      result.errors.push(`${input}: ${describeFsError(error)}.`);
    }
  }
  result.paths = [...paths].sort();
  return result;
}
