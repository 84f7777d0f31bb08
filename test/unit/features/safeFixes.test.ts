// The fixes `--fix` may apply unasked: the only preferred quick fix of a diagnostic, editing
// nothing but its own file, applied in non-overlapping passes until none is left.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, CreateFile, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { fixAll, nonOverlapping, safeFixes, type SafeFix } from '../../../server/src/service/features/codeActions/safeFixes';
import { dedent, fixture } from '../../support/fixture';
import { newService } from '../../support/service';

const BEFORE = dedent(`
  # Payments API: three mistakes with a fix each
  apiVersion: networking.istio.io/v1
  kind: Destination # the kind
  metadata:
    name: payments
  spec:
    host: api.example.com
    trafficPolicy:
      tls:
        mode: simple   # originate TLS
  ---
  apiVersion: networking.istio.io/v1
  kind: ServiceEntry
  metadata:
    name: payments
  spec:
    hosts: [api.example.com]
    ports: [{number: 443, name: tls, protocol: TLS}]
    resolutions: DNS # by name
`);
// `mode: simple` is only checked once the kind is known: a second pass fixes it.
const AFTER = BEFORE.replace('kind: Destination #', 'kind: DestinationRule #').replace('mode: simple ', 'mode: SIMPLE ').replace('resolutions: DNS', 'resolution: DNS');

const URI = 'file:///workspace/egress.yaml';
const diagnostic = (line: number, code = 'IE120'): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, message: '', code });
const action = (title: string, edit: CodeAction['edit'], isPreferred?: boolean): CodeAction => ({ title, kind: CodeActionKind.QuickFix, edit, isPreferred });
const replace = (uri: string, line: number) => ({ changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 4 } }, newText: 'x' }] } });

