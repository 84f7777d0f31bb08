// The Istio model is data: check that it is complete and consistent enough for every feature.
import { strict as assert } from 'node:assert';
import { KINDS, KIND_NAMES, resourceMessage } from '../../../server/src/service/schema/kinds';
import { fieldUrl } from '../../../server/src/service/schema/links';
import type { FieldType, MessageSchema } from '../../../server/src/service/schema/types';

function allMessages(): MessageSchema[] {
  const seen = new Set<MessageSchema>();
  const visit = (type: FieldType) => {
    if (type.kind === 'message') walk(type.message);
    else if (type.kind === 'list') visit(type.items);
    else if (type.kind === 'map') visit(type.values);
  };
  const walk = (message: MessageSchema) => {
    if (seen.has(message)) return;
    seen.add(message);
    for (const field of message.fields) visit(field.type);
  };
  for (const kind of KIND_NAMES) walk(resourceMessage(kind));
  return [...seen];
}

describe('Istio API model', () => {
  const messages = allMessages();

  it('covers the five kinds with a sizeable field set', () => {
    const fields = messages.reduce((sum, message) => sum + message.fields.length, 0);
    assert.deepEqual(KIND_NAMES, ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'Sidecar']);
    assert.ok(messages.length > 60, `${messages.length} messages`);
    assert.ok(fields > 300, `${fields} fields`);
  });

  it('documents every kind, field and enum value', () => {
    const missing: string[] = [];
    for (const kind of KIND_NAMES) if (KINDS[kind].doc.length < 80) missing.push(kind);
    for (const message of messages) {
      if (!message.doc.trim()) missing.push(message.name);
      for (const field of message.fields) {
        if (field.doc.trim().length < 20) missing.push(`${message.name}.${field.name}`);
        const type = field.type.kind === 'list' ? field.type.items : field.type;
        if (type.kind === 'enum') for (const value of type.enum.values) if (value.doc.trim().length < 10) missing.push(`${type.enum.name}.${value.value}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has unique camelCase field names per message and sane oneOf groups', () => {
    const problems: string[] = [];
    for (const message of messages) {
      const names = message.fields.map((field) => field.name);
      if (new Set(names).size !== names.length) problems.push(`${message.name}: duplicate field`);
      for (const name of names) if (!/^[a-z][A-Za-z0-9_]*$/.test(name)) problems.push(`${message.name}.${name}`);
      const groups = new Map<string, number>();
      for (const field of message.fields) if (field.oneOf) groups.set(field.oneOf, (groups.get(field.oneOf) ?? 0) + 1);
      for (const [group, count] of groups) if (count < 2 && message.requireOneOf !== group) problems.push(`${message.name}: oneOf ${group} has ${count} field`);
      if (message.requireOneOf && !groups.has(message.requireOneOf)) problems.push(`${message.name}: requireOneOf without fields`);
    }
    assert.deepEqual(problems, []);
  });

  it('links every field to an https reference page', () => {
    for (const message of messages) {
      for (const field of message.fields) assert.match(fieldUrl(message, field), /^https:\/\/(istio\.io|kubernetes\.io)\/[^\s#]+(#[A-Za-z0-9_-]+)?$/);
    }
  });

  it('keeps the Istio facts that are easy to get wrong', () => {
    const se = KINDS.ServiceEntry.spec.fields;
    const resolution = se.find((f) => f.name === 'resolution')!;
    assert.equal(resolution.default, 'NONE');
    assert.deepEqual(resolution.type.kind === 'enum' && resolution.type.enum.values.map((v) => v.value), ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']);
    const location = se.find((f) => f.name === 'location')!;
    assert.deepEqual(location.type.kind === 'enum' && location.type.enum.values.map((v) => v.value), ['MESH_EXTERNAL', 'MESH_INTERNAL']);
    const mode = KINDS.Sidecar.spec.fields.find((f) => f.name === 'outboundTrafficPolicy')!;
    const modeField = mode.type.kind === 'message' ? mode.type.message.fields.find((f) => f.name === 'mode')! : undefined;
    assert.deepEqual(modeField?.type.kind === 'enum' && modeField.type.enum.values.map((v) => v.value), ['REGISTRY_ONLY', 'ALLOW_ANY']);
  });
});
