import { strict as assert } from 'node:assert';
import { fixture } from '../../support/fixture';
import { renderDiagnostics } from '../../support/render';
import { applyQuickFix, codes, dedent, newService, quickFixTitles } from '../../support/service';

/** The document with carets under the Sidecar family's findings (and the server TLS ones it shares). */
function check(source: string, options: { messages?: boolean; settings?: unknown } = {}): string {
  const file = fixture(source);
  const diagnostics = newService(options.settings).doValidation(file.document).filter((d) => /^IE(29\d|23[89]|24\d)$/.test(String(d.code)));
  return renderDiagnostics(file.text, diagnostics, options);
}

const mine = (source: string) => codes(source).filter((code) => /^IE(29\d|23[89]|24\d)$/.test(code));

const sidecar = (spec: string, namespace = 'shop') => `
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: ${namespace}
spec:
${spec.replace(/^\n/, '').replace(/\n$/, '')}
`;

describe('sidecar rules', () => {
  it('passes the documented shapes: REGISTRY_ONLY namespace, trimmed egress, Unix socket and ingress listeners', () => {
    const spec = `
  workloadSelector:
    labels: {app: ratings}
  ingress:
  - port: {number: 9080, protocol: HTTP, name: http}
    defaultEndpoint: 127.0.0.1:8080
    connectionPool: {http: {http1MaxPendingRequests: 10}}
  - port: {number: 9443, protocol: HTTPS, name: https}
    defaultEndpoint: "[::1]:8443"
    tls: {mode: SIMPLE, serverCertificate: /etc/certs/cert.pem, privateKey: /etc/certs/key.pem}
  - port: {number: 9090, protocol: TCP, name: tcp}
    defaultEndpoint: unix:///var/run/app.sock
  egress:
  - port: {number: 0, protocol: HTTP}
    bind: unix:///var/run/egress.sock
    captureMode: NONE
    hosts: [istio-system/*]
  - port: {number: 3306, protocol: MYSQL, name: mysql}
    bind: 127.0.0.1
    hosts: ["*/mysql.example.com"]
  - hosts: [./*, istio-system/*]
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY`;
    assert.deepEqual(mine(sidecar(spec)), []);
    assert.deepEqual(mine(sidecar('  outboundTrafficPolicy: {mode: ALLOW_ANY}', 'istio-system')), []);
  });

  it('IE290: a Sidecar that configures nothing', () => {
    const before = sidecar('  workloadSelector:\n    labels: {app: ratings}\n  egress: []');
    assert.match(check(before, { messages: true }), /^spec:\n\^{4} IE290 error: This Sidecar configures nothing, and Istio rejects it/m);
    assert.deepEqual(mine(sidecar('  inboundConnectionPool: {tcp: {maxConnections: 100}}')), []);
  });

  it('IE291: a workloadSelector without labels, or on the root-namespace Sidecar', () => {
    assert.equal(
      check(sidecar('  workloadSelector: {}\n  outboundTrafficPolicy: {mode: ALLOW_ANY}')),
      dedent(sidecar('  workloadSelector: {}\n  ^^^^^^^^^^^^^^^^ IE291 warning\n  outboundTrafficPolicy: {mode: ALLOW_ANY}')),
    );
    const root = sidecar('  workloadSelector:\n    labels: {app: ratings}\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'istio-system');
    assert.match(check(root, { messages: true }), /IE291 warning: In the root namespace `istio-system`, only a Sidecar without workloadSelector is the mesh-wide default/);
    assert.match(check(sidecar('  workloadSelector: {}\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'istio-system'), { messages: true }), /IE291 warning: .*With a selector \(even an empty one\) it is not a default at all/);
    assert.deepEqual(mine(sidecar('  workloadSelector:\n    labels: {app: ratings}\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}')), []);
    assert.deepEqual(mine(sidecar('  workloadSelector:\n  outboundTrafficPolicy: {mode: REGISTRY_ONLY}', 'istio-system')), []);
  });

  it('IE292: outboundTrafficPolicy without a mode; the fixes write REGISTRY_ONLY (what applies) or ALLOW_ANY', () => {
    const flow = sidecar('  outboundTrafficPolicy: {} # lock down');
    assert.match(check(flow, { messages: true }), /IE292 warning: `outboundTrafficPolicy` without `mode` means `REGISTRY_ONLY` \(the zero value\), not the mesh default \(`ALLOW_ANY` here\)/);
    assert.deepEqual(quickFixTitles(flow, 'IE292'), ['Make the mode explicit: REGISTRY_ONLY', 'Make the mode explicit: ALLOW_ANY']);
    assert.equal(applyQuickFix(flow, 'IE292'), dedent(sidecar('  outboundTrafficPolicy: {mode: REGISTRY_ONLY} # lock down')));
    assert.equal(applyQuickFix(flow, 'IE292', 'Make the mode explicit: ALLOW_ANY'), dedent(sidecar('  outboundTrafficPolicy: {mode: ALLOW_ANY} # lock down')));
    const empty = sidecar('  egress:\n  - hosts: [./*]\n  outboundTrafficPolicy:\n    mode:\n  # end');
    assert.equal(applyQuickFix(empty, 'IE292'), dedent(sidecar('  egress:\n  - hosts: [./*]\n  outboundTrafficPolicy:\n    mode: REGISTRY_ONLY\n  # end')));
    // With a REGISTRY_ONLY mesh the block changes nothing: only a reading aid.
    assert.match(check(flow, { settings: { meshOutboundTrafficPolicy: 'REGISTRY_ONLY' } }), /\^{21} IE292 info/);
  });

  it('IE293/IE294: listener ports and sockets are unique; bind and defaultEndpoint forms', () => {
    const before = sidecar(`
  ingress:
  - port: {number: 9080, protocol: HTTP}
    bind: unix:///var/run/in.sock
    defaultEndpoint: 10.1.2.3:8080
  - port: {number: 9080, protocol: HTTP}
    defaultEndpoint: "::1:8080"
  egress:
  - port: {number: 0}
    bind: unix:///var/run/out.sock
    hosts: [./*]
  - port: {number: 0}
    bind: unix:///var/run/out.sock
    hosts: [./*]
  - port: {number: 80}
    bind: localhost
    hosts: [./*]
  - port: {number: 80}
    hosts: [./*]`);
    assert.equal(
      check(before),
      dedent(
        before
          .replace('in.sock\n', 'in.sock\n          ^^^^^^^^^^^^^^^^^^^^^^^ IE294 error\n')
          .replace('10.1.2.3:8080\n', '10.1.2.3:8080\n                     ^^^^^^^^^^^^^ IE294 error\n')
          .replace('  - port: {number: 9080, protocol: HTTP}\n    defaultEndpoint: "::1', '  - port: {number: 9080, protocol: HTTP}\n                   ^^^^ IE293 error\n    defaultEndpoint: "::1')
          .replace('"::1:8080"\n', '"::1:8080"\n                     ^^^^^^^^^^ IE294 error\n')
          .replace(/(out\.sock\n {4}hosts: \[\.\/\*\]\n {2}- port: {number: 0}\n {4}bind: unix:\/\/\/var\/run\/out\.sock\n)/, '$1          ^^^^^^^^^^^^^^^^^^^^^^^^ IE293 error\n')
          .replace('localhost\n', 'localhost\n          ^^^^^^^^^ IE294 error\n')
          .replace(/(hosts: \[\.\/\*\]\n {2}- port: {number: 80}\n)(    hosts)/, '$1                   ^^ IE293 error\n$2'),
      ),
    );
    assert.match(check(before, { messages: true }), /Invalid `defaultEndpoint`: an IPv6 address needs brackets, as in `\[::1\]:8080`/);
  });

  it('IE295: Unix socket listeners need port 0 and captureMode DEFAULT or NONE; the fix picks NONE', () => {
    const before = sidecar(`
  egress:
  - port: {number: 0}
    hosts: [./*]
  - port: {number: 0}
    bind: unix://@egress
    captureMode: IPTABLES
    hosts: [./*]
  - port: {number: 8080}
    bind: unix:///var/run/egress.sock
    hosts: [./*]`);
    assert.equal(
      check(before),
      dedent(
        before
          .replace('  - port: {number: 0}\n    hosts', '  - port: {number: 0}\n                   ^ IE295 error\n    hosts')
          .replace('IPTABLES\n', 'IPTABLES\n                 ^^^^^^^^ IE295 error\n')
          .replace('egress.sock\n', 'egress.sock\n          ^^^^^^^^^^^^^^^^^^^^^^^^^^^ IE295 error\n'),
      ),
    );
    const capture = sidecar('  egress:\n  - port: {number: 0}\n    bind: unix://@egress\n    captureMode: IPTABLES\n    hosts: [./*]');
    assert.deepEqual(quickFixTitles(capture, 'IE295'), ["Change to 'NONE'", "Change to 'DEFAULT'"]);
    assert.equal(applyQuickFix(capture, 'IE295'), dedent(capture.replace('IPTABLES', 'NONE')));
  });

  it('IE296: TLS on ingress listeners only for HTTPS/TLS ports and without mesh-only settings; fixes', () => {
    const before = sidecar(`
  ingress:
  - port: {number: 9080, protocol: HTTP}
    tls:
      mode: SIMPLE
      credentialName: ratings-cert
      httpsRedirect: true
  - port: {number: 9443, protocol: TLS}
    tls: {mode: ISTIO_MUTUAL}`);
    assert.equal(
      check(before),
      dedent(
        before
          .replace('    tls:\n      mode: SIMPLE', '    tls:\n    ^^^ IE296 error\n      mode: SIMPLE')
          .replace('ratings-cert\n', 'ratings-cert\n      ^^^^^^^^^^^^^^ IE296 error\n')
          .replace('httpsRedirect: true\n', 'httpsRedirect: true\n      ^^^^^^^^^^^^^ IE296 error\n')
          .replace('ISTIO_MUTUAL}\n', 'ISTIO_MUTUAL}\n                ^^^^^^^^^^^^ IE296 error\n'),
      ),
    );
    assert.deepEqual(quickFixTitles(before, 'IE296'), ['Change the protocol to HTTPS', 'Remove the `tls` block']);
    assert.match(applyQuickFix(before, 'IE296'), /port: {number: 9080, protocol: HTTPS}/);
  });

  it('IE296 fix removes an unsupported field; the shared server TLS rules apply to ingress TLS too', () => {
    const before = sidecar(`
  ingress:
  - port: {number: 9443, protocol: HTTPS}
    tls:
      mode: SIMPLE
      subjectAltNames: [spiffe://cluster.local/ns/shop/sa/web]
      serverCertificate: /etc/certs/cert.pem`);
    assert.deepEqual(mine(before), ['IE296', 'IE242']);
    const mesh = sidecar('  ingress:\n  - port: {number: 9443, protocol: TLS}\n    tls: {mode: AUTO_PASSTHROUGH, serverCertificate: /c.pem, privateKey: /k.pem}');
    assert.deepEqual(quickFixTitles(mesh, 'IE296'), ["Change to 'SIMPLE'", "Change to 'MUTUAL'"]);
    assert.equal(applyQuickFix(mesh, 'IE296'), dedent(mesh.replace('AUTO_PASSTHROUGH', 'SIMPLE')));
    assert.equal(applyQuickFix(before, 'IE296'), dedent(before.replace('      subjectAltNames: [spiffe://cluster.local/ns/shop/sa/web]\n', '')));
  });

  it('IE297: HTTP pool settings on a port that is not HTTP', () => {
    const before = sidecar(`
  ingress:
  - port: {number: 9090, protocol: TCP}
    connectionPool:
      tcp: {maxConnections: 100}
      http: {http1MaxPendingRequests: 10}`);
    assert.match(check(before), /http: {http1MaxPendingRequests: 10}\n {6}\^{4} IE297 warning/);
  });

  it('IE298: a port-less egress listener only in last place; every listener with hosts', () => {
    const before = sidecar(`
  egress:
  - hosts: [./*]
  - port: {number: 80, protocol: HTTP}
    hosts: []
  - hosts: [istio-system/*]`);
    assert.equal(
      check(before),
      dedent(before.replace('  - hosts: [./*]\n', '  - hosts: [./*]\n    ^^^^^^^^^^^^ IE298 error\n').replace('hosts: []\n', 'hosts: []\n    ^^^^^ IE298 error\n')),
    );
    assert.match(check(before, { messages: true }), /IE298 error: An egress listener without `port` catches everything the other listeners do not, so Istio accepts only one, as the last in the list/);
  });

  it('IE299: egressProxy needs ALLOW_ANY and a port, takes no wildcard, and is reported as deprecated when valid', () => {
    const proxy = (mode: string, host: string, port = '\n      port: {number: 3128}') => sidecar(`
  outboundTrafficPolicy:
    mode: ${mode}
    egressProxy:
      host: ${host}${port}`);
    assert.match(check(proxy('REGISTRY_ONLY', 'squid.proxy.svc.cluster.local'), { messages: true }), /egressProxy:\n {4}\^{11} IE299 error: `egressProxy` forwards traffic for unknown hosts, which only get through with `mode: ALLOW_ANY`/);
    assert.equal(
      check(proxy('ALLOW_ANY', '"*.proxy.svc.cluster.local"', '')),
      dedent(proxy('ALLOW_ANY', '"*.proxy.svc.cluster.local"', '').replace('    egressProxy:\n', '    egressProxy:\n    ^^^^^^^^^^^ IE299 error\n').replace('local"\n', 'local"\n            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ IE299 error\n')),
    );
    assert.match(check(proxy('ALLOW_ANY', 'squid.proxy.svc.cluster.local'), { messages: true }), /\^{11} IE299 warning: `egressProxy` is an undocumented field; `istioctl analyze` reports it as deprecated and ignored \(IST0002\)/);
  });
});
