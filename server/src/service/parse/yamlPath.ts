// Where an offset falls in the YAML tree: the key/index path and the node there.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

export type PathSegment = string | number;

export interface NodeLocation {
  /** Path from the document root to the node (for a key: including that key). */
  path: PathSegment[];
  /** The value node at `path` (undefined for a key without a value). */
  node: Node | null | undefined;
  /** Set when the offset is on a mapping key. */
  keyNode?: Scalar;
  /** The mapping that holds the key or value at `path`, when there is one. */
  parentMap?: YAMLMap;
}

/** The key of a pair as text: '' for an empty key, `<<` for a merge key. */
export function keyText(pair: Pair): string {
  if (!isScalar(pair.key)) return '?';
  const value = pair.key.value;
  if (value === null || value === undefined) return '';
  return typeof value === 'symbol' ? MERGE_KEY : String(value);
}

export const MERGE_KEY = '<<';

/** Every node below `root`, without recursion (documents can be nested thousands deep). */
export function* allNodes(root: Node | null | undefined): Generator<Node> {
  const stack: Array<Node | null | undefined> = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node) continue;
    yield node;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) stack.push(pair.value as Node | null, pair.key as Node | null);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] as Node | null);
    }
  }
}

/** Iterative on purpose: documents can be nested thousands deep. */
export function locate(root: Node | null | undefined, offset: number): NodeLocation {
  const path: PathSegment[] = [];
  let node: Node | null | undefined = root;
  let parentMap: YAMLMap | undefined;
  for (;;) {
    if (isMap(node)) {
      const map: YAMLMap = node;
      let next: Node | null | undefined;
      let found = false;
      for (const pair of map.items as Pair[]) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range && key.range[0] <= offset && offset <= key.range[1]) {
          return { path: [...path, keyText(pair)], node: pair.value as Node | null, keyNode: key, parentMap: map };
        }
        const value = pair.value as Node | null;
        if (value && value.range && value.range[0] <= offset && offset <= value.range[1]) {
          path.push(keyText(pair));
          next = value;
          found = true;
          break;
        }
      }
      if (!found) return { path, node, parentMap };
      parentMap = map;
      node = next;
      continue;
    }
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as Node | null)?.range;
        return !!range && range[0] <= offset && offset <= range[1];
      });
      if (index < 0) return { path, node, parentMap };
      path.push(index);
      parentMap = undefined;
      node = node.items[index] as Node;
      continue;
    }
    return { path, node, parentMap };
  }
}

/** The node at a key/index path, without creating anything. */
export function nodeAtPath(root: Node | null | undefined, path: readonly PathSegment[]): Node | null | undefined {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[segment] as Node | undefined;
    } else {
      if (!isMap(node)) return undefined;
      node = node.get(segment, true) as Node | undefined;
    }
  }
  return node;
}
