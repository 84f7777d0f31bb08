// ServiceEntry: adds a host (usually an external one) to the mesh's service registry.
import { enumOf, field, integer, labelMap, listOf, mapOf, messageOf, portNumber, string } from './build';
import { PROTOCOL, WORKLOAD_SELECTOR } from './common';
import type { EnumSchema, KindSchema, MessageSchema } from './types';

const PAGE = 'networking/service-entry';

export const SE_LOCATION: EnumSchema = {
  name: 'ServiceEntry-Location',
  page: PAGE,
  values: [
    { value: 'MESH_EXTERNAL', doc: 'The service lives outside the mesh (an external API). Istio does not expect mTLS from it. This is the default.' },
    { value: 'MESH_INTERNAL', doc: 'The service is part of the mesh (e.g. VMs or unmanaged hosts joined to it); mTLS and mesh policies apply.' },
  ],
};

export const SE_RESOLUTION: EnumSchema = {
  name: 'ServiceEntry-Resolution',
  page: PAGE,
  values: [
    {
      value: 'NONE',
      doc: 'No resolution by the proxy: traffic goes to the IP the application already connected to. The default. Endpoints are not allowed.',
    },
    { value: 'STATIC', doc: 'Send traffic to the IP addresses listed in `endpoints`.' },
    {
      value: 'DNS',
      doc: 'The proxy resolves the endpoint addresses (or the host itself when there are no endpoints) through DNS and balances over all returned IPs. A wildcard host needs endpoints.',
    },
    {
      value: 'DNS_ROUND_ROBIN',
      doc: 'Like DNS, but uses only the first IP of each answer and keeps connections when records change; suits large web services. At most one endpoint.',
    },
    {
      value: 'DYNAMIC_DNS',
      doc: 'Resolves the name taken from the Host header or SNI at request time; only for wildcard hosts with HTTP, TLS, GRPC or HTTP2 ports. No addresses or endpoints.',
    },
  ],
};

export const SERVICE_PORT: MessageSchema = {
  name: 'ServicePort',
  page: PAGE,
  doc: 'One port of the service: its number, protocol and name.',
  fields: [
    field('number', portNumber, 'The port clients connect to, 1 to 65535. Port numbers may not repeat within one ServiceEntry.', {
      required: true,
    }),
    field(
      'protocol',
      enumOf(PROTOCOL),
      'How the proxy treats traffic on this port; case does not matter. `HTTP`-family ports are routed with `http` rules, ' +
        '`TLS` and `HTTPS` by SNI with `tls` rules, `TCP` by address with `tcp` rules. Left empty, the proxy sniffs the protocol.',
    ),
    field(
      'name',
      string('label-name'),
      'A DNS-style label naming the port (e.g. `http`, `tls-443`), unique within the ServiceEntry. Endpoint `ports` maps refer to ports by this name.',
      { required: true },
    ),
    field(
      'targetPort',
      portNumber,
      'The port the endpoints actually listen on, when it differs from `number`. An endpoint\'s own `ports` entry takes precedence.',
      { default: 'the value of `number`' },
    ),
  ],
};

export const WORKLOAD_ENTRY: MessageSchema = {
  name: 'WorkloadEntry',
  page: 'networking/workload-entry',
  doc: 'One backend of the service: an address (IP, DNS name or Unix socket) with optional per-endpoint ports and labels.',
  fields: [
    field(
      'address',
      string(),
      'Where to send traffic, without a port: an IP; a fully qualified DNS name (only with `DNS` or `DNS_ROUND_ROBIN` resolution, no wildcards); ' +
        'or `unix:///absolute/path` for a Unix socket. When empty, `network` must be set.',
    ),
    field(
      'ports',
      mapOf(portNumber),
      'Maps a service port *name* to the port this endpoint listens on, e.g. `https: 8443`. Every key must be the name of a port in the ' +
        'ServiceEntry. Not used with `unix://` addresses.',
    ),
    field('labels', labelMap, 'Labels of this endpoint; DestinationRule subsets select endpoints by these labels.'),
    field(
      'network',
      string(),
      'The network the endpoint is in. Endpoints on another network are reached through that network\'s gateway. Required when `address` is empty.',
    ),
    field('locality', string(), 'Failure domain as `region/zone/subzone` (e.g. `us-east1/us-east1-b`), used for locality-aware load balancing.'),
    field('weight', integer(0, 4294967295), 'Relative load-balancing weight of this endpoint against the others.'),
    field('serviceAccount', string(), 'Service account of the workload behind the endpoint, when it runs a sidecar; it must exist in the same namespace.'),
  ],
};

