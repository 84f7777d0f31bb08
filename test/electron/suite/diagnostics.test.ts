// Diagnostics as VS Code shows them (getDiagnostics), and quick fixes as the light bulb offers them, applied with
// workspace.applyEdit: one in the same file, one that edits another file of the workspace.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, ensureActive, fixtureUri, openFixture, quickFixes, rangeIn, waitForDiagnostics } from './helpers';

const has = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);

describe('diagnostics and quick fixes', () => {
  before(ensureActive);
  after(() => vscode.workspace.saveAll(false));

  it('IE122 on `resolution: MESH_EXTERNAL`; the preferred quick fix replaces the value and the error goes away', async () => {
    const { document } = await openFixture('egress/broken-serviceentry.yaml');
    const value = rangeIn(document, 'resolution: MESH_EXTERNAL', 'resolution: '.length);
    const diagnostics = await waitForDiagnostics(document.uri, has('IE122'), 'IE122');
    const problem = diagnostics.find((d) => codeOf(d) === 'IE122')!;
    assert.ok(problem.range.isEqual(value), `IE122 underlines the value, got ${document.getText(problem.range)}`);
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problem.message, /`location`/);

    const fix = (await quickFixes(document.uri, problem.range)).find((action) => action.isPreferred);
    assert.ok(fix?.edit, 'a preferred quick fix with an edit');
    const replacement = /^Change to '(DNS|DNS_ROUND_ROBIN|DYNAMIC_DNS|NONE|STATIC)'$/.exec(fix.title)?.[1];
    assert.ok(replacement, `the fix picks a resolution value: ${fix.title}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(document.uri, (now) => !has('IE122')(now), 'IE122 to go away after the quick fix');
    assert.match(document.getText(), new RegExp(`^  resolution: ${replacement}$`, 'm'));
  });

  it('IE301 for a subset the DestinationRule in another file does not define; the fix adds it there', async () => {
    const { document } = await openFixture('news/virtualservice.yaml');
    // The message names the rule in gateway.yaml: the server read a file that is not open.
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (now) => now.some((d) => codeOf(d) === 'IE301' && /egressgateway-for-news/.test(d.message)),
      'IE301 naming the DestinationRule of news/gateway.yaml',
    );
    const problems = diagnostics.filter((d) => codeOf(d) === 'IE301');
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(document.getText(problem.range), 'news-http');
    assert.match(problem.message, /defines `news`/);

    const fix = (await quickFixes(document.uri, problem.range)).find((action) => /^Add subset 'news-http' to DestinationRule .*egressgateway-for-news$/.test(action.title));
    assert.ok(fix?.edit, 'the add-subset quick fix');
    const gateway = fixtureUri('news/gateway.yaml');
    assert.deepEqual(fix.edit.entries().map(([uri]) => uri.toString()), [gateway.toString()], 'the fix edits only the DestinationRule file');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // The edited file now shadows the disk copy; the VirtualService's diagnostics must follow it.
    await waitForDiagnostics(document.uri, (now) => !has('IE301')(now), 'IE301 to go away once the subset is defined');
    const rule = await vscode.workspace.openTextDocument(gateway);
    assert.match(rule.getText(), /^ {2}- name: news\n {2}- name: news-http$/m);
  });
});
