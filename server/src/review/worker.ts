/**
 * The review's worker (a piscina task handler; bundled as dist/review-worker.js, run from the
 * sources under tsx in tests). Two tasks:
 *
 *   read:  a file's bytes → its Markdown draft (read as text, or imported through the one import
 *          pipeline, `importFile`), spooled to disk; the title's agency and year; a content hash.
 *   check: a spooled draft (and the drafts of the same agency's previous year) → the same
 *          service as the editor (`createReportService`, `getResult`) → the record, and the prose
 *          for copy detection (spooled too). The document is closed before the next task.
 *
 * Nothing here throws for a bad file: the result says why it was not reviewed.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { core } from '../core-loader';
import { readFileBytes, readInputFile } from '../input';
import { LIMITS } from '../io/errors';
import { OptionsResolver } from '../options';
import { localize } from '../core/message';
import { createReportService, type ReportService } from '../service/index';
import { documentProse, findingRows, table3Snapshot } from './extract';
import { packProse, proseBytes, signature } from './similarity';
import { readSpooledDraft } from './spool';
import type { FileStatus, FindingRow, ReportRecord } from './types';

export interface ReadTask {
  kind: 'read';
  index: number;
  path: string;
  draftPath: string;
  /** The limit for Markdown files (xxgkReport.maxDocumentSize); imports have their own. */
  maxBytes: number;
  lang: 'zh' | 'en';
}

export interface ReadResult {
  kind: 'read';
  index: number;
  thread: number;
  status: Extract<FileStatus, 'ok' | 'unreadable' | 'refused' | 'scan' | 'not-report'>;
  reason?: string;
  /** A caveat on reading (GBK, UTF-16, content the importer could not map). */
  warning?: string;
  /** Agency and year from the draft's title (the workspace index's cheap peek). */
  agency?: string;
  year?: number;
  /** Of the draft without comments and spaces: equal hashes are the same report. */
  hash?: string;
}

export interface CheckTask {
  kind: 'check';
  index: number;
  path: string;
  uri: string;
  draftPath: string;
  prosePath: string;
  excerptsPath: string;
  /** The same agency's reports of the previous year, in batch order (the first that fits is used, as in `check`). */
  previous: { uri: string; draftPath: string }[];
  lang: 'zh' | 'en';
  config?: string;
}

export interface CheckResult {
  kind: 'check';
  index: number;
  thread: number;
  record: Pick<ReportRecord, 'status' | 'reason' | 'unit' | 'year' | 'kind' | 'findings' | 'table3' | 'previousFile'>;
  /** MinHash of the prose; the paragraphs are in the prose file. */
  sketch?: number[];
  proseChars: number;
  /** Problems of the whole batch (a broken config file), said once by the caller. */
  problems: string[];
  warnings: string[];
}

export type WorkerTask = ReadTask | CheckTask;
export type WorkerResult = ReadResult | CheckResult;

const MARKDOWN = /\.(?:md|markdown)$/i;

function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

function shownUri(uri: string): string {
  try {
    return uri.startsWith('file:') ? shown(fileURLToPath(uri)) : uri;
  } catch {
    return uri;
  }
}

/** The comparison form of a whole draft: comments (the importer's notes) and white space left out. */
function contentHash(draft: string): string {
  return createHash('sha1')
    .update(draft.replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ''))
    .digest('hex');
}

let importer: ReportService | undefined;

/** The report service that converts this worker's imports (in this thread: the worker is the pool's isolation). */
function importService(): ReportService {
  const quiet = (): void => undefined;
  return (importer ??= createReportService({
    config: resolverFor('zh', undefined).resolver,
    logger: { log: quiet, warn: quiet },
    imports: 'in-process',
  }));
}

