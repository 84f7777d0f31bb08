// Policies attached to an HTTP rule: header edits, retries, fault injection, CORS and mirroring.
import { boolean, duration, enumOf, field, integer, listOf, mapOf, messageOf, number, string } from '../build';
import type { EnumSchema, MessageSchema } from '../types';
import { DESTINATION } from './destination';
import { STRING_MATCH_NON_EMPTY } from './match';

const PAGE = 'networking/virtual-service';

/** The CRD types `value` as a plain double; Istio's webhook accepts 0 to 100 only. */
export const PERCENT: MessageSchema = {
  name: 'Percent',
  page: PAGE,
  doc: 'A percentage written as `value:` with a number from 0 to 100; fractions are allowed (`0.1` is one request in a thousand).',
  fields: [
    field(
      'value',
      number(0, 100),
      'The percentage, 0 to 100. For faults, values between 0 and 0.0001 are rejected as too small to represent.',
    ),
  ],
};

export const HEADER_OPERATIONS: MessageSchema = {
  name: 'Headers.HeaderOperations',
  page: PAGE,
  doc: 'Edits to apply to a set of headers: overwrite, append, remove.',
  fields: [
    field(
      'set',
      mapOf(string()),
      'Headers to write, replacing any value already present. `host` or `:authority` may be set only in `request` (and not together ' +
        'with `rewrite.authority`); other `:` pseudo-headers never. A literal `%` must be written `%%`, since `%NAME%` inserts an Envoy variable.',
    ),
    field(
      'add',
      mapOf(string()),
      'Headers to append: an existing header keeps its value and gains this one (sent as a comma-separated list). Same name rules as `set`.',
    ),
    field('remove', listOf(string()), 'Names of headers to drop. `host` and `:` pseudo-headers cannot be removed.'),
  ],
};

export const HEADERS: MessageSchema = {
  name: 'Headers',
  page: PAGE,
  doc: 'Header changes made by the proxy: on the request before it goes to the destination, and on the response before it goes back.',
  fields: [
    field('request', messageOf(HEADER_OPERATIONS), 'Changes made to the request before it is forwarded to the destination.'),
    field('response', messageOf(HEADER_OPERATIONS), 'Changes made to the response before it is returned to the caller.'),
  ],
};

export const HTTP_RETRY: MessageSchema = {
  name: 'HTTPRetry',
  page: PAGE,
  doc:
    'How failed requests are retried. Without a `retries` block the mesh default applies (2 retries on connect-failure, refused-stream, ' +
    'unavailable and cancelled, configurable in MeshConfig `defaultHttpRetryPolicy`).',
  fields: [
    field(
      'attempts',
      integer(0, 2147483647),
      'How many retries are allowed; a request is tried at most 1 + `attempts` times. `0` turns retries off, and then `perTryTimeout`, ' +
        '`retryOn` and `retryRemoteLocalities` must not be set. The route `timeout` can end the retries early.',
    ),
    field(
      'perTryTimeout',
      duration,
      'Time limit for each try, the first one included, e.g. `2s`. At least 1ms, in whole milliseconds.',
      { default: 'the route `timeout` (none)' },
    ),
    field(
      'retryOn',
      string(undefined, [
        'connect-failure,refused-stream,unavailable,cancelled',
        '5xx',
        'gateway-error',
        'reset',
        'connect-failure',
        'refused-stream',
        'retriable-4xx',
        'retriable-status-codes',
        'reset-before-request',
      ]),
      'Comma-separated conditions that trigger a retry, without spaces: Envoy policies (`5xx`, `gateway-error`, `reset`, `connect-failure`, ' +
        '`refused-stream`, `retriable-4xx`, …), gRPC ones (`cancelled`, `deadline-exceeded`, `internal`, `resource-exhausted`, `unavailable`) or ' +
        'HTTP status codes such as `503`. A code only matches a response the upstream really sent, so `503` does not cover a reset connection.',
      { default: 'connect-failure,refused-stream,unavailable,cancelled' },
    ),
    field('retryRemoteLocalities', boolean, 'When true, retries may go to endpoints in other localities than the failed attempt.', {
      default: 'false',
    }),
    field('retryIgnorePreviousHosts', boolean, 'When true, each retry avoids the endpoints already tried for this request.', {
      default: 'true',
    }),
    field(
      'backoff',
      duration,
      'Base interval between retries, grown exponentially by Envoy. Long backoffs combined with a short `timeout` leave room for fewer retries ' +
        'than `attempts`.',
      { default: '25ms' },
    ),
  ],
};

export const CORS_UNMATCHED_PREFLIGHTS: EnumSchema = {
  name: 'CorsPolicy-UnmatchedPreflights',
  page: PAGE,
  values: [
    { value: 'UNSPECIFIED', doc: 'Not chosen; handled like `FORWARD`.' },
    { value: 'FORWARD', doc: 'Preflight requests from origins outside `allowOrigins` are passed on to the upstream service.' },
    { value: 'IGNORE', doc: 'Preflight requests from origins outside `allowOrigins` are not passed on to the upstream service.' },
  ],
};

const CORS_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*'];

