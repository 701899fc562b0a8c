/**
 * The report service: everything the language server and the CLI ask about a document, in
 * the shape of vscode-markdown-languageservice. Every method takes the document
 * (`{ uri, version, getText() }`), its arguments and a cancellation token, and returns LSP
 * types or core results. Analyses are cached per document version, with one DocumentAnalyzer
 * per document, so every feature of one version shares one analysis.
 *
 * How to add a feature (e.g. hover):
 *   1. server/src/service/hover.ts: `export function getHover(ctx: ServiceContext, document, position, token)`,
 *      reading `ctx.resultOf(document).analysis` (undefined when the document is not analysed).
 *   2. Here: one line in the object returned by createReportService, e.g.
 *        getHover: (document, position, token) => getHover(ctx, document, position, token),
 *      and its type in the ReportService interface: `getHover: Feature<typeof getHover>;`.
 *   3. server/src/server.ts: one handler line mapping the LSP request to it (and the capability in onInitialize).
 *   4. The CLI, if it needs it: server/src/cli/<command>.ts and one line in the table of cli.ts.
 * Tests: test/server/*.test.ts drive the server in-process (test/server/harness.ts).
 */
import type { CodeAction, CodeActionContext, Diagnostic, DocumentSymbol, FoldingRange, Range } from 'vscode-languageserver-types';
import type { Analysis, Rule } from '../core/index';
import type { RegisterTally } from '../core/register/types';
import { core } from '../core-loader';
import type { Structure, TemplateParams, VersionedEdits } from '../protocol';
import { AnalysisCache } from './analysis';
import { getCodeActions, getFixAllEdits } from './code-actions';
import { getDiagnostics } from './diagnostics';
import { getInsertSectionEdits, getStructure, getTemplate } from './structure';
import { getDocumentSymbols, getFoldingRanges } from './symbols';
import { getTableGrid } from './table-grid';
import { getHover } from './hover';
import { getCodeLenses } from './code-lens';
import { getFormattingEdits } from './formatting';
import { getNextYearDraft } from './next-year';
import { convertPaste, importBytes, importFile } from './io';
import { exportDocument } from './export';
import { RegisterStore, getTallyEdit, withRegisters, type RegisterFileRead, type RegisterSource } from './register';
import type {
  CancellationToken,
  DocumentResult,
  ImportThread,
  Logger,
  ReportDocument,
  ServiceConfig,
  ServiceContext,
  ServiceWorkspace,
} from './types';

export type { CancellationToken, DocumentResult, Logger, ReportDocument, ServiceConfig, ServiceContext, ServiceWorkspace } from './types';

/** A feature function `(ctx, document, …, token)` as a service method `(document, …, token)`. */
export type Feature<F> = F extends (ctx: ServiceContext, ...rest: infer A) => infer R ? (...args: A) => R : never;

export interface ReportServiceOptions {
  /** Other reports for the cross-year rules (the workspace index, or the CLI's files). */
  workspace?: ServiceWorkspace;
  /** The resolved options; a function when they change (settings pushed by the client). */
  config: ServiceConfig | (() => ServiceConfig);
  logger: Logger;
  /** Where imports convert (default 'worker', as the server needs; the CLI converts in-process). */
  imports?: ImportThread;
}

/** A rule as the `rules` command lists it (core/rule.ts Rule, without its check). */
export type RuleInfo = Pick<Rule, 'code' | 'catalog' | 'severity' | 'tags' | 'description' | 'options'>;

export interface ReportService {
  /** The core analysis of this version (undefined: not analysed, e.g. too large; see getDiagnostics). */
  analyze(document: ReportDocument, token?: CancellationToken): Analysis | undefined;
  /** The analysis with its notices (too large, not text, internal errors, config errors). */
  getResult(document: ReportDocument, token?: CancellationToken): DocumentResult;
  /**
   * The complete analysis of this version (ServiceContext.completeResultOf): never cut by the
   * interactive work budget. Export, formatting, fix-all and the CLI use it.
   */
  getCompleteResult(document: ReportDocument, token?: CancellationToken): DocumentResult;
  /**
   * For idle moments: when this version's result was left incomplete by the work budget (a
   * document far beyond a real report), analyse it one budget further and return true; false
   * when there is nothing left to do. Repeated, the result converges to the complete analysis,
   * and no step costs more than one budget (the server calls it while no edit is waiting).
   */
  refineAnalysis(document: ReportDocument): boolean;
  getDiagnostics(document: ReportDocument, token?: CancellationToken): Diagnostic[];
  getCodeActions(document: ReportDocument, range: Range, context: CodeActionContext, token?: CancellationToken): CodeAction[];
  getFixAllEdits(document: ReportDocument, token?: CancellationToken): VersionedEdits;
  getDocumentSymbols(document: ReportDocument, token?: CancellationToken): DocumentSymbol[];
  getFoldingRanges(document: ReportDocument, token?: CancellationToken): FoldingRange[];
  getStructure(document: ReportDocument, token?: CancellationToken): Structure | null;
  getInsertSectionEdits(document: ReportDocument, number: number, token?: CancellationToken): VersionedEdits;
  getTemplate(params: TemplateParams): { text: string } | null;
  /** Tables 二/三/四 cell by cell (xxgkReport/tableGrid). */
  getTableGrid: Feature<typeof getTableGrid>;
  /** textDocument/hover on a table cell or a section title. */
  getHover: Feature<typeof getHover>;
  /** textDocument/codeLens above tables 三 and 四 (command xxgkReport.openTableEditor). */
  getCodeLenses: Feature<typeof getCodeLenses>;
  /** Document (range undefined) and range formatting of the report tables. */
  getFormattingEdits: Feature<typeof getFormattingEdits>;
  /** xxgkReport/nextYear: next year's draft from last year's report. */
  getNextYearDraft: Feature<typeof getNextYearDraft>;
  /** Import, export and paste conversion (the io bundle, loaded on first use). */
  importFile: Feature<typeof importFile>;
  /** A file's bytes, read by the caller through the one reader, converted as importFile converts. */
  importBytes: Feature<typeof importBytes>;
  /** Export to a file beside the draft, never over one the exporter did not write (service/export.ts). */
  exportDocument: Feature<typeof exportDocument>;
  convertPaste: Feature<typeof convertPaste>;
  /** xxgkReport/tally: table 三 from a request register, as an edit of the draft. */
  getTallyEdit: Feature<typeof getTallyEdit>;
  /** Resolves when the register configured for uri (if any) has been read (the CLI waits for it). */
  registerReady(uri: string): Promise<void>;
  /** A register file read and table 三 counted for a year, with the register checks (`xxgk-report tally`). */
  tallyRegister(source: RegisterSource, year: number): Promise<{ read: RegisterFileRead; tally?: RegisterTally }>;
  /** Every rule, in catalog order, with its default severity and what it checks. */
  getRules(): RuleInfo[];
  /** Whether the result of this version is already at hand (no analysis is run). */
  hasResult(uri: string, version: number): boolean;
  /** The configuration changed: every cached result is dropped (parse caches are kept). */
  invalidateAll(): void;
  /** A watched file changed on disk (the workspace index follows). */
  fileChanged(uri: string, deleted: boolean): void;
  /** Called with open documents whose results were dropped because a report they compare with changed. */
  onDidInvalidate(listener: (uris: string[]) => void): void;
  /** The document was closed: forget it (the index goes back to the file on disk). */
  close(uri: string): void;
  dispose(): void;
}

