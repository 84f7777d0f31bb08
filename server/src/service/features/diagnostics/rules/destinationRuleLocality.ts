// Locality-aware and zone-aware load balancing as Istio's webhook checks it: `distribute`
// weights total 100 over well-formed, non-overlapping localities; failover goes between two
// different regions; failover needs outlier detection to notice anything.
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Span } from '../finding';
import type { DestinationRuleScope } from './destinationRulePolicy';
import { fieldSpan, mapItems } from './virtualServiceYaml';

const TOPOLOGY_LABELS = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];

export function checkLocalityLb(scope: DestinationRuleScope, lb: Node | undefined, hasOutlierDetection: boolean): void {
  const { read, report } = scope;
  if (!isMap(lb)) return;
  const distribute = mapItems(read, lb, 'distribute');
  const failover = mapItems(read, lb, 'failover');
  // Both at once is a schema error (one of them), and Istio checks nothing further.
  if (distribute.length && failover.length) return;
  if (failover.length) {
    for (const label of read.strings(read.child(lb, 'failoverPriority'))) {
      if (!TOPOLOGY_LABELS.includes(label.value)) continue;
      report({
        ...label.span,
        code: 'IE263',
        message: `\`${label.value}\` cannot be in \`failoverPriority\` while \`failover\` is set: \`failover\` already orders the regions, and Istio rejects the mix. Remove this label or the \`failover\` list.`,
      });
    }
  }
  checkDistribute(scope, distribute.map((entry) => entry.node));
  checkFailover(scope, lb, failover.map((entry) => entry.node), hasOutlierDetection, 'locality');
}

export function checkZoneAwareLb(scope: DestinationRuleScope, lb: Node | undefined, hasOutlierDetection: boolean): void {
  const { read, report } = scope;
  if (!isMap(lb)) return;
  for (const label of read.strings(read.child(lb, 'failoverPriority'))) {
    if (!TOPOLOGY_LABELS.includes(label.value)) continue;
    report({
      ...label.span,
      code: 'IE263',
      message: `Zone-aware balancing already prefers the caller's region, zone and subzone, so Istio rejects \`${label.value}\` in its \`failoverPriority\`. Remove it; use \`failover\` to order regions.`,
    });
  }
  checkFailover(scope, lb, mapItems(read, lb, 'failover').map((entry) => entry.node), hasOutlierDetection, 'zone-aware');
}

function checkFailover(scope: DestinationRuleScope, lb: Node, failover: Node[], hasOutlierDetection: boolean, flavour: 'locality' | 'zone-aware'): void {
  const { read, report } = scope;
  const priorities = read.strings(read.child(lb, 'failoverPriority'));
  if ((failover.length || priorities.length) && !hasOutlierDetection) {
    const key = failover.length ? 'failover' : 'failoverPriority';
    report({
      ...fieldSpan(read, lb, key),
      code: 'IE264',
      message: `\`${key}\` only takes effect when unhealthy endpoints are detected, and this policy has no \`outlierDetection\` (Istio warns). Add \`outlierDetection\` (e.g. \`consecutive5xxErrors\`, \`interval\`, \`baseEjectionTime\`) to the same traffic policy.`,
    });
  }
  for (const entry of failover) {
    const from = read.string(read.child(entry, 'from'))?.value ?? '';
    const to = read.string(read.child(entry, 'to'))?.value ?? '';
    const problem =
      from === to
        ? from
          ? `fails over from \`${from}\` to itself; \`to\` must name another region`
          : 'needs `from` and `to` regions'
        : from.includes('/') || to.includes('/')
          ? flavour === 'zone-aware'
            ? 'names a zone, but zone-aware balancing fails over between zones by itself; give regions only'
            : 'names a zone; failover goes between regions only (no `/`)'
          : from.includes('*') || to.includes('*')
            ? 'uses a `*` wildcard; name exact regions'
            : undefined;
    if (problem) report({ ...read.span(entry), code: 'IE263', message: `This failover entry ${problem}. Istio rejects it.` });
  }
}

