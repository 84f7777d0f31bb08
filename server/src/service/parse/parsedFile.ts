// A whole YAML file as a list of parsed `---` documents, cached per version.
// A new version reuses the parse of every document whose text did not change.
import type { Position } from 'vscode-languageserver-types';
import { ChangeLog } from './changeLog';
import { splitIncrementally, type ChangedRegion } from './incrementalSplit';
import { parseYamlDocument, type ParsedDocument } from './parsedDocument';

export interface PlacedDocument {
  readonly doc: ParsedDocument;
  /** The document's text (the same string as `doc.text`). */
  readonly text: string;
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

export function parseFile(source: SourceText, limits: ParseLimits, previous?: ParsedFile, change?: ChangedRegion): ParsedFile {
  const text = source.getText();
  const base = { uri: source.uri, version: source.version, text, length: text.length };
  const tooLarge = checkSize(text, limits);
  if (tooLarge) return { ...base, documents: [], skipped: tooLarge };
  const reusable = previous && !previous.skipped ? previous : undefined;
  // A first parse checks the whole text before parsing anything; later ones only their new documents.
  if (!reusable && text.indexOf('\u0000') >= 0) return { ...base, documents: [], skipped: BINARY };
  let binary = false;
  const documents = splitIncrementally(text, reusable?.documents, reusable?.length ?? 0, reusable && change).map((slice, index) => {
    let doc: ParsedDocument;
    if (slice.previousIndex === undefined) {
      // Only new text can bring binary data: reused documents were checked when they were new.
      binary ||= slice.text.indexOf('\u0000') >= 0;
      doc = parseYamlDocument(slice.text);
    } else {
      doc = reusable!.documents[slice.previousIndex].doc;
    }
    return { doc, text: doc.text, startOffset: slice.startOffset, startLine: slice.startLine, index };
  });
  if (binary) return { ...base, documents: [], skipped: BINARY };
  return { ...base, documents };
}

const BINARY = { reason: 'binary', message: 'This file contains binary data (NUL bytes), not YAML text, so it is not checked.' } as const;

function checkSize(text: string, limits: ParseLimits): ParsedFile['skipped'] {
  const sizeKB = text.length / 1024;
  if (sizeKB <= limits.maxFileSizeKB) return undefined;
  const size = sizeKB >= 1024 ? `${(sizeKB / 1024).toFixed(1)} MB` : `${Math.round(sizeKB)} KB`;
  return {
    reason: 'too-large',
    message: `This file is ${size}, above the ${limits.maxFileSizeKB} KB analysis limit, so it is not checked. Raise the setting istioEgress.maxFileSizeKB to check it.`,
  };
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
  readonly changes = new ChangeLog();

  constructor(private readonly limits: () => ParseLimits) {}

  get(source: SourceText): ParsedFile {
    const cached = this.files.get(source.uri);
    // Same version and same text: a client that re-opens a file without closing it keeps the version.
    if (cached && cached.version === source.version && cached.text === source.getText()) return cached;
    const change = cached && this.changes.between(source.uri, cached.version, source.version);
    const parsed = parseFile(source, this.limits(), cached, change);
    this.files.set(source.uri, parsed);
    return parsed;
  }

  evict(uri: string): void {
    this.files.delete(uri);
    this.changes.forget(uri);
  }

  clear(): void {
    this.files.clear();
  }
}
