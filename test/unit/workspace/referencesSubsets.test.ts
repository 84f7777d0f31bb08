// IE301 speaks of the DestinationRules Istio applies to the host for the VirtualService's namespace
// (that namespace, else the host's, else the root namespace, as exportTo allows), and its fixes
// change the subset to a defined one, add it to the applied rule in the same file, or create a rule.
import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';
import { BOTH, DR, GATEWAY_RULE, MESH_RULE, SE, gateway, vs } from './egressRoutes.test';
import { ourCodes } from './references.test';

const gatewayRule = (name: string, subset: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
  namespace: travel
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: ${subset}
`;

/** Two rules for the egress gateway in `travel` (merged), the first in another file, and one in `billing` that travel does not apply. */
const TRAVEL = `
#- /travel/flights.yaml
${gatewayRule('egressgateway-for-flights', 'aviationstack')}
#- /billing/dr.yaml
${gatewayRule('egressgateway-for-invoices', 'invoices').replace('namespace: travel', 'namespace: billing')}
#- /travel/weather.yaml
${gatewayRule('egressgateway-for-weather', 'openweathermap')}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: weather
  namespace: travel
spec:
  hosts: [api.openweathermap.org]
  http:
  - route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: weather
`;

const SERVICE = `
#- /bookinfo/reviews.yaml
apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {app: reviews}
  ports: [{port: 9080, name: http}]
`;

const HOST_NAMESPACE_RULE = `---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews, namespace: bookinfo}
spec:
  host: reviews
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`;

const reviewsRule = (path: string, name: string, namespace: string, subset: string) => `
#- ${path}
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  host: reviews.bookinfo.svc.cluster.local
  subsets:
  - {name: ${subset}, labels: {version: ${subset}}}
`;

const ROOT_RULE = reviewsRule('/mesh/defaults.yaml', 'reviews-defaults', 'istio-system', 'canary');
/** In a namespace Istio never searches for shop's proxies and this host. */
const OTHER_RULE = reviewsRule('/team/reviews.yaml', 'reviews-team', 'team', 'v9');

const REVIEWS_VS = `
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews.bookinfo.svc.cluster.local]
  http:
  - route:
    - destination:
        host: reviews.bookinfo.svc.cluster.local
        subset: v3
        port: {number: 9080}
