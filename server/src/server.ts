/**
 * The language server as a factory: createServer(connection) maps LSP requests and
 * notifications to the report service (service/index.ts) and publishes diagnostics as the
 * user types: bursts of edits are coalesced, one document is analysed per turn of the event
 * loop (requests for other documents are answered in between), and a superseded version is
 * never published. A document far beyond a real report, whose analysis the work budget left
 * incomplete, is analysed one budget further per turn whenever nothing else waits, until its
 * diagnostics are those of the complete analysis. server-main.ts makes the stdio/IPC
 * connection; tests pass an in-memory one.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { FIX_ALL_KIND } from './lsp';
import { OptionsResolver, configFileName } from './options';
import {
  ExportRequest,
  FixAllRequest,
  ImportRequest,
  InsertSectionRequest,
  PasteRequest,
  StructureRequest,
  TableGridRequest,
  TemplateRequest,
  NextYearRequest,
  TallyRequest,
} from './protocol';
import { createReportService, type ReportService } from './service/index';
import { WorkspaceReports } from './workspace';

/** At most this long between the first edit of a burst and its diagnostics, even if edits keep coming. */
const COALESCE_MS = 50;

export interface ServerParts {
  service: ReportService;
  options: OptionsResolver;
  workspace: WorkspaceReports;
}

export interface Server extends ServerParts {
  /** Resolves when no document waits to be analysed and published (tests wait for it instead of sleeping). */
  whenIdle(): Promise<void>;
}

function uriPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wires a connection to a report service. Without `parts`, it makes the options resolver,
 * the workspace index and the service itself. Call connection.listen() afterwards.
 */
