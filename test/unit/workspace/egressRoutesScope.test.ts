// Where the rules of an egress chain apply (IE402–IE405): spec.gateways binds the
// VirtualService, match.gateways picks among those bindings, and a rule without it applies to all.
import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceFixes } from '../../support/workspace';
import { BOTH, DR, GATEWAY_RULE, MESH_RULE, SE, egressCodes, fileText, gateway, vs } from './egressRoutes.test';

const WORKSPACE = SE + gateway() + DR;
const DIRECT = `  - route:
    - destination:
        host: httpbin.org
        port:
          number: 80
`;

describe('egress chain scopes (IE402–IE405)', () => {
  it('IE402: rules for mesh in a gateway-only VirtualService; the fix adds mesh', () => {
    const source = WORKSPACE + vs('  gateways:\n  - egress-httpbin\n', MESH_RULE + GATEWAY_RULE);
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(rendered, /^ {2}gateways:\n {2}\^{8} IE402 error: `gateways` does not list `mesh`, so this VirtualService applies only at the Gateways it lists and its rules for `mesh` never apply in sidecars/m);
    assert.match(rendered, /IE402 → \/egress\/vs.yaml:15:9 a match for `mesh`/);
    assert.doesNotMatch(rendered, /IE40[013]/);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE402');
    assert.match(fileText(after, '/egress/vs.yaml'), /gateways:\n {2}- egress-httpbin\n {2}- mesh\n {2}http:/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE403: a typo in match.gateways; the fix corrects the match', () => {
    const source = WORKSPACE + vs(BOTH, MESH_RULE + GATEWAY_RULE.replace('- egress-httpbin', '- egress-httpbn'));
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
    assert.match(
      rendered,
      / {6}- egress-httpbn\n {8}\^{13} IE403 error: This match names `egress-httpbn`, but `gateways` lists `mesh` and `egress-httpbin`, so Istio never applies the VirtualService there and this match never matches: add `egress-httpbn` to `gateways`, or write `egress-httpbin`\./,
    );
    assert.doesNotMatch(rendered, /IE40[0124]/);
    const { actions } = workspaceFixes(source, '/egress/vs.yaml', 'IE403');
    assert.deepEqual(actions.map((action) => action.title), ["Change to 'egress-httpbin'", "Add 'egress-httpbn' to gateways"]);
    assert.deepEqual(egressCodes(applyWorkspaceFix(source, '/egress/vs.yaml', 'IE403')), {});
  });

  it('IE403: a VirtualService without gateways is mesh-only; the fix writes gateways with mesh first', () => {
    const source = WORKSPACE + vs('', MESH_RULE + GATEWAY_RULE);
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE403 error: .*without `gateways` the VirtualService applies to sidecars \(`mesh`\) only.*: add `gateways: \[mesh, egress-httpbin\]`\./);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE403');
    assert.match(fileText(after, '/egress/vs.yaml'), /hosts:\n {2}- httpbin.org\n {2}gateways:\n {2}- mesh\n {2}- egress-httpbin\n {2}http:/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE403: the same Gateway name in the other namespace is offered as `ns/name`', () => {
    const inIstioSystem = gateway().replace('namespace: shop', 'namespace: istio-system');
    const gateways = '  gateways:\n  - mesh\n  - istio-system/egress-httpbin\n';
    const source = SE + inIstioSystem + DR + vs(gateways, MESH_RULE + GATEWAY_RULE);
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE403 error: .*or write `istio-system\/egress-httpbin`\./);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE403');
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE403 passes for the other spellings of a bound Gateway', () => {
    for (const spelling of ['shop/egress-httpbin', './egress-httpbin', 'egress-httpbin.shop']) {
      assert.deepEqual(egressCodes(WORKSPACE + vs(BOTH, MESH_RULE + GATEWAY_RULE.replace('- egress-httpbin', `- ${spelling}`))), {}, spelling);
    }
  });

  it('IE403 on a VirtualService that names an egress Gateway but is not bound to any', () => {
    const source = SE + gateway() + vs('', GATEWAY_RULE);
    assert.deepEqual(egressCodes(source), { '/egress/vs.yaml': ['IE403'] });
  });

  it('IE404: a rule for both sides sends gateway traffic back to the gateway; the fix limits it to mesh', () => {
    const unscoped = MESH_RULE.replace('    - gateways:\n      - mesh\n      port: 80\n', '    - port: 80\n');
    const source = WORKSPACE + vs(BOTH, unscoped + GATEWAY_RULE);
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
    assert.match(
      rendered,
      / {4}- port: 80\n {6}\^{8} IE404 error: This rule has no `match.gateways`, so it applies at the egress Gateway `egress-httpbin` as well as in sidecars; at the gateway it sends the traffic back to the egress gateway, in a loop\. Limit it to sidecars with `gateways: \[mesh\]`\./,
    );
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE404');
    assert.equal(fileText(after, '/egress/vs.yaml'), fileText(vs(BOTH, MESH_RULE + GATEWAY_RULE).replace(/^\n/, ''), '/egress/vs.yaml'));
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE404 passes when the gateway rule comes first and takes the gateway traffic', () => {
    const unscoped = MESH_RULE.replace('    - gateways:\n      - mesh\n      port: 80\n', '    - port: 80\n');
    assert.deepEqual(egressCodes(WORKSPACE + vs(BOTH, GATEWAY_RULE + unscoped)), {});
  });

  it('IE404 passes when the rule matches a port no server of the Gateway listens on', () => {
    const unscoped = MESH_RULE.replace('    - gateways:\n      - mesh\n      port: 80\n', '    - port: 8080\n');
    assert.deepEqual(egressCodes(WORKSPACE + vs(BOTH, unscoped + GATEWAY_RULE)), {});
  });

  it('IE405: one rule for both sides lets sidecars go straight out; the fix splits it into the two halves', () => {
    const source = WORKSPACE + vs(BOTH, DIRECT);
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE4/ });
    assert.match(
      rendered,
      /host: httpbin.org\n {14}\^{11} IE405 warning: This rule has no `match.gateways`, so sidecars apply it too and send `httpbin.org` straight out, bypassing the egress Gateway `egress-httpbin`\./,
    );
    assert.doesNotMatch(rendered, /IE401/);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE405');
    assert.match(
      fileText(after, '/egress/vs.yaml'),
      / {2}http:\n {2}- match:\n {4}- gateways:\n {6}- mesh\n {6}port: 80\n {4}route:\n {4}- destination:\n {8}host: istio-egressgateway.istio-system.svc.cluster.local\n {8}subset: httpbin\n {8}port:\n {10}number: 80\n {2}- match:\n {4}- gateways:\n {6}- egress-httpbin\n {4}route:\n/,
    );
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE405: a mesh rule straight to the host beside the gateway rule; the fix sends it to the egress gateway', () => {
    const meshDirect = MESH_RULE.replace('host: istio-egressgateway.istio-system.svc.cluster.local\n        subset: httpbin\n', 'host: httpbin.org\n');
    const source = WORKSPACE + vs(BOTH, meshDirect + GATEWAY_RULE);
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE4/ });
    assert.match(rendered, /IE405 warning: Sidecars send `httpbin.org` straight out, bypassing the egress Gateway `egress-httpbin` that this VirtualService routes it from\. Send it to `istio-egressgateway.istio-system.svc.cluster.local` instead\./);
    assert.match(rendered, /IE405 → \/egress\/vs.yaml:30:15 the rule at Gateway egress-httpbin/);
    const after = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE405');
    assert.match(fileText(after, '/egress/vs.yaml'), /- mesh\n {6}port: 80\n {4}route:\n {4}- destination:\n {8}host: istio-egressgateway.istio-system.svc.cluster.local\n {8}port:\n {10}number: 80\n/);
    assert.deepEqual(egressCodes(after), {});
  });

  it('IE405: bound to the egress Gateway but only a mesh rule straight out; redirect, then add the gateway rule', () => {
    const meshDirect = MESH_RULE.replace('host: istio-egressgateway.istio-system.svc.cluster.local\n        subset: httpbin\n', 'host: httpbin.org\n');
    const source = WORKSPACE + vs(BOTH, meshDirect);
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE4/ }), /IE405 warning: Sidecars send `httpbin.org` straight out, bypassing the egress Gateway `egress-httpbin` that this VirtualService is bound to\./);
    assert.deepEqual(egressCodes(source), { '/egress/vs.yaml': ['IE405'] });
    const redirected = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE405');
    assert.deepEqual(egressCodes(redirected), { '/egress/vs.yaml': ['IE400'] });
    assert.deepEqual(egressCodes(applyWorkspaceFix(redirected, '/egress/vs.yaml', 'IE400')), {});
  });

  it('IE405 passes when sidecars go straight out and no Gateway is bound', () => {
    assert.deepEqual(egressCodes(WORKSPACE + vs('', DIRECT)), {});
  });
});
