// One HTTP rule as Istio's webhook checks it beyond the schema's one-action rule: delegation,
// what may accompany a redirect or direct response, redirects and rewrites that change
// nothing, the authority set twice, oversized direct responses.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { keyText } from '../../../parse/yamlPath';
import { keySpan } from '../finding';
import { sameDocument } from './commonPlaces';
import type { VirtualServiceScope } from './virtualService';
import { checkHeaders } from './virtualServiceHeaders';
import { checkFault, checkRetries } from './virtualServicePolicies';
import { fieldSpan, isSet, mapItems, quotedLike, textOf } from './virtualServiceYaml';

const KB = 1024;
const MB = 1024 * KB;

export function checkHttpRoute(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const delegates = isSet(read, rule, 'delegate');
  if (scope.isDelegate && delegates) {
    report({
      ...fieldSpan(read, rule, 'delegate'),
      code: 'IE272',
      message: 'This VirtualService has no `hosts`, so it is itself a delegate, and Istio does not allow a delegate to delegate again. Route, redirect or answer here instead, or add `hosts`.',
    });
  }
  // Istio checks what may go with an action only on rules that do not delegate.
  if (scope.isDelegate || !delegates) checkActionCompanions(scope, rule);
  checkRedirect(scope, rule);
  checkRewrite(scope, rule);
  checkAuthority(scope, rule);
  checkDirectResponse(scope, rule);
  checkRetries(scope, read.child(rule, 'retries'), rule);
  checkFault(scope, read.child(rule, 'fault'), rule);
  checkHeaders(scope, rule);
}

function checkActionCompanions(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const action = isSet(read, rule, 'redirect') ? 'redirect' : isSet(read, rule, 'directResponse') ? 'directResponse' : undefined;
  if (!action) return;
  for (const key of ['fault', 'rewrite']) {
    if (!isSet(read, rule, key)) continue;
    const why = key === 'fault' ? 'faults are injected into forwarded requests' : 'a rewrite changes the request before it is forwarded';
    report({
      ...fieldSpan(read, rule, key),
      code: 'IE273',
      message: `\`${key}\` cannot go with \`${action}\`: the proxy answers by itself and forwards nothing, while ${why}. Istio rejects the rule; remove \`${key}\`, or forward with \`route\` instead.`,
    });
  }
}

function checkRedirect(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const redirect = read.child(rule, 'redirect');
  if (!isMap(redirect)) return;
  const prefixRewrite = textOf(read, redirect, 'prefixRewrite');
  if (prefixRewrite) {
    const offending = mapItems(read, rule, 'match').find(({ node }) => {
      const uri = read.child(node, 'uri');
      return uri !== undefined && isSet(read, node, 'uri') && !(isMap(uri) && read.keys(uri).includes('prefix'));
    });
    if (offending) {
      report({
        ...fieldSpan(read, redirect, 'prefixRewrite'),
        code: 'IE275',
        message: `\`prefixRewrite\` replaces the matched prefix, but \`match[${offending.index}].uri\` is not a \`prefix\` match, and Istio rejects that. Match the URI with \`prefix:\`, or redirect to a fixed path with \`uri\`.`,
        related: [sameDocument(scope.doc, fieldSpan(read, offending.node, 'uri'), 'the URI match that is not a prefix')],
      });
    }
  }
  const changes = ['uri', 'prefixRewrite', 'authority', 'scheme'].some((key) => !!textOf(read, redirect, key)) || isSet(read, redirect, 'port') || isSet(read, redirect, 'derivePort');
  if (!changes) {
    report({
      ...fieldSpan(read, rule, 'redirect'),
      code: 'IE274',
      message: 'This redirect would send the client back to the same URL, and Istio rejects it: set at least one of `uri`, `prefixRewrite`, `authority`, `scheme` or `port`.',
    });
  }
  const scheme = textOf(read, redirect, 'scheme');
  if (scheme && scheme.value !== 'http' && scheme.value !== 'https') {
    const lower = scheme.value.toLowerCase();
    const candidates = lower === 'http' || lower === 'https' ? [lower] : ['https', 'http'];
    report({
      ...scheme.span,
      code: 'IE276',
      message: `Redirect scheme \`${scheme.value}\` is not allowed: Istio accepts \`http\` or \`https\` only (lower case).`,
      data: { fix: 'replace', candidates: candidates.map((candidate) => quotedLike(scope.doc.text, scheme.span, candidate)) },
    });
  }
}

