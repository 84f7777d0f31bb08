// Where recent edits landed, per file and version, as reported by the editor. With it the
// parse cache finds the unchanged documents without comparing the file's text.
import type { ChangedRegion } from './incrementalSplit';

const KEEP = 64;

export class ChangeLog {
  private readonly entries = new Map<string, Array<{ version: number } & ChangedRegion>>();

  record(uri: string, version: number, change: ChangedRegion): void {
    const list = this.entries.get(uri) ?? [];
    list.push({ version, ...change });
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
    this.entries.set(uri, list);
  }

  /** The region changed between two versions, if every version in between was recorded. */
  between(uri: string, fromVersion: number, toVersion: number): ChangedRegion | undefined {
    const list = this.entries.get(uri);
    if (!list) return undefined;
    let prefix = Infinity;
    let suffix = Infinity;
    let expected = fromVersion + 1;
    for (const entry of list) {
      if (entry.version <= fromVersion || entry.version > toVersion) continue;
      if (entry.version !== expected) return undefined;
      prefix = Math.min(prefix, entry.prefix);
      suffix = Math.min(suffix, entry.suffix);
      expected++;
    }
    return expected === toVersion + 1 && expected > fromVersion + 1 ? { prefix, suffix } : undefined;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
