// Which keys a message may hold: unknown fields, required ones, exclusive groups, deprecations.
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { keyText, MERGE_KEY } from '../../../parse/yamlPath';
import { findField } from '../../../schema/resolve';
import type { FieldSchema, MessageSchema } from '../../../schema/types';
import { listWords, suggest } from '../../../util/suggest';
import { keySpan } from '../finding';
import { formatPath, type SchemaVisitor, type WalkContext } from '../schemaWalk';

export const schemaFields: SchemaVisitor = {
  message(map, message, at) {
    const present = new Map<string, Pair>();
    for (const pair of map.items as Pair[]) {
      if (!isScalar(pair.key)) continue;
      const name = keyText(pair);
      if (name === MERGE_KEY) {
        for (const merged of mergedPairs(pair, at)) if (!present.has(keyText(merged))) present.set(keyText(merged), merged);
        continue;
      }
      present.set(name, pair);
      const field = findField(message, name);
      if (!field) {
        if (!message.openKeys) reportUnknown(pair, name, message, at);
      } else if (field.deprecated) {
        at.report({
          ...keySpan(pair.key),
          code: 'IE125',
          message: `\`${name}\` is deprecated: ${field.deprecated}`,
          deprecated: true,
        });
      }
    }
    checkRequired(message, present, at);
    checkExclusive(message, present, at);
  },
};

function hasValue(pair: Pair | undefined): boolean {
  const value = pair?.value as Node | null | undefined;
  return !!value && !(isScalar(value) && value.value === null);
}

/** The pairs a `<<: *anchor` (or `<<: [*a, *b]`) merge key brings in. */
function mergedPairs(pair: Pair, at: WalkContext): Pair[] {
  const value = pair.value as Node | null;
  const sources = isSeq(value) ? (value.items as Node[]) : [value];
  return sources.flatMap((source) => {
    const target = isAlias(source) && at.doc.yaml ? source.resolve(at.doc.yaml) : source;
    return isMap(target) ? (target.items as Pair[]) : [];
  });
}

function reportUnknown(pair: Pair, name: string, message: MessageSchema, at: WalkContext): void {
  if (name === '') {
    at.report({ ...at.anchor, code: 'IE120', message: `A key is missing in ${formatPath(at.path)}: write the field name before the colon.` });
    return;
  }
  const visible = message.fields.filter((field) => !field.hidden).map((field) => field.name);
  const where = `in ${formatPath(at.path)} (${message.name})`;
  const misplaced = misplacedHint(name, message, at);
  const suggestions = suggest(name, visible);
  let advice: string;
  if (misplaced) advice = misplaced;
  else if (suggestions.length) advice = `Did you mean ${listWords(suggestions)}?`;
  else if (visible.length <= 12) advice = `Valid fields here: ${listWords(visible)}.`;
  else advice = 'Kubernetes rejects unknown fields; use completion to see the valid ones.';
  at.report({
    ...keySpan(pair.key as never),
    code: 'IE120',
    message: `Unknown field \`${name}\` ${where}. ${advice}`,
    data: suggestions.length && !misplaced ? { fix: 'replace', candidates: suggestions } : undefined,
  });
}

/** Keys written one level off: spec fields at the top, metadata fields inside spec. */
function misplacedHint(name: string, message: MessageSchema, at: WalkContext): string | undefined {
  if (at.path.length === 0) {
    const spec = findField(message, 'spec');
    if (spec?.type.kind === 'message' && findField(spec.type.message, name)) return `\`${name}\` belongs under \`spec\`; indent it there.`;
  }
  if (at.path.length === 1 && at.path[0] === 'spec' && (name === 'name' || name === 'namespace' || name === 'labels' || name === 'annotations')) {
    return `\`${name}\` belongs under \`metadata\`, not \`spec\`.`;
  }
  return undefined;
}

function checkRequired(message: MessageSchema, present: Map<string, Pair>, at: WalkContext): void {
  for (const field of message.fields) {
    if (!field.required) continue;
    const pair = present.get(field.name);
    if (hasValue(pair)) continue;
    const span = pair && isScalar(pair.key) ? keySpan(pair.key) : at.anchor;
    const where = at.path.length ? `\`${formatPath(at.path)}\`` : 'This resource';
    const verb = pair ? `has no value for the required field \`${field.name}\`` : `is missing the required field \`${field.name}\``;
    at.report({ ...span, code: 'IE123', message: `${where} ${verb}. Add ${example(field)}.` });
  }
}

function example(field: FieldSchema): string {
  switch (field.type.kind) {
    case 'list':
      return `\`${field.name}:\` with at least one item`;
    case 'message':
    case 'map':
      return `a \`${field.name}:\` block`;
    case 'enum':
      return `\`${field.name}: ${field.type.enum.values[0].value}\` (or another allowed value)`;
    default:
      return `\`${field.name}: …\``;
  }
}

function checkExclusive(message: MessageSchema, present: Map<string, Pair>, at: WalkContext): void {
  const seen = new Map<string, string>();
  for (const field of message.fields) {
    if (!field.oneOf || !hasValue(present.get(field.name))) continue;
    const first = seen.get(field.oneOf);
    if (first === undefined) {
      seen.set(field.oneOf, field.name);
      continue;
    }
    const pair = present.get(field.name)!;
    at.report({
      ...keySpan(pair.key as never),
      code: 'IE126',
      message: `\`${field.name}\` cannot be set together with \`${first}\`; Istio accepts only one of them. Remove one.`,
    });
  }
  if (message.requireOneOf) {
    const group = message.fields.filter((field) => field.oneOf === message.requireOneOf);
    if (!group.some((field) => hasValue(present.get(field.name)))) {
      at.report({
        ...at.anchor,
        code: 'IE127',
        message: `\`${formatPath(at.path)}\` needs one of ${listWords(group.map((field) => field.name))}. Add one.`,
      });
    }
  }
}
