import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

/** The codes of the reference and conflict checks (IE300–IE339) per file: other families judge other sides of these fixtures. */
function ourCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => /^IE3[0-3]\d$/.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const dr = (host: string, namespace = 'shop') => `
#- /shop/dr.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: originate-tls, namespace: ${namespace}}
spec:
  host: ${host}
  trafficPolicy:
    portLevelSettings:
    - port: {number: 443}
      tls: {mode: SIMPLE}
`;

const SE = `
#- /shop/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  ports: [{number: 443, name: https, protocol: HTTPS}]
  resolution: DNS
  exportTo: [.]
`;

const SERVICES = `
#- /shop/services.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  ports: [{port: 9080, name: http}]
`;

const sidecar = (hosts: string) => `
#- /shop/sidecar.yaml
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: shop}
spec:
  egress:
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [${hosts}]
`;

describe('references: DestinationRule hosts and Sidecar egress hosts', () => {
  it('IE308: a DestinationRule for an external host no ServiceEntry declares; the fix declares it with the rule ports', () => {
    const rendered = diagnoseWorkspace(dr('api.example.com'), { messages: true, codes: /IE308/ });
    assert.match(rendered, /host: api.example.com\n {8}\^{15} IE308 warning: No ServiceEntry in the workspace declares `api.example.com`, .*this DestinationRule never applies \(no TLS origination, no connection settings\)\. Add a ServiceEntry/);
    const fixed = applyWorkspaceFix(dr('api.example.com'), '/shop/dr.yaml', 'IE308');
    assert.match(fixed, /hosts:\n {4}- api.example.com\n {2}ports:\n {4}- number: 443\n {6}name: https-443\n {6}protocol: HTTPS\n/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE308: an error under REGISTRY_ONLY; a ServiceEntry in any namespace, exported or not, is enough', () => {
    assert.match(diagnoseWorkspace(dr('api.example.com'), { settings: { meshOutboundTrafficPolicy: 'REGISTRY_ONLY' } }), /IE308 error/);
    assert.deepEqual(ourCodes(SE + dr('httpbin.org', 'istio-system')), {});
  });

  it('IE308: a near miss of a declared host is offered before declaring a new one', () => {
    const source = SE + dr('httpbn.org');
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE308/ }), /Did you mean `httpbin.org`\?/);
    const { actions } = workspaceFixes(source, '/shop/dr.yaml', 'IE308');
    assert.deepEqual(
      actions.map((action) => action.title),
      ["Change to 'httpbin.org'", "Add a ServiceEntry for 'httpbn.org' to this file", "Create httpbn.org-serviceentry.yaml with a ServiceEntry for 'httpbn.org'"],
    );
    assert.deepEqual(ourCodes(applyWorkspaceFix(source, '/shop/dr.yaml', 'IE308')), {});
  });

  it('IE308: wildcard hosts are checked against overlapping ServiceEntry hosts; in-cluster wildcards are left alone', () => {
    assert.deepEqual(ourCodes(dr('"*.example.com"'))['/shop/dr.yaml'], ['IE308']);
    assert.deepEqual(ourCodes(SE.replace('httpbin.org', 'api.example.com') + dr('"*.example.com"')), {});
    assert.deepEqual(ourCodes(dr('"*.local"')), {});
    assert.deepEqual(ourCodes(dr('"*.svc.cluster.local"')), {});
  });

  it('IE309: an in-cluster host is information, only where the workspace describes the namespace', () => {
    assert.match(diagnoseWorkspace(SERVICES + dr('reviewz'), { messages: true, codes: /IE309/ }), /IE309 info: No Service `reviewz` in namespace `shop` .* Did you mean `reviews`\?/);
    assert.deepEqual(ourCodes(SERVICES + dr('reviews')), {});
    assert.deepEqual(ourCodes(SERVICES + dr('payments.billing.svc.cluster.local')), {});
  });

  it('IE304 also for a DestinationRule host written `name.namespace`', () => {
    assert.deepEqual(ourCodes(SERVICES + dr('reviews.shop', 'default'))['/shop/dr.yaml'], ['IE304']);
    assert.deepEqual(ourCodes(SERVICES + dr('reviews.shop.svc.cluster.local', 'default')), {});
  });

  it('IE312: an egress host whose namespace does not define it; the fix names the namespace that does', () => {
    const source = SE + sidecar('istio-system/httpbin.org');
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE312/ });
    assert.match(rendered, /\^{24} IE312 warning: `istio-system\/httpbin.org` imports nothing: `httpbin.org` is not defined in namespace `istio-system` but in `shop`\./);
    assert.match(rendered, /IE312 → \/shop\/se.yaml:3:18 ServiceEntry shop\/httpbin/);
    const fixed = applyWorkspaceFix(source, '/shop/sidecar.yaml', 'IE312');
    assert.match(fixed, /hosts: \[shop\/httpbin.org\]/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE312: an external host nobody declares gets the create-service-entry fix in that namespace', () => {
    const rendered = diagnoseWorkspace(sidecar('./api.example.com'), { messages: true, codes: /IE312/ });
    assert.match(rendered, /IE312 warning: `.\/api.example.com` imports nothing: no ServiceEntry in namespace `shop` declares `api.example.com`\./);
    const fixed = applyWorkspaceFix(sidecar('./api.example.com'), '/shop/sidecar.yaml', 'IE312');
    assert.match(fixed, /kind: ServiceEntry\nmetadata:\n {2}name: api-example-com\n {2}namespace: shop\n/);
    assert.deepEqual(ourCodes(fixed), {});
  });

  it('IE312 skips whole-namespace imports and trusts known services, gateways and `*/` entries', () => {
    assert.deepEqual(ourCodes(sidecar('"*/*", "./*", istio-system/*, "~/*"')), {});
    assert.deepEqual(ourCodes(SE + sidecar('shop/httpbin.org, "*/httpbin.org", istio-system/istio-egressgateway.istio-system.svc.cluster.local')), {});
    // In-cluster names are only questioned where the workspace describes the namespace.
    assert.deepEqual(ourCodes(sidecar('billing/payments.billing.svc.cluster.local')), {});
    assert.match(diagnoseWorkspace(SERVICES + sidecar('shop/ratings.shop.svc.cluster.local')), /IE312 info/);
  });
});
