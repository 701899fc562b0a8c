/** The command-line checker: text and JSON output, exit codes, the same core as the server. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from './helpers/cli';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** The bundled CLI in a child process (the bundle itself is tested once, below). */
function spawnRun(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI in this process (coverage sees it), from the repository root. */
async function run(...args: string[]) {
  const r = await runCli(args, ROOT);
  return { code: r.code, stdout: r.out, stderr: r.err };
}

test('text output: file:line:col severity message [code], exit 1 on errors (the bundled dist/cli.js)', () => {
  const r = spawnRun('check', 'test/fixtures/seeds/seed-003.md', '--no-color');
  assert.equal(r.code, 1);
  const lines = r.stdout.trim().split('\n');
  assert.ok(
    lines.some((l) => /^test\/fixtures\/seeds\/seed-003\.md:75:1 错误 缺少第四部分.* \[section-missing\]$/.test(l)),
    r.stdout,
  );
  assert.ok(
    lines.some((l) => /^test\/fixtures\/seeds\/seed-003\.md:27:\d+ 错误 .*2019年格式.* \[table-outdated\]$/.test(l)),
    r.stdout,
  );
  assert.match(lines[lines.length - 1], /^检查了 1 份年报：\d+ 个错误/);
});

test('JSON output for a folder: 0-based LSP ranges, every Markdown file listed', async () => {
  const r = await run('check', 'test/fixtures/seeds', 'test/fixtures/other', '--format', 'json');
  assert.equal(r.code, 1);
  const out = JSON.parse(r.stdout) as {
    file: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    }[];
  }[];
  assert.deepEqual(
    out.map((f) => f.file).sort(),
    [
      'test/fixtures/other/mention.md',
      'test/fixtures/other/readme.md',
      'test/fixtures/seeds/EXPECTED.md',
      ...['000', '001', '002', '003', '004'].map((n) => `test/fixtures/seeds/seed-${n}.md`),
    ].sort(),
  );
  const s1 = out.find((f) => f.file.endsWith('seed-001.md'))!;
  const unit = s1.diagnostics.find((d) => d.code === 'cell-unit')!;
  assert.deepEqual(unit.range, { start: { line: 49, character: 9 }, end: { line: 49, character: 14 } });
  assert.equal(unit.severity, 'warning');
  assert.deepEqual(Object.keys(unit).sort(), ['code', 'message', 'range', 'severity']);
  assert.deepEqual(out.find((f) => f.file.endsWith('readme.md'))!.diagnostics, []);
});

test('exit 0 for clean reports, 2 for usage and I/O problems (the rest still checked)', async () => {
  assert.equal((await run('check', 'test/fixtures/clean')).code, 0);
  assert.equal((await run('check')).code, 2);
  assert.equal((await run('check', 'x.md', '--format', 'xml')).code, 2);
  const r = await run('check', 'no/such/file.md', 'test/fixtures/seeds/seed-004.md', '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /找不到文件或目录：no\/such\/file\.md/);
  assert.equal(JSON.parse(r.stdout).length, 1);
});

test('fix prints the text with the safe fixes applied and writes nothing', async () => {
  const r = await run('fix', 'test/fixtures/seeds/seed-004.md');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\| 社会公益组织 \|/);
  assert.doesNotMatch(r.stdout, /\| 社会组织 \|/);
});

test('rules lists every rule with its default severity; English on request', async () => {
  const r = await run('rules', '--lang', 'en');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^balance\s+error\s+arithmetic\s+Table 3/m);
  const en = await run('check', 'test/fixtures/seeds/seed-004.md', '--lang', 'en', '--no-color');
  assert.match(en.stdout, /warning table 3: the column header “社会组织” differs from the template/);
});
