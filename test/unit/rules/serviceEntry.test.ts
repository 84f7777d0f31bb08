// ServiceEntry rules of Istio's webhook, its CRD rules and istioctl's single-resource analyzers.
import { strict as assert } from 'node:assert';
import { dedent, fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, newService, quickFixTitles } from '../../support/service';

const FAMILY = /^IE2[12]\d$/;

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

/** A ServiceEntry whose spec is written out below `spec:` (indented by 2). */
const se = (spec: string, metadata = '{name: db, namespace: shop}') => `
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: ${metadata}
spec:
${dedent(spec)
  .split('\n')
  .map((line) => (line ? `  ${line}` : line))
  .join('\n')}`;

const HTTPS = 'ports: [{number: 443, name: https, protocol: HTTPS}]';

describe('ServiceEntry rules: resolution and endpoints', () => {
  it('IE210: endpoints with the default resolution NONE; the fix adds `resolution: STATIC` for IPs', () => {
    const source = se(`
      hosts: [db.internal.example]
      addresses: [192.0.2.10]
      ports: [{number: 5432, name: tcp, protocol: TCP}]
      endpoints: # the database hosts
      - address: 192.0.2.11
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [db.internal.example]
          addresses: [192.0.2.10]
          ports: [{number: 5432, name: tcp, protocol: TCP}]
          endpoints: # the database hosts
          ^^^^^^^^^ IE210 error
          - address: 192.0.2.11
      `),
    );
    const fixed = applyQuickFix(source, 'IE210', 'Set resolution: STATIC');
    assert.match(fixed, /endpoints: # the database hosts\n {2}- address: 192\.0\.2\.11\n {2}resolution: STATIC\n$/);
    assert.deepEqual(familyCodes(fixed), []);
  });

  it('IE210: with an explicit NONE and host-name endpoints the fix sets DNS', () => {
    const source = se(`
      hosts: [api.example.com]
      ${HTTPS}
      resolution: NONE
      endpoints: [{address: eu.api.example.com}]
    `);
    assert.match(check(source, true), /\^{9} IE210 error: Endpoints are not allowed with resolution NONE: NONE sends traffic/);
    assert.match(applyQuickFix(source, 'IE210'), /resolution: DNS\n/);
  });

  it('IE211, IE212: addresses are IPs or CIDRs, and CIDRs need NONE or STATIC', () => {
    const source = se(`
      hosts: [db.internal.example]
      addresses: [10.1.0.0/16, db.internal.example, "2001:db8::/32", 192.0.2.300]
      ports: [{number: 443, name: tls, protocol: TLS}]
      resolution: DNS
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [db.internal.example]
          addresses: [10.1.0.0/16, db.internal.example, "2001:db8::/32", 192.0.2.300]
                      ^^^^^^^^^^^ IE211 error
                                   ^^^^^^^^^^^^^^^^^^^ IE212 error
                                                        ^^^^^^^^^^^^^^^ IE211 error
                                                                         ^^^^^^^^^^^ IE212 error
          ports: [{number: 443, name: tls, protocol: TLS}]
          resolution: DNS
      `),
    );
    assert.match(applyQuickFix(source, 'IE211'), /resolution: NONE\n$/);
    assert.deepEqual(familyCodes(se(`hosts: [db.internal.example]\naddresses: [10.1.0.0/16, "2001:db8::1", 192.0.2.1]\nports: [{number: 443, name: tls, protocol: TLS}]\nresolution: STATIC\nendpoints: [{address: 10.1.0.5}]`)), []);
  });

  it('IE213: DNS without endpoints cannot resolve a wildcard host; the fix sets NONE', () => {
    const source = se(`
      hosts: ["*.news.example.org"]
      ${HTTPS}
      resolution: DNS
    `);
    assert.match(check(source, true), /\^{20} IE213 error: With `resolution: DNS` and no endpoints the proxy looks each host up in DNS/);
    assert.match(applyQuickFix(source, 'IE213'), /resolution: NONE\n$/);
    assert.deepEqual(familyCodes(se(`hosts: ["*.news.example.org"]\n${HTTPS}\nresolution: DNS\nendpoints: [{address: edge.news.example.org}]`)), []);
  });

  it('IE214: DNS_ROUND_ROBIN takes at most one endpoint; the fix sets DNS', () => {
    const source = se(`
      hosts: [api.example.com]
      ${HTTPS}
      resolution: DNS_ROUND_ROBIN
      endpoints:
      - address: eu.api.example.com
      - address: us.api.example.com
    `);
    assert.match(check(source), /- address: us\.api\.example\.com\n {4}\^{27} IE214 error/);
    assert.match(applyQuickFix(source, 'IE214'), /resolution: DNS\n/);
    assert.deepEqual(familyCodes(se(`hosts: [api.example.com]\n${HTTPS}\nresolution: DNS_ROUND_ROBIN\nendpoints: [{address: eu.api.example.com}]`)), []);
  });

  it('IE215: DYNAMIC_DNS needs wildcard hosts, no addresses or endpoints, and HTTP, TLS, GRPC or HTTP2 ports', () => {
    const source = se(`
      hosts: [api.example.com, "*.example.org"]
      addresses: [192.0.2.1]
      ports:
      - {number: 443, name: https, protocol: HTTPS}
      - {number: 80, name: http, protocol: HTTP}
      resolution: DYNAMIC_DNS
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [api.example.com, "*.example.org"]
                  ^^^^^^^^^^^^^^^ IE215 error
          addresses: [192.0.2.1]
          ^^^^^^^^^ IE215 error
          ports:
          - {number: 443, name: https, protocol: HTTPS}
                                                 ^^^^^ IE215 error
          - {number: 80, name: http, protocol: HTTP}
          resolution: DYNAMIC_DNS
      `),
    );
    assert.deepEqual(familyCodes(se(`hosts: ["*.example.org"]\nports: [{number: 443, name: tls, protocol: TLS}, {number: 80, name: http, protocol: http}]\nresolution: DYNAMIC_DNS`)), []);
  });

  it('IE216: STATIC endpoints are IPs or unix sockets; a host name gets the DNS fix', () => {
    const source = se(`
      hosts: [api.internal.example]
      ports: [{number: 8080, name: http, protocol: HTTP}]
      resolution: STATIC
      endpoints:
      - address: api-1.internal.example
      - address: 192.0.2.20
      - network: eu-west
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [api.internal.example]
          ports: [{number: 8080, name: http, protocol: HTTP}]
          resolution: STATIC
          endpoints:
          - address: api-1.internal.example
                     ^^^^^^^^^^^^^^^^^^^^^^ IE216 error
          - address: 192.0.2.20
          - network: eu-west
            ^^^^^^^^^^^^^^^^ IE216 warning
      `),
    );
    assert.deepEqual(quickFixTitles(source, 'IE216'), []);
    const names = se(`hosts: [api.internal.example]\nports: [{number: 8080, name: http, protocol: HTTP}]\nresolution: STATIC\nendpoints: [{address: api-1.internal.example}]`);
    assert.match(applyQuickFix(names, 'IE216'), /resolution: DNS\n/);
  });

  it('IE216: unix socket paths and DNS endpoint addresses', () => {
    const unix = se(`
      hosts: [local.sock.example]
      ports: [{number: 80, name: http, protocol: HTTP}]
      resolution: STATIC
      endpoints: [{address: "unix://var/run/app.sock"}]
    `);
    assert.match(check(unix, true), /IE216 error: Invalid unix socket address: `var\/run\/app\.sock` is not an absolute path/);
    const dns = se(`
      hosts: [api.example.com]
      ${HTTPS}
      resolution: DNS
      endpoints: [{address: "api_eu.example.com"}, {address: "unix:///run/app.sock"}, {address: 2001:db8::1}]
    `);
    assert.match(check(dns), /\^{20} IE216 error\n.*\^{22} IE216 error\n(?!.*IE216)/);
    assert.deepEqual(familyCodes(unix.replace('unix://var', 'unix:///var')), []);
  });

  it('IE217: endpoint ports refer to the entry\'s port names; a close name is offered', () => {
    const source = se(`
      hosts: [api.example.com]
      ports: [{number: 443, name: https, protocol: HTTPS}]
      resolution: DNS
      endpoints:
      - address: eu.api.example.com
        ports: {htps: 8443}
    `);
    assert.match(check(source), /ports: \{htps: 8443\}\n {12}\^{4} IE217 error/);
    assert.match(applyQuickFix(source, 'IE217'), /ports: \{https: 8443\}/);
    assert.deepEqual(familyCodes(source.replace('htps', 'https')), []);
  });

  it('IE218: a unix socket endpoint has no ports map and needs exactly one service port', () => {
    const source = se(`
      hosts: [local.sock.example]
      ports: [{number: 80, name: http, protocol: HTTP}, {number: 81, name: admin, protocol: HTTP}]
      resolution: STATIC
      endpoints:
      - address: unix:///var/run/app.sock
        ports: {http: 8080}
    `);
    assert.match(check(source), /- address: unix:\/\/\/var\/run\/app\.sock\n {13}\^{24} IE218 error\n {4}ports: \{http: 8080\}\n {4}\^{5} IE218 error/);
  });

  it('IE227: STATIC without endpoints has nowhere to send traffic; a selector is enough', () => {
    const source = se(`
      hosts: [api.example.com]
      ${HTTPS}
      resolution: STATIC
    `);
    assert.match(check(source), /resolution: STATIC\n {14}\^{6} IE227 info/);
    assert.match(applyQuickFix(source, 'IE227'), /resolution: DNS\n$/);
    assert.deepEqual(familyCodes(se(`hosts: [api.shop.svc]\nlocation: MESH_INTERNAL\n${HTTPS}\nresolution: STATIC\nworkloadSelector: {labels: {app: api}}`)), []);
  });
});

