/**
 * Issue 22.1: what the readers build is bounded by what a file really holds, not by the numbers
 * it states. Each case asserts a count (grid cells made, output length) against the input's
 * bytes, or the refusal's message; none measures time. The full sizes (49 MB pages,
 * 200 000-row tables, RSS of the CLI) run in test/io/hostile/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellBudget, expandSpans, type GridDocument } from '../../server/src/core/grid/model';
import { readPlainText } from '../../server/src/core/grid/text';
import { ImportError, importFile as importNow, readDocx, readHtml } from '../../server/src/io/index';
import {
  colspanPage,
  deepPage,
  gridBeforeDocx,
  gridSpanDocx,
  lyingSizeDocx,
  manyEntriesZip,
  numberedListDocx,
  rowspanPage,
  zip64ClaimDocx,
} from './hostile-inputs';

/** The importer as a promise (a throw becomes a rejection). */
function importFile(data: Uint8Array, name: string) {
  return Promise.resolve().then(() => importNow(data, name));
}

/** Grid cells of every table of a read document. */
function cellsOf(doc: GridDocument): number {
  let n = 0;
  for (const b of doc.blocks) if (b.kind === 'table') for (const r of b.rows) n += r.length;
  return n;
}

/** The most cells a source of this many bytes may expand to. */
function bound(bytes: number): number {
  return CellBudget.FLOOR + CellBudget.PER_BYTE * bytes;
}

async function refusal(data: Uint8Array, name: string): Promise<string> {
  try {
    await importFile(data, name);
  } catch (e) {
    assert.ok(e instanceof ImportError, `expected an ImportError, got ${String(e)}`);
    return e.msg.zh;
  }
  assert.fail(`${name} was not refused`);
}

test('HTML: 1 000 cells of colspan 1000 over 1 000 rows make at most the budget of cells, text kept', async () => {
  const page = colspanPage();
  const doc = readHtml(page);
  assert.ok(cellsOf(doc) <= bound(page.length), `${cellsOf(doc)} cells from ${page.length} bytes`);
  const r = await importFile(Buffer.from(page), 'p.html');
  // Every x of the wide row is kept (as a table or as text), nothing invented.
  assert.equal((r.markdown.match(/x/g) ?? []).length, 1000);
  assert.ok(r.markdown.length < 20 * page.length);
});

test('HTML: rowspans beyond the table are clamped; every row pushed right stays within the budget', () => {
  const page = rowspanPage(2000);
  const doc = readHtml(page);
  assert.ok(cellsOf(doc) <= bound(page.length));
});

test('expandSpans: offsets and spans a file states cost no more than the budget; cells keep their order', () => {
  const budget = new CellBudget(0);
  const huge = expandSpans(
    [
      [
        { text: 'a', col: 1e9 },
        { text: 'b', colSpan: 1e6 },
      ],
      [{ text: 'c', rowSpan: 1e9 }],
    ],
    budget,
  );
  assert.ok(huge);
  assert.deepEqual(
    huge.map((r) => r.map((c) => c.text)),
    [
      ['a', 'b'],
      ['c', ''],
    ],
    'laid out without the spans: every cell kept, in order',
  );
  assert.ok(budget.remaining >= 0);
  // A real merged header keeps its spans.
  const header = expandSpans([
    [
      { text: '行政复议', colSpan: 5 },
      { text: '行政诉讼', colSpan: 10 },
    ],
    Array.from({ length: 15 }, (_, i) => ({ text: String(i) })),
  ]);
  assert.equal(header?.[0].length, 15);
  assert.equal(header?.[0][7].from, '行政诉讼');
  // Past the budget even without spans: undefined, and the reader keeps the rows as text.
  assert.equal(expandSpans([Array.from({ length: 10 }, () => ({ text: '1' })), [{ text: '2' }]], { remaining: 5 }), undefined);
});

test('Word: 1 000 cells of gridSpan 1000, and gridBefore 1000000000, stay within the budget', () => {
  const wide = gridSpanDocx();
  const doc = readDocx(wide);
  assert.ok(cellsOf(doc) <= bound(200_000), `${cellsOf(doc)} cells`);
  const offset = readDocx(gridBeforeDocx(1000000000, 50));
  assert.ok(cellsOf(offset) <= bound(10_000));
  const cells = offset.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.map((c) => c.text)) : []));
  assert.equal(cells.filter((t) => t === '1').length, 50, 'every cell kept');
});

