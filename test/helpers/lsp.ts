/**
 * A small LSP client for the protocol tests and the benchmark: over stdio with the bundled
 * dist/server.js (spawnServer/startServer), or in-process with createServer over in-memory
 * streams (startInProcess: the sources run under tsx, so coverage sees them). It answers the
 * server's own requests (configuration, registration), keeps every publishDiagnostics in
 * arrival order, and notices if the server dies.
 */
import assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, MessageConnection } from 'vscode-jsonrpc/node';
import type { Hover, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = join(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  initializationOptions?: object;
  /** The answer to workspace/configuration for section xxgkReport (omit: {}). */
  configuration?: object;
  /** Advertise workspace/configuration (default true); without it the server uses initializationOptions.settings. */
  configurationCapability?: boolean;
  locale?: string;
  rootUri?: string | null;
}

export interface Published extends PublishDiagnosticsParams {
  /** performance.now() when it arrived. */
  at: number;
}

export class LspClient {
  readonly published: Published[] = [];
  readonly logs: string[] = [];
  stderr = '';
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly docs = new Map<string, TextDocument>();
  private waiters: { uri: string; predicate: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  private deathWaiters: ((e: Error) => void)[] = [];

  /** The in-process server (startInProcess), for its whenIdle(). */
  server?: { whenIdle(): Promise<void> };
  private barriers = 0;

  /** The spawned server process (not for an in-process server). */
  get child(): ChildProcess {
    if (!this.proc) throw new Error('an in-process server has no child process');
    return this.proc;
  }

  constructor(
    private readonly proc: ChildProcess | undefined,
    readonly connection: MessageConnection,
  ) {
    const child = proc;
    this.exited = new Promise((resolve) => {
      child?.once('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const d of this.deathWaiters) d(new Error(`server exited (code ${code}, signal ${signal})\n${this.stderr}`));
        this.deathWaiters = [];
        resolve({ code, signal });
      });
    });
    child?.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const entry: Published = { ...p, at: performance.now() };
      this.published.push(entry);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.predicate(entry)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(entry);
        }
      }
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
  }

  /**
   * Waits until the server has handled everything sent so far and published what it will
   * publish for it: a request round trip (messages are handled in order), then the in-process
   * server's whenIdle(), or over stdio a marker document whose diagnostics come after those of
   * every document scheduled before it (one publish queue, first in first out).
   */
  async settled(timeoutMs = 60_000): Promise<void> {
    await this.connection.sendRequest('xxgkReport/template', { kind: 'table2' });
    if (this.server) {
      // The in-process server says when it is idle; the timeout is only a failure bound.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the server was not idle within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([this.server.whenIdle(), late]);
      } finally {
        clearTimeout(timer);
      }
      // What the server sent meanwhile arrives before the answer to a later request.
      await this.connection.sendRequest('xxgkReport/template', { kind: 'table2' });
      return;
    }
    const uri = `untitled:barrier-${++this.barriers}.md`;
    this.open(uri, '', 1);
    await this.waitFor(uri, () => true, timeoutMs);
    this.close(uri);
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** The uris published so far, in order, without the settled() markers. */
  publishedFor(uri: string): Published[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** The local copy of an open document (what the server should have). */
  doc(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  open(uri: string, text: string, version = 1): void {
    this.docs.set(uri, TextDocument.create(uri, 'markdown', version, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** Sends a change and applies it to the local copy too. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const d = this.docs.get(uri);
    if (d) this.docs.set(uri, TextDocument.update(d, changes, version));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  /** Replace [start, end) (offsets into the local copy) with text, as an incremental change. */
  edit(uri: string, version: number, start: number, end: number, text: string): void {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    this.change(uri, version, [{ range: { start: d.positionAt(start), end: d.positionAt(end) }, text }]);
  }

  close(uri: string): void {
    this.docs.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The next (or an already received, not older than `since`) publishDiagnostics that satisfies the predicate. */
  waitFor(uri: string, predicate: (p: Published) => boolean = () => true, timeoutMs = 60_000, since = -1): Promise<Published> {
    const have = this.published
      .slice(since + 1)
      .reverse()
      .find((p) => p.uri === uri && predicate(p));
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        uri,
        predicate,
        resolve: (p: Published) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
      this.deathWaiters.push((e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /** Diagnostics for exactly this version of the document. */
  waitForVersion(uri: string, version: number, timeoutMs = 60_000): Promise<Published> {
    return this.waitFor(uri, (p) => p.version === version, timeoutMs);
  }

  /** The last diagnostics received for a uri. */
  last(uri: string): Published | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  /** Orderly shutdown; resolves with the exit code (kills the process after timeoutMs). */
  async stop(timeoutMs = 30_000): Promise<number | null> {
    if (!this.proc) {
      // In-process: an exit notification would end the test process.
      await this.connection.sendRequest('shutdown');
      this.connection.dispose();
      return 0;
    }
    if (!this.alive) return this.exit!.code;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill('SIGKILL');
    }
    const { code } = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }

  /** Last resort in a finally block. */
  kill(): void {
    if (this.alive) this.proc?.kill('SIGKILL');
    this.connection.dispose();
  }
}

/** Spawn the server and start the connection, without initializing. */
export function spawnServer(opts: StartOptions = {}): LspClient {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // A write after the server died must not crash the test process.
  child.stdin.on('error', () => undefined);
  return answering(new LspClient(child, connection), opts);
}

/** The client's side of the server's own requests. */
function answering(client: LspClient, opts: StartOptions): LspClient {
  const connection = client.connection;
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => opts.configuration ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  return client;
}

/**
 * The server from the sources, in this process, over in-memory streams (createServer), then
 * initialize and initialized. `client.server.whenIdle()` waits for its publishing to finish.
 */
export async function startInProcess(opts: StartOptions = {}): Promise<LspClient & { server: import('../../server/src/server').Server }> {
  const { createConnection, ProposedFeatures } = await import('vscode-languageserver/node');
  const { createServer } = await import('../../server/src/server');
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = createServer(serverConnection);
  serverConnection.listen();
  const client = answering(
    new LspClient(undefined, createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer))),
    opts,
  );
  client.server = server;
  client.connection.onDispose(() => serverConnection.dispose());
  // No processId: the server library would watch it with an interval that keeps the tests alive.
  await client.connection.sendRequest('initialize', { ...initializeParams(opts), processId: null });
  await client.connection.sendNotification('initialized', {});
  return client as LspClient & { server: import('../../server/src/server').Server };
}

export function initializeParams(opts: StartOptions = {}): object {
  return {
    processId: process.pid,
    locale: opts.locale ?? 'zh-cn',
    rootUri: opts.rootUri ?? null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: opts.configurationCapability !== false },
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
    },
    initializationOptions: opts.initializationOptions,
  };
}

/** Spawn, initialize and send initialized. */
export async function startServer(opts: StartOptions = {}): Promise<LspClient> {
  const client = spawnServer(opts);
  await client.connection.sendRequest('initialize', initializeParams(opts));
  await client.connection.sendNotification('initialized', {});
  return client;
}

/** A diagnostic's message as text (the protocol types allow MarkupContent). */
export function messageText(m: string | { value: string }): string {
  return typeof m === 'string' ? m : m.value;
}

/**
 * Five hovers in a row over a figure of table 三 of `report` (open at `uri`), each asserted to be
 * answered; for each, whether `done()` already said the long request under test had finished.
 * A server that keeps answering while it converts gives five `false`.
 */
export async function hoversDuring(client: LspClient, uri: string, report: string, done: () => boolean): Promise<boolean[]> {
  const lines = report.split('\n');
  const line = lines.findIndex((l) => l.startsWith('| 一、本年新收'));
  const answered: boolean[] = [];
  for (let i = 0; i < 5; i++) {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line].lastIndexOf('|') - 2 },
    });
    assert.ok(hover, 'a hover over a figure of table 三');
    answered.push(done());
  }
  return answered;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
