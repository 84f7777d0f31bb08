import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { unchangedEnds } from '../../../server/src/unchangedEnds';

describe('unchanged ends of an LSP edit', () => {
  const text = 'line one\nline two\nline three\n';
  const doc = () => TextDocument.create('file:///a.yaml', 'yaml', 1, text);

  it('measures the untouched prefix and suffix of one edit without changing the document', () => {
    const document = doc();
    const change = { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 8 } }, text: 'TWO!' };
    assert.deepEqual(unchangedEnds(document, [change]), { prefix: 14, suffix: text.length - 17 });
    assert.equal(document.getText(), text);
  });

  it('combines several edits applied in order', () => {
    const changes = [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } }, text: 'LINE' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' },
    ];
    assert.deepEqual(unchangedEnds(doc(), changes), { prefix: 0, suffix: text.length - 22 });
  });

  it('says nothing for a full-text replacement', () => {
    assert.equal(unchangedEnds(doc(), [{ text: 'new' }]), undefined);
  });
});
