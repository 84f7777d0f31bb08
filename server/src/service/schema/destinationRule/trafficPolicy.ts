// DestinationRule traffic policy: the settings a rule (or a subset, or a port) applies to its destination.
import { duration, enumOf, field, integer, listOf, messageOf, number, portNumber, string } from '../build';
import { PORT_SELECTOR } from '../common';
import type { EnumSchema, MessageSchema } from '../types';
import { CLIENT_TLS_SETTINGS } from './clientTls';
import { CONNECTION_POOL_SETTINGS } from './connectionPool';
import { LOAD_BALANCER_SETTINGS } from './loadBalancer';
import { OUTLIER_DETECTION } from './outlierDetection';

const PAGE = 'networking/destination-rule';

export const TUNNEL_PROTOCOL: EnumSchema = {
  name: 'TrafficPolicy-TunnelSettings-protocol',
  page: PAGE,
  values: [
    { value: 'CONNECT', doc: 'Tunnel with an HTTP `CONNECT` request. The default.' },
    { value: 'POST', doc: 'Tunnel inside the body of an HTTP `POST` request, for proxies that do not accept CONNECT.' },
  ],
};

export const TUNNEL_SETTINGS: MessageSchema = {
  name: 'TrafficPolicy.TunnelSettings',
  page: PAGE,
  doc:
    'Wraps TCP connections to this host in an HTTP tunnel (CONNECT or POST), e.g. to leave through a corporate forward proxy. ' +
    'Only for TCP and TLS routes, not HTTP routes. Istio rejects it together with `proxyProtocol`.',
  fields: [
    field(
      'protocol',
      enumOf(TUNNEL_PROTOCOL),
      'How the tunnel is set up: `CONNECT` or `POST` (exact case). The HTTP version of the tunnel follows the destination port\'s protocol.',
      { default: 'CONNECT' },
    ),
    field(
      'targetHost',
      string(),
      'The host the tunnel should reach, sent in the CONNECT/POST request. Must be a fully qualified domain name or an IP address.',
      { required: true },
    ),
    field('targetPort', portNumber, 'The port the tunnel should reach, 1 to 65535.', { required: true }),
  ],
};

export const PROXY_PROTOCOL_VERSION: EnumSchema = {
  name: 'TrafficPolicy-ProxyProtocol-VERSION',
  page: PAGE,
  values: [
    { value: 'V1', doc: 'PROXY protocol v1: a human-readable text header. The default.' },
    { value: 'V2', doc: 'PROXY protocol v2: a binary header that can also carry extra TLVs.' },
  ],
};

export const PROXY_PROTOCOL: MessageSchema = {
  name: 'TrafficPolicy.ProxyProtocol',
  page: PAGE,
  doc:
    'Prefixes each upstream connection with a PROXY protocol header carrying the original client address. The upstream must expect it, ' +
    'or the connection breaks. Istio rejects it together with `tunnel`.',
  fields: [field('version', enumOf(PROXY_PROTOCOL_VERSION), 'The PROXY protocol version to send: `V1` (text) or `V2` (binary).', { default: 'V1' })],
};

export const RETRY_BUDGET: MessageSchema = {
  name: 'TrafficPolicy.RetryBudget',
  page: PAGE,
  doc: 'Limits concurrent retries relative to current load instead of a fixed number, so retries cannot snowball during an outage.',
  fields: [
    field(
      'percent',
      number(0, 100),
      'Concurrent retries allowed, as a percentage (0–100) of active plus pending requests.',
      { default: '20' },
    ),
    field(
      'minRetryConcurrency',
      integer(0, 4294967295),
      'Retries always allowed regardless of `percent`, so quiet services can still retry. With 20% and 3, 25 active requests allow 5 retries, 2 allow 3.',
      { default: '3' },
    ),
    field(
      'budgetInterval',
      duration,
      'Window over which recent requests are counted for the budget. `0ms` (the default) counts only requests active right now.',
      { default: '0ms' },
    ),
  ],
};

export const PORT_TRAFFIC_POLICY: MessageSchema = {
  name: 'TrafficPolicy.PortTrafficPolicy',
  page: PAGE,
  doc:
    'Settings for one port of the destination. They replace the rule-level settings for that port entirely: anything left out here gets ' +
    'Istio\'s default, not the value from the rule level. Besides `port`, at least one setting is required.',
  fields: [
    field(
      'port',
      { kind: 'message', message: PORT_SELECTOR },
      'The destination port these settings apply to. Istio rejects a port-level entry without it.',
      { required: true },
    ),
    field('loadBalancer', messageOf(LOAD_BALANCER_SETTINGS), 'Load-balancing algorithm and locality options for this port.'),
    field('connectionPool', messageOf(CONNECTION_POOL_SETTINGS), 'Connection and request limits for this port.'),
    field('outlierDetection', messageOf(OUTLIER_DETECTION), 'Ejection of failing endpoints for this port.'),
    field(
      'tls',
      messageOf(CLIENT_TLS_SETTINGS),
      'Upstream TLS for this port only, e.g. originate TLS (`SIMPLE`) on 443 while other ports stay plain. Typical in egress rules ' +
        'where the external service is reached over one TLS port.',
    ),
  ],
};

export const TRAFFIC_POLICY: MessageSchema = {
  name: 'TrafficPolicy',
  page: PAGE,
  doc:
    'What the calling proxy does with traffic it sends to the destination: load balancing, connection limits, outlier ejection, ' +
    'upstream TLS, tunnelling. Istio rejects an empty policy. A subset\'s policy overrides the rule\'s policy field by field.',
  fields: [
    field(
      'loadBalancer',
      messageOf(LOAD_BALANCER_SETTINGS),
      'How an endpoint is chosen: a simple algorithm (`simple`) or hashing for affinity (`consistentHash`), plus locality and warmup options.',
    ),
    field(
      'connectionPool',
      messageOf(CONNECTION_POOL_SETTINGS),
      'Circuit-breaker limits: maximum connections, pending and in-flight requests, retries, and connection timeouts.',
    ),
    field('outlierDetection', messageOf(OUTLIER_DETECTION), 'Ejects endpoints that keep returning errors or failing to connect.'),
    field(
      'tls',
      messageOf(CLIENT_TLS_SETTINGS),
      'TLS on connections the proxy opens to the destination. `SIMPLE` originates TLS to an external host; `ISTIO_MUTUAL` secures ' +
        'the sidecar-to-egress-gateway hop. Applies to every port unless a `portLevelSettings` entry overrides it.',
    ),
    field(
      'portLevelSettings',
      listOf(messageOf(PORT_TRAFFIC_POLICY), { maxItems: 4096 }),
      'Per-port overrides. A port entry replaces the rule-level settings for that port rather than merging with them, so repeat any ' +
        'rule-level setting you still want there.',
    ),
    field(
      'tunnel',
      messageOf(TUNNEL_SETTINGS),
      'Sends TCP/TLS connections for this host through an HTTP CONNECT or POST tunnel. Cannot be used with `proxyProtocol`.',
      { oneOf: 'connection_wrapper' },
    ),
    field(
      'proxyProtocol',
      messageOf(PROXY_PROTOCOL),
      'Sends a PROXY protocol header upstream so the destination learns the original client address. Cannot be used with `tunnel`.',
      { oneOf: 'connection_wrapper' },
    ),
    field(
      'retryBudget',
      messageOf(RETRY_BUDGET),
      'Caps concurrent retries as a share of active requests (with a floor), instead of the fixed `connectionPool.http.maxRetries`.',
    ),
  ],
};
