// TLS along the egress chain (IE424–IE429): Istio mutual TLS from the sidecars to the gateway
// and TLS origination at the gateway, in the shapes of Istio's docs; each test breaks one
// setting. The unbroken patterns are the passing cases.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, loadWorkspace, workspaceCodes } from '../../support/workspace';

const OURS = /^IE4(1[5-9]|2\d)$/;

function egressCodes(source: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source))) {
    const ours = codes.filter((code) => OURS.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

const SE = `
#- /egress/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: vault
  namespace: apps
spec:
  hosts:
  - vault.corp.example
  ports:
  - number: 80
    name: http
    protocol: HTTP
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
`;

const VS = (gatewayPort: number) => `
#- /egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vault
  namespace: apps
spec:
  hosts:
  - vault.corp.example
  gateways:
  - egress
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: vault
        port:
          number: ${gatewayPort}
  - match:
    - gateways:
      - egress
      port: ${gatewayPort}
    route:
    - destination:
        host: vault.corp.example
        port:
          number: 443
`;

const gateway = (port: number, protocol: string, tls = '') => `
#- /egress/gateway.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress
  namespace: apps
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: ${port}
      name: ${protocol.toLowerCase()}
      protocol: ${protocol}
    hosts:
    - vault.corp.example${tls}
`;

const MTLS_SERVER = '\n    tls:\n      mode: ISTIO_MUTUAL';

const gatewayLeg = (subsetPolicy: string) => `
#- /egress/dr-gateway.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-vault
  namespace: apps
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: vault${subsetPolicy}
`;

const MTLS_SUBSET = (tls: string) => `
    trafficPolicy:
      portLevelSettings:
      - port:
          number: 443
        tls:${tls}`;

const originate = (tls: string) => `
#- /egress/dr-vault.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: originate-tls-for-vault
  namespace: apps
spec:
  host: vault.corp.example
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:${tls}
`;

const SIMPLE = '\n        mode: SIMPLE';
const MUTUAL_LEG = '\n          mode: ISTIO_MUTUAL\n          sni: vault.corp.example';

/** Istio mutual TLS to the gateway on 443, then TLS origination to vault.corp.example:443. */
const mtlsChain = (leg = MTLS_SUBSET(MUTUAL_LEG), origination = SIMPLE) => SE + gateway(443, 'HTTPS', MTLS_SERVER) + gatewayLeg(leg) + VS(443) + originate(origination);
/** Plain HTTP to the gateway on 80, then TLS origination to vault.corp.example:443. */
const originationChain = (origination: string | null = SIMPLE) => SE + gateway(80, 'HTTP') + gatewayLeg('') + VS(80) + (origination === null ? '' : originate(origination));

describe('egress chain TLS', () => {
  it('the documented mutual-TLS-to-gateway and TLS origination chains are clean', () => {
    assert.deepEqual(egressCodes(mtlsChain()), {});
    assert.deepEqual(egressCodes(originationChain()), {});
    // Without `sni`, SIMPLE origination takes the SNI from the request's Host: fine.
    assert.deepEqual(egressCodes(originationChain('\n        mode: MUTUAL\n        credentialName: vault-client')), {});
  });

  it('IE424: the SNI of the Istio mTLS leg is not a host of the gateway server; fix puts the host', () => {
    const broken = mtlsChain(MTLS_SUBSET('\n          mode: ISTIO_MUTUAL\n          sni: vault.corp.exmple'));
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /sni: vault.corp.exmple\n {15}\^{17} IE424 error: SNI `vault.corp.exmple` is not a host of the 443 \(HTTPS ISTIO_MUTUAL\) server of Gateway apps\/egress \(vault.corp.example\): the gateway has no filter chain for it and closes the connection\. Set `sni` to the external host, `vault.corp.example`\./);
    assert.match(rendered, /IE424 → \/egress\/gateway.yaml:17:13 Gateway apps\/egress: server 443 \(HTTPS ISTIO_MUTUAL\)/);
    assert.match(rendered, /IE424 → \/egress\/vs.yaml:22:19 VirtualService apps\/vault sends to the egress gateway on port 443/);
    assert.deepEqual(egressCodes(broken), { '/egress/dr-gateway.yaml': ['IE424'] });
    assert.equal(applyWorkspaceFix(broken, '/egress/dr-gateway.yaml', 'IE424'), dedent(mtlsChain()));
  });

  it('IE424: ISTIO_MUTUAL without `sni` sends a made-up SNI; fix adds the host', () => {
    const broken = mtlsChain(MTLS_SUBSET('\n          mode: ISTIO_MUTUAL'));
    const rendered = diagnoseWorkspace(broken, { messages: true, codes: OURS });
    assert.match(rendered, /mode: ISTIO_MUTUAL\n {16}\^{12} IE424 error: Without `sni`, sidecars send the SNI Istio makes up for the cluster \(`outbound_.443_.vault_.istio-egressgateway...`\)/);
    assert.equal(applyWorkspaceFix(broken, '/egress/dr-gateway.yaml', 'IE424'), dedent(mtlsChain()));
    // A server for any host (`*`) takes any SNI.
    assert.deepEqual(egressCodes(broken.replace('    hosts:\n    - vault.corp.example\n    tls:', '    hosts:\n    - "*"\n    tls:')), {});
  });

  it('IE425: TLS origination with another SNI than the host is a warning; fix puts the host', () => {
    const broken = originationChain('\n        mode: SIMPLE\n        sni: vault.example');
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /sni: vault.example\n {13}\^{13} IE425 warning: The egress gateway originates TLS to `vault.corp.example` with SNI `vault.example`/);
    assert.match(rendered, /IE425 → \/egress\/vs.yaml:31:19 VirtualService apps\/vault: the gateway-side rule sends to vault.corp.example:443/);
    assert.equal(applyWorkspaceFix(broken, '/egress/dr-vault.yaml', 'IE425'), dedent(originationChain('\n        mode: SIMPLE\n        sni: vault.corp.example')));
  });

  it('IE426: Istio mTLS towards a plain HTTP server; fix disables it', () => {
    const broken = SE + gateway(443, 'HTTP') + gatewayLeg(MTLS_SUBSET(MUTUAL_LEG)) + VS(443) + originate(SIMPLE);
    const rendered = diagnoseWorkspace(broken, { messages: true, codes: OURS });
    assert.match(rendered, /mode: ISTIO_MUTUAL\n {16}\^{12} IE426 error: `ISTIO_MUTUAL` makes sidecars wrap their traffic to the egress gateway \(port 443\) in TLS, but the 443 \(HTTP\) server of Gateway apps\/egress is plain text: the gateway cannot read TLS and the request fails\./);
    assert.deepEqual(egressCodes(broken), { '/egress/dr-gateway.yaml': ['IE426'] });
    assert.deepEqual(egressCodes(applyWorkspaceFix(broken, '/egress/dr-gateway.yaml', 'IE426')), {});
  });

  it('IE426: Istio mTLS towards a passthrough server wraps TLS for the gateway around the client\'s', () => {
    const broken = SE.replace('protocol: HTTPS', 'protocol: TLS') + gateway(443, 'TLS', '\n    tls:\n      mode: PASSTHROUGH') + gatewayLeg(MTLS_SUBSET(MUTUAL_LEG)) + VS(443).replace('  http:', '  tls:').replace(/port: (80|443)\n {4}route/g, 'port: 443\n      sniHosts: [vault.corp.example]\n    route');
    assert.deepEqual(egressCodes(broken), { '/egress/dr-gateway.yaml': ['IE426'] });
    assert.match(diagnoseWorkspace(broken, { messages: true, codes: OURS }), /IE426 error: `ISTIO_MUTUAL` makes sidecars wrap their traffic to the egress gateway \(port 443\) in TLS, but the 443 \(TLS PASSTHROUGH\) server of Gateway apps\/egress forwards that layer unopened to the external host/);
  });

  it('IE427: the server expects Istio mTLS but the subset sends plain text; fix adds port-level ISTIO_MUTUAL with the SNI', () => {
    const broken = mtlsChain('');
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /- name: vault\n {10}\^{5} IE427 error: The 443 \(HTTPS ISTIO_MUTUAL\) server of Gateway apps\/egress expects Istio mutual TLS \(`tls.mode: ISTIO_MUTUAL`\) on port 443, but nothing makes sidecars use TLS towards the egress gateway \(auto mTLS skips gateway pods: they lack the `security.istio.io\/tlsMode: istio` label\): sidecars send plain text and the gateway resets the connection\./);
    assert.deepEqual(egressCodes(broken), { '/egress/dr-gateway.yaml': ['IE427'] });
    assert.equal(applyWorkspaceFix(broken, '/egress/dr-gateway.yaml', 'IE427'), dedent(mtlsChain()));
    // An explicit DISABLE is flagged on the mode; the fix sets the mode and adds the SNI.
    const disabled = mtlsChain(MTLS_SUBSET('\n          mode: DISABLE'));
    assert.match(diagnoseWorkspace(disabled, { messages: true, codes: OURS }), /mode: DISABLE\n {16}\^{7} IE427 error: .* but the DestinationRule sets `DISABLE` for it: sidecars send plain text/);
    assert.equal(applyWorkspaceFix(disabled, '/egress/dr-gateway.yaml', 'IE427'), dedent(mtlsChain()));
  });

  it('IE427: with no DestinationRule for the gateway at all, the VirtualService is flagged and the fix creates one', () => {
    const broken = SE + gateway(443, 'HTTPS', MTLS_SERVER) + VS(443).replace('        subset: vault\n', '') + originate(SIMPLE);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE427'] });
    const fixed = applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE427');
    assert.match(fixed, /number: 443\n\n?---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: egressgateway-for-mtls\n {2}namespace: apps\nspec:\n {2}host: istio-egressgateway.istio-system.svc.cluster.local\n {2}trafficPolicy:\n {4}portLevelSettings:\n {4}- port:\n {8}number: 443\n {6}tls:\n {8}mode: ISTIO_MUTUAL\n {8}sni: vault.corp.example\n/);
    assert.deepEqual(egressCodes(fixed), {});
  });

  it('IE428: SIMPLE origination on a port the gateway passes TLS through to', () => {
    const tlsVs = VS(443).replace('  http:', '  tls:').replace(/port: (80|443)\n {4}route/g, 'port: 443\n      sniHosts: [vault.corp.example]\n    route');
    const broken = SE.replace('protocol: HTTPS', 'protocol: TLS') + gateway(443, 'TLS', '\n    tls:\n      mode: PASSTHROUGH') + gatewayLeg('') + tlsVs + originate(SIMPLE);
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /mode: SIMPLE\n {14}\^{6} IE428 error: `SIMPLE` originates TLS to vault.corp.example:443, but the egress gateway passes the client's TLS through unopened there/);
    assert.match(rendered, /IE428 → \/egress\/gateway.yaml:\d+:\d+ Gateway apps\/egress/);
    assert.deepEqual(egressCodes(broken), { '/egress/dr-vault.yaml': ['IE428'] });
  });

  it('IE429: plain HTTP to the HTTPS port with no originating DestinationRule; fix creates one after the VirtualService', () => {
    const broken = originationChain(null);
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /number: 443\n {18}\^{3} IE429 error: The egress gateway sends plain HTTP to vault.corp.example:443, which ServiceEntry apps\/vault declares HTTPS, and no DestinationRule originates TLS on that port: the server gets plain text on its TLS port and the request fails\. Originate TLS with `tls.mode: SIMPLE` for port 443 in a DestinationRule for vault.corp.example\./);
    assert.match(rendered, /IE429 → \/egress\/se.yaml:4:9 ServiceEntry apps\/vault: port 443 is HTTPS/);
    const fixed = applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE429');
    assert.match(fixed, /number: 443\n\n?---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n {2}name: originate-tls-for-vault-corp-example\n {2}namespace: apps\nspec:\n {2}host: vault.corp.example\n {2}trafficPolicy:\n {4}portLevelSettings:\n {4}- port:\n {8}number: 443\n {6}tls:\n {8}mode: SIMPLE\n$/);
    assert.deepEqual(egressCodes(fixed), {});
  });

  it('IE429: ISTIO_MUTUAL towards the external host is TLS with mesh certificates the server rejects; fix sets SIMPLE', () => {
    const broken = originationChain('\n        mode: ISTIO_MUTUAL');
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(
      rendered,
      /number: 443\n {18}\^{3} IE429 error: DestinationRule apps\/originate-tls-for-vault makes the egress gateway use `ISTIO_MUTUAL` towards vault.corp.example:443, which ServiceEntry apps\/vault declares HTTPS: that is Istio mutual TLS with the mesh's certificates, which only mesh workloads accept\. The external server's certificate is not issued by the mesh CA, and it would not accept the mesh client certificate, so the handshake fails\. To originate TLS to an external server, use `tls.mode: SIMPLE` for port 443 \(with `sni`, and `credentialName` or `caCertificates` with `subjectAltNames` to verify the server\), or MUTUAL with a client certificate\./,
    );
    assert.doesNotMatch(rendered, /plain/);
    assert.match(rendered, /IE429 → \/egress\/dr-vault.yaml:13:15 DestinationRule apps\/originate-tls-for-vault: ISTIO_MUTUAL/);
    assert.equal(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE429'), dedent(originationChain()));
  });

  it('IE429: a DestinationRule for the host without TLS on that port gets the port-level setting', () => {
    const noTls = SE + gateway(80, 'HTTP') + gatewayLeg('') + VS(80) + originate('\n        mode: DISABLE');
    assert.deepEqual(egressCodes(noTls), { '/egress/vs.yaml': ['IE429'] });
    assert.match(diagnoseWorkspace(noTls, { messages: true, codes: OURS }), /IE429 error: The egress gateway sends plain HTTP to vault.corp.example:443, which ServiceEntry apps\/vault declares HTTPS, and no DestinationRule originates TLS on that port \(DestinationRule apps\/originate-tls-for-vault sets `DISABLE` for it\): the server gets plain text/);
    assert.equal(applyWorkspaceFix(noTls, '/egress/vs.yaml', 'IE429'), dedent(originationChain()));
    const lbOnly = originationChain(SIMPLE).replace('  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: 443\n      tls:\n        mode: SIMPLE\n', '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n');
    assert.deepEqual(egressCodes(lbOnly), { '/egress/vs.yaml': ['IE429'] });
    assert.match(applyWorkspaceFix(lbOnly, '/egress/vs.yaml', 'IE429'), /loadBalancer:\n {6}simple: ROUND_ROBIN\n {4}portLevelSettings:\n {4}- port:\n {8}number: 443\n {6}tls:\n {8}mode: SIMPLE\n$/);
  });

  it('older docs: Istio mTLS to a TLS server that terminates it, then a `tcp` rule onwards, is clean', () => {
    const tlsVs = VS(443)
      .replace('  http:\n  - match:\n    - gateways:\n      - mesh\n      port: 80', '  tls:\n  - match:\n    - gateways:\n      - mesh\n      port: 443\n      sniHosts: [vault.corp.example]')
      .replace('  - match:\n    - gateways:\n      - egress\n      port: 443', 'tcp:\n  - match:\n    - gateways:\n      - egress\n      port: 443'.replace(/^/, '  '));
    const source = SE.replace('protocol: HTTPS', 'protocol: TLS') + gateway(443, 'TLS', MTLS_SERVER) + gatewayLeg(MTLS_SUBSET(MUTUAL_LEG)) + tlsVs;
    assert.match(source, /  tcp:\n  - match:/);
    assert.deepEqual(egressCodes(source), {});
  });

  it('findings on a DestinationRule follow edits to the Gateway and VirtualService they depend on', () => {
    const { service, file } = loadWorkspace(mtlsChain(''));
    const codes = (path: string) => service.fileDiagnostics(file(path).uri).map((d) => String(d.code)).filter((code) => OURS.test(code));
    assert.deepEqual(codes('/egress/dr-gateway.yaml'), ['IE427']);
    // The server becomes plain HTTP: the DestinationRule is fine as it is.
    service.setWorkspaceFile(file('/egress/gateway.yaml').uri, dedent(gateway(443, 'HTTP')).replace(/^#- .*\n/, ''));
    assert.deepEqual(codes('/egress/dr-gateway.yaml'), []);
    service.setWorkspaceFile(file('/egress/gateway.yaml').uri, dedent(gateway(443, 'HTTPS', MTLS_SERVER)).replace(/^#- .*\n/, ''));
    assert.deepEqual(codes('/egress/dr-gateway.yaml'), ['IE427']);
    // The VirtualService stops routing through the gateway on 443.
    service.setWorkspaceFile(file('/egress/vs.yaml').uri, '');
    assert.deepEqual(codes('/egress/dr-gateway.yaml'), []);
  });
});
