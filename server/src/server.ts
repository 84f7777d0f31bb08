// Entry point of the bundled server: `node server/out/server.js --stdio` (or --node-ipc, --socket=N).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
