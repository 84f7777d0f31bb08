import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { splitDocuments } from '../../../server/src/service/parse/documentSplitter';
import { ParseCache, documentAtLine } from '../../../server/src/service/parse/parsedFile';

describe('document splitting', () => {
  it('splits at `---` markers and keeps offsets and line numbers', () => {
    const text = 'a: 1\n---\nb: 2\n--- # comment\nc: 3\n';
    assert.deepEqual(
      splitDocuments(text).map((slice) => [slice.text, slice.startOffset, slice.startLine]),
      [
        ['a: 1\n', 0, 0],
        ['---\nb: 2\n', 5, 1],
        ['--- # comment\nc: 3\n', 14, 3],
      ],
    );
  });

  it('keeps comments and directives before a marker with the document that follows', () => {
    assert.deepEqual(splitDocuments('# header\n\n---\na: 1\n').map((s) => s.text), ['# header\n\n---\na: 1\n']);
    assert.deepEqual(splitDocuments('%YAML 1.2\n---\na: 1\n').length, 1);
  });

  it('ends a document after `...`', () => {
    assert.deepEqual(splitDocuments('a: 1\n...\nb: 2\n...\n').map((s) => s.text), ['a: 1\n...\n', 'b: 2\n...\n']);
  });

  it('ignores `---` that is not at column 0 or is followed by text', () => {
    assert.equal(splitDocuments('a: |\n  ---\nb: ---x\n----\n').length, 1);
  });

  it('handles CRLF, lone CR and a BOM', () => {
    const slices = splitDocuments('\uFEFFa: 1\r\n---\r\nb: 2\r\n');
    assert.deepEqual(slices.map((s) => s.startLine), [0, 1]);
    assert.deepEqual(splitDocuments('a: 1\r---\rb: 2\r').map((s) => s.startLine), [0, 1]);
  });
});

describe('parse cache', () => {
  const three = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\n---\nkind: Gateway\n---\nkind: Sidecar\n';

  it('re-parses only the `---` document whose text changed', () => {
    const cache = new ParseCache(() => ({ maxFileSizeKB: 1024 }));
    const before = cache.get(TextDocument.create('file:///a.yaml', 'yaml', 1, three));
    const after = cache.get(TextDocument.create('file:///a.yaml', 'yaml', 2, three.replace('Gateway', 'Gateways')));
    assert.equal(after.documents[0].doc, before.documents[0].doc);
    assert.notEqual(after.documents[1].doc, before.documents[1].doc);
    assert.equal(after.documents[2].doc, before.documents[2].doc);
    assert.equal(after.documents[2].startOffset, before.documents[2].startOffset + 1);
  });

  it('returns the same parse for the same version and forgets a closed file', () => {
    const cache = new ParseCache(() => ({ maxFileSizeKB: 1024 }));
    const document = TextDocument.create('file:///a.yaml', 'yaml', 1, three);
    const first = cache.get(document);
    assert.equal(cache.get(document), first);
    cache.evict(document.uri);
    assert.notEqual(cache.get(document), first);
  });

  it('finds the document holding a line', () => {
    const cache = new ParseCache(() => ({ maxFileSizeKB: 1024 }));
    const file = cache.get(TextDocument.create('file:///a.yaml', 'yaml', 1, three));
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((line) => documentAtLine(file, line)?.index), [0, 0, 1, 1, 2, 2]);
  });

  it('reads the resource header and classifies documents', () => {
    const cache = new ParseCache(() => ({ maxFileSizeKB: 1024 }));
    const text = 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: se, namespace: egress}\n---\napiVersion: v1\nkind: Service\n---\n---\nkind: VirtualService\n---\nreplicas: 3\n';
    const file = cache.get(TextDocument.create('file:///a.yaml', 'yaml', 1, text));
    assert.deepEqual(
      file.documents.map(({ doc }) => [doc.header.role, doc.header.istioKind, doc.header.name, doc.header.namespace]),
      [
        ['istio', 'ServiceEntry', 'se', 'egress'],
        ['other', undefined, undefined, undefined],
        ['empty', undefined, undefined, undefined],
        ['istio', 'VirtualService', undefined, undefined],
        ['other', undefined, undefined, undefined],
      ],
    );
  });

  it('a file re-opened with the same version but new text is parsed again', () => {
    const cache = new ParseCache(() => ({ maxFileSizeKB: 1024 }));
    cache.get(TextDocument.create('file:///a.yaml', 'yaml', 1, 'kind: Gateway\n'));
    const again = cache.get(TextDocument.create('file:///a.yaml', 'yaml', 1, 'kind: Sidecar\n'));
    assert.equal(again.documents[0].doc.header.kind, 'Sidecar');
  });
});

