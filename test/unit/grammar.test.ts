// The injection grammar, run by the same TextMate engine VS Code uses (vscode-textmate on the
// Oniguruma WebAssembly build), over a small stand-in for the YAML base grammar.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { API_VERSION, KIND_NAMES, KINDS } from '../../server/src/service/schema/kinds';
import type { EnumSchema, FieldType, MessageSchema } from '../../server/src/service/schema/types';

const ROOT = join(__dirname, '..', '..');
const INJECTION_PATH = join(ROOT, 'syntaxes', 'istio.injection.tmLanguage.json');

/**
 * Just enough YAML for the injection to sit in: keys, values, comments, quotes, flow punctuation,
 * list dashes and block scalars, with the scope names VS Code's YAML grammars give them.
 */
const STAND_IN_YAML: IRawGrammar = {
  scopeName: 'source.yaml',
  patterns: [
    { begin: '(?:^|(?<=[ \\t]))#', end: '$', name: 'comment.line.number-sign.yaml' },
    {
      begin: '[|>][-+]?[ \\t]*$',
      beginCaptures: { 0: { name: 'keyword.control.flow.block-scalar.yaml' } },
      end: '^(?=\\S)',
      contentName: 'string.unquoted.block.yaml',
    },
    { match: '[^\\s#:{}\\[\\],"\'-][^\\s:{}\\[\\],]*(?=[ \\t]*:(?:[ \\t]|$))', name: 'entity.name.tag.yaml' },
    { match: ':(?=[ \\t]|$)', name: 'punctuation.separator.key-value.mapping.yaml' },
    { match: '-(?=[ \\t]|$)', name: 'punctuation.definition.block.sequence.item.yaml' },
    { match: '"[^"]*"', name: 'string.quoted.double.yaml' },
    { match: "'[^']*'", name: 'string.quoted.single.yaml' },
    { match: '[\\[\\]{},]', name: 'punctuation.separator.yaml' },
    { match: '[^\\s#:{}\\[\\],]+', name: 'string.unquoted.plain.out.yaml' },
  ],
  repository: {},
} as unknown as IRawGrammar;

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.yaml') return STAND_IN_YAML;
      if (scopeName === 'istio-egress.injection') return parseRawGrammar(readFileSync(INJECTION_PATH, 'utf8'), INJECTION_PATH);
      return null;
    },
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? ['istio-egress.injection'] : undefined),
  });
  const loaded = await registry.loadGrammar('source.yaml');
  if (!loaded) throw new Error('the stand-in YAML grammar did not load');
  grammar = loaded;
});

interface Token {
  text: string;
  scopes: string[];
}

/** Every token of every line, whitespace-only tokens left out. */
function tokenize(text: string): Token[][] {
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })).filter((t) => t.text.trim() !== '');
  });
}

/** `text → istio scopes` for every token scoped by the injection (structure-only meta scopes left out). */
function istioTokens(text: string): string[] {
  return tokenize(text)
    .flat()
    .map((t) => ({ text: t.text, istio: t.scopes.filter((s) => s.endsWith('.istio') && s !== 'meta.gateways.istio') }))
    .filter((t) => t.istio.length > 0)
    .map((t) => `${t.text.trim()} → ${t.istio.join(' ')}`);
}

/** The scopes of the token with this text on the line (the first one). */
function scopesOf(line: string, text: string): string[] {
  const token = tokenize(line)[0].find((t) => t.text.trim() === text);
  if (!token) throw new Error(`no token '${text}' in '${line}'`);
  return token.scopes;
}

