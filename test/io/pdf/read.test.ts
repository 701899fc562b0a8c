/**
 * The PDF reader end to end through pdf.js, on PDFs written in code (make-pdf.ts): Chinese text
 * by a predefined CMap, a table from stroked lines, a scan, fonts without a Unicode mapping,
 * hostile files (a page count claimed, a million operators, forms nested deep), and the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, importFile, readPdfWithNotes } from '../../../server/src/io/index';
import { isOperatorLimitAbort } from '../../../server/src/io/pdf/extract';
import { PDF_LIMITS } from '../../../server/src/io/pdf/limits';
import { main } from '../../../server/src/cli';
import { cellsOf } from '../helpers';
import { gridLines, makePdf, type PdfText } from './make-pdf';

const refused = async (bytes: Uint8Array, pattern: RegExp) =>
  assert.rejects(
    () => importFile(bytes, 'x.pdf'),
    (e: unknown) => e instanceof ImportError && pattern.test(e.msg.zh) && !!e.msg.en,
  );

/** Table 四 as a one-page PDF: two header rows with merged groups, one row of 15 figures. */
function table4Pdf(figures: string[]): Uint8Array {
  const xs = [40, ...Array.from({ length: 15 }, (_, i) => 70 + i * 33)];
  const ys = [200, 230, 260, 290];
  const texts: PdfText[] = [
    { x: 40, y: 60, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 },
    { x: 72, y: 120, text: '四、政府信息公开行政复议、行政诉讼情况', size: 14 },
    { x: 45, y: 220, text: '行政复议', size: 7 },
    { x: 250, y: 220, text: '行政诉讼', size: 7 },
    { x: 200, y: 250, text: '未经复议直接起诉', size: 7 },
    { x: 400, y: 250, text: '复议后起诉', size: 7 },
  ];
  const heads = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  for (let c = 0; c < 15; c++) texts.push({ x: xs[c] + 2, y: 280, text: heads[c % 5], size: 6 });
  figures.forEach((f, c) => texts.push({ x: xs[c] + 8, y: 310, text: f, size: 9 }));
  const lines = gridLines(
    [...xs, 565],
    [...ys, 320],
    [
      { r0: 0, c0: 0, r1: 2, c1: 5 },
      { r0: 0, c0: 5, r1: 1, c1: 15 },
      { r0: 1, c0: 5, r1: 2, c1: 10 },
      { r0: 1, c0: 10, r1: 2, c1: 15 },
    ],
  );
  return makePdf([{ texts, lines }]);
}

test('a PDF written with a Chinese font by a predefined CMap (not embedded, no ToUnicode) reads right', async () => {
  const r = await readPdfWithNotes(
    makePdf([
      {
        texts: [
          { x: 72, y: 80, text: '安乐镇人民政府2023年政府信息公开工作年度报告', size: 18 },
          { x: 100, y: 130, text: '一、总体情况', size: 16 },
          { x: 100, y: 160, text: '本机关全年主动公开政府信息35条。', size: 16 },
        ],
      },
    ]),
  );
  assert.deepEqual(
    r.doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')),
    ['安乐镇人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本机关全年主动公开政府信息35条。'],
  );
  assert.deepEqual(r.notes, []);
});

test('table 四 from stroked lines: merged headers, every figure in its column', async () => {
  const figures = Array.from({ length: 15 }, (_, i) => String(i * 3 + 1));
  const r = await importFile(table4Pdf(figures), 'r.pdf');
  assert.equal(r.kind, 'pdf');
  assert.deepEqual(r.tables, ['table4']);
  const cells = cellsOf(r.markdown);
  const got = [...cells.entries()].filter(([k]) => k.startsWith('table4.')).map(([, v]) => v);
  assert.deepEqual(got, figures);
});

test('a scan (pages that are pictures, no text layer) is refused with a clear word, nothing imported', async () => {
  await refused(makePdf([{ image: true }, { image: true }]), /扫描件（图片），没有可读取的文字/);
});

test('a page without text among text pages is named in the notes', async () => {
  const r = await importFile(
    makePdf([{ texts: [{ x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 }] }, { image: true }]),
    'r.pdf',
  );
  assert.ok(r.unmapped.some((u) => u.text === '第2页' && /没有文字层/.test(u.message.zh)));
  assert.match(r.markdown, /^<!-- 导入提示：[\s\S]*第2页/);
});

test('text that cannot be mapped to Unicode: named by page, no mojibake; all of it unmappable is refused', async () => {
  const r = await importFile(
    makePdf([
      {
        texts: [
          { x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 },
          { x: 72, y: 120, text: 'ЖЗИЙКЛМН', font: 'identity' },
          { x: 72, y: 150, text: 'ABCDEF', font: 'pua' },
        ],
      },
    ]),
    'r.pdf',
  );
  assert.equal(/[\u0400-\u04ff\ue000-\uf8ff]/.test(r.markdown.replace(/<!--[\s\S]*?-->/, '')), false, r.markdown);
  assert.ok(r.unmapped.some((u) => u.text === '第1页' && /ToUnicode/.test(u.message.zh)));
  await refused(makePdf([{ texts: [{ x: 72, y: 120, text: 'ЖЗИЙКЛМН', font: 'identity' }] }]), /无法转换/);
});

