// Hover: the doc of the field under the cursor, of an enum value, or of the resource kind;
// on a value naming another resource, first what it resolves to and where.
import { isScalar } from 'yaml';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import { documentAtLine, filePosition, localOffset, type ParsedFile } from '../parse/parsedFile';
import { locate } from '../parse/yamlPath';
import { KINDS, resourceMessage, UNKNOWN_KIND_RESOURCE } from '../schema/kinds';
import { resolvePath } from '../schema/resolve';
import type { FieldType } from '../schema/types';
import { enumValueMarkdown, fieldMarkdown, kindMarkdown } from './docs';
import { describeReferenceAt } from './navigation/describe';
import type { ReferenceWorkspace } from './navigation/workspace';

/** Without a workspace, only the schema docs are shown. */
export function doHover(file: ParsedFile, position: Position, workspace?: ReferenceWorkspace): Hover | null {
  const docs = fieldHover(file, position);
  const reference = workspace && describeReferenceAt(workspace, file, position);
  if (!reference) return docs;
  const fieldDocs = docs && (docs.contents as MarkupContent).value;
  return { contents: { kind: 'markdown', value: fieldDocs ? `${reference.markdown}\n\n---\n\n${fieldDocs}` : reference.markdown }, range: reference.range };
}

function fieldHover(file: ParsedFile, position: Position): Hover | null {
  const placed = documentAtLine(file, position.line);
  if (!placed || !placed.doc.yaml || placed.doc.header.role !== 'istio') return null;
  const { doc } = placed;
  const offset = localOffset(placed, position);
  const location = locate(doc.yaml!.contents, offset);
  const target = location.keyNode ?? (isScalar(location.node) ? location.node : undefined);
  if (!target?.range || location.path.length === 0) return null;
  const range = { start: filePosition(placed, target.range[0]), end: filePosition(placed, target.range[1]) };
  const kind = doc.header.istioKind;
  const root = kind ? resourceMessage(kind) : UNKNOWN_KIND_RESOURCE;

  // `kind` describes the resource itself.
  if (location.path.length === 1 && location.path[0] === 'kind' && kind) {
    return { contents: { kind: 'markdown', value: kindMarkdown(KINDS[kind]) }, range };
  }
  const resolved = resolvePath(root, location.path);
  if (!resolved?.field) return null;
  if (!location.keyNode) {
    const value = isScalar(location.node) ? String(location.node.value) : undefined;
    const schema = enumOf(resolved.type);
    const entry = schema?.values.find((candidate) => (schema.caseInsensitive ? candidate.value.toLowerCase() === value?.toLowerCase() : candidate.value === value));
    if (schema && entry) return { contents: { kind: 'markdown', value: enumValueMarkdown(schema, entry, resolved.field) }, range };
  }
  return { contents: { kind: 'markdown', value: fieldMarkdown(resolved.owner, resolved.field) }, range };
}

function enumOf(type: FieldType) {
  return type.kind === 'enum' ? type.enum : type.kind === 'list' && type.items.kind === 'enum' ? type.items.enum : undefined;
}
