// Rules and match clauses that can never be used, as Istio's webhook analysis finds them
// (istioctl IST0130 and IST0131): within each of `http`, `tls` and `tcp`, a rule without `match`
// takes everything after it; a clause equal to an earlier one is dead; and (HTTP) a URI prefix
// clause is dead when an earlier clause with a shorter prefix and otherwise the same
// conditions comes first. Istio has no per-gateway handling here: a rule without `match`
// applies on every gateway of the VirtualService, so it shadows the rules after it everywhere.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { sameDocument } from './commonPlaces';
import { ruleLabel, ROUTE_KINDS, type RouteKind, type VirtualServiceScope } from './virtualService';
import { matchKey } from './virtualServiceMatchKey';

interface Clause {
  node: Node;
  index: number;
  key: string;
}

interface Rule {
  node: Node;
  index: number;
  clauses: Clause[];
}

export function checkReachability(scope: VirtualServiceScope): void {
  for (const kind of ROUTE_KINDS) {
    const rules = readRules(scope, kind);
    if (rules) checkRules(scope, kind, rules);
  }
}

/** The rules of one list, or undefined when a `match` is malformed (the schema check reports it). */
function readRules(scope: VirtualServiceScope, kind: RouteKind): Rule[] | undefined {
  const { read } = scope;
  const list = read.child(scope.spec, kind);
  if (!isSeq(list)) return undefined;
  const rules: Rule[] = [];
  for (const [index, item] of list.items.entries()) {
    const node = read.resolve(item as Node | null);
    // Istio skips null rules; anything else that is not a mapping is a schema error.
    if (!isMap(node)) continue;
    const match = read.child(node, 'match');
    if (match && !isSeq(match) && !(isScalar(match) && match.value === null)) return undefined;
    const clauses = read.items(match).map((clause, clauseIndex) => ({
      node: clause,
      index: clauseIndex,
      key: matchKey(read, clause, kind === 'http' ? ['name'] : []),
    }));
    rules.push({ node, index, clauses });
  }
  return rules;
}

function checkRules(scope: VirtualServiceScope, kind: RouteKind, rules: Rule[]): void {
  const { read, report } = scope;
  const catchAlls = rules.filter((rule) => rule.clauses.length === 0);
  const firstCatchAll = catchAlls[0];
  // Moving the rule without `match` to the end is only clear-cut when there is exactly one.
  const movable = catchAlls.length === 1 && firstCatchAll !== rules[rules.length - 1];
  const seen = new Map<string, { rule: Rule; clause: Clause }>();
  const prefixed: Array<{ rule: Rule; clause: Clause; prefix: string; rest: string }> = [];
  for (const rule of rules) {
    const label = ruleLabel(scope, kind, rule.index, rule.node);
    if (firstCatchAll && firstCatchAll.index < rule.index) {
      const first = ruleLabel(scope, kind, firstCatchAll.index, firstCatchAll.node);
      report({
        ...read.span(rule.node),
        code: 'IE288',
        unnecessary: true,
        message:
          rule.clauses.length === 0
            ? `${label} is never used: ${first} has no \`match\` either and comes first, so it takes all traffic. Only the last rule may go without \`match\`.`
            : `${label} is never used: ${first} has no \`match\`, so it takes all traffic before this rule is tried. Move the rule without \`match\` to the end of \`${kind}\`.`,
        data: movable ? { fix: 'vs-move-catch-all-last', kind, index: firstCatchAll.index } : undefined,
        related: [sameDocument(scope.doc, read.span(firstCatchAll.node), 'this rule has no `match` and takes all traffic')],
      });
      continue;
    }
    if (rule.clauses.length === 0) continue;
    const repeats: Array<{ clause: Clause; earlier: string; earlierNode: Node }> = [];
    for (const clause of rule.clauses) {
      const prior = seen.get(clause.key);
      if (prior) {
        const earlier = prior.rule === rule ? `\`match[${prior.clause.index}]\` of the same rule` : `\`${kind}[${prior.rule.index}].match[${prior.clause.index}]\``;
        repeats.push({ clause, earlier, earlierNode: prior.clause.node });
        continue;
      }
      seen.set(clause.key, { rule, clause });
      const prefix = kind === 'http' ? uriPrefix(scope, clause.node) : undefined;
      if (prefix) prefixed.push({ rule, clause, prefix, rest: matchKey(read, clause.node, ['name', 'uri']) });
    }
    if (repeats.length && repeats.length === rule.clauses.length) {
      report({
        ...read.span(rule.node),
        code: 'IE288',
        unnecessary: true,
        message: `${label} is never used: each of its match clauses repeats an earlier one (${repeats.map((repeat) => repeat.earlier).join(', ')}), which takes the traffic first. Remove the rule, or change its matches.`,
        data: { fix: 'vs-remove-rule', kind, index: rule.index },
        related: repeats.map((repeat) => sameDocument(scope.doc, read.span(repeat.earlierNode), 'the same match clause, tried first')),
      });
      continue;
    }
    for (const { clause, earlier, earlierNode } of repeats) {
      report({
        ...read.span(clause.node),
        code: 'IE289',
        unnecessary: true,
        message: `This match clause repeats ${earlier}, which is tried first, so it never selects anything. Remove it.`,
        data: { fix: 'vs-remove-match', kind, rule: rule.index, match: clause.index },
        related: [sameDocument(scope.doc, read.span(earlierNode), 'the same match clause, tried first')],
      });
    }
  }
  reportCoveredPrefixes(scope, kind, prefixed);
}

/**
 * Istio compares each URI-prefix clause with the earlier ones. It ignores some conditions and
 * compares others loosely, so here a clause counts as covered only when its prefix extends an
 * earlier prefix and every other condition is the same: nothing is reported that could be used.
 */
function reportCoveredPrefixes(scope: VirtualServiceScope, kind: RouteKind, prefixed: Array<{ rule: Rule; clause: Clause; prefix: string; rest: string }>): void {
  prefixed.forEach((later, position) => {
    const cover = prefixed.slice(0, position).find((earlier) => earlier.prefix !== later.prefix && later.prefix.startsWith(earlier.prefix) && earlier.rest === later.rest);
    if (!cover) return;
    const where = cover.rule === later.rule ? `\`match[${cover.clause.index}]\` of the same rule` : `\`${kind}[${cover.rule.index}].match[${cover.clause.index}]\``;
    scope.report({
      ...scope.read.span(later.clause.node),
      code: 'IE289',
      unnecessary: true,
      message: `Every request this clause accepts (URI prefix \`${later.prefix}\`) is already taken by ${where} (prefix \`${cover.prefix}\`, same other conditions), which is tried first. Put the more specific rule first, or remove this clause.`,
      related: [sameDocument(scope.doc, scope.read.span(cover.clause.node), `prefix \`${cover.prefix}\` is matched here first`)],
    });
  });
}

/** The clause's `uri.prefix`, when the URI is matched by a non-empty prefix. */
function uriPrefix(scope: VirtualServiceScope, clause: Node): string | undefined {
  const uri = scope.read.child(clause, 'uri');
  if (!isMap(uri) || scope.read.keys(uri).some((key) => key !== 'prefix')) return undefined;
  return scope.read.string(scope.read.child(uri, 'prefix'))?.value || undefined;
}
