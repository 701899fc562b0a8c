// The tableGrid answer (service/table-grid.ts) and what the status bar makes of it (grid-view.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/index';
import { tableGridOf } from '../../server/src/service/table-grid';
import { cellAt, describeCell, tableViews, type GridStrings } from '../../client/src/grid-view';

const S: GridStrings = {
  tableName: { table2: '表二', table3: '表三', table4: '表四' },
  balance: '',
  resultTotal: '',
  rowTotal: '',
  blockTotal: '',
  newPlusCarried: '',
  totalPlusForward: '',
  itemsSum: '',
  resultTotalCell: '',
  applicantsSum: '',
  totalColumn: '',
  resultsSum: '',
};
const text = readFileSync(new URL('../vscode/workspace/wrong-total-2023.md', import.meta.url), 'utf8');
const lines = text.split('\n');

test('every figure of tables 二/三/四 with its range, and diagnostics only on the cells they concern', () => {
  const grid = tableGridOf(analyze(text), 'file:///r.md', 7);
  assert.equal(grid.version, 7);
  assert.deepEqual(
    grid.tables.map((t) => [t.id, t.rows.reduce((n, r) => n + r.cells.length, 0)]),
    [
      ['table2', 10],
      ['table3', 175],
      ['table4', 15],
    ],
  );
  const g1 = grid.tables[1].rows.find((r) => r.id === 'g1')!;
  const total = g1.cells.find((c) => c.column === 'total')!;
  assert.equal(total.text, '7');
  assert.equal(lines[total.range.start.line].slice(total.range.start.character, total.range.end.character), '7');
  assert.deepEqual(
    total.diagnostics.map((d) => d.code),
    ['row-total'],
  );
  const marked = grid.tables.flatMap((t) =>
    t.rows.flatMap((r) => r.cells.filter((c) => c.diagnostics.length).map((c) => `${r.id}/${c.column}`)),
  );
  assert.deepEqual(marked.sort(), ['g1/total', 'total/total'].sort());
  // the views carry the marks and the labels
  const views = tableViews(grid, S);
  const cell = views[1].body.flat().find((c) => c.key === 'table3/g1/total')!;
  assert.equal(cell.severity, 'error');
  assert.equal(cell.label, '表三 · 三、本年度办理结果 › （一）予以公开 · 总计');
});

test('the status bar names the cell under the cursor, and the row on a label', () => {
  const grid = tableGridOf(analyze(text), 'file:///r.md', 1);
  const l = lines.findIndex((x) => x.includes('3.危及“三安全一稳定”'));
  const at = (ch: number) => cellAt(grid, l, ch, lines[l]);
  const natural = lines[l].indexOf('|', lines[l].indexOf('稳定')) + 2;
  assert.deepEqual(describeCell(at(natural)!, S), {
    short: '表三 · 3.危及“三安全一稳定” · 自然人',
    full: '表三 · 三、本年度办理结果 › （三）不予公开 › 3.危及“三安全一稳定” · 自然人',
  });
  assert.equal(describeCell(at(lines[l].indexOf('稳定'))!, S).short, '表三 · 3.危及“三安全一稳定”');
  assert.equal(cellAt(grid, 0, 0, lines[0]), undefined);
  const t4 = lines.findIndex((x) => /^\| \d/.test(x) && x.split('|').length === 17);
  assert.equal(describeCell(cellAt(grid, t4, 2, lines[t4])!, S).full, '表四 · 行政复议 › 结果维持');
});
