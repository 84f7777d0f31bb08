// Sidecar: narrows and tunes what the sidecar proxies of some workloads listen on and can reach.
import { enumOf, field, integer, listOf, messageOf, portNumber, string } from './build';
import { PORT_SELECTOR, PROTOCOL, WORKLOAD_SELECTOR } from './common';
import { CONNECTION_POOL_SETTINGS } from './destinationRule/connectionPool';
import { SERVER_TLS_SETTINGS } from './gatewayTls';
import type { EnumSchema, FieldType, KindSchema, MessageSchema } from './types';

const PAGE = 'networking/sidecar';

export const CAPTURE_MODE: EnumSchema = {
  name: 'CaptureMode',
  page: PAGE,
  values: [
    { value: 'DEFAULT', doc: 'Capture traffic the way the environment is set up to (normally iptables redirection). What a missing value means.' },
    { value: 'IPTABLES', doc: 'Rely on iptables redirection to bring traffic to this listener. Not allowed for Unix socket listeners.' },
    {
      value: 'NONE',
      doc: 'No interception: the application must connect to the listener\'s address and port (or socket) itself; an ingress port must not clash with other processes.',
    },
  ],
};

export const OUTBOUND_TRAFFIC_POLICY_MODE: EnumSchema = {
  name: 'OutboundTrafficPolicy-Mode',
  page: PAGE,
  values: [
    {
      value: 'REGISTRY_ONLY',
      doc: 'Block traffic to any host not in the service registry; each external host needs a ServiceEntry. Not a firewall. The zero value, so an empty policy means this.',
    },
    { value: 'ALLOW_ANY', doc: 'Let traffic to unknown hosts pass straight through, with less telemetry and no routing rules. The usual mesh-wide default.' },
  ],
};

/** A port on a Sidecar listener. The egress and ingress variants differ only in the allowed port numbers. */
const sidecarPort = (numberType: FieldType, numberDoc: string): MessageSchema => ({
  name: 'SidecarPort',
  page: PAGE,
  doc: 'The port of a sidecar listener: number, protocol and an optional name.',
  fields: [
    field('number', numberType, numberDoc),
    field(
      'protocol',
      enumOf(PROTOCOL),
      'What the listener speaks; case does not matter. When left empty, the proxy sniffs the protocol. `HTTP_PROXY` turns an egress listener into ' +
        'a forward proxy the application can be configured with.',
    ),
    field('name', string('label-name'), 'Optional name for the port; when set it must be a DNS label such as `http-egress`.'),
    field('targetPort', integer(0, 4294967295), 'Has no effect on a Sidecar; Istio rejects any value other than 0.', {
      hidden: true,
      deprecated: 'Remove it: Sidecars reject a non-zero targetPort.',
      anchor: '',
    }),
  ],
});

export const SIDECAR_EGRESS_PORT: MessageSchema = sidecarPort(
  integer(0, 65535),
  'The port the listener opens, 1 to 65535; it also becomes the default port for the imported hosts. `0` is allowed only with a `unix://` bind. ' +
    'Port numbers must be unique across IP-bound egress listeners.',
);

export const SIDECAR_INGRESS_PORT: MessageSchema = sidecarPort(
  portNumber,
  'The port inbound traffic arrives on, 1 to 65535 (Istio requires it). Each ingress listener needs its own port number.',
);