describe('safe fixes', () => {
  it('fixAll applies every safe fix, pass after pass, with minimal edits that keep comments', () => {
    const service = newService();
    const document = fixture(BEFORE).document;
    const result = service.fixAll(document);
    assert.equal(result.document.getText(), AFTER);
    assert.deepEqual(result.applied.map((fix) => fix.code).sort(), ['IE111', 'IE120', 'IE122']);
    assert.equal(result.passes, 2);
    // The fixed text is now the document's content: nothing is left to fix.
    assert.deepEqual(service.getSafeFixes(result.document), []);
    assert.deepEqual(service.fixAll(result.document).applied, []);
  });

  it('stops after maxPasses, and fixes only what `only` accepts', () => {
    const onePass = newService().fixAll(fixture(BEFORE).document, { maxPasses: 1 });
    assert.equal(onePass.document.getText(), AFTER.replace('mode: SIMPLE ', 'mode: simple '));
    const onlySchema = newService().fixAll(fixture(BEFORE).document, { only: (d) => d.code === 'IE120' });
    assert.equal(onlySchema.document.getText(), BEFORE.replace('resolutions: DNS', 'resolution: DNS'));
  });

  it('keeps CRLF line endings, also in the lines it inserts', () => {
    const lf = dedent(`
      apiVersion: networking.istio.io/v1
      kind: VirtualService
      metadata: {name: echo, namespace: shop}
      spec:
        hosts: [postman-echo.com]
        http:
        - route:
          - destination: {host: postman-echo.com}
    `);
    const result = newService().fixAll(TextDocument.create(URI, 'yaml', 1, lf.replace(/\n/g, '\r\n')));
    const fixed = result.document.getText();
    assert.deepEqual(result.applied.map((fix) => fix.code), ['IE302']);
    assert.match(fixed, /\r\nkind: ServiceEntry\r\n/);
    assert.doesNotMatch(fixed, /(?<!\r)\n/);
  });

  it('never takes a fix that edits another file, even a preferred one', () => {
    // The command line's fixture: subset `backup` of a DestinationRule in another file.
    const folder = join(__dirname, '..', '..', 'cli', 'fixtures', 'mixed');
    const service = newService();
    const uri = (name: string) => `file:///workspace/${name}`;
    service.setWorkspaceFile(uri('destinationrule.yaml'), readFileSync(join(folder, 'destinationrule.yaml'), 'utf8'));
    const vs = TextDocument.create(uri('virtualservice.yaml'), 'yaml', 1, readFileSync(join(folder, 'virtualservice.yaml'), 'utf8'));
    const ie301 = service.doValidation(vs).find((d) => d.code === 'IE301')!;
    const preferred = service.getCodeActions(vs, ie301.range, [ie301]).filter((candidate) => candidate.isPreferred);
    assert.equal(preferred.length, 1);
    assert.deepEqual(Object.keys(preferred[0].edit?.changes ?? {}), [uri('destinationrule.yaml')]);
    const safe = service.getSafeFixes(vs).map((fix) => fix.code);
    assert.ok(!safe.includes('IE301'), safe.join(' '));
    assert.ok(safe.includes('IE120'), safe.join(' '));
  });

  it('safeFixes keeps only an unambiguous preferred fix confined to the file', () => {
    const offered: Record<number, CodeAction[]> = {
      0: [action('one', replace(URI, 0), true)],
      1: [action('a', replace(URI, 1), true), action('b', replace(URI, 1), true)],
      2: [action('not preferred', replace(URI, 2))],
      3: [action('elsewhere', replace('file:///workspace/other.yaml', 3), true)],
      4: [action('creates a file', { documentChanges: [CreateFile.create('file:///workspace/new.yaml')] }, true)],
      5: [{ ...action('runs a command', replace(URI, 5), true), command: { title: 'c', command: 'x' } }],
    };
    const diagnostics = Object.keys(offered).map((line) => diagnostic(Number(line)));
    const fixes = safeFixes(URI, diagnostics, (d) => offered[d.range.start.line]);
    assert.deepEqual(fixes.map((fix) => fix.title), ['one']);
  });

  it('nonOverlapping drops a fix whose edits touch an earlier one, including two insertions at one point', () => {
    const document = TextDocument.create(URI, 'yaml', 1, 'abcdefghij\n');
    const fix = (title: string, start: number, end: number): SafeFix => ({
      code: 'IE120',
      title,
      diagnostic: diagnostic(0),
      edits: [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText: '-' }],
    });
    const chosen = nonOverlapping(document, [fix('a', 0, 3), fix('overlaps a', 2, 5), fix('b', 3, 5), fix('insert', 7, 7), fix('insert again', 7, 7), fix('c', 8, 9)]);
    assert.deepEqual(chosen.map((f) => f.title), ['a', 'b', 'insert', 'c']);
  });

  it('fixAll stops when a pass changes nothing', () => {
    const document = TextDocument.create(URI, 'yaml', 1, 'same\n');
    let calls = 0;
    const identity: SafeFix = { code: 'IE120', title: 'no-op', diagnostic: diagnostic(0), edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'same' }] };
    const result = fixAll(document, () => (calls++, [identity]), () => 0);
    assert.equal(calls, 1);
    assert.equal(result.passes, 0);
    assert.deepEqual(result.applied, []);
  });

  it('fixAll keeps a fix only when the file has no more errors and warnings after it', () => {
    const document = TextDocument.create(URI, 'yaml', 1, 'good bad\n');
    const word = (title: string, start: number, newText: string): SafeFix => ({
      code: 'IE120',
      title,
      diagnostic: diagnostic(0),
      edits: [{ range: { start: { line: 0, character: start }, end: { line: 0, character: start + 1 } }, newText }],
    });
    // Problems: one per `x` in the text, standing in for what the analysis finds.
    const problems = (version: TextDocument) => (version.getText().match(/x/g) ?? []).length + 1;
    const offered = [word('helps', 0, 'G'), word('harms', 5, 'xx')];
    const result = fixAll(document, (version) => offered.filter(() => version.getText().startsWith('good')), problems);
    assert.equal(result.document.getText(), 'Good bad\n');
    assert.deepEqual(result.applied.map((fix) => fix.title), ['helps']);
    assert.deepEqual(result.rejected.map((fix) => fix.title), ['harms']);
  });

  it('fixAll through the service: a tab fix that would break the structure is not applied', () => {
    const before = [
      'apiVersion: networking.istio.io/v1',
      'kind: Sidecar',
      'metadata: {name: default, namespace: travel}',
      'spec:',
      '  egress:',
      '  - hosts:',
      '    - "./*"',
      '\t- "istio-system/*"',
      '',
    ].join('\n');
    const result = newService().fixAll(TextDocument.create(URI, 'yaml', 1, before));
    assert.equal(result.document.getText(), before);
  });
});
