import { strict as assert } from 'node:assert';
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

const gateway = (hosts: string, selector = 'istio: egressgateway', port = 80, namespace = 'istio-system') => `
#- /egress/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: ${namespace}}
spec:
  selector: {${selector}}
  servers:
  - port: {number: ${port}, name: http, protocol: HTTP}
    hosts: [${hosts}]
`;

const SE = `
#- /shop/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
`;

const vs = (hosts = 'httpbin.org', namespace = 'shop') => `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin, namespace: ${namespace}}
spec:
  hosts: [${hosts}]
  gateways: [istio-system/egress]
  http:
  - route:
    - destination: {host: httpbin.org, port: {number: 80}}
`;

describe('references: Gateways', () => {
  // An ingress Gateway: on an egress gateway the egress chain checks (IE407) speak for the hosts.
  const ingress = (hosts: string, namespace = 'istio-system') => gateway(hosts, 'istio: ingressgateway', 80, namespace).replace('name: egress,', 'name: ingress,');
  const shop = (hosts = 'shop.example.com', namespace = 'shop', reference = 'istio-system/ingress') => `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: storefront, namespace: ${namespace}}
spec:
  hosts: [${hosts}]
  gateways: [${reference}]
  http:
  - route:
    - destination: {host: storefront.shop.svc.cluster.local, port: {number: 9080}}
`;

  it('IE307: no VirtualService host matches a server host of the Gateway', () => {
    const rendered = diagnoseWorkspace(ingress('www.example.com') + shop(), { messages: true, related: true, codes: /IE307/ });
    assert.match(
      rendered,
      /gateways: \[istio-system\/ingress\]\n {13}\^{20} IE307 warning: None of this VirtualService's hosts \(`shop.example.com`\) matches a host of Gateway `istio-system\/ingress` \(`www.example.com`\), so the Gateway ignores this VirtualService\. Add the host/,
    );
    assert.match(rendered, /IE307 → \/egress\/gateway.yaml:8:13 Gateway istio-system\/ingress server host/);
  });

  it('IE307 follows `ns/host`, `./host`, `*/host` and wildcards as Istio does', () => {
    assert.match(diagnoseWorkspace(ingress('other/shop.example.com') + shop(), { messages: true, codes: /IE307/ }), /Hosts written `namespace\/host` apply only to VirtualServices in that namespace\./);
    assert.deepEqual(ourCodes(ingress('shop/shop.example.com') + shop()), {});
    assert.deepEqual(ourCodes(ingress('"*/shop.example.com"') + shop()), {});
    assert.deepEqual(ourCodes(ingress('"*.example.com"') + shop()), {});
    assert.deepEqual(ourCodes(ingress('"*"') + shop()), {});
    // `./host` means the Gateway's own namespace.
    assert.deepEqual(ourCodes(ingress('./shop.example.com') + shop())['/shop/vs.yaml'], ['IE307']);
    assert.deepEqual(ourCodes(ingress('./shop.example.com', 'shop') + shop('shop.example.com', 'shop', 'ingress')), {});
  });

  it('IE307 steps back where the VirtualService routes out through an egress Gateway (the egress chain checks report it)', () => {
    assert.deepEqual(ourCodes(gateway('edition.cnn.com') + SE + vs()), {});
  });

  it('IE310: a selector no configured gateway and no workspace Service matches; a typo gets a fix', () => {
    const source = gateway('httpbin.org', 'istio: egresgateway') + SE + vs();
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE310/ });
    assert.match(
      rendered,
      /selector: \{istio: egresgateway\}\n {20}\^{12} IE310 warning: No known gateway workload carries the labels istio=egresgateway: the configured gateways are `istio-system\/istio-egressgateway` \(app=istio-egressgateway, istio=egressgateway\)/,
    );
    const fixed = applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE310');
    assert.match(fixed, /selector: \{istio: egressgateway\}/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE310 trusts the gateway workloads of the settings and the Services of the workspace', () => {
    const custom = gateway('httpbin.org', 'istio: my-egress') + SE + vs();
    assert.deepEqual(ourCodes(custom)['/egress/gateway.yaml'], ['IE310']);
    const settings = { gateways: [{ service: 'my-egress', namespace: 'egress', labels: { istio: 'my-egress' }, ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] }] };
    assert.deepEqual(ourCodes(custom, settings), {});
    const service = `
#- /egress/service.yaml
apiVersion: v1
kind: Service
metadata: {name: my-egress, namespace: egress}
spec:
  selector: {istio: my-egress}
  ports: [{port: 80, name: http2, targetPort: 8080}]
`;
    assert.deepEqual(ourCodes(custom + service), {});
  });

  it('IE311: a server port the selected gateway Service does not expose (its targetPort counts)', () => {
    const source = gateway('httpbin.org', 'istio: egressgateway', 8000) + SE + vs();
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE311/ });
    assert.match(
      rendered,
      /\^{4} IE311 warning: Port 8000 is not exposed by the Service of the gateway this Gateway selects \(`istio-system\/istio-egressgateway`: ports `80`, `443` and `15443`\), so no traffic reaches this server\./,
    );
    assert.match(applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE311', "Change to '80'"), /port: \{number: 80, name: http/);
    assert.deepEqual(ourCodes(gateway('httpbin.org', 'istio: egressgateway', 8080) + SE + vs()), {});
    assert.deepEqual(ourCodes(gateway('httpbin.org', 'istio: egressgateway', 443).replace('protocol: HTTP', 'protocol: TLS}\n    tls: {mode: PASSTHROUGH').replace('TLS}}', 'TLS}') + SE + vs()), {});
  });
});
