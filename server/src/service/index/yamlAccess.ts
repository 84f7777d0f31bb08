// Small, forgiving readers over the YAML tree: they return nothing rather than throw when a
// document is half-written, and keep each value's span for diagnostics and navigation.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { keySpan, spanOf, type Span } from '../features/diagnostics/finding';
import { keyText } from '../parse/yamlPath';

export interface Spanned<T> {
  value: T;
  /** Local offsets of the value in its `---` document. */
  span: Span;
}

export class YamlReader {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
  ) {}

  /** Follows aliases to the node they name. */
  resolve(node: Node | null | undefined): Node | undefined {
    if (!node) return undefined;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      return target && !isAlias(target) ? target : undefined;
    }
    return node;
  }

  map(node: Node | null | undefined): YAMLMap | undefined {
    const resolved = this.resolve(node);
    return isMap(resolved) ? resolved : undefined;
  }

  /** The value under `key` in a mapping (one level). */
  child(node: Node | null | undefined, key: string): Node | undefined {
    const map = this.map(node);
    if (!map) return undefined;
    for (const pair of map.items as Pair[]) if (keyText(pair) === key) return this.resolve(pair.value as Node | null);
    return undefined;
  }

  /** The value at a dotted path of keys. */
  at(node: Node | null | undefined, ...keys: string[]): Node | undefined {
    let current = this.resolve(node);
    for (const key of keys) current = this.child(current, key);
    return current;
  }

  /** The key node under which `key` sits, for pointing at a field that is present. */
  keyOf(node: Node | null | undefined, key: string): Span | undefined {
    const map = this.map(node);
    const pair = map?.items.find((item) => keyText(item as Pair) === key) as Pair | undefined;
    return pair && isScalar(pair.key) ? keySpan(pair.key) : undefined;
  }

  items(node: Node | null | undefined): Node[] {
    const resolved = this.resolve(node);
    if (!isSeq(resolved)) return [];
    return resolved.items.map((item) => this.resolve(item as Node | null)).filter((item): item is Node => !!item);
  }

  string(node: Node | null | undefined): Spanned<string> | undefined {
    const resolved = this.resolve(node);
    if (!isScalar(resolved) || resolved.value === null || resolved.value === undefined || typeof resolved.value === 'object') return undefined;
    return { value: String(resolved.value), span: this.span(node, resolved) };
  }

  number(node: Node | null | undefined): Spanned<number> | undefined {
    const resolved = this.resolve(node);
    if (!isScalar(resolved) || typeof resolved.value !== 'number') return undefined;
    return { value: resolved.value, span: this.span(node, resolved) };
  }

  strings(node: Node | null | undefined): Spanned<string>[] {
    return this.items(node)
      .map((item) => this.string(item))
      .filter((item): item is Spanned<string> => !!item);
  }

  /** A string-to-string map such as labels. */
  labels(node: Node | null | undefined): Record<string, string> | undefined {
    const map = this.map(node);
    if (!map) return undefined;
    const labels: Record<string, string> = {};
    for (const pair of map.items as Pair[]) {
      const value = this.string(pair.value as Node | null);
      if (isScalar(pair.key) && value) labels[keyText(pair)] = value.value;
    }
    return labels;
  }

  /** Where a node is written: an alias is reported where the alias is, not at its anchor. */
  span(written: Node | null | undefined, resolved?: Node): Span {
    return spanOf(written ?? resolved, this.text) ?? spanOf(resolved, this.text) ?? { start: 0, end: 0 };
  }

  keys(node: Node | null | undefined): string[] {
    return (this.map(node)?.items ?? []).map((pair) => keyText(pair as Pair));
  }
}

export type { Scalar };
