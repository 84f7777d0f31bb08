// Hostile input through real JSON-RPC: the server must answer every request and stay alive.
import { strict as assert } from 'node:assert';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import { dedent } from '../support/fixture';
import { LspClient, positionOf, seededRandom, textAt, type LspClientOptions } from '../support/lspClient';
import { applyWorkspaceEdit } from '../support/render';

const HEADER = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: x\n';

/** A small document whose answers are known: used to prove the server still works after an ordeal. */
const PROBE = dedent(`
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata:
    name: probe
  spec:
    hosts: [probe.example.com]
    location: MESH_EXTERNAL
    resolution: MESH_EXTERNAL
`);

type CompletionResult = CompletionList | CompletionItem[] | null;

function completionItems(result: CompletionResult): CompletionItem[] {
  if (result === null) return [];
  return Array.isArray(result) ? result : result.items;
}

describe('LSP server robustness', function () {
  this.timeout(300_000);
  let clients: LspClient[] = [];
  let probes = 0;

  async function start(options: LspClientOptions = {}): Promise<LspClient> {
    const client = await LspClient.start(options);
    clients.push(client);
    return client;
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const client of clients) console.error(`--- server output for "${this.currentTest.title}":\n${client.describe()}`);
    }
    await Promise.all(clients.map((client) => client.shutdown()));
    clients = [];
  });

  function completion(client: LspClient, uri: string, position: Position): Promise<CompletionResult> {
    return client.request<CompletionResult>('textDocument/completion', { textDocument: { uri }, position });
  }

  function hover(client: LspClient, uri: string, position: Position): Promise<Hover | null> {
    return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  }

  function codeActions(client: LspClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[] | null> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  function assertCompletionShape(result: CompletionResult, where: string): void {
    if (result === null) return;
    const list = Array.isArray(result) ? result : result.items;
    assert.ok(Array.isArray(list), `completion at ${where} is a list`);
    for (const item of list) assert.equal(typeof item.label, 'string', `completion item at ${where} has a label`);
  }

  function assertHoverShape(result: Hover | null, where: string): void {
    if (result === null) return;
    assert.ok(result.contents, `hover at ${where} has contents`);
  }

  /** Spread of positions over a text: starts, middles and ends of lines, past the end, and seeded random ones. */
  function positionsIn(text: string, seed: number, random = 6): Position[] {
    const lines = text.split(/\r\n|\r|\n/);
    const last = lines.length - 1;
    const middle = last >> 1;
    const positions: Position[] = [
      { line: 0, character: 0 },
      { line: 0, character: lines[0].length },
      { line: middle, character: 0 },
      { line: middle, character: lines[middle].length >> 1 },
      { line: last, character: lines[last].length },
      { line: last + 5, character: 3 },
    ];
    const next = seededRandom(seed);
    for (let i = 0; i < random; i++) {
      const line = Math.floor(next() * lines.length);
      positions.push({ line, character: Math.floor(next() * (lines[line].length + 1)) });
    }
    return positions;
  }

  /** Completion, hover and code actions at many places: every one must answer with a well-formed result. */
  async function probeRequests(client: LspClient, uri: string, text: string, diagnostics: Diagnostic[], seed = 1): Promise<void> {
    for (const position of positionsIn(text, seed)) {
      const where = `${uri} ${position.line}:${position.character}`;
      assertCompletionShape(await completion(client, uri, position), where);
      assertHoverShape(await hover(client, uri, position), where);
    }
    const actions = await codeActions(client, uri, diagnostics.slice(0, 50));
    assert.ok(actions === null || Array.isArray(actions), 'code actions answer with a list');
  }

  /** The server still answers normally on a fresh document, and its process is alive. */
  async function assertStillServing(client: LspClient): Promise<void> {
    assert.ok(client.isAlive, `the server process is alive\n${client.describe()}`);
    const uri = `file:///workspace/probe-${++probes}.yaml`;
    client.open(uri, PROBE);
    const diagnostics = await client.waitForVersion(uri, 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IE122']);
    assert.equal(textAt(PROBE, diagnostics[0].range), 'MESH_EXTERNAL');
    const values = completionItems(await completion(client, uri, positionOf(PROBE, 'resolution: ', 'resolution: '.length)));
    assert.ok(values.some((item) => item.label === 'DNS'), 'completion still offers resolution values');
    const doc = await hover(client, uri, positionOf(PROBE, 'location', 2));
    assert.ok(doc && (doc.contents as MarkupContent).value.includes('location'), 'hover still answers');
    assert.ok(client.isAlive, `the server process is still alive\n${client.describe()}`);
  }

  function assertNoCaughtExceptions(client: LspClient): void {
    assert.deepEqual(client.loggedErrors, [], 'the server logged no caught exceptions');
  }

  describe('broken YAML of many kinds', () => {
    // [name, text, codes that must be among the diagnostics]
    const CASES: Array<[string, string, string[]]> = [
      ['unterminated double quote', HEADER + 'spec:\n  hosts: ["a.example.com\n  location: MESH_EXTERNAL\n', ['IE100']],
      ['unterminated single quote', HEADER + "spec:\n  hosts:\n  - 'a.example.com\n", ['IE100']],
      ['unclosed flow sequence', HEADER + 'spec:\n  hosts: [a.example.com, b.example.com\n  resolution: DNS\n', ['IE100']],
      ['unclosed flow mapping', HEADER + 'spec:\n  workloadSelector: {labels: {app: x, \n', ['IE100']],
      ['tab indentation', HEADER + 'spec:\n\thosts:\n\t- a.example.com\n', ['IE101']],
      ['bad indentation', HEADER + 'spec:\n  hosts:\n  - a.example.com\n   location: MESH_EXTERNAL\n', ['IE100']],
      ['colons only', HEADER + 'spec:\n  : : :\n', ['IE100']],
      ['nested dashes and a colon', HEADER + 'spec:\n  - - - :\n', ['IE121']],
      ['a lone explicit key', HEADER + 'spec:\n  ?\n', []],
      ['a dangling anchor', HEADER + 'spec: &anchor\n', []],
      ['an undefined alias', HEADER + 'spec:\n  hosts: *missing\n', []],
      ['unknown directives', '%YAML 9.9\n%FOO bar\n---\n' + HEADER + 'spec: {}\n', []],
      ['odd tags', HEADER + 'spec:\n  hosts: !!binary not-base64!\n  ports: !custom {a: 1}\n  location: !!int MESH_EXTERNAL\n', ['IE121']],
      ['invalid escapes', HEADER + 'spec:\n  hosts: ["\\xZZ \\uD800 \\q"]\n', ['IE100']],
      ['a bad block scalar header', HEADER + 'spec:\n  hosts: |9x\n    a\n', ['IE100']],
      ['a value with a second colon', HEADER + 'spec:\n  location: MESH_EXTERNAL: again\n', ['IE100']],
      ['closing brackets only', HEADER + 'spec: ]]]]}}}}\n', ['IE100']],
      ['document end markers inside a document', HEADER + '...\nspec:\n...\n  hosts: []\n', []],
      ['duplicate keys', HEADER + 'spec:\n  hosts: [a.example.com]\n  hosts: [b.example.com]\n', ['IE102']],
      ['template expressions', HEADER + 'spec:\n  hosts: [{{ .Values.host }}]\n', ['IE105']],
      ['lone dashes', HEADER + 'spec:\n  hosts:\n  -\n  -\n-\n', ['IE100']],
      ['a core tag that contradicts the node', HEADER + 'spec: !!seq {a: 1}\n', []],
      ['a 100,000-character line', HEADER + 'spec:\n  hosts: [' + 'a'.repeat(100_000) + ']\n', []],
      ['unicode line separators and lone surrogates', HEADER + 'spec:\n  hosts: [a\u2028b, \uD83D, \uDC00x]\n  \u2029location: MESH_EXTERNAL\n', []],
      ['an empty block scalar at the end of the file', HEADER + 'spec:\n  location: >-', []],
      ['nested unclosed flow collections', HEADER + 'spec:\n  endpoints: [{address: [a, {b: [c, {d: ', ['IE100']],
      ['CR-only line endings', HEADER.replace(/\n/g, '\r') + 'spec:\r  hosts: [a]\r  resolution: BAD\r', []],
      ['merge keys with undefined aliases', HEADER + 'spec:\n  <<: *base\n  ports:\n  - <<: [*a, *b]\n    number: 443\n', []],
      ['keys without colons', 'apiVersion networking.istio.io/v1\nkind ServiceEntry\n', []],
      ['reserved characters', 'kind: ServiceEntry\nspec:\n  hosts: [a.example.com]\n  @@@ %%% `backtick`\n', ['IE100']],
      ['a scalar document', '"just a string"\n', []],
      ['a sequence at the root', '- apiVersion: networking.istio.io/v1\n- kind: ServiceEntry\n', []],
      ['control characters', HEADER + 'spec:\n  hosts: [a\u0001b\u0007c\u001b]\n', []],
      ['a half-typed document', 'apiVersion: networking.istio.io/v1\nkind: Servi\nspec:\n  hosts:\n  - \n  ports:\n  - number:\n    name: "\n', []],
    ];

    it(`answers every request on ${CASES.length} broken documents and stays alive`, async () => {
      const client = await start();
      let index = 0;
      for (const [name, text, expected] of CASES) {
        const uri = `file:///workspace/broken-${index++}.yaml`;
        client.open(uri, text);
        const diagnostics = await client.waitForVersion(uri, 1);
        const codes = diagnostics.map((d) => String(d.code));
        for (const code of expected) assert.ok(codes.includes(code), `${name}: expected ${code} among ${JSON.stringify(codes)}`);
        for (const diagnostic of diagnostics) {
          assert.equal(diagnostic.source, 'istio-egress', name);
          const { start, end } = diagnostic.range;
          assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${name}: range is ordered`);
        }
        await probeRequests(client, uri, text, diagnostics, index);
        client.close(uri);
      }
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });
  });

  describe('random data', () => {
    function randomBytes(seed: number, size: number): Buffer {
      const next = seededRandom(seed);
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = Math.floor(next() * 256);
      return bytes;
    }

    it('64 KB of random bytes (seeded): IE103 for binary data, and every request answers', async () => {
      const client = await start();
      const text = randomBytes(0x15710, 64 * 1024).toString('utf8');
      assert.ok(text.includes('\u0000'), 'the seeded bytes contain NUL');
      const uri = 'file:///workspace/random.yaml';
      client.open(uri, text);
      const diagnostics = await client.waitForVersion(uri, 1);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'IE103');
      assert.match(diagnostics[0].message, /binary data/);
      assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      await probeRequests(client, uri, text, diagnostics, 7);

      // The same bytes without NULs reach the YAML parser.
      const cleaned = text.replace(/\u0000/g, ' ');
      client.change(uri, 2, [{ text: cleaned }]);
      const parsed = await client.waitForVersion(uri, 2);
      assert.ok(!parsed.some((d) => d.code === 'IE103'), 'no longer skipped as binary');
      await probeRequests(client, uri, cleaned, parsed, 8);
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });

    it('64 KB of random YAML punctuation after an Istio header (seeded): syntax errors, every request answers', async () => {
      const client = await start();
      const alphabet = '[]{}:,-?&*!|>\'"#%@` \n\n\n    \tabcxyz019.\\';
      const next = seededRandom(42);
      let body = '';
      while (body.length < 64 * 1024) body += alphabet[Math.floor(next() * alphabet.length)];
      // `{{` would make it a template (IE105) and skip every check.
      body = body.replace(/\{(?=\{)/g, '{ ');
      const text = HEADER + 'spec:\n' + body;
      const uri = 'file:///workspace/random-yaml.yaml';
      client.open(uri, text);
      const diagnostics = await client.waitForVersion(uri, 1);
      assert.ok(diagnostics.some((d) => d.code === 'IE100' || d.code === 'IE101'), 'random punctuation is reported as broken YAML');
      await probeRequests(client, uri, text, diagnostics, 9);
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });
  });

  describe('a 5 MB file of generated Istio resources', () => {
    // Every 100th ServiceEntry has a bad resolution: its IE122 proves the whole file was analysed.
    function generate(targetBytes: number): { text: string; resources: number; bad: number } {
      const parts: string[] = [];
      let size = 0;
      let resources = 0;
      let bad = 0;
      while (size < targetBytes) {
        const broken = resources % 100 === 0;
        if (broken) bad++;
        const part = dedent(`
          apiVersion: networking.istio.io/v1
          kind: ServiceEntry
          metadata:
            name: external-${resources}
            namespace: egress
          spec:
            hosts:
            - api-${resources}.example.com
            location: MESH_EXTERNAL
            ports:
            - number: 443
              name: https-${resources}
              protocol: TLS
            resolution: ${broken ? 'MESH_EXTERNAL' : 'DNS'}
          ---
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata:
            name: external-${resources}
            namespace: egress
          spec:
            host: api-${resources}.example.com
            trafficPolicy:
              tls:
                mode: SIMPLE
                sni: api-${resources}.example.com
          ---
        `);
        parts.push(part);
        size += part.length;
        resources++;
      }
      return { text: parts.join(''), resources, bad };
    }

    const big = generate(5 * 1024 * 1024);
    // The generated DestinationRules also carry IE267 hints (what istioctl says about SIMPLE without
    // caCertificates); hints never reach a Problems list, so these tests count the real findings only.
    const problems = (list: Diagnostic[]) => list.filter((d) => d.severity !== 4);

    it('is analysed under the default 8192 KB limit: real findings arrive, completion and hover answer, an edit updates them', async () => {
      assert.ok(big.text.length > 5 * 1024 * 1024 && big.text.length < 8192 * 1024);
      const client = await start();
      const uri = 'file:///workspace/big.yaml';
      client.open(uri, big.text);
      const diagnostics = problems(await client.waitForVersion(uri, 1, 240_000));
      assert.ok(!diagnostics.some((d) => d.code === 'IE103'), 'not skipped: 5 MB is under the default limit');
      assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['IE122']);
      assert.equal(diagnostics.length, big.bad);
      const lines = big.text.split('\n');
      for (const diagnostic of [diagnostics[0], diagnostics[diagnostics.length - 1]]) {
        assert.equal(textAt(big.text, diagnostic.range), 'MESH_EXTERNAL');
        assert.match(lines[diagnostic.range.start.line], /^ {2}resolution: MESH_EXTERNAL$/);
      }

      // Near the end of the file.
      const last = diagnostics[diagnostics.length - 1];
      const values = completionItems(await completion(client, uri, last.range.start));
      assert.deepEqual(values.map((item) => item.label).sort(), ['DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS', 'NONE', 'STATIC']);
      const locationLine = last.range.start.line - 5;
      assert.match(lines[locationLine], /^ {2}location: MESH_EXTERNAL$/);
      const doc = await hover(client, uri, { line: locationLine, character: 4 });
      assert.ok(doc, 'hover answers on the 5 MB file');
      assert.match((doc.contents as MarkupContent).value, /\*\*location\*\*/);

      // Fix the last bad value: one finding fewer.
      client.change(uri, 2, [{ range: last.range, text: 'DNS' }]);
      const after = problems(await client.waitForVersion(uri, 2, 240_000));
      assert.equal(after.length, big.bad - 1);
      assert.deepEqual(after, diagnostics.slice(0, -1));
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });

    it('is skipped with one IE103 when the limit is lowered to 1024 KB, and requests still answer', async () => {
      const client = await start({ configuration: false, initializationOptions: { settings: { maxFileSizeKB: 1024 } } });
      const uri = 'file:///workspace/big.yaml';
      client.open(uri, big.text);
      const diagnostics = await client.waitForVersion(uri, 1, 240_000);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, 'IE103');
      assert.equal(diagnostics[0].severity, 3);
      assert.match(diagnostics[0].message, /5\.0 MB, above the 1024 KB analysis limit/);
      assertCompletionShape(await completion(client, uri, { line: 13, character: 14 }), 'big 13:14');
      assert.deepEqual(completionItems(await completion(client, uri, { line: 13, character: 14 })), []);
      assert.equal(await hover(client, uri, { line: 8, character: 4 }), null);

      // Raising the limit again analyses it.
      client.notify('workspace/didChangeConfiguration', { settings: { istioEgress: { maxFileSizeKB: 8192 } } });
      const analysed = problems(await client.waitForDiagnostics(uri, (list) => problems(list).length > 0 && problems(list).every((d) => d.code === 'IE122'), 240_000));
      assert.equal(analysed.length, big.bad);
      await assertStillServing(client);
    });
  });

  describe('10,000-deep nesting', () => {
    const DEPTH = 10_000;
    // IE104 says the nesting is too deep to analyse; IE100 covers a parser that stops with a syntax error.
    const reportedBroken = (diagnostics: Diagnostic[]) => diagnostics.some((d) => (d.code === 'IE104' || d.code === 'IE100') && d.severity === 1);

    it('flow collections [[[…]]] and {a: {a: …}}: reported, every request answers', async () => {
      const client = await start();
      const documents: Array<[string, string]> = [
        ['flow-seq', HEADER + 'spec:\n  hosts: ' + '['.repeat(DEPTH) + ']'.repeat(DEPTH) + '\n'],
        ['flow-map', HEADER + 'spec:\n  workloadSelector: ' + '{a: '.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) + '\n'],
        ['flow-unclosed', HEADER + 'spec:\n  hosts: ' + '[{a: '.repeat(DEPTH / 2) + '\n'],
      ];
      for (const [name, text] of documents) {
        const uri = `file:///workspace/${name}.yaml`;
        client.open(uri, text);
        const diagnostics = await client.waitForVersion(uri, 1);
        // The parser gives up (its recursion overflows); we say the document is nested too deeply.
        assert.ok(reportedBroken(diagnostics), `${name}: the document is reported as not parseable: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        await probeRequests(client, uri, text, diagnostics, 11);
        client.close(uri);
      }
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });

    it('block collections: `- - - …`, `? ? ? …` and 10,000 indented mapping levels', async () => {
      const client = await start({ configuration: false, initializationOptions: { settings: { maxFileSizeKB: 65536 } } });
      const indented: string[] = [HEADER, 'spec:\n'];
      for (let level = 1; level <= DEPTH; level++) indented.push(' '.repeat(level) + `k${level}:\n`);
      const documents: Array<[string, string]> = [
        ['block-seq', HEADER + 'spec:\n  hosts:\n  ' + '- '.repeat(DEPTH) + 'x\n'],
        ['block-explicit-keys', HEADER + 'spec:\n  ' + '? '.repeat(DEPTH) + 'x\n'],
        // 10,000 levels of one-space indentation is ~48 MB of text.
        ['block-map', indented.join('')],
      ];
      for (const [name, text] of documents) {
        const uri = `file:///workspace/${name}.yaml`;
        client.open(uri, text);
        const diagnostics = await client.waitForVersion(uri, 1, 240_000);
        assert.ok(!diagnostics.some((d) => d.code === 'IE103'), `${name}: analysed under the raised limit`);
        assert.ok(reportedBroken(diagnostics), `${name}: the document is reported as not parseable: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
        await probeRequests(client, uri, text, diagnostics, 12);
        client.close(uri);
      }
      assertNoCaughtExceptions(client);
      await assertStillServing(client);
    });

    it('10,000 indented mapping levels (~48 MB) are skipped with IE103 under the default limit', async () => {
      const client = await start();
      const indented: string[] = [HEADER, 'spec:\n'];
      for (let level = 1; level <= DEPTH; level++) indented.push(' '.repeat(level) + `k${level}:\n`);
      const text = indented.join('');
      const uri = 'file:///workspace/block-map.yaml';
      client.open(uri, text);
      const diagnostics = await client.waitForVersion(uri, 1, 240_000);
      assert.deepEqual(diagnostics.map((d) => d.code), ['IE103']);
      assert.match(diagnostics[0].message, /4\d\.\d MB, above the 8192 KB analysis limit/);
      assert.deepEqual(completionItems(await completion(client, uri, { line: 5000, character: 5000 })), []);
      assert.equal(await hover(client, uri, { line: 5000, character: 4999 }), null);
      await assertStillServing(client);
    });
  });

  it('an alias bomb (10 levels × 10 aliases, sequences and mappings) neither hangs nor exhausts a 256 MB heap', async () => {
    // A small heap: if anything expanded the 10^10 nodes, the server would die and the test would say so.
    const client = await start({ nodeArgs: ['--max-old-space-size=256'] });
    const lines = [HEADER.trimEnd(), '  annotations:', '    m0: &m0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}', 'spec:'];
    lines.push('  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]');
    for (let level = 1; level <= 10; level++) {
      lines.push(`  x${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]`);
    }
    lines.push('  workloadSelector:', '    labels:');
    for (let level = 1; level <= 10; level++) {
      lines.push(`      m${level}: &m${level} {${'abcdefghij'.split('').map((key) => `${key}: *m${level - 1}`).join(', ')}}`);
    }
    lines.push('  hosts: *a10', '  endpoints: *a10', '  ports:', '  - <<: *m10', '    number: 443', '  exportTo: *a10', '');
    const text = lines.join('\n');
    const uri = 'file:///workspace/alias-bomb.yaml';
    const started = Date.now();
    client.open(uri, text);
    const diagnostics = await client.waitForVersion(uri, 1, 60_000);
    assert.ok(diagnostics.some((d) => d.code === 'IE120' && textAt(text, d.range) === 'x0'), 'the unknown anchor holders are still reported');
    await probeRequests(client, uri, text, diagnostics, 13);
    for (const needle of ['*a10', '*m9', '<<: *m10']) {
      const position = positionOf(text, needle, 1);
      assertCompletionShape(await completion(client, uri, position), needle);
      assertHoverShape(await hover(client, uri, position), needle);
    }
    assert.ok(Date.now() - started < 60_000, 'well under a minute');
    assertNoCaughtExceptions(client);
    await assertStillServing(client);
  });

  it('a UTF-8 BOM at the start: the header is still read and ranges count the BOM as a character', async () => {
    const client = await start();
    const text = '\uFEFF' + dedent(`
      apiVersion: networking.istio.io/v1beta1
      kind: ServiceEntry
      metadata:
        name: x
      spec:
        hosts: [a.example.com]
        resolution: BAD
    `);
    const uri = 'file:///workspace/bom.yaml';
    client.open(uri, text);
    const diagnostics = await client.waitForVersion(uri, 1);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['IE112', 'IE122']);
    const legacy = diagnostics.find((d) => d.code === 'IE112')!;
    assert.deepEqual(legacy.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 40 } });
    assert.equal(textAt(text, legacy.range), 'networking.istio.io/v1beta1');
    assert.equal(textAt(text, diagnostics.find((d) => d.code === 'IE122')!.range), 'BAD');
    const values = completionItems(await completion(client, uri, positionOf(text, 'resolution: ', 'resolution: '.length)));
    assert.ok(values.some((item) => item.label === 'DNS'));
    const doc = await hover(client, uri, positionOf(text, 'kind', 1));
    assert.ok(doc, 'hover on kind answers');
    assert.match((doc.contents as MarkupContent).value, /ServiceEntry/);
    assertNoCaughtExceptions(client);
  });

  it('CRLF line endings: diagnostic ranges, completion ranges and quick-fix edits stay exact', async () => {
    const client = await start();
    const text = dedent(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: x
      spec:
        hosts: [a.example.com]
        resolution: BAD
        resolutions: DNS
      ---
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata:
        name: g
      spec:
        selectr: {istio: egressgateway}
    `).replace(/\n/g, '\r\n');
    const uri = 'file:///workspace/crlf.yaml';
    client.open(uri, text);
    const diagnostics = await client.waitForVersion(uri, 1);
    const find = (code: string, covered: string) => diagnostics.find((d) => d.code === code && textAt(text, d.range) === covered);
    const bad = find('IE122', 'BAD');
    assert.ok(bad, `IE122 on BAD: ${JSON.stringify(diagnostics)}`);
    assert.deepEqual(bad.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 17 } });
    assert.ok(find('IE120', 'resolutions'));
    const selectr = find('IE120', 'selectr');
    assert.ok(selectr, 'IE120 in the second document');
    assert.deepEqual(selectr.range, { start: { line: 14, character: 2 }, end: { line: 14, character: 9 } });
    // The Gateway has no servers (its only key is misspelt), which Istio rejects: IE230 on its spec.
    const noServers = diagnostics.find((d) => d.code === 'IE230');
    assert.ok(noServers, `IE230 in the second document: ${JSON.stringify(diagnostics)}`);
    assert.equal(textAt(text, noServers.range), 'spec');
    assert.equal(diagnostics.length, 4);

    // Completion replaces the value only, never the \r.
    const values = completionItems(await completion(client, uri, bad.range.end));
    const dns = values.find((item) => item.label === 'DNS');
    assert.ok(dns?.textEdit && 'range' in dns.textEdit);
    assert.deepEqual(dns.textEdit.range, bad.range);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: selectr.range, context: { diagnostics: [selectr] } });
    const fix = actions.find((action) => action.isPreferred) ?? actions[0];
    assert.ok(fix, 'a quick fix for selectr');
    assert.equal(applyWorkspaceEdit(uri, text, fix.edit), text.replace('selectr:', 'selector:'));

    // An incremental edit that inserts a CRLF line keeps later ranges exact.
    client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '  location: MESH_EXTERNAL\r\n' }]);
    const after = await client.waitForVersion(uri, 2);
    const moved = after.find((d) => d.code === 'IE120' && textAt(client.text(uri), d.range) === 'selectr');
    assert.ok(moved);
    assert.equal(moved.range.start.line, 15);
    assertNoCaughtExceptions(client);
  });

  it('a document of only `---` separators and an empty file: no diagnostics, completions start a resource', async () => {
    const client = await start();
    for (const [name, text] of [['separators', '---\n---\n---\n'], ['empty', '']] as const) {
      const uri = `file:///workspace/${name}.yaml`;
      client.open(uri, text);
      assert.deepEqual(await client.waitForVersion(uri, 1), [], `${name}: no diagnostics`);
      for (const position of positionsIn(text, 3)) {
        const list = completionItems(await completion(client, uri, position));
        assertCompletionShape(list, `${name} ${position.line}:${position.character}`);
        assert.equal(await hover(client, uri, position), null, `${name}: no hover at ${position.line}:${position.character}`);
      }
      const start0 = completionItems(await completion(client, uri, { line: text ? 1 : 0, character: 0 })).map((item) => item.label);
      assert.ok(start0.includes('apiVersion') && start0.includes('kind'), `${name}: offers apiVersion and kind: ${start0.join(', ')}`);
      // Typing into it turns on analysis.
      client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: HEADER + 'spec:\n  hosts: [a]\n  resolution: BAD\n' }]);
      const typed = await client.waitForVersion(uri, 2);
      assert.deepEqual(typed.map((d) => d.code), ['IE122']);
    }
    assertNoCaughtExceptions(client);
    await assertStillServing(client);
  });

  it('a NUL byte: one IE103, no completion or hover, and analysis resumes when it is removed', async () => {
    const client = await start();
    const text = HEADER + 'spec:\n  hosts: [a.example.com]\n  resolution: BAD\u0000\n';
    const uri = 'file:///workspace/nul.yaml';
    client.open(uri, text);
    const diagnostics = await client.waitForVersion(uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'IE103');
    assert.match(diagnostics[0].message, /NUL/);
    assert.deepEqual(completionItems(await completion(client, uri, positionOf(text, 'resolution: ', 'resolution: '.length))), []);
    assert.equal(await hover(client, uri, positionOf(text, 'hosts', 1)), null);
    const nul = positionOf(text, '\u0000');
    client.change(uri, 2, [{ range: { start: nul, end: { line: nul.line, character: nul.character + 1 } }, text: '' }]);
    const after = await client.waitForVersion(uri, 2);
    assert.deepEqual(after.map((d) => d.code), ['IE122']);
    assertNoCaughtExceptions(client);
  });

  it('positions past the end of the file, of a line, and huge ones answer without errors', async () => {
    const client = await start();
    const uri = 'file:///workspace/probe.yaml';
    client.open(uri, PROBE);
    const diagnostics = await client.waitForVersion(uri, 1);
    const positions: Position[] = [
      { line: 8, character: 0 },
      { line: 1000, character: 0 },
      { line: 0, character: 10_000 },
      { line: 7, character: 500 },
      { line: 2_147_483_647, character: 2_147_483_647 },
    ];
    for (const position of positions) {
      const where = `${position.line}:${position.character}`;
      assertCompletionShape(await completion(client, uri, position), where);
      assertHoverShape(await hover(client, uri, position), where);
      const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics },
      });
      assert.ok(actions === null || Array.isArray(actions), where);
    }
    // Past the end of a line clamps to the line: `resolution: MESH_EXTERNAL` + 500 is still the value.
    const clamped = completionItems(await completion(client, uri, { line: 7, character: 500 })).map((item) => item.label);
    assert.ok(clamped.includes('DNS'), `past the end of the resolution line: ${clamped.join(', ')}`);
    assertNoCaughtExceptions(client);
    await assertStillServing(client);
  });

  it('requests and notifications for an unopened URI answer with nothing and do no harm', async () => {
    const client = await start();
    const uri = 'file:///workspace/never-opened.yaml';
    const position = { line: 0, character: 0 };
    assert.deepEqual(completionItems(await completion(client, uri, position)), []);
    assert.equal(await hover(client, uri, position), null);
    const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
    assert.deepEqual(actions ?? [], []);
    // Changing or closing a document that was never opened.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] });
    client.notify('textDocument/didClose', { textDocument: { uri } });
    // Other URI schemes work like files.
    const untitled = 'untitled:Untitled-1';
    client.open(untitled, PROBE);
    assert.deepEqual((await client.waitForVersion(untitled, 1)).map((d) => d.code), ['IE122']);
    assert.ok(!client.published.some((p) => p.uri === uri && p.diagnostics.length > 0), 'nothing published for the unopened URI');
    await assertStillServing(client);
  });

  it('malformed params get an error or an empty answer, and the server keeps serving', async () => {
    const client = await start();
    const uri = 'file:///workspace/probe.yaml';
    client.open(uri, PROBE);
    await client.waitForVersion(uri, 1);
    const position = { line: 7, character: 14 };
    const requests: Array<[string, unknown]> = [
      ['textDocument/completion', { textDocument: { uri } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 'seven', character: null } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: -1, character: -5 } }],
      ['textDocument/completion', { position }],
      ['textDocument/completion', { textDocument: { uri: 42 }, position }],
      ['textDocument/completion', [1, 2, 3]],
      ['textDocument/completion', null],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 2.5 } }],
      ['textDocument/hover', {}],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position } }],
      ['textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [{ code: 'IE122', source: 'istio-egress', data: { fix: 'replace', candidates: [1, {}] } }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [{ range: { start: position, end: position }, message: 'x', code: 'IE122', source: 'istio-egress', data: { fix: 'replace', candidates: ['DNS'] } }, null, 'nonsense'] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [{ message: 'x', code: 'IE101', source: 'istio-egress', data: { fix: 'tabs' } }] } }],
      ['istioEgress/noSuchMethod', { anything: true }],
    ];
    for (const [method, params] of requests) {
      const label = `${method} ${JSON.stringify(params)}`;
      let answer: unknown;
      try {
        answer = await client.request(method, params);
      } catch (error) {
        // A JSON-RPC error response is a fine answer; a timeout or a dead server is not.
        assert.ok(error && typeof (error as { code?: unknown }).code === 'number', `${label}: expected a JSON-RPC error, got ${String(error)}`);
        continue;
      }
      const empty = answer === null || (Array.isArray(answer) && answer.every((item) => typeof item === 'object' && item !== null)) || (typeof answer === 'object' && answer !== null && Array.isArray((answer as CompletionList).items));
      assert.ok(empty, `${label}: answered ${JSON.stringify(answer)?.slice(0, 200)}`);
      assert.ok(client.isAlive, `${label}: server still alive`);
    }
    await assert.rejects(client.request('istioEgress/noSuchMethod', {}), (error: { code?: number }) => error.code === -32601);

    // Malformed notifications must not take the server down either.
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///workspace/no-text.yaml', languageId: 'yaml', version: 1 } });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: 'not a list' });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    client.notify('workspace/didChangeConfiguration', { settings: { istioEgress: { severity: 'loud', maxFileSizeKB: -4, validation: 'yes' } } });
    client.notify('textDocument/didOpen', null);
    client.notify('$/noSuchNotification', { x: 1 });
    await assertStillServing(client);
  });

  it('a client that refuses to watch the YAML files (Eglot 1.9 may answer an error) keeps a working server', async () => {
    const client = await start({ refuseRequests: ['client/registerCapability'] });
    const deadline = Date.now() + 10_000;
    while (!client.logs.some((log) => log.message.includes('Watching YAML files failed')) && client.isAlive && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.ok(client.serverRequests.some((request) => request.method === 'client/registerCapability'), 'the server asked to watch files');
    assert.ok(
      client.logs.some((log) => log.type === 2 && log.message.includes('Watching YAML files failed')),
      `the refusal is logged as a warning\n${client.describe()}`,
    );
    await assertStillServing(client);
  });

  it('a flood of 200 changes followed by requests: the final version is validated and requests answer', async () => {
    const client = await start();
    const uri = 'file:///workspace/flood.yaml';
    client.open(uri, PROBE);
    const end = positionOf(PROBE, 'resolution: MESH_EXTERNAL', 'resolution: MESH_EXTERNAL'.length);
    for (let version = 2; version <= 201; version++) {
      // Type an X, then delete it again.
      const typed = version % 2 === 0;
      client.change(uri, version, [{ range: { start: end, end: typed ? end : { line: end.line, character: end.character + 1 } }, text: typed ? 'X' : '' }]);
    }
    const pending = completion(client, uri, { line: end.line, character: end.character - 3 });
    const diagnostics = await client.waitForVersion(uri, 201);
    assert.equal(client.text(uri), PROBE);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IE122']);
    assert.equal(textAt(PROBE, diagnostics[0].range), 'MESH_EXTERNAL');
    assertCompletionShape(await pending, 'after the flood');
    // Validation is debounced: far fewer publishes than changes.
    const publishes = client.published.filter((p) => p.uri === uri).length;
    assert.ok(publishes < 100, `debounced: ${publishes} publishes for 200 changes`);
  });
});