describe('ServiceEntry rules: ports and hosts', () => {
  it('IE219, IE226: duplicate port names and numbers, invalid port names', () => {
    assert.equal(
      check(se(`
        hosts: [api.example.com]
        ports:
        - {number: 443, name: https, protocol: HTTPS}
        - {number: 443, name: https, protocol: HTTPS}
        - {number: 8443, name: admin_tls, protocol: TLS}
        resolution: DNS
      `)),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [api.example.com]
          ports:
          - {number: 443, name: https, protocol: HTTPS}
          - {number: 443, name: https, protocol: HTTPS}
                     ^^^ IE219 error
                                ^^^^^ IE219 error
          - {number: 8443, name: admin_tls, protocol: TLS}
                                 ^^^^^^^^^ IE226 error
          resolution: DNS
      `),
    );
  });

  it('IE220: several hosts with a TCP or protocol-less port need resolution NONE', () => {
    const source = (resolution: string) =>
      se(`
        hosts: [db1.example.com, db2.example.com]
        ports: [{number: 5432, name: postgres, protocol: TCP}, {number: 443, name: https, protocol: HTTPS}]
        resolution: ${resolution}
      `);
    assert.match(check(source('DNS'), true), /\^{3} IE220 error: This entry has 2 hosts and resolution DNS, but port 5432 is TCP/);
    assert.deepEqual(familyCodes(source('NONE').replace('ports:', 'addresses: [192.0.2.0/28]\nports:')), []);
    assert.deepEqual(familyCodes(se(`hosts: [a.example.com, b.example.com]\nports: [{number: 80, name: http, protocol: HTTP}, {number: 443, name: tls, protocol: TLS}]\nresolution: DNS`)), []);
  });

  it('IE221: DNS with addresses, a TLS port and several hosts is a warning', () => {
    const source = se(`
      hosts: [a.example.com, b.example.com]
      addresses: [192.0.2.1]
      ${HTTPS}
      resolution: DNS
    `);
    assert.match(check(source), /\^{5} IE221 warning/);
    assert.deepEqual(familyCodes(source.replace('a.example.com, ', '')), []);
  });

  it('IE222: NONE with a TCP or protocol-less port and no addresses claims the port for every IP (IST0134)', () => {
    const source = se(`
      hosts: [db.internal.example]
      ports:
      - number: 5432
        name: postgres
        protocol: tcp
      - number: 6379
        name: redis-cache
      location: MESH_EXTERNAL
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [db.internal.example]
          ports:
          - number: 5432
            name: postgres
            protocol: tcp
                      ^^^ IE222 warning
          - number: 6379
            name: redis-cache
                  ^^^^^^^^^^^ IE228 hint
                  ^^^^^^^^^^^ IE222 warning
          location: MESH_EXTERNAL
      `),
    );
    assert.match(check(source, true), /IE222 warning: With resolution NONE and no `addresses`, Istio can match this TCP port only by its number: outbound connections to port 5432/);
  });

  it('IE222: not with addresses, non-TCP protocols, or a resolution Istio allocates addresses for, unless the entry opts out', () => {
    const tcp = 'ports: [{number: 5432, name: postgres, protocol: TCP}]';
    assert.deepEqual(familyCodes(se(`hosts: [db.internal.example]\naddresses: [192.0.2.7]\n${tcp}`)), []);
    assert.deepEqual(familyCodes(se(`hosts: ["*.example.com"]\n${HTTPS}`)), []);
    assert.deepEqual(familyCodes(se(`hosts: [db.example.com]\n${tcp}\nresolution: DNS`)), []);
    const optOut = se(`hosts: [db.example.com]\n${tcp}\nresolution: DNS`, '\n  name: db\n  labels: {networking.istio.io/enable-autoallocate-ip: "false"}');
    assert.deepEqual(familyCodes(optOut), ['IE222']);
  });

  it('IE228: a port name that promises a protocol; the fix adds it when `protocol` is missing', () => {
    const source = se(`
      hosts: [api.example.com]
      addresses: [192.0.2.1]
      ports:
      - number: 80
        name: http-api
      - number: 443
        name: tcp
        protocol: HTTPS
      resolution: DNS
    `);
    assert.match(check(source), /name: http-api\n {10}\^{8} IE228 hint\n[^]*name: tcp\n {10}\^{3} IE228 hint/);
    assert.match(applyQuickFix(source, 'IE228'), /- number: 80\n {4}name: http-api\n {4}protocol: HTTP\n {2}- number: 443/);
    assert.deepEqual(familyCodes(se(`hosts: [api.example.com]\nports: [{number: 80, name: http-api, protocol: http}, {number: 443, name: web, protocol: TLS}]\nresolution: DNS`)), []);
    // Names and protocols of the same family route the same way: `https` carrying TLS is the usual style.
    assert.deepEqual(familyCodes(se(`hosts: [api.example.com]\nports: [{number: 443, name: https, protocol: TLS}, {number: 8080, name: http, protocol: HTTP2}]\nresolution: DNS`)), []);
  });
});

describe('ServiceEntry rules: workloadSelector', () => {
  it('IE223, IE224: a selector without labels, and with resolution NONE; the fix sets STATIC', () => {
    const source = se(`
      hosts: [api.shop.svc]
      location: MESH_INTERNAL
      ${HTTPS}
      workloadSelector: {}
    `);
    assert.equal(
      check(source),
      dedent(`
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: db, namespace: shop}
        spec:
          hosts: [api.shop.svc]
          location: MESH_INTERNAL
          ports: [{number: 443, name: https, protocol: HTTPS}]
          workloadSelector: {}
          ^^^^^^^^^^^^^^^^ IE224 warning
          ^^^^^^^^^^^^^^^^ IE223 warning
      `),
    );
    assert.match(applyQuickFix(source, 'IE223'), /workloadSelector: \{\}\n {2}resolution: STATIC\n$/);
  });

  it('IE225: selector labels match exactly: no wildcard, no empty key', () => {
    const source = se(`
      hosts: [api.shop.svc]
      ${HTTPS}
      resolution: STATIC
      workloadSelector:
        labels: {app: "api-*", version: v1}
    `);
    assert.match(check(source), /labels: \{app: "api-\*", version: v1\}\n {13}\^{3} IE225 error\n(?! )/);
    assert.deepEqual(familyCodes(source.replace('"api-*"', 'api')), []);
  });
});
