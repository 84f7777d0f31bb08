// Where generated documents go in an existing YAML file, and with which `---` separators, so that
// nothing the user wrote changes: at the cursor when it sits on an empty line between documents,
// otherwise appended after the last document. Pure text logic (no `vscode`), tested on its own.

export interface Insertion {
  line: number;
  character: number;
  /** The generated documents with the separators they need there, in the file's line ending. */
  text: string;
}

const SEPARATOR = /^(---|\.\.\.)(\s.*)?$/;
const blank = (line: string) => line.trim() === '';

/** `generated` is one or more `---`-separated documents ending with a line break. */
export function placeDocuments(fileText: string, generated: string, cursorLine?: number): Insertion {
  const eol = fileText.includes('\r\n') ? '\r\n' : '\n';
  const lines = fileText.split(/\r?\n/);
  const body = generated.replace(/\r?\n/g, eol);
  const between = cursorLine === undefined ? undefined : betweenDocuments(lines, cursorLine);
  if (between) {
    const before = between.before === 'content' ? `---${eol}` : '';
    const after = between.after === 'content' ? `---${eol}` : '';
    return { line: cursorLine!, character: 0, text: before + body + after };
  }
  const lastLine = lines.length - 1;
  const last = lines[lastLine];
  const previous = [...lines].reverse().find((line) => !blank(line));
  const lead = last === '' || blank(fileText) ? '' : eol;
  // A file that is empty or already ends with a separator needs none before the new documents.
  const separator = previous === undefined || /^---\s*$/.test(previous) ? '' : `---${eol}`;
  return { line: lastLine, character: last.length, text: lead + separator + body };
}

/**
 * The cursor's line is empty and lies between documents: nothing but blank lines separates it
 * from a `---` (or the start or end of the file) on at least one side.
 */
function betweenDocuments(lines: string[], cursor: number): { before: 'edge' | 'content'; after: 'edge' | 'content' } | undefined {
  if (cursor < 0 || cursor >= lines.length || !blank(lines[cursor])) return undefined;
  const side = (step: 1 | -1): 'edge' | 'separator' | 'content' => {
    for (let index = cursor + step; index >= 0 && index < lines.length; index += step) {
      if (blank(lines[index])) continue;
      return SEPARATOR.test(lines[index]) ? 'separator' : 'content';
    }
    return 'edge';
  };
  const before = side(-1);
  const after = side(1);
  if (before === 'content' && after === 'content') return undefined;
  return { before: before === 'content' ? 'content' : 'edge', after: after === 'content' ? 'content' : 'edge' };
}
