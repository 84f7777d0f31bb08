// Completion and hover through VS Code's own provider commands, i.e. what the editor widgets receive.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ensureActive, fixtureUri, openFixture, rangeIn } from './helpers';

const RESOLUTIONS = ['DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS', 'NONE', 'STATIC'];

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('completion and hover', () => {
  before(ensureActive);
  // The workspace is a throwaway copy: saving leaves no dirty editor behind for the next suite.
  after(() => vscode.workspace.saveAll(false));

  it('after typing `resolution: ` offers the resolution values, and not MESH_EXTERNAL', async () => {
    const editor = await openFixture('egress/draft.yaml');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.equal(end.character, 0, 'the fixture ends with a newline');
    // Typed as a user would: the edit reaches the server as an incremental change before the completion request.
    assert.ok(await editor.edit((edit) => edit.insert(end, '  resolution: ')));
    const cursor = editor.document.lineAt(end.line).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, cursor);
    const labels = list.items.map(labelOf);
    assert.deepEqual(RESOLUTIONS.filter((value) => !labels.includes(value)), [], `missing values; offered: ${labels.join(', ')}`);
    assert.ok(!labels.includes('MESH_EXTERNAL'), 'MESH_EXTERNAL is a location, never a resolution');
  });

  it('hover on the `resolution` key shows its documentation', async () => {
    // A file no other test edits: the diagnostics suite rewrites the value in broken-serviceentry.yaml.
    const document = await vscode.workspace.openTextDocument(fixtureUri('news/serviceentry.yaml'));
    const key = rangeIn(document, '  resolution: DNS', 2, 'resolution'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, key.start.translate(0, 3));
    const text = hovers.flatMap((hover) => hover.contents.map((part) => (typeof part === 'string' ? part : part.value))).join('\n');
    assert.match(text, /\*\*resolution\*\*/);
    assert.match(text, /How the proxy finds the IPs/);
    assert.match(text, /`MESH_EXTERNAL` is a `location`, never a resolution/);
    assert.match(text, /\]\(https:\/\/istio\.io\/[^)\s]*\)/, 'links to istio.io');
  });
});
