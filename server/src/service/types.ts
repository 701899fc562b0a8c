/** What the report service is given and what its feature modules share (no LSP connection here). */
import type { Analysis, AnalysisOptions, DocumentModel, Locale, ReportIndex } from '../core/index';
import type { RegisterConfig } from '../core/register/types';

/** A document at one version: a vscode-languageserver-textdocument TextDocument fits. */
export interface ReportDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** The part of vscode-jsonrpc's CancellationToken the service reads. */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

/** The resolved options (options.ts): what each document is checked with. */
export interface ServiceConfig {
  readonly locale: Locale;
  /** Settings + workspace file + defaults, with forceReport when an include glob matches. */
  optionsFor(uri: string): AnalysisOptions;
  /** Documents above this many bytes (UTF-8) are not analysed. */
  readonly maxDocumentBytes: number;
  /** Columns of an East Asian ambiguous-width character (“ ” ①) when formatting tables (default 1). */
  readonly ambiguousWidth?: 1 | 2;
  /** Display columns a formatted table line may take unless it was wider (default 120). */
  readonly formatMaxWidth?: number;
  /** Problems in the configuration that applies to uri (a config file that cannot be read or parsed). */
  problemsFor?(uri: string): ConfigProblem[];
  /** The request register configured for uri (service/register.ts reads and tallies it). */
  registerFor?(uri: string): { path: string; config: RegisterConfig } | undefined;
}

export interface ConfigProblem {
  /** The file at fault (a path), or the setting's name. */
  source: string;
  message: string;
}

/**
 * Other reports (the workspace index, or the CLI's arguments) for the cross-year rules.
 * `onDidChange` reports each entry that appears, changes or goes, with its agency-year key.
 */
export interface ServiceWorkspace extends ReportIndex {
  updateOpen?(uri: string, model: DocumentModel): void;
  closed?(uri: string): void;
  fileChanged?(uri: string, deleted: boolean): void;
  onDidChange?(listener: (uri: string, key: string | undefined) => void): void;
}

/** A message about a document that is not a rule finding: too large, not text, a crash, a config error. */
export interface Notice {
  code: 'document-too-large' | 'document-not-text' | 'internal-error' | 'config-error';
  severity: 'warning' | 'information';
  message: string;
}

/** One document's analysis at one version (analysis undefined: not analysed, see notices). */
export interface DocumentResult {
  uri: string;
  version: number;
  analysis?: Analysis;
  notices: Notice[];
}

/**
 * Where conversions of imported files run: 'worker' keeps the language server answering while
 * a hostile file converts (service/io-worker.ts); the CLI converts one file and exits, and
 * spares the worker's start ('in-process').
 */
export type ImportThread = 'worker' | 'in-process';

/** Shared by every feature module of the service. */
export interface ServiceContext {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly workspace: ServiceWorkspace | undefined;
  /** Where imports convert: a worker thread (the default; the server: heap limit, watchdog) or this thread (the CLI). */
  readonly imports?: ImportThread;
  /**
   * Analysis of this version of the document (cached; one analyzer per document), with the
   * interactive work budget: complete for any real report; a document far beyond one may come
   * back with `analysis.model.incomplete` (and one analysis-incomplete notice) — see below.
   */
  resultOf(document: ReportDocument): DocumentResult;
  /**
   * The complete analysis of this version, never cut by the work budget: what export,
   * formatting and fix-all must work on, so that the same draft gives the same output whatever
   * its size and the machine's load (issue 22.3). Shares resultOf's cache: when the budgeted
   * result is complete already, it is returned as it is.
   */
  completeResultOf(document: ReportDocument): DocumentResult;
}
