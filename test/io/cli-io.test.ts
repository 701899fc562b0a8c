import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { IO_FIXTURES, FIXTURES, cellsOf } from './helpers';

function run(argv: string[], cwd: string) {
  return runCli(argv, cwd);
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-io-'));
  copyFileSync(join(IO_FIXTURES, 'seeds', '000_e17b216349f5dd62.txt'), join(dir, 'seed.txt'));
  copyFileSync(join(FIXTURES, 'seeds', 'seed-000.md'), join(dir, 'report.md'));
  copyFileSync(join(IO_FIXTURES, 'html', 'ueditor-chrome.html'), join(dir, 'page.html'));
  return dir;
}

test('import: one file to stdout; unmapped items on stderr and as a comment at the top', async () => {
  const dir = workdir();
  try {
    const r = await run(['import', 'seed.txt'], dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /^<!-- 导入提示/);
    assert.match(r.out, /^## 三、收到和处理政府信息公开申请情况$/m);
    assert.match(r.err, /未能对应到模板/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import -o never overwrites without --force; --out-dir for several files', async () => {
  const dir = workdir();
  try {
    assert.equal((await run(['import', 'seed.txt', '-o', 'draft.md'], dir)).code, 0);
    const first = readFileSync(join(dir, 'draft.md'), 'utf8');
    writeFileSync(join(dir, 'draft.md'), 'mine');
    const again = await run(['import', 'seed.txt', '-o', 'draft.md'], dir);
    assert.equal(again.code, 2);
    assert.match(again.err, /已存在，未覆盖/);
    assert.equal(readFileSync(join(dir, 'draft.md'), 'utf8'), 'mine');
    assert.equal((await run(['import', 'seed.txt', '-o', 'draft.md', '--force'], dir)).code, 0);
    assert.equal(readFileSync(join(dir, 'draft.md'), 'utf8'), first);
    assert.equal((await run(['import', 'seed.txt', 'page.html'], dir)).code, 2, 'several files need --out-dir');
    const many = await run(['import', 'seed.txt', 'page.html', '--out-dir', '.'], dir);
    assert.equal(many.code, 0, many.err);
    assert.ok(existsSync(join(dir, 'seed.md')) && existsSync(join(dir, 'page.md')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import refuses .doc/.wps with exit 2 and writes nothing (PDFs: test/io/pdf)', async () => {
  const dir = workdir();
  try {
    for (const name of ['old.doc', 'old.wps']) {
      writeFileSync(join(dir, name), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
      const r = await run(['import', name, '-o', 'out.md'], dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /请在 Word 或 WPS 中另存为 \.docx/);
      assert.equal(existsSync(join(dir, 'out.md')), false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export to docx and html; check reads the .docx directly and names table, row and column', async () => {
  const dir = workdir();
  try {
    const d = await run(['export', 'report.md', '--to', 'docx'], dir);
    assert.equal(d.code, 0, d.err);
    // A new name beside the draft (targets, marks and --force: export-cli.test.ts).
    assert.ok(existsSync(join(dir, 'report（导出）.docx')));
    assert.equal((await run(['export', 'report.md', '--to', 'html', '-o', 'web.html'], dir)).code, 0);
    const html = readFileSync(join(dir, 'web.html'), 'utf8');
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|\ssrc=|\shref=|@import|url\(/, 'self-contained: nothing remote, no script');
    assert.match(html, /rowspan="22"/);
    const c = await run(['check', 'report（导出）.docx'], dir);
    assert.equal(c.code, 1);
    assert.match(c.err, /已在内存中导入为草稿/);
    assert.match(c.out, /表三“（三）不予公开 1\.属于国家秘密”行“总计”列为空白/);
    const imported = await run(['import', 'report（导出）.docx'], dir);
    assert.deepEqual([...cellsOf(imported.out)].sort(), [...cellsOf(readFileSync(join(dir, 'report.md'), 'utf8'))].sort());
    assert.equal((await run(['export', 'report.md', '--to', 'pdf'], dir)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