`;

/** reviews in bookinfo, with rules in bookinfo (the host's namespace), the root namespace and a namespace Istio does not search. */
const REVIEWS = SERVICE + HOST_NAMESPACE_RULE + ROOT_RULE + OTHER_RULE + REVIEWS_VS;

const titles = (source: string, path: string) => workspaceFixes(source, path, 'IE301').actions.map((action) => `${action.title}${action.isPreferred ? ' (preferred)' : ''}`);

describe('IE301: the DestinationRules that apply to the VirtualService', () => {
  it('lists only the rules its namespace applies, with the subsets of each', () => {
    const rendered = diagnoseWorkspace(TRAVEL, { messages: true, related: true, codes: /IE301/ });
    assert.match(
      rendered,
      /IE301 error: Subset `weather` is not defined: the 2 DestinationRules for `istio-egressgateway.istio-system.svc.cluster.local` that apply in namespace `travel` \(Istio merges them\) define `openweathermap` \(in `travel\/egressgateway-for-weather`\) and `aviationstack` \(in `travel\/egressgateway-for-flights`\)\. Traffic to this destination fails \(503 "no healthy upstream"\)\. Use one of those subsets, or add `weather` to DestinationRule `travel\/egressgateway-for-weather`\./,
    );
    assert.deepEqual(
      rendered.split('\n').filter((line) => line.startsWith('IE301 →')),
      ['IE301 → /travel/weather.yaml:7:9 DestinationRule travel/egressgateway-for-weather', 'IE301 → /travel/flights.yaml:7:9 DestinationRule travel/egressgateway-for-flights'],
    );
  });

  it('passes when an applied rule defines the subset', () => {
    assert.deepEqual(ourCodes(TRAVEL.replace('subset: weather', 'subset: aviationstack')), {});
  });

  it('offers each defined subset and the rule in the same file, none preferred among several rules and subsets', () => {
    assert.deepEqual(titles(TRAVEL, '/travel/weather.yaml'), [
      "Change subset to 'openweathermap'",
      "Change subset to 'aviationstack'",
      "Add subset 'weather' to DestinationRule travel/egressgateway-for-weather",
    ]);
  });

  it('fix: adds the subset to the rule in the VirtualService file, not to the first rule of the namespace', () => {
    const after = applyWorkspaceFix(TRAVEL, '/travel/weather.yaml', 'IE301', /^Add subset/);
    assert.match(after, /#- \/travel\/weather.yaml\n(.*\n){7}  subsets:\n  - name: openweathermap\n  - name: weather\n---\n/);
    assert.match(after, /#- \/travel\/flights.yaml\n(.*\n){7}  subsets:\n  - name: aviationstack\n\n#- \/billing/);
    assert.deepEqual(ourCodes(after), {});
  });

  it('fix: changes the subset to a defined one', () => {
    const after = applyWorkspaceFix(TRAVEL, '/travel/weather.yaml', 'IE301', "Change subset to 'openweathermap'");
    assert.equal(after, applyWorkspaceFix(TRAVEL, '/travel/weather.yaml', 'IE301', /^Add subset/).replace('  - name: weather\n', '').replace('subset: weather', 'subset: openweathermap'));
    assert.deepEqual(ourCodes(after), {});
  });

  it('prefers the change to the only defined subset, or to the only close one', () => {
    const single = TRAVEL.replace(/#- \/travel\/flights.yaml\n[^#]*/, '');
    assert.deepEqual(titles(single, '/travel/weather.yaml'), ["Change subset to 'openweathermap' (preferred)", "Add subset 'weather' to DestinationRule travel/egressgateway-for-weather"]);
    const typo = TRAVEL.replace('subset: weather', 'subset: aviatonstack');
    assert.deepEqual(titles(typo, '/travel/weather.yaml'), [
      "Change subset to 'aviationstack' (preferred)",
      "Change subset to 'openweathermap'",
      "Add subset 'aviatonstack' to DestinationRule travel/egressgateway-for-weather",
    ]);
    assert.match(diagnoseWorkspace(typo, { messages: true, codes: /IE301/ }), /Did you mean `aviationstack`\? Otherwise add `aviatonstack` to DestinationRule `travel\/egressgateway-for-weather`\./);
  });
});

describe('IE301 across namespaces: the client namespace, the host namespace, the root namespace', () => {
  it('the host namespace: its rule applies, the root and unsearched ones do not; adding is preferred (one rule, no single close subset)', () => {
    const rendered = diagnoseWorkspace(REVIEWS, { messages: true, related: true, codes: /IE301/ });
    assert.match(
      rendered,
      /IE301 error: Subset `v3` is not defined: DestinationRule `bookinfo\/reviews` for `reviews.bookinfo.svc.cluster.local`, the rule that applies in namespace `shop`, defines `v1` and `v2`\. .* Did you mean `v1` or `v2`\? Otherwise add `v3` to DestinationRule `bookinfo\/reviews`\./,
    );
    assert.deepEqual(rendered.split('\n').filter((line) => line.startsWith('IE301 →')), ['IE301 → /bookinfo/reviews.yaml:12:9 DestinationRule bookinfo/reviews']);
    assert.deepEqual(titles(REVIEWS, '/shop/vs.yaml'), ["Change subset to 'v1'", "Change subset to 'v2'", "Add subset 'v3' to DestinationRule bookinfo/reviews (preferred)"]);
    const after = applyWorkspaceFix(REVIEWS, '/shop/vs.yaml', 'IE301');
    assert.match(after, /  - \{name: v2, labels: \{version: v2\}\}\n  - name: v3\n/);
    assert.deepEqual(ourCodes(after), {});
  });

  it('exportTo: a host-namespace rule kept to bookinfo gives way to the root namespace rule', () => {
    const source = REVIEWS.replace('spec:\n  host: reviews\n', 'spec:\n  host: reviews\n  exportTo: ["."]\n');
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE301/ }), /DestinationRule `istio-system\/reviews-defaults` for `reviews.bookinfo.svc.cluster.local`, the rule that applies in namespace `shop`, defines `canary`\./);
    assert.deepEqual(titles(source, '/shop/vs.yaml'), ["Change subset to 'canary' (preferred)", "Add subset 'v3' to DestinationRule istio-system/reviews-defaults"]);
  });

  it('a rule in the client namespace takes precedence over the others', () => {
    const source = REVIEWS + reviewsRule('/shop/dr.yaml', 'reviews-for-shop', 'shop', 'v1');
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE301/ }), /DestinationRule `shop\/reviews-for-shop` for `reviews.bookinfo.svc.cluster.local`, the rule that applies in namespace `shop`, defines `v1`\./);
    const after = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE301');
    assert.match(after, /subset: v1\n/);
    assert.deepEqual(ourCodes(after), {});
  });

  it('no rule applies (only one in a namespace Istio does not search): says so, and the fix creates one in the client namespace', () => {
    const source = SERVICE + OTHER_RULE + REVIEWS_VS;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE301/ });
    assert.match(
      rendered,
      /IE301 error: Subset `v3` is not defined: no DestinationRule for `reviews.bookinfo.svc.cluster.local` applies in namespace `shop` \(Istio takes the rules of that namespace, else those of the host's namespace or `istio-system` exported to it\)\. .* Add a DestinationRule for the host in `shop` that defines it\./,
    );
    assert.doesNotMatch(rendered, /IE301 →/);
    assert.deepEqual(titles(source, '/shop/vs.yaml'), ["Create DestinationRule 'reviews-subsets' for reviews.bookinfo.svc.cluster.local with subset 'v3'"]);
    const after = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE301');
    assert.match(after, /---\n(.*\n){3}  name: reviews-subsets\n  namespace: shop\nspec:\n  host: reviews.bookinfo.svc.cluster.local\n  subsets:\n    - name: v3\n$/);
    assert.deepEqual(ourCodes(after), {});
  });
});

describe('IE301 and a wrong destination host: one cause, one finding', () => {
  const toHost = (host: string) => vs('', `  - route:\n    - destination:\n        host: ${host}\n        subset: v1\n`);
  const hostCodes = (source: string) => (workspaceCodes(source)['/egress/vs.yaml'] ?? []).filter((code) => /IE30[1-4]|IE409/.test(code));

  it('the egress gateway by its short name: IE409 alone, and its fix leaves nothing', () => {
    const source = SE + gateway() + DR + vs(BOTH, MESH_RULE.replace('host: istio-egressgateway.istio-system.svc.cluster.local', 'host: istio-egressgateway') + GATEWAY_RULE);
    assert.deepEqual(hostCodes(source), ['IE409']);
    assert.deepEqual(hostCodes(applyWorkspaceFix(source, '/egress/vs.yaml', 'IE409')), []);
  });

  it('a near miss of a declared host: IE302 with its did-you-mean alone', () => {
    assert.deepEqual(hostCodes(SE + toHost('httpbn.org')), ['IE302']);
  });

  it('an undeclared host with no DestinationRule is two things to add: both are reported', () => {
    assert.deepEqual(hostCodes(SE + toHost('api.example.com')), ['IE301', 'IE302']);
  });
});