// eslint-disable-next-line max-lines-per-function -- the one place every LSP handler is wired to the service; each handler is a line or two
export function createServer(connection: Connection, parts?: Partial<ServerParts>): Server {
  const log = (m: string): void => connection.console.log(m);
  const warn = (m: string): void => connection.console.warn(m);
  const options = parts?.options ?? new OptionsResolver({ warn });
  const workspace = parts?.workspace ?? new WorkspaceReports(log, () => options.maxDocumentBytes);
  const service = parts?.service ?? createReportService({ workspace, config: () => options, logger: { log, warn } });
  const documents = new TextDocuments(TextDocument);

  let provideSymbols = true;
  let configurationCapability = false;
  let settingsLoaded = false;
  const folders: string[] = [];

  // ---- publishing: coalesce a burst, then one document per turn of the event loop.
  const waiting = new Set<string>();
  const queue: string[] = [];
  /** Open documents whose published analysis the work budget left incomplete: refined when idle. */
  const unfinished = new Set<string>();
  let draining = false;
  let idleWaiters: (() => void)[] = [];
  let indexing: Promise<void> = Promise.resolve();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });

  function checkIdle(): void {
    if (!idleWaiters.length || waiting.size || queue.length || draining || unfinished.size) return;
    const ws = idleWaiters;
    idleWaiters = [];
    for (const w of ws) w();
  }

  function publish(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) return;
    const diagnostics = service.getDiagnostics(doc);
    void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    if (service.getResult(doc).analysis?.model.incomplete) unfinished.add(uri);
    else unfinished.delete(uri);
  }

  /**
   * An idle moment (no edit queued or being coalesced): one document left incomplete gets one
   * more budgeted analysis, and its diagnostics are published when it got further. A step costs
   * at most one budget, so an edit arriving meanwhile waits no longer than for any analysis.
   */
  function refineOne(uri: string): void {
    const doc = documents.get(uri);
    if (!doc) {
      unfinished.delete(uri);
      return;
    }
    // Published also when nothing was left to refine: a complete analysis asked for meanwhile
    // (fix-all) made the version complete, and its diagnostics were not published yet.
    service.refineAnalysis(doc);
    publish(uri);
  }

  function drain(): void {
    if (draining) return;
    draining = true;
    const step = (): void => {
      const uri = queue.shift();
      if (uri === undefined) {
        const rest = waiting.size ? undefined : unfinished.values().next().value;
        if (rest !== undefined) {
          try {
            refineOne(rest);
          } catch (e) {
            unfinished.delete(rest);
            warn(`继续分析 ${rest} 时出错：${e instanceof Error ? e.stack : String(e)}`);
          }
          setImmediate(step);
          return;
        }
        draining = false;
        checkIdle();
        return;
      }
      try {
        publish(uri);
      } catch (e) {
        warn(`发布 ${uri} 的诊断时出错：${e instanceof Error ? e.stack : String(e)}`);
      }
      setImmediate(step);
    };
    setImmediate(step);
  }

  /**
   * Coalesce a burst of edits: the JSON-RPC connection handles one queued message per turn,
   * so wait until the document's version stays the same for one turn (at most COALESCE_MS).
   */
  function schedule(uri: string): void {
    // Until the settings are loaded, wait: a first result with the wrong severities would flash.
    if (waiting.has(uri) || !settingsLoaded) return;
    waiting.add(uri);
    const since = Date.now();
    let seen: number | undefined;
    const tick = (): void => {
      const doc = documents.get(uri);
      // (A broken client's didOpen may carry no version: publish at once.)
      if (doc && doc.version !== undefined && doc.version !== seen && Date.now() - since < COALESCE_MS) {
        seen = doc.version;
        setImmediate(tick);
        return;
      }
      waiting.delete(uri);
      if (!doc) {
        checkIdle();
        return;
      }
      if (!queue.includes(uri)) queue.push(uri);
      drain();
    };
    setImmediate(tick);
  }

  function reanalyseAll(): void {
    service.invalidateAll();
    for (const doc of documents.all()) schedule(doc.uri);
  }

  service.onDidInvalidate((uris) => {
    for (const u of uris) if (documents.get(u)) schedule(u);
  });

  async function loadSettings(): Promise<void> {
    if (!configurationCapability) return;
    try {
      options.setSettings(await connection.workspace.getConfiguration('xxgkReport'));
    } catch (e) {
      warn(`读取设置失败：${String(e)}`);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    options.locale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh';
    const init = (params.initializationOptions ?? {}) as { documentSymbols?: unknown; settings?: unknown };
    provideSymbols = init.documentSymbols !== false;
    configurationCapability = !!params.capabilities?.workspace?.configuration;
    if (init.settings !== undefined) options.setSettings(init.settings);
    for (const f of params.workspaceFolders ?? []) {
      const p = uriPath(f.uri);
      if (p) folders.push(p);
    }
    if (!params.workspaceFolders?.length && params.rootUri) {
      const p = uriPath(params.rootUri);
      if (p) folders.push(p);
    }
    options.setRoots(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        foldingRangeProvider: true,
        documentSymbolProvider: provideSymbols,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'xxgk-report', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (configurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgkReport' }).catch(() => undefined);
    }
    try {
      await loadSettings();
      // Validate now (this loads the core), so that bad values are reported at once.
      void options.settings;
    } catch (e) {
      warn(`初始化时出错：${String(e)}`);
    } finally {
      settingsLoaded = true;
      reanalyseAll();
      markReady();
    }
    // Indexing runs in slices after the open documents are scheduled; each report it finds
    // re-checks the open documents that look for it.
    indexing = workspace.indexFolders(folders).catch((e) => warn(`索引工作区时出错：${String(e)}`));
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change?.settings as { xxgkReport?: unknown } | null | undefined)?.xxgkReport;
    if (!configurationCapability && pushed !== undefined) options.setSettings(pushed);
    else await loadSettings();
    reanalyseAll();
  });

  connection.onDidChangeWatchedFiles((change) => {
    let reload = false;
    for (const c of change?.changes ?? []) {
      if (typeof c?.uri !== 'string') continue;
      if (c.uri.endsWith(`/${configFileName()}`)) reload = true;
      else service.fileChanged(c.uri, c.type === 3);
    }
    if (reload) {
      options.reload();
      reanalyseAll();
    }
  });

  documents.onDidOpen((e) => schedule(e.document.uri));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    unfinished.delete(e.document.uri);
    service.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // ---- requests: one line each, mapped to the service. The custom ones are the typed
  // RequestTypes of protocol.ts. (If tsc finds no overload of onRequest for them, node_modules
  // predates the `overrides` of package.json that keep one copy of the protocol library: npm ci.)
  const docOf = (p: { textDocument?: { uri?: unknown } } | null | undefined) =>
    typeof p?.textDocument?.uri === 'string' ? documents.get(p.textDocument.uri) : undefined;
  const docAt = (p: { uri?: unknown } | null | undefined) => (typeof p?.uri === 'string' ? documents.get(p.uri) : undefined);

  connection.onCodeAction((p, token) => {
    const d = docOf(p);
    return d && p.range ? service.getCodeActions(d, p.range, p.context ?? { diagnostics: [] }, token) : [];
  });
  connection.onFoldingRanges((p, token) => {
    const d = docOf(p);
    return d ? service.getFoldingRanges(d, token) : [];
  });
  connection.onDocumentSymbol((p, token) => {
    const d = docOf(p);
    return d && provideSymbols ? service.getDocumentSymbols(d, token) : [];
  });
  connection.onRequest(StructureRequest, (p) => {
    const d = docAt(p);
    return d ? service.getStructure(d) : null;
  });
  connection.onRequest(FixAllRequest, (p) => {
    const d = docAt(p);
    return d ? service.getFixAllEdits(d) : { version: null, edits: [] };
  });
  connection.onRequest(InsertSectionRequest, (p) => {
    const d = docAt(p);
    return d ? service.getInsertSectionEdits(d, Number(p.number)) : { version: null, edits: [] };
  });
  connection.onRequest(TemplateRequest, (p) => service.getTemplate(p));
  connection.onRequest(TableGridRequest, (p) => {
    const d = docAt(p);
    return d ? service.getTableGrid(d, p) : null;
  });
  connection.onHover((p, token) => {
    const d = docOf(p);
    return d && p.position ? service.getHover(d, p.position, token) : null;
  });
  connection.onCodeLens((p, token) => {
    const d = docOf(p);
    return d ? service.getCodeLenses(d, token) : [];
  });
  connection.onDocumentFormatting((p, token) => {
    const d = docOf(p);
    return d ? service.getFormattingEdits(d, undefined, token) : [];
  });
  connection.onDocumentRangeFormatting((p, token) => {
    const d = docOf(p);
    return d && p.range ? service.getFormattingEdits(d, p.range, token) : [];
  });
  connection.onRequest(NextYearRequest, (p) => service.getNextYearDraft(p, docAt(p)));
  connection.onRequest(ImportRequest, (p) => service.importFile(p));
  connection.onRequest(ExportRequest, (p) => {
    const d = docAt(p);
    return d ? service.exportDocument(d, p) : { ok: false as const, message: { zh: '文档没有打开', en: 'The document is not open' } };
  });
  connection.onRequest(PasteRequest, (p) => service.convertPaste(p));
  connection.onRequest(TallyRequest, (p) => {
    const d = docAt(p);
    return d ? service.getTallyEdit(d, p) : { ok: false as const, message: { zh: '文档没有打开', en: 'The document is not open' } };
  });

  documents.listen(connection);
  const whenIdle = async (): Promise<void> => {
    await ready;
    await indexing;
    await new Promise<void>((resolve) => {
      idleWaiters.push(resolve);
      setImmediate(checkIdle);
    });
  };
  return { service, options, workspace, whenIdle };
}
