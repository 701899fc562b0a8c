/**
 * Entry point of dist/server.js: `node dist/server.js --stdio` (other editors) or IPC (the
 * VS Code client). The analysis core (dist/core.js) is loaded after initialize is answered.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createServer } from './server';

const connection = createConnection(ProposedFeatures.all);
createServer(connection);
connection.listen();

// A bug must never end the server: log it and keep answering.
process.on('uncaughtException', (e) => connection.console.error(`未捕获的异常：${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) =>
  connection.console.error(`未处理的拒绝：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
);
