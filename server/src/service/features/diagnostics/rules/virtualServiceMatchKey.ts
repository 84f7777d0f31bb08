// A canonical text for a match clause, so that two clauses that mean the same are equal:
// Istio compares matches by their JSON, in which unset and zero values vanish, map keys are
// sorted, and (for HTTP) the clause's `name` is left out.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { YamlReader } from '../../../index/yamlAccess';
import { keyText } from '../../../parse/yamlPath';

/** The canonical text of a match clause, without the top-level keys in `omit`. */
export function matchKey(read: YamlReader, match: Node | undefined, omit: readonly string[] = []): string {
  const resolved = read.resolve(match);
  if (!isMap(resolved)) return canonical(read, resolved) ?? 'null';
  return mapText(read, resolved.items as Pair[], omit) ?? '{}';
}

function canonical(read: YamlReader, node: Node | null | undefined): string | undefined {
  const resolved = read.resolve(node);
  if (!resolved) return undefined;
  if (isMap(resolved)) return mapText(read, resolved.items as Pair[], []);
  if (isSeq(resolved)) {
    if (!resolved.items.length) return undefined;
    return `[${resolved.items.map((item) => canonical(read, item as Node | null) ?? 'null').join(',')}]`;
  }
  if (!isScalar(resolved)) return undefined;
  const value = resolved.value;
  if (value === null || value === undefined || value === false || value === 0 || value === '') return undefined;
  return JSON.stringify(value);
}

function mapText(read: YamlReader, pairs: Pair[], omit: readonly string[]): string | undefined {
  const entries: Array<[string, string]> = [];
  for (const pair of pairs) {
    const key = keyText(pair);
    if (omit.includes(key)) continue;
    const value = canonical(read, pair.value as Node | null);
    if (value !== undefined) entries.push([key, value]);
  }
  if (!entries.length) return undefined;
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}
