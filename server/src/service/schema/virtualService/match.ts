// Match conditions of VirtualService rules: StringMatch, the HTTP request match, and fields shared with TLS and TCP matches.
import { boolean, field, labelMap, listOf, mapOf, messageOf, portNumber, string } from '../build';
import type { FieldSchema, MessageSchema } from '../types';

const PAGE = 'networking/virtual-service';

/**
 * An empty StringMatch (`{}`) is meaningful for headers (presence check) and `uri` (any path), so the
 * shared message does not require a match type; see STRING_MATCH_NON_EMPTY for CORS origins.
 */
export const STRING_MATCH: MessageSchema = {
  name: 'StringMatch',
  page: PAGE,
  doc:
    'Compares a string in one of three ways, `exact`, `prefix` or `regex`; only one may be set. `exact` and `prefix` are case-sensitive, ' +
    'a regex can opt out with `(?i)`. For headers, `{}` only checks that the header is present.',
  fields: [
    field('exact', string(), 'The value must equal this string, character for character.', { oneOf: 'matchType' }),
    field(
      'prefix',
      string(),
      'The value must start with this string. An empty prefix is only allowed for `uri`; elsewhere leave the matcher empty (`{}`) instead.',
      { oneOf: 'matchType' },
    ),
    field(
      'regex',
      string(),
      'An RE2 regular expression that must match the whole value (anchors are implied). RE2 has no look-arounds or back-references, and ' +
        'patterns longer than 1024 characters are rejected.',
      { oneOf: 'matchType' },
    ),
  ],
};

/** The same message where Istio rejects an empty matcher (`corsPolicy.allowOrigins`). */
export const STRING_MATCH_NON_EMPTY: MessageSchema = { ...STRING_MATCH, requireOneOf: 'matchType' };

const stringMatch = messageOf(STRING_MATCH);

export const MATCH_PORT_FIELD: FieldSchema = field(
  'port',
  portNumber,
  'Only traffic addressed to this port of the host matches. Useful when one VirtualService covers several ports; when the host has a single ' +
    'port it can be left out.',
);

export const MATCH_GATEWAYS_FIELD: FieldSchema = field(
  'gateways',
  listOf(string('gateway-name')),
  'Restricts this match to some of the VirtualService\'s gateways (`ns/name`, `name`, or `mesh` for sidecars), in place of `spec.gateways` ' +
    'for this rule. Names not also listed in `spec.gateways` never apply. Egress pattern: one rule matches `gateways: [mesh]` and sends traffic ' +
    'to the egress gateway; another matches the egress Gateway and sends it to the external host.',
);

export const MATCH_SOURCE_LABELS_FIELD: FieldSchema = field(
  'sourceLabels',
  labelMap,
  'Applies the rule only to client workloads that carry all of these labels. It selects proxies when configuration is built rather than ' +
    'testing each request, and it only works when `spec.gateways` is omitted or includes `mesh`.',
);

export const MATCH_SOURCE_NAMESPACE_FIELD: FieldSchema = field(
  'sourceNamespace',
  string('label-name'),
  'Applies the rule only to client workloads in this namespace. Like `sourceLabels` it selects proxies rather than requests, and needs ' +
    '`spec.gateways` to be omitted or to include `mesh`.',
);

export const MATCH_DESTINATION_SUBNETS_FIELD: FieldSchema = field(
  'destinationSubnets',
  listOf(string('ip-or-cidr')),
  'Matches connections whose destination IP is one of these addresses or falls in one of these CIDR blocks, e.g. `10.0.0.1` or `192.168.0.0/16`.',
);

export const HTTP_MATCH_REQUEST: MessageSchema = {
  name: 'HTTPMatchRequest',
  page: PAGE,
  doc:
    'One set of conditions on an HTTP request. Every condition in the block must hold (AND); a rule with several blocks matches when any ' +
    'block does (OR).',
  fields: [
    field(
      'name',
      string(),
      'A label for this match. It is appended to the rule\'s `name` in access logs and names the match in Istio\'s unreachable-rule warnings.',
    ),
    field(
      'uri',
      stringMatch,
      'Matches the request path, e.g. `prefix: /api/` (`prefix: /` matches every request). Case-sensitive unless `ignoreUriCase` is ' +
        'set.',
    ),
    field('scheme', stringMatch, 'Matches the URL scheme, e.g. `exact: https`. Case-sensitive.'),
    field('method', stringMatch, 'Matches the HTTP method, e.g. `exact: POST`. Case-sensitive, so `post` never matches.'),
    field(
      'authority',
      stringMatch,
      'Matches the `:authority` (Host) header. Host selection already happens through `hosts`; use this to narrow further. Case-sensitive.',
    ),
    field(
      'headers',
      mapOf(stringMatch),
      'Request headers to test, keyed by lowercase, hyphenated name (`x-request-id`); `{}` as the matcher only requires the header ' +
        'to exist. The keys `uri`, `scheme`, `method` and `authority` are ignored here. Keys like `@request.auth.claims.group` test ' +
        'JWT claims and are only allowed on VirtualServices bound to gateways.',
    ),
    MATCH_PORT_FIELD,
    MATCH_SOURCE_LABELS_FIELD,
    MATCH_GATEWAYS_FIELD,
    field(
      'queryParams',
      mapOf(stringMatch),
      'Query-string parameters to test, keyed by parameter name. `exact: ""` matches a parameter given without a value (`?debug`); a regex ' +
        'must match the entire value.',
    ),
    field(
      'ignoreUriCase',
      boolean,
      'Makes `uri` matching case-insensitive for `exact` and `prefix`. Regex matches are not affected; put `(?i)` in the pattern instead.',
      { default: 'false' },
    ),
    field(
      'withoutHeaders',
      mapOf(stringMatch),
      'The opposite of `headers`: the block fails when a listed header matches. `{}` rejects requests that carry the header at all.',
    ),
    MATCH_SOURCE_NAMESPACE_FIELD,
    field(
      'statPrefix',
      string(),
      'Enables per-route Envoy statistics under `route.<statPrefix>.`; meant for a few critical routes. Only proxy (`envoy_*`) statistics ' +
        'change, not Istio\'s `istio_*` metrics.',
    ),
  ],
};
