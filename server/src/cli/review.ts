/**
 * `xxgk-report review <folders or files>… [-o OUTDIR] [--jobs N] [--previous FOLDER]
 * [--format json|sarif] [--opinions] [--force] [--timeout SECONDS]`: a whole region's reports
 * at once (issue 17). Every .md, .docx, .html/.htm and .txt below the folders is imported in
 * memory and checked by the editor's service in a worker pool; the batch is compared across
 * reports (duplicates, the same agency's consecutive years, copied text) and scored; the outputs
 * go to OUTDIR (default ./审阅结果/, never overwritten without --force).
 *
 * A progress bar on a terminal (stderr), nothing when not a TTY; forked with an IPC channel (the
 * VS Code command), progress goes to the parent as messages. Ctrl+C stops: what is done is
 * written and the exit code is 130.
 *
 * Exit codes: 0 every report passed; 1 a report has errors or a file could not be reviewed;
 * 2 usage, a broken config file, an output not written, or nothing reviewable; 130 interrupted.
 */
import type * as CliProgress from 'cli-progress';
import { review } from '../review/loader';
import type { Progress, ReviewOutcome } from '../review/index';
import type { Args } from './args';
import { type CliIO, stdio } from './common';
import type { Message } from '../core/message';

const PHASES: Record<Progress['phase'], Message> = {
  read: { zh: '读取', en: 'reading' },
  check: { zh: '检查', en: 'checking' },
  write: { zh: '写出', en: 'writing' },
};

