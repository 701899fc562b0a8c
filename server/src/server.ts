/**
 * The language server: thin over the core. It keeps one DocumentAnalyzer per open document
 * (so an edit re-parses only the section it touches), publishes diagnostics as the user
 * types (coalescing bursts of edits, never publishing a stale result), and answers code
 * actions, folding, symbols and the custom requests of the "年报结构" view.
 */
import {
  CodeAction, CodeActionKind, CodeActionParams, Diagnostic, DiagnosticSeverity, DidChangeConfigurationNotification,
  InitializeParams, InitializeResult, ProposedFeatures, TextDocumentSyncKind, TextDocuments, TextEdit, createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Analysis, AnalysisOptions, DocumentAnalyzer, WorkspaceConfig } from './core/index';
import { core } from './core-loader';
import type { SectionNumber } from './core/template';
import { FIX_ALL_KIND, SOURCE, codeActionsFor, documentSymbols, foldingRanges, structureOf, toDiagnostic, toTextEdits } from './lsp';
import { WorkspaceReports } from './workspace';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings {
  rules?: AnalysisOptions['rules'];
  include?: string[];
  reportKind?: AnalysisOptions['reportKind'] | 'auto';
  maxDocumentSize: number;
}

const DEFAULT_SETTINGS: Settings = { maxDocumentSize: 8 * 1024 * 1024 };

interface DocState {
  analyzer: DocumentAnalyzer;
  last?: { version: number; analysis: Analysis; diagnostics: Diagnostic[] };
  scheduled: boolean;
}

const states = new Map<string, DocState>();
let settings: Settings = { ...DEFAULT_SETTINGS };
let workspaceConfigs: { root: string; config: WorkspaceConfig }[] = [];
let locale: 'zh' | 'en' = 'zh';
let provideSymbols = true;
let configurationCapability = false;
let settingsLoaded = false;
const workspaceFolders: string[] = [];
const reports = new WorkspaceReports((msg) => connection.console.log(msg));

function log(message: string): void {
  connection.console.log(message);
}

function uriPath(uri: string): string | undefined {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : undefined; } catch { return undefined; }
}

function configFor(uri: string): WorkspaceConfig | undefined {
  const path = uriPath(uri);
  if (!path) return undefined;
  return workspaceConfigs.filter((c) => path === c.root || path.startsWith(c.root.endsWith(sep) ? c.root : c.root + sep)).sort((a, b) => b.root.length - a.root.length)[0]?.config;
}

function optionsFor(uri: string): AnalysisOptions {
  const fileConfig = configFor(uri);
  const include = [...(settings.include ?? []), ...(fileConfig?.include ?? [])];
  const path = uriPath(uri) ?? uri;
  // Settings override the workspace file, rule by rule; both override the defaults.
  const options = core().mergeOptions(fileConfig, { rules: settings.rules }, { locale });
  if (settings.reportKind && settings.reportKind !== 'auto') options.reportKind = settings.reportKind;
  if (core().matchesInclude(path, include)) options.forceReport = true;
  return options;
}

function stateOf(uri: string): DocState {
  let s = states.get(uri);
  if (!s) { s = { analyzer: new (core().DocumentAnalyzer)(), scheduled: false }; states.set(uri, s); }
  return s;
}

/** Analyse the current text (cached per section) unless the last result is for this version. */
function analysisOf(doc: TextDocument): { analysis?: Analysis; diagnostics: Diagnostic[] } {
  const state = stateOf(doc.uri);
  if (state.last && state.last.version === doc.version) return state.last;
  // A didOpen without text (a broken client) leaves the document's text undefined.
  const text: string = doc.getText() ?? '';
  if (text.length > settings.maxDocumentSize) {
    const diagnostics: Diagnostic[] = [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      source: SOURCE,
      code: 'document-too-large',
      message: locale === 'en'
        ? `The document is ${(text.length / 1048576).toFixed(1)} MB, above xxgkReport.maxDocumentSize: not checked`
        : `文档有 ${(text.length / 1048576).toFixed(1)} MB，超过 xxgkReport.maxDocumentSize 设置的上限，未做检查`,
    }];
    state.last = undefined;
    return { diagnostics };
  }
  try {
    const analysis = state.analyzer.analyze(text, optionsFor(doc.uri), reports);
    for (const f of analysis.failures) log(`规则 ${f.code} 出错（已跳过）：${f.error}`);
    const diagnostics = analysis.findings.map((f) => toDiagnostic(doc.uri, analysis.model.lines, f, doc.version));
    state.last = { version: doc.version, analysis, diagnostics };
    if (analysis.model.isReport) {
      reports.updateOpen(doc.uri, analysis.model);
      refreshNextYear(doc.uri, analysis);
    }
    return state.last;
  } catch (e) {
    log(`分析 ${doc.uri} 时出错：${e instanceof Error ? e.stack : String(e)}`);
    state.last = undefined;
    return { diagnostics: [] };
  }
}

