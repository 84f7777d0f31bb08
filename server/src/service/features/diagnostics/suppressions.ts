// Comments that silence diagnostics:
//   # istio-egress-disable-next-line [IE301 IE412 ...]   the next line (all codes when none listed)
//   # istio-egress-disable-file [IE112 ...]               the whole file
import { memoize, type ParsedDocument } from '../../parse/parsedDocument';

export type CodeFilter = 'all' | ReadonlySet<string>;

export interface Suppressions {
  /** Document-local line → codes silenced on it. */
  lines: Map<number, CodeFilter>;
  file?: CodeFilter;
}

const DIRECTIVE = /#\s*istio-egress-disable-(next-line|file)\b([^\r\n]*)/g;

export function suppressionsOf(doc: ParsedDocument): Suppressions {
  return memoize(doc, 'suppressions', () => {
    const result: Suppressions = { lines: new Map() };
    if (doc.text.indexOf('istio-egress-disable') < 0) return result;
    for (const match of doc.text.matchAll(DIRECTIVE)) {
      const codes = match[2].match(/\bIE\d{3}\b/g);
      const filter: CodeFilter = codes ? new Set(codes) : 'all';
      if (match[1] === 'file') result.file = merge(result.file, filter);
      else {
        const line = doc.lines.positionAt(match.index ?? 0).line + 1;
        result.lines.set(line, merge(result.lines.get(line), filter));
      }
    }
    return result;
  });
}

export function merge(a: CodeFilter | undefined, b: CodeFilter): CodeFilter {
  if (!a) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}

export function silences(filter: CodeFilter | undefined, code: string): boolean {
  return filter === 'all' || (!!filter && filter.has(code));
}
