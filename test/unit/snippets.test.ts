// The YAML snippets: valid VS Code snippet syntax, each expanded the way the editor first shows it
// (placeholders → their text, choices → the first value, mirrors and transforms → what VS Code
// computes), and the result checked by our own analysis.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseAllDocuments } from 'yaml';
import type { EgressMode } from '../../server/src/protocol';
import { createLanguageService } from '../../server/src/service';
import { hostSlug } from '../../server/src/service/features/scaffold/names';
import { CURRENT_API_VERSION, KIND_NAMES } from '../../server/src/service/schema/kinds';
import type { IstioKind } from '../../server/src/service/schema/types';
import { expand, parseSnippet, syntaxProblems, walk } from '../support/snippetSyntax';

interface Snippet {
  scope?: string;
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

const SNIPPETS = JSON.parse(readFileSync(join(__dirname, '..', '..', 'snippets', 'istio.code-snippets'), 'utf8')) as Record<string, Snippet>;
const bodyOf = (snippet: Snippet) => (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body);
const prefixesOf = (snippet: Snippet) => (Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix]);

function analysisProblems(text: string): string[] {
  const service = createLanguageService();
  const uri = 'file:///workspace/egress/routes.yaml';
  service.setWorkspaceFile(uri, text);
  return service
    .fileDiagnostics(uri)
    .filter((d) => d.severity !== DiagnosticSeverity.Hint)
    .map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}\n${text.split('\n')[d.range.start.line]}`);
}

interface Resource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: { hosts?: string[]; host?: string };
}

function documents(text: string): Resource[] {
  return parseAllDocuments(text).map((doc) => doc.toJS() as Resource);
}

/** The snippet of each kind and each egress mode, so that a new kind or mode must get one. */
const KIND_PREFIXES: Record<IstioKind, string> = {
  ServiceEntry: 'istio-se',
  Gateway: 'istio-gw',
  DestinationRule: 'istio-dr',
  VirtualService: 'istio-vs',
  Sidecar: 'istio-sidecar',
};
const MODE_PREFIXES: Record<EgressMode, string> = {
  http: 'istio-egress-http',
  'tls-passthrough': 'istio-egress-tls-passthrough',
  'tls-origination': 'istio-egress-tls-origination',
  tcp: 'istio-egress-tcp',
};
const MODE_KINDS: Record<EgressMode, string[]> = {
  http: ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService'],
  'tls-passthrough': ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService'],
  'tls-origination': ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'DestinationRule'],
  tcp: ['ServiceEntry'],
};
const snippetWithPrefix = (prefix: string) => Object.values(SNIPPETS).find((snippet) => prefixesOf(snippet).includes(prefix));

describe('snippets', () => {
  it('are YAML snippets with istio- prefixes people can find, each unique, and a description', () => {
    const prefixes = Object.values(SNIPPETS).flatMap(prefixesOf);
    assert.deepEqual(prefixes.filter((prefix, i) => prefixes.indexOf(prefix) !== i), [], 'duplicate prefixes');
    for (const [title, snippet] of Object.entries(SNIPPETS)) {
      assert.equal(snippet.scope, 'yaml', title);
      assert.ok(prefixesOf(snippet).every((prefix) => /^istio-[a-z-]+$/.test(prefix)), title);
      assert.ok((snippet.description ?? '').length > 40, `${title}: say what it inserts`);
    }
  });

  it('are valid VS Code snippet syntax: balanced ${, tab stops 1…n each with one default, $0 at most once', () => {
    const problems = Object.entries(SNIPPETS).flatMap(([title, snippet]) => syntaxProblems(bodyOf(snippet)).map((problem) => `${title}: ${problem}`));
    assert.deepEqual(problems, []);
  });

  it('the syntax check itself catches the usual mistakes', () => {
    assert.match(syntaxProblems('name: ${1:x')[0], /^unclosed/);
    assert.match(syntaxProblems('cost: $ 5')[0], /bare '\$'/);
    assert.deepEqual(syntaxProblems('a: $HOME'), ["unknown variable HOME (escape the '$')"]);
    assert.deepEqual(syntaxProblems('a: ${1:x} $0 $0'), ['$0 more than once']);
    assert.deepEqual(syntaxProblems('a: ${1:x} ${3:y}'), ['tab stops skip from 1 to 3']);
    assert.deepEqual(syntaxProblems('a: $1'), ['tab stop 1 has 0 defaults (mirrors need exactly one)']);
    assert.equal(expand('n: ${1/(\\*)|(\\.)|([^.*]+)/${1:+wildcard}${2:+-}${3:/downcase}/g} h: ${1:*.Example.com} ${2|A,B|} $2'), 'n: wildcard-example-com h: *.Example.com A A');
    assert.equal(expand('f: ${TM_FILENAME_BASE/(.*)/${1:/upcase}/} ${1:x}'), 'f: ROUTES x');
  });

  it('cover the five kinds and the four egress modes', () => {
    for (const kind of KIND_NAMES) {
      const snippet = snippetWithPrefix(KIND_PREFIXES[kind]);
      assert.ok(snippet, `no snippet ${KIND_PREFIXES[kind]}`);
      assert.deepEqual(documents(expand(bodyOf(snippet))).map((doc) => doc.kind), [kind], KIND_PREFIXES[kind]);
    }
    for (const [mode, prefix] of Object.entries(MODE_PREFIXES) as Array<[EgressMode, string]>) {
      const snippet = snippetWithPrefix(prefix);
      assert.ok(snippet, `no snippet ${prefix}`);
      assert.deepEqual(documents(expand(bodyOf(snippet))).map((doc) => doc.kind), MODE_KINDS[mode], prefix);
    }
  });

  it('name the resources of a route as the New Egress Route command does', () => {
    // Not TCP: its snippet is the direct, gateway-less form, since the default egress gateway exposes no TCP port.
    const service = createLanguageService();
    for (const mode of ['http', 'tls-passthrough', 'tls-origination'] as const) {
      const host = 'billing.Partner.example.net';
      const generated = service.generateEgressRoute({ host, mode, namespace: 'shop' });
      assert.ok(generated.ok, mode);
      const expected = generated.route.resources.map((r) => `${r.kind} ${r.namespace}/${r.name}`).sort();
      const snippet = snippetWithPrefix(MODE_PREFIXES[mode])!;
      const actual = documents(expand(bodyOf(snippet), { 1: host, 2: 'shop' })).map((r) => `${r.kind} ${r.metadata?.namespace}/${r.metadata?.name}`);
      assert.deepEqual(actual.sort(), expected, mode);
    }
    // The transform that derives names from the host, as the snippets write it: the command's slug.
    const slug = /\$\{1\/.*?\/g\}/.exec(bodyOf(snippetWithPrefix('istio-egress-http')!))![0];
    for (const host of ['api.github.com', '*.Example.com', 'orders_db.corp.example']) assert.equal(expand(slug, { 1: host }), hostSlug(host), host);
  });

  for (const [title, snippet] of Object.entries(SNIPPETS)) {
    it(`${title}: expands with its defaults to apiVersion v1 that our analysis finds clean`, () => {
      const text = expand(bodyOf(snippet));
      assert.deepEqual(analysisProblems(text), []);
      const docs = documents(text);
      assert.ok(docs.length > 0 && docs.every((doc) => doc.apiVersion === CURRENT_API_VERSION), 'every resource is networking.istio.io/v1');
    });
  }

  for (const [title, snippet] of Object.entries(SNIPPETS).filter(([, s]) => /^\s*hosts:/m.test(bodyOf(s)))) {
    it(`${title}: the host is typed once, at tab stop 1, and carried everywhere (names included)`, () => {
      const body = bodyOf(snippet);
      const original = expand(body);
      const host = hostDefault(body);
      assert.ok(documents(original).every((doc) => !doc.spec?.hosts || doc.spec.hosts.includes(host)), `tab stop 1 (${host}) is the host of every resource`);
      // An external host replaces an external default; a mesh Service name replaces a Service name.
      const other = host.includes('.') ? 'billing.partner.example.net' : 'ratings';
      const typed = expand(body, { 1: other });
      const slug = host.replace(/\./g, '-');
      assert.ok(!typed.includes(host), `${host} is left somewhere after typing another host`);
      assert.ok(!typed.includes(slug), `a name derived from ${host} (${slug}) did not follow the host`);
      assert.equal(typed.split(other).length, original.split(host).length, 'the new host is in every place the default was');
      assert.ok(typed.includes(`name: ${other.replace(/\./g, '-')}`), 'names are derived from the host');
      assert.deepEqual(analysisProblems(typed), []);
    });
  }
});

/** The default text of tab stop 1. */
function hostDefault(body: string): string {
  let host = '';
  walk(parseSnippet(body), (node) => {
    if (node.type === 'placeholder' && node.index === 1) host = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  });
  return host;
}