test('Word: list counters from 10^12 or 1e400, in roman or Chinese, are written in digits or not at all', async () => {
  for (const start of ['1000000000000', '1e400', '-5', 'NaN']) {
    for (const fmt of ['upperRoman', 'lowerRoman', 'chineseCounting', 'ideographDigital', 'decimal']) {
      const data = numberedListDocx(start, fmt, 200);
      const r = await importFile(data, 'n.docx').catch((e: unknown) => e);
      if (r instanceof ImportError) continue; // no report found is a fine answer too
      assert.ok(!(r instanceof Error), String(r));
      const md = (r as { markdown: string }).markdown;
      assert.ok(md.length < 200 * 40, `${start} ${fmt}: ${md.length} characters`);
    }
  }
  // A numbering text repeated at each paragraph is cut to a few characters.
  const long = numberedListDocx('1', 'decimal', 200, '%1'.repeat(5000));
  const doc = readDocx(long);
  const longest = Math.max(...doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text.length : 0)));
  assert.ok(longest < 200, `a numbered paragraph of ${longest} characters`);
});

test('ZIP: a zip64 record claiming 4 294 967 295 entries is refused before any entry is read', async () => {
  assert.match(await refusal(zip64ClaimDocx(), 'z.docx'), /声称有 4294967295 个条目/);
  assert.match(await refusal(manyEntriesZip(10_001), 'many.docx'), /声称有 10002 个条目/);
  // A hundred entries is an ordinary package.
  const r = await importFile(manyEntriesZip(100), 'ok.docx').catch((e: unknown) => e);
  assert.ok(!(r instanceof ImportError) || !/条目/.test(r.msg.zh));
});

test('ZIP: a part that declares 1 000 bytes and inflates to 100 MB stops at the limit while inflating', async () => {
  assert.match(await refusal(lyingSizeDocx(100 * 1024 * 1024), 'bomb.docx'), /解压后过大.*疑似压缩炸弹/);
  // The same lie about a small part is harmless: the real bytes are read.
  const r = await importFile(lyingSizeDocx(4096), 'small.docx').catch((e: unknown) => e);
  assert.ok(!(r instanceof Error) || (r instanceof ImportError && !/压缩炸弹/.test(r.msg.zh)));
});

test('HTML nested 200 000 deep is refused while parsing (the parser slows with depth)', async () => {
  assert.match(await refusal(Buffer.from(deepPage(200_000)), 'deep.html'), /嵌套超过 512 层/);
  // Nesting that real pages have is read.
  const ok = readHtml(deepPage(200));
  assert.ok(ok.blocks.some((b) => b.kind === 'paragraph' && b.text === '一、总体情况'));
});

test('pasted text: a ragged run too wide to pad is kept as lines, not padded past the budget', () => {
  const text = `${Array.from({ length: 60_000 }, () => '1').join('\t')}\n${'2\t\n'.repeat(10_000)}`;
  const doc = readPlainText(text);
  assert.ok(cellsOf(doc) <= bound(text.length));
  assert.ok(doc.blocks.length > 1);
});

test('HTML: a text run longer than the parser token is read whole (entities, scripts and surrogate pairs intact)', () => {
  const sentence = '我镇落实条例&amp;制度，公开𠮷信息&lt;1&gt;。';
  const text = sentence.repeat(2000);
  const script = `<script>var s = "${'<p>x</p>'.repeat(1000)}";</script>`;
  const doc = readHtml(
    `<html><head><title>${'标题'.repeat(3000)}</title>${script}</head><body><p>一、总体情况</p><p>${text}</p>${script}</body></html>`,
  );
  const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b.kind === 'paragraph' ? b.text : ''));
  const expected = '我镇落实条例&制度，公开𠮷信息<1>。'.repeat(2000);
  assert.deepEqual(paragraphs, ['一、总体情况', expected]);
  assert.equal(doc.metaTitle, '标题'.repeat(3000));
});
