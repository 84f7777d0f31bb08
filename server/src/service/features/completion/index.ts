// Completion of Istio keys and values at the cursor.
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { documentAtLine, filePosition, localOffset, type ParsedFile, type PlacedDocument } from '../../parse/parsedFile';
import { KINDS, KIND_NAMES, resourceMessage, UNKNOWN_KIND_RESOURCE } from '../../schema/kinds';
import { resolvePath } from '../../schema/resolve';
import type { FieldSchema, FieldType, MessageSchema } from '../../schema/types';
import { enumValueMarkdown, fieldMarkdown, kindMarkdown, typeLabel } from '../docs';
import type { ReferenceWorkspace } from '../navigation/workspace';
import { cursorContext, isEmptyDocument, type CursorContext } from './cursorContext';
import { referenceCompletions } from './references';
import { detectIndentUnit, keyInsertText } from './shapes';
import { resourceSkeletons } from './skeletons';

export interface CompletionOptions {
  snippets: boolean;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

/** Without a workspace, only what the schema knows is offered (no values naming other resources). */
export function doComplete(file: ParsedFile, position: Position, options: CompletionOptions, workspace?: ReferenceWorkspace): CompletionList {
  const placed = documentAtLine(file, position.line);
  if (!placed || file.skipped) return EMPTY;
  const { doc } = placed;
  const role = doc.header.role;
  if (role === 'other') return EMPTY;
  const offset = localOffset(placed, position);
  const context = cursorContext(doc, offset);
  if (!context) return EMPTY;
  const range: Range = { start: filePosition(placed, context.replaceStart), end: filePosition(placed, context.replaceEnd) };
  const references = workspace ? referenceCompletions(placed, context, range, workspace) : { items: [], incomplete: false };
  const root = rootMessage(placed);
  const resolved = resolvePath(root, context.path);
  if (!resolved) return { isIncomplete: references.incomplete, items: references.items };
  const items: CompletionItem[] = [...references.items];
  if (context.mode === 'key' && resolved.type.kind === 'message') {
    const indentUnit = detectIndentUnit(doc.text);
    items.push(...keyItems(resolved.type.message, context, range, { ...options, indentUnit }));
    if (context.path.length === 0 && !context.flow && isEmptyDocument(doc)) items.push(...resourceSkeletons(range, options.snippets, indentUnit));
  } else if (context.mode === 'key' && typeof context.path[context.path.length - 1] === 'number') {
    // `- ` in a list of plain values: the item is a value, not a key.
    items.push(...valueItems(resolved.type, resolved.field, range, context));
  } else if (context.mode !== 'key') {
    const type = context.mode === 'item' && resolved.type.kind === 'list' ? resolved.type.items : resolved.type;
    items.push(...valueItems(type, resolved.field, range, context));
  }
  return { isIncomplete: references.incomplete, items };
}

function rootMessage(placed: PlacedDocument): MessageSchema {
  const kind = placed.doc.header.istioKind;
  return kind && KINDS[kind] ? resourceMessage(kind) : UNKNOWN_KIND_RESOURCE;
}

function keyItems(message: MessageSchema, context: CursorContext, range: Range, options: CompletionOptions & { indentUnit: number }): CompletionItem[] {
  return message.fields
    .filter((field) => !field.hidden && !context.siblings.has(field.name))
    .map((field) => ({
      label: field.name,
      kind: field.type.kind === 'message' || field.type.kind === 'list' ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: `${typeLabel(field.type)}${field.required ? ' · required' : ''}`,
      documentation: { kind: 'markdown', value: fieldMarkdown(message, field) },
      sortText: `${field.required ? '0' : field.deprecated ? '2' : '1'}${field.name}`,
      filterText: field.name,
      textEdit: { range, newText: keyInsertText(field, { indentUnit: options.indentUnit, column: context.column, snippets: options.snippets, flow: context.flow }) },
      insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.asIs,
      ...(field.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    }));
}

function valueItems(type: FieldType, field: FieldSchema | undefined, range: Range, context: CursorContext): CompletionItem[] {
  const lead = context.needsSpace ? ' ' : '';
  if (type.kind === 'enum') {
    const schema = type.enum;
    return schema.values.map((value, index) => ({
      label: value.value,
      kind: CompletionItemKind.EnumMember,
      detail: field?.default === value.value ? 'default' : undefined,
      documentation: { kind: 'markdown', value: field && KIND_NAMES.includes(value.value as never) && field.name === 'kind' ? kindMarkdown(KINDS[value.value as keyof typeof KINDS]) : enumValueMarkdown(schema, value, field) },
      sortText: `${value.deprecated ? 1 : 0}${String(index).padStart(3, '0')}`,
      filterText: value.value,
      textEdit: { range, newText: lead + value.value },
      ...(value.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    }));
  }
  if (type.kind === 'boolean') {
    return ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value, textEdit: { range, newText: lead + value } }));
  }
  return [];
}
