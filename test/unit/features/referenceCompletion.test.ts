import { strict as assert } from 'node:assert';
import type { CompletionItem } from 'vscode-languageserver-types';
import { expandSnippet } from '../../support/service';
import { applyEdits } from '../../support/render';
import { loadWorkspace } from '../../support/workspace';

// What the workspace declares; the file being edited is added after it, with a `$0` cursor.
const DECLARED = `
#- /istio-system/gateways.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: egressgateway}
  servers: [{port: {number: 443, name: tls, protocol: TLS}, hosts: [edition.cnn.com], tls: {mode: PASSTHROUGH}}]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: shop-gateway, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
#- /shop/external.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: cnn, namespace: shop}
spec:
  hosts: [edition.cnn.com, "*.wikipedia.org"]
  ports:
  - {number: 443, name: tls, protocol: TLS}
  - {number: 80, name: http-port, protocol: HTTP}
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: private, namespace: billing}
spec:
  hosts: [ledger.internal.example]
  exportTo: ["."]
  ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{port: 9080, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: backend}
spec:
  ports: [{port: 9080, name: http}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: egressgateway-for-cnn, namespace: shop}
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets: [{name: cnn}, {name: wikipedia}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: shop}
spec:
  host: reviews
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
`;

const VS = (spec: string) => `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cnn
  namespace: shop
spec:
${spec}`;

const EGRESS_FQDN = 'istio-egressgateway.istio-system.svc.cluster.local';

function completions(edited: string): CompletionItem[] {
  const { service, files } = loadWorkspace(DECLARED + edited);
  const file = files.find((candidate) => candidate.cursor)!;
  return service.doComplete(file.document, file.cursor!, { snippets: true }).items;
}

/** Labels in the order an editor lists them (by sortText). */
function labels(edited: string): string[] {
  return completions(edited)
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((item) => item.label);
}

/** The edited file after accepting the item with this label. */
function accept(edited: string, label: string): string {
  const { service, files } = loadWorkspace(DECLARED + edited);
  const file = files.find((candidate) => candidate.cursor)!;
  const item = service.doComplete(file.document, file.cursor!, { snippets: true }).items.find((candidate) => candidate.label === label);
  if (!item?.textEdit || !('range' in item.textEdit)) throw new Error(`no completion '${label}'`);
  return applyEdits(file.text, [{ range: item.textEdit.range, newText: expandSnippet(item.textEdit.newText) }]);
}

const text = (edited: string) => loadWorkspace(edited).files[0].text;

