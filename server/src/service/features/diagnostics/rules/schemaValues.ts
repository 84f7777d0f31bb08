// Whether each value has the shape and type the model expects: collections, scalars,
// enum values, number ranges and list sizes.
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { EnumSchema, FieldSchema, FieldType } from '../../../schema/types';
import { listWords, suggest } from '../../../util/suggest';
import { formatPath, type SchemaVisitor, type WalkContext } from '../schemaWalk';

// Go's time.ParseDuration syntax, which the CRD's duration rule accepts: `1h30m`, `2.5s`, `100ms`.
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

export const schemaValues: SchemaVisitor = {
  value(node, type, field, at) {
    // apiVersion and kind at the top are the resource header's business.
    if (at.path.length === 1 && (at.path[0] === 'apiVersion' || at.path[0] === 'kind')) return;
    const name = describeField(field, at);
    switch (type.kind) {
      case 'message':
      case 'map':
        if (!isMap(node)) wrongShape(at, `${name} must be a mapping of \`key: value\` lines`);
        return;
      case 'list':
        if (!isSeq(node)) {
          const scalar = isScalar(node);
          at.report({
            ...at.valueSpan,
            code: 'IE121',
            message: `${name} must be a list${scalar ? `: write the value as a list item (\`- ${String((node as Scalar).source ?? (node as Scalar).value)}\`) or in brackets` : ' of `- ` items'}.`,
            data: scalar ? { fix: 'wrap-in-list' } : undefined,
          });
          return;
        }
        checkListSize(node.items.length, type, name, at);
        return;
      case 'any':
        return;
      default:
        if (!isScalar(node)) {
          wrongShape(at, `${name} must be a single value, not a ${isSeq(node) ? 'list' : 'mapping'}`);
          return;
        }
        checkScalar(node, type, field, name, at);
    }
  },
};

/** The value as the user wrote it, quotes included. */
function writtenText(node: Scalar, at: WalkContext): string {
  const [start, end] = node.range ?? [0, 0];
  return at.doc.text.slice(start, end) || String(node.value);
}

function describeField(field: FieldSchema | undefined, at: WalkContext): string {
  const last = at.path[at.path.length - 1];
  if (typeof last === 'number') return `Each item of \`${field?.name ?? formatPath(at.path.slice(0, -1))}\``;
  return `\`${formatPath(at.path)}\``;
}

function wrongShape(at: WalkContext, message: string): void {
  at.report({ ...at.valueSpan, code: 'IE121', message: `${message}.` });
}

function checkListSize(count: number, type: Extract<FieldType, { kind: 'list' }>, name: string, at: WalkContext): void {
  if (type.minItems !== undefined && count < type.minItems) {
    at.report({ ...at.anchor, code: 'IE124', message: `${name} needs at least ${type.minItems} item${type.minItems === 1 ? '' : 's'}.` });
  } else if (type.maxItems !== undefined && count > type.maxItems) {
    at.report({ ...at.anchor, code: 'IE124', message: `${name} allows at most ${type.maxItems} items; it has ${count}. Split it across several resources.` });
  }
}

function checkScalar(node: Scalar, type: FieldType, field: FieldSchema | undefined, name: string, at: WalkContext): void {
  const span = at.valueSpan;
  const value = node.value;
  const written = writtenText(node, at);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') {
        at.report({ ...span, code: 'IE121', message: `${name} must be a string, but \`${written}\` is read as a ${typeof value}. Quote it: "${written}".`, data: { fix: 'quote' } });
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        const fix = typeof value === 'string' && /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() : undefined;
        at.report({ ...span, code: 'IE121', message: `${name} must be \`true\` or \`false\`, not \`${written}\`.`, data: fix ? { fix: 'replace', candidates: [fix] } : undefined });
      }
      return;
    case 'integer':
    case 'number':
      checkNumber(node, type, name, at);
      return;
    case 'duration':
      if (typeof value === 'number') {
        at.report({ ...span, code: 'IE121', message: `${name} is a duration and needs a unit: write \`${value}s\` (or ms, m, h).`, data: { fix: 'replace', candidates: [`${value}s`, `${value}ms`] } });
      } else if (typeof value !== 'string' || !DURATION.test(value)) {
        at.report({ ...span, code: 'IE121', message: `${name} must be a duration such as \`5s\`, \`250ms\` or \`1m30s\`, not \`${written}\`.` });
      }
      return;
    case 'enum':
      checkEnum(node, type.enum, field, name, at);
      return;
    default:
      return;
  }
}

function checkNumber(node: Scalar, type: Extract<FieldType, { kind: 'integer' | 'number' }>, name: string, at: WalkContext): void {
  const span = at.valueSpan;
  const value = node.value;
  const written = writtenText(node, at);
  const noun = type.kind === 'integer' ? 'a whole number' : 'a number';
  if (typeof value !== 'number' || (type.kind === 'integer' && !Number.isInteger(value))) {
    const unquoted = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : undefined;
    const advice = unquoted ? ` Remove the quotes: \`${unquoted}\`.` : '';
    at.report({ ...span, code: 'IE121', message: `${name} must be ${noun}, not \`${written}\`.${advice}`, data: unquoted ? { fix: 'replace', candidates: [unquoted] } : undefined });
    return;
  }
  if ((type.min !== undefined && value < type.min) || (type.max !== undefined && value > type.max)) {
    const range = type.min !== undefined && type.max !== undefined ? `from ${type.min} to ${type.max}` : type.min !== undefined ? `of at least ${type.min}` : `of at most ${type.max}`;
    at.report({ ...span, code: 'IE124', message: `${name} is ${value}, out of range: use a value ${range}.` });
  }
}

function checkEnum(node: Scalar, schema: EnumSchema, field: FieldSchema | undefined, name: string, at: WalkContext): void {
  const span = at.valueSpan;
  const written = String(node.value);
  const allowed = schema.values.map((entry) => entry.value);
  const matches = schema.caseInsensitive
    ? allowed.some((value) => value.toLowerCase() === written.toLowerCase())
    : allowed.includes(written);
  if (matches && typeof node.value === 'string') return;
  const misuse = enumMisuseHint(written, field, at);
  const suggestions = suggest(written, allowed);
  const closest = suggestions.length ? ` Did you mean ${listWords(suggestions)}?` : '';
  const message = misuse
    ? `${misuse} Use one of ${listWords(allowed)}.`
    : `${name} is \`${written}\`, which is not allowed.${closest} Use one of ${listWords(allowed)}${schema.caseInsensitive ? ' (any case)' : ''}.`;
  // Without a close match (or for a sibling field's value) any allowed value is a guess: offer them all, prefer none.
  const guessed = !!misuse || !suggestions.length;
  at.report({ ...span, code: 'IE122', message, data: { fix: 'replace', candidates: guessed ? allowed : suggestions, preferred: !guessed } });
}

/** Recognises a value that belongs to a sibling field, like `resolution: MESH_EXTERNAL`. */
function enumMisuseHint(value: string, field: FieldSchema | undefined, at: WalkContext): string | undefined {
  if (!field || !at.owner) return undefined;
  const sibling = at.owner.fields.find(
    (candidate) => candidate !== field && candidate.type.kind === 'enum' && candidate.type.enum.values.some((entry) => entry.value === value),
  );
  return sibling ? `\`${value}\` is a value of \`${sibling.name}\`, not of \`${field.name}\`.` : undefined;
}
