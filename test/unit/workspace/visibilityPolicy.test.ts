import { strict as assert } from 'node:assert';
import { applyWorkspaceFix, diagnoseWorkspace, workspaceCodes, workspaceFixes } from '../../support/workspace';
import { REGISTRY_ONLY, visibilityCodes } from './visibility.test';

/** TLS passthrough from shop through the egress gateway; the ServiceEntry lives in `entryNamespace`. */
function passthrough(entryNamespace: string, entryExport: string, sidecar = ''): string {
  return `
#- /platform/serviceentry.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: docs
  namespace: ${entryNamespace}
spec:
  hosts: [docs.example.com]
  ports:
  - {number: 443, name: tls, protocol: TLS}
  resolution: DNS
${entryExport}
#- /shop/chain.yaml
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: egress-docs
  namespace: shop
spec:
  selector: {istio: egressgateway}
  servers:
  - port: {number: 443, name: tls, protocol: TLS}
    hosts: [docs.example.com]
    tls: {mode: PASSTHROUGH}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egress-gateway-for-docs
  namespace: shop
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: docs
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: docs
  namespace: shop
spec:
  hosts: [docs.example.com]
  gateways: [mesh, egress-docs]
  tls:
  - match:
    - {gateways: [mesh], port: 443, sniHosts: [docs.example.com]}
    route:
    - destination: {host: istio-egressgateway.istio-system.svc.cluster.local, subset: docs, port: {number: 443}}
  - match:
    - {gateways: [egress-docs], port: 443, sniHosts: [docs.example.com]}
    route:
    - destination: {host: docs.example.com, port: {number: 443}}
${sidecar}`;
}

const SIDECAR = (hosts: string, mode = 'REGISTRY_ONLY') => `
#- /shop/sidecar.yaml
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
  namespace: shop
spec:
  outboundTrafficPolicy:
    mode: ${mode}
  egress:
  - hosts: ${hosts}
`;

