import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, loadWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

/** Only this family's codes, so that other families' findings do not blur the picture. */
export function visibilityCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const own = codes.filter((code) => /^IE3[45]\d$/.test(code));
    if (own.length) out[path] = own;
  }
  return out;
}

export const REGISTRY_ONLY = { meshOutboundTrafficPolicy: 'REGISTRY_ONLY' };

interface ChainOptions {
  /** Extra lines at the end of each resource's spec (e.g. an exportTo). */
  se?: string;
  vs?: string;
  gatewayDr?: string;
  gatewayDrNamespace?: string;
  originationDr?: string;
  originationNamespace?: string;
}

/** HTTP from the sidecars to the egress gateway, which originates TLS to payments.example.com:443. */
export function origination(options: ChainOptions = {}): string {
  return `
#- /shop/serviceentry.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: payments
  namespace: shop
spec:
  hosts: [payments.example.com]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  - {number: 443, name: https, protocol: HTTPS}
  resolution: DNS
${options.se ?? ''}
#- /shop/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress-payments
  namespace: shop
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [payments.example.com]

#- /shop/routing.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egress-gateway-for-payments
  namespace: ${options.gatewayDrNamespace ?? 'shop'}
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: payments
${options.gatewayDr ?? ''}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: payments
  namespace: shop
spec:
  hosts: [payments.example.com]
  gateways: [mesh, egress-payments]
  http:
  - match:
    - {gateways: [mesh], port: 80}
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: payments
        port: {number: 80}
  - match:
    - {gateways: [egress-payments], port: 80}
    route:
    - destination:
        host: payments.example.com
        port: {number: 443}
${options.vs ?? ''}
#- /shop/origination.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: originate-tls-for-payments
  namespace: ${options.originationNamespace ?? 'shop'}
spec:
  host: payments.example.com
  trafficPolicy:
    portLevelSettings:
    - port: {number: 443}
      tls: {mode: SIMPLE, sni: payments.example.com}
${options.originationDr ?? ''}`;
}

describe('visibility: what the egress gateway sees', () => {
  it('the chain exported everywhere (or to the right namespaces) is clean under both policies', () => {
    assert.deepEqual(visibilityCodes(origination()), {});
    assert.deepEqual(visibilityCodes(origination(), REGISTRY_ONLY), {});
    const scoped = origination({ se: '  exportTo: [".", istio-system]', vs: '  exportTo: [".", istio-system]', originationDr: '  exportTo: [".", istio-system]' });
    assert.deepEqual(visibilityCodes(scoped, REGISTRY_ONLY), {});
  });

  it('IE340: the ServiceEntry is kept in the application namespace, so the gateway has no cluster for the host', () => {
    const source = origination({ se: '  exportTo: ["."] # only for shop' });
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /        host: payments.example.com\n {14}\^{20} IE340 error: The gateway `istio-egressgateway` runs in namespace `istio-system` \(istioEgress.gateways setting\) and applies this rule, but it sees nothing for `payments.example.com`: ServiceEntry `shop\/payments` \(exportTo \[\.\]\) is not exported there\. It has no cluster for the host, so the requests fail \(503 for HTTP, a reset connection for TLS and TCP\)\. Add `istio-system` to the exportTo of the ServiceEntry\./,
    );
    assert.match(rendered, /IE340 → \/shop\/serviceentry.yaml:12:3 ServiceEntry shop\/payments is exported to \[\.\]/);
    assert.match(rendered, /IE340 → \/shop\/gateway.yaml:7:3 Gateway shop\/egress-payments selects istio-egressgateway in istio-system/);
    assert.deepEqual(visibilityCodes(source), { '/shop/routing.yaml': ['IE340'] });
  });

  it('IE340 fix: adds the gateway namespace to the exportTo, keeping the comment', () => {
    const after = applyWorkspaceFix(origination({ se: '  exportTo: ["."] # only for shop' }), '/shop/routing.yaml', 'IE340');
    assert.match(after, /  exportTo: \["\.", istio-system\] # only for shop\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE340 fix: `~` (visible nowhere) cannot be combined with a namespace, so it is replaced', () => {
    const after = applyWorkspaceFix(origination({ se: '  exportTo: ["~"]' }), '/shop/routing.yaml', 'IE340');
    assert.match(after, /  exportTo: \[istio-system\]\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE340 follows edits: fixing the ServiceEntry in its own file clears the finding in the VirtualService file', () => {
    const workspace = loadWorkspace(origination({ se: '  exportTo: ["."]' }));
    const routing = workspace.file('/shop/routing.yaml').uri;
    const codes = () => workspace.service.fileDiagnostics(routing).map((d) => String(d.code)).filter((code) => /^IE3[45]\d$/.test(code));
    const entry = workspace.file('/shop/serviceentry.yaml');
    assert.deepEqual(codes(), ['IE340']);
    workspace.service.setWorkspaceFile(entry.uri, entry.text.replace('exportTo: ["."]', 'exportTo: [".", istio-system]'));
    assert.deepEqual(codes(), []);
    workspace.service.setWorkspaceFile(entry.uri, entry.text);
    assert.deepEqual(codes(), ['IE340']);
  });

  it('IE340: a Kubernetes Service hidden from an ingress gateway by its exportTo annotation (no fix: the annotation is a string)', () => {
    const source = `
#- /web.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations:
    networking.istio.io/exportTo: "."
spec:
  ports:
  - {port: 8080, name: http}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: shop
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [shop.example.com]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts: [shop.example.com]
  gateways: [public]
  http:
  - route:
    - destination: {host: web, port: {number: 8080}}
`;
    assert.deepEqual(visibilityCodes(source), { '/web.yaml': ['IE340'] });
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE340/ }), /Add `istio-system` to the Service's `networking.istio.io\/exportTo` annotation\./);
    assert.deepEqual(workspaceFixes(source, '/web.yaml', 'IE340').actions, []);
    assert.deepEqual(visibilityCodes(source.replace('exportTo: "."', 'exportTo: ".,istio-system"')), {});
  });

  it('IE341: a VirtualService exported only to its own namespace loses its gateway rules', () => {
    const source = origination({ vs: '  exportTo: ["."]' });
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /  exportTo: \["\."\]\n  \^{8} IE341 error: The egress gateway `istio-egressgateway` runs in namespace `istio-system` \(istioEgress.gateways setting\) and reads only VirtualServices exported there; with exportTo \[\.\] it ignores this VirtualService's rules for Gateway `egress-payments`, so requests reaching the gateway find no route \(404 for HTTP, a closed connection for TLS\)\. Add `istio-system` to exportTo\./,
    );
    assert.match(rendered, /IE341 → \/shop\/gateway.yaml:7:3 Gateway shop\/egress-payments selects istio-egressgateway in istio-system/);
    const after = applyWorkspaceFix(source, '/shop/routing.yaml', 'IE341');
    assert.match(after, /  exportTo: \["\.", istio-system\]\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE341: not reported for a VirtualService bound to the mesh only, or exported with `*`', () => {
    assert.deepEqual(visibilityCodes(origination({ vs: '  exportTo: ["*"]' })), {});
    const meshOnly = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: timeouts
  namespace: shop
spec:
  hosts: [payments.example.com]
  exportTo: ["."]
  http:
  - timeout: 3s
    route:
    - destination: {host: payments.example.com}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: payments
  namespace: shop
spec:
  hosts: [payments.example.com]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  resolution: DNS
  exportTo: ["."]
`;
    assert.deepEqual(visibilityCodes(meshOnly, REGISTRY_ONLY), {});
  });
});
