/** A small LSP client over stdio for the protocol tests: spawns the bundled server. */
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const SERVER = join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** Resolves with the next diagnostics for the uri that satisfy the predicate. */
  diagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<number | null>;
}

export async function startServer(init: { initializationOptions?: object; locale?: string; rootPath?: string; configuration?: object } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    latest.set(p.uri, p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.predicate(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => init.configuration ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    locale: init.locale ?? 'zh-cn',
    rootUri: init.rootPath ? pathToFileURL(init.rootPath).toString() : null,
    workspaceFolders: init.rootPath ? [{ uri: pathToFileURL(init.rootPath).toString(), name: 'ws' }] : null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } } },
    initializationOptions: init.initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    diagnostics(uri, predicate = () => true, timeoutMs = 10000) {
      const have = latest.get(uri);
      if (have && predicate(have)) { latest.delete(uri); return Promise.resolve(have); }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, predicate, resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch { child.kill(); }
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

export function codes(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
}
