// Entry point of the bundled server: `node server/out/server.js --stdio` (or --node-ipc, --socket=N).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
// A rejected promise nobody awaited (a client refusing a request we sent) must not end the server,
// which Node does by default; log it and keep serving.
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
startServer(connection);
connection.listen();
