// Names, hosts, exportTo and gateway references, as Istio's webhook checks them on every kind.
import { strict as assert } from 'node:assert';
import { validateDocument } from '../../../server/src/service/features/diagnostics/validateDocument';
import { parseYamlDocument } from '../../../server/src/service/parse/parsedDocument';
import { DEFAULT_SETTINGS } from '../../../server/src/service/settings';
import { dedent, fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, newService } from '../../support/service';

const FAMILY = /^IE20\d$/;

/** The fixture with carets under this family's diagnostics only (other families may fire too). */
function check(source: string, messages = false): string {
  const file = fixture(source);
  const diagnostics = newService().doValidation(file.document).filter((d) => FAMILY.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, { messages });
}

function familyCodes(source: string): string[] {
  const file = fixture(source);
  return newService().doValidation(file.document).map((d) => String(d.code)).filter((code) => FAMILY.test(code));
}

/** A list written inline (` [a, b]`) or as a block (`\n- a`), after its key. */
const list = (value: string) => (value.startsWith('\n') ? value : ` ${value}`);

const vs = (hosts: string, extra = '') => `
  apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata: {name: shop, namespace: shop}
  spec:
    hosts:${list(hosts)}${extra}
    http:
    - route:
      - destination: {host: shop}
`;

describe('common rules: names', () => {
  it('IE200: invalid names and namespaces, with a valid spelling offered', () => {
    const source = `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: Weather_API
        namespace: Shop
      spec:
        hosts: [api.weather.example]
        ports: [{number: 443, name: https, protocol: HTTPS}]
        resolution: DNS
    `;
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: Weather_API
                ^^^^^^^^^^^ IE200 error
          namespace: Shop
                     ^^^^ IE200 error
        spec:
          hosts: [api.weather.example]
          ports: [{number: 443, name: https, protocol: HTTPS}]
          resolution: DNS
      `),
    );
    assert.match(applyQuickFix(source, 'IE200'), /name: weather-api\n/);
  });

  it('IE200: a Gateway name cannot contain dots; other kinds may', () => {
    const gateway = (name: string) => `
      apiVersion: networking.istio.io/v1
      kind: Gateway
      metadata: {name: ${name}}
      spec:
        selector: {istio: egressgateway}
        servers:
        - port: {number: 80, name: http, protocol: HTTP}
          hosts: [news.example.org]
    `;
    assert.match(check(gateway('egress.news'), true), /\^{11} IE200 error: A Gateway name must be a single DNS label \(no dots/);
    assert.match(applyQuickFix(gateway('egress.news'), 'IE200'), /name: egress-news\}/);
    assert.deepEqual(familyCodes(gateway('egress-news')), []);
    assert.deepEqual(familyCodes(vs('[shop]').replace('name: shop,', 'name: shop.v1,')), []);
  });
});

describe('common rules: hosts', () => {
  it('IE201, IE202, IE203: ServiceEntry hosts', () => {
    const source = `
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: apis}
      spec:
        hosts:
        - "*"
        - api.*.example.com
        - shop.example.123
        - "*api.example.com"
        ports: [{number: 443, name: tls, protocol: TLS}]
    `;
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: apis}
        spec:
          hosts:
          - "*"
            ^^^ IE203 error
          - api.*.example.com
            ^^^^^^^^^^^^^^^^^ IE201 error
          - shop.example.123
            ^^^^^^^^^^^^^^^^ IE201 error
          - "*api.example.com"
            ^^^^^^^^^^^^^^^^^^ IE202 warning
          ports: [{number: 443, name: tls, protocol: TLS}]
      `),
    );
    assert.match(check(source, true), /IE201 error: `shop\.example\.123` is not a valid ServiceEntry host: its top-level label `123` is all digits\./);
  });

  it('IE202: a partial wildcard is an error with DYNAMIC_DNS', () => {
    const rendered = check(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata: {name: apis}
      spec:
        hosts: ["*api.example.com"]
        ports: [{number: 443, name: tls, protocol: TLS}]
        resolution: DYNAMIC_DNS
    `);
    assert.match(rendered, /\^{18} IE202 error/);
  });

  it('IE201, IE202: valid hosts pass, including single labels, a final dot and IPs on VirtualServices', () => {
    assert.deepEqual(familyCodes(vs('["*.example.com", reviews, "example.org.", 192.0.2.1]')), []);
    assert.deepEqual(
      familyCodes(`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: reviews.shop.svc.cluster.local}
      `),
      [],
    );
  });

  it('IE201: DestinationRule and VirtualService hosts', () => {
    assert.match(check(vs('[shop_front.example.com]')), /hosts: \[shop_front\.example\.com\]\n {10}\^{22} IE201 error/);
    assert.match(
      check(`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec: {host: "reviews..svc"}
      `, true),
      /IE201 error: `reviews\.\.svc` is not a valid DestinationRule host: it has an empty label/,
    );
  });

  it('IE203: `*` only on gateway-bound VirtualServices', () => {
    assert.match(check(vs('["*"]')), /\^{3} IE203 error/);
    assert.match(check(vs('["*"]', '\n    gateways: [mesh, ingress]')), /\^{3} IE203 error/);
    assert.deepEqual(familyCodes(vs('["*"]', '\n    gateways: [ingress]')), []);
  });

  it('IE204: duplicate and overlapping VirtualService hosts; the duplicate can be removed', () => {
    assert.equal(
      check(vs('\n    - "*.example.com"\n    - api.example.com\n    - shop\n    - shop')),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts:
          - "*.example.com"
          - api.example.com
            ^^^^^^^^^^^^^^^ IE204 error
          - shop
          - shop
            ^^^^ IE204 error
          http:
          - route:
            - destination: {host: shop}
      `),
    );
    const flow = vs('[shop, shop.example.com, shop]');
    assert.match(applyQuickFix(flow, 'IE204'), /hosts: \[shop, shop\.example\.com\]\n/);
    assert.match(applyQuickFix(vs('\n    - shop # the short name\n    - shop'), 'IE204'), /hosts:\n {2}- shop # the short name\n {2}http:/);
    assert.deepEqual(familyCodes(vs('["*.example.com", example.com, api.example.org]')), []);
  });
});

