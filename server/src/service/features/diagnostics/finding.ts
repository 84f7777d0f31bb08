// A diagnostic in the coordinates of one `---` document, before it is placed in the file.
import { isCollection, isScalar, type Node, type Scalar } from 'yaml';
import type { ParsedDocument } from '../../parse/parsedDocument';
import type { DiagnosticCode, FixData, SeverityName } from './codes';

export interface Span {
  start: number;
  end: number;
}

export interface Finding extends Span {
  code: DiagnosticCode;
  message: string;
  /** Overrides the code's default severity for this one finding. */
  severity?: SeverityName;
  data?: FixData;
  deprecated?: boolean;
  unnecessary?: boolean;
  /** The other resources involved (shown as related information). */
  related?: RelatedSpan[];
}

/**
 * A place in another (or the same) document: a resource and a span in it. Document rules,
 * which do not know their file, use `uri: ''` for "this file".
 */
export interface RelatedSpan {
  target: { uri: string; doc: ParsedDocument };
  span: Span;
  message: string;
}

export type Report = (finding: Finding) => void;

/** The span to underline for a node: the scalar itself, or the first line of a collection. */
export function spanOf(node: Node | null | undefined, text: string): Span | undefined {
  if (!node?.range) return undefined;
  const [start, valueEnd] = node.range;
  if (isScalar(node) || !isCollection(node)) return { start, end: Math.max(valueEnd, start + 1) };
  let end = start;
  while (end < valueEnd && text[end] !== '\n' && text[end] !== '\r') end++;
  while (end > start + 1 && /\s/.test(text[end - 1])) end--;
  return { start, end: Math.max(end, start + 1) };
}

export function keySpan(key: Scalar): Span {
  const [start, end] = key.range ?? [0, 0];
  return { start, end: Math.max(end, start + 1) };
}
