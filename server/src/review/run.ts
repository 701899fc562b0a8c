/**
 * The review of a batch: files collected (folders walked, link loops safe), each read or
 * imported (pass 1) and checked with the editor's service (pass 2) in a worker pool, results
 * spooled to disk; then what needs the whole batch — duplicates, the same agency's consecutive
 * years, copied text — and the scores; then the outputs, written from the spool one record at
 * a time. Used by `xxgk-report review` and, through it, by VS Code's 年报：审阅文件夹….
 */
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agencyKey } from '../core/report-set';
import { RULES, type Severity } from '../core/index';
import { OptionsResolver } from '../options';
import { IMPORT_FORMATS, REGISTER_FORMATS } from '../io/formats';
import { collectFiles } from '../workspace';
import { reviewCode } from './codes';
import { DEFAULT_REVIEW_SETTINGS, MIN_RANKED, score, scoringKey, type ReviewSettings } from './config';
import { ReviewPool, defaultJobs, eachBounded, type TaskFailure } from './pool';
import { MIN_PROSE, candidatePairs, comparePacked, estimatedContainment, estimatedJaccard, type PackedProse } from './similarity';
import { Spool } from './spool';
import { STATUS_LABELS, type FileStatus, type FindingRow, type ReportRecord, type ReportResult, type ReportSummary } from './types';
import type { CheckResult, ReadResult, WorkerResult } from './worker';
import { writeOutputs, OUTPUT_FILES, type OutputContext } from './outputs/index';
import type { Message } from '../core/message';

export interface Progress {
  phase: 'read' | 'check' | 'write';
  done: number;
  total: number;
}

export interface ReviewOptions {
  /** Folders (walked) and files. */
  inputs: string[];
  /** Last year's reports, for the cross-year checks and the comparison with last year's text only. */
  previous?: string[];
  /** Where the outputs go; undefined: none written (stdout only). */
  outDir?: string;
  force?: boolean;
  /** One `<unit>-<year>-审阅意见.md` per report. */
  opinions?: boolean;
  /** Worker threads (default: the cores). */
  jobs?: number;
  /** Per file and pass (default 120 s); a file past it gets a `timeout` row. */
  timeoutMs?: number;
  lang: 'zh' | 'en';
  /** An explicit .xxgk-report.json (else the nearest one above each file, as `check`). */
  config?: string;
  /** Aborting stops the review; what is done is written. */
  signal?: AbortSignal;
  progress?: (p: Progress) => void;
  /** The JSON or SARIF document also goes here (the CLI's --format). */
  stdout?: { format: 'json' | 'sarif'; write: (text: string) => void };
  /** Warnings about the configuration (bad values, with the default used). */
  warn: (message: string) => void;
}

export interface ReviewOutcome {
  summaries: ReportSummary[];
  /** Markdown files that are not reports (left out, as `check` counts them). */
  others: number;
  /** Problems of the run (missing inputs, a broken config file, an output not written). */
  problems: string[];
  /** Files written. */
  written: string[];
  interrupted: boolean;
  /** Tasks per worker thread: how the work was spread. */
  tasksPerThread: Record<number, number>;
  settings: ReviewSettings;
  /** 0 every report passed; 1 a report failed or a file could not be reviewed; 2 usage, configuration or nothing reviewable. */
  exitCode: 0 | 1 | 2;
}

const MARKDOWN = /\.(?:md|markdown)$/i;
const DEFAULT_TIMEOUT_MS = 120_000;
/** Packed prose kept while comparing (about 8 bytes per character of prose each). */
const PROSE_CACHE = 256;

interface Item {
  index: number;
  path: string;
  uri: string;
  format: string;
  imported: boolean;
  /** A file of --previous: compared with, never a row. */
  reference: boolean;
  read?: ReadResult;
  failure?: TaskFailure;
  key?: string;
  duplicateOf?: Item;
}

function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Spreadsheets (the request register, statistics) sit in a region's folders beside the reports:
 * the importer refuses them, and they are not submissions, so they get no row.
 */
const NOT_SUBMISSIONS = new Set(REGISTER_FORMATS.filter((f) => f.kind === 'xlsx' || f.kind === 'xls').flatMap((f) => f.extensions));

