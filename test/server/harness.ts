/**
 * The in-process server for tests: createServer over in-memory streams, the sources under tsx
 * (so coverage sees them). `client.settled()` waits for the server to be idle; `client.server`
 * gives its parts (service, options, workspace index).
 *
 *   const client = await startInProcess({ rootUri, configuration, initializationOptions });
 *   client.open(uri, text);
 *   const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
 *   await client.stop();
 */
export { hoversDuring, messageText, startInProcess, type LspClient, type StartOptions } from '../helpers/lsp';
