import { strict as assert } from 'node:assert';
import {codes as allCodes, dedent, diagnose as diagnoseAll} from '../../support/service';


// These tests are about the YAML and schema checks (IE1xx); other families have their own tests.
const SCHEMA = /^IE1/;
const codes = (source: string) => allCodes(source, SCHEMA);
const diagnose = (source: string, options: { messages?: boolean; settings?: unknown } = {}) => diagnoseAll(source, { ...options, only: SCHEMA });

describe('schema field diagnostics', () => {
  it('IE120: `resolutions` suggests resolution, underlined on the key', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          hosts: [api.example.com]
          resolutions: DNS # typo
      `, { messages: true }),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          hosts: [api.example.com]
          resolutions: DNS # typo
          ^^^^^^^^^^^ IE120 error: Unknown field \`resolutions\` in spec (ServiceEntry). Did you mean \`resolution\`?
      `),
    );
  });

  it('IE120: `port` for `ports`, `gateway` for `gateways` in an HTTP match, snake_case names', () => {
    const rendered = diagnose(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: vs}
      spec:
        hosts: [api.example.com]
        export_to: ["."]
        http:
        - match:
          - gateway: mesh
          route:
          - destination: {host: api.example.com}
    `, { messages: true });
    assert.match(rendered, /IE120 error: Unknown field `export_to` in spec \(VirtualService\)\. Did you mean `exportTo`\?/);
    assert.match(rendered, /IE120 error: Unknown field `gateway` in spec\.http\[0\]\.match\[0\] \(HTTPMatchRequest\)\. Did you mean `gateways`\?/);
    assert.match(diagnose('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: a}\nspec:\n  hosts: [a.example.com]\n  port: []\n', { messages: true }), /Did you mean `ports`\?/);
  });

  it('IE120: keys written at the wrong level say where they belong', () => {
    const rendered = diagnose('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: a}\nhosts: [a.example.com]\nspec:\n  namespace: egress\n  hosts: [a.example.com]\n', { messages: true });
    assert.match(rendered, /`hosts` belongs under `spec`/);
    assert.match(rendered, /`namespace` belongs under `metadata`/);
  });

  it('IE120: metadata tolerates Kubernetes fields we do not model; status is allowed', () => {
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: a\n  uid: 1234-abcd\n  resourceVersion: "7"\nspec:\n  hosts: [a.example.com]\nstatus: {conditions: []}\n'), []);
  });

  it('IE123: missing required fields, on the owning key or list item', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          ports:
          - number: 80
            protocol: HTTP
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
        ^^^^ IE123 error
          ports:
          - number: 80
            ^^^^^^^^^^ IE123 error
            protocol: HTTP
      `),
    );
  });

  it('IE123: a resource without spec or metadata is flagged on its kind', () => {
    assert.match(diagnose('apiVersion: networking.istio.io/v1\nkind: Sidecar\n', { messages: true }), /kind: Sidecar\n {6}\^{7} IE123 error: This resource is missing the required field `metadata`/);
  });

  it('IE123: a complete resource passes', () => {
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: a}\nspec:\n  hosts: [a.example.com]\n  ports: [{number: 80, name: http}]\n'), []);
  });

  it('IE125: deprecated fields warn with the replacement', () => {
    const rendered = diagnose(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: vs}
      spec:
        hosts: [a.example.com]
        http:
        - route:
          - destination: {host: a.example.com}
          mirror: {host: b.example.com}
          mirrorPercent: 5
    `, { messages: true });
    assert.match(rendered, /\^{13} IE125 warning: `mirrorPercent` is deprecated: .*mirrorPercentage/);
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec:\n  hosts: [a.example.com]\n  http:\n  - route:\n    - destination: {host: a.example.com}\n    mirror: {host: b.example.com}\n    mirrorPercentage: {value: 5}\n'), []);
  });

  it('IE126: fields that exclude each other', () => {
    const rendered = diagnose(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: se}
      spec:
        hosts: [a.example.com]
        resolution: STATIC
        endpoints: [{address: 1.2.3.4}]
        workloadSelector: {labels: {app: a}}
    `, { messages: true });
    assert.match(rendered, /\^{16} IE126 error: `workloadSelector` cannot be set together with `endpoints`/);
    assert.deepEqual(codes('apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se}\nspec:\n  hosts: [a.example.com]\n  resolution: STATIC\n  endpoints: [{address: 1.2.3.4}]\n'), []);
  });

  it('IE127: a message that needs one of a group', () => {
    const vs = (route: string) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\nspec:\n  hosts: [a.example.com]\n  http:\n  - name: r\n${route}`;
    assert.deepEqual(codes(vs('')), ['IE127']);
    assert.deepEqual(codes(vs('    route:\n    - destination: {host: a.example.com}\n')), []);
  });
});
