// Walks a document's YAML tree alongside the Istio model and hands each value to the visitors.
// Recursion follows the model, so its depth is bounded by the schema, not by the input.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import { keyText, type PathSegment } from '../../parse/yamlPath';
import { findField } from '../../schema/resolve';
import type { FieldSchema, FieldType, MessageSchema } from '../../schema/types';
import { keySpan, spanOf, type Report, type Span } from './finding';

export interface WalkContext {
  doc: ParsedDocument;
  path: PathSegment[];
  /** Where to report problems about the whole value: its key, or the first line of a list item. */
  anchor: Span;
  /** Where the value itself is written (for an alias: the alias, not its anchor). */
  valueSpan: Span;
  /** The message that declares the field being visited. */
  owner?: MessageSchema;
  report: Report;
}

export interface SchemaVisitor {
  /** Called for every mapping that holds a message, before its fields are visited. */
  message?(map: YAMLMap, message: MessageSchema, at: WalkContext): void;
  /** Called for every non-null value with the type the model expects there. */
  value?(node: Node, type: FieldType, field: FieldSchema | undefined, at: WalkContext): void;
}

export function walkSchema(doc: ParsedDocument, root: MessageSchema, visitors: SchemaVisitor[], report: Report): void {
  const contents = doc.yaml?.contents as Node | null | undefined;
  if (!contents) return;
  const visit = (
    node: Node | null | undefined,
    type: FieldType,
    field: FieldSchema | undefined,
    path: PathSegment[],
    anchor: Span,
    owner?: MessageSchema,
  ): void => {
    if (!node) return;
    const valueSpan = spanOf(node, doc.text) ?? anchor;
    if (isAlias(node)) {
      // An alias to a scalar is checked as that scalar; aliased collections are checked where they are written.
      const target = doc.yaml ? node.resolve(doc.yaml) : undefined;
      if (!isScalar(target)) return;
      node = target;
    }
    if (isScalar(node) && node.value === null) return;
    const at: WalkContext = { doc, path, anchor, valueSpan, owner, report };
    for (const visitor of visitors) visitor.value?.(node, type, field, at);
    if (type.kind === 'message' && isMap(node)) {
      for (const visitor of visitors) visitor.message?.(node, type.message, at);
      for (const pair of node.items as Pair[]) {
        const child = isScalar(pair.key) ? findField(type.message, keyText(pair)) : undefined;
        if (child) visit(pair.value as Node | null, child.type, child, [...path, child.name], keySpan(pair.key as never), type.message);
      }
    } else if (type.kind === 'list' && isSeq(node)) {
      node.items.forEach((item, index) => {
        const itemNode = item as Node | null;
        const span = spanOf(itemNode, doc.text) ?? anchor;
        visit(itemNode, type.items, field, [...path, index], span, owner);
      });
    } else if (type.kind === 'map' && isMap(node)) {
      for (const pair of node.items as Pair[]) {
        if (isScalar(pair.key)) visit(pair.value as Node | null, type.values, field, [...path, keyText(pair)], keySpan(pair.key), owner);
      }
    }
  };
  const rootSpan = rootAnchor(doc) ?? spanOf(contents, doc.text) ?? { start: 0, end: 1 };
  visit(contents, { kind: 'message', message: root }, undefined, [], rootSpan);
}

/** A readable location such as `spec.ports[0]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out || 'the document root';
}

/** Problems with the resource as a whole are shown on its kind (or its first key). */
function rootAnchor(doc: ParsedDocument): Span | undefined {
  const kind = doc.header.kindNode;
  if (kind) return keySpan(kind);
  const contents = doc.yaml?.contents;
  const first = isMap(contents) ? (contents.items[0] as Pair | undefined)?.key : undefined;
  return isScalar(first) ? keySpan(first) : undefined;
}
