/**
 * Issue 22.10 (import side): the hostile files of issue 22 at their full sizes, imported by
 * the built CLI (dist/cli.js) in a child process. Each case asserts the exit code and message,
 * that no stack overflow or crash happened, and the peak RSS the operating system counted for
 * the process (getrusage maxRSS, read at exit) — under 1 GB. No case measures time.
 * Run by `npm run test:robustness` (after the build).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  colspanPage,
  deepPage,
  gridBeforeDocx,
  gridSpanDocx,
  longPage,
  longParagraphPage,
  longText,
  longOtherTable,
  longTextTable,
  lyingSizeDocx,
  numberedListDocx,
  rowspanPage,
  zip64ClaimDocx,
} from '../hostile-inputs';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const MB = 1024 * 1024;
const GB_KB = 1024 * 1024;

interface Run {
  code: number | null;
  err: string;
  outBytes: number;
  maxRssKb: number;
}

const dir = mkdtempSync(join(tmpdir(), 'xxgk-hostile-import-'));
const PRELOAD = join(dir, 'rss.cjs');
writeFileSync(
  PRELOAD,
  "process.on('exit', () => require('fs').writeSync(2, '\\nXXGK_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n",
);

function importIn(name: string, data: Uint8Array | string): Run {
  const file = join(dir, name);
  writeFileSync(file, data);
  const out = join(dir, `${name}.md`);
  rmSync(out, { force: true });
  const r = spawnSync(process.execPath, ['-r', PRELOAD, CLI, 'import', file, '-o', out], { encoding: 'utf8', maxBuffer: 64 * MB });
  rmSync(file, { force: true });
  const m = /XXGK_MAXRSS_KB=(\d+)/.exec(r.stderr);
  assert.ok(m, `no RSS report: ${r.stderr.slice(-500)}`);
  const outBytes = existsSync(out) ? statSync(out).size : 0;
  rmSync(out, { force: true });
  return { code: r.status, err: r.stderr, outBytes, maxRssKb: Number(m[1]) };
}

/** The common bounds: an answer (0 or 2), no crash, no stack overflow, under 1 GB. */
function bounded(r: Run, what: string): void {
  assert.ok(r.code === 0 || r.code === 2, `${what}: exit ${r.code}\n${r.err.slice(-800)}`);
  assert.doesNotMatch(r.err, /Maximum call stack|内部错误|heap out of memory|FATAL/, what);
  if (process.env.XXGK_SHOW_RSS) console.log(`${what}: ${Math.round(r.maxRssKb / 1024)} MB`);
  assert.ok(r.maxRssKb < GB_KB, `${what}: ${Math.round(r.maxRssKb / 1024)} MB`);
}

test.before(() => assert.ok(existsSync(CLI), 'dist/cli.js: run npm run build first'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('44 KB page of 1 000 cells of colspan 1000 over 1 000 rows: imported, output bounded', () => {
  const page = colspanPage();
  const r = importIn('colspan.html', page);
  bounded(r, 'colspan');
  assert.equal(r.code, 0, r.err);
  assert.ok(r.outBytes < 20 * page.length, `${r.outBytes} bytes of draft from ${page.length}`);
  bounded(importIn('rowspan.html', rowspanPage(2000)), 'rowspan');
});

test('2 KB Word files: 1 000 × gridSpan 1000, gridBefore 1000000000, roman lists from 10^12 and 1e400', () => {
  const wide = gridSpanDocx();
  assert.ok(wide.length < 10 * 1024);
  const r = importIn('gridspan.docx', wide);
  bounded(r, 'gridSpan');
  assert.equal(r.code, 0, r.err);
  for (const [name, data] of [
    ['gridbefore.docx', gridBeforeDocx(1000000000)],
    ['roman12.docx', numberedListDocx('1000000000000')],
    ['roman400.docx', numberedListDocx('1e400', 'lowerRoman')],
  ] as const) {
    const x = importIn(name, data);
    bounded(x, name);
    // No title or section in these: refused as holding no report, never an empty draft.
    assert.equal(x.code, 2);
    assert.match(x.err, /没有找到年度报告的内容/);
  }
});

test('zip64 record claiming 4 294 967 295 entries, and 16 MB declaring 1 000 bytes for 16 GB: refused', () => {
  const claim = importIn('claim.docx', zip64ClaimDocx());
  bounded(claim, 'zip64');
  assert.equal(claim.code, 2);
  assert.match(claim.err, /声称有 4294967295 个条目/);
  const bomb = lyingSizeDocx(16 * 1024 * MB);
  assert.ok(bomb.length < 20 * MB, `${bomb.length} bytes`);
  const lie = importIn('lie.docx', bomb);
  bounded(lie, '16 GB');
  assert.equal(lie.code, 2);
  assert.match(lie.err, /疑似压缩炸弹/);
});

test('49 MB of text, a 49 MB page, a 200 000-row table: no stack overflow, under 1 GB', () => {
  const text = importIn('long.txt', longText(49 * MB));
  bounded(text, '49 MB text');
  assert.equal(text.code, 0, text.err.slice(-500));
  const para = importIn('paragraph.html', longParagraphPage(49 * MB));
  bounded(para, '49 MB paragraph page');
  assert.equal(para.code, 0, para.err.slice(-500));
  const many = importIn('many.html', longPage(49 * MB));
  bounded(many, '49 MB page of paragraphs');
  assert.equal(many.code, 2);
  assert.match(many.err, /元素超过 30 万个/);
  const rows = importIn('rows.txt', longTextTable(200_000));
  bounded(rows, '200 000 rows');
  assert.equal(rows.code, 0, rows.err.slice(-500));
  const other = importIn('other.txt', longOtherTable(200_000));
  bounded(other, '200 000 rows of another table');
  assert.equal(other.code, 0, other.err.slice(-500));
});

test('a page nested 200 000 deep, and a FIFO: refused at once', () => {
  const deep = importIn('deep.html', deepPage(200_000));
  bounded(deep, 'deep');
  assert.equal(deep.code, 2);
  assert.match(deep.err, /嵌套超过 512 层/);
  const fifo = join(dir, 'pipe.docx');
  execFileSync('mkfifo', [fifo]);
  const r = spawnSync(process.execPath, [CLI, 'import', fifo], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /不是普通文件/);
});
