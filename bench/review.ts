/**
 * The review (xxgk-report review) on a generated region: 48 Markdown drafts and 12 Word files
 * (our exporter), through the bundles (dist/review.js, its workers dist/review-worker.js) as the
 * CLI runs them. Files per second with 1 worker and with the default (one per core), rounds
 * interleaved so machine noise hits both alike; the ratio is the point (issue 17: two workers
 * clearly faster than one on two cores).
 *
 *   node build.mjs && node --import tsx bench/review.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDocx } from '../server/src/io/index';
import type * as Review from '../server/src/review/index';
import { regionReport } from '../test/review/batch';

const MARKDOWN = 48;
const WORD = 12;
const ROUNDS = 3;

export async function run(): Promise<string> {
  // The bundles, as users run them (build.mjs first).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, not the sources
  const review = require('../dist/review.js') as typeof Review;
  const root = mkdtempSync(join(tmpdir(), 'xxgk-bench-review-'));
  try {
    const input = join(root, 'region');
    mkdirSync(input);
    for (let i = 0; i < MARKDOWN; i++) writeFileSync(join(input, `${i}.md`), regionReport(i));
    for (let i = MARKDOWN; i < MARKDOWN + WORD; i++) writeFileSync(join(input, `${i}.docx`), await exportDocx(regionReport(i)));
    const files = MARKDOWN + WORD;
    const jobs = review.defaultJobs();
    const configs = [1, jobs];
    const walls: number[][] = configs.map(() => []);
    const checks: number[][] = configs.map(() => []);
    const cpu: number[][] = configs.map(() => []);
    let out = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < configs.length; k++) {
        const i = (k + round) % configs.length;
        let checked = 0;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await review.runReview({
          inputs: [input],
          outDir: join(root, `out-${out++}`),
          jobs: configs[i],
          lang: 'zh',
          warn: () => undefined,
          progress: (p) => {
            if (p.phase === 'check' && p.done === p.total) checked = performance.now();
          },
        });
        if (r.summaries.length !== files) throw new Error(`${r.summaries.length} rows for ${files} files`);
        walls[i].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[i].push((c.user + c.system) / 1000);
        checks[i].push(checked - t0);
      }
    }
    const best = (xs: number[]) => Math.min(...xs);
    const rate = (ms: number) => files / (ms / 1000);
    const lines = [
      `${files} files (${MARKDOWN} Markdown drafts, ${WORD} .docx), best of ${ROUNDS} interleaved rounds; ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end. “read + check”: until the last report is checked; “all”: with the comparisons across reports and the four outputs written. CPU: the whole process, workers included (the same work costs about the same whatever the workers).`,
      '',
      '| workers | read + check, s | files/s | all, s | files/s | CPU, s (all threads) |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ];
    configs.forEach((j, i) => {
      lines.push(
        `| ${j} | ${(best(checks[i]) / 1000).toFixed(1)} | ${rate(best(checks[i])).toFixed(1)} | ${(best(walls[i]) / 1000).toFixed(1)} | ${rate(best(walls[i])).toFixed(1)} | ${(best(cpu[i]) / 1000).toFixed(1)} |`,
      );
    });
    const ratio = best(checks[0]) / best(checks[1]);
    const overloaded = loadavg()[0] > availableParallelism();
    lines.push(
      '',
      jobs < 2
        ? `One CPU: nothing to compare (${ratio.toFixed(2)}×).`
        : `${jobs} workers: ${ratio.toFixed(2)}× the files per second of one${ratio >= 1.4 ? ' ✓' : overloaded ? ' (the machine was overloaded: other processes held the cores)' : ' ✗ (target ≥ 1.4×)'}.`,
    );
    return lines.join('\n');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().then(
    (t) => console.log(t),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
