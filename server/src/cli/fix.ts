// What --fix writes and what --fix-dry-run shows instead.
import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { Checked } from './analyse';
import { describeFsError } from './errors';

const BOM = '\uFEFF';

export function changedFiles(files: readonly Checked[]): Checked[] {
  return files.filter((file) => file.text !== file.source.text);
}

/** Writes each fixed file back, with its byte order mark if it had one; returns the failures. */
export function writeFixes(files: readonly Checked[]): string[] {
  const errors: string[] = [];
  for (const file of changedFiles(files)) {
    if (!file.source.path || file.source.stdin) continue;
    try {
      writeFileSync(file.source.path, (file.source.bom ? BOM : '') + file.text);
    } catch (error) {
      errors.push(`${file.source.display}: cannot write the fixes: ${describeFsError(error)}.`);
    }
  }
  return errors;
}

/** A unified diff (as `git diff` prints it) of every file the fixes would change. */
export function fixesDiff(files: readonly Checked[]): string {
  return changedFiles(files)
    .map((file) => createTwoFilesPatch(`a/${file.source.display}`, `b/${file.source.display}`, file.source.text, file.text, undefined, undefined, { context: 3 }))
    .map((patch) => patch.replace(/^=+\n/, ''))
    .join('');
}

/** `IE120 ×2, IE111` */
export function describeFixed(fixed: Record<string, number>): string {
  return Object.entries(fixed)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => (count > 1 ? `${code} ×${count}` : code))
    .join(', ');
}