export const ISTIO_INGRESS_LISTENER: MessageSchema = {
  name: 'IstioIngressListener',
  page: PAGE,
  doc: 'One inbound listener of the sidecar: a port on which traffic for the workload is received, and where it is handed to the application.',
  fields: [
    field('port', messageOf(SIDECAR_INGRESS_PORT), 'The port traffic for the workload arrives on, with its protocol.', { required: true }),
    field(
      'bind',
      string(),
      'The IPv4 or IPv6 address to listen on; Unix sockets are not allowed here. Omitted, Istio picks the address from the workload and its services.',
    ),
    field('captureMode', enumOf(CAPTURE_MODE), 'How inbound traffic reaches this listener.', { default: 'DEFAULT' }),
    field(
      'defaultEndpoint',
      string(undefined, ['127.0.0.1:8080', '0.0.0.0:8080', 'unix:///var/run/app.sock']),
      'Where the sidecar hands traffic to the application: `127.0.0.1:PORT` or `[::1]:PORT` (loopback), `0.0.0.0:PORT` or `[::]:PORT` (the ' +
        'instance IP), or `unix:///path` (a socket). Other IPs are rejected.',
    ),
    field(
      'tls',
      messageOf(SERVER_TLS_SETTINGS),
      'Terminates TLS from clients outside the mesh at the sidecar. Only for `HTTPS`/`TLS` ports, with `SIMPLE` or `MUTUAL` and certificate ' +
        'files (`serverCertificate`, `privateKey`, `caCertificates`). Istio rejects `ISTIO_MUTUAL`, `AUTO_PASSTHROUGH`, `credentialName(s)`, ' +
        '`tlsCertificates`, `subjectAltNames` and `httpsRedirect` here.',
    ),
    field(
      'connectionPool',
      messageOf(CONNECTION_POOL_SETTINGS),
      'Connection limits for inbound traffic on this port only. Replaces (does not merge with) `inboundConnectionPool` and any DestinationRule ' +
        'connection pool. `http` settings only take effect on HTTP ports.',
      { since: 'Istio 1.20' },
    ),
  ],
};

export const ISTIO_EGRESS_LISTENER: MessageSchema = {
  name: 'IstioEgressListener',
  page: PAGE,
  doc: 'One outbound listener of the sidecar: which hosts the workload can reach, optionally on one port or address.',
  fields: [
    field(
      'port',
      messageOf(SIDECAR_EGRESS_PORT),
      'Limits the listener to one port (or a Unix socket with `number: 0`). Omitted, the listener covers the ports of the imported hosts; only ' +
        'one such port-less listener is allowed and it must be the last in the list.',
    ),
    field(
      'bind',
      string(),
      'The address to listen on: an IPv4/IPv6 address, or `unix:///path` / `unix://@name` for a Unix socket (with port number 0). Needs `port`. ' +
        'Omitted, Istio chooses; with `captureMode: NONE` it is `127.0.0.1`.',
    ),
    field(
      'captureMode',
      enumOf(CAPTURE_MODE),
      'How outbound traffic reaches this listener. Unix socket listeners allow only `DEFAULT` or `NONE`.',
      { default: 'DEFAULT' },
    ),
    field(
      'hosts',
      listOf(string('namespaced-host')),
      'The services the workload can see, as `namespace/dnsName`: `./*` (this namespace), `istio-system/*`, `*/api.example.com`, `*/*` (all). ' +
        'For REGISTRY_ONLY egress, include the namespace of the ServiceEntry (or its host) and, when routing through an egress gateway, the ' +
        'gateway\'s namespace (e.g. `istio-system/*`). Only configuration exported to this namespace counts. From Istio 1.31 a `~ns/...` entry ' +
        'excludes hosts. At least one entry is required; short names without a dot are rejected.',
      { required: true },
    ),
  ],
};

/** `egressProxy` is a VirtualService Destination; modelled here because it is hidden and used nowhere else in this kind. */
const EGRESS_PROXY: MessageSchema = {
  name: 'Destination',
  page: 'networking/virtual-service',
  doc: 'A service in the registry to forward unknown outbound traffic to.',
  fields: [
    field('host', string('hostname'), 'Fully qualified name of the proxy service; it must also be imported by an egress listener.', { required: true }),
    field('subset', string(), 'A subset of that service defined by a DestinationRule.'),
    field('port', messageOf(PORT_SELECTOR), 'The port of the proxy service. Istio requires it.'),
  ],
};