describe('completion of references', () => {
  describe('VirtualService gateways', () => {
    it('offers mesh and every Gateway: bare in the same namespace, `ns/name` elsewhere', () => {
      assert.deepEqual(labels(VS('  gateways:\n  - $0\n')), ['mesh', 'istio-system/egress', 'shop-gateway']);
      assert.deepEqual(completions(VS('  gateways:\n  - $0\n')).map((item) => item.detail), ['every sidecar in the mesh', 'Gateway istio-system/egress', 'Gateway shop/shop-gateway']);
    });

    it('works in flow lists, leaving out what the list already has', () => {
      assert.deepEqual(labels(VS('  gateways: [mesh, $0')), ['istio-system/egress', 'shop-gateway']);
      assert.deepEqual(labels(VS('  gateways: [mesh, $0]\n')), ['istio-system/egress', 'shop-gateway']);
      assert.equal(accept(VS('  gateways: [mesh, ist$0]\n'), 'istio-system/egress'), text(VS('  gateways: [mesh, istio-system/egress]\n')));
    });

    it('writes a flow list right after `gateways:`', () => {
      assert.equal(accept(VS('  gateways:$0\n'), 'mesh'), text(VS('  gateways: [mesh]\n')));
    });

    it('in a match, offers what spec.gateways lists first', () => {
      const spec = '  gateways: [mesh, istio-system/egress]\n  tls:\n  - match:\n    - gateways: [$0]\n';
      assert.deepEqual(labels(VS(spec)), ['mesh', 'istio-system/egress', 'shop-gateway']);
      assert.deepEqual(completions(VS(spec)).map((item) => item.detail).slice(0, 2), ['listed in spec.gateways', 'listed in spec.gateways']);
      // Without spec.gateways the VirtualService is bound to mesh alone.
      assert.deepEqual(labels(VS('  http:\n  - match:\n    - gateways:\n      - $0\n')), ['mesh', 'istio-system/egress', 'shop-gateway']);
    });
  });

  describe('destination host', () => {
    const route = (host: string) => `  hosts: [edition.cnn.com]\n  http:\n  - route:\n    - destination:\n        host: ${host}\n`;

    it('offers the own hosts first, then the egress gateway, ServiceEntry hosts and Services, never wildcard patterns', () => {
      assert.deepEqual(labels(VS(route('$0'))), ['edition.cnn.com', EGRESS_FQDN, 'reviews', 'ratings.backend.svc.cluster.local']);
      assert.equal(completions(VS(route('$0')))[0].detail, 'host of this VirtualService');
    });

    it('leaves out ServiceEntries not exported to the namespace', () => {
      assert.ok(!labels(VS(route('$0'))).includes('ledger.internal.example'));
    });

    it('replaces what is typed, and works in flow mappings, mirrors and TCP routes', () => {
      assert.equal(accept(VS(route('rev$0')), 'reviews'), text(VS(route('reviews'))));
      assert.ok(labels(VS('  http:\n  - route:\n    - destination: {host: $0}\n')).includes('reviews'));
      assert.ok(labels(VS('  http:\n  - mirror:\n      host: $0\n')).includes('reviews'));
      assert.ok(labels(VS('  tcp:\n  - route:\n    - destination: {host: $0')).includes(EGRESS_FQDN));
    });

    it('writes a Service in another namespace by FQDN and the egress gateway short in its own namespace', () => {
      const inIstioSystem = VS(route('$0')).replace('namespace: shop', 'namespace: istio-system');
      const offered = labels(inIstioSystem);
      assert.ok(offered.includes('istio-egressgateway') && offered.includes('reviews.shop.svc.cluster.local'));
    });
  });

  describe('subset and port of a destination', () => {
    it("offers only the subsets of DestinationRules for the destination's host", () => {
      assert.deepEqual(labels(VS(`  http:\n  - route:\n    - destination:\n        host: ${EGRESS_FQDN}\n        subset: $0\n`)), ['cnn', 'wikipedia']);
      assert.deepEqual(labels(VS('  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: $0\n')), ['v1', 'v2']);
      assert.deepEqual(labels(VS('  http:\n  - route:\n    - destination: {host: reviews, subset: $0}\n')), ['v1', 'v2']);
      // `reviews` from another namespace is another host.
      assert.deepEqual(labels(VS('  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: $0\n').replace('namespace: shop', 'namespace: other')), []);
      assert.deepEqual(labels(VS('  http:\n  - route:\n    - destination:\n        subset: $0\n')), []);
    });

    it('offers the ports of the host, with name and protocol', () => {
      const items = completions(VS('  tls:\n  - route:\n    - destination:\n        host: edition.cnn.com\n        port:\n          number: $0\n'));
      assert.deepEqual(items.map((item) => `${item.label} ${item.detail}`), ['443 tls · TLS', '80 http-port · HTTP']);
      assert.deepEqual(labels(VS(`  tls:\n  - route:\n    - destination: {host: ${EGRESS_FQDN}, port: {number: $0}}\n`)), ['80', '443', '15443']);
      assert.equal(
        accept(VS('  tls:\n  - route:\n    - destination:\n        host: edition.cnn.com\n        port:\n          number:$0\n'), '443'),
        text(VS('  tls:\n  - route:\n    - destination:\n        host: edition.cnn.com\n        port:\n          number: 443\n')),
      );
    });
  });

  it('offers the VirtualService hosts as SNI hosts, quoting wildcards', () => {
    const spec = '  hosts: [edition.cnn.com, "*.wikipedia.org"]\n  tls:\n  - match:\n    - port: 443\n      sniHosts:\n      - $0\n';
    assert.deepEqual(labels(VS(spec)), ['edition.cnn.com', '*.wikipedia.org']);
    assert.equal(accept(VS(spec), '*.wikipedia.org'), text(VS(spec.replace('- $0', '- "*.wikipedia.org"'))));
  });

  it('offers the configured gateway workload labels as Gateway selectors', () => {
    const gateway = (spec: string) => `
#- /istio-system/new.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: new, namespace: istio-system}
spec:
${spec}`;
    assert.deepEqual(labels(gateway('  selector:\n    $0\n')), [
      'istio: egressgateway',
      'app: istio-egressgateway',
      'istio: ingressgateway',
      'app: istio-ingressgateway',
      'istio: eastwestgateway',
      'app: istio-eastwestgateway',
    ]);
    assert.deepEqual(labels(gateway('  selector:\n    istio: egressgateway\n    $0\n')), ['app: istio-egressgateway', 'app: istio-ingressgateway', 'app: istio-eastwestgateway']);
    assert.deepEqual(labels(gateway('  selector:\n    istio: $0\n')), ['egressgateway', 'ingressgateway', 'eastwestgateway']);
    assert.equal(accept(gateway('  selector: {$0}\n'), 'istio: egressgateway'), text(gateway('  selector: {istio: egressgateway}\n')));
    assert.equal(accept(gateway('  selector: $0\n'), 'istio: egressgateway'), text(gateway('  selector: {istio: egressgateway}\n')));
  });

  it('offers known hosts as DestinationRule host, relative to its namespace', () => {
    const rule = `
#- /shop/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: new, namespace: shop}
spec:
  host: $0
`;
    assert.deepEqual(labels(rule), [EGRESS_FQDN, 'edition.cnn.com', 'reviews', 'ratings.backend.svc.cluster.local']);
  });

  it('offers namespace/host entries for Sidecar egress hosts', () => {
    const sidecar = `
#- /shop/sidecar.yaml
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress:
  - hosts: ["./*", $0
`;
    assert.deepEqual(labels(sidecar), ['istio-system/*', 'shop/edition.cnn.com', 'shop/*.wikipedia.org']);
  });

  it('in a large workspace, sends a bounded list filtered by what is typed and asks to be asked again', () => {
    const many = Array.from({ length: 250 }, (_, i) => `---\napiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: api-${i}, namespace: shop}\nspec: {hosts: [api-${i}.example.com]}\n`).join('');
    const { service, files } = loadWorkspace(`${DECLARED}${many}${VS('  http:\n  - route:\n    - destination:\n        host: api-24$0\n')}`);
    const file = files.find((candidate) => candidate.cursor)!;
    const list = service.doComplete(file.document, file.cursor!);
    assert.equal(list.isIncomplete, true);
    const offered = list.items.map((item) => item.label);
    // Filtered like the editor filters: the typed letters in order (so `api-124` stays, `api-13` goes).
    assert.ok(offered.includes('api-24.example.com') && offered.includes('api-249.example.com') && offered.includes('api-124.example.com'));
    assert.ok(!offered.includes('api-13.example.com'));
    const all = service.doComplete(file.document, { ...file.cursor!, character: file.cursor!.character - 6 });
    assert.equal(all.items.length, 200);
  });

  it('keeps up with the workspace: a ServiceEntry added, changed or removed elsewhere, or new settings', () => {
    const { service, files } = loadWorkspace(DECLARED + VS('  http:\n  - route:\n    - destination:\n        host: $0\n'));
    const file = files.find((candidate) => candidate.cursor)!;
    const offered = () => service.doComplete(file.document, file.cursor!).items.map((item) => item.label);
    assert.ok(!offered().includes('api.new.example'));
    const added = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: new, namespace: shop}\nspec: {hosts: [api.new.example]}\n';
    service.setWorkspaceFile('file:///workspace/shop/new.yaml', added);
    assert.ok(offered().includes('api.new.example'));
    service.setWorkspaceFile('file:///workspace/shop/new.yaml', added.replace('api.new.example', 'api.renamed.example'));
    assert.ok(offered().includes('api.renamed.example') && !offered().includes('api.new.example'));
    service.removeWorkspaceFile('file:///workspace/shop/new.yaml');
    assert.ok(!offered().includes('api.renamed.example'));
    service.configure({ clusterDomain: 'corp.internal' });
    assert.ok(offered().includes('istio-egressgateway.istio-system.svc.corp.internal'));
  });

  it('offers nothing of the kind outside reference fields', () => {
    assert.ok(!labels(VS('  hosts: [$0]\n')).includes('mesh'));
    assert.ok(!labels(VS('  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v1\n    weight: $0\n')).includes('v1'));
  });
});
