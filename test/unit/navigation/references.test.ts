import { strict as assert } from 'node:assert';
import type { Location } from 'vscode-languageserver-types';
import { loadWorkspace } from '../../support/workspace';

// TLS passthrough through the egress gateway: the host appears in every kind of place.
const PASSTHROUGH = `
#- /istio-system/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: istio-system
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [edition.cnn.com]
    tls: {mode: PASSTHROUGH}
#- /shop/cnn.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: cnn
  namespace: shop
spec:
  hosts: [edition.cnn.com]
  ports: [{number: 443, name: tls, protocol: TLS}]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cnn-through-egress
  namespace: shop
spec:
  hosts: [edition.cnn.com]
  gateways: [mesh, istio-system/egress]
  tls:
  - match:
    - {gateways: [mesh], port: 443, sniHosts: [edition.cnn.com]}
    route:
    - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: {number: 443}}
  - match:
    - {gateways: [istio-system/egress], port: 443, sniHosts: [edition.cnn.com]}
    route:
    - destination: {host: edition.cnn.com, port: {number: 443}}
#- /istio-system/legacy.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: legacy
  namespace: istio-system
spec:
  hosts: [legacy.example.com]
  gateways: [egress, egress.istio-system]
  http:
  - route:
    - destination: {host: istio-egressgateway, subset: cnn}
`;

function withCursor(source: string, before: string): string {
  if (!source.includes(before)) throw new Error(`no '${before}' in the fixture`);
  return source.replace(before, () => `${before}$0`);
}

/** References at the cursor as `path:line:column text`, sorted like a references panel (by file, then line). */
function references(source: string, includeDeclaration = true): string[] {
  const { service, files } = loadWorkspace(source);
  const file = files.find((candidate) => candidate.cursor)!;
  const byPlace = (a: Location, b: Location) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const render = (location: Location) => {
    const target = files.find((candidate) => candidate.uri === location.uri)!;
    return `${target.path}:${location.range.start.line + 1}:${location.range.start.character + 1} ${target.document.getText(location.range)}`;
  };
  return service.findReferences(file.document, file.cursor!, includeDeclaration).sort(byPlace).map(render);
}

describe('find references', () => {
  const gatewayReferences = [
    '/istio-system/legacy.yaml:8:14 egress',
    '/istio-system/legacy.yaml:8:22 egress.istio-system',
    '/shop/cnn.yaml:28:20 istio-system/egress',
    '/shop/cnn.yaml:35:19 istio-system/egress',
  ];

  it('lists the Gateway and every VirtualService entry naming it, in any form', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'name: egr')), ['/istio-system/gateway.yaml:4:9 egress', ...gatewayReferences]);
  });

  it('leaves the declaration out when the client asks so', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'name: egr'), false), gatewayReferences);
  });

  it('finds the same from any of the references', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'gateways: [egr')), ['/istio-system/gateway.yaml:4:9 egress', ...gatewayReferences]);
    assert.deepEqual(references(withCursor(PASSTHROUGH, '{gateways: [istio-system/eg'), false), gatewayReferences);
  });

  const cnnUses = [
    '/istio-system/gateway.yaml:10:13 edition.cnn.com',
    '/shop/cnn.yaml:27:11 edition.cnn.com',
    '/shop/cnn.yaml:31:48 edition.cnn.com',
    '/shop/cnn.yaml:35:63 edition.cnn.com',
    '/shop/cnn.yaml:37:27 edition.cnn.com',
  ];

  it('finds every use of a ServiceEntry host: Gateway servers, VirtualService hosts, SNI hosts and destinations', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, '  hosts: [edition.cnn')), [...cnnUses.slice(0, 1), '/shop/cnn.yaml:7:11 edition.cnn.com', ...cnnUses.slice(1)]);
    assert.deepEqual(references(withCursor(PASSTHROUGH, '  hosts: [edition.cnn'), false), cnnUses);
  });

  it('finds the same from a destination, with the ServiceEntry host as the declaration', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, '{host: edition'), false), cnnUses);
    assert.ok(references(withCursor(PASSTHROUGH, '{host: edition')).includes('/shop/cnn.yaml:7:11 edition.cnn.com'));
  });

  it('matches short names by what they resolve to', () => {
    // In istio-system, `istio-egressgateway` is the egress gateway's FQDN written short.
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'host: istio-egressgateway.istio-system.svc')), [
      '/istio-system/legacy.yaml:11:27 istio-egressgateway',
      '/shop/cnn.yaml:17:9 istio-egressgateway.istio-system.svc.cluster.local',
      '/shop/cnn.yaml:33:27 istio-egressgateway.istio-system.svc.cluster.local',
    ]);
  });

  it('lists the subset and the destinations using it for that host', () => {
    const expected = ['/istio-system/legacy.yaml:11:56 cnn', '/shop/cnn.yaml:19:11 cnn', '/shop/cnn.yaml:33:87 cnn'];
    assert.deepEqual(references(withCursor(PASSTHROUGH, '- name: cn')), expected);
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'subset: cn')), expected);
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'subset: cn'), false), expected.filter((place) => !place.includes(':19:')));
  });

  it('does not count a subset of the same name for another host', () => {
    const other = PASSTHROUGH.replace('{host: edition.cnn.com, port', '{host: edition.cnn.com, subset: cnn, port');
    assert.equal(references(withCursor(other, '- name: cn')).length, 3);
  });

  it('from a wildcard ServiceEntry host, finds the uses it covers (not the bare parent domain)', () => {
    const wildcard = `
      #- /se.yaml
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: wikipedia}
      spec:
        hosts: ["*.wikipedia.org"]
        ports: [{number: 443, name: tls, protocol: TLS}]
      #- /vs.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: wikipedia}
      spec:
        hosts: ["*.wikipedia.org"]
        tls:
        - match: [{port: 443, sniHosts: [en.wikipedia.org]}]
          route: [{destination: {host: en.wikipedia.org}}]
        - match: [{port: 443, sniHosts: [wikipedia.org]}]
          route: [{destination: {host: wikipedia.org}}]
    `;
    assert.deepEqual(references(withCursor(wildcard, 'hosts: ["*.wiki'), false), [
      '/vs.yaml:5:12 *.wikipedia.org',
      '/vs.yaml:7:36 en.wikipedia.org',
      '/vs.yaml:8:34 en.wikipedia.org',
    ]);
  });

  it('finds nothing on `mesh` or off a reference', () => {
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'gateways: [me')), []);
    assert.deepEqual(references(withCursor(PASSTHROUGH, 'resolution: DN')), []);
  });
});
