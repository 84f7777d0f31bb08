// Splits a YAML stream into its `---` documents without parsing, so that the parse of a
// document whose text did not change can be reused.

export interface DocumentSlice {
  text: string;
  startOffset: number;
  startLine: number;
}

// A document starts at `---` and ends after `...`, both at column 0 and followed by whitespace
// or the end of the line. YAML forbids these sequences inside any scalar, so a line scan is exact.
const MARKER = /^(?:\uFEFF)?(?:---(?=[ \t\r\n]|$)|\.\.\.(?=[ \t\r\n]|$)[^\r\n]*(?:\r\n|\r|\n)?)/gm;
// Lines that carry no content of their own: blank, comment or directive (`%YAML`).
const PREAMBLE = /^(?:\uFEFF)?(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n)|%[^\r\n]*(?:\r\n|\r|\n))*[ \t]*(?:#[^\r\n]*)?$/;

export function splitDocuments(text: string): DocumentSlice[] {
  return splitRegion(text, 0, text.length, 0);
}

/**
 * Splits `text[from, to)`, which must start at a line start, into documents. Line numbers
 * start at `startLine`.
 */
export function splitRegion(text: string, from: number, to: number, startLine: number): DocumentSlice[] {
  const starts = [from];
  MARKER.lastIndex = from;
  for (let match = MARKER.exec(text); match && match.index < to; match = MARKER.exec(text)) {
    // `---` starts the next document at the marker; `...` ends the current one after its line.
    const start = match.index + (match[0].startsWith('.') ? match[0].length : 0);
    if (start === from || start >= to) continue;
    // Comments and directives before a marker belong to the document that follows.
    if (isPreamble(text.slice(starts[starts.length - 1], start))) continue;
    starts.push(start);
  }
  const slices: DocumentSlice[] = [];
  let line = startLine;
  for (let i = 0; i < starts.length; i++) {
    const startOffset = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : to;
    const sliceText = text.slice(startOffset, end);
    slices.push({ text: sliceText, startOffset, startLine: line });
    line += countLineBreaks(sliceText);
  }
  return slices;
}

/** True for text with no content of its own: blank lines, comments, directives. */
export function isPreamble(text: string): boolean {
  return PREAMBLE.test(text);
}

export function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  // Old Mac line ends (a CR not followed by LF) are rare: only scan for them when there are CRs at all.
  if (text.indexOf('\r') >= 0) {
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