/** Every enum field of the five kinds: key → the enums found under that key anywhere in the model. */
function modelEnums(): Map<string, EnumSchema[]> {
  const byKey = new Map<string, EnumSchema[]>();
  const seen = new Set<MessageSchema>();
  const visitType = (key: string, type: FieldType): void => {
    if (type.kind === 'enum') {
      const list = byKey.get(key) ?? [];
      if (!list.includes(type.enum)) list.push(type.enum);
      byKey.set(key, list);
    } else if (type.kind === 'list') visitType(key, type.items);
    else if (type.kind === 'map') visitType(key, type.values);
    else if (type.kind === 'message') visitMessage(type.message);
  };
  const visitMessage = (message: MessageSchema): void => {
    if (seen.has(message)) return;
    seen.add(message);
    for (const field of message.fields) visitType(field.name, field.type);
  };
  for (const kind of KIND_NAMES) visitMessage(KINDS[kind].spec);
  return byKey;
}

describe('injection grammar', () => {
  it('is the grammar package.json injects into source.yaml', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
    };
    const raw = JSON.parse(readFileSync(INJECTION_PATH, 'utf8')) as { scopeName: string; injectionSelector: string };
    const declared = manifest.contributes.grammars.find((g) => g.scopeName === raw.scopeName);
    assert.ok(declared, `package.json declares no grammar ${raw.scopeName}`);
    assert.equal(join(ROOT, declared.path), INJECTION_PATH);
    assert.deepEqual(declared.injectTo, ['source.yaml']);
    assert.match(raw.injectionSelector, /^L:source\.yaml\b/);
  });

  it('scopes Istio kinds and apiVersions, and leaves the keys to YAML', () => {
    for (const kind of KIND_NAMES) {
      assert.deepEqual(istioTokens(`kind: ${kind}`), [`${kind} → entity.name.type.kind.istio`]);
      assert.deepEqual(istioTokens(`- {kind: ${kind}, name: x}`), [`${kind} → entity.name.type.kind.istio`]);
    }
    for (const { value } of API_VERSION.values) {
      assert.deepEqual(istioTokens(`apiVersion: ${value}  # comment`), [`${value} → support.type.api-version.istio`]);
    }
    assert.deepEqual(scopesOf('kind: Gateway', 'kind'), ['source.yaml', 'entity.name.tag.yaml']);
    assert.deepEqual(scopesOf('kind: Gateway', ':'), ['source.yaml', 'punctuation.separator.key-value.mapping.yaml']);
  });

  it('scopes every enum value of the model after its own key, in block and flow YAML', () => {
    const missing: string[] = [];
    for (const [key, enums] of modelEnums()) {
      for (const schema of enums) {
        for (const { value } of schema.values) {
          const spellings = schema.caseInsensitive ? [value, value.toLowerCase(), value.toUpperCase()] : [value];
          for (const spelling of spellings) {
            for (const line of [`    ${key}: ${spelling}`, `  - ${key}: ${spelling} # why`, `  x: {a: 1, ${key}: ${spelling}}`, `  y: [{${key}: ${spelling}}]`]) {
              const scoped = istioTokens(line);
              if (scoped.length !== 1 || !scoped[0].startsWith(`${spelling} → constant.language.enum.`)) missing.push(`${line.trim()} gave [${scoped.join(', ')}]`);
            }
          }
        }
      }
    }
    assert.deepEqual(missing, [], 'add the values to syntaxes/istio.injection.tmLanguage.json');
  });

  it('leaves case-sensitive enum values in the wrong case unscoped (Istio rejects them)', () => {
    assert.deepEqual(istioTokens('resolution: dns'), []);
    assert.deepEqual(istioTokens('  mode: Simple'), []);
    assert.deepEqual(istioTokens('kind: serviceentry'), []);
    assert.deepEqual(istioTokens('    protocol: Https'), ['Https → constant.language.enum.protocol.istio']);
  });

  it('scopes `mesh` in gateways lists, block and flow', () => {
    const vs = [
      'spec:',
      '  gateways:',
      '  - mesh',
      '  - istio-system/egress   # mesh',
      '  hosts:',
      '  - mesh',
      '  http:',
      '  - match:',
      '    - gateways:',
      '        - mesh',
      '      port: 80',
      '    - gateways: [ mesh, egress ]',
      '    - {port: 443, gateways: [egress, mesh]}',
      '    route:',
      '    - destination: {host: mesh}',
    ].join('\n');
    assert.deepEqual(istioTokens(vs), ['mesh → keyword.other.mesh.istio', 'mesh → keyword.other.mesh.istio', 'mesh → keyword.other.mesh.istio', 'mesh → keyword.other.mesh.istio']);
    // The list under `- gateways:` ends at the next key of its match, which YAML scopes again.
    const port = tokenize(vs)[10].find((t) => t.text.trim() === 'port');
    assert.deepEqual(port?.scopes, ['source.yaml', 'entity.name.tag.yaml']);
  });

  it('keeps YAML scopes inside a gateways list and hands back to YAML after it', () => {
    const lines = tokenize(['  gateways:    # both legs', '    - mesh', '    - "quoted"', '    - egress', '  hosts:', '  - meshes'].join('\n'));
    const plain = (line: number) => lines[line].map((t) => `${t.text.trim()} ${t.scopes.filter((s) => s !== 'source.yaml' && s !== 'meta.gateways.istio').join(' ')}`);
    assert.deepEqual(plain(0).slice(2), ['# comment.line.number-sign.yaml punctuation.definition.comment.yaml', 'both legs comment.line.number-sign.yaml']);
    assert.deepEqual(plain(2), [
      '- punctuation.definition.block.sequence.item.yaml',
      '" string.quoted.double.yaml punctuation.definition.string.begin.yaml',
      'quoted string.quoted.double.yaml',
      '" string.quoted.double.yaml punctuation.definition.string.end.yaml',
    ]);
    assert.deepEqual(plain(3), ['- punctuation.definition.block.sequence.item.yaml', 'egress string.unquoted.plain.out.yaml']);
    assert.deepEqual(lines[4].map((t) => t.scopes), [['source.yaml', 'entity.name.tag.yaml'], ['source.yaml', 'punctuation.separator.key-value.mapping.yaml']]);
    assert.deepEqual(plain(5), ['- punctuation.definition.block.sequence.item.yaml', 'meshes string.unquoted.plain.out.yaml']);
  });

  it('leaves comments, quoted strings, block scalars, other keys and other values alone', () => {
    const text = [
      '# kind: Gateway',
      'kind: Deployment',
      'apiVersion: apps/v1',
      'apiVersion: networking.istio.io/v2',
      'description: "mode: SIMPLE"',
      "note: 'resolution: DNS'",
      'mode: SIMPLEX',
      'tlsMode: SIMPLE',
      'kinds: Gateway',
      'resolution: DNS,STATIC',
      'config: |',
      '  kind: Gateway',
      '  mode: ISTIO_MUTUAL',
      'name: mesh',
    ].join('\n');
    assert.deepEqual(istioTokens(text), []);
  });

  it('scopes a whole egress example the way a reader expects', () => {
    const folder = join(ROOT, 'examples', 'tls-passthrough');
    const scoped = ['serviceentry.yaml', 'gateway.yaml', 'destinationrule.yaml', 'virtualservice.yaml'].flatMap((name) => istioTokens(readFileSync(join(folder, name), 'utf8')));
    assert.ok(scoped.includes('networking.istio.io/v1 → support.type.api-version.istio'));
    assert.ok(scoped.includes('ServiceEntry → entity.name.type.kind.istio'));
    assert.ok(scoped.includes('PASSTHROUGH → constant.language.enum.istio'));
    assert.ok(scoped.includes('MESH_EXTERNAL → constant.language.enum.istio'));
    assert.equal(scoped.filter((t) => t === 'mesh → keyword.other.mesh.istio').length, 2);
    assert.ok(!scoped.some((t) => t.startsWith('api.github.com')), 'hosts are not Istio keywords');
  });
});
