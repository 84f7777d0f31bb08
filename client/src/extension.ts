// VS Code entry point: starts the Istio Egress language server, registers the commands and shows
// the server's status in the status bar.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SERVER_NAME } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { ServerStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(SERVER_NAME);
  client = createLanguageClient(context, output);
  context.subscriptions.push(output);
  // Before start, so that the item follows the client from its first state change.
  const status = new ServerStatus(client);
  context.subscriptions.push(status);
  registerCommands({ context, client, output });
  try {
    await client.start();
  } catch (error) {
    status.failed(error);
    throw error;
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
