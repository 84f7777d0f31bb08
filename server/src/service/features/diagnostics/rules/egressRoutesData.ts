// The typed `data` the egress route diagnostics carry for their quick fixes, and how a new
// rule is written. The fixes read it back from the client, so each shape has a checker.
import type { RouteKind } from '../../../index/facts';

/** A rule to add: one match clause and one destination, in the shape of Istio's egress docs. */
export interface RuleSpec {
  gateways: string[];
  matchPort?: number;
  sniHost?: string;
  host: string;
  subset?: string;
  port?: number;
}

/**
 * `egress-routes`: edits to one VirtualService's routes, applied together: add a rule (before
 * the rule at `before`, else at the end of the list), limit existing rules to gateways, and add
 * entries to spec.gateways (which, when absent, is written with `mesh` first: absent meant mesh).
 */
export interface RoutesFixData {
  fix: 'egress-routes';
  title: string;
  kind: RouteKind;
  add?: { rule: RuleSpec; before?: number };
  scope?: Array<{ index: number; gateways: string[] }>;
  bind: string[];
  [key: string]: unknown;
}

/** `egress-bind`: add a name to spec.gateways, or (near misses) change the match entry instead. */
export interface BindFixData {
  fix: 'egress-bind';
  name: string;
  replacements: string[];
  [key: string]: unknown;
}

/** `egress-redirect`: point a sidecar rule's destination at the egress gateway. */
export interface RedirectFixData {
  fix: 'egress-redirect';
  kind: RouteKind;
  index: number;
  /** Position among the rule's `route` destinations. */
  destination: number;
  host: string;
  port?: number;
  [key: string]: unknown;
}

/** `egress-selector`: make a Gateway select these pod labels. */
export interface SelectorFixData {
  fix: 'egress-selector';
  labels: Record<string, string>;
  workload: string;
  [key: string]: unknown;
}

/** `egress-gateway-host`: add a host to a Gateway server. */
export interface GatewayHostFixData {
  fix: 'egress-gateway-host';
  server: number;
  host: string;
  [key: string]: unknown;
}

/** `egress-se-resolution`: set `resolution: DNS` on the ServiceEntry that declares `host` (IE410). */
export interface ResolutionFixData {
  fix: 'egress-se-resolution';
  serviceEntry: { namespace: string; name: string };
  /** The host as the ServiceEntry writes it. */
  host: string;
  preferred: boolean;
  [key: string]: unknown;
}

/** The YAML value of a new rule. */
export function ruleValue(spec: RuleSpec): Record<string, unknown> {
  const match: Record<string, unknown> = { gateways: spec.gateways };
  if (spec.matchPort !== undefined) match.port = spec.matchPort;
  if (spec.sniHost) match.sniHosts = [spec.sniHost];
  const destination: Record<string, unknown> = { host: spec.host };
  if (spec.subset) destination.subset = spec.subset;
  if (spec.port !== undefined) destination.port = { number: spec.port };
  return { match: [match], route: [{ destination }] };
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isPort = (value: unknown) => value === undefined || (Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536);
const isKind = (value: unknown): value is RouteKind => value === 'http' || value === 'tls' || value === 'tcp';
const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function isRuleSpec(value: unknown): value is RuleSpec {
  const spec = record(value);
  return (
    !!spec &&
    isStrings(spec.gateways) &&
    isString(spec.host) &&
    isPort(spec.matchPort) &&
    isPort(spec.port) &&
    (spec.sniHost === undefined || isString(spec.sniHost)) &&
    (spec.subset === undefined || isString(spec.subset))
  );
}

export function isRoutesFixData(data: Record<string, unknown>): data is RoutesFixData {
  const add = data.add === undefined ? true : !!record(data.add) && isRuleSpec(record(data.add)!.rule) && (record(data.add)!.before === undefined || isIndex(record(data.add)!.before));
  const scope = data.scope === undefined || (Array.isArray(data.scope) && data.scope.every((item) => !!record(item) && isIndex(record(item)!.index) && isStrings(record(item)!.gateways)));
  return isString(data.title) && isKind(data.kind) && add && scope && isStrings(data.bind);
}

export function isBindFixData(data: Record<string, unknown>): data is BindFixData {
  return isString(data.name) && isStrings(data.replacements);
}

export function isRedirectFixData(data: Record<string, unknown>): data is RedirectFixData {
  return isKind(data.kind) && isIndex(data.index) && isIndex(data.destination) && isString(data.host) && isPort(data.port);
}

export function isSelectorFixData(data: Record<string, unknown>): data is SelectorFixData {
  const labels = record(data.labels);
  return !!labels && Object.keys(labels).length > 0 && Object.values(labels).every(isString) && isString(data.workload);
}

export function isGatewayHostFixData(data: Record<string, unknown>): data is GatewayHostFixData {
  return isIndex(data.server) && isString(data.host);
}

export function isResolutionFixData(data: Record<string, unknown>): data is ResolutionFixData {
  const entry = record(data.serviceEntry);
  return !!entry && isString(entry.namespace) && isString(entry.name) && isString(data.host) && typeof data.preferred === 'boolean';
}
