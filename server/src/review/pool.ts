/**
 * The worker pool (piscina) sized to the cores, with at most one task per thread in flight: a
 * task's time limit starts when a thread takes it, and the results come back as they finish, so
 * memory never holds more than `threads` documents. A task that runs past its limit, or a thread
 * that dies (out of memory), ends that one task with a reason; the pool starts a new thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Piscina from 'piscina';
import type { WorkerResult, WorkerTask } from './worker';

/** Memory of one worker thread (a hostile file ends with a reason, not the whole review). */
const WORKER_HEAP_MB = 1024;

/** The bundle's worker (dist/review-worker.js beside dist/review.js), or the sources under tsx. */
function workerFile(): string {
  const bundled = join(__dirname, 'review-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.ts');
}

/**
 * The parent's Node options for the workers, with preloaded modules (`--import tsx` in tests)
 * made absolute: a worker resolves a bare name from the working directory at its start, and the
 * review may run from another folder than the one the process started in.
 */
function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^(--import|--require|-r|--loader|--experimental-loader)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      out.push(argv[i]);
      continue;
    }
    const spec = m[2] ?? argv[++i];
    if (spec === undefined) break;
    out.push(m[1], absoluteSpecifier(spec));
  }
  return out;
}

function absoluteSpecifier(spec: string): string {
  if (/^(?:\.{0,2}\/|[a-z]+:)/i.test(spec) || isAbsolute(spec)) return spec;
  try {
    return pathToFileURL(require.resolve(spec, { paths: [process.cwd(), __dirname] })).href;
  } catch {
    return spec;
  }
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
}

export type TaskFailure = { failed: 'timeout' | 'aborted' | 'crashed'; message: string };

export class ReviewPool {
  private readonly pool: Piscina<WorkerTask, WorkerResult>;
  /** Tasks done per worker thread id: the spread of the work, counted. */
  readonly tasksPerThread = new Map<number, number>();

  constructor(
    readonly threads: number,
    private readonly timeoutMs: number,
  ) {
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: 1,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      execArgv: workerExecArgv(),
    });
  }

  /** Runs one task; never rejects: a failure comes back as TaskFailure. */
  async run(task: WorkerTask, batch: AbortSignal | undefined): Promise<WorkerResult | TaskFailure> {
    if (batch?.aborted) return { failed: 'aborted', message: '' };
    const limit = AbortSignal.timeout(this.timeoutMs);
    const signal = batch ? AbortSignal.any([batch, limit]) : limit;
    try {
      const r = await this.pool.run(task, { signal });
      this.tasksPerThread.set(r.thread, (this.tasksPerThread.get(r.thread) ?? 0) + 1);
      return r;
    } catch (e) {
      if (batch?.aborted) return { failed: 'aborted', message: '' };
      if (limit.aborted) return { failed: 'timeout', message: '' };
      return { failed: 'crashed', message: e instanceof Error ? e.message : String(e) };
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * Runs `work` over the items with at most `concurrency` at a time, in order of the items;
 * `done` gets each result as it comes. Stops taking new items once `stop()` says so.
 */
export async function eachBounded<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  done: (item: T, result: R) => void,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const item = items[next++];
      done(item, await work(item));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}
