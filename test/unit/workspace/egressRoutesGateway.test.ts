// The Gateway and the gateway leg of an egress chain (IE406–IE409), and fixes that follow the
// style of the document they edit.
import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace } from '../../support/workspace';
import { BOTH, DR, GATEWAY_RULE, MESH_RULE, SE, egressCodes, fileText, gateway, vs } from './egressRoutes.test';

const CHAIN = vs(BOTH, MESH_RULE + GATEWAY_RULE);

describe('egress Gateway and gateway leg (IE406–IE409)', () => {
  it('IE406: a Gateway on the ingress gateway in an egress chain; the fix changes the label value', () => {
    const source = SE + gateway('istio: ingressgateway # wrong workload') + DR + CHAIN;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(
      rendered,
      /^ {2}selector:\n {2}\^{8} IE406 error: This Gateway selects the ingress gateway `istio-ingressgateway` in `istio-system`, but `shop\/httpbin` sends sidecar traffic to `istio-egressgateway.istio-system.svc.cluster.local`, whose pods the selector does not match: the egress gateway never opens this Gateway's servers and drops the traffic\. Select its pods with `istio: egressgateway`\./m,
    );
    assert.match(rendered, /IE406 → \/egress\/vs.yaml:20:15 sidecars are sent to istio-egressgateway here/);
    assert.deepEqual(egressCodes(source), { '/egress/gateway.yaml': ['IE406'] });
    const after = applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE406');
    assert.match(fileText(after, '/egress/gateway.yaml'), /selector:\n {4}istio: egressgateway # wrong workload\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE406: a selector matching no known workload points at the gateways setting; the fix replaces it', () => {
    const source = SE + gateway('gateway: egress') + DR + CHAIN;
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE406 error: This Gateway selects no gateway workload known here, .*\(for a gateway of your own, describe it in the `istioEgress.gateways` setting\)\./);
    const after = applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE406');
    assert.match(fileText(after, '/egress/gateway.yaml'), /spec:\n {2}selector:\n {4}istio: egressgateway\n {2}servers:\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE406 passes for a Gateway without selector (Istio applies it to every gateway)', () => {
    assert.deepEqual(egressCodes(SE + gateway().replace('  selector:\n    istio: egressgateway\n', '') + DR + CHAIN), {});
  });

  it('IE406 with a gateway of your own from the settings: the chain through it passes, a selector for another fails', () => {
    const settings = { gateways: [{ service: 'corp-egress', namespace: 'egress', labels: { gateway: 'corp-egress' }, ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] }] };
    const chain = vs(BOTH, MESH_RULE.replace('istio-egressgateway.istio-system', 'corp-egress.egress').replace('        subset: httpbin\n', '') + GATEWAY_RULE);
    assert.deepEqual(egressCodes(SE + gateway('gateway: corp-egress') + chain, settings), {});
    const rendered = diagnoseWorkspace(SE + gateway() + chain, { messages: true, settings, codes: /IE4/ });
    assert.match(rendered, /IE406 error: This Gateway selects no gateway workload known here, but `shop\/httpbin` sends sidecar traffic to `corp-egress.egress.svc.cluster.local`, .* Select its pods with `gateway: corp-egress`/);
  });

  it('IE407: the Gateway server does not list the host; the fix adds it', () => {
    const source = SE + gateway(undefined, '- other.example.org') + DR + CHAIN;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(
      rendered,
      / {4}- other.example.org\n {6}\^{17} IE407 error: VirtualService shop\/httpbin routes `httpbin.org` through this Gateway, but no server lists it, so the egress gateway has no route for it and drops the traffic\. Add `httpbin.org` to the server's hosts\./,
    );
    assert.match(rendered, /IE407 → \/egress\/vs.yaml:8:5 host of VirtualService shop\/httpbin/);
    const after = applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE407');
    assert.match(fileText(after, '/egress/gateway.yaml'), /hosts:\n {4}- other.example.org\n {4}- httpbin.org\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE407: `ns/host` offers the host to one namespace only', () => {
    const source = SE + gateway(undefined, '- istio-system/httpbin.org') + DR + CHAIN;
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE407 error: .*`istio-system\/httpbin.org` offers it only to VirtualServices in `istio-system`, and shop\/httpbin is in `shop`.*Add `shop\/httpbin.org`/);
    assert.deepEqual(egressCodes(applyWorkspaceFix(source, '/egress/gateway.yaml', 'IE407')), {});
  });

  it('IE407 passes for `*/host`, `./host`, `shop/host`, `*` and a covering wildcard', () => {
    for (const hosts of ['- "*/httpbin.org"', '- ./httpbin.org', '- shop/httpbin.org', '- "*"', '- "*.org"']) {
      assert.deepEqual(egressCodes(SE + gateway(undefined, hosts) + DR + CHAIN), {}, hosts);
    }
  });

  it('IE408: the subset is defined by a DestinationRule for the short name; the fix writes the FQDN', () => {
    const source = SE + gateway() + DR.replace('host: istio-egressgateway.istio-system.svc.cluster.local', 'host: istio-egressgateway') + CHAIN;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(
      rendered,
      /host: istio-egressgateway\n {8}\^{19} IE408 error: `istio-egressgateway` is a short name, which Istio completes with this resource's namespace to `istio-egressgateway.shop.svc.cluster.local`, not the egress gateway `istio-egressgateway.istio-system.svc.cluster.local`: the subset `httpbin` defined here is not found for `shop\/httpbin`, which routes to the egress gateway with it, and that traffic fails\. Write the host as `istio-egressgateway.istio-system.svc.cluster.local`\./,
    );
    assert.match(rendered, /IE408 → \/egress\/vs.yaml:21:17 subset httpbin used by shop\/httpbin/);
    const after = applyWorkspaceFix(source, '/egress/dr.yaml', 'IE408');
    assert.match(fileText(after, '/egress/dr.yaml'), /host: istio-egressgateway.istio-system.svc.cluster.local\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE408 passes when a DestinationRule for the FQDN defines the subset too', () => {
    const short = DR.replace('host: istio-egressgateway.istio-system.svc.cluster.local', 'host: istio-egressgateway').replace(/\/egress\/dr.yaml/, '/egress/dr-short.yaml');
    assert.deepEqual(egressCodes(SE + gateway() + DR + short + CHAIN), {});
  });

  it('IE409: the egress gateway by short or partial name; the fix writes the FQDN', () => {
    for (const [written, why] of [
      ['istio-egressgateway', 'is a short name, which Istio completes with this resource\'s namespace to `istio-egressgateway.shop.svc.cluster.local`'],
      ['istio-egressgateway.istio-system', 'Istio takes a name with dots as written and does not complete `istio-egressgateway.istio-system`'],
    ]) {
      const source = SE + gateway() + DR + vs(BOTH, MESH_RULE.replace('host: istio-egressgateway.istio-system.svc.cluster.local', `host: ${written}`) + GATEWAY_RULE);
      const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
      assert.ok(rendered.includes(`IE409 error: ${why.startsWith('is') ? `\`${written}\` ` : ''}${why}, where no egress gateway runs: traffic sent here fails. Write the egress gateway's full name \`istio-egressgateway.istio-system.svc.cluster.local\`.`), rendered);
      assert.deepEqual(egressCodes(source), { '/egress/vs.yaml': ['IE409'] }, written);
      assert.deepEqual(egressCodes(applyWorkspaceFix(source, '/egress/vs.yaml', 'IE409')), {});
    }
  });

  it('IE409 passes for a short name that a Service in the namespace answers to', () => {
    const service = '\n#- /egress/own-gateway.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: istio-egressgateway\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n';
    const source = SE + service + vs('', '  - route:\n    - destination:\n        host: istio-egressgateway\n');
    assert.deepEqual(egressCodes(source), {});
  });

  it('fixes follow the document: flow lists stay flow, indented sequences stay indented', () => {
    const flow = `
#- /egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: httpbin, namespace: shop}
spec:
  hosts: [httpbin.org]
  gateways: [mesh, egress-httpbin]
  http:
    - match:
        - gateways: [mesh]
          port: 80
      route:
        - destination:
            host: istio-egressgateway.istio-system.svc.cluster.local
            subset: httpbin
`;
    const after = applyWorkspaceFix(SE + gateway() + DR + flow, '/egress/vs.yaml', 'IE400');
    assert.match(
      fileText(after, '/egress/vs.yaml'),
      / {12}subset: httpbin\n {4}- match:\n {8}- gateways: \[egress-httpbin\]\n {10}port: 80\n {6}route:\n {8}- destination:\n {12}host: httpbin.org\n {12}port:\n {14}number: 80\n$/,
    );
    assert.deepEqual(egressCodes(after), {});
  });
});
