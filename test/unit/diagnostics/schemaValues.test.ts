import { strict as assert } from 'node:assert';
import {codes as allCodes, dedent, diagnose as diagnoseAll} from '../../support/service';


// These tests are about the YAML and schema checks (IE1xx); other families have their own tests.
const SCHEMA = /^IE1/;
const codes = (source: string) => allCodes(source, SCHEMA);
const diagnose = (source: string, options: { messages?: boolean; settings?: unknown } = {}) => diagnoseAll(source, { ...options, only: SCHEMA });

const se = (spec: string) => `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se\nspec:\n  hosts: [api.example.com]\n${spec}`;

describe('schema value diagnostics', () => {
  it('IE122: resolution: MESH_EXTERNAL says it is a location value', () => {
    assert.equal(
      diagnose(se('  resolution: MESH_EXTERNAL\n'), { messages: true }),
      dedent(se('  resolution: MESH_EXTERNAL\n              ^^^^^^^^^^^^^ IE122 error: `MESH_EXTERNAL` is a value of `location`, not of `resolution`. Use one of `NONE`, `STATIC`, `DNS`, `DNS_ROUND_ROBIN` or `DYNAMIC_DNS`.\n')),
    );
  });

  it('IE122: a near miss suggests the value; enums are case-sensitive', () => {
    assert.match(diagnose(se('  resolution: dns\n'), { messages: true }), /Did you mean `DNS`\?/);
    assert.deepEqual(codes(se('  resolution: DNS\n  location: MESH_EXTERNAL\n')), []);
  });

  it('IE122: port protocols are checked but accepted in any case', () => {
    assert.deepEqual(codes(se('  ports:\n  - {number: 443, name: tls, protocol: tls}\n  - {number: 80, name: http, protocol: Http}\n')), []);
    assert.match(diagnose(se('  ports:\n  - {number: 443, name: tls, protocol: TSL}\n'), { messages: true }), /IE122 error: .*Did you mean `TLS`\?.*\(any case\)/);
  });

  it('IE121: quoted numbers, unquoted numbers for strings, durations without units, scalars for lists', () => {
    assert.equal(
      diagnose(`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: vs
          labels:
            version: 1.0
        spec:
          hosts: api.example.com
          http:
          - route:
            - destination:
                host: api.example.com
                port: {number: "80"}
            timeout: 10
      `),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: vs
          labels:
            version: 1.0
                     ^^^ IE121 error
        spec:
          hosts: api.example.com
                 ^^^^^^^^^^^^^^^ IE121 error
          http:
          - route:
            - destination:
                host: api.example.com
                port: {number: "80"}
                               ^^^^ IE121 error
            timeout: 10
                     ^^ IE121 error
      `),
    );
  });

  it('IE121: mappings where values belong and the other way round', () => {
    const rendered = diagnose(se('  ports: {number: 80}\n  location:\n    - MESH_EXTERNAL\n'), { messages: true });
    assert.match(rendered, /`spec.ports` must be a list of `- ` items/);
    assert.match(rendered, /`spec.location` must be a single value, not a list/);
  });

  it('IE121: well-typed values pass', () => {
    assert.deepEqual(codes(`
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr, labels: {version: "1.0"}}
spec:
  host: api.example.com
  trafficPolicy:
    connectionPool:
      tcp: {connectTimeout: 1m30s, maxConnections: 100}
    outlierDetection: {interval: 250ms, baseEjectionTime: 1h}
    tls: {mode: SIMPLE, sni: api.example.com, insecureSkipVerify: false}
`), []);
  });

  it('IE124: numbers and list sizes out of range', () => {
    assert.match(diagnose(se('  ports:\n  - {number: 70000, name: http}\n'), { messages: true }), /IE124 error: `spec.ports\[0\].number` is 70000, out of range: use a value from 1 to 65535\./);
    assert.match(diagnose(se('').replace('  hosts: [api.example.com]\n', '  hosts: []\n'), { messages: true }), /IE124 error: `spec.hosts` needs at least 1 item\./);
    assert.deepEqual(codes(se('  ports:\n  - {number: 65535, name: high}\n  - {number: 1, name: low}\n')), []);
  });
});
