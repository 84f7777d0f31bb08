import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
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

const vs = (gateway: string, subset: string) => `
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
`;

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

  it('IE301: a subset no DestinationRule defines, with the DestinationRule as related information', () => {
    const rendered = diagnoseWorkspace(GATEWAY + DR + vs('istio-system/egress', 'httbin'), { messages: true, related: true, codes: /IE301/ });
    assert.match(rendered, /subset: httbin\n {16}\^{6} IE301 error: Subset `httbin` is not defined: DestinationRule `shop\/egressgateway-for-httpbin` for `istio-egressgateway.istio-system.svc.cluster.local` defines `httpbin`\./);
    assert.match(rendered, /IE301 → \/egress\/dr.yaml:7:9 DestinationRule shop\/egressgateway-for-httpbin/);
  });

  it('IE301 fix: adds the subset to the DestinationRule in the other file, keeping its comment', () => {
    const after = applyWorkspaceFix(GATEWAY + DR + vs('istio-system/egress', 'github'), '/egress/vs.yaml', 'IE301');
    assert.match(after, /subsets:\n {2}- name: httpbin # the egress leg\n {2}- name: github\n\n#- \/egress\/vs.yaml/);
    assert.deepEqual(ourCodes(after.replace(/^/, '')), {});
  });

  it('IE301 fix: creates the DestinationRule when there is none', () => {
    const after = applyWorkspaceFix(GATEWAY + vs('istio-system/egress', 'httpbin'), '/egress/vs.yaml', 'IE301');
    assert.match(after, /---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: istio-egressgateway-subsets\n {2}namespace: shop\nspec:\n {2}host: istio-egressgateway.istio-system.svc.cluster.local\n {2}subsets:\n {4}- name: httpbin\n$/);
    assert.deepEqual(ourCodes(after), {});
  });
});
