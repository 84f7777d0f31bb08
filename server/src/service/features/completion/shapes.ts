// The text a key completion inserts: the key plus the shape of its value, as a snippet.
import type { FieldSchema, FieldType } from '../../schema/types';

export interface ShapeOptions {
  /** Spaces per indentation level in this document. */
  indentUnit: number;
  /** Column of the key being inserted. */
  column: number;
  snippets: boolean;
  /** Inside a flow mapping only a one-line `key: value` fits. */
  flow?: boolean;
}

/** Escapes text for use inside a snippet (outside placeholders). */
function escape(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

class Tabstops {
  private next = 1;
  constructor(private readonly snippets: boolean) {}
  plain(defaultText = ''): string {
    return this.snippets ? (defaultText ? `\${${this.next++}:${escape(defaultText)}}` : `\${${this.next++}}`) : defaultText;
  }
  choice(values: readonly string[]): string {
    if (!this.snippets) return '';
    return `\${${this.next++}|${values.map((value) => value.replace(/[\\,|]/g, '\\$&')).join(',')}|}`;
  }
}

export function keyInsertText(field: FieldSchema, options: ShapeOptions): string {
  const stops = new Tabstops(options.snippets);
  const name = options.snippets ? escape(field.name) : field.name;
  if (options.flow) {
    const type = field.type;
    if (type.kind === 'enum' || type.kind === 'boolean') return `${name}:${valueShape(type, options.column, options, stops, field.default, 0)}`;
    return `${name}: ${type.kind === 'list' ? `[${stops.plain()}]` : type.kind === 'message' || type.kind === 'map' ? `{${stops.plain()}}` : stops.plain()}`;
  }
  return `${name}:${valueShape(field.type, options.column, options, stops, field.default, 0)}`;
}

export function valueShape(type: FieldType, column: number, options: ShapeOptions, stops: Tabstops, defaultValue: string | undefined, depth: number): string {
  const childIndent = ' '.repeat(column + options.indentUnit);
  switch (type.kind) {
    case 'enum': {
      const values = type.enum.values.filter((value) => !value.deprecated).map((value) => value.value);
      const preferred = defaultValue && values.includes(defaultValue) ? [defaultValue, ...values.filter((v) => v !== defaultValue)] : values;
      return ` ${stops.choice(preferred)}`;
    }
    case 'boolean':
      return ` ${stops.choice(['true', 'false'])}`;
    case 'map':
      return `\n${childIndent}${stops.plain('key')}: ${stops.plain('value')}`;
    case 'message':
      return `\n${childIndent}${messageBody(type.message.fields, column + options.indentUnit, options, stops, depth)}`;
    case 'list':
      if (type.items.kind === 'message') {
        return `\n${childIndent}- ${messageBody(type.items.message.fields, column + options.indentUnit + 2, options, stops, depth)}`;
      }
      return `\n${childIndent}- ${stops.plain()}`;
    default:
      return ` ${stops.plain()}`;
  }
}

/** The required fields of a message, one per line, or a single tab stop when there are none. */
function messageBody(fields: readonly FieldSchema[], column: number, options: ShapeOptions, stops: Tabstops, depth: number): string {
  const required = depth < 2 ? fields.filter((field) => field.required && !field.hidden) : [];
  if (!required.length) return stops.plain();
  const indent = ' '.repeat(column);
  return required
    .map((field, index) => `${index ? indent : ''}${field.name}:${valueShape(field.type, column, options, stops, field.default, depth + 1)}`)
    .join('\n');
}

export { Tabstops };

/** The indentation step the document already uses, or 2. */
export function detectIndentUnit(text: string): number {
  const lines = text.split(/\r?\n/, 400);
  let previous = 0;
  let best = 0;
  for (const line of lines) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const indent = /^ */.exec(line)![0].length;
    const step = indent - previous;
    if (step > 0 && (best === 0 || step < best)) best = step;
    previous = indent;
  }
  return best >= 2 && best <= 8 ? best : 2;
}
