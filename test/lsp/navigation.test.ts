// Cross-file navigation and reference completion through real JSON-RPC.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, DocumentSymbol, Location, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient, positionOf } from '../support/lspClient';

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: istio-system
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [httpbin.org]
`;
const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  gateways: [mesh, istio-system/egress]
  http:
  - match:
    - gateways: [istio-system/egress]
      port: 80
    route:
    - destination:
        host: httpbin.org
        port: {number: 80}
`;

describe('navigation over LSP', function () {
  let folder: string;
  let client: LspClient | undefined;
  const uri = (name: string) => pathToFileURL(join(folder, name)).toString();

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'istio-egress-nav-'));
    mkdirSync(join(folder, 'egress'));
    writeFileSync(join(folder, 'egress', 'gateway.yaml'), GATEWAY);
    writeFileSync(join(folder, 'egress', 'vs.yaml'), VIRTUAL_SERVICE);
    client = await LspClient.start({ workspaceFolder: folder });
    const deadline = Date.now() + 30_000;
    while (!client.notifications.some((n) => n.method === 'istioEgress/status' && (n.params as { state: string }).state === 'ready')) {
      if (Date.now() > deadline) throw new Error('indexing did not finish');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    client.open(uri('egress/vs.yaml'), VIRTUAL_SERVICE);
    await client.waitForVersion(uri('egress/vs.yaml'), 1);
  });

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  const at = (needle: string, shift = 0, occurrence = 1) => ({ textDocument: { uri: uri('egress/vs.yaml') }, position: positionOf(VIRTUAL_SERVICE, needle, shift, occurrence) });

  it('declares the navigation capabilities', () => {
    const capabilities = client!.initializeResult.capabilities;
    assert.ok(capabilities.definitionProvider && capabilities.referencesProvider && capabilities.documentSymbolProvider && capabilities.workspaceSymbolProvider);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  });

  it('goes to the Gateway in another file and finds every reference to it', async () => {
    const definition = await client!.request<Location[]>('textDocument/definition', at('istio-system/egress', 'istio-system/'.length));
    assert.deepEqual(definition.map((l) => [l.uri, l.range.start.line]), [[uri('egress/gateway.yaml'), 3]]);
    const references = await client!.request<Location[]>('textDocument/references', { ...at('istio-system/egress', 14), context: { includeDeclaration: true } });
    assert.deepEqual(
      references.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line}`).sort(),
      ['gateway.yaml:3', 'vs.yaml:10', 'vs.yaml:7'],
    );
  });

  it('renames the Gateway across both files, and refuses an invalid name with a message', async () => {
    const prepared = await client!.request<{ placeholder: string }>('textDocument/prepareRename', at('istio-system/egress', 14));
    assert.equal(prepared.placeholder, 'egress');
    const edit = await client!.request<WorkspaceEdit>('textDocument/rename', { ...at('istio-system/egress', 14), newName: 'egress-httpbin' });
    const files = Object.keys(edit.changes ?? {}).map((u) => u.slice(u.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(files, ['gateway.yaml', 'vs.yaml']);
    assert.ok(Object.values(edit.changes!).every((edits) => edits.every((e) => e.newText === 'egress-httpbin')));
    await assert.rejects(client!.request('textDocument/rename', { ...at('istio-system/egress', 14), newName: 'Not Valid' }), /DNS|label|name/i);
  });

  it('lists document symbols and workspace symbols', async () => {
    const symbols = await client!.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri('egress/vs.yaml') } });
    assert.deepEqual(symbols.map((s) => s.name), ['VirtualService httpbin']);
    const found = await client!.request<SymbolInformation[]>('workspace/symbol', { query: 'egress' });
    assert.ok(found.some((s) => s.name.includes('Gateway') && s.location.uri === uri('egress/gateway.yaml')));
  });

  it('completes gateway references from the workspace', async () => {
    const text = VIRTUAL_SERVICE.replace('gateways: [mesh, istio-system/egress]\n', 'gateways: [mesh, ]\n');
    client!.change(uri('egress/vs.yaml'), 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, text }]);
    const list = await client!.request<CompletionList>('textDocument/completion', { textDocument: { uri: uri('egress/vs.yaml') }, position: positionOf(text, 'gateways: [mesh, ', 'gateways: [mesh, '.length) });
    assert.ok(list.items.some((item) => item.label === 'istio-system/egress'), JSON.stringify(list.items.map((i) => i.label)));
  });
});
