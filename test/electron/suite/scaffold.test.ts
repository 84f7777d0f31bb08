// The scaffold command driven with all its inputs, as a keybinding or another extension would: no prompt.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NewEgressRouteArgs } from '../../../server/src/protocol';
import { ensureActive } from './helpers';

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  return typeof value === 'string' ? vscode.Uri.parse(value) : undefined;
}

describe('istioEgress.newEgressRoute', () => {
  let created: vscode.Uri | undefined;
  before(ensureActive);
  after(async () => {
    // Leave no dirty untitled editor behind.
    if (created && vscode.window.activeTextEditor?.document.uri.toString() === created.toString()) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('with host, mode and target opens an untitled YAML document holding the four resources', async function () {
    // A prompt would wait forever for input: this timeout is what a prompt looks like here.
    this.timeout(30_000);
    const args: NewEgressRouteArgs = { host: 'httpbin.org', mode: 'http', target: 'untitled' };
    const result = await vscode.commands.executeCommand<unknown>('istioEgress.newEgressRoute', args);
    created = asUri(result);
    assert.ok(created, `the command returns the new document's URI, got ${String(result)}`);
    assert.equal(created.scheme, 'untitled');
    const document = await vscode.workspace.openTextDocument(created);
    assert.equal(document.languageId, 'yaml');
    const text = document.getText();
    for (const kind of ['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService']) assert.match(text, new RegExp(`^kind: ${kind}$`, 'm'), `has a ${kind}`);
    assert.match(text, /\bhttpbin\.org\b/, 'the route is for httpbin.org');
    assert.ok(vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === created!.toString()), 'shown in an editor');
  });
});
