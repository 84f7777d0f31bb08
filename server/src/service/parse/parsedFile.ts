// A whole YAML file as a list of parsed `---` documents, cached per version.
// A new version reuses the parse of every document whose text did not change.
import type { Position } from 'vscode-languageserver-types';
import { splitDocuments } from './documentSplitter';
import { parseYamlDocument, type ParsedDocument } from './parsedDocument';

export interface PlacedDocument {
  readonly doc: ParsedDocument;
  readonly startOffset: number;
  readonly startLine: number;
  /** Position of the document in the file, 0-based. */
  readonly index: number;
}

export interface ParsedFile {
  readonly uri: string;
  readonly version: number;
  /** The text parsed (shared with the editor's copy, not duplicated). */
  readonly text: string;
  readonly length: number;
  readonly documents: readonly PlacedDocument[];
  /** Set when the file is not analysed at all; says why. */
  readonly skipped?: { reason: 'binary' | 'too-large'; message: string };
}

export interface SourceText {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface ParseLimits {
  maxFileSizeKB: number;
}

export function parseFile(source: SourceText, limits: ParseLimits, previous?: ParsedFile): ParsedFile {
  const text = source.getText();
  const base = { uri: source.uri, version: source.version, text, length: text.length };
  const skipped = checkAnalysable(text, limits);
  if (skipped) return { ...base, documents: [], skipped };
  const reusable = new Map<string, ParsedDocument>();
  for (const placed of previous?.documents ?? []) reusable.set(placed.doc.text, placed.doc);
  const documents = splitDocuments(text).map((slice, index) => ({
    doc: reusable.get(slice.text) ?? parseYamlDocument(slice.text),
    startOffset: slice.startOffset,
    startLine: slice.startLine,
    index,
  }));
  return { ...base, documents };
}

function checkAnalysable(text: string, limits: ParseLimits): ParsedFile['skipped'] {
  const sizeKB = text.length / 1024;
  if (sizeKB > limits.maxFileSizeKB) {
    const size = sizeKB >= 1024 ? `${(sizeKB / 1024).toFixed(1)} MB` : `${Math.round(sizeKB)} KB`;
    return {
      reason: 'too-large',
      message: `This file is ${size}, above the ${limits.maxFileSizeKB} KB analysis limit, so it is not checked. Raise the setting istioEgress.maxFileSizeKB to check it.`,
    };
  }
  if (text.indexOf('\u0000') >= 0) {
    return { reason: 'binary', message: 'This file contains binary data (NUL bytes), not YAML text, so it is not checked.' };
  }
  return undefined;
}

/** The document containing a file offset (the last one starting at or before it). */
export function documentAtOffset(file: ParsedFile, offset: number): PlacedDocument | undefined {
  const docs = file.documents;
  let low = 0;
  let high = docs.length - 1;
  if (high < 0) return undefined;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (docs[mid].startOffset <= offset) low = mid;
    else high = mid - 1;
  }
  return docs[low];
}

/** File position of a document-local offset. */
export function filePosition(placed: PlacedDocument, localOffset: number): Position {
  const local = placed.doc.lines.positionAt(localOffset);
  return { line: placed.startLine + local.line, character: local.character };
}

/** Document-local offset of a file position, for the document that holds the position's line. */
export function localOffset(placed: PlacedDocument, position: Position): number {
  return placed.doc.lines.offsetAt({ line: position.line - placed.startLine, character: position.character });
}

/** The document holding a file line. */
export function documentAtLine(file: ParsedFile, line: number): PlacedDocument | undefined {
  const docs = file.documents;
  let low = 0;
  let high = docs.length - 1;
  if (high < 0) return undefined;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (docs[mid].startLine <= line) low = mid;
    else high = mid - 1;
  }
  return docs[low];
}

/** Keeps the latest parse of each open file; evicted when the file closes. */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();

  constructor(private readonly limits: () => ParseLimits) {}

  get(source: SourceText): ParsedFile {
    const cached = this.files.get(source.uri);
    // Same version and same text: a client that re-opens a file without closing it keeps the version.
    if (cached && cached.version === source.version && cached.text === source.getText()) return cached;
    const parsed = parseFile(source, this.limits(), cached);
    this.files.set(source.uri, parsed);
    return parsed;
  }

  evict(uri: string): void {
    this.files.delete(uri);
  }

  clear(): void {
    this.files.clear();
  }
}
