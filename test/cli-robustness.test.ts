/**
 * The CLI (main() from the sources, in-process; the FIFO case spawns dist/cli.js, built by
 * `npm test` before the tests, so that a hang can be killed) on awkward inputs: paths that
 * cannot be read as files, folders without reports, files that are not UTF-8. Each gets a clear
 * message, the other files are still checked, and the exit code is the documented one:
 * 0 no error found, 1 an error found, 2 a usage or I/O problem.
 * Tests run as root, so chmod 000 does not make a file unreadable: a directory named x.md, a
 * dangling symlink and a FIFO stand in for it. Everything is made in a temporary folder.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli';
import { gbk } from './helpers/gbk';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const CLEAN = join(ROOT, 'test', 'fixtures', 'clean', 'town-2024.md');
const SEED = join(ROOT, 'test', 'fixtures', 'seeds', 'seed-001.md');
let dir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  signal: NodeJS.Signals | null;
}

/** The CLI in this process, in the temporary folder. */
async function run(args: string[]): Promise<Run> {
  const r = await runCli(args, dir);
  return { code: r.code, stdout: r.out, stderr: r.err, signal: null };
}

/** The bundled CLI in a child process (a hang is killed after `timeout` ms). */
function spawnRun(args: string[], timeout = 120_000): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
}

type JsonOut = { file: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
const json = (r: Run) => JSON.parse(r.stdout) as JsonOut;
const files = (r: Run) =>
  json(r)
    .map((f) => f.file)
    .sort();

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
  mkdirSync(join(dir, 'ok'));
  cpSync(CLEAN, join(dir, 'ok', 'clean.md'));
  cpSync(SEED, join(dir, 'ok', 'seed.md'));
  mkdirSync(join(dir, 'x.md')); // a directory that looks like a Markdown file
  symlinkSync(join(dir, 'no-such-target.md'), join(dir, 'dangling.md'));
  mkdirSync(join(dir, 'notes'));
  cpSync(join(ROOT, 'test', 'fixtures', 'other', 'readme.md'), join(dir, 'notes', 'readme.md'));
  writeFileSync(join(dir, 'notes', 'todo.md'), '# 待办\n\n- 收集数据\n');
  mkdirSync(join(dir, 'nomarkdown'));
  writeFileSync(join(dir, 'nomarkdown', 'data.txt'), '1,2,3\n');
  mkdirSync(join(dir, 'nomarkdown', 'sub.md')); // a folder named like a file, empty
  mkdirSync(join(dir, 'enc'));
  writeFileSync(join(dir, 'enc', 'gbk.md'), gbk(readFileSync(SEED, 'utf8')));
  writeFileSync(join(dir, 'enc', 'gbk-clean.md'), gbk(readFileSync(CLEAN, 'utf8')));
  writeFileSync(join(dir, 'enc', 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(SEED)]));
  writeFileSync(
    join(dir, 'enc', 'utf16.md'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(CLEAN, 'utf8'), 'utf16le')]),
  );
  // A GBK lead byte followed by a space is invalid in GBK too (most other byte soup decodes as GBK).
  writeFileSync(join(dir, 'enc', 'latin.md'), Buffer.from([0x23, 0x20, 0x41, 0x81, 0x20, 0x41, 0x0a]));
  writeFileSync(join(dir, 'warn.md'), readFileSync(CLEAN, 'utf8').replace(/\| 行政许可 \| (\d+) \|/, '| 行政许可 | $1件 |'));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('paths that cannot be read as files: a clear message each, the other files still checked, exit 2', async () => {
  const r = await run(['check', 'x.md', 'dangling.md', 'missing.md', 'ok/clean.md', 'ok/seed.md', '--format', 'json']);
  assert.equal(r.code, 2, r.stderr);
  assert.deepEqual(files(r), ['ok/clean.md', 'ok/seed.md']);
  assert.ok(
    json(r)
      .find((f) => f.file === 'ok/seed.md')!
      .diagnostics.some((d) => d.severity === 'error'),
    'the seed was checked',
  );
  assert.match(r.stderr, /目录 x\.md 中没有 Markdown 文件/);
  assert.match(r.stderr, /找不到文件或目录：dangling\.md/);
  assert.match(r.stderr, /找不到文件或目录：missing\.md/);
  // Text output: the messages go to stderr, the findings and the summary to stdout.
  const t = await run(['check', 'dangling.md', 'ok/clean.md']);
  assert.equal(t.code, 2);
  assert.match(t.stdout, /^检查了 1 份年报：0 个错误/m);
  assert.doesNotMatch(t.stdout, /dangling/);
});

test('a dangling symlink inside a checked folder is reported, not skipped in silence', async () => {
  mkdirSync(join(dir, 'withlink'), { recursive: true });
  cpSync(CLEAN, join(dir, 'withlink', 'clean.md'));
  try {
    symlinkSync(join(dir, 'gone.md'), join(dir, 'withlink', 'gone.md'));
  } catch {
    /* exists */
  }
  const r = await run(['check', 'withlink', '--format', 'json']);
  assert.deepEqual(files(r), ['withlink/clean.md']);
  assert.match(r.stderr, /gone\.md/);
  assert.equal(r.code, 2);
});

