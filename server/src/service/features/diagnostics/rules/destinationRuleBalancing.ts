// Load balancing settings Istio's webhook rejects although the schema allows them: a Maglev
// table that is not prime, repeated cookie attributes, a warmup with no aggression.
import { isMap, type Node } from 'yaml';
import type { DestinationRuleScope } from './destinationRulePolicy';
import { checkLocalityLb, checkZoneAwareLb } from './destinationRuleLocality';
import { mapItems } from './virtualServiceYaml';

/** Istio allows Maglev tables up to this size (the schema enforces the bound). */
const MAX_TABLE_SIZE = 5000010;

export function checkLoadBalancer(scope: DestinationRuleScope, balancer: Node | undefined, hasOutlierDetection: boolean): void {
  const { read } = scope;
  if (!isMap(balancer)) return;
  const hash = read.child(balancer, 'consistentHash');
  checkMaglev(scope, read.child(hash, 'maglev'));
  checkCookieAttributes(scope, read.child(hash, 'httpCookie'));
  checkWarmup(scope, read.child(balancer, 'warmup'));
  checkLocalityLb(scope, read.child(balancer, 'localityLbSetting'), hasOutlierDetection);
  checkZoneAwareLb(scope, read.child(balancer, 'zoneAwareLbSetting'), hasOutlierDetection);
}

function checkMaglev(scope: DestinationRuleScope, maglev: Node | undefined): void {
  const { read, report } = scope;
  const size = read.number(read.child(maglev, 'tableSize'));
  if (!size || !Number.isInteger(size.value) || size.value < 1 || size.value > MAX_TABLE_SIZE || isPrimeLikeEnvoy(size.value)) return;
  const candidates = [nextPrime(size.value), previousPrime(size.value)].filter((p): p is number => p !== undefined).map(String);
  report({
    ...size.span,
    code: 'IE261',
    message: `Maglev \`tableSize\` ${size.value} is not a prime number, and Istio rejects it (Envoy needs a prime table). Use a prime such as ${candidates.map((c) => `\`${c}\``).join(' or ')}; Envoy's default is 65537.`,
    data: { fix: 'replace', candidates },
  });
}

/** Envoy's primality test, which Istio copies: 1, 2 and 3 count as prime. */
export function isPrimeLikeEnvoy(x: number): boolean {
  if (x > 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  for (let factor = 3; factor * factor <= x; factor += 2) if (x % factor === 0) return false;
  return true;
}

function nextPrime(from: number): number | undefined {
  for (let x = from + 1; x <= MAX_TABLE_SIZE; x++) if (isPrimeLikeEnvoy(x)) return x;
  return undefined;
}

function previousPrime(from: number): number | undefined {
  for (let x = from - 1; x >= 2; x--) if (isPrimeLikeEnvoy(x)) return x;
  return undefined;
}

function checkCookieAttributes(scope: DestinationRuleScope, cookie: Node | undefined): void {
  const { read, report } = scope;
  const seen = new Set<string>();
  for (const { node } of mapItems(read, cookie, 'attributes')) {
    const name = read.string(read.child(node, 'name'));
    if (!name?.value) continue;
    if (!seen.has(name.value)) {
      seen.add(name.value);
      continue;
    }
    report({
      ...name.span,
      code: 'IE266',
      message: `Cookie attribute \`${name.value}\` is listed twice, and Istio rejects repeated attribute names. Keep one entry.`,
    });
  }
}

function checkWarmup(scope: DestinationRuleScope, warmup: Node | undefined): void {
  const { read, report } = scope;
  const aggression = read.number(read.child(warmup, 'aggression'));
  // Negative values are out of the schema's range and reported there.
  if (aggression?.value !== 0) return;
  report({
    ...aggression.span,
    code: 'IE265',
    message: 'Warmup `aggression` must be greater than 0, and Istio rejects 0. Use `1` for a linear ramp (the default) or a larger value for a steeper one, or leave it out.',
    data: { fix: 'replace', candidates: ['1'] },
  });
}
