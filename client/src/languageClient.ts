// The language client: starts the bundled server (server/out/server.js) over IPC.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION, SERVER_NAME, type InitializationOptions } from '../../server/src/protocol';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
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
  return new LanguageClient('istioEgress', SERVER_NAME, serverOptions, clientOptions);
}
