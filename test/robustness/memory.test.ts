/**
 * Memory bounded by what is being worked on, not by how many files there are: the bundled CLI
 * as users run it (dist/, npm run build) in a child process, its peak RSS (the whole process,
 * review workers included, read by a preloaded probe as it exits) compared between a small and
 * a large batch in the same run. In test:robustness: hundreds of reports a run, too heavy for
 * the unit tests.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionReport } from '../review/batch';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', 'seed-001.md'), 'utf8');
const BUILT = existsSync(CLI) && existsSync(join(ROOT, 'dist', 'review-worker.js')) && existsSync(join(ROOT, 'dist', 'worker.js'));
const SKIP = BUILT ? false : 'dist/ is not built (npm run build)';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-memory-'));
  writeFileSync(
    join(dir, 'peak-rss.cjs'),
    "process.on('exit', () => require('node:fs').writeSync(2, `\\npeak-rss ${process.resourceUsage().maxRSS}\\n`));\n",
  );
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `count` files in a new folder, the i-th with the text `text(i)`. */
function folder(name: string, count: number, text: (i: number) => string): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (let i = 0; i < count; i++) writeFileSync(join(d, `r${i}.md`), text(i));
  return d;
}

/** The CLI with these arguments, its exit code checked; peak RSS in MB and stdout. */
function peakRss(args: string[], code: number): { mb: number; out: string } {
  const r = spawnSync(process.execPath, ['--require', join(dir, 'peak-rss.cjs'), CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  assert.equal(r.status, code, r.stderr.slice(0, 500));
  const m = /peak-rss (\d+)/.exec(r.stderr);
  assert.ok(m, r.stderr.slice(-300));
  return { mb: Number(m[1]) / 1024, out: r.stdout };
}

test('check releases each document after use: its memory does not grow with the number of files', { skip: SKIP }, () => {
  // 200 and then 1 000 reports (moved from test/cli-inprocess.test.ts).
  const peak = (count: number): number => {
    const input = folder(`check-${count}`, count, (i) => SEED.replace('来安县雷官镇人民政府', `第${i}镇人民政府`));
    const r = peakRss(['check', input], 1);
    assert.match(r.out, new RegExp(`^检查了 ${count} 份年报：`, 'm'));
    return r.mb;
  };
  const few = peak(200);
  const many = peak(1000);
  // Holding every analysis cost about 0.6 MB a file (issue 22.9: 709 MB for 1 000, here 500 MB
  // more for 800 more files); the texts of 800 more files are a few MB.
  assert.ok(many - few < 80, `peak RSS ${few.toFixed(0)} MB for 200 files, ${many.toFixed(0)} MB for 1 000`);
});

test('review memory stays flat: 120 reports take little more than 30', { skip: SKIP }, () => {
  // Moved from test/review/bundle.test.ts. The heaps of the main thread and the two workers go on
  // growing towards their working size, less for each file (measured: 30 files 153 MB, 120: 193,
  // 300: 222, 600: 253, i.e. 0.44, 0.16 and 0.10 MB a file).
  const review = (count: number): number =>
    peakRss(['review', folder(`review-${count}`, count, regionReport), '-o', join(dir, `out-${count}`), '--jobs', '2'], 1).mb;
  const few = review(30);
  const many = review(120);
  // Documents kept in memory would add about a megabyte each (their text, model and findings):
  // 90 more, 90 MB more. An absolute bound per file: a smaller start must not make it tighter.
  assert.ok(many - few < 0.75 * 90, `30 files: ${few.toFixed(0)} MB, 120 files: ${many.toFixed(0)} MB`);
});
