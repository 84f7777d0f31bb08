// Which field that names another resource the cursor is completing, read from the path the
// cursor context found (which works on half-written YAML), and how a value is inserted there.
import type { PathSegment } from '../../parse/yamlPath';
import type { IstioKind } from '../../schema/types';
import type { CursorContext } from './cursorContext';

export type ReferenceField =
  | { field: 'gateways'; inMatch: boolean }
  | { field: 'destination-host' }
  /** `destination` is the path of the destination mapping, where its `host` is read. */
  | { field: 'subset'; destination: PathSegment[] }
  | { field: 'port'; destination: PathSegment[] }
  | { field: 'sni-hosts' }
  | { field: 'selector' }
  | { field: 'selector-value'; key: string }
  | { field: 'destination-rule-host' }
  | { field: 'sidecar-hosts' };

/**
 * - `item`: one entry of a list (`- $0`, `[a, $0`); `list` is the list's path and `index` the entry's;
 * - `list`: the value of a list field (`gateways: $0`), written as a flow list;
 * - `scalar`: a plain value (`host: $0`);
 * - `pair`: a `key: value` line of a label map (`selector:` then `$0`);
 * - `map`: the value of a label map (`selector: $0`), written as a flow map.
 */
export type Insertion = { as: 'item'; list: PathSegment[]; index: number } | { as: 'list' | 'scalar' | 'pair' | 'map' };

export interface ReferenceSlot {
  target: ReferenceField;
  insertion: Insertion;
}

type Pattern = ReadonlyArray<string | readonly string[] | '#'>;

const ROUTES = ['http', 'tls', 'tcp'] as const;
/** Where a Destination is written in a VirtualService. */
const DESTINATIONS: readonly Pattern[] = [
  ['spec', ROUTES, '#', 'route', '#', 'destination'],
  ['spec', 'http', '#', 'mirror'],
  ['spec', 'http', '#', 'mirrors', '#', 'destination'],
];

export function referenceSlot(kind: IstioKind | undefined, context: CursorContext): ReferenceSlot | undefined {
  const path = context.path;
  const last = path[path.length - 1];
  // A list entry: `- $0` in a block list (a key being typed in the entry) or `[a, $0` in a flow list.
  const entry = typeof last === 'number' ? { list: path.slice(0, -1), index: last } : undefined;
  const list = (target: ReferenceField, pattern: Pattern): ReferenceSlot | undefined => {
    if (entry && matches(entry.list, pattern)) return { target, insertion: { as: 'item', ...entry } };
    if (context.mode === 'value' && matches(path, pattern)) return { target, insertion: { as: 'list' } };
    return undefined;
  };
  const scalar = (target: ReferenceField, pattern: Pattern): ReferenceSlot | undefined =>
    context.mode === 'value' && matches(path, pattern) ? { target, insertion: { as: 'scalar' } } : undefined;

  switch (kind) {
    case 'VirtualService': {
      const found =
        list({ field: 'gateways', inMatch: false }, ['spec', 'gateways']) ??
        list({ field: 'gateways', inMatch: true }, ['spec', ROUTES, '#', 'match', '#', 'gateways']) ??
        list({ field: 'sni-hosts' }, ['spec', 'tls', '#', 'match', '#', 'sniHosts']);
      if (found) return found;
      for (const destination of DESTINATIONS) {
        const at = scalar({ field: 'destination-host' }, [...destination, 'host']);
        if (at) return at;
        const prefix = path.slice(0, -1);
        const subset = scalar({ field: 'subset', destination: prefix }, [...destination, 'subset']);
        if (subset) return subset;
        const port = scalar({ field: 'port', destination: path.slice(0, -2) }, [...destination, 'port', 'number']);
        if (port) return port;
      }
      return undefined;
    }
    case 'DestinationRule':
      return scalar({ field: 'destination-rule-host' }, ['spec', 'host']);
    case 'Sidecar':
      return list({ field: 'sidecar-hosts' }, ['spec', 'egress', '#', 'hosts']);
    case 'Gateway':
      if (context.mode === 'key' && matches(path, ['spec', 'selector'])) return { target: { field: 'selector' }, insertion: { as: 'pair' } };
      if (context.mode === 'value' && matches(path, ['spec', 'selector'])) return { target: { field: 'selector' }, insertion: { as: 'map' } };
      if (context.mode === 'value' && path.length === 3 && matches(path.slice(0, 2), ['spec', 'selector'])) {
        return { target: { field: 'selector-value', key: String(path[2]) }, insertion: { as: 'scalar' } };
      }
      return undefined;
    default:
      return undefined;
  }
}

function matches(path: readonly PathSegment[], pattern: Pattern): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((expected, i) => {
    const segment = path[i];
    if (expected === '#') return typeof segment === 'number';
    return typeof expected === 'string' ? segment === expected : typeof segment === 'string' && expected.includes(segment);
  });
}
