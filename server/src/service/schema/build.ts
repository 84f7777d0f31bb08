// Small constructors that keep the model files readable.
import type { EnumSchema, FieldSchema, FieldType, MessageSchema, StringFormat } from './types';

export const string = (format?: StringFormat, examples?: readonly string[]): FieldType => ({ kind: 'string', format, examples });
export const integer = (min?: number, max?: number): FieldType => ({ kind: 'integer', min, max });
export const number = (min?: number, max?: number): FieldType => ({ kind: 'number', min, max });
export const boolean: FieldType = { kind: 'boolean' };
export const duration: FieldType = { kind: 'duration' };
export const any: FieldType = { kind: 'any' };
export const enumOf = (schema: EnumSchema): FieldType => ({ kind: 'enum', enum: schema });
export const listOf = (items: FieldType, limits: { minItems?: number; maxItems?: number } = {}): FieldType => ({
  kind: 'list',
  items,
  ...limits,
});
export const mapOf = (values: FieldType): FieldType => ({ kind: 'map', values });
export const messageOf = (message: MessageSchema): FieldType => ({ kind: 'message', message });

/** A TCP/UDP port number as Istio validates it. */
export const portNumber: FieldType = integer(1, 65535);
/** Kubernetes-style string labels. */
export const labelMap: FieldType = mapOf(string());

export function field(name: string, type: FieldType, doc: string, options: Omit<FieldSchema, 'name' | 'type' | 'doc'> = {}): FieldSchema {
  return { name, type, doc, ...options };
}

/** The values an enum allows, for checks outside the schema walk that must not restate them. */
export function enumValues(schema: EnumSchema): ReadonlySet<string> {
  return new Set(schema.values.map((entry) => entry.value));
}
