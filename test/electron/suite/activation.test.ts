// The extension wakes up on YAML, not before, and registers every command its manifest contributes.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { extension, openFixture, waitFor } from './helpers';

describe('activation', () => {
  it('activates when the first YAML file is opened, and not before', async () => {
    const ours = extension();
    assert.equal(ours.isActive, false, 'active before any YAML file was opened: activationEvents should be onLanguage:yaml only');
    const editor = await openFixture('news/serviceentry.yaml');
    assert.equal(editor.document.languageId, 'yaml');
    await waitFor('the extension to activate after a YAML file was opened', () => (ours.isActive ? true : undefined));
  });

  it('registers the commands it contributes', async () => {
    const contributed = (extension().packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    assert.deepEqual([...contributed].sort(), ['istioEgress.newEgressRoute', 'istioEgress.restartServer', 'istioEgress.showOutput']);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), [], 'contributed but not registered');
  });
});
