// Walks the model along a YAML path.
import type { PathSegment } from '../parse/yamlPath';
import type { FieldSchema, FieldType, MessageSchema } from './types';

export interface ResolvedType {
  type: FieldType;
  /** The field the path ends in (for list items and map values: the list or map field). */
  field?: FieldSchema;
  /** The message that declares `field`. */
  owner?: MessageSchema;
}

export function findField(message: MessageSchema, name: string): FieldSchema | undefined {
  return message.fields.find((field) => field.name === name);
}

export function resolvePath(root: MessageSchema, path: readonly PathSegment[]): ResolvedType | undefined {
  let resolved: ResolvedType = { type: { kind: 'message', message: root } };
  for (const segment of path) {
    const { type } = resolved;
    if (type.kind === 'any') return resolved;
    if (type.kind === 'message' && typeof segment === 'string') {
      const field = findField(type.message, segment);
      if (!field) return undefined;
      resolved = { type: field.type, field, owner: type.message };
    } else if (type.kind === 'list' && typeof segment === 'number') {
      resolved = { ...resolved, type: type.items };
    } else if (type.kind === 'map' && typeof segment === 'string') {
      resolved = { ...resolved, type: type.values };
    } else {
      return undefined;
    }
  }
  return resolved;
}

/** The message a value of this type holds, looking through lists. */
export function messageOf(type: FieldType | undefined): MessageSchema | undefined {
  if (!type) return undefined;
  if (type.kind === 'message') return type.message;
  if (type.kind === 'list') return messageOf(type.items);
  return undefined;
}