export const CORS_POLICY: MessageSchema = {
  name: 'CorsPolicy',
  page: PAGE,
  doc: 'Cross-origin (CORS) rules that the proxy answers for browsers: allowed origins, methods and headers, and preflight caching.',
  fields: [
    field('allowOrigin', listOf(string()), 'Old list of allowed origins compared exactly; ignored when `allowOrigins` is set.', {
      deprecated: 'Use `allowOrigins` with `exact:` matchers.',
      hidden: true,
      anchor: '',
    }),
    field(
      'allowOrigins',
      listOf(messageOf(STRING_MATCH_NON_EMPTY)),
      'Origins allowed to make cross-origin calls, each an `exact`, `prefix` or `regex` matcher with a non-empty value. When one matches, the ' +
        'caller\'s own origin is echoed back in `Access-Control-Allow-Origin`.',
    ),
    field(
      'allowMethods',
      listOf(string(undefined, CORS_METHODS)),
      'Methods callers may use, sent as `Access-Control-Allow-Methods`. Only upper-case standard methods or `*` are accepted.',
    ),
    field('allowHeaders', listOf(string()), 'Request headers callers may send, sent as `Access-Control-Allow-Headers`; `*` allows any.'),
    field('exposeHeaders', listOf(string()), 'Response headers the browser may show to scripts, sent as `Access-Control-Expose-Headers`.'),
    field(
      'maxAge',
      duration,
      'How long a browser may reuse a preflight answer (`Access-Control-Max-Age`), e.g. `24h`. Whole seconds only; fractions are rejected.',
    ),
    field(
      'allowCredentials',
      boolean,
      'Whether the browser may include credentials (cookies, authorization) in the real request; sets `Access-Control-Allow-Credentials`.',
    ),
    field(
      'unmatchedPreflights',
      enumOf(CORS_UNMATCHED_PREFLIGHTS),
      'What happens to preflight requests whose origin is not allowed: `FORWARD` them upstream, or `IGNORE` them.',
      { default: 'FORWARD' },
    ),
  ],
};

export const FAULT_DELAY: MessageSchema = {
  name: 'HTTPFaultInjection.Delay',
  page: PAGE,
  doc: 'Holds a share of requests for a while before forwarding them, to test how callers cope with slowness. Needs `fixedDelay` and `percentage`.',
  fields: [
    field('percent', integer(0, 100), 'Old integer share of requests to delay (0 to 100); only read when `percentage` is absent.', {
      deprecated: 'Use `percentage` (`value:` accepts fractions).',
    }),
    field(
      'fixedDelay',
      duration,
      'How long each selected request waits, e.g. `5s`; at least 1ms. Effectively required: a delay without it is dropped.',
      { oneOf: 'delayType' },
    ),
    field('exponentialDelay', duration, 'Not implemented: Istio\'s webhook rejects it. Use `fixedDelay`.', {
      oneOf: 'delayType',
      hidden: true,
      anchor: '',
    }),
    field(
      'percentage',
      messageOf(PERCENT),
      'Share of requests to delay, 0 to 100. When it is left out no request is delayed, so set it even for 100%.',
    ),
  ],
};

const GRPC_CODES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS',
  'UNAUTHENTICATED',
];

export const FAULT_ABORT: MessageSchema = {
  name: 'HTTPFaultInjection.Abort',
  page: PAGE,
  doc:
    'Answers a share of requests with an error instead of forwarding them, as if the service had failed. Needs `httpStatus` or `grpcStatus` ' +
    '(without one the abort is dropped) and `percentage`.',
  fields: [
    field('httpStatus', integer(200, 600), 'HTTP status returned to the caller, e.g. `503`. Istio accepts 200 to 600.', { oneOf: 'errorType' }),
    field(
      'grpcStatus',
      string(undefined, GRPC_CODES),
      'gRPC status to fail the call with, by upper-case name, e.g. `UNAVAILABLE`; numbers such as `14` are rejected.',
      { oneOf: 'errorType' },
    ),
    field('http2Error', string(), 'Not implemented: Istio\'s webhook rejects it. Use `httpStatus` or `grpcStatus`.', {
      oneOf: 'errorType',
      hidden: true,
      anchor: '',
    }),
    field(
      'percentage',
      messageOf(PERCENT),
      'Share of requests to abort, 0 to 100. When it is left out no request is aborted, so set it even for 100%.',
    ),
  ],
};

export const HTTP_FAULT_INJECTION: MessageSchema = {
  name: 'HTTPFaultInjection',
  page: PAGE,
  doc:
    'Deliberate failures injected by the client-side proxy for testing: a delay, an abort, or both (at least one is required). The two act ' +
    'independently. Injected aborts are produced locally, so this rule\'s `retries` do not retry them.',
  fields: [
    field('delay', messageOf(FAULT_DELAY), 'Adds latency to a share of requests before they are forwarded.'),
    field('abort', messageOf(FAULT_ABORT), 'Fails a share of requests with an HTTP or gRPC error without forwarding them.'),
  ],
};

export const HTTP_MIRROR_POLICY: MessageSchema = {
  name: 'HTTPMirrorPolicy',
  page: PAGE,
  doc: 'One extra destination that receives a copy of the traffic; its replies are discarded.',
  fields: [
    field('destination', messageOf(DESTINATION), 'The service that receives the copies.', { required: true }),
    field('percentage', messageOf(PERCENT), 'Share of requests copied to this destination, 0 to 100.', { default: '100' }),
  ],
};
