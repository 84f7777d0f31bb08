// The incremental split must give exactly what a full split gives, for any edit.
import { strict as assert } from 'node:assert';
import { splitDocuments } from '../../../server/src/service/parse/documentSplitter';
import { splitIncrementally } from '../../../server/src/service/parse/incrementalSplit';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const PIECES = ['---\n', '--- # c\n', '...\n', '# note\n', '\n', 'a: 1\n', 'kind: Gateway\n', '  - x\n', '-', '--', 'b', '\r\n', '\r', ' ', '%YAML 1.2\n', '\uFEFF'];

function randomText(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

function plain(slices: ReturnType<typeof splitDocuments>) {
  return slices.map(({ text, startOffset, startLine }) => ({ text, startOffset, startLine }));
}

describe('incremental document split', () => {
  it('matches a full split after 5000 random edits', () => {
    const next = random(7);
    for (let round = 0; round < 5000; round++) {
      const before = randomText(next, 1 + Math.floor(next() * 40));
      const at = Math.floor(next() * (before.length + 1));
      const removed = Math.floor(next() * Math.min(8, before.length - at + 1));
      const inserted = randomText(next, Math.floor(next() * 3));
      const after = before.slice(0, at) + inserted + before.slice(at + removed);
      const incremental = splitIncrementally(after, splitDocuments(before), before.length);
      assert.deepEqual(plain(incremental), plain(splitDocuments(after)), JSON.stringify({ before, after }));
      // With the editor's hint of where the edit was, the result is the same.
      const hinted = splitIncrementally(after, splitDocuments(before), before.length, { prefix: at, suffix: before.length - at - removed });
      assert.deepEqual(plain(hinted), plain(incremental), JSON.stringify({ before, after, at, removed }));
      for (const slice of incremental) {
        if (slice.previousIndex !== undefined) assert.equal(splitDocuments(before)[slice.previousIndex].text, slice.text);
      }
    }
  });

  it('with a hint, finds the edited document by offsets alone', () => {
    const docs = Array.from({ length: 50 }, (_, i) => `---\nkind: Gateway\nmetadata: {name: g${i}}\n`);
    const before = docs.join('');
    const at = before.indexOf('g20}') + 3;
    const after = `${before.slice(0, at)}x${before.slice(at)}`;
    const slices = splitIncrementally(after, splitDocuments(before), before.length, { prefix: at, suffix: before.length - at });
    assert.deepEqual(slices.filter((slice) => slice.previousIndex === undefined).map((slice) => slice.text), ['---\nkind: Gateway\nmetadata: {name: g20x}\n']);
    assert.deepEqual(plain(slices), plain(splitDocuments(after)));
  });

  it('reuses every document but the edited one', () => {
    const docs = Array.from({ length: 50 }, (_, i) => `---\nkind: Gateway\nmetadata: {name: g${i}}\n`);
    const before = docs.join('');
    const after = before.replace('name: g20}', 'name: g20x}');
    const slices = splitIncrementally(after, splitDocuments(before), before.length);
    const fresh = slices.filter((slice) => slice.previousIndex === undefined).map((slice) => slice.text);
    assert.deepEqual(fresh, ['---\nkind: Gateway\nmetadata: {name: g20x}\n']);
  });
});
