/**
 * The review as users run it: the bundled CLI (dist/cli.js, dist/review.js and the worker
 * bundles) in a child process. Ctrl+C in the middle writes what is done (exit 130). That memory
 * stays flat is in test/robustness/memory.test.ts (npm run test:robustness).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { regionReport } from './batch';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BUILT = existsSync(join(ROOT, 'dist', 'review-worker.js')) && existsSync(join(ROOT, 'dist', 'worker.js'));
const SKIP = BUILT ? false : 'dist/ is not built (npm run build)';

let dir = '';

/** `count` distinct reports (their own agency, their own prose) in a new folder. */
function folder(name: string, count: number): string {
  const d = join(dir, name);
  mkdirSync(d);
  for (let i = 0; i < count; i++) writeFileSync(join(d, `${i}.md`), regionReport(i));
  return d;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-review-bundle-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the bundled CLI reviews with its bundled workers', { skip: SKIP }, () => {
  const input = folder('small', 4);
  writeFileSync(join(input, 'broken.docx'), 'PK\u0003\u0004 not a package');
  const r = spawnSync(process.execPath, [CLI, 'review', input, '-o', join(dir, 'out-small'), '--jobs', '2'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /审阅了 5 个文件：通过 0，不通过 4，无法审阅 1，重复报送 0/);
  assert.match(r.stdout, /结果已写入 .*审阅结果\.xlsx、审阅结果\.html、审阅结果\.sarif、审阅结果\.json/);
  assert.equal(r.stderr, '', 'no warning on stderr');
  for (const f of ['审阅结果.xlsx', '审阅结果.html', '审阅结果.sarif', '审阅结果.json'])
    assert.ok(existsSync(join(dir, 'out-small', f)), f);
  const sarif = spawnSync(process.execPath, [CLI, 'review', input, '--format', 'sarif'], { cwd: dir, encoding: 'utf8' });
  assert.equal((JSON.parse(sarif.stdout) as { version: string }).version, '2.1.0');
  assert.match(sarif.stderr, /审阅了 5 个文件/);
});

test('Ctrl+C stops the review and writes what is done (exit 130)', { skip: SKIP }, async () => {
  const input = folder('many', 60);
  const out = join(dir, 'out-interrupted');
  const child = fork(CLI, ['review', input, '-o', out, '--jobs', '1'], {
    cwd: dir,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let sent = false;
  const code = await new Promise<number | null>((resolve) => {
    // Interrupt once a few reports have been checked: the progress messages say when.
    child.on('message', (m: { type: string; phase: string; done: number }) => {
      if (!sent && m.type === 'xxgk-review-progress' && m.phase === 'check' && m.done >= 3) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (c) => resolve(c));
  });
  assert.ok(sent, `progress reached the checks (exit ${code}): ${stderr}`);
  assert.equal(code, 130, stderr);
  assert.match(stderr, /已中断/);
  const json = JSON.parse(readFileSync(join(out, '审阅结果.json'), 'utf8')) as { interrupted: boolean; reports: { status: string }[] };
  assert.equal(json.interrupted, true);
  assert.equal(json.reports.length, 60);
  const done = json.reports.filter((r) => r.status === 'ok').length;
  assert.ok(done >= 3 && done < 60, `${done} checked`);
  assert.equal(json.reports.filter((r) => r.status === 'interrupted').length, 60 - done);
  assert.ok(existsSync(join(out, '审阅结果.xlsx')));
});