/** The same agency's next-year report, if open, compares with this one: let it check again. */
function refreshNextYear(uri: string, analysis: Analysis): void {
  const title = analysis.model.reports[0]?.title;
  const agency = core().agencyKey(title?.agency);
  if (!agency || !title?.year) return;
  for (const [other, state] of states) {
    const t = state.last?.analysis.model.reports[0]?.title;
    if (other === uri || !t || t.year !== title.year + 1 || core().agencyKey(t.agency) !== agency) continue;
    state.last = undefined;
    schedule(other);
  }
}

function publish(uri: string): void {
  const state = states.get(uri);
  if (state) state.scheduled = false;
  const doc = documents.get(uri);
  if (!doc) return;
  const { diagnostics } = analysisOf(doc);
  void connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
}

/** At most this long between the first edit of a burst and its diagnostics, even if edits keep coming. */
const COALESCE_MS = 50;

/**
 * Coalesce a burst of edits: analyse once, after the messages already received are handled.
 * The JSON-RPC connection handles one queued message per turn of the event loop, so a single
 * setImmediate would run before the next queued change: wait until the document's version
 * stays the same for one turn.
 */
function schedule(uri: string): void {
  const state = stateOf(uri);
  // Until the settings are loaded, wait: a first result with the wrong severities would flash.
  if (state.scheduled || !settingsLoaded) return;
  state.scheduled = true;
  const since = Date.now();
  let seen: number | undefined;
  const tick = (): void => {
    const version = documents.get(uri)?.version;
    if (version !== undefined && version !== seen && Date.now() - since < COALESCE_MS) {
      seen = version;
      setImmediate(tick);
      return;
    }
    publish(uri);
  };
  setImmediate(tick);
}

function reanalyseAll(): void {
  for (const s of states.values()) s.last = undefined;
  for (const doc of documents.all()) schedule(doc.uri);
}

function loadWorkspaceConfigs(): void {
  workspaceConfigs = [];
  for (const root of workspaceFolders) {
    let text: string;
    try { text = readFileSync(join(root, core().CONFIG_FILE_NAME), 'utf8'); } catch { continue; }
    const { config, problems } = core().parseConfig(text);
    for (const p of problems) log(`${join(root, core().CONFIG_FILE_NAME)}：${p}`);
    workspaceConfigs.push({ root, config });
  }
}

async function loadSettings(): Promise<void> {
  if (!configurationCapability) return;
  try {
    const raw = (await connection.workspace.getConfiguration('xxgkReport')) as Partial<Settings> | null;
    const problems: string[] = [];
    const rules = raw?.rules ? core().validateRules(raw.rules, problems) : undefined;
    for (const p of problems) log(`设置 xxgkReport.rules：${p}`);
    settings = {
      rules,
      include: Array.isArray(raw?.include) ? raw!.include : undefined,
      reportKind: raw?.reportKind,
      maxDocumentSize: typeof raw?.maxDocumentSize === 'number' && raw.maxDocumentSize > 0 ? raw.maxDocumentSize : DEFAULT_SETTINGS.maxDocumentSize,
    };
  } catch (e) {
    log(`读取设置失败：${String(e)}`);
  }
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  locale = params.locale?.toLowerCase().startsWith('en') ? 'en' : 'zh';
  const init = (params.initializationOptions ?? {}) as { documentSymbols?: boolean; settings?: Partial<Settings> };
  provideSymbols = init.documentSymbols !== false;
  configurationCapability = !!params.capabilities.workspace?.configuration;
  if (init.settings) settings = { ...settings, ...init.settings } as Settings;
  for (const f of params.workspaceFolders ?? []) {
    const p = uriPath(f.uri);
    if (p) workspaceFolders.push(p);
  }
  if (!params.workspaceFolders?.length && params.rootUri) {
    const p = uriPath(params.rootUri);
    if (p) workspaceFolders.push(p);
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      foldingRangeProvider: true,
      documentSymbolProvider: provideSymbols,
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
    loadWorkspaceConfigs();
    await loadSettings();
    reports.indexFolders(workspaceFolders);
  } catch (e) {
    log(`初始化时出错：${String(e)}`);
  } finally {
    settingsLoaded = true;
    reanalyseAll();
  }
});

connection.onDidChangeConfiguration(async (change) => {
  if (!configurationCapability && change.settings?.xxgkReport) {
    settings = { ...DEFAULT_SETTINGS, ...change.settings.xxgkReport };
  } else {
    await loadSettings();
  }
  reanalyseAll();
});

connection.onDidChangeWatchedFiles((change) => {
  let reload = false;
  for (const c of change.changes) {
    if (c.uri.endsWith(core().CONFIG_FILE_NAME)) reload = true;
    else reports.fileChanged(c.uri, c.type === 3);
  }
  if (reload) loadWorkspaceConfigs();
  reanalyseAll();
});