export function createReportService(options: ReportServiceOptions): ReportService {
  const base = typeof options.config === 'function' ? options.config : () => options.config as ServiceConfig;
  // The request register, read once per version of its file; its documents are re-checked when a read finishes.
  const registers = new RegisterStore(options.logger);
  const config = () => withRegisters(base(), registers);
  const cache = new AnalysisCache(config, options.logger, options.workspace);
  const registerListeners: ((uris: string[]) => void)[] = [];
  registers.onDidChange((uris) => {
    cache.invalidateAll();
    for (const l of registerListeners) l(uris);
  });
  const ctx: ServiceContext = {
    get config() {
      return config();
    },
    logger: options.logger,
    workspace: options.workspace,
    imports: options.imports ?? 'worker',
    resultOf: (document) => cache.resultOf(document),
    completeResultOf: (document) => cache.completeResultOf(document),
  };
  return {
    analyze: (document) => cache.resultOf(document).analysis,
    getResult: (document) => cache.resultOf(document),
    getCompleteResult: (document) => cache.completeResultOf(document),
    refineAnalysis: (document) => cache.refine(document) !== undefined,
    getDiagnostics: (document, token) => getDiagnostics(ctx, document, token),
    getCodeActions: (document, range, context, token) => getCodeActions(ctx, document, range, context, token),
    getFixAllEdits: (document, token) => getFixAllEdits(ctx, document, token),
    getDocumentSymbols: (document, token) => getDocumentSymbols(ctx, document, token),
    getFoldingRanges: (document, token) => getFoldingRanges(ctx, document, token),
    getStructure: (document, token) => getStructure(ctx, document, token),
    getInsertSectionEdits: (document, number, token) => getInsertSectionEdits(ctx, document, number, token),
    getTemplate: (params) => getTemplate(params),
    getTableGrid: (document, params, token) => getTableGrid(ctx, document, params, token),
    getHover: (document, position, token) => getHover(ctx, document, position, token),
    getCodeLenses: (document, token) => getCodeLenses(ctx, document, token),
    getFormattingEdits: (document, range, token) => getFormattingEdits(ctx, document, range, token),
    getNextYearDraft: (params, open) => getNextYearDraft(ctx, params, open),
    importFile: (params, token) => importFile(ctx, params, token),
    importBytes: (bytes, fileName, params) => importBytes(ctx, bytes, fileName, params),
    exportDocument: (document, params, token, policy) => exportDocument(ctx, document, params, token, policy),
    convertPaste: (params, token) => convertPaste(ctx, params, token),
    getTallyEdit: (document, params) => getTallyEdit(ctx, document, params),
    registerReady: (uri) => registers.ready(config(), uri),
    tallyRegister: (source, year) => registers.tallyOf(source, year),
    getRules: () =>
      core().RULES.map(({ code, catalog, severity, tags, description, options }) => ({
        code,
        catalog,
        severity,
        tags,
        description,
        options,
      })),
    hasResult: (uri, version) => cache.cached(uri, version) !== undefined,
    invalidateAll: () => cache.invalidateAll(),
    fileChanged: (uri, deleted) => {
      options.workspace?.fileChanged?.(uri, deleted);
      registers.fileChanged(uri);
    },
    onDidInvalidate: (listener) => {
      cache.onDidInvalidate(listener);
      registerListeners.push(listener);
    },
    close: (uri) => cache.close(uri),
    dispose: () => {
      cache.dispose();
      registers.dispose();
    },
  };
}