function checkDistribute(scope: DestinationRuleScope, entries: Node[]): void {
  const { read, report } = scope;
  const sources: Array<{ locality: string; span: Span }> = [];
  for (const entry of entries) {
    const from = read.string(read.child(entry, 'from'));
    sources.push({ locality: from?.value ?? '', span: from?.span ?? read.span(entry) });
    const to = read.map(read.child(entry, 'to'));
    if (!to) continue;
    const targets = (to.items as Pair[]).map((pair) => ({
      locality: isScalar(pair.key) ? String(pair.key.value ?? '') : '',
      span: isScalar(pair.key) && pair.key.range ? { start: pair.key.range[0], end: pair.key.range[1] } : read.span(to),
      weight: read.number(pair.value as Node | null)?.value,
    }));
    // Weights outside 1..100 are the schema check's to report; the total means nothing then.
    if (targets.some((target) => target.weight === undefined || target.weight < 1 || target.weight > 100)) continue;
    const total = targets.reduce((sum, target) => sum + (target.weight ?? 0), 0);
    if (total !== 100) {
      report({
        ...fieldSpan(read, entry, 'to'),
        code: 'IE262',
        message: `The weights under \`to\` total ${total}; Istio requires locality weights to total exactly 100. Adjust them.`,
      });
      continue;
    }
    reportLocalityProblem(scope, targets);
  }
  reportLocalityProblem(scope, sources);
}

function reportLocalityProblem(scope: DestinationRuleScope, localities: Array<{ locality: string; span: Span }>): void {
  const problem = firstLocalityProblem(localities.map((entry) => entry.locality));
  if (!problem) return;
  const { locality, span } = localities[problem.index];
  scope.report({ ...span, code: 'IE262', message: `Locality \`${locality}\` ${problem.reason}. Istio rejects it.` });
}

/** Istio's locality list check: the first locality that is malformed or overlaps an earlier one. */
export function firstLocalityProblem(localities: readonly string[]): { index: number; reason: string } | undefined {
  const overlap = 'overlaps a locality listed before it';
  // region → zone → subzones; `*` at a level means "all of it".
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const [index, locality] of localities.entries()) {
    const stars = locality.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !locality.endsWith('*'))) return { index, reason: 'may hold one `*` wildcard only, at its end' };
    if (regions.has('*')) return { index, reason: overlap };
    const parts = splitLocality(locality);
    if (parts.some((part) => part === '')) return { index, reason: 'has an empty region, zone or subzone part' };
    const [region, zone, subzone] = parts;
    const zones = regions.get(region);
    if (parts.length === 1) {
      if (zones) return { index, reason: overlap };
      regions.set(region, new Map([['*', new Set(['*'])]]));
    } else if (!zones) {
      regions.set(region, new Map([[zone, new Set([subzone ?? '*'])]]));
    } else {
      if (zones.has('*')) return { index, reason: overlap };
      const subzones = zones.get(zone);
      if (parts.length === 2) {
        if (subzones) return { index, reason: overlap };
        zones.set(zone, new Set(['*']));
      } else if (!subzones) {
        zones.set(zone, new Set([subzone]));
      } else {
        if (subzones.has('*') || subzones.has(subzone)) return { index, reason: overlap };
        subzones.add(subzone);
      }
    }
  }
  return undefined;
}

/** `region/zone/subzone`, splitting at most twice as Go's SplitN(…, 3) does. */
function splitLocality(locality: string): string[] {
  const first = locality.indexOf('/');
  if (first < 0) return [locality];
  const second = locality.indexOf('/', first + 1);
  if (second < 0) return [locality.slice(0, first), locality.slice(first + 1)];
  return [locality.slice(0, first), locality.slice(first + 1, second), locality.slice(second + 1)];
}