describe('common rules: namespace/dnsName hosts', () => {
  const gateway = (hosts: string) => `
    apiVersion: networking.istio.io/v1
    kind: Gateway
    metadata: {name: egress, namespace: istio-system}
    spec:
      selector: {istio: egressgateway}
      servers:
      - port: {number: 443, name: tls, protocol: TLS}
        hosts:${list(hosts)}
        tls: {mode: PASSTHROUGH}
  `;
  const sidecar = (hosts: string) => `
    apiVersion: networking.istio.io/v1
    kind: Sidecar
    metadata: {name: default, namespace: shop}
    spec:
      egress:
      - hosts: ${hosts}
  `;

  it('IE205, IE202: Gateway server hosts', () => {
    assert.equal(
      check(gateway('\n        - shop/news\n        - Bad_NS/news.example.org\n        - "./*news.example.org"')),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: egress, namespace: istio-system}
        spec:
          selector: {istio: egressgateway}
          servers:
          - port: {number: 443, name: tls, protocol: TLS}
            hosts:
            - shop/news
              ^^^^^^^^^ IE205 error
            - Bad_NS/news.example.org
              ^^^^^^^^^^^^^^^^^^^^^^^ IE205 error
            - "./*news.example.org"
              ^^^^^^^^^^^^^^^^^^^^^ IE202 error
            tls: {mode: PASSTHROUGH}
      `),
    );
    assert.deepEqual(familyCodes(gateway('["*", "*/news.example.org", "./*.example.org", shop/news.example.org, news.example.org, 192.0.2.1]')), []);
  });

  it('IE205: Sidecar egress hosts need `namespace/`; the fix adds `*/`', () => {
    assert.match(check(sidecar('[news.example.org]'), true), /IE205 error: Sidecar egress hosts are written `namespace\/dnsName`/);
    assert.match(applyQuickFix(sidecar('[news.example.org]'), 'IE205'), /hosts: \["\*\/news\.example\.org"\]/);
    assert.match(check(sidecar('[istio-system/192.0.2.1]')), /IE205 error/);
    assert.deepEqual(familyCodes(sidecar('["*/news.example.org", "./*", "~istio-system/*", istio-system/istio-egressgateway.istio-system.svc.cluster.local]')), []);
  });

  it('IE206: repeated Sidecar hosts and `*/*` with others are warnings', () => {
    assert.equal(
      check(sidecar('["./*", shop/news.example.org, "*/*", "*/*"]')),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: shop}
        spec:
          egress:
          - hosts: ["./*", shop/news.example.org, "*/*", "*/*"]
                           ^^^^^^^^^^^^^^^^^^^^^ IE206 warning
                                                  ^^^^^ IE206 warning
                                                         ^^^^^ IE206 warning
      `),
    );
    assert.match(applyQuickFix(sidecar('["*/*", "*/*"]'), 'IE206'), /hosts: \["\*\/\*"\]/);
    assert.deepEqual(familyCodes(sidecar('["./*", "istio-system/*", "*/news.example.org"]')), []);
    // Only a written namespace makes `./` and `shop/` the same.
    assert.deepEqual(familyCodes(sidecar('["./*", "shop/*"]')), ['IE206']);
    assert.deepEqual(familyCodes(sidecar('["./*", "shop/*"]').replace(', namespace: shop}', '}')), []);
  });
});