function checkRewrite(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const rewrite = read.child(rule, 'rewrite');
  if (!isMap(rewrite)) return;
  const regex = read.child(rewrite, 'uriRegexRewrite');
  if (!textOf(read, rewrite, 'uri') && !textOf(read, rewrite, 'authority') && !isSet(read, rewrite, 'uriRegexRewrite')) {
    report({
      ...fieldSpan(read, rule, 'rewrite'),
      code: 'IE277',
      message: 'This rewrite changes nothing, and Istio rejects it: set `uri`, `uriRegexRewrite` or `authority`, or remove `rewrite`.',
    });
  }
  if (!isMap(regex)) return;
  for (const key of ['match', 'rewrite']) {
    const value = read.string(read.child(regex, key));
    // A missing field is the schema check's to report; an empty one passes it.
    if (value?.value !== '') continue;
    report({
      ...fieldSpan(read, regex, key),
      code: 'IE277',
      message: `\`uriRegexRewrite.${key}\` is empty; Istio needs both \`match\` (the pattern) and \`rewrite\` (the replacement) to be non-empty.`,
    });
  }
}

/** The authority may come from `rewrite.authority` or one `:authority`/`host` header, not several. */
function checkAuthority(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const sources: Array<{ span: { start: number; end: number }; label: string }> = [];
  const rewritten = textOf(read, read.child(rule, 'rewrite'), 'authority');
  if (rewritten) sources.push({ span: fieldSpan(read, read.child(rule, 'rewrite'), 'authority'), label: '`rewrite.authority`' });
  for (const operation of ['set', 'add']) {
    const map = read.map(read.at(rule, 'headers', 'request', operation));
    for (const pair of (map?.items ?? []) as Pair[]) {
      const name = keyText(pair);
      if (!/^(:authority|host)$/i.test(name) || !read.string(pair.value as Node | null)?.value) continue;
      if (!isScalar(pair.key)) continue;
      sources.push({ span: keySpan(pair.key), label: `\`headers.request.${operation}.${name}\`` });
    }
  }
  for (const later of sources.slice(1)) {
    report({
      ...later.span,
      code: 'IE278',
      message: `The authority (Host) is already set by ${sources[0].label}; Istio rejects setting it in more than one place. Keep one of them.`,
      related: [sameDocument(scope.doc, sources[0].span, 'the authority is first set here')],
    });
  }
}

function checkDirectResponse(scope: VirtualServiceScope, rule: Node): void {
  const { read, report } = scope;
  const body = read.at(rule, 'directResponse', 'body');
  const text = textOf(read, body, 'string');
  const bytes = textOf(read, body, 'bytes');
  const size = text ? utf8Length(text.value) : bytes ? base64Length(bytes.value) : 0;
  if (size <= 100 * KB) return;
  const key = text ? 'string' : 'bytes';
  const tooLarge = size > MB;
  report({
    ...fieldSpan(read, body, key),
    code: 'IE279',
    severity: tooLarge ? undefined : 'warning',
    message: `This direct-response body is ${(size / KB).toFixed(0)} KB. Istio pushes it to every proxy with the routes, ${tooLarge ? 'so it rejects bodies over 1 MB' : 'so it warns above 100 KB'}; serve large content from a service instead.`,
  });
}

/** Bytes of a text in UTF-8, as Go's len() counts a string. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Bytes a base64 text decodes to. */
function base64Length(encoded: string): number {
  const clean = encoded.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}
