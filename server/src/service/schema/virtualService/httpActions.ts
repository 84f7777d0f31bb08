// What an HTTP rule does besides forwarding: redirect, answer directly, delegate, or rewrite the request.
import { enumOf, field, integer, messageOf, portNumber, string } from '../build';
import type { EnumSchema, MessageSchema } from '../types';

const PAGE = 'networking/virtual-service';

export const REDIRECT_PORT_SELECTION: EnumSchema = {
  name: 'HTTPRedirect-RedirectPortSelection',
  page: PAGE,
  values: [
    { value: 'FROM_PROTOCOL_DEFAULT', doc: 'Use the standard port of the redirect scheme: 80 for `http`, 443 for `https`.' },
    { value: 'FROM_REQUEST_PORT', doc: 'Keep the port the original request was sent to.' },
  ],
};

export const HTTP_REDIRECT: MessageSchema = {
  name: 'HTTPRedirect',
  page: PAGE,
  doc:
    'Answers with a redirect (301 unless `redirectCode` says otherwise) to a location built from the request with some parts replaced. ' +
    'At least one of `uri`, `prefixRewrite`, `authority`, `scheme`, `port` or `derivePort` is required.',
  fields: [
    field(
      'uri',
      string(),
      'Path of the redirect location. The whole path is replaced, even when the rule matched on a prefix. Cannot be combined with `prefixRewrite`.',
      { oneOf: 'path' },
    ),
    field('authority', string(), 'Host (authority) of the redirect location, e.g. `www.example.com`.'),
    field('port', portNumber, 'Fixed port of the redirect location. Cannot be combined with `derivePort`.', { oneOf: 'redirectPort' }),
    field(
      'derivePort',
      enumOf(REDIRECT_PORT_SELECTION),
      'Computes the port of the redirect location instead of fixing it: from the scheme\'s default, or from the request. Cannot be combined ' +
        'with `port`.',
      { oneOf: 'redirectPort' },
    ),
    field(
      'scheme',
      string(undefined, ['https', 'http']),
      'Scheme of the redirect location: `http` or `https` only. Unset keeps the request\'s scheme; with `derivePort: FROM_PROTOCOL_DEFAULT` ' +
        'it also decides the port.',
    ),
    field('redirectCode', integer(300, 399), 'HTTP status of the redirect response; must be a 3xx code such as 302 or 308.', {
      default: '301',
    }),
    field(
      'prefixRewrite',
      string(),
      'Swaps the matched path prefix for this value and keeps the rest; every `uri` match of the rule must then be a `prefix` match, ' +
        'and `uri` cannot be set too. Mind the slashes: with prefix `/foo` and `prefixRewrite: /`, `/foo/bar` becomes `//bar`, so ' +
        'match `/foo/` instead.',
      { oneOf: 'path' },
    ),
  ],
};

export const HTTP_BODY: MessageSchema = {
  name: 'HTTPBody',
  page: PAGE,
  doc: 'The body of a direct response, as text or as base64-encoded bytes. Bodies over 1MB are rejected and over 100KB draw a warning.',
  fields: [
    field('string', string(), 'The body as plain text, e.g. a JSON document.', { oneOf: 'specifier' }),
    // The CRD types this as a base64 string (format: byte).
    field('bytes', string(), 'The body as base64-encoded bytes, for binary payloads such as gRPC messages.', { oneOf: 'specifier' }),
  ],
};

export const HTTP_DIRECT_RESPONSE: MessageSchema = {
  name: 'HTTPDirectResponse',
  page: PAGE,
  doc:
    'Makes the proxy answer the request itself with a fixed status and optional body; nothing is forwarded. Set a `content-type` with the ' +
    'rule\'s `headers.response` when sending a body.',
  fields: [
    // uint32 in the CRD; the webhook only accepts 200 to 600.
    field('status', integer(200, 600), 'HTTP status to return, e.g. `503` or `404`. Istio accepts 200 to 600.', { required: true }),
    field('body', messageOf(HTTP_BODY), 'Response body, given as `string` or `bytes`. Without it the response has no body.'),
  ],
};

export const DELEGATE: MessageSchema = {
  name: 'Delegate',
  page: PAGE,
  doc:
    'Hands a rule over to another VirtualService, whose `http` rules are merged in beneath this rule\'s match. Only one level of delegation ' +
    'works; the delegate must have no `hosts`, no `gateways` and no `tls` or `tcp` rules, and its matches must narrow this rule\'s matches.',
  fields: [
    field('name', string(), 'Name of the VirtualService that holds the delegated rules.'),
    field('namespace', string('label-name'), 'Namespace of the delegate VirtualService.', {
      default: 'the namespace of this VirtualService',
    }),
  ],
};

export const REGEX_REWRITE: MessageSchema = {
  name: 'RegexRewrite',
  page: PAGE,
  doc: 'A regular-expression substitution on the request path. Both `match` and `rewrite` must be given.',
  fields: [
    // Not required by the CRD; Istio's webhook rejects the rewrite unless both fields are non-empty.
    field('match', string(), 'RE2 pattern to look for in the path, e.g. `^/service/([^/]+)(/.*)$`. Add `(?i)` for a case-insensitive match.', {
      required: true,
    }),
    field(
      'rewrite',
      string(),
      'Replacement for every matching part of the path. `\\1`, `\\2`, … insert capture groups, e.g. `/v2/\\2/\\1`.',
      { required: true },
    ),
  ],
};

export const HTTP_REWRITE: MessageSchema = {
  name: 'HTTPRewrite',
  page: PAGE,
  doc:
    'Changes the path or Host of a request before it is forwarded. Needs at least one of `uri`, `uriRegexRewrite` or `authority`, and ' +
    'cannot be combined with `redirect` or `directResponse`.',
  fields: [
    field(
      'uri',
      string(),
      'New path. When the rule matched on a `uri.prefix`, only that prefix is replaced and the rest of the path is kept. Cannot be combined ' +
        'with `uriRegexRewrite`.',
      { oneOf: 'path' },
    ),
    field(
      'authority',
      string(),
      'New Host (`:authority`) header sent to the destination. Cannot be used when the rule\'s `headers.request` also sets `host` or `:authority`.',
    ),
    field('uriRegexRewrite', messageOf(REGEX_REWRITE), 'Rewrites the path with a regular-expression substitution. Cannot be combined with `uri`.', {
      oneOf: 'path',
    }),
  ],
};
