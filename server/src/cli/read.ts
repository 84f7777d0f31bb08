// Reads the files to check. Text only: binary data and files over the size limit are skipped
// with a notice, as the extension skips them. A byte order mark is set aside and put back when
// a fix is written, so that positions match what an editor shows.
import { readFileSync, statSync } from 'node:fs';
import type { SkippedFile } from './report';
import { describeFsError } from './errors';
import { displayPath, fileUri, STDIN_DISPLAY, STDIN_URI } from './paths';

export interface SourceFile {
  display: string;
  /** Absolute path; undefined for standard input without --stdin-filename. */
  path?: string;
  uri: string;
  /** The text without its byte order mark. */
  text: string;
  bom: boolean;
  stdin: boolean;
}

export type ReadResult = { file: SourceFile } | { skipped: SkippedFile } | { error: string };

const BOM = '\uFEFF';
// ignoreBOM keeps the mark in the text, so that it is seen and written back.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The text of the bytes, or why they are not text. */
function decode(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function fromBytes(bytes: Buffer, where: Omit<SourceFile, 'text' | 'bom'>): ReadResult {
  const text = decode(bytes);
  if (text === undefined) {
    return { skipped: { display: where.display, path: where.path, reason: 'binary', message: 'binary data (NUL bytes or invalid UTF-8), not YAML text; skipped' } };
  }
  const bom = text.startsWith(BOM);
  return { file: { ...where, text: bom ? text.slice(1) : text, bom } };
}

function tooLarge(display: string, path: string | undefined, bytes: number, maxKB: number): ReadResult {
  const message = `${sizeText(bytes)}, above the ${maxKB} KB limit (setting maxFileSizeKB); skipped`;
  return { skipped: { display, path, reason: 'too-large', message } };
}

export function readSourceFile(path: string, cwd: string, maxKB: number): ReadResult {
  const display = displayPath(cwd, path);
  try {
    const size = statSync(path).size;
    if (size > maxKB * 1024) return tooLarge(display, path, size, maxKB);
    return fromBytes(readFileSync(path), { display, path, uri: fileUri(path), stdin: false });
  } catch (error) {
    return { error: `${display}: ${describeFsError(error)}.` };
  }
}

/** Standard input, named by --stdin-filename (an absolute path) when given. */
export function readStdin(namedPath: string | undefined, cwd: string, maxKB: number): ReadResult {
  const display = namedPath ? displayPath(cwd, namedPath) : STDIN_DISPLAY;
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (error) {
    return { error: `${STDIN_DISPLAY}: ${describeFsError(error)}.` };
  }
  if (bytes.length > maxKB * 1024) return tooLarge(display, namedPath, bytes.length, maxKB);
  return fromBytes(bytes, { display, path: namedPath, uri: namedPath ? fileUri(namedPath) : STDIN_URI, stdin: true });
}
