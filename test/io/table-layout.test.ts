import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandLayout, keepBodyRows, layoutValueCells, tableLayout } from '../../server/src/core/table-layout';
import { renderTable } from '../../server/src/core/render';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TableId } from '../../server/src/core/template';

const TABLES: TableId[] = ['table2', 'table3', 'table4'];

function texts(row: { text: string }[]): string[] {
  return row.map((c) => c.text);
}

test('every layout is a full rectangle: each grid position covered exactly once', () => {
  for (const t of TABLES)
    for (const locale of ['zh', 'en'] as const) {
      const l = tableLayout(t, locale);
      for (const rows of [l.headerRows, l.bodyRows]) {
        const seen = rows.map(() => Array(l.columnCount).fill(0));
        rows.forEach((row, r) => {
          let lastCol = -1;
          for (const c of row) {
            assert.ok(c.col > lastCol, `${t} cells in column order`);
            lastCol = c.col;
            for (let dr = 0; dr < c.rowSpan; dr++)
              for (let dc = 0; dc < c.colSpan; dc++) {
                assert.ok(r + dr < rows.length && c.col + dc < l.columnCount, `${t} span inside the table`);
                seen[r + dr][c.col + dc]++;
              }
          }
        });
        for (const line of seen) assert.deepEqual(line, Array(l.columnCount).fill(1), `${t} ${locale}`);
      }
    }
});

test('table 三: three-level header and merged row labels', () => {
  const l = tableLayout('table3');
  assert.equal(l.columnCount, 10);
  assert.equal(l.labelColumns, 3);
  const [h0, h1, h2] = l.headerRows;
  assert.deepEqual(
    h0.map((c) => [c.kind, c.rowSpan, c.colSpan]),
    [
      ['corner', 3, 3],
      ['column-header', 1, 7],
    ],
  );
  assert.equal(h0[1].text, '申请人情况');
  assert.deepEqual(
    h1.map((c) => [c.text, c.rowSpan, c.colSpan]),
    [
      ['自然人', 2, 1],
      ['法人或其他组织', 1, 5],
      ['总计', 2, 1],
    ],
  );
  assert.deepEqual(texts(h2), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
  assert.deepEqual(
    h2.map((c) => c.col),
    [4, 5, 6, 7, 8],
  );

  assert.equal(l.bodyRows.length, 25);
  const results = l.bodyRows[2][0];
  assert.deepEqual([results.text, results.rowSpan, results.colSpan], ['三、本年度办理结果', 22, 1]);
  const g3 = l.bodyRows[4].find((c) => c.text === '（三）不予公开')!;
  assert.deepEqual([g3.rowSpan, g3.col], [8, 1]);
  // A row inside the 不予公开 group starts with its item label: 1 label + 7 values.
  assert.deepEqual(
    l.bodyRows[5].map((c) => c.kind),
    ['row-label', ...Array(7).fill('value')],
  );
  assert.equal(l.bodyRows[5][0].text, '2.其他法律行政法规禁止公开');
  const first = l.bodyRows[0];
  assert.deepEqual([first[0].colSpan, first[0].text], [3, '一、本年新收政府信息公开申请数量']);
  const partly = l.bodyRows[3].find((c) => c.kind === 'row-label')!;
  assert.deepEqual([partly.col, partly.colSpan], [1, 2]);
  // Value cells in template order, keyed as render.ts keys them.
  const keys = layoutValueCells(l).map((c) => c.key);
  assert.deepEqual(
    keys,
    TABLE3_ROWS.flatMap((r) => TABLE3_COLUMNS.map((c) => `${r.id}.${c.id}`)),
  );
});

test('table 四: two-level header over 15 value columns', () => {
  const l = tableLayout('table4');
  const [h0, h1, h2] = l.headerRows;
  assert.deepEqual(
    h0.map((c) => [c.text, c.colSpan]),
    [
      ['行政复议', 5],
      ['行政诉讼', 10],
    ],
  );
  assert.deepEqual(
    h1.map((c) => [c.text, c.rowSpan, c.colSpan]),
    [
      ['结果维持', 2, 1],
      ['结果纠正', 2, 1],
      ['其他结果', 2, 1],
      ['尚未审结', 2, 1],
      ['总计', 2, 1],
      ['未经复议直接起诉', 1, 5],
      ['复议后起诉', 1, 5],
    ],
  );
  assert.equal(h2.length, 10);
  assert.deepEqual(
    layoutValueCells(l).map((c) => c.columnId),
    TABLE4_COLUMNS.map((c) => c.id),
  );
});

test('table 二: four blocks, single-column blocks stretch to the right edge', () => {
  const l = tableLayout('table2');
  assert.equal(l.columnCount, 4);
  assert.equal(l.headerRows.length, 0);
  const blocks = l.bodyRows.filter((r) => r[0].kind === 'block-label').map((r) => r[0].text);
  assert.deepEqual(
    blocks,
    TABLE2_BLOCKS.map((b) => b.label),
  );
  const fee = l.bodyRows.at(-1)!;
  assert.deepEqual(
    fee.map((c) => [c.text || c.key, c.colSpan]),
    [
      ['行政事业性收费', 1],
      ['item8.fees.feeAmount', 3],
    ],
  );
  assert.equal(fee[1].decimal, true);
});

test('value keys are the keys render.ts fills', () => {
  for (const t of TABLES) {
    const keys: string[] = [];
    renderTable(t, { value: (k) => (keys.push(k), '0') });
    assert.deepEqual(
      layoutValueCells(tableLayout(t)).map((c) => c.key),
      keys,
      t,
    );
  }
});

test('English labels and frozen, shared results', () => {
  const l = tableLayout('table3', 'en');
  assert.equal(l.headerRows[1][0].text, 'natural persons');
  assert.ok(
    !/[\u4e00-\u9fff]/.test(
      l.bodyRows
        .flat()
        .map((c) => c.text)
        .join(''),
    ),
    'no Chinese left in English labels',
  );
  assert.equal(tableLayout('table3', 'en'), l);
  assert.throws(() => {
    (l.bodyRows[0][0] as { text: string }).text = 'x';
  });
});

test('expandLayout fills every position and marks origins', () => {
  const l = tableLayout('table3');
  const g = expandLayout(l.headerRows, l.columnCount);
  assert.equal(g[2][3].cell.text, '自然人');
  assert.equal(g[2][3].origin, false);
  assert.equal(g[1][8].cell.text, '法人或其他组织');
  assert.equal(g[2][0].cell.kind, 'corner');
});

test('keepBodyRows: rows a draft lacks are left out and merged labels shrink over the rest', () => {
  const l = keepBodyRows(tableLayout('table3'), (id) => !['g3.2', 'g3.3', 'forward', 'total'].includes(id));
  assert.equal(l.bodyRows.length, 21);
  const results = l.bodyRows[2][0];
  assert.deepEqual([results.text, results.rowSpan], ['三、本年度办理结果', 19]);
  assert.equal(l.bodyRows[4].find((c) => c.text === '（三）不予公开')!.rowSpan, 6);
  const grid = expandLayout(l.bodyRows, l.columnCount);
  assert.ok(grid.every((row) => row.length === 10));
  const t2 = keepBodyRows(tableLayout('table2'), (id) => id.startsWith('item1.'));
  assert.deepEqual(
    t2.bodyRows.map((r) => r[0].text),
    ['第二十条第（一）项', '信息内容', '规章', '行政规范性文件'],
  );
  assert.equal(
    keepBodyRows(tableLayout('table4'), () => true),
    tableLayout('table4'),
  );
});
