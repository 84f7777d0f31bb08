import { strict as assert } from 'node:assert';
import type { Location } from 'vscode-languageserver-types';
import { loadWorkspace } from '../../support/workspace';

// The egress gateway pattern from Istio's documentation, split over files and namespaces.
const EGRESS = `
#- /istio-system/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: istio-system
spec:
  selector:
    istio: egressgateway
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [httpbin.org]
#- /shop/serviceentry.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  resolution: DNS
#- /shop/routing.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin-through-egress
  namespace: shop
spec:
  hosts: [httpbin.org]
  gateways: [mesh, istio-system/egress]
  http:
  - match:
    - gateways: [mesh]
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: httpbin
  - match:
    - gateways: [istio-system/egress]
    route:
    - destination:
        host: httpbin.org
#- /istio-system/local.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: local
  namespace: istio-system
spec:
  hosts: [httpbin.org]
  gateways: [egress]
  http:
  - route:
    - destination: {host: httpbin.org}
`;

/** The fixture with the cursor right after the first occurrence of `before` (in any file). */
function withCursor(source: string, before: string): string {
  if (!source.includes(before)) throw new Error(`no '${before}' in the fixture`);
  return source.replace(before, () => `${before}$0`);
}

/** Definitions at the cursor, as `path:line:column text` (1-based, like an editor shows them). */
function definitions(source: string): string[] {
  const { service, files } = loadWorkspace(source);
  const file = files.find((candidate) => candidate.cursor)!;
  const render = (location: Location) => {
    const target = files.find((candidate) => candidate.uri === location.uri)!;
    return `${target.path}:${location.range.start.line + 1}:${location.range.start.character + 1} ${target.document.getText(location.range)}`;
  };
  return service.findDefinition(file.document, file.cursor!).map(render);
}

describe('go to definition', () => {
  it('goes from a `ns/name` gateway reference to the Gateway name, in another file', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'gateways: [mesh, istio-system/eg')), ['/istio-system/gateway.yaml:4:9 egress']);
  });

  it('goes from a gateway named in a match', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, '- gateways: [istio-system/')), ['/istio-system/gateway.yaml:4:9 egress']);
  });

  it("resolves a bare gateway name in the VirtualService's own namespace", () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'gateways: [egr')), ['/istio-system/gateway.yaml:4:9 egress']);
    // The same bare name from another namespace names a Gateway that does not exist.
    assert.deepEqual(definitions(withCursor(EGRESS.replace('gateways: [mesh, istio-system/egress]', 'gateways: [mesh, egress]'), 'gateways: [mesh, egr')), []);
  });

  it('has no definition for `mesh`', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'gateways: [me')), []);
  });

  it('goes from a destination host to the ServiceEntry host', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'host: httpbin')), ['/shop/serviceentry.yaml:7:11 httpbin.org']);
    assert.deepEqual(definitions(withCursor(EGRESS, 'destination: {host: http')), ['/shop/serviceentry.yaml:7:11 httpbin.org']);
  });

  it('goes nowhere from the egress gateway host: the gateway workload is not in the workspace', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'host: istio-egressgateway.istio-system.svc.cluster.local\n        subset')), []);
    assert.deepEqual(definitions(withCursor(EGRESS, '  host: istio-egress')), []);
  });

  it('goes from a subset to its definition in the DestinationRule', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'subset: http')), ['/shop/routing.yaml:9:11 httpbin']);
  });

  it('is at the declaration already on a Gateway name', () => {
    assert.deepEqual(definitions(withCursor(EGRESS, 'name: egr')), ['/istio-system/gateway.yaml:4:9 egress']);
  });

  it('goes from a short host to the Kubernetes Service of that name in the same namespace only', () => {
    const source = `
      #- /shop/service.yaml
      apiVersion: v1
      kind: Service
      metadata:
        name: reviews
        namespace: shop
      spec:
        ports: [{port: 9080, name: http}]
      #- /shop/dr.yaml
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: shop}
      spec:
        host: reviews
      ---
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: reviews, namespace: other}
      spec:
        host: reviews
    `;
    assert.deepEqual(definitions(withCursor(source, 'host: rev')), ['/shop/service.yaml:4:9 reviews']);
    // `reviews` in namespace `other` is reviews.other.svc.cluster.local: no such Service.
    assert.deepEqual(definitions(withCursor(source, 'namespace: other}\n      spec:\n        host: rev')), []);
  });

  it('goes from a host to the wildcard ServiceEntry that covers it', () => {
    const source = `
      #- /se.yaml
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: docs}
      spec:
        hosts: ["*.docs.example.net"]
        ports: [{number: 443, name: tls, protocol: TLS}]
      #- /vs.yaml
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: docs}
      spec:
        hosts: [www.docs.example.net]
        tls:
        - match: [{port: 443, sniHosts: [www.docs.example.net]}]
          route: [{destination: {host: www.docs.example.net}}]
    `;
    // The location is the host inside its quotes.
    assert.deepEqual(definitions(withCursor(source, '{host: www.do')), ['/se.yaml:5:12 *.docs.example.net']);
    assert.deepEqual(definitions(withCursor(source, 'sniHosts: [www')), ['/se.yaml:5:12 *.docs.example.net']);
  });

  it('still works while the rest of the document is half-written', () => {
    const halfWritten = EGRESS.replace('#- /istio-system/local.yaml', '  tcp:\n  - rou\n#- /istio-system/local.yaml');
    assert.deepEqual(definitions(withCursor(halfWritten, 'subset: http')), ['/shop/routing.yaml:9:11 httpbin']);
  });
});