export const SERVICE_ENTRY_SPEC: MessageSchema = {
  name: 'ServiceEntry',
  page: PAGE,
  doc: 'Registers hosts with Istio\'s service registry so that routing rules, DestinationRules and the egress gateway can treat them as services.',
  fields: [
    field(
      'hosts',
      listOf(string('hostname'), { minItems: 1, maxItems: 256 }),
      'The hostnames this entry registers, e.g. `api.example.com` or `*.example.com`. VirtualServices and DestinationRules refer to the service by ' +
        'these names; HTTP traffic is matched on the Host header and TLS traffic on SNI. A bare `*` is rejected. ' +
        'With `resolution: DNS` and no endpoints, each host is also the DNS name traffic is sent to, so it cannot be a wildcard.',
      { required: true },
    ),
    field(
      'addresses',
      listOf(string('ip-or-cidr'), { maxItems: 256 }),
      'Virtual IPs or CIDR blocks for the service. Traffic to these addresses is attributed to this entry. Without addresses, a TCP port is ' +
        'matched on the port alone, so that port cannot be shared with any other service. CIDRs need `NONE` or `STATIC` resolution.',
    ),
    field(
      'ports',
      listOf(messageOf(SERVICE_PORT), { maxItems: 256 }),
      'The ports the service is reached on. Each needs a unique `name` and `number`; the `protocol` decides whether traffic is routed by ' +
        'Host header (HTTP), SNI (TLS/HTTPS) or address (TCP). Routing through an egress gateway needs the port listed here.',
    ),
    field(
      'location',
      enumOf(SE_LOCATION),
      'Whether the service is outside the mesh (`MESH_EXTERNAL`) or part of it (`MESH_INTERNAL`). This is where the service is, not how its ' +
        'address is found: that is `resolution`.',
      { default: 'MESH_EXTERNAL' },
    ),
    field(
      'resolution',
      enumOf(SE_RESOLUTION),
      'How the proxy finds the IPs to send traffic to. `NONE` (the default) forwards to the IP the application dialled; `DNS` resolves the ' +
        'host or endpoint names; `STATIC` uses endpoint IPs. Pitfalls: `NONE` with a TCP port and no `addresses` captures that port for every IP; ' +
        '`DNS` cannot resolve a wildcard host, so it needs endpoints. `MESH_EXTERNAL` is a `location`, never a resolution.',
      { default: 'NONE' },
    ),
    field(
      'endpoints',
      listOf(messageOf(WORKLOAD_ENTRY), { maxItems: 4096 }),
      'Explicit backends of the service. Not allowed with `resolution: NONE`; at most one with `DNS_ROUND_ROBIN`; cannot be combined with ' +
        '`workloadSelector`.',
      { oneOf: 'backends' },
    ),
    field(
      'workloadSelector',
      { kind: 'message', message: WORKLOAD_SELECTOR },
      'For `MESH_INTERNAL` services: selects pods or WorkloadEntries in this namespace by label as the backends. Cannot be combined with `endpoints`.',
      { oneOf: 'backends' },
    ),
    field(
      'exportTo',
      listOf(string('export-to')),
      'Namespaces that can see this entry: `.` for its own namespace, `*` for all (the default when omitted), a namespace name, or `~` ' +
        'for none. The client namespace and the egress gateway\'s namespace both need to see the entry for gateway routing to work.',
      { default: 'all namespaces (`*`)' },
    ),
    field(
      'subjectAltNames',
      listOf(string()),
      'When set, the proxy checks that the server certificate carries one of these subject alternative names.',
    ),
  ],
};

export const SERVICE_ENTRY: KindSchema = {
  kind: 'ServiceEntry',
  page: PAGE,
  doc:
    'Adds hosts to Istio\'s service registry. For egress, it declares the external host (e.g. `api.example.com`) and its ports, so the mesh can ' +
    'route to it, apply DestinationRules to it and send it through the egress gateway. With `outboundTrafficPolicy: REGISTRY_ONLY` it is the ' +
    'only way to reach an external host at all.',
  spec: SERVICE_ENTRY_SPEC,
};
