// The egress chain's two halves (IE400, IE401): multi-file workspaces in the shape of Istio's
// "egress gateway" task, with one half missing or living in another VirtualService.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, loadWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

export const SE = `
#- /egress/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts:
  - httpbin.org
  ports:
  - number: 80
    name: http
    protocol: HTTP
  resolution: DNS
`;

export const gateway = (selector = 'istio: egressgateway', hosts = '- httpbin.org') => `
#- /egress/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress-httpbin
  namespace: shop
spec:
  selector:
    ${selector}
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    ${hosts}
`;

export const DR = `
#- /egress/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
`;

export const BOTH = `  gateways:
  - mesh
  - egress-httpbin
`;

export const MESH_RULE = `  # sidecars → egress gateway
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: httpbin
        port:
          number: 80
`;

export const GATEWAY_RULE = `  # egress gateway → httpbin.org
  - match:
    - gateways:
      - egress-httpbin
      port: 80
    route:
    - destination:
        host: httpbin.org
        port:
          number: 80
`;

export const vs = (gateways: string, rules: string, name = 'httpbin', path = '/egress/vs.yaml') => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: shop
spec:
  hosts:
  - httpbin.org
${gateways}  http:
${rules}`;

/** Only this family's codes, per file: other families may have their own say about a fixture. */
export function egressCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE4(0\d|1[0-4])$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

/** The text of one file in a rendered fixture. */
export function fileText(rendered: string, path: string): string {
  return rendered.split(/^#- /m).find((part) => part.startsWith(`${path}\n`))!.slice(path.length + 1);
}

const WORKSPACE = SE + gateway() + DR;

describe('egress chain halves (IE400, IE401)', () => {
  it('a complete chain in one VirtualService passes', () => {
    assert.deepEqual(egressCodes(WORKSPACE + vs(BOTH, MESH_RULE + GATEWAY_RULE)), {});
  });

  it('a chain split over a mesh VirtualService and a gateway VirtualService passes', () => {
    const mesh = vs('', MESH_RULE, 'httpbin-mesh', '/egress/vs-mesh.yaml');
    const atGateway = vs('  gateways:\n  - egress-httpbin\n', GATEWAY_RULE, 'httpbin-gateway', '/egress/vs-gateway.yaml');
    assert.deepEqual(egressCodes(WORKSPACE + mesh + atGateway), {});
  });

  it('IE400: sidecars reach the egress gateway, nothing routes on; the Gateway is related', () => {
    const rendered = diagnoseWorkspace(WORKSPACE + vs(BOTH, MESH_RULE), { messages: true, related: true, codes: /IE4/ });
    assert.match(
      rendered,
      /host: istio-egressgateway.istio-system.svc.cluster.local\n {14}\^+ IE400 error: Sidecars send `httpbin.org` to the egress gateway, but no rule routes it on from there, so the gateway drops the traffic: add a rule that matches `gateways: \[egress-httpbin\]` and routes to `httpbin.org`\./,
    );
    assert.match(rendered, /IE400 → \/egress\/gateway.yaml:4:9 Gateway shop\/egress-httpbin: no rule of shop\/httpbin applies here/);
  });

  it('IE400 fix: adds the gateway rule to the same list, after the mesh rule', () => {
    const after = applyWorkspaceFix(WORKSPACE + vs(BOTH, MESH_RULE), '/egress/vs.yaml', 'IE400');
    assert.equal(
      fileText(after, '/egress/vs.yaml'),
      fileText(vs(BOTH, MESH_RULE + GATEWAY_RULE.replace('  # egress gateway → httpbin.org\n', '')).replace(/^\n/, ''), '/egress/vs.yaml'),
    );
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE400 fix: binds a mesh-only VirtualService to the Gateway that offers the host', () => {
    const source = WORKSPACE + vs('', MESH_RULE);
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE400 error: .*and bind the VirtualService to `egress-httpbin`\./);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE400');
    assert.match(fileText(after, '/egress/vs.yaml'), /hosts:\n {2}- httpbin.org\n {2}gateways:\n {2}- mesh\n {2}- egress-httpbin\n {2}http:\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE400 without a Gateway anywhere: says what to create, offers no edit', () => {
    const rendered = diagnoseWorkspace(SE + DR + vs('', MESH_RULE), { messages: true, codes: /IE4/ });
    assert.match(rendered, /IE400 error: .*bind this VirtualService to a Gateway on the egress gateway \(selector `istio: egressgateway`\) whose server lists `httpbin.org`/);
    assert.equal(workspaceFixes(SE + DR + vs('', MESH_RULE), '/egress/vs.yaml', 'IE400').actions.length, 0);
  });

  it('IE400 on a rule without match.gateways: names the loop, and the fix limits the rule to mesh', () => {
    const unscoped = MESH_RULE.replace('    - gateways:\n      - mesh\n      port: 80\n', '    - port: 80\n');
    const source = WORKSPACE + vs(BOTH, unscoped);
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
    assert.match(rendered, /IE400 error: .*\(this rule, having no `match.gateways`, even applies at the gateway and sends the traffic back to itself\)/);
    assert.doesNotMatch(rendered, /IE404/);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE400');
    assert.match(fileText(after, '/egress/vs.yaml'), /- match:\n {4}- gateways:\n {6}- mesh\n {6}port: 80\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE400 fix for TLS: the gateway rule matches the SNI name', () => {
    const tls = (rules: string) => vs(BOTH, rules).replace('  http:\n', '  tls:\n');
    const mesh = MESH_RULE.replace('      port: 80\n', '      port: 443\n      sniHosts:\n      - httpbin.org\n').replace('number: 80', 'number: 443');
    const after = applyWorkspaceFix(SE + gateway() + DR + tls(mesh), '/egress/vs.yaml', 'IE400');
    assert.match(
      fileText(after, '/egress/vs.yaml'),
      / {2}- match:\n {4}- gateways:\n {6}- egress-httpbin\n {6}port: 443\n {6}sniHosts:\n {6}- httpbin.org\n {4}route:\n {4}- destination:\n {8}host: httpbin.org\n {8}port:\n {10}number: 443\n$/,
    );
  });

  it('IE400 for a wildcard host: no destination can be a wildcard, so no edit is offered', () => {
    const wildcard = vs(BOTH, MESH_RULE.replace('      port: 80\n', '      port: 443\n      sniHosts:\n      - "*.httpbin.org"\n')).replace('  - httpbin.org\n', '  - "*.httpbin.org"\n').replace('  http:\n', '  tls:\n');
    const source = SE + gateway(undefined, '- "*.httpbin.org"') + DR + wildcard;
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE400 error: Sidecars send `\*.httpbin.org` to the egress gateway, .*routes to a host the wildcard covers\./);
    assert.equal(workspaceFixes(source, '/egress/vs.yaml', 'IE400').actions.length, 0);
  });

  it('IE401: the gateway rule alone is a warning on its destination; the fix inserts the mesh rule above it', () => {
    const source = WORKSPACE + vs(BOTH, GATEWAY_RULE);
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
    assert.match(
      rendered,
      /host: httpbin.org\n {14}\^{11} IE401 warning: This rule at Gateway `egress-httpbin` routes `httpbin.org` out, but no rule sends sidecar traffic for it to the egress gateway, so traffic does not pass the gateway: sidecars reach `httpbin.org` directly; add a rule for `mesh` that routes it to `istio-egressgateway.istio-system.svc.cluster.local`\./,
    );
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE401');
    assert.equal(fileText(after, '/egress/vs.yaml'), fileText(vs(BOTH, MESH_RULE.replace('  # sidecars → egress gateway\n', '') + GATEWAY_RULE).replace(/^\n/, ''), '/egress/vs.yaml'));
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE401 fix on a gateway-only VirtualService also binds it to mesh', () => {
    const source = WORKSPACE + vs('  gateways:\n  - egress-httpbin\n', GATEWAY_RULE);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE401');
    assert.match(fileText(after, '/egress/vs.yaml'), /gateways:\n {2}- egress-httpbin\n {2}- mesh\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE401 names the mesh VirtualService that routes the host directly, and offers no edit', () => {
    const direct = vs('', '  - route:\n    - destination:\n        host: httpbin.org\n', 'httpbin-direct', '/egress/direct.yaml');
    const source = WORKSPACE + vs('  gateways:\n  - egress-httpbin\n', GATEWAY_RULE) + direct;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(rendered, /IE401 warning: .*VirtualService shop\/httpbin-direct sends it from sidecars straight to its destination; route it to `istio-egressgateway.istio-system.svc.cluster.local` there\./);
    assert.match(rendered, /IE401 → \/egress\/direct.yaml:4:9 VirtualService shop\/httpbin-direct routes sidecar traffic directly/);
    assert.equal(workspaceFixes(source, '/egress/vs.yaml', 'IE401').actions.length, 0);
  });

  it('findings follow edits in other files: the gateway half comes, the Gateway changes, the half goes', () => {
    const workspace = loadWorkspace(WORKSPACE + vs('', MESH_RULE, 'httpbin-mesh', '/egress/vs-mesh.yaml'));
    const codesOf = (path: string) => workspace.service.fileDiagnostics(workspace.file(path).uri).map((d) => String(d.code)).filter((code) => code.startsWith('IE40'));
    assert.deepEqual(codesOf('/egress/vs-mesh.yaml'), ['IE400']);
    const uri = 'file:///workspace/egress/vs-gateway.yaml';
    workspace.service.setWorkspaceFile(uri, dedent(vs('  gateways:\n  - egress-httpbin\n', GATEWAY_RULE, 'httpbin-gateway', '/x')).replace(/^#- \/x\n/, ''));
    assert.deepEqual(codesOf('/egress/vs-mesh.yaml'), []);
    workspace.service.setWorkspaceFile(workspace.file('/egress/gateway.yaml').uri, dedent(gateway('istio: ingressgateway')).replace(/^#- .*\n/, ''));
    assert.deepEqual(workspace.service.fileDiagnostics(workspace.file('/egress/gateway.yaml').uri).map((d) => String(d.code)), ['IE406']);
    workspace.service.removeWorkspaceFile(uri);
    assert.deepEqual(codesOf('/egress/vs-mesh.yaml'), ['IE400']);
  });

  it('no egress chain, no findings: direct routing from sidecars, and an ingress gateway', () => {
    assert.deepEqual(egressCodes(SE + vs('', '  - route:\n    - destination:\n        host: httpbin.org\n')), {});
    const ingress = gateway('istio: ingressgateway').replace(/egress-httpbin/g, 'shop-ingress');
    const rules = '  - match:\n    - gateways:\n      - shop-ingress\n    route:\n    - destination:\n        host: httpbin.org\n';
    assert.deepEqual(egressCodes(SE + ingress + vs('  gateways:\n  - shop-ingress\n', rules)), {});
  });
});
