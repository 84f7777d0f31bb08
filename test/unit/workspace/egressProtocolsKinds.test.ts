// Route types against protocols (IE420–IE422), what the mesh side sends against the Gateway
// server (IE417), and SNI names between the two halves (IE423), on the TLS passthrough pattern
// of Istio's docs; the unbroken pattern is the passing case.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';

const OURS = /^IE4(1[5-9]|2\d)$/;

function egressCodes(source: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source))) {
    const ours = codes.filter((code) => OURS.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

interface Passthrough {
  seProtocol?: string;
  server?: string;
  list?: string;
  meshSni?: string;
  gatewaySni?: string;
  hosts?: string;
  meshDest?: number;
}

const passthrough = ({
  seProtocol = 'TLS',
  server = '{number: 443, name: tls, protocol: TLS}\n    tls:\n      mode: PASSTHROUGH',
  list = 'tls',
  meshSni = '\n      sniHosts:\n      - api.github.com',
  gatewaySni = '\n      sniHosts:\n      - api.github.com',
  hosts = '[api.github.com]',
  meshDest = 443,
}: Passthrough = {}) => `
#- /egress/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: github
  namespace: shop
spec:
  hosts: ${hosts}
  ports:
  - number: 443
    name: tls
    protocol: ${seProtocol}
  resolution: DNS
#- /egress/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: shop
spec:
  selector: {istio: egressgateway}
  servers:
  - port: ${server}
    hosts: ${hosts}
#- /egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-github
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: github
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: github
  namespace: shop
spec:
  hosts: ${hosts}
  gateways: [mesh, egress]
  ${list}:
  - match:
    - gateways: [mesh]
      port: 443${meshSni}
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: github
        port:
          number: ${meshDest}
  - match:
    - gateways: [egress]
      port: 443${gatewaySni}
    route:
    - destination:
        host: api.github.com
        port:
          number: 443
`;

describe('egress chain protocols and route types', () => {
  it('the documented TLS passthrough chain is clean', () => {
    assert.deepEqual(egressCodes(passthrough()), {});
  });

  it('IE421 passing: sidecars also read `tcp` rules for a TLS port (after the SNI-matched `tls` ones)', () => {
    const tcp = passthrough({ list: 'tcp', meshSni: '', gatewaySni: '', server: '{number: 443, name: tcp, protocol: TCP}' });
    assert.deepEqual(egressCodes(tcp), {});
  });

  it('IE421: `http` rules for a TLS port and a passthrough server, flagged once on the list key; fix makes them `tls` with sniHosts', () => {
    const broken = passthrough({ list: 'http', meshSni: '', gatewaySni: '' });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(
      rendered,
      /\n {2}http:\n {2}\^{4} IE421 error: Rules under `http` that never apply: the rule at http\[0\] takes port 443 of `api.github.com`, which ServiceEntry shop\/github declares as TLS; sidecars route TLS ports with `tls` rules \(matching `sniHosts`\) and `tcp` rules only, so this traffic goes straight to the host instead of through the egress gateway; the rule at http\[1\] is for the 443 \(TLS PASSTHROUGH\) server of Gateway shop\/egress, which only `tls` rules reach, so the gateway drops this traffic\. Write these rules under `tls:` with `sniHosts` naming the host, or correct the port protocol in the ServiceEntry\./,
    );
    assert.match(rendered, /IE421 → \/egress\/se.yaml:11:15 ServiceEntry shop\/github: port 443 is TLS/);
    assert.match(rendered, /IE421 → \/egress\/gateway.yaml:9:20 Gateway shop\/egress: server 443 \(TLS PASSTHROUGH\)/);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE421'] });
    const fixed = applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE421');
    assert.equal(fixed, dedent(passthrough()));
  });

  it('IE421 fix: a `tls` list for an HTTP port loses its sniHosts when it becomes `http` (flow and block styles)', () => {
    const source = passthrough({ seProtocol: 'HTTP', server: '{number: 443, name: http, protocol: HTTP}', meshSni: '\n      sniHosts: [api.github.com]' });
    assert.deepEqual(egressCodes(source), { '/egress/vs.yaml': ['IE421'] });
    const fixed = applyWorkspaceFix(source, '/egress/vs.yaml', 'IE421', /Make these `http` rules/);
    assert.equal(fixed, dedent(passthrough({ seProtocol: 'HTTP', server: '{number: 443, name: http, protocol: HTTP}', list: 'http', meshSni: '', gatewaySni: '' })));
  });

  it('IE421: only the ServiceEntry disagrees (HTTP port, `tls` rules): the HTTP listener cannot parse TLS; the fix declares its port TLS', () => {
    const broken = passthrough({ seProtocol: 'HTTPS2' }).replace('protocol: HTTPS2', 'protocol: HTTP');
    assert.match(
      diagnoseWorkspace(broken, { messages: true, codes: OURS }),
      /\n {2}tls:\n {2}\^{3} IE421 error: Rules under `tls` that never apply: the rule at tls\[0\] takes port 443 of `api.github.com`, which ServiceEntry shop\/github declares as HTTP; with the port declared HTTP, the sidecar runs an HTTP listener for it, which ignores `tls` rules and cannot parse the TLS handshake, so the connection fails\. Declare the port `protocol: TLS` \(or HTTPS\) in the ServiceEntry; if the application sends plain HTTP, write the rule under `http:` instead\./,
    );
    const { actions } = workspaceFixes(broken, '/egress/vs.yaml', 'IE421');
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Declare port 443 of ServiceEntry shop/github as TLS'],
    );
    assert.equal(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE421'), dedent(passthrough()));
  });

  it('IE421 fix: a port named after the old protocol is renamed with it (`http` → `tls`, `http-443` → `tls-443`), so IE228 stays quiet', () => {
    for (const [name, renamed] of [['http', 'tls'], ['http-443', 'tls-443'], ['HTTP', 'tls']]) {
      const named = (protocol: string, portName: string) => passthrough({ seProtocol: 'X' }).replace('    name: tls\n    protocol: X\n', `    name: ${portName}\n    protocol: ${protocol}\n`);
      const broken = named('HTTP', name);
      const { actions } = workspaceFixes(broken, '/egress/vs.yaml', 'IE421');
      assert.deepEqual(actions.map((action) => action.title), [`Declare port 443 of ServiceEntry shop/github as TLS named ${renamed}`]);
      const fixed = applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE421');
      assert.equal(fixed, dedent(named('TLS', renamed)));
      assert.deepEqual(workspaceCodes(fixed), {});
    }
    // A name that does not announce the old protocol stays.
    const plain = passthrough({ seProtocol: 'X' }).replace('    name: tls\n    protocol: X\n', '    name: github\n    protocol: HTTP\n');
    assert.match(applyWorkspaceFix(plain, '/egress/vs.yaml', 'IE421'), /- number: 443\n {4}name: github\n {4}protocol: TLS\n/);
  });

  it('IE421 fix: with both a list rename and a port fix on offer, `tls` rules on an HTTP port prefer the port fix', () => {
    const split = passthrough({ seProtocol: 'HTTP' })
      .replace(/ {2}- match:\n {4}- gateways: \[egress\][\s\S]*$/, '')
      .replace('  gateways: [mesh, egress]\n', '')
      .concat(`---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: github-egress
  namespace: shop
spec:
  hosts: [api.github.com]
  gateways: [egress]
  tls:
  - match:
    - gateways: [egress]
      port: 443
      sniHosts:
      - api.github.com
    route:
    - destination:
        host: api.github.com
        port:
          number: 443
`);
    assert.deepEqual(egressCodes(split), { '/egress/vs.yaml': ['IE421'] });
    const { actions } = workspaceFixes(split, '/egress/vs.yaml', 'IE421');
    assert.deepEqual(
      actions.map((action) => [action.title, !!action.isPreferred]),
      [
        ['Declare port 443 of ServiceEntry shop/github as TLS', true],
        ['Make these `http` rules', false],
      ],
    );
  });

  it('IE422: the gateway-side rule does not suit a plain HTTP server (and IE417 stays quiet about the same server)', () => {
    const broken = passthrough({ server: '{number: 443, name: http, protocol: HTTP}' });
    const rendered = diagnoseWorkspace(broken, { messages: true, codes: OURS });
    assert.match(rendered, /\n {2}tls:\n {2}\^{3} IE422 error: Rules under `tls` that never apply: the rule at tls\[1\] is for the 443 \(HTTP\) server of Gateway shop\/egress, which only `http` rules reach, so the gateway drops this traffic\. Write the rule under `http:`, or change the server protocol or TLS mode in the Gateway\./);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE422'] });
    // The mesh-side rule is right, so the list cannot be renamed as a whole: no fix.
    assert.deepEqual(workspaceFixes(broken, '/egress/vs.yaml', 'IE422').actions, []);
  });

  it('IE417: the client\'s TLS sent to a plain HTTP server while the passthrough server listens on 443', () => {
    const server = '{number: 443, name: tls, protocol: TLS}\n    tls:\n      mode: PASSTHROUGH\n    hosts: [api.github.com]\n  - port: {number: 80, name: http, protocol: HTTP}';
    const broken = passthrough({ server, meshDest: 80 });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /number: 80\n {18}\^{2} IE417 error: This rule sends the client's TLS to the 80 \(HTTP\) server of Gateway shop\/egress, which expects plain HTTP and cannot parse it\. Send to port 443, where a TLS PASSTHROUGH server listens, or change the server\./);
    assert.match(rendered, /IE417 → \/egress\/gateway.yaml:13:20 Gateway shop\/egress: server 80 \(HTTP\)/);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE417'] });
    assert.equal(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE417'), dedent(passthrough({ server })));
  });

  it('IE423: the mesh side forwards an SNI name no gateway-side rule accepts; fix adds it there', () => {
    const hosts = '[api.github.com, github.com]';
    const broken = passthrough({ hosts, meshSni: '\n      sniHosts:\n      - github.com' });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /- github.com\n {8}\^{10} IE423 error: Sidecars forward TLS for `github.com` to Gateway shop\/egress, but its gateway-side rules accept only `api.github.com` on port 443: the gateway has no filter chain for this SNI and closes the connection\. Add `github.com` to the `sniHosts` of the gateway-side rule\./);
    assert.match(rendered, /IE423 → \/egress\/vs.yaml:\d+:9 The gateway-side rule accepts `api.github.com`/);
    const fixed = applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE423');
    assert.equal(fixed, dedent(passthrough({ hosts, meshSni: '\n      sniHosts:\n      - github.com', gatewaySni: '\n      sniHosts:\n      - api.github.com\n      - github.com' })));
    assert.deepEqual(egressCodes(fixed), {});
  });

  it('IE420: a `tls` rule for a ServiceEntry port without a protocol, flagged on the ServiceEntry; fix declares TLS', () => {
    const broken = passthrough().replace('    name: tls\n    protocol: TLS\n', '    name: tls\n');
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /- number: 443\n {12}\^{3} IE420 error: Port 443 has no protocol, so Istio sniffs it, and a sniffed port never uses `tls` rules: the `tls` rule of VirtualService shop\/github for it is skipped and the traffic goes straight to the host instead of through the egress gateway\. Declare `protocol: TLS`\./);
    assert.match(rendered, /IE420 → \/egress\/vs.yaml:\d+:13 VirtualService shop\/github: the mesh-side `tls` rule/);
    assert.deepEqual(egressCodes(broken), { '/egress/se.yaml': ['IE420'] });
    assert.equal(applyWorkspaceFix(broken, '/egress/se.yaml', 'IE420'), dedent(passthrough()));
    // An `http` rule on a sniffed port works: nothing to say.
    assert.deepEqual(egressCodes(passthrough({ list: 'http', meshSni: '', gatewaySni: '', server: '{number: 443, name: http, protocol: HTTP}' }).replace('    name: tls\n    protocol: TLS\n', '    name: tls\n')), {});
  });
});
