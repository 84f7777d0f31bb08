// The bundled language server, driven through real JSON-RPC over stdio like an editor would.
import { strict as assert } from 'node:assert';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-types';
import { dedent, fixture } from '../support/fixture';
import { LspClient, positionOf, textAt, type LspClientOptions } from '../support/lspClient';
import { applyWorkspaceEdit, renderDiagnostics } from '../support/render';

const URI = 'file:///workspace/egress/service-entry.yaml';

const BROKEN = dedent(`
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata:
    name: external-api
  spec:
    hosts:
    - api.example.com
    location: MESH_EXTERNAL
    ports:
    - number: 443
      name: https
      protocol: TLS
    resolution: MESH_EXTERNAL
    resolutions: DNS
  ---
  apiVersion: networking.istio.io/v1
  kind: Destination
  metadata:
    name: external-api
  spec:
    host: api.example.com
`);

describe('LSP server over stdio', function () {
  this.timeout(120_000);
  let clients: LspClient[] = [];

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
    for (const client of clients) assert.ok(!client.isAlive, 'the server process must have ended after shutdown');
    clients = [];
  });

  function complete(client: LspClient, uri: string, position: { line: number; character: number }): Promise<CompletionList | CompletionItem[] | null> {
    return client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  }

  function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
    if (!result) return [];
    return Array.isArray(result) ? result : result.items;
  }

  it('initialize: advertises incremental sync, completion with trigger characters, hover and quick fixes', async () => {
    const client = await start();
    const { capabilities, serverInfo } = client.initializeResult;
    const sync = capabilities.textDocumentSync;
    assert.ok(typeof sync === 'object' && sync !== null, 'textDocumentSync must be an options object');
    assert.equal(sync.openClose, true);
    assert.equal(sync.change, 2, 'TextDocumentSyncKind.Incremental');
    assert.ok(capabilities.completionProvider, 'completionProvider');
    const triggers = capabilities.completionProvider.triggerCharacters ?? [];
    assert.ok(triggers.length > 0, 'completion has trigger characters');
    assert.ok(triggers.includes(':') && triggers.includes(' '), `trigger characters include ':' and ' ': ${JSON.stringify(triggers)}`);
    assert.equal(capabilities.hoverProvider, true);
    const codeActions = capabilities.codeActionProvider;
    assert.ok(typeof codeActions === 'object' && codeActions !== null, 'codeActionProvider must list its kinds');
    assert.deepEqual(codeActions.codeActionKinds, ['quickfix', 'refactor.rewrite.egressRoute']);
    assert.ok(serverInfo?.name, 'serverInfo.name');
  });

  it('pushes diagnostics for a broken ServiceEntry: codes, precise ranges, source and messages', async () => {
    const client = await start();
    client.open(URI, BROKEN);
    const diagnostics = await client.waitForVersion(URI, 1);
    assert.equal(
      renderDiagnostics(BROKEN, diagnostics),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: external-api
        spec:
          hosts:
          - api.example.com
          location: MESH_EXTERNAL
          ports:
          - number: 443
            name: https
            protocol: TLS
          resolution: MESH_EXTERNAL
                      ^^^^^^^^^^^^^ IE122 error
          resolutions: DNS
          ^^^^^^^^^^^ IE120 error
        ---
        apiVersion: networking.istio.io/v1
        kind: Destination
              ^^^^^^^^^^^ IE111 error
        metadata:
          name: external-api
        spec:
          host: api.example.com
      `),
    );
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, 'istio-egress');
      assert.ok(diagnostic.range.start.line === diagnostic.range.end.line, 'single-line ranges');
    }
    const byCode = (code: string) => diagnostics.find((d) => d.code === code)!;
    assert.equal(textAt(BROKEN, byCode('IE122').range), 'MESH_EXTERNAL');
    assert.match(byCode('IE122').message, /`MESH_EXTERNAL`.*`location`/);
    assert.match(byCode('IE122').message, /`DNS`/);
    assert.equal(textAt(BROKEN, byCode('IE120').range), 'resolutions');
    assert.match(byCode('IE120').message, /Unknown field `resolutions`.*Did you mean `resolution`\?/);
    assert.equal(textAt(BROKEN, byCode('IE111').range), 'Destination');
    assert.match(byCode('IE111').message, /Unknown kind `Destination`.*Did you mean `DestinationRule`\?/);
  });

  it('incremental edits update the diagnostics, with ranges that follow the text', async () => {
    const client = await start();
    client.open(URI, BROKEN);
    await client.waitForVersion(URI, 1);

    // Fix the value of `resolution`: only the IE122 goes away.
    const value = positionOf(BROKEN, 'resolution: MESH_EXTERNAL', 'resolution: '.length);
    client.change(URI, 2, [{ range: { start: value, end: { line: value.line, character: value.character + 'MESH_EXTERNAL'.length } }, text: 'DNS' }]);
    let diagnostics = await client.waitForVersion(URI, 2);
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['IE111', 'IE120']);
    assert.match(client.text(URI), /^ {2}resolution: DNS$/m);

    // Delete the whole `resolutions: DNS` line: everything below moves up one line.
    const line = positionOf(client.text(URI), 'resolutions: DNS').line;
    client.change(URI, 3, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
    diagnostics = await client.waitForVersion(URI, 3);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IE111'],
    );
    const text = client.text(URI);
    assert.equal(textAt(text, diagnostics[0].range), 'Destination');
    assert.equal(diagnostics[0].range.start.line, positionOf(text, 'kind: Destination').line);

    // Two edits in one notification, applied in order: fix the kind and type a new bad key.
    const kind = positionOf(text, 'Destination');
    const spec = positionOf(text, 'host: api.example.com', 0, 1);
    client.change(URI, 4, [
      { range: { start: { line: kind.line, character: kind.character + 'Destination'.length }, end: { line: kind.line, character: kind.character + 'Destination'.length } }, text: 'Rule' },
      { range: { start: { line: spec.line, character: spec.character + 'host: api.example.com'.length }, end: { line: spec.line, character: spec.character + 'host: api.example.com'.length } }, text: '\n  exportTo: ["."]\n  subsets: yes' },
    ]);
    diagnostics = await client.waitForVersion(URI, 4);
    assert.equal(
      renderDiagnostics(client.text(URI), diagnostics).split('---\n')[1],
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: external-api
        spec:
          host: api.example.com
          exportTo: ["."]
          subsets: yes
                   ^^^ IE121 error
      `),
    );
  });

  it('completes the values of `resolution` and the missing keys of `spec`', async () => {
    const client = await start();
    const values = fixture(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: external-api
      spec:
        hosts: [api.example.com]
        resolution: $0
    `);
    client.open(URI, values.text);
    const valueItems = items(await complete(client, URI, values.cursor!));
    assert.deepEqual(valueItems.map((item) => item.label).sort(), ['DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS', 'NONE', 'STATIC']);
    const dns = valueItems.find((item) => item.label === 'DNS')!;
    const edit = dns.textEdit && 'range' in dns.textEdit ? dns.textEdit : undefined;
    assert.ok(edit, 'value items carry a textEdit');
    assert.deepEqual(edit.range.start, values.cursor);

    const keysUri = 'file:///workspace/egress/keys.yaml';
    const keys = fixture(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: external-api
      spec:
        location: MESH_EXTERNAL
        $0
        resolution: DNS
    `);
    client.open(keysUri, keys.text);
    const keyItems = items(await complete(client, keysUri, keys.cursor!));
    const labels = keyItems.map((item) => item.label);
    for (const expected of ['hosts', 'ports', 'endpoints', 'exportTo', 'addresses']) assert.ok(labels.includes(expected), `offers ${expected}: ${labels.join(', ')}`);
    for (const present of ['location', 'resolution']) assert.ok(!labels.includes(present), `does not offer ${present}, already in spec`);
    assert.ok(!labels.includes('apiVersion') && !labels.includes('host'), 'only ServiceEntry spec keys');
    const hosts = keyItems.find((item) => item.label === 'hosts')!;
    const hostsEdit = hosts.textEdit && 'range' in hosts.textEdit ? hosts.textEdit : undefined;
    assert.ok(hostsEdit);
    assert.match(hostsEdit.newText, /^hosts:/);
  });

  it('hover on a key shows markdown documentation with a link to istio.io', async () => {
    const client = await start();
    client.open(URI, BROKEN);
    const position = positionOf(BROKEN, 'location: MESH_EXTERNAL', 3);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position });
    assert.ok(hover, 'hover on `location` answers');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\*\*location\*\*/);
    assert.match(contents.value, /\]\(https:\/\/istio\.io\/[^)\s]*service-entry[^)\s]*\)/);
    assert.ok(hover.range, 'hover has a range');
    assert.equal(textAt(BROKEN, hover.range), 'location');

    // On a value of an enum: the value's own documentation.
    const onValue = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(BROKEN, 'protocol: TLS', 'protocol: '.length + 1) });
    assert.ok(onValue);
    assert.match((onValue.contents as MarkupContent).value, /TLS/);
    assert.equal(textAt(BROKEN, onValue.range!), 'TLS');
  });

  it('a quick fix for IE120 returns a WorkspaceEdit that repairs the text, and the diagnostic then goes away', async () => {
    const client = await start();
    const text = dedent(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: external-api
      spec:
        hosts:
        - api.example.com
        resolutions: DNS
    `);
    client.open(URI, text);
    const diagnostics = await client.waitForVersion(URI, 1);
    const unknown = diagnostics.find((d) => d.code === 'IE120');
    assert.ok(unknown, `IE120 reported: ${JSON.stringify(diagnostics)}`);
    const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: unknown.range,
      context: { diagnostics: [unknown], only: ['quickfix'], triggerKind: 1 },
    });
    assert.ok(actions && actions.length > 0, 'at least one action');
    const fix = actions.find((action) => action.isPreferred) ?? actions[0];
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.title, "Change to 'resolution'");
    assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['IE120']);
    const fixed = applyWorkspaceEdit(URI, text, fix.edit);
    assert.equal(fixed, text.replace('resolutions: DNS', 'resolution: DNS'));

    // Apply it as the editor would: the problem is gone.
    const edits = fix.edit!.changes![URI];
    client.change(URI, 2, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
    assert.equal(client.text(URI), fixed);
    assert.deepEqual(await client.waitForVersion(URI, 2), []);
  });

  it('a code action request for a diagnostic from another source gets no quick fix', async () => {
    const client = await start();
    client.open(URI, BROKEN);
    const diagnostics = await client.waitForVersion(URI, 1);
    const foreign: Diagnostic = { ...diagnostics.find((d) => d.code === 'IE120')!, source: 'yaml' };
    const actions = await client.request<CodeAction[] | null>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: foreign.range,
      context: { diagnostics: [foreign] },
    });
    assert.deepEqual(actions ?? [], []);
  });

  it('settings: `severity: {IE112: off}` read through workspace/configuration silences IE112 after didChangeConfiguration', async () => {
    const client = await start({ configuration: true, settings: {} });
    const legacy = BROKEN.replace(/networking\.istio\.io\/v1$/gm, 'networking.istio.io/v1beta1');
    client.open(URI, legacy);
    const before = await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.some((d) => d.code === 'IE112'));
    // Only the ServiceEntry: IE112 is not reported for the unknown kind `Destination`.
    assert.equal(before.filter((d) => d.code === 'IE112').length, 1);
    const legacyCode = before.find((d) => d.code === 'IE112')!;
    assert.equal(legacyCode.severity, 4, 'IE112 is a hint by default');
    assert.equal(textAt(legacy, legacyCode.range), 'networking.istio.io/v1beta1');

    const requestsBefore = client.configurationRequests.length;
    const since = client.publishCount;
    client.settings = { severity: { IE112: 'off', IE120: 'warning' } };
    // A pull client sends no settings in the notification: the server must ask for them.
    client.notify('workspace/didChangeConfiguration', { settings: null });
    const after = await client.waitForDiagnostics(URI, (diagnostics) => !diagnostics.some((d) => d.code === 'IE112'), undefined, since);
    assert.ok(client.configurationRequests.length > requestsBefore, 'the server pulled the configuration');
    assert.ok(
      client.configurationRequests.slice(requestsBefore).some((request) => request.items.some((item) => item.section === 'istioEgress')),
      `asked for the istioEgress section: ${JSON.stringify(client.configurationRequests)}`,
    );
    assert.deepEqual(after.map((d) => d.code).sort(), ['IE111', 'IE120', 'IE122']);
    assert.equal(after.find((d) => d.code === 'IE120')!.severity, 2, 'IE120 lowered to a warning');

    // And back on.
    const again = client.publishCount;
    client.settings = {};
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.filter((d) => d.code === 'IE112').length === 1, undefined, again);
  });

  it('settings: a client without workspace/configuration uses initializationOptions and pushed settings', async () => {
    const client = await start({ configuration: false, initializationOptions: { settings: { severity: { IE112: 'off' } } } });
    const legacy = BROKEN.replace(/networking\.istio\.io\/v1$/gm, 'networking.istio.io/v1beta1');
    client.open(URI, legacy);
    const first = await client.waitForVersion(URI, 1);
    assert.deepEqual(first.map((d) => d.code).sort(), ['IE111', 'IE120', 'IE122']);

    const since = client.publishCount;
    client.notify('workspace/didChangeConfiguration', { settings: { istioEgress: { severity: { IE112: 'error' }, validation: { enable: true } } } });
    const pushed = await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.some((d) => d.code === 'IE112'), undefined, since);
    assert.deepEqual(pushed.filter((d) => d.code === 'IE112').map((d) => d.severity), [1]);
    assert.equal(client.configurationRequests.length, 0, 'never asks a client that did not declare workspace.configuration');

    const disabled = client.publishCount;
    client.notify('workspace/didChangeConfiguration', { settings: { istioEgress: { validation: { enable: false } } } });
    await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.length === 0, undefined, disabled);
  });

  it('closing a document clears its diagnostics with an empty publish', async () => {
    const client = await start();
    const other = 'file:///workspace/egress/other.yaml';
    client.open(URI, BROKEN);
    client.open(other, BROKEN);
    await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.length > 0);
    await client.waitForDiagnostics(other, (diagnostics) => diagnostics.length > 0);
    const since = client.publishCount;
    client.close(URI);
    await client.waitForDiagnostics(URI, (diagnostics) => diagnostics.length === 0, undefined, since);
    // The other document keeps its diagnostics, and the closed one answers no more requests.
    assert.ok(client.latestDiagnostics(other)!.diagnostics.length > 0);
    assert.deepEqual(items(await complete(client, URI, positionOf(BROKEN, 'resolution: ', 12))), []);
    // Nothing is published for it again afterwards (a late validation would resurrect stale problems).
    const probe = 'file:///workspace/egress/probe.yaml';
    client.open(probe, BROKEN);
    await client.waitForDiagnostics(probe, (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(client.latestDiagnostics(URI)!.diagnostics, []);
  });

  describe('non-Istio YAML is left alone', () => {
    const deployment = fixture(`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        resolution: MESH_EXTERNAL
        $0
        template:
          spec:
            containers:
            - name: web
              image: nginx:1.27
    `);
    const compose = fixture(`
      services:
        web:
          image: nginx
          ports:
            - "8080:80"
          $0
        db:
          image: postgres:16
          environment:
            POSTGRES_PASSWORD: example
    `);

    for (const [name, file] of [['a Kubernetes Deployment', deployment], ['a docker-compose file', compose]] as const) {
      it(`${name}: empty diagnostics, no completions, no hover`, async () => {
        const client = await start();
        const uri = `file:///workspace/${name.replace(/\W+/g, '-')}.yaml`;
        client.open(uri, file.text);
        const diagnostics = await client.waitForVersion(uri, 1);
        assert.deepEqual(diagnostics, []);
        assert.deepEqual(items(await complete(client, uri, file.cursor!)), []);
        assert.deepEqual(items(await complete(client, uri, { line: 0, character: 0 })), []);
        const valueLine = positionOf(file.text, 'image: ', 'image: '.length);
        assert.deepEqual(items(await complete(client, uri, valueLine)), []);
        assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }), null);
      });
    }
  });

  it('a client without snippet support gets plain-text completions only', async () => {
    const text = dedent(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: external-api
      spec:
        
    `);
    const cursor = { line: 5, character: 2 };
    const emptyUri = 'file:///workspace/empty.yaml';

    const collect = async (client: LspClient) => {
      client.open(URI, text);
      client.open(emptyUri, '');
      return [...items(await complete(client, URI, cursor)), ...items(await complete(client, emptyUri, { line: 0, character: 0 }))];
    };
    const insertTexts = (list: CompletionItem[]) => list.map((item) => (item.textEdit ? item.textEdit.newText : (item.insertText ?? item.label)));

    // The same requests with snippets enabled do produce placeholders, so the check below means something.
    const withSnippets = await collect(await start({ snippetSupport: true }));
    assert.ok(insertTexts(withSnippets).some((insert) => /\$\{?\d/.test(insert)), 'snippet clients get placeholders');

    const plain = await collect(await start({ snippetSupport: false }));
    assert.ok(plain.length > 5, `completions offered: ${plain.length}`);
    assert.ok(plain.some((item) => item.label === 'hosts'));
    for (const item of plain) {
      assert.notEqual(item.insertTextFormat, 2, `${item.label} must not be a snippet`);
      for (const insert of insertTexts([item])) assert.doesNotMatch(insert, /\$\{?\d/, `${item.label}: ${insert}`);
    }
  });
});