/**
 * The files taken from folders: Markdown drafts and every import format (io/formats.ts, the one
 * declaration), the refused old formats included so that a .doc or .wps gets a row saying why.
 */
function acceptedExtensions(): string[] {
  const imported = IMPORT_FORMATS.flatMap((f) => f.extensions).filter((e) => !NOT_SUBMISSIONS.has(e));
  return [...new Set(['.md', '.markdown', ...imported])];
}

function acceptedPattern(): RegExp {
  const exts = acceptedExtensions().map((e) => e.slice(1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\.(?:${exts.join('|')})$`, 'i');
}

/** Files named, and the accepted files below folders named; each real file once; the output folder skipped. */
function collect(paths: readonly string[], skip: (real: string) => boolean, problems: string[]): string[] {
  return collectFiles(paths, problems, {
    pattern: acceptedPattern(),
    none: (dir) => `目录 ${dir} 中没有可审阅的文件（${acceptedExtensions().join('、')}）`,
    skipDir: skip,
    absolute: true,
  });
}

function formatOf(path: string): string {
  return extname(path).slice(1).toLowerCase() || 'txt';
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function tagsOf(code: string): readonly string[] {
  return RULES.find((r) => r.code === code)?.tags ?? reviewCode(code)?.tags ?? [];
}

function failureStatus(f: TaskFailure): FileStatus {
  return f.failed === 'timeout' ? 'timeout' : f.failed === 'aborted' ? 'interrupted' : 'refused';
}

function failureReason(f: TaskFailure, timeoutMs: number, lang: 'zh' | 'en'): string {
  if (f.failed === 'timeout')
    return lang === 'en'
      ? `not finished within ${Math.round(timeoutMs / 1000)} s; its worker was ended`
      : `${Math.round(timeoutMs / 1000)} 秒内未处理完，已终止处理它的工作线程`;
  if (f.failed === 'aborted') return lang === 'en' ? 'the review was interrupted' : '审阅已中断';
  return lang === 'en' ? `processing failed (${f.message})` : `处理时出错（${f.message}），可能是文件过于复杂或已损坏`;
}

/** The review's settings: the --config file's, else the nearest config above the first input. */
function reviewSettings(resolver: OptionsResolver, inputs: readonly string[]): ReviewSettings {
  const first = inputs[0];
  let probe: string | undefined;
  if (first) {
    try {
      probe = statSync(first).isDirectory() ? join(resolve(first), '.') + '/x' : resolve(first);
    } catch {
      probe = undefined;
    }
  }
  const file = resolver.configFor(probe ?? join(process.cwd(), 'x'));
  return (!file?.error && file?.review) || DEFAULT_REVIEW_SETTINGS;
}

function failedRun(message: string): ReviewOutcome {
  return {
    summaries: [],
    others: 0,
    problems: [message],
    written: [],
    interrupted: false,
    tasksPerThread: {},
    settings: DEFAULT_REVIEW_SETTINGS,
    exitCode: 2,
  };
}

/** The output folder made (its real path, so the walk skips it), or why it cannot be used. */
function prepareOutDir(o: ReviewOptions): { real?: string; error?: string } {
  if (!o.outDir) return {};
  const out = resolve(o.outDir);
  if (existsSync(out) && !statSync(out).isDirectory()) return { error: `${o.outDir} 不是目录` };
  if (!o.force) {
    const taken = Object.values(OUTPUT_FILES).filter((n) => existsSync(join(out, n)));
    if (taken.length) return { error: `${shown(join(out, taken[0]))} 已存在，未覆盖（要覆盖请加 --force）` };
  }
  try {
    mkdirSync(out, { recursive: true });
    return { real: realpathSync(out) };
  } catch (e) {
    return { error: `无法创建输出目录 ${o.outDir}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/** The batch's files, then --previous's not in the batch: one item each, in walk order. */
function collectItems(o: ReviewOptions, outReal: string | undefined, problems: string[]): { items: Item[]; batch: number } {
  const skip = (real: string) => real === outReal;
  const batchFiles = collect(o.inputs, skip, problems);
  const batchSet = new Set(batchFiles);
  const previousFiles = collect(o.previous ?? [], skip, problems).filter((f) => !batchSet.has(f));
  const items: Item[] = [...batchFiles.map((p) => ({ p, reference: false })), ...previousFiles.map((p) => ({ p, reference: true }))].map(
    ({ p, reference }, index) => ({
      index,
      path: p,
      uri: pathToFileURL(p).toString(),
      format: formatOf(p),
      imported: !MARKDOWN.test(p),
      reference,
    }),
  );
  return { items, batch: batchFiles.length };
}

/** What both passes share: the options, the pool and the spool of drafts and records. */
interface Passes {
  o: ReviewOptions;
  pool: ReviewPool;
  spool: Spool;
  jobs: number;
  stop: () => boolean;
}

/** Pass 1: every file to a draft on disk. */
async function readPass(run: Passes, items: Item[], maxBytes: number): Promise<void> {
  const { o, pool, spool } = run;
  let done = 0;
  o.progress?.({ phase: 'read', done, total: items.length });
  await eachBounded(
    items,
    run.jobs,
    (it) =>
      pool.run({ kind: 'read', index: it.index, path: it.path, draftPath: spool.draftPath(it.index), maxBytes, lang: o.lang }, o.signal),
    (it, r) => {
      if ('failed' in r) it.failure = r;
      else if (r.kind === 'read') {
        it.read = r;
        if (r.status === 'ok' && r.agency && r.year) it.key = `${r.agency}|${r.year}`;
      }
      o.progress?.({ phase: 'read', done: ++done, total: items.length });
    },
    run.stop,
  );
}

/**
 * Which drafts pass 2 checks: the batch's (the same report twice: the first is reviewed, the
 * others point at it), and the --previous reports a batch report follows; `previousOf` gives a
 * report's previous year's, batch files first, then --previous, each in walk order: the first
 * that fits is the one `check` would use.
 */
function planChecks(items: Item[]): { checks: Item[]; previousOf: (it: Item) => Item[] } {
  const byHash = new Map<string, Item>();
  for (const it of items) {
    if (it.reference || it.read?.status !== 'ok' || !it.read.hash) continue;
    const first = byHash.get(it.read.hash);
    if (first) it.duplicateOf = first;
    else byHash.set(it.read.hash, it);
  }
  const reviewable = (it: Item) => it.read?.status === 'ok' && !it.duplicateOf;
  const byKey = new Map<string, Item[]>();
  for (const it of items) {
    if (!reviewable(it) || !it.key) continue;
    const list = byKey.get(it.key);
    if (list) list.push(it);
    else byKey.set(it.key, [it]);
  }
  const previousOf = (it: Item): Item[] => {
    const r = it.read;
    if (!r?.agency || !r.year) return [];
    return byKey.get(`${r.agency}|${r.year - 1}`) ?? [];
  };
  const toCheck = items.filter((it) => !it.reference && reviewable(it));
  const cited = new Set<Item>();
  for (const it of toCheck) {
    const first = previousOf(it)[0];
    if (first?.reference) cited.add(first);
  }
  return { checks: [...toCheck, ...items.filter((it) => cited.has(it))], previousOf };
}

/** What pass 2 found: the prose sketches, the checked reports, the Markdown files that are not reports. */
interface Checked {
  sketches: Map<number, { sketch: number[]; chars: number }>;
  checked: Map<number, CheckResult>;
  others: Set<number>;
}

/** Pass 2: each draft checked as `check` checks it; --previous reports only for their prose. */
async function checkPass(run: Passes, checks: Item[], previousOf: (it: Item) => Item[], problems: string[]): Promise<Checked> {
  const { o, pool, spool } = run;
  const found: Checked = { sketches: new Map(), checked: new Map(), others: new Set() };
  const warnings = new Set<string>();
  let done = 0;
  o.progress?.({ phase: 'check', done, total: checks.length });
  await eachBounded(
    checks,
    run.jobs,
    (it) =>
      pool.run(
        {
          kind: 'check',
          index: it.index,
          path: it.path,
          uri: it.uri,
          draftPath: spool.draftPath(it.index),
          prosePath: spool.prosePath(it.index),
          excerptsPath: spool.excerptsPath(it.index),
          previous: it.reference ? [] : previousOf(it).map((p) => ({ uri: p.uri, draftPath: spool.draftPath(p.index) })),
          lang: o.lang,
          config: o.config,
        },
        o.signal,
      ),
    (it, r: WorkerResult | TaskFailure) => {
      o.progress?.({ phase: 'check', done: ++done, total: checks.length });
      if ('failed' in r) {
        it.failure = r;
        return;
      }
      if (r.kind !== 'check') return;
      for (const p of r.problems) if (!problems.includes(p)) problems.push(p);
      for (const w of r.warnings) {
        if (warnings.has(w)) continue;
        warnings.add(w);
        o.warn(w);
      }
      if (r.sketch && r.proseChars >= MIN_PROSE) found.sketches.set(it.index, { sketch: r.sketch, chars: r.proseChars });
      if (it.reference) return;
      if (r.record.status === 'not-report' && !it.imported) {
        found.others.add(it.index);
        return;
      }
      found.checked.set(it.index, r);
      spool.put(recordOf(it, r, o.lang));
    },
    run.stop,
  );
  return found;
}

/** The outputs: the folder's files (--out) and the JSON or SARIF document (--format); returns the files written. */
async function writeAll(o: ReviewOptions, ctx: OutputContext, problems: string[]): Promise<string[]> {
  o.progress?.({ phase: 'write', done: 0, total: 1 });
  const written: string[] = [];
  if (o.outDir) {
    const out = resolve(o.outDir);
    const r = await writeOutputs(ctx, out, { opinions: o.opinions === true, force: o.force === true }, safeRename);
    written.push(...r.written);
    problems.push(...r.problems);
  }
  if (o.stdout) await writeOutputs(ctx, undefined, { stdout: o.stdout, opinions: false, force: true }, safeRename);
  o.progress?.({ phase: 'write', done: 1, total: 1 });
  return written;
}

export async function runReview(o: ReviewOptions): Promise<ReviewOutcome> {
  const problems: string[] = [];
  const resolver = new OptionsResolver({ locale: o.lang, warn: o.warn, nearest: true, explicitConfig: o.config });
  const explicit = resolver.explicitConfig();
  if (explicit?.error) return failedRun(`配置文件 ${o.config}：${explicit.error}`);
  const settings = reviewSettings(resolver, o.inputs);
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outDir = prepareOutDir(o);
  if (outDir.error) return failedRun(outDir.error);
  const { items, batch } = collectItems(o, outDir.real, problems);
  if (!batch) {
    return { ...failedRun(problems[0] ?? '没有可审阅的文件'), problems: problems.length ? problems : ['没有可审阅的文件'] };
  }

  const jobs = Math.max(1, Math.min(o.jobs ?? defaultJobs(), items.length));
  const pool = new ReviewPool(jobs, timeoutMs);
  const spool = new Spool();
  const run: Passes = { o, pool, spool, jobs, stop: () => o.signal?.aborted === true };
  try {
    await readPass(run, items, resolver.maxDocumentBytes);
    const { checks, previousOf } = planChecks(items);
    const { sketches, checked, others } = await checkPass(run, checks, previousOf, problems);
    const interrupted = run.stop();

    // Rows of the files not checked: unreadable, refused, duplicates, timeouts, interrupted.
    for (const it of items) {
      if (it.reference || spool.has(it.index) || others.has(it.index)) continue;
      if (it.duplicateOf && others.has(it.duplicateOf.index)) continue;
      spool.put(uncheckedRecord(it, timeoutMs, o.lang));
    }

    // What needs the whole batch.
    const extra = new Map<number, FindingRow[]>();
    const add = (index: number, f: FindingRow) => {
      const list = extra.get(index);
      if (list) list.push(f);
      else extra.set(index, [f]);
    };
    crossReportFindings(items, checked, sketches, spool, settings, previousOf, add, o.lang);

    // Summaries, scores and ranks: one pass over the records.
    const summaries: ReportSummary[] = [];
    for (const index of spool.indexes()) {
      const r = spool.get(index)!;
      summaries.push(summarize(r, extra.get(index) ?? [], settings));
    }
    rank(summaries);

    const ctx: OutputContext = {
      lang: o.lang,
      settings,
      summaries,
      records: function* () {
        for (const index of spool.indexes()) {
          const r = spool.get(index)!;
          const more = extra.get(index);
          if (more) r.findings = [...r.findings, ...more];
          yield r;
        }
      },
      interrupted,
      generated: new Date(),
      inputs: o.inputs.map(shown),
      previous: (o.previous ?? []).map(shown),
      ranked: summaries.filter((s) => s.score !== undefined).length >= MIN_RANKED,
    };
    const written = await writeAll(o, ctx, problems);

    const reviewed = summaries.some((s) => s.result === 'pass' || s.result === 'fail');
    const failed = summaries.some((s) => s.result === 'fail' || s.result === 'unreviewed');
    return {
      summaries,
      others: others.size,
      problems,
      written,
      interrupted,
      tasksPerThread: Object.fromEntries(pool.tasksPerThread),
      settings,
      exitCode: problems.length || !reviewed ? 2 : failed ? 1 : 0,
    };
  } finally {
    await pool.destroy();
    spool.dispose();
  }
}

function safeRename(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    rmSync(from, { force: true });
    throw e;
  }
}

function recordOf(it: Item, r: CheckResult, lang: 'zh' | 'en'): ReportRecord {
  const rec: ReportRecord = {
    index: it.index,
    file: shown(it.path),
    path: it.path,
    uri: it.uri,
    format: it.format,
    imported: it.imported,
    ...r.record,
    findings: r.record.findings,
  };
  const notes: string[] = [];
  if (it.imported)
    notes.push(
      lang === 'en' ? 'imported in memory: line numbers refer to the imported draft' : '已在内存中导入为草稿后检查：行号指导入后的草稿',
    );
  if (it.read?.warning) notes.push(it.read.warning);
  if (r.record.reason) notes.push(r.record.reason);
  if (notes.length) rec.reason = notes.join('；');
  if (rec.status === 'not-report') {
    rec.findings = [notAReport(lang)];
    delete rec.table3;
  } else if (rec.status === 'unreadable') {
    rec.findings.unshift({ code: 'file-unreadable', severity: 'error', message: r.record.reason ?? STATUS_LABELS.unreadable[lang] });
  } else if (!rec.unit || !rec.year) {
    rec.findings.push({
      code: 'report-unidentified',
      severity: 'warning',
      line: 1,
      column: 1,
      message:
        lang === 'en'
          ? `The title does not name ${!rec.unit && !rec.year ? 'the agency and the year' : !rec.unit ? 'the agency' : 'the year'}: no comparison with last year's report was made`
          : `标题中${!rec.unit && !rec.year ? '没有机关名称和四位年份' : !rec.unit ? '没有机关名称' : '没有四位年份'}，无法识别报送单位和年度：未与上一年度报告比对`,
    });
  }
  return rec;
}

function notAReport(lang: 'zh' | 'en'): FindingRow {
  return {
    code: 'not-a-report',
    severity: 'error',
    message:
      lang === 'en'
        ? 'No annual report was found in this file (no report title, no section titles): was a cover letter sent instead?'
        : '文件中没有找到政府信息公开工作年度报告（没有报告标题，也没有各部分标题）：是否报送了报送函等其他文件？',
  };
}

function uncheckedRecord(it: Item, timeoutMs: number, lang: 'zh' | 'en'): ReportRecord {
  const base = {
    index: it.index,
    file: shown(it.path),
    path: it.path,
    uri: it.uri,
    format: it.format,
    imported: it.imported,
    findings: [],
  };
  if (it.duplicateOf) {
    const first = shown(it.duplicateOf.path);
    return {
      ...base,
      status: 'duplicate',
      duplicateOf: first,
      reason: lang === 'en' ? `same report as ${first}` : `与 ${first} 内容相同`,
      findings: [
        {
          code: 'duplicate-submission',
          severity: 'warning',
          message:
            lang === 'en'
              ? `The same report as ${first}: reviewed once, under that file`
              : `与 ${first} 是同一份报告（重复报送），只按那一份审阅`,
          related: [{ file: first, message: lang === 'en' ? 'the file reviewed' : '审阅的是这一份' }],
        },
      ],
    };
  }
  // Neither failed nor refused: the review stopped before this file's turn.
  let status: FileStatus = 'interrupted';
  let reason: string = STATUS_LABELS.interrupted[lang];
  if (it.failure) {
    status = failureStatus(it.failure);
    reason = failureReason(it.failure, timeoutMs, lang);
  } else if (it.read && it.read.status !== 'ok') {
    status = it.read.status;
    reason = it.read.reason ?? STATUS_LABELS[status][lang];
  }
  if (status === 'interrupted') return { ...base, status, reason };
  if (status === 'not-report') return { ...base, status, reason, findings: [notAReport(lang)] };
  return {
    ...base,
    status,
    reason,
    findings: [{ code: 'file-unreadable', severity: 'error', message: `${STATUS_LABELS[status][lang]}：${reason}` }],
  };
}

/** Duplicate submissions of one agency-year with different texts, and copied text. */
function crossReportFindings(
  items: Item[],
  checked: Map<number, CheckResult>,
  sketches: Map<number, { sketch: number[]; chars: number }>,
  spool: Spool,
  settings: ReviewSettings,
  previousOf: (it: Item) => Item[],
  add: (index: number, f: FindingRow) => void,
  lang: 'zh' | 'en',
): void {
  const rows = items.filter((it) => !it.reference && checked.get(it.index)?.record.status === 'ok');
  // Keys from the full analysis (the title as the rules read it).
  const keyOf = new Map<Item, { agency: string; year: number; unit: string }>();
  for (const it of rows) {
    const rec = checked.get(it.index)!.record;
    const agency = agencyKey(rec.unit);
    if (agency && rec.year) keyOf.set(it, { agency, year: rec.year, unit: rec.unit! });
  }
  const sameKey = new Map<string, Item[]>();
  for (const [it, k] of keyOf) {
    const id = `${k.agency}|${k.year}`;
    sameKey.set(id, [...(sameKey.get(id) ?? []), it]);
  }
  for (const group of sameKey.values()) {
    if (group.length < 2) continue;
    for (const it of group) {
      const others = group.filter((x) => x !== it).map((x) => shown(x.path));
      add(it.index, {
        code: 'duplicate-submission',
        severity: 'warning',
        line: 1,
        column: 1,
        message:
          lang === 'en'
            ? `The same agency sent another, different report for this year: ${others.join(', ')}; which one is final?`
            : `同一机关同一年度还报送了另一份不同的报告：${others.join('、')}，请确认以哪一份为准`,
        related: others.map((file) => ({ file, line: 1, column: 1, message: lang === 'en' ? 'the other report' : '另一份报告' })),
      });
    }
  }

  // Copied text: packed prose read back from the spool, a bounded number kept at hand.
  const cache = new Map<number, PackedProse | undefined>();
  const prose = (index: number): PackedProse | undefined => {
    if (cache.has(index)) {
      // Least recently used goes first: a hit moves to the end.
      const hit = cache.get(index);
      cache.delete(index);
      cache.set(index, hit);
      return hit;
    }
    const p = spool.readProse(index);
    if (cache.size >= PROSE_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(index, p);
    return p;
  };
  const t = settings.copiedThreshold;
  const judge = (a: Item, b: Item, other: () => Message) => {
    if (!sketches.has(a.index) || !sketches.has(b.index)) return;
    const pa = prose(a.index),
      pb = prose(b.index);
    if (!pa || !pb) return;
    const c = comparePacked(pa, pb);
    if (c.share < t || !c.copied.length) return;
    const excerpts = spool.readExcerpts(a.index);
    const pct = Math.round(c.share * 100);
    const file = shown(b.path);
    const name = other();
    const first = c.copied[0];
    add(a.index, {
      code: 'text-copied',
      severity: 'warning',
      line: first.line,
      column: 1,
      message:
        lang === 'en'
          ? `About ${pct}% of the prose repeats ${name.en} (${file}): ${c.copied.length} paragraph(s), from line ${first.line}`
          : `正文约 ${pct}% 与${name.zh}（${file}）雷同：${c.copied.length} 段基本相同，第一段在第 ${first.line} 行`,
      related: c.copied.slice(0, 20).map((p) => ({
        file,
        line: p.otherLine,
        column: 1,
        message:
          lang === 'en'
            ? `line ${p.line} “${excerpts[p.paragraph] ?? ''}” (${Math.round(p.containment * 100)}% the same)`
            : `第 ${p.line} 行“${excerpts[p.paragraph] ?? ''}”与此段基本相同（${Math.round(p.containment * 100)}%）`,
      })),
    });
  };
  // The same agency's previous year: always compared.
  for (const it of rows) {
    const k = keyOf.get(it);
    const prev = previousOf(it)[0];
    if (!k || !prev) continue;
    judge(it, prev, () => ({ zh: `本机关${k.year - 1}年度报告`, en: `the agency's ${k.year - 1} report` }));
  }
  // Another unit's report of the same year: the pairs LSH proposes, filtered on the signatures.
  const byYear = new Map<number, Item[]>();
  for (const it of rows) {
    const k = keyOf.get(it);
    if (k && sketches.has(it.index)) byYear.set(k.year, [...(byYear.get(k.year) ?? []), it]);
  }
  for (const list of byYear.values())
    for (const [x, y] of candidatePairs(list.map((it) => sketches.get(it.index)!.sketch))) {
      const a = list[x],
        b = list[y];
      const ka = keyOf.get(a)!,
        kb = keyOf.get(b)!;
      if (ka.agency === kb.agency) continue;
      const sa = sketches.get(a.index)!,
        sb = sketches.get(b.index)!;
      const j = estimatedJaccard(sa.sketch, sb.sketch);
      // The estimate errs by about 0.05 at these similarities: 0.8 × the threshold keeps every real case.
      const likely = (m: number, n: number) => estimatedContainment(j, m, n) >= t * 0.8;
      if (!likely(sa.chars, sb.chars) && !likely(sb.chars, sa.chars)) continue;
      judge(a, b, () => ({ zh: `${kb.unit}同年度的报告`, en: `the ${kb.year} report of ${kb.unit}` }));
      judge(b, a, () => ({ zh: `${ka.unit}同年度的报告`, en: `the ${ka.year} report of ${ka.unit}` }));
    }
}

function resultOf(r: ReportRecord, errors: number): ReportResult {
  if (r.status === 'duplicate') return 'duplicate';
  if (r.status === 'ok') return errors ? 'fail' : 'pass';
  if (r.status === 'not-report') return 'fail';
  return 'unreviewed';
}

export function summarize(r: ReportRecord, more: readonly FindingRow[], settings: ReviewSettings): ReportSummary {
  const findings = [...r.findings, ...more];
  const byCode: Record<string, number> = {};
  let errors = 0,
    warnings = 0,
    notes = 0;
  for (const f of findings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else notes++;
  }
  const result = resultOf(r, errors);
  const points = (code: string) => {
    const key = scoringKey(code, settings.scoring, tagsOf);
    return key ? settings.scoring.rules[key].points : 0;
  };
  const top = [...findings]
    .sort(
      (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || points(b.code) - points(a.code) || (a.line ?? 0) - (b.line ?? 0),
    )
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .slice(0, 3)
    .map((f) => f.message);
  const scored = r.status === 'ok' || r.status === 'not-report' ? score(findings, settings.scoring, tagsOf) : undefined;
  return {
    index: r.index,
    file: r.file,
    format: r.format,
    imported: r.imported,
    status: r.status,
    reason: r.reason,
    unit: r.unit,
    year: r.year,
    duplicateOf: r.duplicateOf,
    errors,
    warnings,
    notes,
    result,
    score: scored?.score,
    deductions: scored?.deductions,
    top,
    byCode,
  };
}

/** Competition ranking by score (1, 2, 2, 4) when enough reports are scored. */
export function rank(summaries: ReportSummary[]): void {
  const scored = summaries.filter((s) => s.score !== undefined);
  if (scored.length < MIN_RANKED) return;
  const sorted = [...scored].sort((a, b) => b.score! - a.score!);
  sorted.forEach((s, i) => {
    s.rank = i > 0 && sorted[i - 1].score === s.score ? sorted[i - 1].rank : i + 1;
  });
}