describe('visibility: the client namespace and its outbound traffic policy', () => {
  it('IE342: the chain host has a ServiceEntry, but the client namespace does not see it; REGISTRY_ONLY blocks', () => {
    const source = passthrough('platform', '  exportTo: [istio-system]', SIDECAR('["./*", "istio-system/*"]'));
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /  hosts: \[docs.example.com\]\n {10}\^{16} IE342 error: Workloads in `shop` see no ServiceEntry for `docs.example.com`: `platform\/docs` is not exported to `shop`\. Their sidecars then have no listener that sends this host to the egress gateway, and Sidecar shop\/default sets REGISTRY_ONLY: requests are blocked \(BlackHoleCluster: 502 for HTTP, a reset connection for TLS and TCP\)\. Add `shop` to the ServiceEntry's exportTo, or declare the host in a ServiceEntry in `shop`\./,
    );
    assert.match(rendered, /IE342 → \/platform\/serviceentry.yaml:11:3 ServiceEntry platform\/docs is exported to \[istio-system\]/);
    assert.match(rendered, /IE342 → \/shop\/sidecar.yaml:8:11 Sidecar shop\/default: outbound traffic policy REGISTRY_ONLY/);
    assert.deepEqual(visibilityCodes(source), { '/shop/chain.yaml': ['IE342'] });
  });

  it('IE342: a warning under ALLOW_ANY (the mesh default): traffic is not blocked but bypasses the gateway', () => {
    const rendered = diagnoseWorkspace(passthrough('platform', '  exportTo: [istio-system]'), { messages: true, codes: /IE34/ });
    assert.match(rendered, /IE342 warning: .* and the mesh-wide outbound traffic policy is ALLOW_ANY: requests are not blocked, but they leave the sidecar directly \(PassthroughCluster\) and bypass the egress gateway\./);
    assert.match(diagnoseWorkspace(passthrough('platform', '  exportTo: [istio-system]'), { settings: REGISTRY_ONLY, messages: true, codes: /IE34/ }), /IE342 error: .*the mesh-wide outbound traffic policy is REGISTRY_ONLY: requests are blocked/);
  });

  it('IE342 fix: exports the ServiceEntry to the client namespace (preferred), which clears it', () => {
    const source = passthrough('platform', '  exportTo: [istio-system]', SIDECAR('["./*", "istio-system/*"]'));
    const { actions } = workspaceFixes(source, '/shop/chain.yaml', 'IE342');
    assert.equal(actions[0].title, 'Export ServiceEntry platform/docs to namespace shop');
    assert.equal(actions[0].isPreferred, true);
    // The other way out: a ServiceEntry in the client namespace (the references family's fix).
    assert.ok(actions.slice(1).some((action) => /ServiceEntry for 'docs.example.com'/.test(action.title) && !action.isPreferred), actions.map((action) => action.title).join(' | '));
    const after = applyWorkspaceFix(source, '/shop/chain.yaml', 'IE342');
    assert.match(after, /  exportTo: \[istio-system, shop\]\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE342: not reported when the client sees the host, when the entry is in its namespace, or for plain HTTP on port 80', () => {
    assert.deepEqual(visibilityCodes(passthrough('platform', '  exportTo: [istio-system, shop]'), REGISTRY_ONLY), {});
    assert.deepEqual(visibilityCodes(passthrough('platform', ''), REGISTRY_ONLY), {});
    assert.deepEqual(visibilityCodes(passthrough('shop', '  exportTo: [istio-system]'), REGISTRY_ONLY), {});
    // No ServiceEntry at all is the references family's finding, not this one.
    const none = passthrough('platform', '').replace(/^[\s\S]*?#- \/shop\/chain.yaml/, '#- /shop/chain.yaml');
    assert.deepEqual(visibilityCodes(none, REGISTRY_ONLY), {});
  });

  it('IE342/IE343: a VirtualService exported away from its own namespace serves the namespaces it is exported to', () => {
    const source = passthrough('platform', '  exportTo: [istio-system]').replace('  gateways: [mesh, egress-docs]\n', '  gateways: [mesh, egress-docs]\n  exportTo: [frontend, istio-system]\n');
    const rendered = diagnoseWorkspace(source, { messages: true, codes: /IE34/ });
    assert.match(rendered, /IE342 warning: Workloads in `frontend` see no ServiceEntry for `docs.example.com`/);
    // The gateway-leg DestinationRule sits in shop, which Istio does not search for frontend's sidecars.
    assert.match(rendered, /IE343 error: DestinationRule shop\/egress-gateway-for-docs defines subset `docs`, but it does not apply to the sidecars in `frontend`, which send this traffic: Istio looks for this proxy's DestinationRules only in `frontend` or `istio-system`\./);
    assert.deepEqual(visibilityCodes(source), { '/shop/chain.yaml': ['IE342', 'IE343'] });
  });

  it('IE345: the Sidecar imports neither the VirtualService nor the ServiceEntry; REGISTRY_ONLY blocks', () => {
    const source = passthrough('shop', '', SIDECAR('["istio-system/*"]'));
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE34/ });
    assert.match(
      rendered,
      /  - hosts: \["istio-system\/\*"\]\n {4}\^{5} IE345 error: Workloads in `shop` see only what this Sidecar's egress hosts import, and they do not import VirtualService shop\/docs, which sends `docs.example.com` to the egress gateway; Sidecar shop\/default sets REGISTRY_ONLY: requests are blocked \(BlackHoleCluster: 502 for HTTP, a reset connection for TLS and TCP\)\. Add `\.\/docs.example.com` to the egress hosts\./,
    );
    assert.match(rendered, /IE345 → \/shop\/chain.yaml:29:11 VirtualService shop\/docs routes docs.example.com through the egress gateway/);
    assert.deepEqual(visibilityCodes(source), { '/shop/sidecar.yaml': ['IE345'] });
  });

  it('IE345 fix: appends the import to the listener, which clears it', () => {
    const source = passthrough('shop', '', SIDECAR('\n    - istio-system/* # the gateways'));
    const after = applyWorkspaceFix(source, '/shop/sidecar.yaml', 'IE345');
    assert.match(after, /  - hosts: \n {4}- istio-system\/\* # the gateways\n {4}- \.\/docs.example.com\n/);
    assert.deepEqual(visibilityCodes(after), {});
  });

  it('IE345: a warning when the Sidecar imports the ServiceEntry itself: traffic goes out directly, bypassing the gateway', () => {
    const source = passthrough('platform', '', SIDECAR('["platform/*", "istio-system/*"]'));
    assert.match(diagnoseWorkspace(source, { messages: true, codes: /IE345/ }), /IE345 warning: .*; it does import ServiceEntry platform\/docs, so requests to `docs.example.com` go straight to the host and bypass the egress gateway\./);
  });

  it('IE345: every import form that reaches the VirtualService passes; Sidecars without egress or with a selector are not checked', () => {
    for (const hosts of ['["./*"]', '["shop/*"]', '["*/docs.example.com"]', '["./docs.example.com"]', '["*/*"]', '["./*.example.com"]', '["~/docs.example.com", "*/*"]']) {
      assert.deepEqual(visibilityCodes(passthrough('shop', '', SIDECAR(hosts))), {}, hosts);
    }
    const noEgress = passthrough('shop', '', SIDECAR('[]').replace(/  egress:\n  - hosts: \[\]\n/, ''));
    assert.deepEqual(visibilityCodes(noEgress), {});
    const selected = passthrough('shop', '', SIDECAR('["istio-system/*"]').replace('spec:\n', 'spec:\n  workloadSelector: {labels: {app: batch}}\n'));
    assert.deepEqual(visibilityCodes(selected), {});
  });

  it('IE345: a root-namespace Sidecar covers namespaces without their own, and `.` means the workload namespace', () => {
    const root = SIDECAR('["istio-system/*"]').replace('namespace: shop', 'namespace: istio-system').replace('/shop/sidecar.yaml', '/mesh/sidecar.yaml');
    assert.deepEqual(visibilityCodes(passthrough('shop', '', root)), { '/mesh/sidecar.yaml': ['IE345'] });
    assert.deepEqual(visibilityCodes(passthrough('shop', '', root.replace('["istio-system/*"]', '["./*", "istio-system/*"]'))), {});
    // The namespace's own Sidecar replaces the root one.
    assert.deepEqual(visibilityCodes(passthrough('shop', '', root + SIDECAR('["./*"]'))), {});
  });

  it('IE346: a sidecar route to a host whose ServiceEntry is exported elsewhere; severity follows the policy', () => {
    const source = `
#- /platform/api.yaml
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: api
  namespace: platform
spec:
  hosts: [api.example.com]
  ports:
  - {number: 443, name: https, protocol: HTTPS}
  resolution: DNS
  exportTo: ["."]
#- /shop/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
  namespace: shop
spec:
  hosts: [api.example.com]
  tls:
  - match:
    - {port: 443, sniHosts: [api.example.com]}
    route:
    - destination: {host: api.example.com, port: {number: 443}}
`;
    const rendered = diagnoseWorkspace(source, { messages: true, related: true, codes: /IE3/ });
    assert.match(
      rendered,
      /\^{15} IE346 warning: Workloads in `shop` do not see `api.example.com`: ServiceEntry `platform\/api` \(exportTo \[\.\]\) is not exported to `shop`, and the mesh-wide outbound traffic policy is ALLOW_ANY: requests this rule catches fail with 503 \(there is no cluster for the host\), and traffic no rule catches leaves the mesh unrouted\. Add `shop` to the ServiceEntry's exportTo, or declare the host in a ServiceEntry in `shop`\./,
    );
    assert.match(rendered, /IE346 → \/platform\/api.yaml:11:3 ServiceEntry platform\/api is exported to \[\.\]/);
    // The references family stays silent on a host that exists: one finding, not two.
    assert.deepEqual(workspaceCodes(source)['/shop/vs.yaml'].filter((code) => code.startsWith('IE3')), ['IE346']);
    assert.match(diagnoseWorkspace(source, { settings: REGISTRY_ONLY, codes: /IE346/ }), /IE346 error/);
    assert.deepEqual(visibilityCodes(source.replace('exportTo: ["."]', 'exportTo: ["*"]'), REGISTRY_ONLY), {});
    assert.deepEqual(visibilityCodes(source.replace('namespace: platform', 'namespace: shop'), REGISTRY_ONLY), {});
    const after = applyWorkspaceFix(source, '/shop/vs.yaml', 'IE346');
    assert.match(after, /  exportTo: \["\.", shop\]\n/);
    assert.deepEqual(visibilityCodes(after, REGISTRY_ONLY), {});
  });
});
