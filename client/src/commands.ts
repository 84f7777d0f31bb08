// Every command of the extension, as a small factory taking what it needs; registered in one place.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { newEgressRoute } from './scaffold/newEgressRoute';

export interface ExtensionParts {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.OutputChannel;
}

type CommandFactory = (parts: ExtensionParts) => (...args: unknown[]) => unknown;

const restartServer: CommandFactory = ({ client }) => async () => {
  await client.restart();
};

const showOutput: CommandFactory = ({ output }) => () => output.show(true);

export const COMMANDS: Record<string, CommandFactory> = {
  // Accepts NewEgressRouteArgs; returns the URI of the document that received the route.
  'istioEgress.newEgressRoute': ({ client }) => newEgressRoute(client),
  'istioEgress.restartServer': restartServer,
  'istioEgress.showOutput': showOutput,
};

export function registerCommands(parts: ExtensionParts): void {
  for (const [id, factory] of Object.entries(COMMANDS)) parts.context.subscriptions.push(vscode.commands.registerCommand(id, factory(parts)));
}
