// Inline test fixtures that read like the user's files.
//   `$0` marks the cursor (`|` would be YAML's block scalar indicator).
//   `#- /path/file.yaml` starts a new file in a multi-file fixture.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';

export const CURSOR = '$0';

export interface FixtureFile {
  path: string;
  uri: string;
  text: string;
  document: TextDocument;
  cursor?: Position;
}

/** Removes the common leading indentation of a template literal and a leading newline. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

export function fixtureFiles(source: string): FixtureFile[] {
  const text = dedent(source);
  const parts = text.split(/^#- (\S+)\n/m);
  const files: Array<{ path: string; text: string }> = [];
  if (parts.length === 1) files.push({ path: '/test.yaml', text });
  for (let i = 1; i < parts.length; i += 2) files.push({ path: parts[i], text: parts[i + 1] });
  return files.map(({ path, text: content }) => {
    const index = content.indexOf(CURSOR);
    const clean = index >= 0 ? content.slice(0, index) + content.slice(index + CURSOR.length) : content;
    const uri = `file:///workspace${path}`;
    const document = TextDocument.create(uri, 'yaml', 1, clean);
    return { path, uri, text: clean, document, cursor: index >= 0 ? document.positionAt(index) : undefined };
  });
}

/** A single-file fixture, optionally with a cursor. */
export function fixture(source: string): FixtureFile {
  return fixtureFiles(source)[0];
}
