import { strict as assert } from 'node:assert';
import { fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, codes as allCodes, dedent, newService, quickFixTitles } from '../../support/service';

const HEADER = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\n  namespace: shop\n';
/** A VirtualService whose spec is written at column 0 in the test. */
const vs = (spec: string) => `${HEADER}spec:\n${dedent(spec).replace(/^(?=.)/gm, '  ')}`;
const ROUTE = 'route:\n  - destination: {host: a.example.com}';
/** Schema codes and this family's: the cross-resource families have their own tests. */
const OURS = /^IE(1\d\d|2[7-8]\d)$/;
const codes = (text: string) => allCodes(text).filter((code) => OURS.test(code));
/** The document with carets and messages under the schema's and this family's diagnostics. */
function diagnose(source: string, options: { messages?: boolean } = {}): string {
  const file = fixture(source);
  const diagnostics = newService().doValidation(file.document).filter((d) => OURS.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, options);
}

describe('VirtualService rules', () => {
  it('IE270: at least one http, tls or tcp rule', () => {
    assert.match(diagnose(vs('hosts: [a.example.com]\nhttp: []\n'), { messages: true }), /^spec:\n\^{4} IE270 error: This VirtualService has no routing rule/m);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\ntcp:\n- ${ROUTE}\n`)), []);
  });

  it('IE271 and IE272: a delegate (no hosts) has http rules only, and does not delegate again', () => {
    const delegate = vs(`
      gateways: [istio-system/egress]
      http:
      - delegate: {name: other}
      tcp:
      - route:
        - destination: {host: a.example.com}
    `);
    const rendered = diagnose(delegate, { messages: true });
    assert.match(rendered, /gateways: \[istio-system\/egress\]\n {2}\^{8} IE271 error: Without `hosts` this VirtualService is a delegate, and Istio does not let a delegate name gateways/);
    assert.match(rendered, /tcp:\n {2}\^{3} IE271 error: .*hold `tcp` rules \(only `http` rules can be delegated\)/);
    assert.match(rendered, /- delegate: \{name: other\}\n {4}\^{8} IE272 error: This VirtualService has no `hosts`, so it is itself a delegate/);
    assert.deepEqual(codes(vs(`http:\n- match: [{uri: {prefix: /api}}]\n  ${ROUTE}\n`)), []);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\nhttp:\n- delegate: {name: reviews, namespace: shop}\n`)), []);
  });

  it('IE273: fault and rewrite cannot go with redirect or directResponse, except on a delegating rule', () => {
    const bad = vs(`
      hosts: [a.example.com]
      http:
      - match: [{uri: {prefix: /v1}}]
        redirect: {uri: /v2}
        rewrite: {uri: /v3}
      - directResponse: {status: 503}
        fault: {abort: {httpStatus: 500, percentage: {value: 10}}}
    `);
    assert.deepEqual(codes(bad), ['IE273', 'IE273']);
    assert.match(diagnose(bad, { messages: true }), /IE273 error: `rewrite` cannot go with `redirect`: the proxy answers by itself and forwards nothing/);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\nhttp:\n- rewrite: {uri: /v3}\n  ${ROUTE}\n`)), []);
  });

  it('IE274, IE275 and IE276: redirects that change something, prefixRewrite with prefix matches, http(s) schemes', () => {
    const rule = (match: string, redirect: string) => vs(`hosts: [a.example.com]\nhttp:\n- match: [{uri: ${match}}]\n  redirect: ${redirect}\n`);
    assert.match(diagnose(rule('{prefix: /old}', '{redirectCode: 308}'), { messages: true }), /IE274 error: This redirect would send the client back to the same URL/);
    assert.match(diagnose(rule('{exact: /old}', '{prefixRewrite: /new}'), { messages: true }), /IE275 error: `prefixRewrite` replaces the matched prefix, but `match\[0\].uri` is not a `prefix` match/);
    const scheme = rule('{prefix: /}', '{scheme: HTTPS}');
    assert.deepEqual(codes(scheme), ['IE276']);
    assert.equal(applyQuickFix(scheme, 'IE276'), scheme.replace('HTTPS', 'https'));
    assert.deepEqual(codes(rule('{prefix: /old}', '{prefixRewrite: /new, redirectCode: 308}')), []);
    assert.deepEqual(codes(rule('{prefix: /}', '{derivePort: FROM_REQUEST_PORT}')), []);
  });

  it('IE277: a rewrite must change something, and uriRegexRewrite needs both parts', () => {
    const bad = vs(`hosts: [a.example.com]\nhttp:\n- match: [{port: 80}]\n  rewrite: {uri: ""}\n  ${ROUTE}\n- rewrite: {uriRegexRewrite: {match: "^/old(.*)", rewrite: ""}}\n  ${ROUTE}\n`);
    assert.deepEqual(codes(bad), ['IE277', 'IE277']);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\nhttp:\n- rewrite: {uriRegexRewrite: {match: "^/old(.*)", rewrite: '/new\\1'}}\n  ${ROUTE}\n`)), []);
  });

  it('IE278: the authority is set in one place only', () => {
    const bad = vs(`
      hosts: [a.example.com]
      http:
      - rewrite: {authority: b.example.com}
        headers:
          request:
            set: {Host: c.example.com}
        route:
        - destination: {host: b.example.com}
    `);
    assert.match(diagnose(bad, { messages: true }), /set: \{Host: c.example.com\}\n {14}\^{4} IE278 error: The authority \(Host\) is already set by `rewrite.authority`/);
    assert.deepEqual(codes(bad.replace('Host: c.example.com', 'x-forwarded-host: c.example.com')), []);
  });

  it('IE279: direct-response bodies over 100 KB warn, over 1 MB are rejected', () => {
    const body = (size: number) => vs(`hosts: [a.example.com]\nhttp:\n- directResponse:\n    status: 200\n    body: {string: "${'x'.repeat(size)}"}\n`);
    assert.match(diagnose(body(200 * 1024), { messages: true }), /IE279 warning: This direct-response body is 200 KB/);
    assert.match(diagnose(body(1100 * 1024), { messages: true }), /IE279 error: .*so it rejects bodies over 1 MB/);
    assert.deepEqual(codes(body(1000)), []);
  });

  it('IE280: weights may total anything but 0; the fix splits evenly and keeps comments', () => {
    const before = vs(`
      hosts: [a.example.com]
      http:
      - route:
        - destination: {host: a.example.com, subset: v1} # stable
          weight: 0
        - destination: {host: a.example.com, subset: v2}
        - destination: {host: a.example.com, subset: v3}
          weight: 0
    `);
    assert.match(diagnose(before, { messages: true }), /IE280 error: The weights of these 3 destinations total 0, .*Weights are relative shares \(they need not add up to 100\)/);
    assert.deepEqual(quickFixTitles(before, 'IE280'), ['Split the traffic evenly (34/33/33)']);
    assert.equal(
      applyQuickFix(before, 'IE280'),
      vs(`
        hosts: [a.example.com]
        http:
        - route:
          - destination: {host: a.example.com, subset: v1} # stable
            weight: 34
          - destination: {host: a.example.com, subset: v2}
            weight: 33
          - destination: {host: a.example.com, subset: v3}
            weight: 33
      `),
    );
    const flow = vs('hosts: [a.example.com]\ntcp:\n- route: [{destination: {host: a.example.com}, weight: 0}, {destination: {host: b.example.com}}]\n');
    assert.equal(applyQuickFix(flow, 'IE280'), flow.replace('weight: 0}', 'weight: 50}').replace('b.example.com}}', 'b.example.com}, weight: 50}'));
    // Never a complaint about a sum other than 100, nor about a single destination without weight.
    assert.deepEqual(codes(before.replace(/weight: 0/g, 'weight: 1')), []);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\ntcp:\n- ${ROUTE}\n`)), []);
  });

  it('IE281: SNI hosts lie within the VirtualService hosts; fix by correcting the SNI or adding the host', () => {
    const before = vs(`
      hosts:
      - api.example.com # external API
      - "*.cdn.example.com"
      gateways: [mesh]
      tls:
      - match:
        - sniHosts: [api.exmaple.com, img.cdn.example.com, "*.cdn.example.com"]
          port: 443
        route:
        - destination: {host: api.example.com}
    `);
    assert.match(diagnose(before, { messages: true }), /\^{15} IE281 error: SNI host `api.exmaple.com` is not covered by this VirtualService's `hosts` \(`api.example.com`, `\*.cdn.example.com`\), and Istio rejects it\./);
    assert.deepEqual(codes(before), ['IE281']);
    assert.deepEqual(quickFixTitles(before, 'IE281'), ["Change to 'api.example.com'", "Add 'api.exmaple.com' to the VirtualService hosts"]);
    assert.equal(applyQuickFix(before, 'IE281'), before.replace('[api.exmaple.com,', '[api.example.com,'));
    assert.equal(
      applyQuickFix(before, 'IE281', "Add 'api.exmaple.com' to the VirtualService hosts"),
      before.replace('  - "*.cdn.example.com"\n', '  - "*.cdn.example.com"\n  - api.exmaple.com\n'),
    );
  });

  it('IE282: an IP address as SNI host is a warning', () => {
    const bad = vs(`hosts: [db.example.com]\ntls:\n- match: [{sniHosts: [192.0.2.10]}]\n  ${ROUTE}\n`);
    assert.deepEqual(codes(bad), ['IE282']);
    assert.deepEqual(codes(bad.replace('192.0.2.10', 'db.example.com')), []);
  });

  it('IE283 and IE284: retries need attempts; retryOn conditions are known and comma-separated', () => {
    const retries = (value: string) => vs(`hosts: [a.example.com]\nhttp:\n- ${ROUTE}\n  retries: ${value}\n`);
    assert.match(diagnose(retries('{perTryTimeout: 2s}'), { messages: true }), /retries: \{perTryTimeout: 2s\}\n {4}\^{7} IE283 error: Without `attempts` \(0\) retries are off, so Istio rejects `perTryTimeout`/);
    assert.deepEqual(codes(retries('{attempts: 0, retryRemoteLocalities: false}')), ['IE283']);
    assert.deepEqual(codes(retries('{attempts: 0}')), []);
    const spaced = retries('{attempts: 3, retryOn: "5xx, connect-failure,gateway-eror"}');
    assert.match(diagnose(spaced, { messages: true }), /IE284 error: `retryOn` has conditions Istio does not accept: ` connect-failure`, `gateway-eror`\. Separate conditions with commas only, no spaces\./);
    assert.equal(applyQuickFix(spaced, 'IE284'), spaced.replace('"5xx, connect-failure,gateway-eror"', '"5xx,connect-failure,gateway-error"'));
    assert.deepEqual(codes(retries('{attempts: 3, perTryTimeout: 2s, retryOn: "5xx,503,retriable-4xx,unavailable"}')), []);
  });

  it('IE285: fault injection Istio rejects or ignores', () => {
    const fault = (value: string) => vs(`hosts: [a.example.com]\nhttp:\n- ${ROUTE}\n  fault: ${value}\n`);
    assert.match(diagnose(fault('{}'), { messages: true }), /IE285 error: This fault injects nothing/);
    assert.deepEqual(codes(fault('{delay: {fixedDelay: 1s, percentage: {value: 0.00001}}}')), ['IE285']);
    assert.match(diagnose(fault('{abort: {percentage: {value: 10}}}'), { messages: true }), /IE285 warning: This abort has no `httpStatus` or `grpcStatus`/);
    const grpc = fault('{abort: {grpcStatus: unavailable, percentage: {value: 10}}}');
    assert.equal(applyQuickFix(grpc, 'IE285'), grpc.replace('unavailable', 'UNAVAILABLE'));
    assert.deepEqual(codes(fault('{delay: {exponentialDelay: 1s}}')), ['IE285']);
    assert.deepEqual(codes(fault('{abort: {grpcStatus: UNAVAILABLE, percentage: {value: 10}}, delay: {fixedDelay: 2s, percentage: {value: 0.5}}}')), []);
  });

  it('IE286: header names and values', () => {
    const bad = vs(`
      hosts: [a.example.com]
      http:
      - match:
        - headers: {"x user": {exact: a}, ":authority": {exact: a.example.com}}
        route:
        - destination: {host: a.example.com}
          headers:
            request:
              set: {":path": /v2, x-quota: "100%", x-node: "%HOSTNAME%"}
            response:
              remove: [Host]
    `);
    const rendered = diagnose(bad, { messages: true });
    assert.match(rendered, /IE286 error: `x user` is not a valid header name/);
    assert.match(rendered, /IE286 error: `:path` is a pseudo-header, which `request.set` cannot change/);
    assert.match(rendered, /IE286 error: This header value ends with a lone `%`, and Istio rejects it\. Write `%%` for a literal percent sign/);
    assert.match(rendered, /IE286 error: `response.remove` cannot change the `Host` header/);
    assert.deepEqual(codes(bad), ['IE286', 'IE286', 'IE286', 'IE286']);
    assert.deepEqual(codes(vs(`hosts: [a.example.com]\nhttp:\n- headers: {request: {set: {host: b.example.com, x-pct: "100%%", x-up: '%UPSTREAM_METADATA(["istio", "x"])%'}}}\n  ${ROUTE}\n`)), []);
  });

  it('IE287: JWT claim routing only on gateway-only VirtualServices', () => {
    const claims = (gateways: string) => vs(`hosts: [a.example.com]\ngateways: ${gateways}\nhttp:\n- match: [{headers: {"@request.auth.claims.group": {exact: admin}}}]\n  ${ROUTE}\n`);
    assert.match(diagnose(claims('[mesh, istio-system/ingress]'), { messages: true }), /IE287 error: Routing on a JWT claim \(`@request.auth.claims.group`\) works at gateways only, and this VirtualService also applies to sidecars \(`gateways` includes `mesh`\)/);
    assert.deepEqual(codes(claims('[istio-system/ingress]')), []);
  });

  it('IE288: a rule after one without match is unreachable; the fix moves the catch-all last', () => {
    const before = vs(`
      hosts: [a.example.com]
      http:
      - name: default # everything else
        route:
        - destination: {host: a.example.com, subset: v1}
      - match:
        - headers: {x-canary: {exact: "1"}}
        route:
        - destination: {host: a.example.com, subset: v2}
    `);
    assert.match(diagnose(before, { messages: true }), /- match:\n {4}\^{6} IE288 warning: `http\[1\]` is never used: `http\[0\]` \("default"\) has no `match`, so it takes all traffic before this rule is tried\./);
    assert.equal(
      applyQuickFix(before, 'IE288'),
      vs(`
        hosts: [a.example.com]
        http:
        - match:
          - headers: {x-canary: {exact: "1"}}
          route:
          - destination: {host: a.example.com, subset: v2}
        - name: default # everything else
          route:
          - destination: {host: a.example.com, subset: v1}
      `),
    );
    // With two rules without match the intent is unclear: no fix.
    const twoCatchAlls = vs(`hosts: [a.example.com]\nhttp:\n- ${ROUTE}\n- ${ROUTE}\n- match: [{port: 80}]\n  ${ROUTE}\n`);
    assert.deepEqual(codes(twoCatchAlls), ['IE288', 'IE288']);
    assert.deepEqual(quickFixTitles(twoCatchAlls, 'IE288'), []);
  });

  it('IE288: a rule whose matches all repeat earlier ones; the fix removes it', () => {
    const before = vs(`
      hosts: [a.example.com]
      gateways: [mesh, istio-system/egress]
      tls:
      - match: [{gateways: [mesh], port: 443, sniHosts: [a.example.com]}]
        route: [{destination: {host: istio-egressgateway.istio-system.svc.cluster.local}}]
      - match: [{port: 443, sniHosts: [a.example.com], gateways: [mesh]}]
        route: [{destination: {host: a.example.com}}]
    `);
    assert.match(diagnose(before, { messages: true }), /IE288 warning: `tls\[1\]` is never used: each of its match clauses repeats an earlier one \(`tls\[0\].match\[0\]`\)/);
    assert.equal(applyQuickFix(before, 'IE288', /Remove the unused rule/), before.replace(/ {2}- match: \[\{port[^\n]*\n[^\n]*\n/, ''));
  });

  it('IE289: a repeated match clause (names aside) or one covered by a shorter prefix; the fix removes a repeat', () => {
    const before = vs(`
      hosts: [a.example.com]
      http:
      - match:
        - uri: {prefix: /api}
        route:
        - destination: {host: a.example.com, subset: v1}
      - match:
        - uri: {prefix: /api/v2}
        - name: again
          uri: {prefix: /api}
        - uri: {exact: /health}
        route:
        - destination: {host: a.example.com, subset: v2}
    `);
    const rendered = diagnose(before, { messages: true });
    assert.match(rendered, /IE289 info: Every request this clause accepts \(URI prefix `\/api\/v2`\) is already taken by `http\[0\].match\[0\]` \(prefix `\/api`, same other conditions\)/);
    assert.match(rendered, /- name: again\n {6}\^{11} IE289 info: This match clause repeats `http\[0\].match\[0\]`, which is tried first/);
    assert.equal(applyQuickFix(before, 'IE289', 'Remove the repeated match clause'), before.replace('    - name: again\n      uri: {prefix: /api}\n', ''));
    const repeat = newService().doValidation(fixture(before).document).find((d) => d.code === 'IE289' && d.message.startsWith('This match clause repeats'));
    assert.deepEqual(repeat?.relatedInformation?.map((r) => [r.location.range.start, r.message]), [[{ line: 9, character: 6 }, 'the same match clause, tried first']]);
    // Different gateways, headers or ports keep a longer prefix reachable.
    assert.deepEqual(codes(before.replace('- uri: {prefix: /api/v2}', '- uri: {prefix: /api/v2}\n      port: 8080').replace(/ {4}- name: again\n {6}uri: \{prefix: \/api\}\n/, '')), []);
  });

  it('the egress routing shapes of the documentation are clean', () => {
    assert.deepEqual(
      codes(vs(`
        hosts: [news.example.org]
        gateways: [istio-egressgateway, mesh]
        http:
        - match:
          - gateways: [mesh]
            port: 80
          route:
          - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: news, port: {number: 80}}
            weight: 100
        - match:
          - gateways: [istio-egressgateway]
            port: 80
          route:
          - destination: {host: news.example.org, port: {number: 80}}
            weight: 100
      `)),
      [],
    );
  });
});
