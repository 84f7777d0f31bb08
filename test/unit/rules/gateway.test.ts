import { strict as assert } from 'node:assert';
import { fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, codes, dedent, newService, quickFixTitles } from '../../support/service';

/** The document with carets under this family's findings (IE230–IE249) only. */
function check(source: string, options: { messages?: boolean } = {}): string {
  const file = fixture(source);
  const diagnostics = newService().doValidation(file.document).filter((d) => /^IE2[34]\d$/.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, options);
}

const mine = (source: string) => codes(source).filter((code) => /^IE2[34]\d$/.test(code));

/** A Gateway on the egress gateway pods with these servers (indented as list items under `servers:`). */
const gateway = (servers: string) => `
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: istio-system
spec:
  selector: {istio: egressgateway}
  servers:
${servers.replace(/^\n/, '').replace(/\n$/, '')}
`;

const TLS_PASSTHROUGH = `  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH}`;

describe('gateway rules', () => {
  it('passes the documented egress servers (HTTP, TLS passthrough, mTLS from sidecars, HTTP with httpsRedirect only)', () => {
    const servers = `${TLS_PASSTHROUGH}
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [api.example.com]
    tls: {httpsRedirect: true}
  - port: {number: 8443, name: https, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: ISTIO_MUTUAL
  - port: {number: 0, name: uds, protocol: HTTP}
    bind: unix:///var/run/egress.sock
    hosts: ["*"]
  - port: {number: 9443, name: simple, protocol: HTTPS}
    bind: "::"
    hosts: [api.example.com]
    tls: {mode: SIMPLE, credentialName: api-cert, minProtocolVersion: TLSV1_0, cipherSuites: [ECDHE-RSA-AES128-SHA, "!RC4", ALL]}`;
    assert.deepEqual(mine(gateway(servers)), []);
  });

  it('IE230: a Gateway without servers', () => {
    assert.equal(
      check(gateway('').replace('  servers:\n', '  servers: []\n')),
      dedent(gateway('').replace('  servers:\n', '  servers: []\n  ^^^^^^^ IE230 error\n')),
    );
    assert.match(check('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  selector: {istio: egressgateway}\n', { messages: true }), /^spec:\n\^{4} IE230 error: A Gateway needs at least one server/m);
  });

  it('IE231: port names repeated or empty; the fix renames the repeat', () => {
    const before = gateway(`${TLS_PASSTHROUGH}
  - port:
      number: 8443
      name: tls
      protocol: TLS
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH}
  - port: {number: 9443, name: "", protocol: TLS}
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH}`);
    const rendered = check(before, { messages: true });
    assert.match(rendered, /name: tls\n {12}\^{3} IE231 error: Port name `tls` is already used by server 1 of this Gateway; Istio rejects repeated port names\. Rename it, e\.g\. `tls-8443`\./);
    assert.match(rendered, /name: "", protocol: TLS}\n {31}\^\^ IE231 error: The port name is empty/);
    assert.match(applyQuickFix(before, 'IE231'), /number: 8443\n {6}name: tls-8443\n/);
  });

  it('IE232: a targetPort on a Gateway is rejected (the only diagnostic on it); the fix removes it', () => {
    const before = gateway(`
  - port: {number: 443, name: tls, protocol: TLS, targetPort: 8443}
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH}`);
    assert.match(check(before), /targetPort: 8443}\n {62}\^{4} IE232 error/);
    assert.deepEqual(codes(before), ['IE232']);
    assert.equal(applyQuickFix(before, 'IE232'), dedent(gateway(TLS_PASSTHROUGH)));
    const block = gateway(`
  - port:
      number: 443
      targetPort: 8443 # not for gateways
      name: tls
      protocol: TLS
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH}`);
    assert.equal(applyQuickFix(block, 'IE232'), dedent(block.replace('      targetPort: 8443 # not for gateways\n', '')));
    assert.deepEqual(mine(gateway(TLS_PASSTHROUGH.replace('protocol: TLS}', 'protocol: TLS, targetPort: 0}'))), []);
  });

  it('IE233/IE234: bind must be an IP or a Unix socket, and port 0 goes with a Unix socket only', () => {
    const before = gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    bind: 10.0.0.1:80
    hosts: [api.example.com]
  - port: {number: 81, name: http-81, protocol: HTTP}
    bind: unix://var/run/gw.sock
    hosts: [api.example.com]
  - port: {number: 0, name: http-0, protocol: HTTP}
    hosts: [api.example.com]`);
    assert.equal(
      check(before),
      dedent(
        gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    bind: 10.0.0.1:80
          ^^^^^^^^^^^ IE233 error
    hosts: [api.example.com]
  - port: {number: 81, name: http-81, protocol: HTTP}
                   ^^ IE234 error
    bind: unix://var/run/gw.sock
          ^^^^^^^^^^^^^^^^^^^^^^ IE233 error
    hosts: [api.example.com]
  - port: {number: 0, name: http-0, protocol: HTTP}
                   ^ IE234 error
    hosts: [api.example.com]`),
      ),
    );
    assert.match(check(before, { messages: true }), /`10\.0\.0\.1:80` is neither \(the port goes in `port\.number`\)/);
    assert.match(applyQuickFix(before, 'IE234'), /port: {number: 0, name: http-81, protocol: HTTP}/);
    const good = gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    bind: 10.0.0.1
    hosts: [api.example.com]
  - port: {number: 0, name: uds, protocol: HTTP}
    bind: unix://@egress
    hosts: [api.example.com]
  - port: {number: 81, name: v6, protocol: HTTP}
    bind: "fe80::1%eth0"
    hosts: [api.example.com]`);
    assert.deepEqual(mine(good), []);
  });

  it('IE235: an HTTPS or TLS server without `tls`; the fix adds the egress modes, the likely one first', () => {
    const tls = gateway(`
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]`);
    assert.match(check(tls), /protocol: TLS}\n {45}\^{3} IE235 error/);
    assert.deepEqual(quickFixTitles(tls, 'IE235'), ['Add `tls` with `mode: PASSTHROUGH`', 'Add `tls` with `mode: ISTIO_MUTUAL`']);
    assert.equal(applyQuickFix(tls, 'IE235'), dedent(gateway(`
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]
    tls:
      mode: PASSTHROUGH`)));
    const https = gateway(`
  - port:
      number: 443
      name: https
      protocol: https
    hosts: [api.example.com] # the external host`);
    assert.deepEqual(quickFixTitles(https, 'IE235'), ['Add `tls` with `mode: ISTIO_MUTUAL`', 'Add `tls` with `mode: PASSTHROUGH`']);
    assert.equal(applyQuickFix(https, 'IE235'), dedent(`${https}    tls:\n      mode: ISTIO_MUTUAL\n`).replace('external host\n\n', 'external host\n'));
  });

  it('IE236: `tls` on a plain-text server; fixes change the protocol or remove the block', () => {
    const before = gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [api.example.com]
    tls:
      mode: ISTIO_MUTUAL`);
    assert.match(check(before, { messages: true }), /\n {4}tls:\n {4}\^{3} IE236 error: Istio rejects a `tls` block on a server with protocol `HTTP`: .*Change the protocol to `HTTPS`/);
    assert.deepEqual(quickFixTitles(before, 'IE236'), ['Change the protocol to HTTPS', 'Remove the `tls` block']);
    assert.match(applyQuickFix(before, 'IE236'), /protocol: HTTPS}/);
    assert.equal(applyQuickFix(before, 'IE236', 'Remove the `tls` block'), dedent(gateway(`
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [api.example.com]`)));
    const tcp = gateway(`
  - port: {number: 5432, name: tcp, protocol: TCP}
    hosts: [db.example.com]
    tls: {httpsRedirect: true}`);
    assert.deepEqual(mine(tcp), ['IE236', 'IE237']);
    assert.match(applyQuickFix(tcp, 'IE236'), /protocol: TLS}/);
  });

  it('IE237: httpsRedirect on a server that is not HTTP; the fix removes it', () => {
    const before = gateway(`
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]
    tls:
      mode: PASSTHROUGH
      httpsRedirect: true`);
    assert.match(check(before), /httpsRedirect: true\n {6}\^{13} IE237 warning/);
    assert.equal(applyQuickFix(before, 'IE237'), dedent(gateway(`
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]
    tls:
      mode: PASSTHROUGH`)));
  });

  it('IE238: certificate fields next to ISTIO_MUTUAL; the fix removes each', () => {
    const before = gateway(`
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: ISTIO_MUTUAL
      credentialName: api-cert # left over
      caCertificates: /etc/certs/ca.pem`);
    assert.equal(
      check(before),
      dedent(before.replace('# left over\n', '# left over\n      ^^^^^^^^^^^^^^ IE238 error\n').replace('ca.pem\n', 'ca.pem\n      ^^^^^^^^^^^^^^ IE238 error\n')),
    );
    assert.equal(applyQuickFix(before, 'IE238'), dedent(before.replace('      caCertificates: /etc/certs/ca.pem\n', '')));
  });

  it('IE239: certificates next to a passthrough mode are ignored; without a mode the fix terminates TLS', () => {
    const explicit = gateway(`
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [api.example.com]
    tls: {mode: PASSTHROUGH, credentialName: api-cert}`);
    assert.match(check(explicit, { messages: true }), /IE239 warning: `PASSTHROUGH` forwards the encrypted stream untouched, so `credentialName` is ignored \(Istio warns\)\. Remove it, or choose a terminating mode such as `SIMPLE`\./);
    assert.equal(applyQuickFix(explicit, 'IE239'), dedent(gateway(TLS_PASSTHROUGH)));
    const implicit = gateway(`
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      credentialName: api-cert`);
    assert.deepEqual(quickFixTitles(implicit, 'IE239'), ['Terminate TLS here: set `mode: SIMPLE`', 'Remove `credentialName`']);
    assert.equal(applyQuickFix(implicit, 'IE239'), dedent(`${implicit}      mode: SIMPLE\n`).replace('api-cert\n\n', 'api-cert\n'));
    assert.equal(applyQuickFix(implicit, 'IE239', 'Remove `credentialName`'), dedent(implicit.replace('credentialName: api-cert', 'mode: PASSTHROUGH')));
  });

  it('IE240–IE243: certificate sources for SIMPLE and MUTUAL', () => {
    const before = gateway(`
  - port: {number: 443, name: a, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: SIMPLE
      serverCertificate: /etc/certs/cert.pem
      privateKey: /etc/certs/key.pem
      credentialName: api-cert
  - port: {number: 444, name: b, protocol: HTTPS}
    hosts: [api.example.com]
    tls: {mode: SIMPLE}
  - port: {number: 445, name: c, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: MUTUAL
      serverCertificate: /etc/certs/cert.pem
      tlsCertificates:
      - privateKey: /etc/certs/ec-key.pem`);
    assert.equal(
      check(before),
      dedent(
        before
          .replace('      serverCertificate: /etc/certs/cert.pem\n      privateKey', '      serverCertificate: /etc/certs/cert.pem\n      ^^^^^^^^^^^^^^^^^ IE240 error\n      privateKey')
          .replace('tls: {mode: SIMPLE}\n', 'tls: {mode: SIMPLE}\n                ^^^^^^ IE241 error\n')
          .replace('      mode: MUTUAL\n', '      mode: MUTUAL\n            ^^^^^^ IE243 error\n')
          .replace('ec-key.pem\n', 'ec-key.pem\n        ^^^^^^^^^^ IE242 error\n'),
      ),
    );
    const good = gateway(`
  - port: {number: 443, name: a, protocol: HTTPS}
    hosts: [api.example.com]
    tls: {mode: SIMPLE, serverCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem}
  - port: {number: 444, name: b, protocol: HTTPS}
    hosts: [api.example.com]
    tls: {mode: MUTUAL, credentialName: api-cert}
  - port: {number: 445, name: c, protocol: HTTPS}
    hosts: [api.example.com]
    tls: {mode: OPTIONAL_MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem, caCertificates: /ca.pem}`);
    assert.deepEqual(mine(good), []);
    assert.match(check(gateway(TLS_PASSTHROUGH.replace('{mode: PASSTHROUGH}', '{mode: SIMPLE, privateKey: /k.pem}'))), /\^{10} IE242 error/);
  });

  it('IE244: caCrl with SIMPLE or next to credentialName; the fix removes it', () => {
    const before = gateway(`
  - port: {number: 443, name: a, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: SIMPLE
      serverCertificate: /etc/certs/cert.pem
      privateKey: /etc/certs/key.pem
      caCrl: /etc/certs/crl.pem`);
    assert.match(check(before), /caCrl: \/etc\/certs\/crl\.pem\n {6}\^{5} IE244 error/);
    assert.equal(applyQuickFix(before, 'IE244'), dedent(before.replace('      caCrl: /etc/certs/crl.pem\n', '')));
    // Istio stops checking once a terminating mode has a credential; MUTUAL with files may use a CRL.
    const accepted = gateway(`
  - port: {number: 443, name: a, protocol: HTTPS}
    hosts: [api.example.com]
    tls: {mode: MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem, caCertificates: /ca.pem, caCrl: /crl.pem}`);
    assert.deepEqual(mine(accepted), []);
  });

  it('IE245/IE246: old TLS versions need ciphers; unknown and repeated ciphers are dropped', () => {
    const before = gateway(`
  - port: {number: 443, name: a, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: ISTIO_MUTUAL
      minProtocolVersion: TLSV1_1
  - port: {number: 444, name: b, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: ISTIO_MUTUAL
      cipherSuites: [ECDHE-RSA-AES128-GCM-SHA25, AES128-SHA, AES128-SHA]`);
    assert.equal(
      check(before),
      dedent(
        before
          .replace('TLSV1_1\n', 'TLSV1_1\n                          ^^^^^^^ IE245 warning\n')
          .replace('AES128-SHA]\n', 'AES128-SHA]\n                     ^^^^^^^^^^^^^^^^^^^^^^^^^^ IE246 warning\n                                                             ^^^^^^^^^^ IE246 warning\n'),
      ),
    );
    assert.match(applyQuickFix(before, 'IE245'), /minProtocolVersion: TLSV1_2\n/);
    assert.match(applyQuickFix(before, 'IE246'), /cipherSuites: \[ECDHE-RSA-AES128-GCM-SHA256, AES128-SHA, AES128-SHA\]/);
  });

  it('IE247: `selector: {}` selects every gateway; the fix names the egress gateway', () => {
    const before = gateway(TLS_PASSTHROUGH).replace('selector: {istio: egressgateway}', 'selector: {}');
    assert.match(check(before, { messages: true }), /selector: {}\n {12}\^\^ IE247 warning: An empty selector counts as no selector: these servers open on every gateway workload/);
    assert.deepEqual(quickFixTitles(before, 'IE247'), ["Change to '{istio: egressgateway}'", "Change to '{istio: ingressgateway}'", "Change to '{istio: eastwestgateway}'"]);
    assert.equal(applyQuickFix(before, 'IE247'), dedent(gateway(TLS_PASSTHROUGH)));
  });

  it('IE248: a server with an empty hosts list', () => {
    assert.match(check(gateway(TLS_PASSTHROUGH.replace('[api.example.com]', '[]'))), /hosts: \[\]\n {4}\^{5} IE248 error/);
  });
});
