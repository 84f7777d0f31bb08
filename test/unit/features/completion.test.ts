import { strict as assert } from 'node:assert';
import { cursorContext } from '../../../server/src/service/features/completion/cursorContext';
import { fixture } from '../../support/fixture';
import { acceptCompletion, complete, completionLabels, dedent, newService } from '../../support/service';

const SE_HEAD = `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
spec:`;

describe('completion', () => {
  it('offers every resolution after `resolution: `', () => {
    assert.deepEqual(completionLabels(`${SE_HEAD}\n  resolution: $0\n`), ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']);
  });

  it('inserts a value with a leading space right after `resolution:`', () => {
    assert.equal(acceptCompletion(`${SE_HEAD}\n  resolution:$0\n`, 'DNS'), dedent(`${SE_HEAD}\n  resolution: DNS\n`));
  });

  it('filters nothing itself but replaces the partial value', () => {
    assert.equal(acceptCompletion(`${SE_HEAD}\n  location: MESH_E$0\n`, 'MESH_EXTERNAL'), dedent(`${SE_HEAD}\n  location: MESH_EXTERNAL\n`));
  });

  it('offers spec keys on an empty line, required first, without those already present', () => {
    const items = complete(`${SE_HEAD}\n  resolution: DNS\n  $0\n`);
    const labels = items.map((item) => item.label);
    assert.ok(!labels.includes('resolution'));
    assert.ok(labels.includes('hosts') && labels.includes('ports') && labels.includes('location'));
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0].label, 'hosts');
  });

  it('inserts the shape of a list of messages with its required fields', () => {
    assert.equal(
      acceptCompletion(`${SE_HEAD}\n  hosts: [api.example.com]\n  por$0\n`, 'ports'),
      dedent(`${SE_HEAD}\n  hosts: [api.example.com]\n  ports:\n    - number: \n      name: \n`),
    );
  });

  it('inserts an enum key with its first choice and a list of scalars as an item', () => {
    assert.equal(acceptCompletion(`${SE_HEAD}\n  $0\n`, 'resolution'), dedent(`${SE_HEAD}\n  resolution: NONE\n`));
    assert.equal(acceptCompletion(`${SE_HEAD}\n  $0\n`, 'hosts'), dedent(`${SE_HEAD}\n  hosts:\n    - \n`));
  });

  it('completes keys in a new list item', () => {
    const labels = completionLabels(`${SE_HEAD}\n  ports:\n  - number: 80\n    name: http\n  - $0\n`);
    assert.deepEqual(labels.sort(), ['name', 'number', 'protocol', 'targetPort']);
  });

  it('completes keys of a list item already started', () => {
    const labels = completionLabels(`${SE_HEAD}\n  ports:\n  - number: 80\n    $0\n`);
    assert.deepEqual(labels.sort(), ['name', 'protocol', 'targetPort']);
  });

  it('offers port protocols, which Istio accepts in any case', () => {
    const labels = completionLabels(`${SE_HEAD}\n  ports:\n  - number: 443\n    name: tls\n    protocol: $0\n`);
    assert.ok(labels.includes('TLS') && labels.includes('HTTPS') && labels.includes('HTTP') && labels.includes('TCP'));
  });

  it('completes values and keys inside flow mappings', () => {
    const sidecar = (value: string) => `
      apiVersion: networking.istio.io/v1
      kind: Sidecar
      metadata: {name: default}
      spec:
        outboundTrafficPolicy: ${value}
    `;
    assert.deepEqual(completionLabels(sidecar('{mode: $0}')), ['REGISTRY_ONLY', 'ALLOW_ANY']);
    assert.deepEqual(completionLabels(sidecar('{mode:$0}')), ['REGISTRY_ONLY', 'ALLOW_ANY']);
    assert.ok(completionLabels(sidecar('{$0}')).includes('mode'));
    assert.equal(acceptCompletion(sidecar('{$0}'), 'mode'), dedent(sidecar('{mode: REGISTRY_ONLY}')));
    assert.equal(acceptCompletion(sidecar('{mode:$0}'), 'ALLOW_ANY'), dedent(sidecar('{mode: ALLOW_ANY}')));
  });

  it('knows the list item under the cursor inside a flow sequence', () => {
    const file = fixture(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [a.example.com]
        exportTo: [".", $0
    `);
    const placed = newService().parse(file.document).documents[0];
    const context = cursorContext(placed.doc, placed.doc.lines.offsetAt(file.cursor!));
    assert.deepEqual(context && { mode: context.mode, path: context.path }, { mode: 'item', path: ['spec', 'exportTo', 1] });
  });

  it('completes enum values in a flow sequence of enums', () => {
    const labels = completionLabels(`
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: dr}
      spec:
        host: api.example.com
        trafficPolicy:
          tls: {mode: SIMPLE}
          loadBalancer:
            simple: $0
    `);
    assert.ok(labels.includes('ROUND_ROBIN') && labels.includes('LEAST_REQUEST'));
  });

  it('completes at the end of a file without a trailing newline', () => {
    assert.deepEqual(completionLabels(`${SE_HEAD}\n  location: $0`), ['MESH_EXTERNAL', 'MESH_INTERNAL']);
  });

  it('works in CRLF files and inserts no stray carriage returns', () => {
    const source = `apiVersion: networking.istio.io/v1\r\nkind: ServiceEntry\r\nmetadata:\r\n  name: a\r\nspec:\r\n  resolution: $0\r\n`;
    assert.deepEqual(completionLabels(source), ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']);
    const keys = complete(`apiVersion: networking.istio.io/v1\r\nkind: ServiceEntry\r\nmetadata:\r\n  name: a\r\nspec:\r\n  $0\r\n`);
    assert.ok(keys.some((item) => item.label === 'hosts'));
  });

  it('offers apiVersion, kind and whole-resource starters in an empty document', () => {
    const labels = completionLabels(`
      apiVersion: v1
      kind: Namespace
      metadata: {name: egress}
      ---
      $0
    `);
    assert.ok(labels.includes('apiVersion') && labels.includes('kind'));
    assert.ok(labels.includes('ServiceEntry (new resource)'));
  });

  it('the ServiceEntry starter expands to a resource with its required fields', () => {
    assert.equal(
      acceptCompletion('$0', 'ServiceEntry (new resource)'),
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: name\nspec:\n  hosts:\n    - ',
    );
  });

  it('offers the Istio apiVersions and kinds as values', () => {
    assert.deepEqual(completionLabels('apiVersion: $0\n'), ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3']);
    assert.deepEqual(completionLabels('apiVersion: networking.istio.io/v1\nkind: $0\n'), ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'Sidecar']);
  });

  it('offers nothing in non-Istio YAML', () => {
    assert.deepEqual(completionLabels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  $0\n'), []);
    assert.deepEqual(completionLabels('services:\n  web:\n    $0\n'), []);
    assert.deepEqual(completionLabels('replicaCount: 1\n$0\n'), []);
  });

  it('offers nothing inside comments or block scalars', () => {
    assert.deepEqual(completionLabels(`${SE_HEAD}\n  # resolution: $0\n`), []);
  });

  it('completes deep keys: VirtualService http match', () => {
    const labels = completionLabels(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: vs}
      spec:
        hosts: [api.example.com]
        gateways: [mesh, istio-system/egress]
        http:
        - match:
          - $0
    `);
    assert.ok(labels.includes('gateways') && labels.includes('port') && labels.includes('uri'));
    assert.ok(!labels.includes('gateway'));
  });

  it('completes booleans', () => {
    assert.deepEqual(
      completionLabels(`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [api.example.com]
            tls:
              httpsRedirect: $0
      `),
      ['true', 'false'],
    );
  });

  it('gives plain text without snippet syntax to clients without snippet support', () => {
    for (const item of complete(`${SE_HEAD}\n  $0\n`, { snippets: false })) {
      const text = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '';
      assert.ok(!/\$\{?\d/.test(text), `${item.label}: ${text}`);
    }
  });

  it('respects the document indentation of 4 spaces', () => {
    const source = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n    name: a\nspec:\n    $0\n';
    assert.equal(acceptCompletion(source, 'hosts'), 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n    name: a\nspec:\n    hosts:\n        - \n');
  });
});
