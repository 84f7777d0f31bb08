// Reading fields the way Go's protobuf structs see them: a string field is "set" when it is a
// non-empty string, a list when it has items, a message when it is a mapping (null is unset).
// Values of the wrong type are the schema checks' business; these readers skip them.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Spanned, YamlReader } from '../../../index/yamlAccess';

/** A string value as written (not a number or boolean the schema already complains about). */
export function stringField(read: YamlReader, owner: Node | undefined, key: string): Spanned<string> | undefined {
  const node = read.resolve(read.child(owner, key));
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return read.string(read.child(owner, key));
}

/** A number value as written. */
export function numberField(read: YamlReader, owner: Node | undefined, key: string): Spanned<number> | undefined {
  return read.number(read.child(owner, key));
}

/** Whether a string or list field counts as set for Istio. */
export function isSet(read: YamlReader, owner: Node | undefined, key: string): boolean {
  const node = read.resolve(read.child(owner, key));
  if (isSeq(node)) return node.items.length > 0;
  if (isMap(node)) return node.items.length > 0;
  if (isScalar(node)) return node.value !== null && node.value !== undefined && node.value !== '';
  return false;
}

/** The mapping under `key`, when it is one (a null or scalar value is not). */
export function mapField(read: YamlReader, owner: Node | undefined, key: string): Node | undefined {
  const node = read.child(owner, key);
  return read.map(node) ? node : undefined;
}

/** A boolean field that is literally `true`. */
export function isTrue(read: YamlReader, owner: Node | undefined, key: string): boolean {
  const node = read.resolve(read.child(owner, key));
  return isScalar(node) && node.value === true;
}