test('a FIFO named *.md inside a checked folder does not hang the CLI', (t) => {
  mkdirSync(join(dir, 'withfifo'), { recursive: true });
  cpSync(CLEAN, join(dir, 'withfifo', 'clean.md'));
  try {
    execFileSync('mkfifo', [join(dir, 'withfifo', 'pipe.md')]);
  } catch (e) {
    t.skip(`mkfifo is not available: ${(e as Error).message}`);
    return;
  }
  // The timeout is only a failure bound for a hang (a reader blocked on the FIFO never returns).
  const r = spawnRun(['check', 'withfifo', '--format', 'json'], 120_000);
  assert.equal(r.signal, null, 'the CLI hung reading the FIFO (killed after 120 s)');
  assert.deepEqual(files(r), ['withfifo/clean.md']);
  assert.match(r.stderr, /pipe\.md/);
  assert.equal(r.code, 2);
});

test('folders without reports: Markdown that is not a report is listed clean (exit 0); no Markdown at all is a problem (exit 2)', async () => {
  const r = await run(['check', 'notes']);
  assert.equal(r.code, 0, r.stderr);
  // Markdown files that are not reports are not counted as checked reports.
  assert.match(r.stdout, /^检查了 0 份年报（另有 2 个 Markdown 文件不是年报）/m);
  assert.match(r.stdout, /所给文件中没有找到政府信息公开工作年度报告/);
  const j = await run(['check', 'notes', '--format', 'json']);
  assert.equal(j.code, 0);
  assert.deepEqual(json(j), [
    { file: 'notes/readme.md', diagnostics: [] },
    { file: 'notes/todo.md', diagnostics: [] },
  ]);
  const en = await run(['check', 'notes', '--lang', 'en']);
  assert.match(en.stdout, /No report found/);

  const none = await run(['check', 'nomarkdown', 'ok/clean.md', '--format', 'json']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /目录 nomarkdown 中没有 Markdown 文件/);
  assert.deepEqual(files(none), ['ok/clean.md']);
});

test('a GBK file is read as GBK with a warning and checked exactly like its UTF-8 original', async () => {
  const utf8 = await run(['check', 'ok/seed.md', '--format', 'json']);
  const g = await run(['check', 'enc/gbk.md', '--format', 'json']);
  assert.equal(g.code, 1);
  assert.match(g.stderr, /enc\/gbk\.md 不是 UTF-8 编码，已按 GBK 读取；请另存为 UTF-8/);
  assert.deepEqual(json(g)[0].diagnostics, json(utf8)[0].diagnostics);
  const clean = await run(['check', 'enc/gbk-clean.md']);
  assert.equal(clean.code, 0, clean.stdout);
  assert.match(clean.stderr, /不是 UTF-8 编码/);
});

test('a UTF-8 file with a byte order mark is checked like one without', async () => {
  const a = await run(['check', 'ok/seed.md', '--format', 'json']);
  const b = await run(['check', 'enc/bom.md', '--format', 'json']);
  assert.equal(b.code, a.code);
  assert.equal(b.stderr, '');
  assert.deepEqual(json(b)[0].diagnostics, json(a)[0].diagnostics);
});

test('files that are neither UTF-8 nor GBK: a message naming the file, the rest checked, exit 2', async () => {
  const r = await run(['check', 'enc/latin.md', 'ok/clean.md', '--format', 'json']);
  assert.equal(r.code, 2);
  assert.deepEqual(files(r), ['ok/clean.md']);
  assert.match(r.stderr, /enc\/latin\.md 既不是 UTF-8 也不是 GBK 编码，无法读取/);
});

test('a UTF-16 file with a byte order mark is decoded and checked like its UTF-8 twin, with a warning', async () => {
  const a = await run(['check', 'enc/utf16.md', '--format', 'json']);
  const b = await run(['check', 'ok/clean.md', '--format', 'json']);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stderr, /enc\/utf16\.md 是 UTF-16 编码/);
  assert.deepEqual(json(a)[0].diagnostics, json(b)[0].diagnostics);
});

test('exit codes: 0 clean or warnings only, 1 an error, 2 usage or I/O problems (even with errors found)', async () => {
  assert.equal((await run(['check', 'ok/clean.md'])).code, 0);
  const w = await run(['check', 'warn.md']);
  assert.equal(w.code, 0, w.stdout);
  assert.match(w.stdout, /0 个错误，1 个警告/);
  assert.equal((await run(['check', 'ok/seed.md'])).code, 1);
  assert.equal((await run(['check', 'ok'])).code, 1);
  assert.equal((await run(['check', 'ok/seed.md', 'missing.md'])).code, 2);
  assert.equal((await run(['help'])).code, 0);
  for (const args of [
    [],
    ['check'],
    ['frobnicate'],
    ['check', 'ok', '--bogus'],
    ['check', 'ok', '--format'],
    ['check', 'ok', '--format', 'xml'],
    ['check', 'ok', '--lang', 'fr'],
    ['check', 'ok', '--config', 'missing.json'],
    ['fix'],
    ['fix', 'ok'],
    ['fix', 'dangling.md'],
    ['fix', 'a.md', 'b.md'],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(' ')} → ${r.code}\n${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0, `${args.join(' ')}: no message`);
  }
});

test('check and fix write no file', async () => {
  const listing = () => readdirSync(dir, { recursive: true }).map(String).sort();
  const before = listing();
  const mtime = statSync(join(dir, 'ok', 'seed.md')).mtimeMs;
  await run(['check', 'ok', 'enc', 'notes', '--format', 'json']);
  const f = await run(['fix', 'ok/seed.md']);
  assert.equal(f.code, 0);
  assert.notEqual(f.stdout, readFileSync(join(dir, 'ok', 'seed.md'), 'utf8'));
  assert.deepEqual(listing(), before);
  assert.equal(statSync(join(dir, 'ok', 'seed.md')).mtimeMs, mtime);
});
