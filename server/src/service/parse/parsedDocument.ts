// One `---` document: its eemeli/yaml parse, line index and resource header.
// Everything in it is relative to the document's own text; the file adds its offset.
import { isMap, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { LineIndex } from './lineIndex';
import { readHeader, type ResourceHeader } from './resourceHeader';

export interface ParsedDocument {
  readonly text: string;
  /** Undefined when the parser itself gave up (e.g. pathological nesting). */
  readonly yaml: Document.Parsed | undefined;
  readonly failure?: string;
  readonly lines: LineIndex;
  readonly header: ResourceHeader;
  /** Lazily computed per-document results (diagnostics...), valid as long as the text is. */
  readonly memo: Map<string, unknown>;
}

export function parseYamlDocument(slice: string): ParsedDocument {
  const text = detach(slice);
  const lines = new LineIndex(text);
  let yaml: Document.Parsed | undefined;
  let failure: string | undefined;
  try {
    // Aliases are never expanded (no toJS), so alias bombs cost nothing.
    // `merge` accepts YAML 1.1 `<<: *anchor` keys, which kubectl accepts too.
    yaml = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, strict: true, uniqueKeys: true, merge: true });
  } catch (error) {
    failure = `The YAML parser failed on this document (${error instanceof Error ? error.message : String(error)}).`;
  }
  const root = yaml?.contents ?? null;
  return { text, yaml, failure, lines, header: readHeader(isMap(root) ? root : undefined), memo: new Map() };
}

export function memoize<T>(doc: ParsedDocument, key: string, compute: () => T): T {
  if (doc.memo.has(key)) return doc.memo.get(key) as T;
  const value = compute();
  doc.memo.set(key, value);
  return value;
}

/** The string value of a scalar node, or undefined. */
export function scalarString(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' ? value : value === null || value === undefined ? undefined : String(value);
}

/**
 * A copy of the text that does not point into the file it was sliced from. V8 represents
 * `slice()` results as views of the parent string, so keeping one document of an old version
 * would keep that whole version of the file alive.
 */
function detach(text: string): string {
  return (` ${text}`).slice(1);
}
