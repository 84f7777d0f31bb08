// Small questions about the YAML tree that the VirtualService and DestinationRule rules share.
// They answer the way Istio's Go structs see the document: a key written without a value is
// absent, an empty list is absent, and an empty mapping (`{}`) is present.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { YamlReader } from '../../../index/yamlAccess';
import type { PathSegment } from '../../../parse/yamlPath';
import type { Span } from '../finding';

/** The key has a value Istio would see: a non-null scalar, a mapping, or a non-empty list. */
export function isSet(read: YamlReader, owner: Node | undefined, key: string): boolean {
  const node = read.child(owner, key);
  if (!node) return false;
  if (isScalar(node)) return node.value !== null && node.value !== undefined;
  if (isSeq(node)) return node.items.length > 0;
  return true;
}

/** A string field that is set and not empty (Go treats `""` as unset). */
export function textOf(read: YamlReader, owner: Node | undefined, key: string): { value: string; span: Span } | undefined {
  const found = read.string(read.child(owner, key));
  return found && found.value !== '' ? found : undefined;
}

/** Where to point at a field: its key when written, else the owner's first line. */
export function fieldSpan(read: YamlReader, owner: Node | undefined, key: string): Span {
  return read.keyOf(owner, key) ?? read.span(owner);
}

/** The boolean value of a field, or undefined when it is not a boolean. */
export function booleanOf(read: YamlReader, owner: Node | undefined, key: string): boolean | undefined {
  const node = read.child(owner, key);
  return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}

/** The mappings of a list field, with their index (other items are skipped). */
export function mapItems(read: YamlReader, owner: Node | undefined, key: string): Array<{ node: Node; index: number }> {
  const list = read.child(owner, key);
  if (!isSeq(list)) return [];
  const out: Array<{ node: Node; index: number }> = [];
  list.items.forEach((item, index) => {
    const resolved = read.resolve(item as Node | null);
    if (isMap(resolved)) out.push({ node: resolved, index });
  });
  return out;
}

/** `spec.http[2].route` as text, for messages. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** A replacement written with the quotes of the text it replaces, so a fix keeps the user's style. */
export function quotedLike(text: string, span: Span, value: string): string {
  const first = text[span.start];
  if (first === '"') return JSON.stringify(value);
  if (first === "'") return `'${value.replace(/'/g, "''")}'`;
  return value;
}
