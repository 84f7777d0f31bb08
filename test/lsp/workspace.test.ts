// The server indexes the workspace folder from disk and keeps diagnostics of open files in step
// with changes to other files: edits in open buffers, file events, closing a buffer.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
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
const DESTINATION_RULE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
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
    - gateways: [mesh]
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: httpbin
        port: {number: 80}
  - match:
    - gateways: [istio-system/egress]
      port: 80
    route:
    - destination:
        host: httpbin.org
        port: {number: 80}
`;
const SERVICE_ENTRY = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
`;

describe('workspace indexing over LSP', function () {
  let folder: string;
  let client: LspClient | undefined;
  const uri = (name: string) => pathToFileURL(join(folder, name)).toString();
  const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'istio-egress-ws-'));
    mkdirSync(join(folder, 'egress'));
    mkdirSync(join(folder, 'node_modules', 'pkg'), { recursive: true });
    mkdirSync(join(folder, 'ignored'));
    writeFileSync(join(folder, 'egress', 'gateway.yaml'), GATEWAY);
    writeFileSync(join(folder, 'egress', 'dr.yaml'), DESTINATION_RULE);
    writeFileSync(join(folder, 'egress', 'se.yaml'), SERVICE_ENTRY);
    writeFileSync(join(folder, 'egress', 'vs.yaml'), VIRTUAL_SERVICE);
    writeFileSync(join(folder, 'node_modules', 'pkg', 'gateway.yaml'), GATEWAY.replace('name: egress', 'name: from-node-modules'));
    writeFileSync(join(folder, 'ignored', 'gateway.yaml'), GATEWAY.replace('name: egress', 'name: ignored'));
    writeFileSync(join(folder, 'values.yaml'), 'replicaCount: 2\nimage: nginx\n');
  });

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  async function start(settings: Record<string, unknown> = {}): Promise<LspClient> {
    client = await LspClient.start({ workspaceFolder: folder, settings, workDoneProgress: true });
    await waitForStatus(client, (status) => status.state === 'ready');
    return client;
  }

  it('indexes the folder at start (skipping node_modules and excluded globs) and reports progress and status', async () => {
    const c = await start({ exclude: ['ignored/**'] });
    const status = lastStatus(c)!;
    assert.deepEqual({ resources: status.resources, files: status.files }, { resources: 4, files: 4 });
    assert.ok(c.serverRequests.some((request) => request.method === 'window/workDoneProgress/create'), 'progress was created');
    // Without `watchesFiles`, the server asks the client to watch YAML files.
    assert.ok(c.serverRequests.some((request) => request.method === 'client/registerCapability' && JSON.stringify(request.params).includes('workspace/didChangeWatchedFiles')));
  });

  it('an open VirtualService sees the DestinationRule on disk, and an edit in another open file changes its diagnostics', async () => {
    const c = await start();
    c.open(uri('egress/vs.yaml'), VIRTUAL_SERVICE);
    assert.deepEqual(codes(await c.waitForVersion(uri('egress/vs.yaml'), 1)), []);

    c.open(uri('egress/dr.yaml'), DESTINATION_RULE);
    await c.waitForVersion(uri('egress/dr.yaml'), 1);
    const name = positionOf(DESTINATION_RULE, '- name: httpbin', '- name: '.length);
    c.change(uri('egress/dr.yaml'), 2, [{ range: { start: name, end: { line: name.line, character: name.character + 'httpbin'.length } }, text: 'other' }]);
    const broken = await c.waitForDiagnostics(uri('egress/vs.yaml'), (d) => d.some((x) => x.code === 'IE301'));
    assert.ok(broken.find((d) => d.code === 'IE301')!.relatedInformation?.some((r) => r.location.uri === uri('egress/dr.yaml')));

    // Closing the unsaved buffer falls back to the file on disk, which still defines the subset.
    c.close(uri('egress/dr.yaml'));
    await c.waitForDiagnostics(uri('egress/vs.yaml'), (d) => !d.some((x) => x.code === 'IE301'));
  });

  it('file events: a Gateway renamed on disk, then deleted, then created again', async () => {
    const c = await start();
    c.open(uri('egress/vs.yaml'), VIRTUAL_SERVICE);
    assert.deepEqual(codes(await c.waitForVersion(uri('egress/vs.yaml'), 1)), []);

    writeFileSync(join(folder, 'egress', 'gateway.yaml'), GATEWAY.replace('name: egress', 'name: egress-renamed'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('egress/gateway.yaml'), type: 2 }] });
    await c.waitForDiagnostics(uri('egress/vs.yaml'), (d) => d.some((x) => x.code === 'IE300'));

    rmSync(join(folder, 'egress', 'gateway.yaml'));
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('egress/gateway.yaml'), type: 3 }] });
    writeFileSync(join(folder, 'egress', 'gateway-new.yaml'), GATEWAY);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('egress/gateway-new.yaml'), type: 1 }] });
    await c.waitForDiagnostics(uri('egress/vs.yaml'), (d) => !d.some((x) => x.code === 'IE300'));
    // gateway-new, dr, se, vs and ignored/gateway (nothing is excluded in this test).
    await waitForStatus(c, (status) => status.files === 5 && status.resources === 5);
  });
});

interface Status {
  state: string;
  resources: number;
  files: number;
}

function lastStatus(client: LspClient): Status | undefined {
  const all = client.notifications.filter((n) => n.method === 'istioEgress/status');
  return all[all.length - 1]?.params as Status | undefined;
}

async function waitForStatus(client: LspClient, predicate: (status: Status) => boolean, timeoutMs = 30_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = lastStatus(client);
    if (status && predicate(status)) return status;
    if (Date.now() > deadline) throw new Error(`status not reached; last: ${JSON.stringify(status)}\n${client.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
