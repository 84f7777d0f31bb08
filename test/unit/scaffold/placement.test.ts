// Inserting generated documents into the active YAML file: the file after insertion, `$0` being
// the cursor. Nothing the user wrote changes; separators appear exactly where they are needed.
import { strict as assert } from 'node:assert';
import { placeDocuments } from '../../../client/src/scaffold/placement';
import { dedent } from '../../support/fixture';

const ROUTE = 'kind: Gateway\n---\nkind: VirtualService\n';

/** The file after inserting ROUTE, the cursor (if any) at `$0` on its own line. */
function insert(source: string, route = ROUTE): string {
  const text = source.replace('$0', '');
  const cursor = source.includes('$0') ? source.slice(0, source.indexOf('$0')).split('\n').length - 1 : undefined;
  const place = placeDocuments(text, route, cursor);
  const lines = text.split(/(?<=\n)/);
  const offset = lines.slice(0, place.line).join('').length + place.character;
  return text.slice(0, offset) + place.text + text.slice(offset);
}

describe('scaffold: inserting into the active file', () => {
  it('appends after the last document, with a separator', () => {
    assert.equal(insert('kind: ServiceEntry\n'), 'kind: ServiceEntry\n---\nkind: Gateway\n---\nkind: VirtualService\n');
  });

  it('a file without a final line break gets one first', () => {
    assert.equal(insert('kind: ServiceEntry'), 'kind: ServiceEntry\n---\nkind: Gateway\n---\nkind: VirtualService\n');
  });

  it('an empty file, or one ending with `---`, needs no separator', () => {
    assert.equal(insert(''), ROUTE);
    assert.equal(insert('kind: ServiceEntry\n---\n'), `kind: ServiceEntry\n---\n${ROUTE}`);
  });

  it('a cursor on an empty line between documents receives the route there', () => {
    const source = dedent(`
      kind: ServiceEntry
      ---
      $0
      ---
      kind: Sidecar
    `);
    assert.equal(insert(source), dedent(`
      kind: ServiceEntry
      ---
      kind: Gateway
      ---
      kind: VirtualService

      ---
      kind: Sidecar
    `));
  });

  it('right after a document, the route opens with `---`; right before one, it closes with it', () => {
    assert.equal(insert('kind: ServiceEntry\n$0\n---\nkind: Sidecar\n'), `kind: ServiceEntry\n---\n${ROUTE}\n---\nkind: Sidecar\n`);
    assert.equal(insert('kind: ServiceEntry\n---\n$0\nkind: Sidecar\n'), `kind: ServiceEntry\n---\n${ROUTE}---\n\nkind: Sidecar\n`);
    assert.equal(insert('$0\nkind: Sidecar\n'), `${ROUTE}---\n\nkind: Sidecar\n`);
  });

  it('a cursor inside a document, or on a line with text, falls back to appending', () => {
    const inside = 'kind: ServiceEntry\nspec:\n$0\n  hosts: [a.example.com]\n';
    assert.equal(insert(inside), `${inside.replace('$0', '')}---\n${ROUTE}`);
    const onText = 'kind: ServiceEntry$0\n';
    assert.equal(insert(onText), `kind: ServiceEntry\n---\n${ROUTE}`);
  });

  it('keeps the file\'s CRLF line endings', () => {
    assert.equal(insert('kind: ServiceEntry\r\n'), 'kind: ServiceEntry\r\n---\r\nkind: Gateway\r\n---\r\nkind: VirtualService\r\n');
  });
});
