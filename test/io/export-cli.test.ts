/**
 * Where an export goes and what it never overwrites (issues 15.2, 15.4, 15.10, 22.7), through
 * the CLI (`xxgk-report export`) and the report service it shares with the editor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { runCli } from '../helpers/cli';
import { createReportService } from '../../server/src/service/index';
import { OptionsResolver } from '../../server/src/options';
import { exportMark } from '../../server/src/io/index';
import { FIXTURES } from './helpers';

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
  copyFileSync(join(FIXTURES, 'clean', 'town-2024.md'), join(dir, 'clean.md'));
  copyFileSync(join(FIXTURES, 'seeds', 'seed-000.md'), join(dir, 'errors.md'));
  return dir;
}

async function inDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = workdir();
  try {
    await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (dir: string, ...argv: string[]) => runCli(argv, dir);
const read = (dir: string, name: string) => readFileSync(join(dir, name));

test('the default target is a new name beside the draft, numbered when taken; --force replaces our earlier export', () =>
  inDir(async (dir) => {
    const first = await run(dir, 'export', 'clean.md', '--to', 'docx');
    assert.equal(first.code, 0, first.err);
    assert.match(first.err, /已导出 clean\.md → clean（导出）\.docx/);
    assert.equal(exportMark(read(dir, 'clean（导出）.docx')), 'ours');
    // again: a second file, the first untouched
    const second = await run(dir, 'export', 'clean.md', '--to', 'docx');
    assert.equal(second.code, 0);
    assert.match(second.err, /→ clean（导出2）\.docx/);
    assert.deepEqual(read(dir, 'clean（导出2）.docx'), read(dir, 'clean（导出）.docx'), 'same draft, same bytes');
    // --force: our own earlier export under the first name is replaced, nothing new appears
    writeFileSync(join(dir, 'clean.md'), readFileSync(join(dir, 'clean.md'), 'utf8').replace('青石镇', '青山镇'));
    const replaced = await run(dir, 'export', 'clean.md', '--to', 'docx', '--force');
    assert.equal(replaced.code, 0, replaced.err);
    assert.match(replaced.err, /→ clean（导出）\.docx（替换了上次导出的文件）/);
    assert.ok(unzipSync(read(dir, 'clean（导出）.docx'))['word/document.xml'].length > 0);
    assert.match(Buffer.from(unzipSync(read(dir, 'clean（导出）.docx'))['word/document.xml']).toString(), /青山镇/);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.docx')).length, 2);
    // HTML the same way
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'html')).code, 0);
    assert.equal(exportMark(read(dir, 'clean（导出）.html')), 'ours');
  }));

test('a default name taken by a file that is not ours is never replaced, not even with --force', () =>
  inDir(async (dir) => {
    writeFileSync(join(dir, 'clean（导出）.docx'), 'the clerk’s own file');
    const r = await run(dir, 'export', 'clean.md', '--to', 'docx', '--force');
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /→ clean（导出2）\.docx/);
    assert.equal(read(dir, 'clean（导出）.docx').toString(), 'the clerk’s own file');
  }));

test('-o on an existing file needs --force, and a file that is not ours also --replace-foreign', () =>
  inDir(async (dir) => {
    writeFileSync(join(dir, 'mine.docx'), 'the clerk’s own file');
    for (const extra of [[], ['--force']]) {
      const r = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'mine.docx', ...extra);
      assert.equal(r.code, 2, `refused with ${extra.join(' ') || 'no flag'}`);
      assert.match(r.err, /mine\.docx 已存在，不是本工具导出的文件，不会替换/);
      assert.match(r.err, /--force --replace-foreign/);
      assert.equal(read(dir, 'mine.docx').toString(), 'the clerk’s own file');
    }
    assert.equal(
      (await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'mine.docx', '--replace-foreign')).code,
      2,
      'the flag goes with --force',
    );
    const yes = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'mine.docx', '--force', '--replace-foreign');
    assert.equal(yes.code, 0, yes.err);
    assert.match(yes.err, /（替换了原有文件）/);
    assert.equal(exportMark(read(dir, 'mine.docx')), 'ours');
    // our export, then -o over it: --force is enough
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'mine.docx')).code, 2);
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'mine.docx', '--force')).code, 0);
  }));

test('an export edited after it was written is no longer ours: --force does not replace it', () =>
  inDir(async (dir) => {
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'report.docx')).code, 0);
    // saved again from Word: document.xml changed (the clerk added a line)
    const files = unzipSync(read(dir, 'report.docx'));
    files['word/document.xml'] = strToU8(
      Buffer.from(files['word/document.xml']).toString().replace('</w:body>', '<w:p><w:r><w:t>签发：张三</w:t></w:r></w:p></w:body>'),
    );
    writeFileSync(join(dir, 'report.docx'), zipSync(files));
    const edited = read(dir, 'report.docx');
    const r = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'report.docx', '--force');
    assert.equal(r.code, 2);
    assert.match(r.err, /导出后又被修改过，不会替换/);
    assert.deepEqual(read(dir, 'report.docx'), edited);
    // the page likewise
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'html', '-o', 'page.html')).code, 0);
    writeFileSync(join(dir, 'page.html'), read(dir, 'page.html').toString().replace('</body>', '<p>加一段</p></body>'));
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'html', '-o', 'page.html', '--force')).code, 2);
  }));

test('never through a symbolic link without --force (dangling or not); with --force to the file it points to', () =>
  inDir(async (dir) => {
    symlinkSync('elsewhere.docx', join(dir, 'dangling.docx'));
    const r = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'dangling.docx');
    assert.equal(r.code, 2);
    assert.match(r.err, /dangling\.docx 是符号链接，不会通过它写入/);
    assert.equal(existsSync(join(dir, 'elsewhere.docx')), false, 'nothing created through the link');
    assert.equal(readlinkSync(join(dir, 'dangling.docx')), 'elsewhere.docx');
    // a link under the default name: the next free name instead
    symlinkSync('/etc/passwd', join(dir, 'clean（导出）.docx'));
    const d = await run(dir, 'export', 'clean.md', '--to', 'docx');
    assert.equal(d.code, 0, d.err);
    assert.match(d.err, /→ clean（导出2）\.docx/);
    assert.ok(lstatSync(join(dir, 'clean（导出）.docx')).isSymbolicLink());
    // --force: through the dangling link, the file it names is created; the link stays a link
    const f = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'dangling.docx', '--force');
    assert.equal(f.code, 0, f.err);
    assert.equal(exportMark(read(dir, 'elsewhere.docx')), 'ours');
    assert.ok(lstatSync(join(dir, 'dangling.docx')).isSymbolicLink());
    // a link to someone else's file: --force alone does not replace it
    writeFileSync(join(dir, 'theirs.docx'), 'theirs');
    symlinkSync('theirs.docx', join(dir, 'to-theirs.docx'));
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'to-theirs.docx', '--force')).code, 2);
    assert.equal(read(dir, 'theirs.docx').toString(), 'theirs');
  }));

test('never onto the source, a folder, or (through a hard link) the draft itself', () =>
  inDir(async (dir) => {
    for (const args of [
      ['-o', 'clean.md', '--force', '--replace-foreign'],
      ['-o', './clean.md', '--force', '--replace-foreign'],
    ]) {
      const r = await run(dir, 'export', 'clean.md', '--to', 'html', ...args);
      assert.equal(r.code, 2);
      assert.match(r.err, /是草稿本身，不能导出到它上面/);
    }
    linkSync(join(dir, 'clean.md'), join(dir, 'hard.html'));
    const hard = await run(dir, 'export', 'clean.md', '--to', 'html', '-o', 'hard.html', '--force', '--replace-foreign');
    assert.equal(hard.code, 2);
    assert.match(hard.err, /hard\.html 是草稿本身/);
    mkdirSync(join(dir, 'folder.docx'));
    const f = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'folder.docx', '--force', '--replace-foreign');
    assert.equal(f.code, 2);
    assert.match(f.err, /不是普通文件/);
    assert.equal(readFileSync(join(dir, 'clean.md'), 'utf8'), readFileSync(join(FIXTURES, 'clean', 'town-2024.md'), 'utf8'));
  }));

test('a replaced export keeps the old file’s permissions and nothing is left behind', () =>
  inDir(async (dir) => {
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'r.docx')).code, 0);
    chmodSync(join(dir, 'r.docx'), 0o640);
    assert.equal((await run(dir, 'export', 'errors.md', '--to', 'docx', '-o', 'r.docx', '--force')).code, 0);
    assert.equal(statSync(join(dir, 'r.docx')).mode & 0o777, 0o640);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.startsWith('.')),
      [],
      'no temporary file',
    );
  }));

test('open errors: counted on stderr with a pointer to check; --strict exits 1 and writes nothing', () =>
  inDir(async (dir) => {
    const clean = await run(dir, 'export', 'clean.md', '--to', 'docx');
    assert.doesNotMatch(clean.err, /错误/);
    const r = await run(dir, 'export', 'errors.md', '--to', 'docx');
    assert.equal(r.code, 0);
    const n = Number(/草稿还有 (\d+) 个错误（用 xxgk-report check errors\.md 查看）/.exec(r.err)?.[1]);
    const check = await run(dir, 'check', 'errors.md');
    assert.equal(n, Number(/(\d+) 个错误/.exec(check.out)?.[1]), 'the same count as check');
    assert.ok(n > 0);
    const strict = await run(dir, 'export', 'errors.md', '--to', 'html', '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.err, /未导出（--strict）/);
    assert.equal(existsSync(join(dir, 'errors（导出）.html')), false);
    assert.equal((await run(dir, 'export', 'clean.md', '--to', 'html', '--strict')).code, 0);
    const en = await run(dir, 'export', 'errors.md', '--to', 'html', '--lang', 'en');
    assert.match(en.err, /The draft still has \d+ error\(s\) \(xxgk-report check errors\.md lists them\)/);
  }));

test('export of a Word file or a web page explains that it is imported first', () =>
  inDir(async (dir) => {
    writeFileSync(join(dir, 'last.docx'), 'PK');
    const r = await run(dir, 'export', 'last.docx', '--to', 'docx');
    assert.equal(r.code, 2);
    assert.match(r.err, /last\.docx 不是草稿：导出的对象是 Markdown 草稿。请先把它导入为草稿/);
    assert.match(r.err, /xxgk-report import last\.docx -o last\.md\n {2}xxgk-report export last\.md --to docx/);
    assert.equal((await run(dir, 'export', 'page.html', '--to', 'docx')).code, 2);
  }));

test('the export reads through the one reader: a FIFO, a missing file and a control character are refused', () =>
  inDir(async (dir) => {
    assert.match((await run(dir, 'export', 'missing.md', '--to', 'docx')).err, /找不到文件/);
    writeFileSync(join(dir, 'binary.md'), 'a\u0000b');
    assert.equal((await run(dir, 'export', 'binary.md', '--to', 'docx')).code, 2);
    if (spawnSync('mkfifo', [join(dir, 'pipe.md')]).status === 0) {
      const fifo = await run(dir, 'export', 'pipe.md', '--to', 'docx');
      assert.equal(fifo.code, 2);
      assert.match(fifo.err, /pipe\.md 不是普通文件/);
      // nor written to: a FIFO under -o is not a file to replace
      spawnSync('mkfifo', [join(dir, 'pipe.docx')]);
      const to = await run(dir, 'export', 'clean.md', '--to', 'docx', '-o', 'pipe.docx', '--force', '--replace-foreign');
      assert.equal(to.code, 2);
      assert.match(to.err, /不是普通文件/);
    }
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('导出')),
      [],
    );
  }));

test('the service: a dry run converts and writes nothing; the count is the editor’s errors; a refusal is a message', async () =>
  inDir(async (dir) => {
    const service = createReportService({
      config: new OptionsResolver({ locale: 'zh', warn: () => undefined }),
      logger: { log: () => undefined, warn: () => undefined },
    });
    const text = readFileSync(join(dir, 'errors.md'), 'utf8');
    const uri = pathToFileURL(join(dir, 'errors.md')).toString();
    const doc = { uri, version: 3, getText: () => text };
    const errors = service.getDiagnostics(doc).filter((d) => d.severity === 1).length;
    const plan = await service.exportDocument(doc, { uri, to: 'docx', dryRun: true });
    assert.ok(plan.ok);
    assert.deepEqual(
      { errors: plan.errors, state: plan.state, written: plan.written, version: plan.version },
      { errors, state: 'new', written: false, version: 3 },
    );
    assert.equal(plan.target, pathToFileURL(join(dir, 'errors（导出）.docx')).toString());
    assert.equal(existsSync(join(dir, 'errors（导出）.docx')), false);
    const done = await service.exportDocument(doc, { uri, to: 'docx' });
    assert.ok(done.ok && done.written);
    // the same call again: the target is ours now, and not replaced unless asked
    const again = await service.exportDocument(doc, { uri, to: 'docx' });
    assert.ok(!again.ok);
    assert.match(again.message.zh, /已存在（本工具上次导出的文件），未替换；可导出为 errors（导出2）\.docx/);
    const plan2 = await service.exportDocument(doc, { uri, to: 'docx', dryRun: true });
    assert.ok(plan2.ok && plan2.state === 'ours' && plan2.free === pathToFileURL(join(dir, 'errors（导出2）.docx')).toString());
    assert.ok((await service.exportDocument(doc, { uri, to: 'docx', replace: true })).ok);
    // a draft not saved yet: into the folder given
    const untitled = { uri: 'untitled:Untitled-1', version: 1, getText: () => text };
    assert.ok(!(await service.exportDocument(untitled, { uri: untitled.uri, to: 'html' })).ok);
    const u = await service.exportDocument(untitled, { uri: untitled.uri, to: 'html', directory: pathToFileURL(dir).toString() });
    assert.ok(u.ok && u.written && existsSync(join(dir, '年报（导出）.html')));
    // characters XML does not allow: taken out, with a warning
    const bad = { uri, version: 4, getText: () => text.replace('总体情况', '总体\uFFFF情况') };
    const w = await service.exportDocument(bad, { uri, to: 'docx', target: pathToFileURL(join(dir, 'bad.docx')).toString() });
    assert.ok(w.ok);
    assert.match(w.warnings[0].zh, /1 个 XML 不允许的字符（第一个是第 \d+ 行的 U\+FFFF），导出时已去掉/);
    assert.ok(!('base64' in w), 'the server writes; no bytes travel');
    assert.equal(lstatSync(join(dir, 'bad.docx')).isFile(), true);
  }));
