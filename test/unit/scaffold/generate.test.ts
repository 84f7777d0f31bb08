// The scaffold's output for each mode: clean under our own analysis (schema, cross-resource and
// egress chain checks; hints allowed) and in the shape of Istio's egress gateway tasks.
import { strict as assert } from 'node:assert';
import { dedent } from '../../support/fixture';
import { generate, TCP_GATEWAY_SETTINGS, type Doc } from './support';

const GATEWAY_FQDN = 'istio-egressgateway.istio-system.svc.cluster.local';

/** The VirtualService's two rules, reduced to what makes the chain: where each applies and goes. */
function rules(vs: Doc, kind: 'http' | 'tls' | 'tcp') {
  assert.deepEqual(Object.keys(vs.spec).filter((key) => ['http', 'tls', 'tcp'].includes(key)), [kind], 'one kind of route');
  return vs.spec[kind] as Array<{ match: Array<Record<string, unknown>>; route: Array<{ destination: Record<string, unknown>; weight?: number }> }>;
}

describe('scaffold: generated egress routes', () => {
  it('HTTP via the egress gateway: the four documents of Istio\'s egress gateway task, named after the host', () => {
    const route = generate({ host: 'news.example.org', mode: 'http' });
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.warnings, []);
    assert.equal(
      route.text,
      dedent(`
        # news.example.org, outside the mesh, as the sidecars and the egress gateway know it.
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: news-example-org
        spec:
          hosts:
          - news.example.org
          ports:
          - number: 80
            name: http
            protocol: HTTP
          location: MESH_EXTERNAL
          resolution: DNS
        ---
        # The egress gateway (istio-egressgateway.istio-system) accepts news.example.org on port 80.
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: news-example-org-egress-gateway
        spec:
          selector:
            istio: egressgateway
          servers:
          - port:
              number: 80
              name: http
              protocol: HTTP
            hosts:
            - news.example.org
        ---
        # Subset news-example-org of the egress gateway, where the sidecars send news.example.org.
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: egressgateway-for-news-example-org
        spec:
          host: istio-egressgateway.istio-system.svc.cluster.local
          subsets:
          - name: news-example-org
        ---
        # Sidecars send news.example.org:80 to the egress gateway, which sends it on to news.example.org:80.
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: direct-news-example-org-through-egress-gateway
        spec:
          hosts:
          - news.example.org
          gateways:
          - news-example-org-egress-gateway
          - mesh
          http:
          - match:
            - gateways:
              - mesh
              port: 80
            route:
            - destination:
                host: istio-egressgateway.istio-system.svc.cluster.local
                subset: news-example-org
                port:
                  number: 80
              weight: 100
          - match:
            - gateways:
              - news-example-org-egress-gateway
              port: 80
            route:
            - destination:
                host: news.example.org
                port:
                  number: 80
              weight: 100
      `),
    );
    assert.deepEqual(route.resources, [
      { kind: 'ServiceEntry', name: 'news-example-org', namespace: 'default' },
      { kind: 'Gateway', name: 'news-example-org-egress-gateway', namespace: 'default' },
      { kind: 'DestinationRule', name: 'egressgateway-for-news-example-org', namespace: 'default' },
      { kind: 'VirtualService', name: 'direct-news-example-org-through-egress-gateway', namespace: 'default' },
    ]);
  });

  it('HTTP on another application port: the sidecars match it, the gateway leg stays on the gateway\'s port 80', () => {
    const route = generate({ host: 'api.example.com', mode: 'http', port: 8080 });
    assert.deepEqual(route.problems, []);
    const [mesh, gateway] = rules(route.of('VirtualService'), 'http');
    assert.deepEqual(mesh.match, [{ gateways: ['mesh'], port: 8080 }]);
    assert.deepEqual(mesh.route[0].destination, { host: GATEWAY_FQDN, subset: 'api-example-com', port: { number: 80 } });
    assert.deepEqual(gateway.match, [{ gateways: ['api-example-com-egress-gateway'], port: 80 }]);
    assert.deepEqual(gateway.route[0].destination, { host: 'api.example.com', port: { number: 8080 } });
    assert.deepEqual(route.of('ServiceEntry').spec.ports, [{ number: 8080, name: 'http', protocol: 'HTTP' }]);
  });

  it('TLS passthrough: TLS ports, a PASSTHROUGH server and `tls` rules with sniHosts on both legs', () => {
    const route = generate({ host: 'news.example.org', mode: 'tls-passthrough' });
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.of('ServiceEntry').spec.ports, [{ number: 443, name: 'tls', protocol: 'TLS' }]);
    assert.deepEqual(route.of('Gateway').spec.servers, [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['news.example.org'], tls: { mode: 'PASSTHROUGH' } }]);
    const [mesh, gateway] = rules(route.of('VirtualService'), 'tls');
    assert.deepEqual(mesh.match, [{ gateways: ['mesh'], port: 443, sniHosts: ['news.example.org'] }]);
    assert.deepEqual(mesh.route[0].destination, { host: GATEWAY_FQDN, subset: 'news-example-org', port: { number: 443 } });
    assert.deepEqual(gateway.match, [{ gateways: ['news-example-org-egress-gateway'], port: 443, sniHosts: ['news.example.org'] }]);
    assert.deepEqual(gateway.route[0].destination, { host: 'news.example.org', port: { number: 443 } });
  });

  it('TLS origination: HTTP to the gateway on 80, the gateway to port 443 with a SIMPLE DestinationRule', () => {
    const route = generate({ host: 'news.example.org', mode: 'tls-origination' });
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.of('ServiceEntry').spec.ports, [
      { number: 80, name: 'http', protocol: 'HTTP' },
      { number: 443, name: 'https', protocol: 'HTTPS' },
    ]);
    assert.deepEqual(route.of('Gateway').spec.servers, [{ port: { number: 80, name: 'http-port-for-tls-origination', protocol: 'HTTP' }, hosts: ['news.example.org'] }]);
    const [mesh, gateway] = rules(route.of('VirtualService'), 'http');
    assert.deepEqual(mesh.match, [{ gateways: ['mesh'], port: 80 }]);
    assert.deepEqual(gateway.route[0].destination, { host: 'news.example.org', port: { number: 443 } });
    const origination = route.of('DestinationRule', 1);
    assert.equal(origination.metadata.name, 'originate-tls-for-news-example-org');
    assert.deepEqual(origination.spec, {
      host: 'news.example.org',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
    });
  });

  it('TCP by address: STATIC endpoints, a TCP server on a port the gateway exposes, `tcp` rules matching the addresses', () => {
    const route = generate({ host: 'orders-db.example.internal', mode: 'tcp', port: 5432, addresses: ['192.0.2.15', '192.0.2.16/32'] }, TCP_GATEWAY_SETTINGS);
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.warnings, []);
    assert.deepEqual(route.of('ServiceEntry').spec, {
      hosts: ['orders-db.example.internal'],
      addresses: ['192.0.2.15/32', '192.0.2.16/32'],
      ports: [{ number: 5432, name: 'tcp', protocol: 'TCP' }],
      location: 'MESH_EXTERNAL',
      resolution: 'STATIC',
      endpoints: [{ address: '192.0.2.15' }, { address: '192.0.2.16' }],
    });
    assert.deepEqual(route.of('Gateway').spec.servers, [{ port: { number: 5432, name: 'tcp', protocol: 'TCP' }, hosts: ['orders-db.example.internal'] }]);
    const [mesh, gateway] = rules(route.of('VirtualService'), 'tcp');
    assert.deepEqual(mesh.match, [{ gateways: ['mesh'], destinationSubnets: ['192.0.2.15/32', '192.0.2.16/32'], port: 5432 }]);
    assert.deepEqual(mesh.route[0].destination, { host: GATEWAY_FQDN, subset: 'orders-db-example-internal', port: { number: 5432 } });
    assert.deepEqual(gateway.route[0].destination, { host: 'orders-db.example.internal', port: { number: 5432 } });
  });

  it('TCP on a port the egress gateway does not expose: generated, with a warning our analysis confirms', () => {
    const route = generate({ host: 'orders-db.example.internal', mode: 'tcp', port: 5432, addresses: ['192.0.2.15'] });
    assert.match(route.warnings.join('\n'), /exposes no port 5432 .*ports: 80, 443/);
    assert.deepEqual(route.problems.map((problem) => problem.split(' ')[1]).sort(), ['IE311', 'IE416']);
  });

  it('a wildcard host: NONE for the wildcard, a DNS ServiceEntry for the one server the gateway forwards to', () => {
    const route = generate({ host: '*.docs.example.net', mode: 'tls-passthrough' });
    assert.deepEqual(route.problems, []);
    assert.match(route.warnings.join('\n'), /forwards all of \*\.docs\.example\.net to www\.docs\.example\.net/);
    assert.equal(route.of('ServiceEntry').spec.resolution, 'NONE');
    assert.deepEqual(route.of('ServiceEntry', 1).spec, { hosts: ['www.docs.example.net'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], location: 'MESH_EXTERNAL', resolution: 'DNS' });
    const [mesh, gateway] = rules(route.of('VirtualService'), 'tls');
    assert.deepEqual(mesh.match[0].sniHosts, ['*.docs.example.net']);
    assert.deepEqual(gateway.route[0].destination, { host: 'www.docs.example.net', port: { number: 443 } });
    assert.match(route.text, /^ {4}- "\*\.docs\.example\.net"$/m, 'the wildcard is quoted (a bare `*` starts an alias)');
  });

  it('a wildcard host with TLS origination: the gateway opens TLS to the chosen server', () => {
    const route = generate({ host: '*.docs.example.net', mode: 'tls-origination', wildcardTarget: 'static.docs.example.net' });
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.warnings, []);
    assert.deepEqual(route.of('ServiceEntry', 1).spec.ports, [{ number: 443, name: 'https', protocol: 'HTTPS' }]);
    assert.equal(route.of('DestinationRule', 1).spec.host, 'static.docs.example.net');
  });

  it('an application namespace and a REGISTRY_ONLY Sidecar: every resource in that namespace, still clean', () => {
    for (const mode of ['http', 'tls-passthrough', 'tls-origination'] as const) {
      const route = generate({ host: 'news.example.org', mode, namespace: 'shop', registryOnly: true });
      assert.deepEqual(route.problems, [], mode);
      assert.ok(route.docs.every((doc) => doc.metadata.namespace === 'shop'), mode);
      assert.deepEqual(route.of('Sidecar').spec, { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
      assert.equal(route.of('Sidecar').metadata.name, 'default');
    }
    const tcp = generate({ host: 'orders-db.example.internal', mode: 'tcp', port: 5432, addresses: ['192.0.2.15'], namespace: 'shop', registryOnly: true }, TCP_GATEWAY_SETTINGS);
    assert.deepEqual(tcp.problems, []);
  });

  it('a namespace that already has a namespace-wide Sidecar keeps it: no second Sidecar, a warning instead', () => {
    const existing = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  outboundTrafficPolicy:\n    mode: ALLOW_ANY\n';
    const route = generate({ host: 'news.example.org', mode: 'http', namespace: 'shop', registryOnly: true }, undefined, { '/sidecar.yaml': existing });
    assert.ok(!route.docs.some((doc) => doc.kind === 'Sidecar'));
    assert.match(route.warnings.join('\n'), /Sidecar shop\/default \(sidecar\.yaml\) already applies to the whole namespace/);
  });

  it('a custom egress gateway from settings: its namespace in the FQDN, its labels in the selector', () => {
    const settings = {
      gateways: [
        { service: 'istio-egressgateway', namespace: 'istio-system', labels: { istio: 'egressgateway' }, role: 'egress', ports: [{ number: 80, name: 'http2', protocol: 'HTTP2' }] },
        { service: 'egress-gw', namespace: 'egress', labels: { app: 'egress-gw', team: 'net' }, role: 'egress', ports: [{ number: 8443, name: 'tls', protocol: 'TLS' }] },
      ],
    };
    const route = generate({ host: 'news.example.org', mode: 'tls-passthrough', gatewayNamespace: 'egress' }, settings);
    assert.deepEqual(route.problems, []);
    assert.deepEqual(route.warnings, []);
    assert.deepEqual(route.of('Gateway').spec.selector, { app: 'egress-gw', team: 'net' });
    assert.equal(route.of('DestinationRule').spec.host, 'egress-gw.egress.svc.cluster.local');
    const [mesh, gateway] = rules(route.of('VirtualService'), 'tls');
    assert.deepEqual(mesh.route[0].destination, { host: 'egress-gw.egress.svc.cluster.local', subset: 'news-example-org', port: { number: 8443 } });
    assert.equal(gateway.match[0].port, 8443);
    // The same gateway picked by its labels instead.
    assert.equal(generate({ host: 'news.example.org', mode: 'tls-passthrough', gatewayLabels: { app: 'egress-gw' } }, settings).of('DestinationRule').spec.host, 'egress-gw.egress.svc.cluster.local');
  });

  it('an explicit gateway port is used as given, with a warning when the gateway does not expose it', () => {
    const exposed = generate({ host: 'orders-db.example.internal', mode: 'tcp', port: 27017, gatewayPort: 5432, addresses: ['192.0.2.15'] }, TCP_GATEWAY_SETTINGS);
    assert.deepEqual(exposed.problems, []);
    assert.deepEqual(exposed.warnings, []);
    const [mesh, gateway] = rules(exposed.of('VirtualService'), 'tcp');
    assert.deepEqual(mesh.route[0].destination, { host: GATEWAY_FQDN, subset: 'orders-db-example-internal', port: { number: 5432 } });
    assert.deepEqual(gateway.route[0].destination, { host: 'orders-db.example.internal', port: { number: 27017 } });
    const missing = generate({ host: 'orders-db.example.internal', mode: 'tcp', port: 27017, gatewayPort: 7777, addresses: ['192.0.2.15'] }, TCP_GATEWAY_SETTINGS);
    assert.deepEqual(missing.warnings, ['The egress gateway istio-egressgateway.istio-system exposes no port 7777: add it to its Service (and to the istioEgress.gateways setting).']);
  });

  it('a gateway the settings do not describe: generated as asked, with a warning to describe it', () => {
    const route = generate({ host: 'news.example.org', mode: 'http', gatewayNamespace: 'edge', gatewayLabels: { app: 'edge-egress' } });
    assert.equal(route.of('DestinationRule').spec.host, 'istio-egressgateway.edge.svc.cluster.local');
    assert.deepEqual(route.of('Gateway').spec.selector, { app: 'edge-egress' });
    assert.match(route.warnings.join('\n'), /No egress gateway in the istioEgress\.gateways setting matches istio-egressgateway\.edge with labels app=edge-egress/);
  });

  it('a namespace other than the default one is written; the default one is left to kubectl apply', () => {
    assert.ok(generate({ host: 'news.example.org', mode: 'http' }).docs.every((doc) => doc.metadata.namespace === undefined));
    assert.ok(generate({ host: 'news.example.org', mode: 'http' }, { defaultNamespace: 'shop' }).docs.every((doc) => doc.metadata.namespace === undefined));
    assert.ok(generate({ host: 'news.example.org', mode: 'http', namespace: 'default' }, { defaultNamespace: 'shop' }).docs.every((doc) => doc.metadata.namespace === 'default'));
  });

  it('warns about what the workspace already has for the host', () => {
    const existing = dedent(`
      apiVersion: networking.istio.io/v1
      kind: ServiceEntry
      metadata:
        name: news
      spec:
        hosts:
        - news.example.org
        ports:
        - number: 80
          name: http
          protocol: HTTP
        resolution: DNS
      ---
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata:
        name: news-timeout
      spec:
        hosts:
        - news.example.org
        http:
        - timeout: 3s
          route:
          - destination:
              host: news.example.org
    `);
    const route = generate({ host: 'news.example.org', mode: 'http' }, undefined, { '/news.yaml': existing });
    assert.deepEqual(route.warnings, [
      'ServiceEntry default/news (news.yaml) already declares news.example.org; keep only one of the two.',
      'VirtualService default/news-timeout (news.yaml) already routes news.example.org for the sidecars; Istio would apply only one of the two.',
    ]);
  });
});
