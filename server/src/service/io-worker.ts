/**
 * Import, paste and export conversion off the server's main thread (issue 22.2, 15): each job
 * runs in a worker thread that loads the io bundle, with a heap limit (`resourceLimits`) and a
 * watchdog that ends a runaway conversion with a clear error. Meanwhile the main thread answers
 * every other request (an export of a hostile draft parses for seconds). One worker is kept warm between jobs (a paste should not wait for a worker to
 * start), at most two run at once, and an idle worker never keeps the process alive.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { ExportJob, ExportReply, ImportJob, ImportReply } from '../io/index';
import { ioModulePath } from '../io/loader';
import type { Message } from '../core/message';

/** Limits of a conversion (import, paste or export); tests shorten the watchdog. */
export const IMPORT_WORKER = {
  /** The watchdog: a conversion not done by then is ended (real reports convert in about a second). */
  timeoutMs: 60_000,
  /** The worker's JavaScript heap; past it the conversion ends, the server does not. */
  maxHeapMb: 512,
  /** Conversions at once; more wait their turn. */
  concurrency: 2,
  /** A warm worker is ended after this long without a job. */
  idleMs: 30_000,
};

function workerSource(): string {
  const path = ioModulePath();
  // From the sources (tests, tsx), the worker needs tsx's loader before it can require TypeScript.
  const loader = path.endsWith('.ts') ? `require(${JSON.stringify(createRequire(__filename).resolve('tsx/cjs'))});` : '';
  // The server may speak LSP over stdout: nothing a worker prints may reach it (a piped
  // worker.stdout instead would keep the process alive while the worker waits).
  const quiet = 'process.stdout.write = () => true;';
  return `${quiet}${loader}require(${JSON.stringify(path)}).serveIoWorker(require('node:worker_threads').parentPort);`;
}

/** A failure, as both kinds of reply give it. */
type Failure = { ok: false; message: Message } | { ok: false; error: string };

function failure(zh: string, en: string): Failure {
  return { ok: false, message: { zh, en } };
}

/** How the watchdog and the heap limit name what they stopped, and why it could be so costly. */
const WHAT = {
  import: {
    zh: '转换',
    en: 'conversion',
    large: { zh: '文件过于庞大或已损坏', en: 'the file is too large or damaged' },
    slow: { zh: '文件过于复杂或已损坏', en: 'the file is too complex or damaged' },
  },
  export: {
    zh: '导出',
    en: 'export',
    large: { zh: '草稿过于庞大', en: 'the draft is too large' },
    slow: { zh: '草稿过于复杂', en: 'the draft is too complex' },
  },
};

function spawn(): Worker {
  // Required here, not at load: a command that converts nothing (a check) does not pay for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(workerSource(), {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_WORKER.maxHeapMb, maxYoungGenerationSizeMb: 32 },
  });
  return worker;
}

let warm: { worker: Worker; timer: NodeJS.Timeout } | undefined;
let running = 0;
const waiting: (() => void)[] = [];

function park(worker: Worker): void {
  // Listening for messages refs the worker; a parked one must not keep the process alive.
  worker.unref();
  if (warm) {
    void worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (warm?.worker === worker) warm = undefined;
    void worker.terminate();
  }, IMPORT_WORKER.idleMs);
  timer.unref();
  warm = { worker, timer };
}

function take(): Worker {
  if (!warm) return spawn();
  const { worker, timer } = warm;
  warm = undefined;
  clearTimeout(timer);
  return worker;
}

function onWorker<R>(job: ImportJob | ExportJob): Promise<R | Failure> {
  const worker = take();
  const what = WHAT[job.kind === 'export' ? 'export' : 'import'];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (reply: R | Failure, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) park(worker);
      else void worker.terminate();
      resolve(reply);
    };
    const onMessage = (reply: R): void => finish(reply, true);
    const onError = (e: Error & { code?: string }): void =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failure(
              `${what.zh}所需内存超过 ${IMPORT_WORKER.maxHeapMb} MB 的上限，已停止：${what.large.zh}`,
              `The ${what.en} needed more than ${IMPORT_WORKER.maxHeapMb} MB of memory and was stopped: ${what.large.en}`,
            )
          : { ok: false, error: e.stack ?? e.message },
        false,
      );
    const onExit = (code: number): void => finish({ ok: false, error: `the io worker exited (code ${code})` }, false);
    const watchdog = setTimeout(
      () =>
        finish(
          failure(
            `${what.zh}在 ${Math.round(IMPORT_WORKER.timeoutMs / 1000)} 秒内没有完成，已停止：${what.slow.zh}`,
            `The ${what.en} did not finish within ${Math.round(IMPORT_WORKER.timeoutMs / 1000)} s and was stopped: ${what.slow.en}`,
          ),
          false,
        ),
      IMPORT_WORKER.timeoutMs,
    );
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** A turn among the conversions running at once; a finished one hands its turn to the next waiting. */
async function acquire(): Promise<void> {
  if (running < IMPORT_WORKER.concurrency) {
    running++;
    return;
  }
  await new Promise<void>((go) => waiting.push(go));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

async function runJob<R>(job: ImportJob | ExportJob): Promise<R | Failure> {
  await acquire();
  try {
    return await onWorker<R>(job);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    release();
  }
}

/** Runs one import or paste conversion in a worker thread; never rejects (failures come back as replies). */
export function runImportJob(job: ImportJob): Promise<ImportReply> {
  return runJob<ImportReply>(job);
}

/** Runs one export in a worker thread: the draft's bytes as a .docx or a page; never rejects. */
export function runExportJob(job: ExportJob): Promise<ExportReply> {
  return runJob<ExportReply>(job);
}
