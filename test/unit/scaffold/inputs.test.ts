// The scaffold's inputs: what it refuses, with a message naming the field, and what it normalizes.
import { strict as assert } from 'node:assert';
import { egressRouteDefaults } from '../../../server/src/service/features/scaffold';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../../server/src/service/settings';
import { generate, problemsOf } from './support';

const fields = (inputs: unknown) => problemsOf(inputs).map((problem) => problem.field);
const message = (inputs: unknown) => problemsOf(inputs).map((problem) => problem.message).join('\n');

describe('scaffold: inputs', () => {
  it('host and mode are required; every other input has a default', () => {
    assert.deepEqual(fields({}), ['host', 'mode']);
    assert.deepEqual(fields(null), ['host', 'mode']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'https' }), ['mode']);
    assert.match(message({ mode: 'http' }), /Enter the external host, e\.g\. api\.example\.com or \*\.example\.com\./);
  });

  it('refuses hosts that are not a full external name or a `*.domain` wildcard', () => {
    const cases: Array<[string, RegExp]> = [
      ['api', /short name, which Istio expands to api\.<namespace>\.svc\.cluster\.local/],
      ['*', /The host `\*` would send every unknown host through this route/],
      ['*api.example.com', /only a whole first label can be a wildcard/],
      ['api.*.example.com', /only a whole first label can be a wildcard/],
      ['192.0.2.10', /is an address: routes select traffic by host name/],
      ['api_v2.example.com', /`api_v2` is not a DNS label/],
      ['api..example.com', /\(empty label\)/],
      ['reviews.shop.svc.cluster.local', /a service inside the cluster, not an external host/],
      [`${'a'.repeat(64)}.example.com`, /is not a DNS label/],
    ];
    for (const [host, expected] of cases) assert.match(message({ host, mode: 'http' }), expected, host);
  });

  it('normalizes the host: trimmed, lower case, without the trailing dot', () => {
    assert.deepEqual(generate({ host: '  API.Example.com. ', mode: 'http' }).of('ServiceEntry').spec.hosts, ['api.example.com']);
  });

  it('ports are whole numbers from 1 to 65535; TCP needs one, TLS origination cannot use 443 for plain HTTP', () => {
    for (const port of [0, 65536, 8.5, 'eighty', -1]) assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', port }), ['port'], String(port));
    assert.deepEqual(generate({ host: 'api.example.com', mode: 'http', port: '8080' }).of('ServiceEntry').spec.ports, [{ number: 8080, name: 'http', protocol: 'HTTP' }]);
    assert.match(message({ host: 'db.example.com', mode: 'tcp', addresses: ['192.0.2.1'] }), /TCP needs the port of the external service/);
    assert.match(message({ host: 'api.example.com', mode: 'tls-origination', port: 443 }), /port 443 is where the gateway opens TLS/);
  });

  it('TCP needs single IP addresses and a concrete host; the other modes take no addresses', () => {
    assert.match(message({ host: 'db.example.com', mode: 'tcp', port: 5432 }), /TCP needs the IP addresses of the external service/);
    assert.match(message({ host: 'db.example.com', mode: 'tcp', port: 5432, addresses: ['db.example.com'] }), /`db\.example\.com` is not an IP address/);
    assert.match(message({ host: 'db.example.com', mode: 'tcp', port: 5432, addresses: ['300.0.0.1'] }), /not an IP address/);
    assert.match(message({ host: 'db.example.com', mode: 'tcp', port: 5432, addresses: ['192.0.2.0/24'] }), /`192\.0\.2\.0\/24` is a block of addresses: the egress gateway cannot tell which of them the application dialled/);
    assert.deepEqual(fields({ host: '*.example.com', mode: 'tcp', port: 5432, addresses: ['192.0.2.1'] }), ['host']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', addresses: ['192.0.2.1'] }), ['addresses']);
    assert.deepEqual(generate({ host: 'api.example.com', mode: 'http', addresses: [] }).problems, []);
  });

  it('accepts IPv6 addresses and /128 blocks', () => {
    const route = generate({ host: 'db.example.com', mode: 'tcp', port: 5432, addresses: ['2001:db8::10', '2001:db8::11/128'] });
    assert.deepEqual(route.of('ServiceEntry').spec.addresses, ['2001:db8::10/128', '2001:db8::11/128']);
  });

  it('namespaces, gateway labels and the wildcard destination are checked too', () => {
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', namespace: 'Shop' }), ['namespace']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', gatewayNamespace: 'istio_system' }), ['gatewayNamespace']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', gatewayLabels: {} }), ['gatewayLabels']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', gatewayLabels: { 'bad key!': 'x' } }), ['gatewayLabels']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', gatewayLabels: { istio: 7 } }), ['gatewayLabels']);
    assert.deepEqual(fields({ host: '*.example.com', mode: 'http', wildcardTarget: '*.example.com' }), ['wildcardTarget']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', registryOnly: 'yes' }), ['registryOnly']);
    assert.deepEqual(fields({ host: 'api.example.com', mode: 'http', gatewayPort: 70000 }), ['gatewayPort']);
  });

  it('reports every problem at once', () => {
    assert.deepEqual(fields({ host: 'api', mode: 'tcp', port: 0, addresses: ['x'], namespace: 'A' }), ['host', 'port', 'addresses', 'namespace']);
  });

  it('defaults come from the settings: namespace, egress gateways (the default first), ports per mode', () => {
    assert.deepEqual(egressRouteDefaults(normalizeSettings({ defaultNamespace: 'shop' })), {
      namespace: 'shop',
      clusterDomain: 'cluster.local',
      gateways: DEFAULT_SETTINGS.gateways
        .filter((gateway) => gateway.role === 'egress')
        .map((gateway) => ({ ...gateway, ports: gateway.ports.map((port) => port.number) })),
      ports: { http: 80, 'tls-passthrough': 443, 'tls-origination': 80 },
    });
  });
});