export const OUTBOUND_TRAFFIC_POLICY: MessageSchema = {
  name: 'OutboundTrafficPolicy',
  page: PAGE,
  doc: 'What the sidecar does with outbound traffic to hosts it does not know about.',
  fields: [
    field(
      'mode',
      enumOf(OUTBOUND_TRAFFIC_POLICY_MODE),
      '`REGISTRY_ONLY` blocks hosts without a ServiceEntry (or service); `ALLOW_ANY` lets them through. Careful: the mesh default is usually ' +
        '`ALLOW_ANY`, but once this block is present a missing mode means `REGISTRY_ONLY`, so `outboundTrafficPolicy: {}` locks egress down. ' +
        '`ALLOW_ANY_DYNAMIC_DNS` exists only in MeshConfig; a Sidecar using it is rejected.',
      { default: 'REGISTRY_ONLY' },
    ),
    field(
      'egressProxy',
      messageOf(EGRESS_PROXY),
      'A proxy service to send unknown traffic to instead of its original destination. Only with `mode: ALLOW_ANY`; needs `host` and `port`, and ' +
        'the host must be imported by an egress listener. Envoy-based gateways only handle HTTP and TLS forwarded this way.',
      { hidden: true, anchor: '' },
    ),
  ],
};

export const SIDECAR_SPEC: MessageSchema = {
  name: 'Sidecar',
  page: PAGE,
  doc: 'Listeners, reachable hosts and outbound policy for the sidecars of the selected workloads.',
  fields: [
    field(
      'workloadSelector',
      messageOf(WORKLOAD_SELECTOR),
      'Which pods or VMs in this namespace the Sidecar applies to. Omitted, it applies to every workload in the namespace; keep only one ' +
        'selector-less Sidecar per namespace. A selector-less Sidecar in the root namespace (`istio-system`) is the mesh-wide default.',
    ),
    field(
      'ingress',
      listOf(messageOf(ISTIO_INGRESS_LISTENER)),
      'Inbound listeners. Omitted, Istio derives them from the workload\'s services and ports; when set, a port is only configured if the ' +
        'workload belongs to a service.',
    ),
    field(
      'egress',
      listOf(messageOf(ISTIO_EGRESS_LISTENER)),
      'Outbound listeners and the hosts they import. Omitted, the namespace or mesh default applies (normally every exported service). ' +
        'Trimming it cuts proxy memory, but a host left out is unreachable under `REGISTRY_ONLY` and treated as unknown under `ALLOW_ANY`.',
    ),
    field(
      'inboundConnectionPool',
      messageOf(CONNECTION_POOL_SETTINGS),
      'Connection limits for all inbound traffic of the workload, unless an ingress listener sets its own `connectionPool`. Takes precedence ' +
        'over DestinationRule connection pools on the server side, replacing rather than merging them.',
      { since: 'Istio 1.20' },
    ),
    field(
      'outboundTrafficPolicy',
      messageOf(OUTBOUND_TRAFFIC_POLICY),
      'Overrides the mesh\'s handling of traffic to unknown hosts for these workloads. Omitted, the MeshConfig setting applies (usually `ALLOW_ANY`); ' +
        'present but without `mode`, it means `REGISTRY_ONLY`.',
    ),
  ],
};

export const SIDECAR: KindSchema = {
  kind: 'Sidecar',
  page: PAGE,
  doc:
    'Tunes the sidecar proxies of a namespace or of selected workloads: which ports they listen on, which services they can reach and what ' +
    'happens to traffic for unknown hosts. For egress control, `outboundTrafficPolicy.mode: REGISTRY_ONLY` blocks every external host that has ' +
    'no ServiceEntry, and `egress.hosts` limits which ServiceEntries and services (including the egress gateway) the workloads see. Istio ' +
    'rejects a Sidecar with none of `ingress`, `egress`, `outboundTrafficPolicy` or `inboundConnectionPool`.',
  spec: SIDECAR_SPEC,
};