documents.onDidOpen((e) => schedule(e.document.uri));
documents.onDidChangeContent((e) => schedule(e.document.uri));
documents.onDidClose((e) => {
  states.delete(e.document.uri);
  reports.closed(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

function findingsInRange(analysis: Analysis, params: CodeActionParams) {
  const lines = analysis.model.lines;
  const from = lines.offsetAt({ line: params.range.start.line, character: 0 });
  const to = lines.lineEnd(Math.min(params.range.end.line, lines.lineCount - 1));
  // Diagnostics from the context are matched by their data key, never by their (possibly wrong) ranges.
  const keys = new Set(params.context.diagnostics.map((d) => (d.data as { key?: string } | undefined)?.key).filter(Boolean));
  return analysis.findings.filter((f) => keys.has(f.key) || (f.span.start <= to && f.span.end >= from));
}

connection.onCodeAction((params): CodeAction[] => {
  try {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { analysis, diagnostics } = analysisOf(doc);
    if (!analysis) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wantsFixAll = only?.some((k) => FIX_ALL_KIND.startsWith(k) && k.startsWith(CodeActionKind.Source));
    if (wantsFixAll) {
      const edits = core().safeFixEdits(analysis.findings);
      if (edits.length) {
        actions.push({
          title: locale === 'en' ? 'Fix all safely fixable report problems' : '修复所有可安全修复的年报问题',
          kind: FIX_ALL_KIND,
          edit: { changes: { [doc.uri]: toTextEdits(analysis.model.lines, edits) } },
        });
      }
    }
    if (!only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) {
      actions.push(...codeActionsFor(doc.uri, analysis, findingsInRange(analysis, params), diagnostics));
    }
    return actions;
  } catch (e) {
    log(`code action 出错：${String(e)}`);
    return [];
  }
});

connection.onFoldingRanges((params) => {
  const doc = documents.get(params.textDocument.uri);
  const analysis = doc && analysisOf(doc).analysis;
  return analysis?.model.isReport ? foldingRanges(analysis) : [];
});

connection.onDocumentSymbol((params) => {
  if (!provideSymbols) return [];
  const doc = documents.get(params.textDocument.uri);
  const analysis = doc && analysisOf(doc).analysis;
  return analysis?.model.isReport ? documentSymbols(analysis) : [];
});

connection.onRequest('xxgkReport/structure', (params: { uri: string }) => {
  const doc = documents.get(params.uri);
  const analysis = doc && analysisOf(doc).analysis;
  return analysis ? structureOf(params.uri, analysis) : null;
});

connection.onRequest('xxgkReport/fixAll', (params: { uri: string }): { version: number | null; edits: TextEdit[] } => {
  const doc = documents.get(params.uri);
  const analysis = doc && analysisOf(doc).analysis;
  if (!doc || !analysis) return { version: doc?.version ?? null, edits: [] };
  return { version: doc.version, edits: toTextEdits(analysis.model.lines, core().safeFixEdits(analysis.findings)) };
});

connection.onRequest('xxgkReport/insertSection', (params: { uri: string; number: number }): { edits: TextEdit[] } => {
  const doc = documents.get(params.uri);
  const analysis = doc && analysisOf(doc).analysis;
  const rule = core().ruleByCode('section-missing');
  if (!analysis || !rule) return { edits: [] };
  // Run the rule itself, so that the insertion works even when the rule is switched off.
  const { findings } = core().runRules(analysis.model, { locale, forceReport: true }, undefined, [rule]);
  const fix = findings.find((f) => f.key === `section-missing:${params.number}`)?.fixes?.[0];
  return { edits: fix ? toTextEdits(analysis.model.lines, fix.edits) : [] };
});

export type TemplateKind = 'report' | 'table2' | 'table3' | 'table4' | `section:${SectionNumber}`;

connection.onRequest('xxgkReport/template', (params: { kind: TemplateKind; agency?: string; year?: number; eol?: string }) => {
  const eol = params.eol ?? '\n';
  const kind = params.kind;
  if (kind === 'report') {
    const year = params.year ?? new Date().getFullYear() - 1;
    return { text: core().joinLines(core().renderSkeleton({ agency: params.agency, year }), eol) };
  }
  if (kind === 'table2' || kind === 'table3' || kind === 'table4') return { text: core().joinLines(core().renderTable(kind), eol) + eol };
  const m = /^section:([1-6])$/.exec(kind);
  if (m) return { text: core().joinLines(core().renderSection(Number(m[1]) as SectionNumber), eol) + eol };
  return null;
});

documents.listen(connection);
connection.listen();

process.on('uncaughtException', (e) => log(`未捕获的异常：${e.stack ?? e}`));
