/**
 * Figures are read exactly as written (issue 12 item 6): no look-alike folded into a digit,
 * grouping commas only in groups of three, no rounding of long figures, and no safe fix ever
 * changes a figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyEdits, renderSkeleton, safeFixEdits } from '../../server/src/core/index';
import { foldFullWidth, readValue } from '../../server/src/core/cells';

const read = (t: string) => readValue({ raw: t, text: t, span: { start: 0, end: 0 } });
const skeleton = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');
const ROW = '| 规章 | 0 | 0 | 0 |';

/** The skeleton with one cell of table 二 (规章, 本年制发件数) holding `cell`. */
const withCell = (cell: string) => skeleton.replace(ROW, `| 规章 | ${cell} | 0 | 0 |`);
const cellOf = (text: string) => analyze(text).model.reports[0].table2!.rows.get('item1.rules')!.cells.get('issued')!;

test('superscripts and other look-alikes are not digits; full-width digits are', () => {
  for (const t of ['5²', '5¹', '5²件', '①', '5¹件', '٥']) assert.equal(read(t).kind, 'text', t);
  assert.equal(read('１２').value, 12);
  assert.equal(read('５８（件）').value, 58);
  const a = analyze(withCell('5²件'));
  assert.deepEqual(
    a.findings.filter((f) => f.code === 'cell-unit'),
    [],
  );
  assert.equal(a.findings.filter((f) => f.code === 'cell-not-number').length, 1);
});

test('grouping commas only in valid groups of three; ambiguous commas are not numbers and never rewritten', () => {
  assert.equal(read('1,234').value, 1234);
  assert.equal(read('1,234,567件').value, 1234567);
  assert.equal(read('1,234.5').value, 1234.5);
  for (const t of ['1,2', '12,5', '1,2件', '12,5件', '1,23', '1234,567', ',123', '1,,234']) {
    assert.equal(read(t).kind, 'text', t);
    const doc = withCell(t);
    const a = analyze(doc);
    assert.equal(a.findings.filter((f) => f.code === 'cell-not-number').length, 1, t);
    assert.equal(applyEdits(doc, safeFixEdits(a.findings)).includes(`| 规章 | ${t} |`), true, `${t} was rewritten`);
  }
});

test('figures beyond the exact range are reported, never rounded; 1000 digits is not Infinity', () => {
  assert.equal(read(String(Number.MAX_SAFE_INTEGER)).value, Number.MAX_SAFE_INTEGER);
  for (const t of ['9007199254740993', '1'.repeat(1000), '0.1234567890123456789', `${'9'.repeat(30)}件`]) {
    const v = read(t);
    assert.equal(v.kind, 'text', t.slice(0, 20));
    assert.equal(v.value, undefined);
    assert.equal(v.outOfRange, true);
  }
  const a = analyze(withCell('1'.repeat(1000)));
  const f = a.findings.filter((x) => x.code === 'cell-not-number');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /位数过多/);
  assert.ok(!a.findings.some((x) => /Infinity/.test(x.message)));
});

const digitsOf = (t: string) => foldFullWidth(t).replace(/[^0-9]/g, '');

test('property: applying all safe fixes never changes the figure or the digits of a cell', () => {
  const piece = fc.constantFrom(
    '0',
    '1',
    '2',
    '5',
    '9',
    '12',
    '58',
    '1234',
    '１',
    '２',
    '²',
    '¹',
    '³',
    '①',
    ',',
    ',',
    '.',
    '-',
    '+',
    ' ',
    '\u3000',
    '件',
    '个',
    '条',
    '万元',
    '元',
    '（',
    '）',
    '(',
    ')',
    '—',
    '/',
    '无',
    'a',
    '约',
    '余',
    '\\',
    '*',
    '**',
    '`',
  );
  let rewritten = 0;
  // Random pieces, and a figure followed by unit-like text (what the unit fix rewrites).
  const number = fc
    .array(fc.constantFrom('0', '1', '5', '12', '１', ',', '.', '²', '234'), { minLength: 1, maxLength: 4 })
    .map((xs) => xs.join(''));
  const cells = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 8 }).map((xs) => xs.join('')),
    fc.tuple(number, fc.constantFrom('件', '（件）', ' 个', '万元', '(条)', '')).map(([n, u]) => n + u),
  );
  fc.assert(
    fc.property(cells, (cell) => {
      const doc = withCell(cell);
      const before = cellOf(doc);
      const fixed = applyEdits(doc, safeFixEdits(analyze(doc).findings));
      const after = cellOf(fixed);
      if (after.raw === before.raw) return;
      rewritten++;
      assert.equal(after.value, before.value, `“${before.raw}” → “${after.raw}”`);
      assert.equal(digitsOf(after.raw), digitsOf(before.raw), `“${before.raw}” → “${after.raw}”`);
    }),
    { seed: 20261130, numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
  );
  assert.ok(rewritten >= 10, `only ${rewritten} cells were rewritten: the generator misses the fixes`);
});
