import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/findings';
import { displayWidth, formatEdits, reportTables, splitCells } from '../../server/src/core/format';
import { buildModel } from '../../server/src/core/model';
import { renderSkeleton } from '../../server/src/core/render';
import { generateReport } from '../helpers/draft';

const format = (text: string, opts = {}) => applyEdits(text, formatEdits(buildModel(text), opts));

/** Trimmed texts of every cell of the report tables, sorted (a multiset). */
function cellTexts(text: string): string[] {
  return reportTables(buildModel(text))
    .flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.raw)))
    .sort();
}

/** Lines that are not in a report table, with their numbers. */
function outsideTables(text: string): string[] {
  const doc = buildModel(text);
  const inside = new Set<number>();
  for (const t of reportTables(doc)) {
    const a = doc.lines.positionAt(t.span.start).line,
      b = doc.lines.positionAt(t.span.end).line;
    for (let l = a; l <= b; l++) inside.add(l);
  }
  return text
    .split('\n')
    .map((l, i) => (inside.has(i) ? '' : `${i}:${l}`))
    .filter(Boolean);
}

/** Display columns of the pipes of a line. */
function pipeColumns(line: string, wide = false): number[] {
  const out: number[] = [];
  const { regions } = splitCells(line);
  for (const r of regions) out.push(displayWidth(line.slice(0, r.end), wide));
  return out;
}

test('display width: CJK 2, ASCII 1, ambiguous quotes 1 or 2, combining marks 0', () => {
  assert.equal(displayWidth('自然人'), 6);
  assert.equal(displayWidth('abc 12'), 6);
  assert.equal(displayWidth('“三安全一稳定”'), 14);
  assert.equal(displayWidth('“三安全一稳定”', true), 16);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('（）'), 4);
});

test('formatting lines up the pipes of every report table by display width', () => {
  const text = generateReport({ seed: 7 });
  const out = format(text);
  assert.notEqual(out, text);
  const doc = buildModel(out);
  for (const t of reportTables(doc)) {
    const a = doc.lines.positionAt(t.span.start).line,
      b = doc.lines.positionAt(t.span.end).line;
    const lines = out.split('\n').slice(a, b + 1);
    const cols = lines.map((l) => pipeColumns(l));
    for (const c of cols) assert.deepEqual(c, cols[0], lines.join('\n'));
    assert.match(lines[1], /^\| :?-+:? \|/);
  }
  // Numbers are right-aligned in ---: columns.
  assert.match(out, /\| +81 \||\| +\d+ \|/);
  assert.deepEqual(cellTexts(out), cellTexts(text));
  assert.deepEqual(outsideTables(out), outsideTables(text));
  assert.equal(format(out), out);
});

test('the ambiguous-width option counts “ ” as 2', () => {
  const text = generateReport({ seed: 2 });
  const narrow = format(text),
    wide = format(text, { ambiguousWide: true });
  assert.notEqual(narrow, wide);
  const line = (s: string) => s.split('\n').find((l) => l.includes('3.危及“三安全一稳定”'))!;
  const header = (s: string) => s.split('\n').find((l) => l.startsWith('| 申请人情况'))!;
  assert.deepEqual(pipeColumns(line(wide), true), pipeColumns(header(wide), true));
  assert.deepEqual(pipeColumns(line(narrow)), pipeColumns(header(narrow)));
  assert.equal(format(wide, { ambiguousWide: true }), wide);
});

test('range formatting touches only the tables in the range; tables outside sections 二–四 stay', () => {
  const text = renderSkeleton({ agency: '某局', year: 2023 }).join('\n').replace('（文字描述）', '| x | y |\n|-|-|\n| 1 | 2 |');
  const doc = buildModel(text);
  const t4 = text.indexOf('| 行政复议');
  const edits = formatEdits(doc, { range: { start: t4, end: t4 + 3 } });
  assert.ok(edits.length > 0);
  assert.ok(edits.every((e) => e.start >= t4));
  assert.ok(format(text).includes('| x | y |\n|-|-|\n| 1 | 2 |'), 'a table in section 一 is not a report table');
  assert.deepEqual(formatEdits(buildModel('| a | b |\n|-|-|\n| 1 | 2 |\n')), [], 'not a report: nothing');
});

