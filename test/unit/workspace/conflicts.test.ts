import { strict as assert } from 'node:assert';
import { diagnoseWorkspace, workspaceCodes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE3[0-3]\d$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const vs = (path: string, name: string, namespace: string, host: string, extra = '') => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  hosts: [${host}]${extra}
  http:
  - route:
    - destination: {host: reviews.shop.svc.cluster.local}
`;

const se = (path: string, name: string, namespace: string, ports: string, extra = '') => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  hosts: [api.example.com]
  ports: [${ports}]
  resolution: DNS${extra}
`;

const dr = (path: string, name: string, namespace: string, body: string) => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  host: api.example.com
${body}
`;

const gateway = (path: string, name: string, namespace: string, server: string, selector = 'istio: egressgateway') => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {${selector}}
  servers:
  - ${server}
`;

const sidecar = (path: string, name: string, selector = '') => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: shop}
spec:${selector ? `\n  workloadSelector: {labels: {${selector}}}` : ''}
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
`;

const SERVICE = `
#- /shop/service.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{port: 9080, name: http}]
`;

const HTTPS = '{number: 443, name: https, protocol: HTTPS}';
const TLS_443 = '{number: 443, name: tls, protocol: TLS}';

describe('conflicts between resources', () => {
  it('IE320: two mesh VirtualServices for one host (short and full names meet), each pointing at the other', () => {
    const source = SERVICE + vs('/a.yaml', 'one', 'shop', 'reviews') + vs('/b.yaml', 'two', 'shop', 'reviews.shop.svc.cluster.local');
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE320/ });
    assert.match(rendered, /hosts: \[reviews\]\n {10}\^{7} IE320 error: VirtualService `shop\/two` also binds host `reviews` to the mesh, for every namespace\. Sidecars take one VirtualService per host/);
    assert.match(rendered, /IE320 → \/b.yaml:5:11 VirtualService shop\/two binds the same host/);
    assert.match(rendered, /IE320 → \/a.yaml:5:11 VirtualService shop\/one binds the same host/);
  });

  it('IE320 passes for disjoint exportTo, gateway-only VirtualServices and different hosts', () => {
    const base = SERVICE + vs('/a.yaml', 'one', 'shop', 'reviews', '\n  exportTo: [.]');
    assert.deepEqual(ourCodes(base + vs('/b.yaml', 'two', 'other', 'reviews.shop.svc.cluster.local', '\n  exportTo: [.]')), {});
    assert.deepEqual(ourCodes(base + vs('/b.yaml', 'two', 'other', 'reviews.shop.svc.cluster.local', '\n  exportTo: [shop]'))['/a.yaml'], ['IE320']);
    const gatewayOnly = '\n  gateways: [istio-system/ingress]';
    const ingress = gateway('/gw.yaml', 'ingress', 'istio-system', "port: {number: 80, name: http, protocol: HTTP}\n    hosts: ['*']", 'istio: ingressgateway');
    assert.deepEqual(ourCodes(SERVICE + ingress + vs('/a.yaml', 'one', 'shop', 'reviews.example.com', gatewayOnly) + vs('/b.yaml', 'two', 'shop', 'reviews.example.com', gatewayOnly)), {});
  });

  it('IE321: ServiceEntries disagreeing on a port protocol, on the protocol of each', () => {
    const rendered = diagnoseWorkspace(se('/a.yaml', 'a', 'shop', TLS_443) + se('/b.yaml', 'b', 'other', HTTPS), { messages: true, related: true, codes: /IE32/ });
    assert.match(rendered, /\^{3} IE321 warning: ServiceEntry `other\/b` also declares `api.example.com` port 443, with another protocol \(`TLS` and `HTTPS`\), for every namespace\./);
    assert.match(rendered, /IE321 → \/b.yaml:6:48 ServiceEntry other\/b port 443/);
    assert.ok(!rendered.includes('IE322'));
  });

  it('IE322: the same host and port twice; IE321/IE322 pass for other ports or disjoint exportTo', () => {
    const rendered = diagnoseWorkspace(se('/a.yaml', 'a', 'shop', HTTPS) + se('/b.yaml', 'b', 'shop', HTTPS.replace('https', 'tls-port')), { messages: true, codes: /IE32/ });
    assert.match(rendered, /hosts: \[api.example.com\]\n {10}\^{15} IE322 warning: ServiceEntry `shop\/b` also declares `api.example.com` with port `443`, for every namespace\. Istio keeps one service per host/);
    assert.deepEqual(ourCodes(se('/a.yaml', 'a', 'shop', HTTPS) + se('/b.yaml', 'b', 'shop', '{number: 8443, name: alt, protocol: HTTPS}')), {});
    assert.deepEqual(ourCodes(se('/a.yaml', 'a', 'shop', HTTPS, '\n  exportTo: [.]') + se('/b.yaml', 'b', 'other', TLS_443, '\n  exportTo: [.]')), {});
    assert.deepEqual(ourCodes(se('/a.yaml', 'a', 'shop', HTTPS, '\n  exportTo: ["~"]') + se('/b.yaml', 'b', 'other', TLS_443)), {});
  });

  it('IE323: DestinationRules whose merge drops a top-level trafficPolicy or a subset', () => {
    const policy = '  trafficPolicy: {tls: {mode: SIMPLE}}';
    const rendered = diagnoseWorkspace(
      se('/se.yaml', 'a', 'shop', HTTPS) + dr('/a.yaml', 'a', 'shop', `${policy}\n  subsets: [{name: v1}]`) + dr('/b.yaml', 'b', 'shop', `${policy}\n  subsets: [{name: v1}, {name: v2}]`),
      { messages: true, related: true, codes: /IE323/ },
    );
    assert.match(rendered, /trafficPolicy: \{tls: \{mode: SIMPLE\}\}\n {2}\^{13} IE323 warning: DestinationRule `shop\/b` also sets a top-level trafficPolicy for `api.example.com` in this namespace\./);
    assert.match(rendered, /subsets: \[\{name: v1\}\]\n {19}\^{2} IE323 warning: Subset `v1` is also defined by DestinationRule `shop\/b` for `api.example.com`\./);
    assert.match(rendered, /IE323 → \/b.yaml:7:20 Subset v1 in DestinationRule shop\/b/);
  });

  it('IE323 passes where Istio merges cleanly or does not merge at all', () => {
    const base = se('/se.yaml', 'a', 'shop', HTTPS) + dr('/a.yaml', 'a', 'shop', '  trafficPolicy: {tls: {mode: SIMPLE}}\n  subsets: [{name: v1}]');
    assert.deepEqual(ourCodes(base + dr('/b.yaml', 'b', 'shop', '  subsets: [{name: v2}]')), {});
    assert.deepEqual(ourCodes(base + dr('/b.yaml', 'b', 'other', '  trafficPolicy: {tls: {mode: SIMPLE}}\n  subsets: [{name: v1}]')), {});
    assert.deepEqual(ourCodes(base + dr('/b.yaml', 'b', 'shop', '  exportTo: [.]\n  trafficPolicy: {tls: {mode: SIMPLE}}')), {});
    assert.deepEqual(ourCodes(base + dr('/b.yaml', 'b', 'shop', '  workloadSelector: {matchLabels: {app: a}}\n  exportTo: [.]\n  trafficPolicy: {tls: {mode: SIMPLE}}')), {});
  });

  it('the same object (kind, namespace, name) in two files is an alternative, never a conflict', () => {
    const policy = '  trafficPolicy: {tls: {mode: SIMPLE}}\n  subsets: [{name: v1}]';
    const base = se('/se.yaml', 'a', 'shop', HTTPS);
    assert.deepEqual(ourCodes(base + dr('/v1/dr.yaml', 'api', 'shop', policy) + dr('/v2/dr.yaml', 'api', 'shop', policy)), {});
    assert.deepEqual(ourCodes(se('/a.yaml', 'a', 'shop', HTTPS) + se('/b.yaml', 'a', 'shop', HTTPS)), {});
    assert.deepEqual(ourCodes(sidecar('/a.yaml', 'default') + sidecar('/b.yaml', 'default')), {});
    assert.deepEqual(ourCodes(SERVICE + vs('/a.yaml', 'reviews', 'shop', 'reviews') + vs('/b.yaml', 'reviews', 'shop', 'reviews')), {});
    assert.match(diagnoseWorkspace(base + dr('/v1/dr.yaml', 'api', 'shop', policy) + dr('/v2/dr.yaml', 'api', 'other', policy) + dr('/v3/dr.yaml', 'api2', 'shop', policy)), /IE323/);
  });

  it('IE324: two Gateways serving one host and port on the same gateway workload (an error for TLS servers)', () => {
    const server = "port: {number: 443, name: tls, protocol: TLS}\n    hosts: [api.example.com]\n    tls: {mode: PASSTHROUGH}";
    const rendered = diagnoseWorkspace(gateway('/a.yaml', 'a', 'istio-system', server) + gateway('/b.yaml', 'b', 'apps', server.replace('[api', '[apps/api'), 'app: istio-egressgateway'), {
      messages: true,
      related: true,
      codes: /IE324/,
    });
    assert.match(rendered, /\^{15} IE324 error: Gateway `apps\/b` also serves `api.example.com` on port 443 of the same gateway workload \(istio=egressgateway\)\. Both servers use TLS, so Istio keeps the older server and drops the other/);
    assert.match(rendered, /IE324 → \/a.yaml:8:13 Gateway istio-system\/a serves the same host/);
    const plain = "port: {number: 80, name: http, protocol: HTTP}\n    hosts: [api.example.com]";
    assert.match(diagnoseWorkspace(gateway('/a.yaml', 'a', 'istio-system', plain) + gateway('/b.yaml', 'b', 'apps', plain)), /IE324 warning/);
  });

  it('IE324 passes for another port, host, bind or gateway workload', () => {
    const server = (port: number, host: string, bind = '') => `port: {number: ${port}, name: tls, protocol: TLS}\n    hosts: [${host}]\n    tls: {mode: PASSTHROUGH}${bind}`;
    const a = gateway('/a.yaml', 'a', 'istio-system', server(443, 'api.example.com'));
    assert.deepEqual(ourCodes(a + gateway('/b.yaml', 'b', 'apps', server(8443, 'api.example.com'))), {});
    assert.deepEqual(ourCodes(a + gateway('/b.yaml', 'b', 'apps', server(443, 'www.example.com'))), {});
    assert.deepEqual(ourCodes(a + gateway('/b.yaml', 'b', 'apps', server(443, 'api.example.com', '\n    bind: 10.0.0.1'))), {});
    assert.deepEqual(ourCodes(a + gateway('/b.yaml', 'b', 'apps', server(443, 'api.example.com'), 'istio: ingressgateway')), {});
  });

  it('IE325: two Sidecars without workloadSelector in one namespace', () => {
    const rendered = diagnoseWorkspace(sidecar('/a.yaml', 'default') + sidecar('/b.yaml', 'egress'), { messages: true, related: true, codes: /IE32/ });
    assert.match(rendered, /metadata: \{name: default, namespace: shop\}\n {17}\^{7} IE325 error: Sidecar `shop\/egress` also has no workloadSelector in namespace `shop`\. A namespace has one default Sidecar: Istio uses the oldest/);
    assert.match(rendered, /IE325 → \/a.yaml:3:18 Sidecar shop\/default/);
    assert.deepEqual(ourCodes(sidecar('/a.yaml', 'default') + sidecar('/b.yaml', 'egress', 'app: a')), {});
  });

  it('IE325: an empty workloadSelector selects every workload and shadows the namespace default', () => {
    const empty = sidecar('/b.yaml', 'everything').replace('spec:\n', 'spec:\n  workloadSelector: {labels: {}}\n');
    const rendered = diagnoseWorkspace(sidecar('/a.yaml', 'default') + empty, { messages: true, codes: /IE32/ });
    assert.match(rendered, /IE325 error: Sidecar `shop\/everything` has an empty workloadSelector, which selects every workload of namespace `shop` and comes before a Sidecar without selector, so this one applies to no workload\./);
    assert.match(rendered, /workloadSelector: \{labels: \{\}\}\n {2}\^{16} IE325 error: This empty workloadSelector selects every workload/);
  });

  it('IE326: two Sidecars with the same workloadSelector; different selectors pass', () => {
    const rendered = diagnoseWorkspace(sidecar('/a.yaml', 'one', 'app: a') + sidecar('/b.yaml', 'two', 'app: a'), { messages: true, codes: /IE32/ });
    assert.match(rendered, /workloadSelector: \{labels: \{app: a\}\}\n {2}\^{16} IE326 error: Sidecar `shop\/two` selects the same workloads \(app=a\)\./);
    assert.deepEqual(ourCodes(sidecar('/a.yaml', 'one', 'app: a') + sidecar('/b.yaml', 'two', 'app: b')), {});
  });
});