async function read(task: ReadTask): Promise<ReadResult> {
  const base = { kind: 'read' as const, index: task.index, thread: threadId };
  const name = shown(task.path);
  let draft: string;
  let warning: string | undefined;
  if (MARKDOWN.test(task.path)) {
    const r = readInputFile(task.path, task.maxBytes, name);
    if (r.text === undefined) return { ...base, status: 'unreadable', reason: r.error };
    draft = r.text;
    warning = r.warning;
  } else {
    const bytes = readFileBytes(task.path, LIMITS.maxInputBytes, name);
    if (!bytes.bytes) return { ...base, status: 'unreadable', reason: bytes.error };
    // The one import pipeline, every format (io/formats.ts), through the report service in this
    // worker's thread; it refuses what holds no report.
    const r = await importService().importBytes(bytes.bytes, task.path);
    if (!r.ok) {
      // The importer's own words tell a scan (no text layer) and a file without a report from a refusal.
      const scan = /扫描/.test(r.message.zh);
      const noReport = /^没有找到年度报告/.test(r.message.zh);
      return { ...base, status: scan ? 'scan' : noReport ? 'not-report' : 'refused', reason: localize(r.message, task.lang) };
    }
    draft = r.markdown;
    const notes = (r.warnings ?? []).map((w) => localize(w, task.lang));
    if (r.unmapped.length)
      notes.push(
        task.lang === 'en'
          ? `${r.unmapped.length} item(s) could not be mapped onto the template`
          : `有 ${r.unmapped.length} 处内容未能对应到模板`,
      );
    if (notes.length) warning = notes.join(task.lang === 'en' ? '; ' : '；');
  }
  writeFileSync(task.draftPath, draft);
  const title = core().peekTitle(draft.slice(0, 4096));
  return { ...base, status: 'ok', warning, agency: title?.agency, year: title?.year, hash: contentHash(draft) };
}

const resolvers = new Map<string, { resolver: OptionsResolver; warnings: string[] }>();

/** One resolver per worker and configuration: config files are read once per worker. */
function resolverFor(lang: 'zh' | 'en', config: string | undefined) {
  const key = `${lang}\u0000${config ?? ''}`;
  let r = resolvers.get(key);
  if (!r) {
    const warnings: string[] = [];
    r = { resolver: new OptionsResolver({ locale: lang, warn: (m) => warnings.push(m), nearest: true, explicitConfig: config }), warnings };
    resolvers.set(key, r);
  }
  return r;
}

function check(task: CheckTask): CheckResult {
  const base = { kind: 'check' as const, index: task.index, thread: threadId };
  const { resolver, warnings } = resolverFor(task.lang, task.config);
  const text = readSpooledDraft(task.draftPath) ?? '';
  // The batch's other reports as `check` gives them to the cross-year rules: the same ReportSet,
  // holding only what this report can compare with (the same agency's previous year).
  const set = new (core().ReportSet)();
  set.add(task.uri, text.slice(0, 4096), () => text);
  for (const p of task.previous) {
    const head = readSpooledDraft(p.draftPath)?.slice(0, 4096);
    if (head === undefined) continue;
    set.add(p.uri, head, () => readSpooledDraft(p.draftPath));
  }
  const quiet = (): void => undefined;
  const service = createReportService({ workspace: set, config: resolver, logger: { log: quiet, warn: quiet } });
  const problems: string[] = [];
  try {
    const result = service.getResult({ uri: task.uri, version: 1, getText: () => text });
    const findings: FindingRow[] = [];
    let status: FileStatus = 'ok';
    let reason: string | undefined;
    for (const n of result.notices) {
      if (n.code === 'config-error') problems.push(n.message);
      else if (n.code === 'internal-error') findings.push({ code: 'internal-error', severity: 'warning', message: n.message });
      else {
        status = 'unreadable';
        reason = n.message;
      }
    }
    const analysis = result.analysis;
    if (!analysis) {
      return { ...base, record: { status, reason, findings }, proseChars: 0, problems, warnings: warnings.splice(0) };
    }
    const report = analysis.model.reports[0];
    const isReport = analysis.model.isReport || resolver.optionsFor(task.uri).forceReport === true;
    findings.unshift(...findingRows(result, shownUri));
    const previous = report ? set.previous(report) : undefined;
    const prose = documentProse(result);
    writeFileSync(task.prosePath, proseBytes(packProse(prose)));
    writeFileSync(task.excerptsPath, JSON.stringify(prose.paragraphs.map((p) => p.excerpt)));
    return {
      ...base,
      record: {
        status: isReport ? 'ok' : 'not-report',
        reason,
        unit: report?.title?.agency,
        year: report?.title?.year,
        kind: report?.title?.kind,
        findings,
        table3: isReport ? table3Snapshot(result, task.lang) : undefined,
        previousFile: previous?.uri !== undefined && previous.uri !== task.uri ? shownUri(previous.uri) : undefined,
      },
      sketch: prose.paragraphs.length ? signature(prose) : undefined,
      proseChars: prose.chars,
      problems,
      warnings: warnings.splice(0),
    };
  } finally {
    // Released before the next file: the worker's memory stays that of one document.
    service.close(task.uri);
    service.dispose();
  }
}

export default async function run(task: WorkerTask): Promise<WorkerResult> {
  return task.kind === 'read' ? read(task) : check(task);
}
