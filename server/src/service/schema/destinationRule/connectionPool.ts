// DestinationRule connection pool (circuit-breaker limits) and TCP/HTTP keepalives.
// Also used by Sidecar `inboundConnectionPool`.
import { boolean, duration, enumOf, field, integer, messageOf } from '../build';
import type { EnumSchema, MessageSchema } from '../types';

const PAGE = 'networking/destination-rule';

/** int32 counters that Istio's webhook rejects when negative. */
const nonNegativeInt32 = integer(0, 2147483647);

export const H2_UPGRADE_POLICY: EnumSchema = {
  name: 'ConnectionPoolSettings-HTTPSettings-H2UpgradePolicy',
  page: PAGE,
  values: [
    { value: 'DEFAULT', doc: 'Follow the mesh-wide setting (`h2UpgradePolicy` in MeshConfig), which does not upgrade unless changed.' },
    { value: 'DO_NOT_UPGRADE', doc: 'Keep HTTP/1.1 connections to this destination as HTTP/1.1, whatever the mesh-wide setting says.' },
    { value: 'UPGRADE', doc: 'Talk HTTP/2 to this destination even when the client sent HTTP/1.1. Cannot be combined with `useClientProtocol: true`.' },
  ],
};

export const TCP_KEEPALIVE: MessageSchema = {
  name: 'ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  page: PAGE,
  doc: 'Turns on SO_KEEPALIVE for upstream sockets. Any field left out falls back to the node\'s kernel setting.',
  fields: [
    field(
      'probes',
      integer(0, 4294967295),
      'How many unanswered keepalive probes mark the connection dead. Unset means the OS value (9 on a default Linux).',
    ),
    field(
      'time',
      duration,
      'How long a connection must sit idle before the first probe is sent, e.g. `300s`. Unset means the OS value (2 hours on a default Linux). ' +
        'Lower it when a NAT or firewall on the way to an external host silently drops idle connections.',
    ),
    field('interval', duration, 'Gap between successive probes, e.g. `75s` (the usual Linux value, used when unset). At least 1ms.'),
  ],
};

export const TCP_SETTINGS: MessageSchema = {
  name: 'ConnectionPoolSettings.TCPSettings',
  page: PAGE,
  doc: 'Limits and timeouts for the upstream connections themselves; they apply to HTTP and TCP traffic alike.',
  fields: [
    field(
      'maxConnections',
      nonNegativeInt32,
      'Cap on concurrent connections from one proxy to each destination host (for HTTP/1.1 and TCP). Beyond it, new connections are refused ' +
        'and HTTP requests wait in the pending queue. Unset means effectively unlimited (2^32-1).',
    ),
    field(
      'connectTimeout',
      duration,
      'How long to wait for the TCP handshake with the upstream, e.g. `5s` or `250ms`; must be at least 1ms. Slow external APIs may need more than the default.',
      { default: '10s' },
    ),
    field('tcpKeepalive', messageOf(TCP_KEEPALIVE), 'Enables TCP keepalive probes on upstream connections; useful when a middlebox drops idle flows.'),
    field(
      'maxConnectionDuration',
      duration,
      'Closes any upstream connection this long after it was opened, busy or not (at least 1ms). Unset means connections may live forever.',
    ),
    field(
      'idleTimeout',
      duration,
      'Closes an upstream connection after this long with no bytes in either direction; `0s` turns the timeout off. It is a listener property, ' +
        'so with weighted routes the first destination\'s value wins for all of them. Inbound connections use `ISTIO_META_IDLE_TIMEOUT` instead.',
      { default: '1h' },
    ),
  ],
};

export const HTTP2_KEEPALIVE: MessageSchema = {
  name: 'ConnectionPoolSettings.HTTPSettings.ConnectionKeepalive',
  page: PAGE,
  doc: 'HTTP/2 PING settings for upstream connections. When this block is present Istio requires both `interval` and `timeout`.',
  fields: [
    field('interval', duration, 'How often to send an HTTP/2 PING on an upstream connection, e.g. `30s`; at least 1ms.', { required: true }),
    field('timeout', duration, 'How long to wait for the PING reply before the connection is closed, e.g. `5s`; at least 1ms.', { required: true }),
  ],
};

export const HTTP_SETTINGS: MessageSchema = {
  name: 'ConnectionPoolSettings.HTTPSettings',
  page: PAGE,
  doc: 'Request-level limits for HTTP/1.1, HTTP/2 and gRPC destinations. They have no effect on traffic the proxy handles as plain TCP or TLS.',
  fields: [
    field(
      'http1MaxPendingRequests',
      nonNegativeInt32,
      'How many requests may wait for a free connection before the proxy answers 503 (overflow). Counts for HTTP/1.1 and HTTP/2. Unset means 2^32-1.',
    ),
    field(
      'http2MaxRequests',
      nonNegativeInt32,
      'Cap on in-flight requests to the destination across all its hosts, for HTTP/1.1 and HTTP/2 despite the name. Unset means 2^32-1.',
    ),
    field(
      'maxRequestsPerConnection',
      nonNegativeInt32,
      'Requests sent on one connection before it is retired. `1` turns off connection reuse (keep-alive); `0` (the default) means no limit.',
      { default: '0 (unlimited)' },
    ),
    field(
      'maxRetries',
      nonNegativeInt32,
      'Cap on retries outstanding at the same time to all hosts of the destination. Unset means 2^32-1. See also `retryBudget`.',
    ),
    field(
      'idleTimeout',
      duration,
      'Closes a pooled upstream connection after this long with no active requests (HTTP/2 connections are drained first). At least 1ms. ' +
        'HTTP/2 PINGs do not count as activity.',
      { default: '1h' },
    ),
    field(
      'h2UpgradePolicy',
      enumOf(H2_UPGRADE_POLICY),
      'Whether HTTP/1.1 requests to this destination are sent upstream over HTTP/2. `UPGRADE` only works if the upstream speaks HTTP/2.',
      { default: 'DEFAULT' },
    ),
    field(
      'useClientProtocol',
      boolean,
      'When true, the upstream connection uses the same HTTP version the client used, and `h2UpgradePolicy` is ignored. ' +
        'Istio rejects it together with `h2UpgradePolicy: UPGRADE`.',
      { default: 'false' },
    ),
    field(
      'maxConcurrentStreams',
      nonNegativeInt32,
      'Cap on concurrent streams the proxy opens on one HTTP/2 connection to an upstream host. Unset means 2^31-1.',
    ),
    field('http2KeepAlive', messageOf(HTTP2_KEEPALIVE), 'Sends HTTP/2 PING frames on upstream connections to detect dead peers; needs `interval` and `timeout`.'),
  ],
};

export const CONNECTION_POOL_SETTINGS: MessageSchema = {
  name: 'ConnectionPoolSettings',
  page: PAGE,
  doc:
    'Circuit-breaker limits for each upstream host: how many connections and requests the proxy may open or queue, and connection timeouts. ' +
    'Istio rejects an empty block: set `tcp`, `http` or both.',
  fields: [
    field('tcp', messageOf(TCP_SETTINGS), 'Connection-level limits and timeouts (connection count, connect and idle timeouts, keepalive) for all protocols.'),
    field('http', messageOf(HTTP_SETTINGS), 'Request-level limits for HTTP traffic (pending queue, in-flight requests, retries, HTTP/2 options).'),
  ],
};
