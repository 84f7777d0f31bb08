// Single-resource rules (see ./virtualService.codes.ts for the codes of this family): what
// Istio's webhook enforces on a VirtualService beyond its schema, and its rule-ordering
// analysis (istioctl IST0130/IST0131).
import { isMap, isScalar, type Node } from 'yaml';
import type { DocumentRule, DocumentRuleContext } from '.';
import type { Spanned } from '../../../index/yamlAccess';
import { checkHttpRoute } from './virtualServiceHttp';
import { checkReachability } from './virtualServiceReachability';
import { checkSniHosts } from './virtualServiceTls';
import { fieldSpan, isSet, mapItems } from './virtualServiceYaml';

export type RouteKind = 'http' | 'tls' | 'tcp';
export const ROUTE_KINDS: readonly RouteKind[] = ['http', 'tls', 'tcp'];

export interface VirtualServiceScope extends DocumentRuleContext {
  spec: Node;
  hosts: Spanned<string>[];
  /** No `hosts`: Istio treats the VirtualService as a delegate, included by another one. */
  isDelegate: boolean;
  /** `gateways` is written and lacks `mesh`: the rules apply at gateways only. */
  gatewayOnly: boolean;
}

export const checkVirtualService: DocumentRule = (context) => {
  if (context.facts.kind !== 'VirtualService') return;
  const { read } = context;
  const spec = read.child(context.root, 'spec');
  if (!isMap(spec)) return;
  const gateways = read.strings(read.child(spec, 'gateways'));
  const scope: VirtualServiceScope = {
    ...context,
    spec,
    hosts: read.strings(read.child(spec, 'hosts')),
    isDelegate: !isSet(read, spec, 'hosts'),
    gatewayOnly: gateways.length > 0 && !gateways.some((gateway) => gateway.value === 'mesh'),
  };
  checkShape(scope);
  for (const { node } of mapItems(read, spec, 'http')) checkHttpRoute(scope, node);
  checkSniHosts(scope);
  for (const kind of ROUTE_KINDS) checkWeights(scope, kind);
  checkReachability(scope);
};

function checkShape(scope: VirtualServiceScope): void {
  const { read, report, spec } = scope;
  if (!ROUTE_KINDS.some((kind) => isSet(read, spec, kind))) {
    report({
      ...fieldSpan(read, scope.root, 'spec'),
      code: 'IE270',
      message: 'This VirtualService has no routing rule, and Istio rejects it: add at least one rule under `http`, `tls` or `tcp`.',
    });
  }
  if (!scope.isDelegate) return;
  for (const key of ['gateways', 'tls', 'tcp']) {
    if (!isSet(read, spec, key)) continue;
    const what = key === 'gateways' ? 'name gateways (the VirtualService that delegates to it decides where the rules apply)' : `hold \`${key}\` rules (only \`http\` rules can be delegated)`;
    report({
      ...fieldSpan(read, spec, key),
      code: 'IE271',
      message: `Without \`hosts\` this VirtualService is a delegate, and Istio does not let a delegate ${what}. Add \`hosts\`, or remove \`${key}\`.`,
    });
  }
}

/** Weights are relative: only an all-zero split over several destinations sends traffic nowhere. */
function checkWeights(scope: VirtualServiceScope, kind: RouteKind): void {
  const { read, report, spec } = scope;
  for (const { node: rule, index } of mapItems(read, spec, kind)) {
    const destinations = mapItems(read, rule, 'route');
    if (destinations.length < 2) continue;
    let total = 0;
    let readable = true;
    for (const { node } of destinations) {
      const weight = read.child(node, 'weight');
      if (!weight || (isScalar(weight) && weight.value === null)) continue;
      const value = read.number(weight)?.value;
      // Non-numbers and negative weights are the schema check's to report.
      if (value === undefined || value < 0) readable = false;
      else total += value;
    }
    if (!readable || total !== 0) continue;
    report({
      ...fieldSpan(read, rule, 'route'),
      code: 'IE280',
      message: `The weights of these ${destinations.length} destinations total 0, so no traffic could go anywhere, and Istio rejects it. Weights are relative shares (they need not add up to 100): give each destination the share it should get.`,
      data: { fix: 'vs-split-weights', kind, index },
    });
  }
}

/** `http[1]`, plus the rule's name when it has one, for messages. */
export function ruleLabel(scope: DocumentRuleContext, kind: RouteKind, index: number, rule: Node): string {
  const name = kind === 'http' ? scope.read.string(scope.read.child(rule, 'name'))?.value : undefined;
  return name ? `\`${kind}[${index}]\` ("${name}")` : `\`${kind}[${index}]\``;
}