test('hostile: a page count claimed is not trusted; more pages than the limit are refused', async () => {
  // The page tree says a million pages and holds one: one page is read.
  const claimed = await readPdfWithNotes(makePdf([{ texts: [{ x: 72, y: 80, text: 'Report 2023' }] }], { claimPages: 1_000_000 }));
  assert.deepEqual(
    claimed.doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')),
    ['Report 2023'],
  );
  const three = makePdf([1, 2, 3].map((n) => ({ texts: [{ x: 72, y: 80, text: `page ${n}` }] })));
  await assert.rejects(
    () => readPdfWithNotes(three, { ...PDF_LIMITS, maxPages: 2 }),
    (e: unknown) => e instanceof ImportError && /超过上限 2 页/.test(e.msg.zh),
  );
});

test('hostile: a compressed page of more operators than the limit is cut there, the other pages read; the process lives on', () => {
  // At a lowered limit, in a child process (see operator-limit-child.ts); the million operators
  // at the real one: test/io/hostile/pdf.test.ts.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'operator-limit-child.ts')], {
    cwd: join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `the reading process ended with ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as {
    title: string;
    limited: { text: string; message: { zh: string } }[][];
    whole: { text: string; message: { zh: string } }[];
  };
  assert.match(out.title, /年度报告/);
  for (const notes of out.limited)
    assert.ok(
      notes.some((n) => n.text === '第2页' && /上限/.test(n.message.zh)),
      JSON.stringify(notes),
    );
  assert.ok(!out.whole.some((n) => n.text === '第2页' && /上限/.test(n.message.zh)), 'under the real limit the page is read whole');
});

test('only pdf.js’s abort of a list stopped at the limit is taken as harmless', () => {
  assert.ok(isOperatorLimitAbort(Object.assign(new Error('xxgk-report: operator limit'), { name: 'AbortException' })));
  assert.ok(!isOperatorLimitAbort(Object.assign(new Error('operator limit'), { name: 'AbortException' })), 'only our own reason');
  assert.ok(!isOperatorLimitAbort(new Error('xxgk-report: operator limit')), 'only pdf.js’s AbortException');
});

test('hostile: more text runs on a page than the limit: the first ones read, the page named', async () => {
  const texts = Array.from({ length: 60 }, (_, i) => ({ x: 72, y: 60 + i * 12, text: `line ${i}`, size: 9 }));
  const r = await readPdfWithNotes(makePdf([{ texts }]), { ...PDF_LIMITS, maxRunsPerPage: 25 });
  const text = r.doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join(' ');
  assert.match(text, /line 0\b/);
  assert.doesNotMatch(text, /line 59/);
  assert.ok(
    r.notes.some((n) => n.text === '第1页' && /超过读取上限/.test(n.message.zh)),
    JSON.stringify(r.notes),
  );
});

test('hostile: form XObjects nested deep stay within bounds (read or refused, never a crash)', async () => {
  const bytes = makePdf([{ texts: [{ x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 }], nestedForms: 200 }]);
  const r = await readPdfWithNotes(bytes);
  assert.match((r.doc.blocks[0] as { text: string }).text, /年度报告/);
});

test('corrupt and truncated PDFs are refused with a clear word', async () => {
  await refused(new TextEncoder().encode('%PDF-1.7\n'), /损坏/);
  const good = table4Pdf(Array.from({ length: 15 }, () => '0'));
  for (const cut of [10, 100, 400]) {
    try {
      await importFile(good.subarray(0, cut), 'x.pdf');
    } catch (e) {
      assert.ok(e instanceof ImportError, String(e));
    }
  }
});

test('CLI: import x.pdf writes the draft; check x.pdf checks it; a scan exits 2 with the message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdf-'));
  const out: string[] = [];
  const err: string[] = [];
  const cli = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    writeFileSync('r.pdf', table4Pdf(Array.from({ length: 15 }, (_, i) => String(i))));
    writeFileSync('scan.pdf', makePdf([{ image: true }]));
    assert.equal(await main(['import', 'r.pdf', '-o', 'r.md'], cli), 0, err.join(''));
    assert.ok(existsSync('r.md'));
    err.length = 0;
    const code = await main(['check', 'r.pdf'], cli);
    assert.equal(code, 1, 'the one-table report has errors (missing sections)');
    assert.match(err.join(''), /r\.pdf 已在内存中导入为草稿后检查/);
    assert.match(out.join(''), /section-missing/);
    err.length = 0;
    assert.equal(await main(['import', 'scan.pdf', '-o', 'scan.md'], cli), 2);
    assert.match(err.join(''), /scan\.pdf：这是扫描件（图片），没有可读取的文字/);
    assert.equal(existsSync('scan.md'), false);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundles: dist/ alone (no node_modules) imports a PDF; pdf.js loads on the first PDF only', () => {
  const DIST = join(__dirname, '..', '..', '..', 'dist');
  assert.ok(existsSync(join(DIST, 'pdfjs.js')), 'npm run build first (npm run test:unit does)');
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-pdf-dist-'));
  try {
    cpSync(DIST, join(dir, 'dist'), { recursive: true });
    writeFileSync(
      join(dir, 'r.pdf'),
      makePdf([{ texts: [{ x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 }] }]),
    );
    const r = spawnSync(process.execPath, [join(dir, 'dist', 'cli.js'), 'import', 'r.pdf'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '# 某县人民政府2023年政府信息公开工作年度报告\n');
    assert.equal(r.stderr, '', 'no warnings from pdf.js');
    // Loading the io bundle (as the server and the CLI do for Word files) does not load pdf.js.
    const loaded = spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(dir, 'dist', 'io.js'))}); console.log(Object.keys(require.cache).map((f) => f.split(/[\\\\/]/).pop()).join(' '))`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(loaded.stdout.trim(), 'io.js');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