describe('common rules: exportTo', () => {
  const se = (exportTo: string, namespace = 'shop') => `
    apiVersion: networking.istio.io/v1
    kind: ServiceEntry
    metadata: {name: news, namespace: ${namespace}}
    spec:
      hosts: [news.example.org]
      ports: [{number: 443, name: tls, protocol: TLS}]
      resolution: DNS
      exportTo:${list(exportTo)}
  `;

  it('IE207: `.` and the own namespace are the same entry; the fix removes the second', () => {
    assert.match(check(se('[".", shop]'), true), /\^{4} IE207 error: `shop` and `\.` both mean namespace `shop`/);
    assert.match(applyQuickFix(se('\n      - "."\n      - istio-system\n      - shop'), 'IE207'), /exportTo:\n {2}- "\."\n {2}- istio-system\n$/);
  });

  it('IE207: invalid entries, `~` outside ServiceEntries, `*` and `~` combined', () => {
    assert.match(check(se('[my_ns]')), /\^{5} IE207 error/);
    assert.match(check(se('["~", "*"]')), /\^{3} IE207 error\n.*\^{3} IE207 error/);
    const withTilde = vs('[shop]', '\n    exportTo: ["~"]');
    assert.match(check(withTilde, true), /IE207 error: `~` \(export to no namespace\) is only allowed on ServiceEntries/);
    assert.match(applyQuickFix(withTilde, 'IE207'), /exportTo: \[\.\]/);
  });

  it('IE207: a DestinationRule with a workloadSelector stays in its namespace', () => {
    const dr = (exportTo: string) => `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: news, namespace: shop}
      spec:
        host: news.example.org
        workloadSelector: {matchLabels: {app: ratings}}
        trafficPolicy: {tls: {mode: SIMPLE}}
        exportTo: ${exportTo}
    `;
    assert.match(check(dr('["*"]'), true), /IE207 error: A DestinationRule with a `workloadSelector` cannot be exported beyond/);
    assert.match(applyQuickFix(dr('["*"]'), 'IE207'), /exportTo: \[\.\]/);
    assert.match(check(dr('[".", istio-system]')), /\^{12} IE207 error/);
    assert.deepEqual(familyCodes(dr('["."]')), []);
    assert.deepEqual(familyCodes(dr('[shop]')), []);
  });

  it('IE207: valid lists pass', () => {
    for (const list of ['["~"]', '["*"]', '["."]', '[".", istio-system]']) assert.deepEqual(familyCodes(se(list)), [], list);
  });

  it('IE207: without metadata.namespace, `.` is not compared with named namespaces', () => {
    const unplaced = (source: string) => source.replace(/, namespace: shop\}/, '}');
    assert.deepEqual(familyCodes(unplaced(se('[".", default, shop]'))), []);
    const dr = (exportTo: string) => `
      apiVersion: networking.istio.io/v1
      kind: DestinationRule
      metadata: {name: news}
      spec:
        host: news.example.org
        workloadSelector: {matchLabels: {app: ratings}}
        trafficPolicy: {tls: {mode: SIMPLE}}
        exportTo: ${exportTo}
    `;
    assert.deepEqual(familyCodes(dr('[shop]')), []);
    assert.deepEqual(familyCodes(dr('["*"]')), ['IE207']);
  });
});

describe('common rules: gateway references', () => {
  const bound = (gateways: string, matchGateways = '[mesh]') => `
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata: {name: news, namespace: shop}
    spec:
      hosts: [news.example.org]
      gateways: ${gateways}
      http:
      - match:
        - gateways: ${matchGateways}
        route:
        - destination: {host: news.example.org}
  `;

  it('IE208: invalid references; after a short name Istio stops checking, so only a warning', () => {
    assert.match(check(bound('[istio-system/egress_gw]'), true), /\^{22} IE208 error: `egress_gw` is not a valid Gateway name/);
    assert.match(check(bound('["istio-system/"]')), /IE208 error/);
    assert.match(check(bound('[mesh, Istio_System/egress]'), true), /\^{19} IE208 warning: `Istio_System` is not a valid namespace.*stops checking this list/);
    assert.match(check(bound('[mesh]', '[egress_gw]')), /\^{9} IE208 error/);
  });

  it('IE209: the legacy `name.namespace` form is rewritten to `namespace/name`', () => {
    const source = bound('[mesh, egress.istio-system]', '[egress.istio-system.svc.cluster.local]');
    assert.match(check(source, true), /\^{19} IE209 warning: `egress\.istio-system` uses the legacy `name\.namespace` form.*Write `istio-system\/egress`/);
    assert.match(check(source), /- gateways: \[egress\.istio-system\.svc\.cluster\.local\]\n {17}\^{37} IE209 warning/);
    assert.match(applyQuickFix(source, 'IE209'), /gateways: \[mesh, istio-system\/egress\]/);
  });

  it('IE208, IE209: `mesh`, short names and `namespace/name` pass', () => {
    assert.deepEqual(familyCodes(bound('[mesh, egress, istio-system/egress]', '[mesh, istio-system/egress]')), []);
  });
});

describe('common rules: related places', () => {
  it('point at the earlier entry in the same document', () => {
    const doc = parseYamlDocument(dedent(vs('[shop, shop]')));
    const finding = validateDocument(doc, DEFAULT_SETTINGS).find((f) => f.code === 'IE204');
    assert.ok(finding?.related?.length);
    const span = finding.related[0].span;
    assert.equal(doc.text.slice(span.start, span.end), 'shop');
    assert.ok(span.start < finding.start);
  });
});
