// Markdown for fields, enum values and kinds: shared by hover and completion.
import { enumValueUrl, fieldUrl } from '../schema/links';
import type { EnumSchema, EnumValue, FieldSchema, FieldType, KindSchema, MessageSchema } from '../schema/types';

export function typeLabel(type: FieldType): string {
  switch (type.kind) {
    case 'list':
      return `list of ${typeLabel(type.items)}`;
    case 'map':
      return `map of string to ${typeLabel(type.values)}`;
    case 'message':
      return type.message.name;
    case 'enum':
      return type.enum.caseInsensitive ? 'string (known values)' : 'enum';
    case 'integer':
      return type.min !== undefined && type.max !== undefined ? `integer ${type.min}–${type.max}` : 'integer';
    case 'any':
      return 'any';
    default:
      return type.kind;
  }
}

function enumOfType(type: FieldType): EnumSchema | undefined {
  if (type.kind === 'enum') return type.enum;
  if (type.kind === 'list') return enumOfType(type.items);
  return undefined;
}

export function fieldMarkdown(owner: MessageSchema | undefined, field: FieldSchema): string {
  const facts = [`\`${typeLabel(field.type)}\``];
  if (field.required) facts.push('required');
  if (field.default) facts.push(`default: ${field.default}`);
  const lines = [`**${field.name}** · ${facts.join(' · ')}`, ''];
  if (field.deprecated) lines.push(`**Deprecated:** ${field.deprecated}`, '');
  lines.push(field.doc);
  if (field.since) lines.push('', `_${field.since}_`);
  const values = enumOfType(field.type);
  if (values) {
    lines.push('', values.caseInsensitive ? 'Known values (any case):' : 'Values:');
    for (const value of values.values) lines.push(`- \`${value.value}\` — ${value.doc}${value.deprecated ? ' _(deprecated)_' : ''}`);
  }
  if (owner) lines.push('', `[Reference](${fieldUrl(owner, field)})`);
  return lines.join('\n');
}

export function enumValueMarkdown(schema: EnumSchema, value: EnumValue, field?: FieldSchema): string {
  const lines = [`**${value.value}**${field ? ` · value of \`${field.name}\`` : ''}`, '', value.doc];
  if (value.deprecated) lines.push('', `**Deprecated:** ${value.deprecated}`);
  if (field?.default === value.value) lines.push('', '_This is the default._');
  const url = enumValueUrl(schema, value.value);
  if (url) lines.push('', `[Reference](${url})`);
  return lines.join('\n');
}

export function kindMarkdown(kind: KindSchema): string {
  return [`**${kind.kind}** · networking.istio.io`, '', kind.doc, '', `[Reference](https://istio.io/latest/docs/reference/config/${kind.page}/)`].join('\n');
}
