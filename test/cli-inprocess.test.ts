/**
 * The CLI in-process (main() from the sources, output captured), so coverage sees it, plus
 * the few cases that need a real process (a closed pipe, a FIFO). Folders with link loops,
 * files given twice or through a link, `--`, a `%` in a file name, invalid --config files,
 * the size limit, and fix on things that are not regular files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/cli';
import { ruleByCode } from '../server/src/core/index';

const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const CLEAN = readFileSync(join(FIXTURES, 'clean', 'town-2024.md'), 'utf8');
const SEED = readFileSync(join(FIXTURES, 'seeds', 'seed-001.md'), 'utf8');
const y22 = readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2022.md'), 'utf8');
const y23 = readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2023.md'), 'utf8');
let dir = '';
const cwd = process.cwd();

function run(...argv: string[]) {
  return runCli(argv);
}

type Json = { file: string; diagnostics: { code: string; related?: { file: string }[] }[] }[];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-in-'));
  mkdirSync(join(dir, 'loop'));
  writeFileSync(join(dir, 'loop', 'clean.md'), CLEAN);
  symlinkSync('.', join(dir, 'loop', 'self'));
  symlinkSync('.', join(dir, 'loop', 'again'));
  mkdirSync(join(dir, 'loop', 'sub'));
  symlinkSync('..', join(dir, 'loop', 'sub', 'up'));
  // A link to the file-system root: an ancestor of everything, never walked. And one to the
  // temporary folder, whose seed.md would be listed if an ancestor link were followed.
  symlinkSync('/', join(dir, 'loop', 'sub', 'slash'));
  symlinkSync(dir, join(dir, 'loop', 'sub', 'top'));
  writeFileSync(join(dir, 'seed.md'), SEED);
  // Enough findings to overflow a pipe's buffer (64 KB) after `head` has gone.
  mkdirSync(join(dir, 'many'));
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, 'many', `s${i}.md`), SEED);
  symlinkSync(join(dir, 'seed.md'), join(dir, 'seed-link.md'));
  mkdirSync(join(dir, 'years'));
  writeFileSync(join(dir, 'years', '50%-2022.md'), y22);
  writeFileSync(join(dir, 'years', '100%-2023.md'), y23);
  writeFileSync(join(dir, '-dash.md'), CLEAN);
  writeFileSync(join(dir, 'bad.json'), '{ "rules": { "balance": "off" ');
  writeFileSync(
    join(dir, 'comments.json'),
    '{\n  // trailing commas and comments are fine\n  "rules": { "section-missing": "off", },\n}\n',
  );
  // A 9 MB file, made sparse: the CLI must refuse it by its size without reading it. And one of
  // 64 GB (sparse too): read, it would exhaust the memory, so refusing it proves the size comes first.
  writeFileSync(join(dir, 'huge.md'), '# x\n');
  truncateSync(join(dir, 'huge.md'), 9 * 1024 * 1024);
  writeFileSync(join(dir, 'vast.md'), '# x\n');
  truncateSync(join(dir, 'vast.md'), 64 * 1024 * 1024 * 1024);
  process.chdir(dir);
});

after(() => {
  process.chdir(cwd);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a folder with link loops: the walk terminates and each real file is checked once', async () => {
  // Had a link to an ancestor (/, the temporary folder) been walked, seed.md and the files
  // of the rest of the machine would be listed below.
  const r = await run('check', 'loop', '--format', 'json');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    (JSON.parse(r.out) as Json).map((f) => f.file),
    ['loop/clean.md'],
  );
});

test('the same file given twice, or through a link, is checked once', async () => {
  const r = await run('check', 'seed.md', 'seed.md', 'seed-link.md', './seed.md', '--format', 'json');
  assert.deepEqual(
    (JSON.parse(r.out) as Json).map((f) => f.file),
    ['seed.md'],
  );
  assert.equal(r.code, 1);
});

test('`--` ends the options: a file named like an option is checked', async () => {
  const r = await run('check', '--format', 'json', '--', '-dash.md');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    (JSON.parse(r.out) as Json).map((f) => f.file),
    ['-dash.md'],
  );
  assert.equal((await run('check', '-dash.md')).code, 2, 'without --, it is an unknown option');
});

test("a % in file names: the cross-year rules still work, with related places in last year's file", async () => {
  const r = await run('check', 'years', '--format', 'json');
  assert.doesNotMatch(r.err, /URIError|出错/);
  const out = JSON.parse(r.out) as Json;
  const carry = out.find((f) => f.file === 'years/100%-2023.md')!.diagnostics.filter((d) => d.code === 'carry-over');
  assert.equal(carry.length, 2);
  assert.equal(carry[0].related![0].file, 'years/50%-2022.md');
});

test('--config: an invalid or missing file stops with exit 2 and says why; JSONC is accepted', async () => {
  const bad = await run('check', 'seed.md', '--config', 'bad.json');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /bad\.json.*不是有效的 JSON/);
  assert.equal(bad.out, '');
  const missing = await run('check', 'seed.md', '--config', 'nope.json');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /nope\.json.*文件不存在/);
  const ok = await run('check', 'seed.md', '--config=comments.json', '--format', 'json');
  assert.equal(ok.err, '');
  assert.ok(!(JSON.parse(ok.out) as Json)[0].diagnostics.some((d) => d.code === 'section-missing'));
});

test('a nearest .xxgk-report.json that is broken is reported with its file, exit 2', async () => {
  mkdirSync('cfg', { recursive: true });
  writeFileSync(join('cfg', '.xxgk-report.json'), '{ nope }');
  writeFileSync(join('cfg', 'r.md'), CLEAN);
  const r = await run('check', 'cfg');
  assert.equal(r.code, 2);
  assert.match(r.err, /cfg\/\.xxgk-report\.json：不是有效的 JSON/);
});

test('the size limit: a file above 8 MB is refused by its size, without reading it', async () => {
  const r = await run('check', 'huge.md', 'vast.md', 'seed.md', '--format', 'json');
  assert.equal(r.code, 2);
  assert.match(r.err, /huge\.md 有 9\.0 MB，超过 8\.0 MB 的上限/);
  assert.match(r.err, /vast\.md 有 65536\.0 MB，超过 8\.0 MB 的上限/);
  assert.deepEqual(
    (JSON.parse(r.out) as Json).map((f) => f.file),
    ['seed.md'],
  );
  const f = await run('fix', 'huge.md');
  assert.equal(f.code, 2);
  assert.equal(f.out, '');
});

test('fix refuses what is not a regular file: /dev/zero, a folder, a FIFO (quickly, never blocking)', async (t) => {
  const zero = await run('fix', '/dev/zero');
  assert.equal(zero.code, 2);
  assert.match(zero.err, /不是普通文件/);
  assert.equal((await run('fix', 'loop')).code, 2);
  try {
    execFileSync('mkfifo', ['pipe.md']);
  } catch (e) {
    t.skip(`mkfifo is not available: ${(e as Error).message}`);
    return;
  }
  const fifo = await run('fix', 'pipe.md');
  assert.equal(fifo.code, 2);
  assert.match(fifo.err, /pipe\.md 不是普通文件/);
});

test('text with control characters is refused by check and fix alike', async () => {
  writeFileSync('ctl.md', `${CLEAN}\u0001\n`);
  const c = await run('check', 'ctl.md');
  assert.equal(c.code, 2);
  assert.match(c.err, /ctl\.md 不是文本文件（含有控制字符 U\+0001）/);
  assert.equal((await run('fix', 'ctl.md')).code, 2);
});

test('a rule that throws: a message naming the rule and the file on stderr, exit 2, the other findings still printed', async () => {
  const rule = ruleByCode('fee-statement-missing')!;
  const saved = Object.getOwnPropertyDescriptor(rule, 'check')!;
  rule.check = () => {
    throw new Error('boom');
  };
  try {
    const r = await run('check', 'seed.md', '--no-color');
    assert.equal(r.code, 2);
    assert.match(r.err, /seed\.md：规则 fee-statement-missing 内部出错，已跳过（它的检查结果缺失）：.*boom/);
    assert.match(r.out, /\[cell-unit\]/);
    const f = await run('fix', 'seed.md');
    assert.equal(f.code, 2);
    assert.match(f.err, /fee-statement-missing/);
    assert.ok(f.out.length > 0, 'the safe fixes of the other rules are still printed');
  } finally {
    Object.defineProperty(rule, 'check', saved);
  }
});

test('check … | head -1: no EPIPE stack trace (a real process and pipe)', () => {
  const cli = join(ROOT, 'dist', 'cli.js');
  const r = spawnSync('sh', ['-c', `node "${cli}" check many --no-color | head -1`], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
  assert.doesNotMatch(r.stderr, /EPIPE|Error|at /);
});

test('new -o DIR writes <机关名称><年份>年政府信息公开工作年度报告.md there, never over an existing file without --force', async () => {
  mkdirSync('drafts', { recursive: true });
  writeFileSync('last-2024.md', CLEAN);
  const r = await run('new', '--from', 'last-2024.md', '-o', 'drafts');
  assert.equal(r.code, 0, r.err);
  const name = join('drafts', '青石镇人民政府2025年政府信息公开工作年度报告.md');
  assert.match(r.err, /已写入 drafts\/青石镇人民政府2025年政府信息公开工作年度报告\.md/);
  const written = readFileSync(name, 'utf8');
  assert.match(written, /^# 青石镇人民政府2025年政府信息公开工作年度报告/);
  writeFileSync(name, '改过的草稿');
  const again = await run('new', '--from', 'last-2024.md', '-o', 'drafts');
  assert.equal(again.code, 2);
  assert.match(again.err, /已存在，未覆盖/);
  assert.equal(readFileSync(name, 'utf8'), '改过的草稿');
  assert.equal((await run('new', '--from', 'last-2024.md', '-o', 'drafts', '--force')).code, 0);
  assert.equal(readFileSync(name, 'utf8'), written);
  // The blank skeleton is named by --agency and --year; characters Windows refuses are left out.
  const skeleton = await run('new', '--agency', '某县<数据>局', '--year', '2025', '-o', 'drafts');
  assert.equal(skeleton.code, 0, skeleton.err);
  assert.ok(readFileSync(join('drafts', '某县数据局2025年政府信息公开工作年度报告.md'), 'utf8').startsWith('# 某县<数据>局2025年'));
  // Without -o: stdout, nothing written.
  const out = await run('new', '--from', 'last-2024.md');
  assert.equal(out.out, written);
});

test('new --from a Word file: imported in memory, the draft printed, no “checked” message', async () => {
  const { exportDocx } = await import('../server/src/io/index');
  writeFileSync('last-2024.docx', await exportDocx(CLEAN));
  const r = await run('new', '--from', 'last-2024.docx');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^# 青石镇人民政府2025年政府信息公开工作年度报告/);
  assert.doesNotMatch(r.err, /检查/);
  assert.equal(r.err, '');
});
