import { strict as assert } from 'node:assert';
import type { DocumentSymbol, Range } from 'vscode-languageserver-types';
import { fixture } from '../../support/fixture';
import { loadWorkspace } from '../../support/workspace';
import { newService } from '../../support/service';

const FILE = `
# Egress to httpbin.org through the egress gateway.
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  ports: [{number: 80, name: http, protocol: HTTP}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  namespace: shop
  name: egressgateway-for-httpbin
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - labels: {}
    name: httpbin
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: sleep}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  http:
  - name: to-gateway
    route:
    - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: httpbin}
`;

const lines = (range: Range) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

/** `name [range] @selection`, children indented below their parent. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.name} [${lines(symbol.range)}] @${lines(symbol.selectionRange)}`,
    ...outline(symbol.children ?? [], depth + 1),
  ]);
}

describe('document symbols', () => {
  it('gives one symbol per resource, spanning its document, selecting its name, with its parts as children', () => {
    const file = fixture(FILE);
    assert.deepEqual(outline(newService().findDocumentSymbols(file.document)), [
      'ServiceEntry httpbin [1:1-9:52] @5:9-5:16',
      '  httpbin.org [8:11-8:22] @8:11-8:22',
      'DestinationRule egressgateway-for-httpbin [10:1-20:18] @15:9-15:34',
      // A subset's name on a later line than its item still lies inside the child's range.
      '  httpbin [19:5-20:18] @20:11-20:18',
      'Deployment sleep [21:1-24:24] @24:18-24:23',
      'VirtualService httpbin [25:1-34:95] @28:18-28:25',
      '  http[0] to-gateway → istio-egressgateway.istio-system.svc.cluster.local [32:5-32:21] @32:5-32:21',
    ]);
  });

  it('outlines a half-written document too', () => {
    const file = fixture(`${FILE}---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: eg\nspec:\n  servers:\n  - port: {number: 80, protocol: HTTP}\n    hosts: [\n`);
    const names = outline(newService().findDocumentSymbols(file.document)).map((entry) => entry.replace(/ \[.*$/, ''));
    assert.deepEqual(names.slice(-2), ['Gateway eg', '  80/HTTP']);
  });
});

describe('workspace symbols', () => {
  const WORKSPACE = `
    #- /shop/egress.yaml
    ${FILE.trim().split('\n').join('\n    ')}
    #- /istio-system/gateway.yaml
    apiVersion: networking.istio.io/v1
    kind: Gateway
    metadata: {name: egress-httpbin, namespace: istio-system}
    spec:
      selector: {istio: egressgateway}
      servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [httpbin.org]}]
  `;
  const symbols = (query: string) =>
    loadWorkspace(WORKSPACE)
      .service.findWorkspaceSymbols(query)
      .map((symbol) => `${symbol.name} (${symbol.containerName}) ${symbol.location.uri.replace('file:///workspace', '')}:${symbol.location.range.start.line + 1}`);

  it('lists every indexed resource for an empty query', () => {
    assert.equal(symbols('').length, 4);
  });

  it('ranks names containing the query first, then kind, namespace or hosts, then letters in order', () => {
    assert.deepEqual(symbols('httpbin'), [
      'DestinationRule egressgateway-for-httpbin (shop) /shop/egress.yaml:15',
      'Gateway egress-httpbin (istio-system) /istio-system/gateway.yaml:3',
      'ServiceEntry httpbin (shop) /shop/egress.yaml:5',
      'VirtualService httpbin (shop) /shop/egress.yaml:28',
    ]);
    assert.deepEqual(symbols('gateway'), [
      'DestinationRule egressgateway-for-httpbin (shop) /shop/egress.yaml:15',
      'Gateway egress-httpbin (istio-system) /istio-system/gateway.yaml:3',
    ]);
    assert.deepEqual(symbols('virtualhttp'), ['VirtualService httpbin (shop) /shop/egress.yaml:28']);
    assert.deepEqual(symbols('HTTPBIN.ORG').map((entry) => entry.split(' (')[0]), ['ServiceEntry httpbin', 'VirtualService httpbin']);
    assert.deepEqual(symbols('nothing-like-this'), []);
  });
});
