// The options of `istio-egress check` and the parsers of the flag values that have a syntax of
// their own. A parser throws commander's InvalidArgumentError, which commander reports as a
// usage error naming the flag.
import { InvalidArgumentError } from 'commander';
import { CODES, isKubernetesLabel, suggest } from '../service';
import type { FailOn, Severity } from './report';

export type Format = 'human' | 'json' | 'sarif';
export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface GatewayPortFlag {
  number: number;
  protocol: string;
  name: string;
}

export interface CheckOptions {
  format: Format;
  output?: string;
  /** --color / --no-color; undefined lets the terminal and NO_COLOR/FORCE_COLOR decide. */
  color?: boolean;
  failOn: FailOn;
  maxWarnings?: number;
  minSeverity: Severity;
  fix: boolean;
  fixDryRun: boolean;
  stdinFilename?: string;
  /** A config file to use, false for --no-config, undefined to search for one. */
  config?: string | false;
  outboundPolicy?: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  defaultNamespace?: string;
  egressGateway?: { namespace: string; service: string };
  egressGatewayLabel: Array<[string, string]>;
  egressGatewayPort: GatewayPortFlag[];
  severity: Array<[string, SeverityLevel]>;
  exclude: string[];
  listCodes: boolean;
}

const LEVELS: Record<string, SeverityLevel> = { error: 'error', warning: 'warning', information: 'information', info: 'information', hint: 'hint', off: 'off' };

/** A repeatable flag: each occurrence is parsed and appended. */
export function repeatable<T>(parse: (value: string) => T): (value: string, previous: T[] | undefined) => T[] {
  return (value, previous) => [...(previous ?? []), parse(value)];
}

/** `did you mean IE301?` for a code that does not exist, or an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const close = suggest(word, candidates, 1);
  return close.length ? ` (did you mean ${close[0]}?)` : '';
}

export function parseSeverityFlag(value: string): [string, SeverityLevel] {
  const match = /^\s*([A-Za-z0-9]+)\s*=\s*([a-z]+)\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError('Write it as CODE=LEVEL, e.g. IE302=error.');
  const code = match[1].toUpperCase();
  if (!(code in CODES)) throw new InvalidArgumentError(`There is no code ${code}${didYouMean(code, Object.keys(CODES))}; \`istio-egress codes\` lists them.`);
  const level = LEVELS[match[2]];
  if (!level) throw new InvalidArgumentError(`The level must be error, warning, info, hint or off, not '${match[2]}'.`);
  return [code, level];
}

export function parseNamespace(value: string): string {
  if (!isKubernetesLabel(value)) throw new InvalidArgumentError('A namespace is a DNS label: lower-case letters, digits and dashes.');
  return value;
}

export function parseGatewayName(value: string): { namespace: string; service: string } {
  const [namespace, service, extra] = value.split('/');
  if (extra !== undefined || !service || !isKubernetesLabel(namespace) || !isKubernetesLabel(service)) {
    throw new InvalidArgumentError('Write it as NAMESPACE/SERVICE, e.g. istio-system/istio-egressgateway.');
  }
  return { namespace, service };
}

export function parseLabel(value: string): [string, string] {
  const at = value.indexOf('=');
  const key = at > 0 ? value.slice(0, at).trim() : '';
  if (!key || /\s/.test(key)) throw new InvalidArgumentError('Write it as KEY=VALUE, e.g. istio=egressgateway.');
  return [key, value.slice(at + 1).trim()];
}

export function parsePort(value: string): GatewayPortFlag {
  const match = /^(\d+)\/([A-Za-z0-9]+)(?:\/([a-z0-9]([-a-z0-9]*[a-z0-9])?))?$/.exec(value.trim());
  const number = match ? Number(match[1]) : 0;
  if (!match || number < 1 || number > 65535) throw new InvalidArgumentError('Write it as NUMBER/PROTOCOL[/NAME], e.g. 443/TLS or 80/HTTP2/http2.');
  const protocol = match[2].toUpperCase();
  return { number, protocol, name: match[3] ?? protocol.toLowerCase() };
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Give a whole number, 0 or more.');
  return Number(value);
}
