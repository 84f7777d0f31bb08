import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceFixes } from '../../support/workspace';
import { origination, REGISTRY_ONLY, visibilityCodes } from './visibility.test';

/** A rule for the gateway host in shop, without the subset: it takes precedence for shop's sidecars. */
const SHADOW = `
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: gateway-connection-pool
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  trafficPolicy:
    connectionPool: {tcp: {maxConnections: 100}}
`;

describe('visibility: DestinationRules are applied by the proxy that sends the traffic', () => {
  it('IE343: the rule with the gateway-leg subset is not exported to the client namespace', () => {
    const source = origination({ gatewayDr: '  exportTo: [istio-system]' });
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /        subset: payments\n {16}\^{8} IE343 error: DestinationRule shop\/egress-gateway-for-payments defines subset `payments`, but it does not apply to the sidecars in `shop`, which send this traffic: its exportTo \[istio-system\] does not reach `shop`\. So requests to the subset fail with 503 \(the proxy has no cluster for it\)\. Add `\.` \(its own namespace\) to its exportTo\./,
    );
    assert.match(rendered, /IE343 → \/shop\/routing.yaml:10:3 DestinationRule shop\/egress-gateway-for-payments/);
    const after = applyWorkspaceFix(source, '/shop/routing.yaml', 'IE343');
    assert.match(after, /  exportTo: \[istio-system, \.\]\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE343: a rule in a namespace Istio does not search for these sidecars (no quick fix)', () => {
    const source = origination({ gatewayDrNamespace: 'mesh-config' });
    assert.match(
      diagnoseWorkspace(source, { messages: true, codes: /IE343/ }),
      /IE343 error: DestinationRule mesh-config\/egress-gateway-for-payments defines subset `payments`, but it does not apply to the sidecars in `shop`, which send this traffic: Istio looks for this proxy's DestinationRules only in `shop` or `istio-system`\. .* Move it to `shop` or `istio-system`\./,
    );
    assert.deepEqual(workspaceFixes(source, '/shop/routing.yaml', 'IE343').actions, []);
  });

  it('IE343: a rule for the same host in the client namespace takes precedence and lacks the subset', () => {
    const source = origination({ gatewayDrNamespace: 'istio-system' }) + SHADOW;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(rendered, /IE343 error: DestinationRule istio-system\/egress-gateway-for-payments .*: `shop\/gateway-connection-pool` for the same host takes precedence there\. .* Move the subset into that rule\./);
    assert.match(rendered, /IE343 → \/shop\/origination.yaml:\d+:\d+ DestinationRule shop\/gateway-connection-pool \(applied instead\)/);
  });

  it('IE343: passes for rules in the client namespace, or exported from the gateway namespace', () => {
    assert.deepEqual(visibilityCodes(origination({ gatewayDrNamespace: 'istio-system' })), {});
    assert.deepEqual(visibilityCodes(origination({ gatewayDr: '  exportTo: ["."]' })), {});
    assert.deepEqual(visibilityCodes(origination({ gatewayDrNamespace: 'istio-system', gatewayDr: '  exportTo: [shop]' })), {});
  });

  it('IE344: TLS origination kept in the application namespace is never applied by the egress gateway', () => {
    const source = origination({ originationDr: '  exportTo: ["."] # shop only' });
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /        host: payments.example.com\n {14}\^{20} IE344 error: DestinationRule shop\/originate-tls-for-payments originates TLS to port 443 of `payments.example.com`, but it does not apply to the egress gateway in `istio-system` \(istioEgress.gateways setting\), which sends this traffic: its exportTo \[\.\] does not reach `istio-system`\. So the gateway connects in plain text and the server rejects the requests\. Add `istio-system` to its exportTo\./,
    );
    assert.match(rendered, /IE344 → \/shop\/origination.yaml:12:3 DestinationRule shop\/originate-tls-for-payments/);
    const after = applyWorkspaceFix(source, '/shop/routing.yaml', 'IE344');
    assert.match(after, /  exportTo: \["\.", istio-system\] # shop only$/);
    assert.deepEqual(visibilityCodes(after, REGISTRY_ONLY), {});
  });

  it('IE344: a rule in a third namespace is not searched by the gateway for a host declared in shop', () => {
    const rendered = diagnoseWorkspace(origination({ originationNamespace: 'billing' }), { messages: true, codes: /IE344/ });
    assert.match(rendered, /IE344 error: DestinationRule billing\/originate-tls-for-payments .*: Istio looks for this proxy's DestinationRules only in `istio-system` or `shop`\./);
  });

  it('IE344: passes for a rule kept private in the gateway namespace, and for rules that do not originate TLS on that port', () => {
    assert.deepEqual(visibilityCodes(origination({ originationNamespace: 'istio-system', originationDr: '  exportTo: ["."]' })), {});
    // A TLS route passes the client's own TLS through: the gateway must not originate any.
    const passthroughLeg = origination({ originationDr: '  exportTo: ["."]' })
      .replace('  http:\n  - match:\n    - {gateways: [mesh], port: 80}', '  tls:\n  - match:\n    - {gateways: [mesh], port: 443, sniHosts: [payments.example.com]}')
      .replace('  - match:\n    - {gateways: [egress-payments], port: 80}', '  - match:\n    - {gateways: [egress-payments], port: 443, sniHosts: [payments.example.com]}');
    assert.ok(passthroughLeg.includes('  tls:\n  - match:'));
    assert.deepEqual(visibilityCodes(passthroughLeg), {});
    const otherPort = origination({ originationDr: '  exportTo: ["."]' }).replace('- port: {number: 443}', '- port: {number: 8443}');
    assert.deepEqual(visibilityCodes(otherPort), {});
  });
});