test('tables that do not split as the parser read them are left alone', () => {
  const base = renderSkeleton({ agency: '某局', year: 2023 }).join('\n');
  // Table 四 inside a block quote.
  const quoted = base.replace(/(\| 行政复议[^\n]*\n(?:\|[^\n]*\n)*)/, (m) =>
    m
      .split('\n')
      .map((l) => (l ? `> ${l}` : l))
      .join('\n'),
  );
  const edits = formatEdits(buildModel(quoted));
  const q = quoted.indexOf('> | 行政复议');
  assert.ok(q > 0);
  assert.ok(edits.every((e) => e.end < q || e.start > quoted.indexOf('\n\n', q)));
});

test('formatting keeps tables without outer pipes, escaped pipes and CRLF line ends', () => {
  const base = renderSkeleton({ agency: '某局', year: 2023 }).join('\n');
  const text = base.replace('| 行政许可 | 0 |', '行政许可 | 1\\|2').replace(/\n/g, '\r\n');
  const out = format(text);
  assert.match(out, /\| 行政许可 \| +1\\\|2 \|\r\n/);
  assert.ok(!/[^\r]\n/.test(out));
  assert.deepEqual(cellTexts(out), cellTexts(text));
  assert.equal(format(out), out);
});

test('real seed reports: formatting is idempotent and changes no cell and nothing outside tables', () => {
  const dir = join(__dirname, '..', 'fixtures', 'seeds');
  for (const f of readdirSync(dir).filter((n) => /^seed-\d+\.md$/.test(n))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const out = format(text);
    assert.equal(format(out), out, f);
    assert.deepEqual(cellTexts(out), cellTexts(text), f);
    assert.deepEqual(outsideTables(out), outsideTables(text), f);
  }
});

const CELL_CHARS = ['0', '7', '12', 'a', ' ', '中', '国', '“', '”', '（', '）', '\\|', '`', '*', '-', '—', '\u3000', 'é', '①'];
const cellArb = fc.array(fc.constantFrom(...CELL_CHARS), { maxLength: 6 }).map((xs) => xs.join(''));
const rowArb = (n: number) => fc.tuple(fc.array(cellArb, { minLength: n, maxLength: n }), fc.nat(3), fc.boolean(), fc.boolean());

function renderRow([cells, spaces, lead, trail]: [string[], number, boolean, boolean]): string {
  const s = ' '.repeat(spaces);
  return `${lead ? '|' : ''}${cells.map((c) => `${s}${c}${s}`).join('|')}${trail ? '|' : ''}`;
}

test('property: format twice = format once; cell texts and text outside tables unchanged', () => {
  const skeleton = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');
  const arb = fc.integer({ min: 2, max: 5 }).chain((n) =>
    fc.record({
      header: rowArb(n),
      delimiter: fc.array(fc.constantFrom('-', '---', ':--', '--:', ':-:', ' --- '), { minLength: n, maxLength: n }),
      body: fc.array(rowArb(n), { minLength: 1, maxLength: 4 }),
      ambiguousWide: fc.boolean(),
      crlf: fc.boolean(),
    }),
  );
  let changed = 0,
    runs = 0;
  fc.assert(
    fc.property(arb, ({ header, delimiter, body, ambiguousWide, crlf }) => {
      runs++;
      // A first cell that is not blank keeps every row a row (GFM needs the header to have text somewhere).
      header[0][0] = `h${header[0][0]}`;
      const table = [
        renderRow(header),
        `|${delimiter.join('|')}|`,
        ...body.map((r) => {
          r[0][0] = `r${r[0][0]}`;
          return renderRow(r);
        }),
      ].join('\n');
      let text = skeleton
        .replace('（文字描述，收取信息处理费情况在此处报告。）', '其他说明。')
        .replace(/(## 四、[^\n]*\n\n)/, `$1${table}\n\n`);
      if (crlf) text = text.replace(/\n/g, '\r\n');
      const once = format(text, { ambiguousWide });
      if (once.includes(`| h${header[0][0].slice(1)}`) && once !== text) changed++;
      assert.equal(format(once, { ambiguousWide }), once);
      assert.deepEqual(cellTexts(once), cellTexts(text));
      assert.deepEqual(outsideTables(once.replace(/\r\n/g, '\n')), outsideTables(text.replace(/\r\n/g, '\n')));
    }),
    // A fixed seed and a small count keep the unit suite fast; FORMAT_RUNS=2000 for a long run.
    { seed: Number(process.env.FUZZ_SEED ?? 20261130), numRuns: Number(process.env.FORMAT_RUNS ?? process.env.FUZZ_RUNS ?? 30) },
  );
  // Most generated tables are really reformatted (not skipped as unsafe).
  assert.ok(changed > runs / 2, `${changed} of ${runs} reformatted`);
});
