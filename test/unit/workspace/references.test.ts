import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
export function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE3[0-3]\d$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const GATEWAY = `
#- /egress/gateway.yaml
apiVersion: networking.istio.io/v1
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

const DR = `
#- /egress/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin # the egress leg
`;

/** With `gatewayRule`, also a rule for the Gateway that names it in `match.gateways`. */
const vs = (gateway: string, subset: string, gatewayRule = false) => `
#- /egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  gateways: [mesh, ${gateway}]
  http:
  - match:
    - gateways: [mesh]
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: ${subset}
        port: {number: 80}
${gatewayRule ? `  - match:\n    - gateways: [${gateway}]\n    route:\n    - destination: {host: httpbin.org, port: {number: 80}}\n` : ''}`;

describe('references between resources', () => {
  it('IE300: a Gateway in another namespace needs `ns/name`; suggests it and points at it', () => {
    const rendered = diagnoseWorkspace(GATEWAY + DR + vs('egress', 'httpbin'), { messages: true, related: true, codes: /IE300/ });
    assert.match(rendered, /gateways: \[mesh, egress\]\n {19}\^{6} IE300 error: Gateway `shop\/egress` not found: `egress` is looked up in the VirtualService's namespace `shop`\. A Gateway with that name exists in `istio-system`: write it as `istio-system\/egress`\./);
    assert.match(rendered, /IE300 → \/egress\/gateway.yaml:4:9 Gateway istio-system\/egress/);
    assert.equal(
      applyWorkspaceFix(GATEWAY + DR + vs('egress', 'httpbin'), '/egress/vs.yaml', 'IE300').split('#- /egress/vs.yaml\n')[1],
      dedent(vs('istio-system/egress', 'httpbin')).split('#- /egress/vs.yaml\n')[1],
    );
  });

  it('IE300: passes for `ns/name`, the legacy `name.ns`, and `mesh`', () => {
    assert.deepEqual(ourCodes(GATEWAY + DR + vs('istio-system/egress', 'httpbin')).hasOwnProperty('/egress/vs.yaml'), false);
    const codes = ourCodes(GATEWAY + DR + vs('egress.istio-system', 'httpbin'))['/egress/vs.yaml'] ?? [];
    assert.ok(!codes.includes('IE300'));
  });

  it('IE300: names the Gateway that serves the VirtualService host; the fix writes it in gateways and in the matches', () => {
    const source = GATEWAY + DR + vs('egress-httpbin', 'httpbin', true);
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE300/ });
    assert.match(
      rendered,
      /IE300 error: Gateway `shop\/egress-httpbin` not found: `egress-httpbin` is looked up in the VirtualService's namespace `shop`\. Did you mean `istio-system\/egress`\? It serves `httpbin.org`\./,
    );
    assert.match(rendered, /IE300 → \/egress\/gateway.yaml:10:13 Gateway istio-system\/egress serves httpbin.org/);
    const { actions } = workspaceFixes(source, '/egress/vs.yaml', 'IE300');
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred]), [["Change to 'istio-system/egress' (and in 1 match)", true]]);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE300');
    assert.equal(after, dedent(GATEWAY + DR + vs('istio-system/egress', 'httpbin', true)));
    // The gateway rule's host has no ServiceEntry here (IE302): what matters is that neither gateway reference is broken.
    assert.deepEqual(workspaceCodes(after)['/egress/vs.yaml'].filter((code) => /IE300|IE403/.test(code)), []);
  });

  it('IE300: a Gateway in the same namespace is written by name; with several candidates none is preferred', () => {
    const local = GATEWAY.replace('/egress/gateway.yaml', '/egress/shop-gateway.yaml').replace('name: egress', 'name: egress-http').replace('namespace: istio-system', 'namespace: shop');
    const source = GATEWAY + local + DR + vs('egress-httpbin', 'httpbin', true);
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE300/ }), /Did you mean `istio-system\/egress` or `egress-http`\? They serve `httpbin.org`\./);
    const { actions } = workspaceFixes(source, '/egress/vs.yaml', 'IE300');
    assert.deepEqual(actions.map((action) => [action.title, action.isPreferred]), [
      ["Change to 'istio-system/egress' (and in 1 match)", undefined],
      ["Change to 'egress-http' (and in 1 match)", undefined],
    ]);
  });

  it('IE300: no Gateway serves the host: no guess, no fix', () => {
    const source = GATEWAY.replace('hosts: [httpbin.org]', 'hosts: [other.example.org]') + DR + vs('egress-httpbin', 'httpbin');
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE300/ }), /IE300 error: .* Check the name, or add the Gateway; a Gateway in another namespace is written `namespace\/name`\./);
    assert.deepEqual(workspaceFixes(source, '/egress/vs.yaml', 'IE300').actions, []);
  });

  it('IE301: a subset no DestinationRule defines, with the DestinationRule as related information', () => {
    const rendered = diagnoseWorkspace(GATEWAY + DR + vs('istio-system/egress', 'httbin'), { messages: true, related: true, codes: /IE301/ });
    assert.match(
      rendered,
      /subset: httbin\n {16}\^{6} IE301 error: Subset `httbin` is not defined: DestinationRule `shop\/egressgateway-for-httpbin` for `istio-egressgateway.istio-system.svc.cluster.local`, the rule that applies in namespace `shop`, defines `httpbin`\. Traffic to this destination fails \(503 "no healthy upstream"\)\. Did you mean `httpbin`\? Otherwise add `httbin` to DestinationRule `shop\/egressgateway-for-httpbin`\./,
    );
    assert.match(rendered, /IE301 → \/egress\/dr.yaml:7:9 DestinationRule shop\/egressgateway-for-httpbin/);
  });

  it('IE301 fix: adds the subset to the DestinationRule in the other file, keeping its comment', () => {
    const after = applyWorkspaceFix(GATEWAY + DR + vs('istio-system/egress', 'github'), '/egress/vs.yaml', 'IE301', /^Add subset/);
    assert.match(after, /subsets:\n {2}- name: httpbin # the egress leg\n {2}- name: github\n\n#- \/egress\/vs.yaml/);
    assert.deepEqual(ourCodes(after.replace(/^/, '')), {});
  });

  it('IE301 fix: creates the DestinationRule when there is none', () => {
    const after = applyWorkspaceFix(GATEWAY + vs('istio-system/egress', 'httpbin'), '/egress/vs.yaml', 'IE301');
    assert.match(after, /---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: istio-egressgateway-subsets\n {2}namespace: shop\nspec:\n {2}host: istio-egressgateway.istio-system.svc.cluster.local\n {2}subsets:\n {4}- name: httpbin\n$/);
    assert.deepEqual(ourCodes(after), {});
  });
});