/** Progress for a person at a terminal, for a parent process (IPC), or none. */
function progressReporter(real: boolean, lang: 'zh' | 'en'): { report?: (p: Progress) => void; stop: () => void } {
  if (real && process.send && process.connected) {
    return {
      report: (p) => {
        if (process.connected) process.send!({ type: 'xxgk-review-progress', ...p });
      },
      stop: () => undefined,
    };
  }
  if (!real || !process.stderr.isTTY) return { stop: () => undefined };
  // Loaded by the review only: the progress bar brings in readline and streams that a check does not need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  const { SingleBar, Presets } = require('cli-progress') as typeof CliProgress;
  const bar = new SingleBar(
    { stream: process.stderr, format: `{phase} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let phase: string | undefined;
  return {
    report: (p) => {
      if (p.phase !== phase) {
        if (phase) bar.stop();
        phase = p.phase;
        bar.start(p.total, p.done, { phase: PHASES[p.phase][lang] });
      } else bar.update(p.done);
    },
    stop: () => {
      if (phase) bar.stop();
    },
  };
}

/** The review's command line, checked: what to run, or the usage error. */
interface ReviewArgs {
  format: 'text' | 'json' | 'sarif';
  outDir: string | undefined;
  jobs: number | undefined;
  timeoutMs: number | undefined;
}

function parseReviewArgs(args: Args): ReviewArgs | { error: string } {
  const o = args.options;
  const en = args.lang === 'en';
  const format = o.format === undefined ? 'text' : o.format;
  const out = (o.o ?? o.out) as string | true | undefined;
  if (!args.paths.length) return { error: en ? 'No folder or file given' : '请给出要审阅的目录或文件' };
  if (format !== 'text' && format !== 'json' && format !== 'sarif')
    return { error: `--format 只能是 text、json 或 sarif：${String(format)}` };
  if (out === true) return { error: '-o 需要一个目录' };
  let jobs: number | undefined;
  if (o.jobs !== undefined) {
    jobs = Number(o.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) return { error: `--jobs 应为 1 到 64 的整数：${String(o.jobs)}` };
  }
  let timeoutMs: number | undefined;
  if (o.timeout !== undefined) {
    const s = Number(o.timeout);
    if (!Number.isFinite(s) || s <= 0) return { error: `--timeout 应为正数（秒）：${String(o.timeout)}` };
    timeoutMs = Math.round(s * 1000);
  }
  if (o.previous === true) return { error: '--previous 需要一个目录' };
  const outDir = typeof out === 'string' ? out : format === 'text' ? '审阅结果' : undefined;
  return { format, outDir, jobs, timeoutMs };
}

export async function reviewCommand(args: Args, cli: CliIO, usage: string): Promise<number> {
  const o = args.options;
  const lang = args.lang;
  const en = lang === 'en';
  const parsed = parseReviewArgs(args);
  if ('error' in parsed) {
    cli.err(`${parsed.error}\n${usage}\n`);
    return 2;
  }
  const { format, outDir, jobs, timeoutMs } = parsed;
  const real = cli === stdio;
  const progress = progressReporter(real, lang);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    progress.stop();
    cli.err(
      en
        ? '\nInterrupted: writing what is done (Ctrl+C again to quit at once)\n'
        : '\n已中断：正在写出已完成的部分（再按一次 Ctrl+C 立即退出）\n',
    );
  };
  if (real) process.on('SIGINT', onSigint);
  try {
    const r = await review().runReview({
      inputs: args.paths,
      previous: typeof o.previous === 'string' ? [o.previous] : [],
      outDir,
      force: o.force === true,
      opinions: o.opinions === true,
      jobs,
      timeoutMs,
      lang,
      config: args.config,
      signal: controller.signal,
      progress: progress.report,
      stdout: format === 'json' || format === 'sarif' ? { format, write: (t) => cli.out(t) } : undefined,
      warn: (m) => cli.err(`${m}\n`),
    });
    progress.stop();
    printOutcome(r, format, outDir, lang, cli);
    if (r.interrupted) return 130;
    return r.exitCode;
  } finally {
    progress.stop();
    if (real) process.removeListener('SIGINT', onSigint);
  }
}

/** One line per file (text mode), the totals, where the outputs went, the run's problems. */
function printOutcome(r: ReviewOutcome, format: ReviewArgs['format'], outDir: string | undefined, lang: 'zh' | 'en', cli: CliIO): void {
  const en = lang === 'en';
  if (format === 'text') {
    for (const s of r.summaries) {
      const result = review().RESULT_LABELS[s.result][lang];
      const score = s.score === undefined ? '' : en ? ` score ${s.score}` : ` 得分 ${s.score}`;
      cli.out(
        en
          ? `${s.file}  ${s.unit ?? '-'} ${s.year ?? '-'}  ${result}  ${s.errors} error(s), ${s.warnings} warning(s)${score}${s.reason && s.status !== 'ok' ? `  (${s.reason})` : ''}\n`
          : `${s.file}  ${s.unit ?? '-'} ${s.year ?? '-'}  ${result}  错误 ${s.errors} 警告 ${s.warnings}${score}${s.reason && s.status !== 'ok' ? `（${s.reason}）` : ''}\n`,
      );
    }
  }
  // The report goes to stdout in text mode; with --format json|sarif stdout holds only that document.
  const say = (t: string) => (format === 'text' ? cli.out(t) : cli.err(t));
  const count = (k: string) => r.summaries.filter((s) => s.result === k).length;
  const others = r.others
    ? en
      ? `; ${r.others} other Markdown file(s) are not reports`
      : `；另有 ${r.others} 个 Markdown 文件不是年报，未列入`
    : '';
  const line = en
    ? `Reviewed ${r.summaries.length} file(s): ${count('pass')} pass, ${count('fail')} fail, ${count('unreviewed')} not reviewed, ${count('duplicate')} duplicate${others}\n`
    : `审阅了 ${r.summaries.length} 个文件：通过 ${count('pass')}，不通过 ${count('fail')}，无法审阅 ${count('unreviewed')}，重复报送 ${count('duplicate')}${others}\n`;
  say(line);
  if (r.written.length) {
    const names = r.written.map((w) => w.split(/[\\/]/).pop()).join(en ? ', ' : '、');
    say(en ? `Written to ${outDir}: ${names}\n` : `结果已写入 ${outDir}：${names}\n`);
  }
  for (const p of r.problems) cli.err(`${p}\n`);
}
