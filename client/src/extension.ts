// VS Code entry point: starts the Istio Egress language server and registers the commands.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION, SERVER_NAME, type InitializationOptions } from '../../server/src/protocol';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(SERVER_NAME);
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: CONFIGURATION_SECTION,
      // The server indexes every YAML file of the workspace; tell it when one changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    initializationOptions: {
      watchesFiles: true,
      settings: vscode.workspace.getConfiguration(CONFIGURATION_SECTION),
    } satisfies InitializationOptions,
    outputChannel: output,
  };
  client = new LanguageClient('istioEgress', SERVER_NAME, serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('istioEgress.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('istioEgress.showOutput', () => output.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
