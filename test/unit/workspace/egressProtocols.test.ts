// Ports along the egress chain (IE415–IE419): each test breaks one port of the
// HTTP-through-the-egress-gateway pattern of Istio's docs and checks the report, its related
// locations and its fix; the unbroken pattern is the passing case.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes } from '../../support/workspace';

const OURS = /^IE4(1[5-9]|2\d)$/;

/** Our codes per file (other families' codes are left out). */
function egressCodes(source: string, settings?: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [path, codes] of Object.entries(workspaceCodes(source, settings))) {
    const ours = codes.filter((code) => OURS.test(code));
    if (ours.length) out[path] = ours;
  }
  return out;
}

interface HttpChain {
  meshPort?: number;
  meshDest?: string;
  serverPort?: number;
  gatewayMatch?: number;
  externalDest?: string;
  /** Another server of the Gateway, in flow style. */
  extraServer?: string;
}

const httpChain = ({ meshPort = 80, meshDest = 'port:\n          number: 80', serverPort = 80, gatewayMatch = 80, externalDest = 'port:\n          number: 80', extraServer }: HttpChain = {}) => `
#- /egress/se.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  ports:
  - {number: 80, name: http, protocol: HTTP}
  - {number: 443, name: https, protocol: HTTPS}
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
  - port: {number: ${serverPort}, name: http, protocol: HTTP}
    hosts: [httpbin.org]${extraServer ? `\n  - ${extraServer}` : ''}
#- /egress/vs.yaml
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-httpbin
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: httpbin
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
  namespace: shop
spec:
  hosts: [httpbin.org]
  gateways: [mesh, egress]
  http:
  - match:
    - gateways: [mesh]
      port: ${meshPort}
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: httpbin
        ${meshDest}
  - match:
    - gateways: [egress]
      port: ${gatewayMatch}
    route:
    - destination:
        host: httpbin.org
        ${externalDest}
`;

const vsOf = (fixture: string) => fixture.split('#- /egress/vs.yaml\n')[1];

describe('egress chain ports', () => {
  it('the documented HTTP chain is clean, with a container port as Gateway server port too', () => {
    assert.deepEqual(egressCodes(httpChain()), {});
    // Istio (and istioctl) accept the gateway's container port (8080 behind Service port 80) as the server port.
    assert.deepEqual(egressCodes(httpChain({ serverPort: 8080, gatewayMatch: 8080 })), {});
  });

  it('IE415: the mesh rule matches a port the ServiceEntry does not declare; fix offers the declared ports', () => {
    const broken = httpChain({ meshPort: 8080 });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /\n {6}port: 8080\n {12}\^{4} IE415 error: Port 8080 is not a port of the ServiceEntry for `httpbin.org` \(it declares 80 \(HTTP\), 443 \(HTTPS\)\)\. Sidecars open no listener/);
    assert.match(rendered, /IE415 → \/egress\/se.yaml:4:9 ServiceEntry shop\/httpbin declares ports 80 \(HTTP\), 443 \(HTTPS\)/);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE415'] });
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE415')), vsOf(dedent(httpChain())));
  });

  it('IE416: the mesh rule sends to a container port the gateway Service does not expose; the Service port comes first', () => {
    const broken = httpChain({ meshDest: 'port:\n          number: 8080' });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /number: 8080\n {18}\^{4} IE416 error: The egress gateway Service `istio-egressgateway.istio-system` exposes 80 \(http2\), 443 \(https\), 15443 \(tls\), not 8080: sidecars find no endpoint for this destination and answer 503\. 8080 is the container port behind Service port 80; a destination names the Service port\. Send to 80\./);
    assert.match(rendered, /IE416 → \/egress\/gateway.yaml:4:9 Gateway shop\/egress has servers on 80 \(HTTP\)/);
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE416')), vsOf(dedent(httpChain())));
  });

  it('IE416: the mesh rule sends to a Service port where no server of the bound Gateway listens', () => {
    const broken = httpChain({ meshDest: 'port:\n          number: 443' });
    const rendered = diagnoseWorkspace(broken, { messages: true, codes: OURS });
    assert.match(rendered, /number: 443\n {18}\^{3} IE416 error: No server of Gateway shop\/egress listens on port 443 \(or its container port 8443\): the egress gateway has no listener for this traffic and the connection fails\. Send to 80, where a server listens, or add a server on port 443 to the Gateway\./);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE416'] });
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE416')), vsOf(dedent(httpChain())));
  });

  it('IE416: without a destination port the sidecar keeps the matched port; the host is flagged, with no fix', () => {
    assert.deepEqual(egressCodes(httpChain({ meshDest: '' })), {});
    const rendered = diagnoseWorkspace(httpChain({ meshPort: 443, meshDest: '' }), { messages: true, codes: /IE416/ });
    assert.match(rendered, /host: istio-egressgateway.istio-system.svc.cluster.local\n {14}\^+ IE416 error: No server of Gateway shop\/egress listens on port 443 \(or its container port 8443\) \(no port is written, so the sidecar keeps the port it matched, 443\)/);
  });

  it('IE418: the gateway rule matches a port no server of its Gateway listens on', () => {
    const broken = httpChain({ gatewayMatch: 81 });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /port: 81\n {12}\^{2} IE418 error: No server of Gateway shop\/egress listens on port 81 \(its servers: 80 \(HTTP\)\): this rule never applies at the gateway\. Match 80\./);
    assert.match(rendered, /IE418 → \/egress\/gateway.yaml:4:9 Gateway shop\/egress/);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE418'] });
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE418')), vsOf(dedent(httpChain())));
  });

  it('IE419: the gateway rule matches another server than the one mesh traffic arrives at', () => {
    const extraServer = '{port: {number: 8000, name: http-alt, protocol: HTTP}, hosts: [httpbin.org]}';
    const broken = httpChain({ extraServer, gatewayMatch: 8000 });
    const rendered = diagnoseWorkspace(broken, { messages: true, related: true, codes: OURS });
    assert.match(rendered, /port: 8000\n {12}\^{4} IE419 error: Mesh traffic reaches Gateway shop\/egress on port 80, but this rule matches port 8000 and no rule of this VirtualService handles 80 there: the gateway drops that traffic\. Match port 80\./);
    assert.match(rendered, /IE419 → \/egress\/vs.yaml:28:19 The mesh-side rule sends to port 80/);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE419'] });
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE419')), vsOf(dedent(httpChain({ extraServer }))));
    // Both servers handled: nothing to say.
    assert.deepEqual(egressCodes(httpChain({ extraServer })), {});
  });

  it('IE417: plain HTTP sent to a TLS passthrough server while an HTTP server listens on 80 (and IE419 does not chase it)', () => {
    const extraServer = '{port: {number: 443, name: tls, protocol: TLS}, hosts: [httpbin.org], tls: {mode: PASSTHROUGH}}';
    const broken = httpChain({ extraServer, meshDest: 'port:\n          number: 443' });
    const rendered = diagnoseWorkspace(broken, { messages: true, codes: OURS });
    assert.match(rendered, /number: 443\n {18}\^{3} IE417 error: This rule sends plain HTTP to the 443 \(TLS PASSTHROUGH\) server of Gateway shop\/egress, which routes on the SNI of a TLS handshake: plain HTTP has none, so the gateway drops it\. Send to port 80, where an HTTP server listens, or change the server\./);
    assert.deepEqual(egressCodes(broken), { '/egress/vs.yaml': ['IE417'] });
    assert.equal(vsOf(applyWorkspaceFix(broken, '/egress/vs.yaml', 'IE417')), vsOf(dedent(httpChain({ extraServer }))));
  });
});
