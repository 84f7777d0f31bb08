import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, loadWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE3[0-3]\d$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const vs = (destination: string, namespace = 'shop') => `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
  namespace: ${namespace}
spec:
  hosts: [httpbin.org]
  http:
  - route:
    - destination:
${destination
  .split('\n')
  .map((line) => `        ${line}`)
  .join('\n')}
`;

const SE = `
#- /shop/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  - {number: 443, name: https, protocol: HTTPS}
  resolution: DNS
`;

const REGISTRY_ONLY = `
#- /shop/sidecar.yaml
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`;

const SERVICES = `
#- /apps/services.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{port: 9080, name: http}]
---
apiVersion: v1
kind: Service
metadata: {name: ratings, namespace: prod}
spec:
  ports: [{port: 9080, name: http}]
`;

describe('references: VirtualService destination hosts and ports', () => {
  it('IE302: an external host without ServiceEntry is a warning under ALLOW_ANY, saying what happens', () => {
    const rendered = diagnoseWorkspace(vs('host: httpbin.org\nport: {number: 80}'), { messages: true, codes: /IE30/ });
    assert.match(
      rendered,
      /host: httpbin.org\n {14}\^{11} IE302 warning: No ServiceEntry in the workspace declares `httpbin.org`, so Istio does not know this host\. Namespace `shop` uses ALLOW_ANY \(from the mesh setting istioEgress.meshOutboundTrafficPolicy\): traffic to it is not blocked, but Istio has no cluster for an unknown host, so requests this rule catches fail with 503 and the rest leaves the mesh unrouted\. Add a ServiceEntry for `httpbin.org`\./,
    );
    assert.deepEqual(ourCodes(SE + vs('host: httpbin.org\nport: {number: 80}')), {});
  });

  it('IE302: an error under REGISTRY_ONLY, pointing at the Sidecar that decides it', () => {
    const rendered = diagnoseWorkspace(REGISTRY_ONLY + vs('host: httpbin.org\nport: {number: 80}'), { messages: true, related: true, codes: /IE302/ });
    assert.match(rendered, /\^{11} IE302 error: .*Namespace `shop` uses REGISTRY_ONLY \(from Sidecar `shop\/default`\): traffic to hosts outside the registry is blocked, so requests routed here fail\./);
    assert.match(rendered, /IE302 → \/shop\/sidecar.yaml:5:33 Sidecar shop\/default sets the outbound policy REGISTRY_ONLY/);
    const meshWide = diagnoseWorkspace(vs('host: httpbin.org'), { settings: { meshOutboundTrafficPolicy: 'REGISTRY_ONLY' }, codes: /IE302/ });
    assert.match(meshWide, /IE302 error/);
  });

  it('IE302: wildcard ServiceEntries count, and mirrors are checked too', () => {
    const wildcard = SE.replace('hosts: [httpbin.org]', 'hosts: ["*.httpbin.org"]').replace('resolution: DNS', 'resolution: NONE');
    assert.deepEqual(ourCodes(wildcard + vs('host: api.httpbin.org\nport: {number: 80}').replace('hosts: [httpbin.org]', 'hosts: [api.httpbin.org]')), {});
    const mirrored = vs('host: httpbin.org\nport: {number: 80}').replace(/$/, '    mirror: {host: copy.example.com}\n');
    assert.deepEqual(ourCodes(SE + mirrored), { '/shop/vs.yaml': ['IE302'] });
  });

  it('IE302 stays quiet when a ServiceEntry exists but is not exported to the namespace (the visibility checks say that)', () => {
    const hidden = SE.replace('resolution: DNS', 'resolution: DNS\n  exportTo: [other]');
    assert.ok(!(ourCodes(hidden + vs('host: httpbin.org\nport: {number: 80}'))['/shop/vs.yaml'] ?? []).includes('IE302'));
  });

  it('IE302 carries the create-service-entry data with ports from the routes', () => {
    const { service, file } = loadWorkspace(vs('host: httpbin.org\nport: {number: 8080}'));
    const diagnostic = service.fileDiagnostics(file('/shop/vs.yaml').uri).find((d) => d.code === 'IE302');
    assert.deepEqual(diagnostic?.data, { fix: 'create-service-entry', host: 'httpbin.org', namespace: 'shop', ports: [{ number: 8080, protocol: 'HTTP' }] });
  });

  it('IE303: an in-cluster name is information, and only where the workspace describes the namespace', () => {
    const rendered = diagnoseWorkspace(SERVICES + vs('host: reviws\nport: {number: 9080}'), { messages: true, codes: /IE30/ });
    assert.match(rendered, /\^{6} IE303 info: No Service `reviws` in namespace `shop` is defined in the workspace or the configured gateways\. Did you mean `reviews`\?/);
    assert.match(applyWorkspaceFix(SERVICES + vs('host: reviws\nport: {number: 9080}'), '/shop/vs.yaml', 'IE303'), /host: reviews\n/);
    // Nothing describes namespace `orders`: its services live elsewhere.
    assert.deepEqual(ourCodes(SERVICES + vs('host: checkout.orders.svc.cluster.local\nport: {number: 80}')), {});
    assert.deepEqual(ourCodes(SERVICES + vs('host: reviews\nport: {number: 9080}')), {});
  });

  it('IE303: a misspelt gateway Service is caught even without Services of its namespace in the workspace', () => {
    const rendered = diagnoseWorkspace(vs('host: istio-egresgateway.istio-system.svc.cluster.local\nport: {number: 80}'), { messages: true, codes: /IE30/ });
    assert.match(rendered, /IE303 info: No Service `istio-egresgateway` in namespace `istio-system` .* Did you mean `istio-egressgateway.istio-system.svc.cluster.local`/);
  });

  it('IE304: `name.namespace` is not expanded; the fix writes the full name', () => {
    const source = SERVICES + vs('host: ratings.prod\nport: {number: 9080}');
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE30/ });
    assert.match(rendered, /\^{12} IE304 warning: Istio does not expand `ratings.prod`: only names without dots are completed to `name.<namespace>.svc.cluster.local`, so this host matches no service, although `ratings.prod.svc.cluster.local` exists\./);
    const fixed = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE304');
    assert.match(fixed, /host: ratings.prod.svc.cluster.local\n/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE305: a port the host does not declare, with the declared ports as fixes', () => {
    const source = SE + vs('host: httpbin.org\nport: {number: 8080}');
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE305/ });
    assert.match(rendered, /port: \{number: 8080\}\n {23}\^{4} IE305 error: Port 8080 is not a port of `httpbin.org`: ServiceEntry `shop\/httpbin` declares `80` and `443`\./);
    assert.match(rendered, /IE305 → \/shop\/se.yaml:7:5 ServiceEntry shop\/httpbin declares the ports/);
    const fixed = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE305', "Change to '443'");
    assert.match(fixed, /port: \{number: 443\}/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE305 for Kubernetes Services and configured gateway Services (the egress gateway\'s ports are the egress chain checks\')', () => {
    assert.deepEqual(ourCodes(SERVICES + vs('host: reviews\nport: {number: 80}'))['/shop/vs.yaml'], ['IE305']);
    assert.deepEqual(ourCodes(vs('host: istio-ingressgateway.istio-system.svc.cluster.local\nport: {number: 8443}'))['/shop/vs.yaml'], ['IE305']);
    assert.deepEqual(ourCodes(vs('host: istio-ingressgateway.istio-system.svc.cluster.local\nport: {number: 443}')), {});
    assert.deepEqual(ourCodes(vs('host: istio-egressgateway.istio-system.svc.cluster.local\nport: {number: 8443}')), {});
  });

  // The VirtualService host `front.example.com` is unknown, so the port a request arrives on is too.
  const front = (destination: string) => vs(destination).replace('hosts: [httpbin.org]', 'hosts: [front.example.com]');

  it('IE306: no port towards a host with several ports; one fix per port', () => {
    const source = SE + front('host: httpbin.org');
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE306/ });
    assert.match(rendered, /\^{11} IE306 warning: `httpbin.org` has several ports \(`80` and `443`, from ServiceEntry `shop\/httpbin`\) and this destination names none/);
    const { actions } = workspaceFixes(source, '/shop/vs.yaml', 'IE306');
    assert.deepEqual(actions.map((action) => action.title), ['Add port 80 to the destination', 'Add port 443 to the destination']);
    const fixed = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE306', 'Add port 443 to the destination');
    assert.match(fixed, / {8}host: httpbin.org\n {8}port:\n {10}number: 443\n/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE306 fix in a flow mapping', () => {
    const source = SE + front('{host: httpbin.org}').replace('    - destination:\n        {host', '    - destination: {host');
    const fixed = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE306', 'Add port 80 to the destination');
    assert.match(fixed, /- destination: \{host: httpbin.org, port: \{ number: 80 \}\}/);
  });

  it('IE306 stays quiet when the arrival port is surely one of the host\'s: single port, match ports, same ports', () => {
    assert.deepEqual(ourCodes(SE.replace(/ {2}- \{number: 443.*\n/, '') + front('host: httpbin.org')), {});
    assert.deepEqual(ourCodes(SE + front('host: httpbin.org').replace('  - route:', '  - match: [{port: 443}]\n    route:')), {});
    // A mesh VirtualService for httpbin.org only receives requests on its ports 80 and 443.
    assert.deepEqual(ourCodes(SE + vs('host: httpbin.org')), {});
  });
});
