// Small helpers the common and ServiceEntry rules share: related places in the same document,
// and replacement text that stays valid YAML.
import { stringify } from 'yaml';
import type { ParsedDocument } from '../../../parse/parsedDocument';
import type { RelatedSpan, Span } from '../finding';

/**
 * A related place in the document being checked. Document rules are cached per document text
 * and do not know the file they sit in, so the target names no file: the diagnostics layer
 * places it in the file being reported.
 */
export function sameDocument(doc: ParsedDocument, span: Span, message: string): RelatedSpan {
  return { target: { uri: '', doc }, span, message };
}

// A value written as a YAML flow scalar, quoted only when YAML needs it (a plain `*` starts an alias).
export function yamlScalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}
