// HTTPRoute: one HTTP rule of a VirtualService, and its weighted destinations.
import { duration, field, integer, listOf, messageOf, string } from '../build';
import type { MessageSchema } from '../types';
import { DESTINATION, WEIGHT_FIELD } from './destination';
import { DELEGATE, HTTP_DIRECT_RESPONSE, HTTP_REDIRECT, HTTP_REWRITE } from './httpActions';
import { CORS_POLICY, HEADERS, HTTP_FAULT_INJECTION, HTTP_MIRROR_POLICY, HTTP_RETRY, PERCENT } from './httpPolicies';
import { HTTP_MATCH_REQUEST } from './match';

const PAGE = 'networking/virtual-service';

export const HTTP_ROUTE_DESTINATION: MessageSchema = {
  name: 'HTTPRouteDestination',
  page: PAGE,
  doc: 'One destination of an HTTP rule, with its share of the traffic and optional header changes for requests sent to it.',
  fields: [
    field('destination', messageOf(DESTINATION), 'Where matching requests are forwarded: a service host, plus subset and port if needed.', {
      required: true,
    }),
    WEIGHT_FIELD,
    field(
      'headers',
      messageOf(HEADERS),
      'Header changes that apply only when this destination is picked, in addition to the rule-level `headers`.',
    ),
  ],
};

const MIRROR_PERCENT_DOC = 'Old integer share (0 to 100) of requests copied to `mirror`; `mirrorPercentage` wins when both are set.';

export const HTTP_ROUTE: MessageSchema = {
  name: 'HTTPRoute',
  page: PAGE,
  doc:
    'One HTTP rule: the requests it catches (`match`) and what happens to them. Exactly one action is needed: forward (`route`), ' +
    '`redirect`, `directResponse` or `delegate`. Rules are tried in order and the first match wins.',
  requireOneOf: 'action',
  fields: [
    field(
      'name',
      string(),
      'A label for the rule, written to access logs (joined with the match\'s `name`) and used in Istio\'s warnings about unreachable rules.',
    ),
    field(
      'match',
      listOf(messageOf(HTTP_MATCH_REQUEST)),
      'Conditions for this rule; it applies when any one entry matches. Without `match` the rule catches everything, so any rule after it ' +
        'is never reached. Egress: separate the sidecar leg and the gateway leg with `gateways: [mesh]` and `gateways: [<egress gateway>]` here.',
    ),
    field(
      'route',
      listOf(messageOf(HTTP_ROUTE_DESTINATION)),
      'Forward the request to these destinations, shared by `weight`. Cannot be combined with `redirect`, `directResponse` or `delegate`.',
      { oneOf: 'action' },
    ),
    field(
      'redirect',
      messageOf(HTTP_REDIRECT),
      'Answer with an HTTP redirect instead of forwarding. Cannot be combined with `route`, `directResponse`, `delegate`, `rewrite` or `fault`.',
      { oneOf: 'action' },
    ),
    field(
      'directResponse',
      messageOf(HTTP_DIRECT_RESPONSE),
      'Answer with a fixed status and body instead of forwarding. Cannot be combined with `route`, `redirect`, `rewrite` or `fault`.',
      { oneOf: 'action' },
    ),
    field(
      'delegate',
      messageOf(DELEGATE),
      'Let another VirtualService (named here) supply the rules for requests matching this one. Cannot be combined with `route` or `redirect`.',
      { oneOf: 'action' },
    ),
    field(
      'rewrite',
      messageOf(HTTP_REWRITE),
      'Change the path or Host header before forwarding. Only with `route`; not with `redirect` or `directResponse`.',
    ),
    field(
      'timeout',
      duration,
      'Overall time limit for the request, retries included, e.g. `10s`; at least 1ms. When unset there is no limit, because Istio ' +
        'switches off Envoy\'s default 15s route timeout.',
      { default: 'none (no timeout)' },
    ),
    field(
      'retries',
      messageOf(HTTP_RETRY),
      'Retry policy for failed requests. When left out, the mesh-wide default (2 retries on connection-level failures) applies.',
    ),
    field(
      'fault',
      messageOf(HTTP_FAULT_INJECTION),
      'Inject delays or errors into matching requests to test resilience. Not allowed with `redirect` or `directResponse`.',
    ),
    field(
      'mirror',
      messageOf(DESTINATION),
      'Also send a copy of each request to this destination; the copy\'s response is discarded and the caller never waits for it. Cannot ' +
        'be combined with `mirrors`.',
      { oneOf: 'mirror' },
    ),
    field(
      'mirrors',
      listOf(messageOf(HTTP_MIRROR_POLICY)),
      'Copy requests to several destinations, each with its own percentage. Cannot be combined with `mirror`.',
      { oneOf: 'mirror' },
    ),
    field('mirrorPercent', integer(0, 100), MIRROR_PERCENT_DOC, {
      deprecated: 'Use `mirrorPercentage` (`value:` accepts fractions).',
      hidden: true,
      anchor: '',
    }),
    // The CRD also accepts the snake_case spelling of the same deprecated field (a kubebuilder altName).
    field('mirror_percent', integer(0, 100), MIRROR_PERCENT_DOC, {
      deprecated: 'Use `mirrorPercentage` (`value:` accepts fractions).',
      hidden: true,
      anchor: '',
    }),
    field(
      'mirrorPercentage',
      messageOf(PERCENT),
      'Share of requests copied to `mirror`, 0 to 100. It does not apply to `mirrors`, which carry their own `percentage`.',
      { default: '100' },
    ),
    field('corsPolicy', messageOf(CORS_POLICY), 'CORS rules the proxy enforces and answers for browsers calling this route.'),
    field(
      'headers',
      messageOf(HEADERS),
      'Header changes for every request matched by this rule and its responses. Per-destination changes go in `route[].headers`.',
    ),
  ],
};
