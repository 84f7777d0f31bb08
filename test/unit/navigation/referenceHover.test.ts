import { strict as assert } from 'node:assert';
import type { MarkupContent } from 'vscode-languageserver-types';
import { loadWorkspace } from '../../support/workspace';

const WORKSPACE = `
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
#- /shop/egress.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{port: 9080, name: http}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: egressgateway-for-httpbin, namespace: shop}
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  gateways: [mesh, istio-system/egress, egress]
  http:
  - match: [{gateways: [mesh]}]
    route:
    - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: httpbin}
  - match: [{gateways: [istio-system/egress]}]
    route:
    - destination: {host: httpbin.org}
    mirror: {host: reviews, subset: v2}
  - route:
    - destination: {host: unknown.example.com}
`;

function withCursor(source: string, before: string): string {
  if (!source.includes(before)) throw new Error(`no '${before}' in the fixture`);
  return source.replace(before, () => `${before}$0`);
}

/** The first paragraph of the hover at the cursor: what the reference resolves to. */
function resolution(before: string): string | undefined {
  const { service, files } = loadWorkspace(withCursor(WORKSPACE, before));
  const file = files.find((candidate) => candidate.cursor)!;
  const hover = service.doHover(file.document, file.cursor!);
  return hover ? (hover.contents as MarkupContent).value.split('\n\n---\n\n')[0] : undefined;
}

describe('hover on references', () => {
  it('shows the Gateway a reference resolves to, its selector and servers, and where it is', () => {
    assert.equal(
      resolution('gateways: [mesh, istio-system/eg'),
      '**Gateway istio-system/egress** — selector `istio=egressgateway`, servers 80/HTTP httpbin.org — [istio-system/gateway.yaml:4](file:///workspace/istio-system/gateway.yaml#L4)',
    );
  });

  it('says when a gateway reference resolves to nothing, and how it was looked up', () => {
    assert.equal(resolution('istio-system/egress, egr'), "Resolves to nothing: no Gateway `shop/egress` in the workspace (`egress` is looked up in the VirtualService's namespace `shop`).");
  });

  it('explains `mesh`', () => {
    assert.match(resolution('gateways: [me')!, /^`mesh` is reserved/);
  });

  it('shows the ServiceEntry a host resolves to', () => {
    assert.equal(
      resolution('{host: httpbin'),
      '`httpbin.org` → **ServiceEntry shop/httpbin** — host `httpbin.org`, ports 80/HTTP, DNS, MESH_EXTERNAL — [shop/egress.yaml:5](file:///workspace/shop/egress.yaml#L5)',
    );
  });

  it('shows a short name with its FQDN and the Kubernetes Service it names', () => {
    assert.equal(
      resolution('{host: revi'),
      '`reviews` (`reviews.shop.svc.cluster.local`) → **Service shop/reviews** — ports 9080/http — [shop/egress.yaml:11](file:///workspace/shop/egress.yaml#L11)',
    );
  });

  it('shows the configured gateway workload for the egress gateway host', () => {
    assert.match(
      resolution('{host: istio-egress')!,
      /^`istio-egressgateway\.istio-system\.svc\.cluster\.local` → \*\*istio-egressgateway\.istio-system\.svc\.cluster\.local\*\*, the configured egress gateway workload \(istio-egressgateway in `istio-system`, outside the workspace\) — ports 80\/HTTP2, 443\/HTTPS, 15443\/TLS$/,
    );
  });

  it('says when a host resolves to nothing', () => {
    assert.match(resolution('{host: unknown')!, /^`unknown\.example\.com` resolves to nothing in the workspace/);
  });

  it('shows the subset a destination uses, or that none defines it', () => {
    assert.equal(
      resolution('subset: httpb'),
      '**Subset `httpbin`** of **DestinationRule shop/egressgateway-for-httpbin** for `istio-egressgateway.istio-system.svc.cluster.local` — no labels (every endpoint of the host) — [shop/egress.yaml:21](file:///workspace/shop/egress.yaml#L21)',
    );
    assert.equal(resolution('subset: v'), 'Resolves to nothing: no DestinationRule for `reviews.shop.svc.cluster.local` defines subset `v2`.');
  });

  it('keeps the field documentation below the resolution', () => {
    const { service, files } = loadWorkspace(withCursor(WORKSPACE, '{host: httpbin'));
    const file = files.find((candidate) => candidate.cursor)!;
    const hover = service.doHover(file.document, file.cursor!)!;
    assert.match((hover.contents as MarkupContent).value, /\n\n---\n\n\*\*host\*\* · `string`/);
    assert.deepEqual(hover.range, { start: { line: 34, character: 26 }, end: { line: 34, character: 37 } });
  });

  it('shows only the field documentation on declarations', () => {
    assert.match(resolution('  name: egr')!, /^\*\*name\*\*/);
  });
});
