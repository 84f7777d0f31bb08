// The config file: `.istio-egress.yaml`, `.yml` or `.json` in the working directory or a folder
// above it, up to the repository root. It holds the extension's settings, written bare
// (`severity:`) or as in settings.json (`istioEgress.severity:`), flat or nested.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { CODES, isKubernetesLabel, suggest } from '../service';
import { describeFsError, UsageError } from './errors';
import { didYouMean } from './options';
import { displayPath } from './paths';

export const CONFIG_NAMES = ['.istio-egress.yaml', '.istio-egress.yml', '.istio-egress.json'];
const PREFIX = 'istioEgress.';

export interface LoadedConfig {
  /** The file read; undefined when there is none. */
  path?: string;
  /** Settings for the language service (the shape of ServiceSettings, possibly partial). */
  settings: Record<string, unknown>;
  /** Exclude globs, relative to the config file's folder. */
  exclude: string[];
  warnings: string[];
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLabel = (value: unknown) => typeof value === 'string' && isKubernetesLabel(value);
const isStringRecord = (value: unknown) => isRecord(value) && Object.values(value).every((item) => typeof item === 'string');

/** Each key the file may set, with the check of its value (a message when it is wrong). */
const CHECKS: Record<string, (value: unknown) => string | undefined> = {
  'validation.enable': (value) => (typeof value === 'boolean' ? undefined : 'must be true or false'),
  severity: (value) => (isRecord(value) ? undefined : 'must map codes to error, warning, information, hint or off'),
  maxFileSizeKB: (value) => (typeof value === 'number' && value > 0 ? undefined : 'must be a positive number'),
  defaultNamespace: (value) => (isLabel(value) ? undefined : 'must be a namespace name'),
  rootNamespace: (value) => (isLabel(value) ? undefined : 'must be a namespace name'),
  clusterDomain: (value) => (typeof value === 'string' && value.trim() ? undefined : 'must be a domain name'),
  meshOutboundTrafficPolicy: (value) => (value === 'ALLOW_ANY' || value === 'REGISTRY_ONLY' ? undefined : 'must be ALLOW_ANY or REGISTRY_ONLY'),
  gateways: (value) =>
    Array.isArray(value) && value.every((entry) => isRecord(entry) && typeof entry.service === 'string' && isStringRecord(entry.labels) && Object.keys(entry.labels as Raw).length > 0)
      ? undefined
      : 'must be a list of gateways, each with a `service` and its pod `labels`',
  exclude: (value) => (Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'must be a list of globs'),
  // Read by VS Code only; accepted so that a copy of settings.json does not warn.
  'trace.server': () => undefined,
};

// The settings package.json contributes, without their prefix (test/unit/cli/config.test.ts keeps them in step).
export const CONFIG_KEYS = Object.keys(CHECKS);

const unprefixed = (key: string) => (key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key);

/**
 * The settings as [key as written, bare key, value]: `istioEgress: {…}` and `validation: {…}` are
 * opened up into dotted keys, the values of the keys themselves (a severity map) are not.
 */
function settingsOf(value: Raw, prefix = ''): Array<[string, string, unknown]> {
  return Object.entries(value).flatMap(([key, inner]): Array<[string, string, unknown]> => {
    const written = `${prefix}${key}`;
    const bare = unprefixed(written);
    const opens = written === 'istioEgress' || CONFIG_KEYS.some((known) => known.startsWith(`${bare}.`));
    return !CHECKS[bare] && isRecord(inner) && opens ? settingsOf(inner, `${written}.`) : [[written, bare, inner]];
  });
}

/** The config file in `start` or the nearest folder above it, not above `stopAt` (the repository root). */
export function findConfig(start: string, stopAt: string | undefined): string | undefined {
  let directory = resolve(start);
  for (;;) {
    const found = CONFIG_NAMES.map((name) => join(directory, name)).find((path) => existsSync(path));
    if (found) return found;
    if (!stopAt || directory === resolve(stopAt) || dirname(directory) === directory) return undefined;
    directory = dirname(directory);
  }
}

function parseText(path: string, text: string): unknown {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${path}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const document = parseDocument(text);
  const [first] = document.errors;
  if (first) {
    const line = first.linePos?.[0].line;
    throw new UsageError(`${path}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  return document.toJS();
}

/** Reads and checks a config file; `cwd` is for naming it in messages. */
export function loadConfig(path: string, cwd: string): LoadedConfig {
  const name = displayPath(cwd, path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the config file ${name}: ${describeFsError(error)}.`);
  }
  const parsed = parseText(name, text) ?? {};
  if (!isRecord(parsed)) throw new UsageError(`${name}: the config file must be a map of settings, e.g. \`severity: {IE112: off}\`.`);
  const warnings: string[] = [];
  const values: Raw = {};
  for (const [written, key, value] of settingsOf(parsed)) {
    const check = CHECKS[key];
    if (!check) {
      const [close] = suggest(key, CONFIG_KEYS, 1);
      const hint = close ? ` (did you mean \`${written.startsWith(PREFIX) ? PREFIX : ''}${close}\`?)` : '';
      warnings.push(`${name}: unknown setting \`${written}\`${hint}; it is ignored.`);
      continue;
    }
    const problem = check(value);
    if (problem) throw new UsageError(`${name}: \`${written}\` ${problem}.`);
    values[key] = value;
  }
  if (isRecord(values.severity)) values.severity = severities(name, values.severity, warnings);
  const { exclude, 'validation.enable': enable, 'trace.server': _trace, ...settings } = values;
  if (enable !== undefined) settings.validation = { enable };
  return { path, settings, exclude: (exclude as string[] | undefined) ?? [], warnings };
}

/** The severity map with `info` read as `information`; unknown codes are dropped with a warning. */
function severities(name: string, written: Raw, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [code, level] of Object.entries(written)) {
    const severity = level === 'info' ? 'information' : String(level);
    if (!['error', 'warning', 'information', 'hint', 'off'].includes(severity)) {
      throw new UsageError(`${name}: the severity of ${code} must be error, warning, information, hint or off, not '${String(level)}'.`);
    }
    if (code in CODES) out[code] = severity;
    else warnings.push(`${name}: there is no code ${code}${didYouMean(code, Object.keys(CODES))}; its severity is ignored.`);
  }
  return out;
}
