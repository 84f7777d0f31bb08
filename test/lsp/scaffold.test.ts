// The egress route scaffold through the bundled server over stdio: the generate request for every
// mode (its text, opened in the server, gets no problem), its errors, the defaults request, and
// "Route this host through the egress gateway" as code actions, CodeLenses and their command.
import { strict as assert } from 'node:assert';
import type { ApplyWorkspaceEditParams } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity, type CodeAction, type CodeLens } from 'vscode-languageserver-types';
import { EGRESS_ROUTE_DEFAULTS_REQUEST, GENERATE_EGRESS_ROUTE_REQUEST, type EgressRouteDefaults, type GenerateEgressRouteResult } from '../../server/src/protocol';
import { dedent } from '../support/fixture';
import { LspClient, type LspClientOptions } from '../support/lspClient';
import { applyWorkspaceEdit } from '../support/render';

const TCP_SETTINGS = {
  gateways: [
    {
      service: 'istio-egressgateway',
      namespace: 'istio-system',
      labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
      ports: [
        { number: 80, name: 'http2', protocol: 'HTTP2' },
        { number: 443, name: 'https', protocol: 'HTTPS' },
        { number: 27017, name: 'tcp-mongo', protocol: 'TCP' },
      ],
    },
  ],
};

const NEWS = dedent(`
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata:
    name: news
  spec:
    hosts:
    - news.example.org
    ports:
    - number: 80
      name: http
      protocol: HTTP
    - number: 443
      name: https
      protocol: HTTPS
    resolution: DNS
`);

describe('LSP: egress route scaffold', function () {
  this.timeout(120_000);
  let clients: LspClient[] = [];

  /** Settings go in initializationOptions too, so that the first request already sees them. */
  async function start(options: LspClientOptions = {}): Promise<LspClient> {
    const client = await LspClient.start({ ...options, initializationOptions: { settings: options.settings ?? {} } });
    clients.push(client);
    return client;
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') for (const client of clients) console.error(`--- server output:\n${client.describe()}`);
    await Promise.all(clients.map((client) => client.shutdown()));
    clients = [];
  });

  /** Opens a text and returns its problems (everything but hints) once the server published them. */
  async function problemsOf(client: LspClient, uri: string, text: string): Promise<string[]> {
    client.open(uri, text);
    const diagnostics = await client.waitForVersion(uri, 1);
    return diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);
  }

  it('answers the generate request for every mode with text that opens without problems', async () => {
    const client = await start({ settings: TCP_SETTINGS });
    const cases = [
      { host: 'news.example.org', mode: 'http' },
      { host: 'secure.example.org', mode: 'tls-passthrough', namespace: 'shop', registryOnly: true },
      { host: 'legacy.example.org', mode: 'tls-origination', namespace: 'media' },
      { host: 'orders-db.example.internal', mode: 'tcp', port: 27017, addresses: ['192.0.2.15'], namespace: 'orders' },
      { host: '*.docs.example.net', mode: 'tls-passthrough', namespace: 'docs' },
    ];
    for (const [index, inputs] of cases.entries()) {
      const result = await client.request<GenerateEgressRouteResult>(GENERATE_EGRESS_ROUTE_REQUEST, inputs);
      assert.match(result.text, /^kind: VirtualService$/m, inputs.mode);
      assert.ok(result.resources.some((resource) => resource.kind === 'Gateway'), inputs.mode);
      assert.deepEqual(await problemsOf(client, `file:///workspace/route-${index}.yaml`, result.text), [], `${inputs.mode}:\n${result.text}`);
    }
  });

  it('refuses invalid inputs with a readable error naming the fields', async () => {
    const client = await start();
    await assert.rejects(client.request(GENERATE_EGRESS_ROUTE_REQUEST, { host: 'not a host', mode: 'http', port: 0 }), (error: { code: number; message: string; data: { problems: Array<{ field: string }> } }) => {
      assert.equal(error.code, -32602, 'InvalidParams');
      assert.match(error.message, /`not a host` is not a valid host name/);
      assert.match(error.message, /Port must be a whole number from 1 to 65535/);
      assert.deepEqual(error.data.problems.map((problem) => problem.field), ['host', 'port']);
      return true;
    });
    await assert.rejects(client.request(GENERATE_EGRESS_ROUTE_REQUEST, null), /Enter the external host/);
    assert.deepEqual(client.loggedErrors, []);
  });

  it('answers the defaults from the settings', async () => {
    const client = await start({ settings: { defaultNamespace: 'shop' } });
    const defaults = await client.request<EgressRouteDefaults>(EGRESS_ROUTE_DEFAULTS_REQUEST);
    assert.equal(defaults.namespace, 'shop');
    assert.deepEqual(defaults.gateways[0], { service: 'istio-egressgateway', namespace: 'istio-system', labels: { app: 'istio-egressgateway', istio: 'egressgateway' }, role: 'egress', ports: defaults.gateways[0].ports });
    assert.deepEqual(defaults.ports, { http: 80, 'tls-passthrough': 443, 'tls-origination': 80 });
  });

  it('offers the route on a ServiceEntry as refactorings; applied, the file stays clean', async () => {
    const client = await start();
    const uri = 'file:///workspace/news.yaml';
    assert.deepEqual(await problemsOf(client, uri, NEWS), []);
    const at = { line: 6, character: 4 };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor'] } });
    assert.deepEqual(actions.map((action) => action.title), [
      'Route news.example.org through the egress gateway: HTTP on port 80',
      'Route news.example.org through the egress gateway: TLS origination, port 80 → 443',
      'Route news.example.org through the egress gateway: TLS passthrough on port 443',
    ]);
    const quickFixesOnly = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(quickFixesOnly, []);
    const routed = applyWorkspaceEdit(uri, NEWS, actions[1].edit);
    client.change(uri, 2, [{ text: routed }]);
    const diagnostics = await client.waitForVersion(uri, 2);
    assert.deepEqual(diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint), []);
  });

  it('shows the routes as CodeLenses whose command applies the edit through workspace/applyEdit', async () => {
    const client = await start();
    const capabilities = client.initializeResult.capabilities;
    assert.ok(capabilities.codeLensProvider, 'codeLensProvider');
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ['istioEgress.routeServiceEntry']);
    const edits: ApplyWorkspaceEditParams[] = [];
    client.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      edits.push(params);
      return { applied: true };
    });
    const uri = 'file:///workspace/news.yaml';
    await problemsOf(client, uri, NEWS);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((lens) => lens.command?.title), ['Route this host through the egress gateway: HTTP on port 80', 'TLS origination, port 80 → 443', 'TLS passthrough on port 443']);
    assert.equal(lenses[0].range.start.line, 1, 'on the `kind: ServiceEntry` line');
    await client.request('workspace/executeCommand', { command: lenses[2].command!.command, arguments: lenses[2].command!.arguments });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].label, 'Route news.example.org through the egress gateway');
    assert.match(applyWorkspaceEdit(uri, NEWS, edits[0].edit), /tls:\n {6}mode: PASSTHROUGH/);
    // A lens whose route no longer applies (e.g. after an edit) only says so.
    await client.request('workspace/executeCommand', { command: 'istioEgress.routeServiceEntry', arguments: [{ uri, host: 'news.example.org', mode: 'tcp', port: 80 }] });
    assert.equal(edits.length, 1);
    assert.ok(client.logs.some((log) => /can no longer be routed/.test(log.message)));
    assert.deepEqual(client.loggedErrors, []);
  });
});
