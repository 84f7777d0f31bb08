// Header names and values of an HTTP rule: the names it matches on, the headers it sets or
// removes (for the whole rule and per destination), and JWT claim routing, which Istio
// supports at gateways only.
import { isScalar, type Node, type Pair } from 'yaml';
import { keyText } from '../../../parse/yamlPath';
import { keySpan, type Span } from '../finding';
import type { VirtualServiceScope } from './virtualService';
import { mapItems } from './virtualServiceYaml';

// The header names Istio accepts in matches: RFC 7230 token characters, plus `,`, which Istio's
// character class lets through (it writes `+-.`, a range from `+` to `.`).
const TOKEN = /^[!#$%&'*+,\-.^_`|~A-Za-z0-9]+$/;
const PSEUDO_HEADERS = [':method', ':scheme', ':authority', ':path', ':status'];
// Control characters other than tab: Envoy refuses them in header values.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/;

export function checkHeaders(scope: VirtualServiceScope, rule: Node): void {
  const { read } = scope;
  for (const { node: match } of mapItems(read, rule, 'match')) {
    for (const key of ['headers', 'withoutHeaders']) {
      for (const pair of pairsOf(scope, read.child(match, key))) checkMatchedName(scope, pair);
    }
  }
  checkOperations(scope, read.child(rule, 'headers'));
  for (const { node } of mapItems(read, rule, 'route')) checkOperations(scope, read.child(node, 'headers'));
}

/** `@request.auth.claims.sub` or `@request.auth.claims[sub]`: routing on a JWT claim. */
export function isJwtClaim(name: string): boolean {
  const prefix = '@request.auth.claims';
  if (!name.toLowerCase().startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

function checkMatchedName(scope: VirtualServiceScope, { name, span }: { name: string; span: Span }): void {
  if (isJwtClaim(name)) {
    if (!scope.gatewayOnly) {
      scope.report({
        ...span,
        code: 'IE287',
        message: `Routing on a JWT claim (\`${name}\`) works at gateways only, and this VirtualService also applies to sidecars (${scope.read.strings(scope.read.child(scope.spec, 'gateways')).length ? '`gateways` includes `mesh`' : 'no `gateways` means `mesh`'}); Istio rejects it. Bind the VirtualService to gateways only, or match a plain header.`,
      });
    }
    return;
  }
  if (PSEUDO_HEADERS.includes(name) || TOKEN.test(name)) return;
  scope.report({
    ...span,
    code: 'IE286',
    message: name
      ? `\`${name}\` is not a valid header name, and Istio rejects it: use letters, digits and \`-\` (any of \`!#$%&'*+.^_|~\` too), no spaces or \`:\` except the pseudo-headers \`:method\`, \`:scheme\`, \`:authority\`, \`:path\`, \`:status\`.`
      : 'A header name cannot be empty, and Istio rejects this one.',
  });
}

function checkOperations(scope: VirtualServiceScope, headers: Node | undefined): void {
  const { read } = scope;
  for (const direction of ['request', 'response'] as const) {
    const operations = read.child(headers, direction);
    for (const operation of ['set', 'add'] as const) {
      for (const pair of pairsOf(scope, read.child(operations, operation))) {
        checkOperationName(scope, pair, direction === 'request' ? 'request-set' : 'other', `${direction}.${operation}`);
        const value = read.string(pair.value);
        if (value) checkValue(scope, value.value, value.span);
      }
    }
    for (const name of read.strings(read.child(operations, 'remove'))) {
      checkOperationName(scope, { name: name.value, span: name.span }, 'other', `${direction}.remove`);
    }
  }
}

/** Requests may set `host`/`:authority` (the authority); nothing may touch other pseudo-headers. */
function checkOperationName(scope: VirtualServiceScope, { name, span }: { name: string; span: Span }, kind: 'request-set' | 'other', where: string): void {
  let problem: string | undefined;
  if (!name) problem = 'A header name cannot be empty';
  else if (name.startsWith(':') && !(kind === 'request-set' && name.toLowerCase() === ':authority')) problem = `\`${name}\` is a pseudo-header, which \`${where}\` cannot change`;
  else if (kind === 'other' && name.toLowerCase() === 'host') problem = `\`${where}\` cannot change the \`Host\` header (set it in \`request.set\` or with \`rewrite.authority\`)`;
  if (problem) scope.report({ ...span, code: 'IE286', message: `${problem}; Istio rejects it.` });
}

function checkValue(scope: VirtualServiceScope, value: string, span: Span): void {
  const problem = CONTROL.test(value) ? 'holds a control character (such as a line break)' : percentProblem(value);
  if (!problem) return;
  scope.report({
    ...span,
    code: 'IE286',
    message: `This header value ${problem}, and Istio rejects it. Write \`%%\` for a literal percent sign; \`%NAME%\` and \`%NAME(args)%\` insert Envoy variables.`,
  });
}

/**
 * Where Envoy's header formatter would stop on the value's `%` syntax: `%%` is a literal percent,
 * `%NAME%` a variable, `%NAME(arg)%` or `%NAME(["a", "b"])%` a variable with arguments.
 */
export function percentProblem(value: string): string | undefined {
  type State = 'text' | 'name' | 'openArgs' | 'nextString' | 'string' | 'afterString' | 'closeArgs' | 'closeVariable';
  let state: State = 'text';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    const space = ch === ' ';
    switch (state) {
      case 'text':
        if (ch !== '%') break;
        if (i + 1 === value.length) return 'ends with a lone `%`';
        if (value[i + 1] === '%') i++;
        else state = 'name';
        break;
      case 'name':
        if (ch === '%') state = 'text';
        else if (ch === '(') state = 'openArgs';
        break;
      case 'openArgs':
        if (ch === '[') state = 'nextString';
        else if (!space) state = 'string';
        break;
      case 'nextString':
        if (ch === '"') state = 'string';
        else if (!space) return 'has an argument list whose items are not quoted strings';
        break;
      case 'string':
        if (ch === '\\') {
          if (i + 1 === value.length) return 'ends inside an escape (`\\`)';
          i++;
        } else if (ch === ')') state = 'closeVariable';
        else if (ch === '"') state = 'afterString';
        break;
      case 'afterString':
        if (ch === ',') state = 'nextString';
        else if (ch === ']') state = 'closeArgs';
        else if (!space) return 'has an argument list with something other than `,` or `]` between its strings';
        break;
      case 'closeArgs':
        if (ch === ')') state = 'closeVariable';
        else if (!space) return 'has an argument list not closed by `)`';
        break;
      case 'closeVariable':
        if (ch === '%') state = 'text';
        else if (!space) return 'has a variable not closed by `%` after its arguments';
        break;
    }
  }
  return state === 'text' ? undefined : 'opens a `%` variable that is never closed';
}

/** The keys of a mapping with their spans, and their values. */
function pairsOf(scope: VirtualServiceScope, node: Node | undefined): Array<{ name: string; span: Span; value: Node | null }> {
  const map = scope.read.map(node);
  const pairs: Array<{ name: string; span: Span; value: Node | null }> = [];
  for (const pair of (map?.items ?? []) as Pair[]) {
    if (isScalar(pair.key)) pairs.push({ name: keyText(pair), span: keySpan(pair.key), value: pair.value as Node | null });
  }
  return pairs;
}
