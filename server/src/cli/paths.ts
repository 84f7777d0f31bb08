// Paths as the CLI shows them and the URIs the language service knows files by.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { relativePath } from '../workspace/fileWalker';

/** The URI standard input is analysed under when no --stdin-filename names it. */
export const STDIN_URI = 'stdin:/stdin.yaml';
export const STDIN_DISPLAY = '<stdin>';

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

/** The nearest folder at or above `start` holding `.git`; undefined outside a repository. */
export function findGitRoot(start: string): string | undefined {
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

/** How a file is named in the output: relative to the working directory, with `/`. */
export function displayPath(cwd: string, path: string): string {
  return relativePath(cwd, path) || '.';
}

/** `path` relative to `root` as a URI reference (segments percent-encoded), or undefined when outside it. */
export function uriBelow(root: string, path: string): string | undefined {
  const relative = relativePath(root, path);
  if (!relative || relative.startsWith('../') || relative === '..' || /^[a-zA-Z]:/.test(relative)) return undefined;
  return relative.split('/').map(encodeURIComponent).join('/');
}
