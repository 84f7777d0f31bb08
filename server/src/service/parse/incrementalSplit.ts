// Splits a new version of a file into `---` documents, reusing the slices of the previous
// version before and after the edited region. When the editor says where the edit was, the
// unchanged documents are found by binary search; otherwise by a native string comparison.
// Either way nothing outside the edited documents is re-scanned or re-parsed.
import { countLineBreaks, isPreamble, splitDocuments, splitRegion, type DocumentSlice } from './documentSplitter';

export interface ReusedSlice extends DocumentSlice {
  /** Index of the previous slice with the same text, when there is one. */
  previousIndex?: number;
}

/** What an editor knows about an edit: how many characters at each end did not change. */
export interface ChangedRegion {
  prefix: number;
  suffix: number;
}

export function splitIncrementally(
  text: string,
  previous: readonly DocumentSlice[] | undefined,
  previousLength: number,
  change?: ChangedRegion,
): ReusedSlice[] {
  if (!previous?.length) return splitDocuments(text);
  const count = previous.length;
  const end = (index: number) => previous[index].startOffset + previous[index].text.length;
  // Every slice but the last ends with a line break, so an unchanged slice keeps whole lines;
  // the last one must also still end the file.
  const unchanged = change
    ? (index: number) => end(index) <= change.prefix && (index < count - 1 || end(index) === text.length)
    : (index: number) => text.startsWith(previous[index].text, previous[index].startOffset) && (index < count - 1 || end(index) === text.length);
  let head = change ? firstIndex(count, (index) => !unchanged(index)) : 0;
  while (head < count && unchanged(head)) head++;
  if (head === count && text.length === previousLength) return previous.map((slice, index) => ({ ...slice, previousIndex: index }));
  // Re-split from the document before the first change: the edit may have removed the marker
  // that separated the two.
  head = Math.max(0, head - 1);
  const regionStart = previous[head].startOffset;
  const delta = text.length - previousLength;
  let tail = count;
  if (change) {
    // Slices wholly inside the unchanged suffix keep their text; the first kept one must still start a document.
    const suffixStart = previousLength - change.suffix;
    tail = Math.max(head + 1, firstIndex(count, (index) => previous[index].startOffset >= suffixStart));
    while (tail < count && !startsDocument(text, previous[tail], delta, regionStart)) tail++;
  } else {
    while (tail - 1 > head && reusableAsTail(text, previous[tail - 1], delta, regionStart)) tail--;
  }
  const regionEnd = tail < count ? previous[tail].startOffset + delta : text.length;
  const middle: ReusedSlice[] = splitRegion(text, regionStart, regionEnd, previous[head].startLine);
  // A document moved within the edited region (e.g. reordered) keeps its parse too.
  const replaced = new Map<string, number>();
  for (let i = head; i < tail; i++) replaced.set(previous[i].text, i);
  for (const slice of middle) slice.previousIndex = replaced.get(slice.text);
  const last = middle[middle.length - 1];
  let nextLine = last.startLine + countLineBreaks(last.text);
  const slices: ReusedSlice[] = [...previous.slice(0, head).map((slice, index) => ({ ...slice, previousIndex: index })), ...middle];
  if (tail < count && isPreamble(last.text)) {
    // A comment-only tail of the region belongs to the document after it.
    slices.pop();
    const joined = previous[tail];
    slices.push({ text: last.text + joined.text, startOffset: last.startOffset, startLine: last.startLine });
    nextLine = last.startLine + countLineBreaks(last.text) + countLineBreaks(joined.text);
    tail++;
  }
  const lineDelta = tail < count ? nextLine - previous[tail].startLine : 0;
  for (let i = tail; i < count; i++) {
    const slice = previous[i];
    slices.push({ text: slice.text, startOffset: slice.startOffset + delta, startLine: slice.startLine + lineDelta, previousIndex: i });
  }
  return slices;
}

const STARTS_WITH_MARKER = /^---(?=[ \t\r\n]|$)/;

/** A later slice can be kept when it is unchanged, starts with `---` and still begins a line. */
function reusableAsTail(text: string, slice: DocumentSlice, delta: number, regionStart: number): boolean {
  return startsDocument(text, slice, delta, regionStart) && text.startsWith(slice.text, slice.startOffset + delta);
}

function startsDocument(text: string, slice: DocumentSlice, delta: number, regionStart: number): boolean {
  const start = slice.startOffset + delta;
  if (start <= regionStart || !STARTS_WITH_MARKER.test(slice.text)) return false;
  const before = text.charCodeAt(start - 1);
  return before === 10 || before === 13;
}

/** The first index in [0, count) where the monotone predicate holds, or count. */
function firstIndex(count: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (holds(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}
