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
  const starts = [0];
  for (const match of text.matchAll(MARKER)) {
    // `---` starts the next document at the marker; `...` ends the current one after its line.
    const start = (match.index ?? 0) + (match[0].startsWith('.') ? match[0].length : 0);
    if (start === 0 || start >= text.length) continue;
    const previous = starts[starts.length - 1];
    // Comments and directives before a marker belong to the document that follows.
    if (PREAMBLE.test(text.slice(previous, start))) continue;
    starts.push(start);
  }
  const slices: DocumentSlice[] = [];
  let line = 0;
  for (let i = 0; i < starts.length; i++) {
    const startOffset = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    const sliceText = text.slice(startOffset, end);
    slices.push({ text: sliceText, startOffset, startLine: line });
    line += countLineBreaks(sliceText);
  }
  return slices;
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) count++;
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}
