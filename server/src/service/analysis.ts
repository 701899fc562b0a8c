/**
 * The analysis cache behind every feature: one DocumentAnalyzer per document (an edit
 * re-parses only the section it touches), one result per document version, the input checks
 * (size, text), failures turned into notices, and the cross-year bookkeeping: which reports
 * each document compared with, so that a change to one of them re-checks it.
 */
import type { Analysis, DocumentAnalyzer, ReportIndex, ReportModel } from '../core/index';
import { core } from '../core-loader';
import { refuseText, refusalMessage } from '../input';
import type { DocumentResult, Notice, ReportDocument, ServiceConfig, ServiceWorkspace, Logger } from './types';
import type { Locale } from '../core/message';

interface DocState {
  analyzer?: DocumentAnalyzer;
  last?: DocumentResult;
  /** Uris of the reports this document's cross-year rules compared with. */
  cited: Set<string>;
  /** Agency-year keys it looked up (found or not). */
  wanted: Set<string>;
}

/** The agency-year key of a report, as the workspace index reports it. */
export function reportKey(agency: string | undefined, year: number | undefined): string | undefined {
  const a = core().agencyKey(agency);
  return a && year ? `${a}|${year}` : undefined;
}

export class AnalysisCache {
  private readonly states = new Map<string, DocState>();
  private readonly listeners: ((uris: string[]) => void)[] = [];

  constructor(
    private readonly config: () => ServiceConfig,
    private readonly logger: Logger,
    private readonly workspace: ServiceWorkspace | undefined,
  ) {
    workspace?.onDidChange?.((uri, key) => this.entryChanged(uri, key));
  }

  /** Called with the uris whose cached results were dropped because a report they depend on changed. */
  onDidInvalidate(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  private state(uri: string): DocState {
    let s = this.states.get(uri);
    if (!s) {
      s = { cited: new Set(), wanted: new Set() };
      this.states.set(uri, s);
    }
    return s;
  }

  /** The cached result for exactly this version, if any (no analysis). */
  cached(uri: string, version: number): DocumentResult | undefined {
    const last = this.states.get(uri)?.last;
    return last && last.version === version ? last : undefined;
  }

  /** The result of this version with the interactive work budget (cached per version). */
  resultOf(document: ReportDocument): DocumentResult {
    const state = this.state(document.uri);
    if (state.last && state.last.version === document.version) return state.last;
    const result = this.analyse(document, state, false);
    state.last = result;
    return result;
  }

  /**
   * The complete result of this version: never cut by the work budget (AnalysisOptions.complete).
   * It becomes the cached result of the version, so the features that follow see it too; a
   * version whose budgeted result is complete already costs nothing more.
   */
  completeResultOf(document: ReportDocument): DocumentResult {
    const state = this.state(document.uri);
    const last = state.last && state.last.version === document.version ? state.last : undefined;
    if (last && !last.analysis?.model.incomplete) return last;
    const result = this.analyse(document, state, true);
    state.last = result;
    return result;
  }

  /**
   * One more budgeted analysis of a version whose cached result was left incomplete: what was
   * parsed before is cached, so it gets one budget further. Undefined when there is nothing to
   * do (complete, not analysed, or another version is cached).
   */
  refine(document: ReportDocument): DocumentResult | undefined {
    const state = this.states.get(document.uri);
    const last = state?.last;
    if (!state || !last || last.version !== document.version || !last.analysis?.model.incomplete) return undefined;
    const result = this.analyse(document, state, false);
    state.last = result;
    return result;
  }

  private analyse(document: ReportDocument, state: DocState, complete: boolean): DocumentResult {
    const { uri, version } = document;
    const config = this.config();
    const locale = config.locale;
    const notices: Notice[] = [];
    for (const p of config.problemsFor?.(uri) ?? []) {
      notices.push({ code: 'config-error', severity: 'warning', message: `${p.source}：${p.message}` });
    }
    // A didOpen without text (a broken client) leaves the document's text undefined.
    const text: string = document.getText() ?? '';
    const refusal = refuseText(text, config.maxDocumentBytes);
    if (refusal) {
      notices.push({ code: refusal.code, severity: 'information', message: refusalMessage(refusal, locale) });
      this.forget(uri, state);
      return { uri, version, notices };
    }
    const cited = new Set<string>();
    const wanted = new Set<string>();
    const index = this.recordingIndex(cited, wanted);
    let analysis: Analysis;
    try {
      state.analyzer ??= new (core().DocumentAnalyzer)();
      const options = config.optionsFor(uri);
      analysis = state.analyzer.analyze(text, complete ? { ...options, complete } : options, index);
    } catch (e) {
      // A crash of the analysis: say so in the document, never show it as a clean report.
      state.analyzer = undefined;
      this.logger.warn(`分析 ${uri} 时出错：${e instanceof Error ? e.stack : String(e)}`);
      notices.push({ code: 'internal-error', severity: 'warning', message: internalErrorMessage(locale, undefined, e) });
      this.forget(uri, state);
      return { uri, version, notices };
    }
    for (const f of analysis.failures) {
      this.logger.warn(`规则 ${f.code} 在 ${uri} 上出错（已跳过）：${f.error}`);
      notices.push({ code: 'internal-error', severity: 'warning', message: internalErrorMessage(locale, f.code, f.error) });
    }
    state.cited = cited;
    state.wanted = wanted;
    // Every version goes to the index, also one that lost its title: a stale entry would be cited.
    if (this.workspace?.updateOpen) this.workspace.updateOpen(uri, analysis.model);
    return { uri, version, analysis, notices };
  }

  /** The index as the rules see it, noting what each document looked up and found. */
  private recordingIndex(cited: Set<string>, wanted: Set<string>): ReportIndex | undefined {
    const ws = this.workspace;
    if (!ws) return undefined;
    return {
      previous: (report: ReportModel) => {
        const key = reportKey(report.title?.agency, report.title?.year !== undefined ? report.title.year - 1 : undefined);
        if (key) wanted.add(key);
        const found = ws.previous(report);
        if (found?.uri !== undefined) cited.add(found.uri);
        return found;
      },
    };
  }

  /** A document not analysed compares with nothing. */
  private forget(_uri: string, state: DocState): void {
    state.cited = new Set();
    state.wanted = new Set();
  }

  /** An index entry appeared, changed or went: re-check what cited it or looked for it. */
  private entryChanged(uri: string, key: string | undefined): void {
    const affected: string[] = [];
    for (const [other, s] of this.states) {
      if (other === uri || !s.last) continue;
      if (s.cited.has(uri) || (key !== undefined && s.wanted.has(key))) {
        s.last = undefined;
        affected.push(other);
      }
    }
    if (affected.length) for (const l of this.listeners) l(affected);
  }

  /** Drops every cached result (settings changed); analyzers keep their parse caches. */
  invalidateAll(): void {
    for (const s of this.states.values()) s.last = undefined;
  }

  close(uri: string): void {
    this.states.delete(uri);
    this.workspace?.closed?.(uri);
  }

  dispose(): void {
    this.states.clear();
  }
}

function internalErrorMessage(locale: Locale, rule: string | undefined, error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
  if (locale === 'en') {
    return rule
      ? `Internal error in rule ${rule} (skipped, its findings are missing): ${first}`
      : `Internal error: this document could not be checked: ${first}`;
  }
  return rule ? `规则 ${rule} 内部出错，已跳过（它的检查结果缺失）：${first}` : `内部错误，本文档未能检查：${first}`;
}
