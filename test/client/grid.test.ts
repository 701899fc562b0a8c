// The tableGrid answer (service/table-grid.ts) and what the status bar makes of it (grid-view.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/core/index';
import { tableGridOf } from '../../server/src/service/table-grid';
import { cellAt, describeCell, openingCell, tableViews, type GridStrings } from '../../client/src/grid-view';

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

test('the grid opens on the cell under the cursor, the row’s first figure on a label, else the first empty figure', () => {
  const grid = tableGridOf(analyze(text), 'file:///r.md', 1);
  const views = tableViews(grid, S);
  const cursor = (needle: string, offset: (line: string) => number) => {
    const line = lines.findIndex((x) => x.includes(needle));
    return { line, character: offset(lines[line]), lineText: lines[line] };
  };
  const l = lines.findIndex((x) => x.includes('3.危及“三安全一稳定”'));
  const pipes = [...lines[l].matchAll(/\|/g)].map((m) => m.index);
  // In the 社会公益组织 figure (the sixth cell after the leading pipe).
  assert.equal(openingCell(grid, views, { line: l, character: pipes[6] + 2, lineText: lines[l] }), 'table3/g3.3/publicInterest');
  // On the row label: the row's first figure.
  assert.equal(
    openingCell(
      grid,
      views,
      cursor('3.危及', (x) => x.indexOf('危及')),
    ),
    'table3/g3.3/natural',
  );
  // Outside any table: the first empty figure, else (this report has none) the first figure of all.
  assert.equal(openingCell(grid, views, { line: 0, character: 0, lineText: lines[0] }), 'table2/item1.rules/issued');
  assert.equal(openingCell(grid, views, undefined, 'table3'), 'table3/new/natural');
  // A blank (or a placeholder such as —) is the first empty figure.
  const blanked = text.replace(/(\| （四）无法提供 \| 1\.本机关不掌握相关政府信息 \| \d+ \| )\d+/, '$1—');
  assert.notEqual(blanked, text);
  const g2 = tableGridOf(analyze(blanked), 'file:///r.md', 2);
  assert.equal(openingCell(g2, tableViews(g2, S), { line: 0, character: 0, lineText: lines[0] }), 'table3/g4.1/business');
  // The cursor on the header row of table 三: the first empty figure of that table.
  const header = lines.findIndex((x) => x.startsWith('| 申请人情况'));
  assert.equal(openingCell(g2, tableViews(g2, S), { line: header, character: 2, lineText: lines[header] }), 'table3/g4.1/business');
});

test('a failing check with one wrong cell marks that cell and points the sums line to it', () => {
  const grid = tableGridOf(analyze(text), 'file:///r.md', 1);
  const t3 = grid.tables.find((t) => t.id === 'table3')!;
  // The checks as the server gives them (core/arithmetic.ts): （一）予以公开's total 7 is the wrong cell.
  t3.checks = [
    {
      rule: 'row-total',
      key: 'g1',
      left: [],
      right: [],
      status: 'mismatch',
      leftSum: 7,
      rightSum: 6,
      suspect: { row: 'g1', column: 'total', value: 6 },
    },
    { rule: 'result-total', key: 'total', left: [], right: [], status: 'mismatch', suspect: { row: 'g1', column: 'total', value: 6 } },
    { rule: 'balance', key: 'total', left: [], right: [], status: 'ok' },
    // A failing check without a single wrong cell marks none.
    { rule: 'row-total', key: 'g2', left: [], right: [], status: 'mismatch' },
  ];
  const view = tableViews(grid, { ...S, rowTotal: '行合计', resultTotal: '（七）总计' })[1];
  const cells = view.body.flat().filter((c) => c.suspect);
  assert.deepEqual(
    cells.map((c) => c.key),
    ['table3/g1/total'],
  );
  assert.equal(cells[0].suspect!.value, 6);
  assert.equal(cells[0].suspect!.checks.length, 2);
  assert.match(cells[0].suspect!.checks.join(' '), /行合计（（一）予以公开）/);
  const lines3 = view.sums.flatMap((g) => g.lines);
  assert.deepEqual(lines3.find((x) => x.rule === 'row-total' && x.key === 'g1')!.suspect, {
    key: 'table3/g1/total',
    name: '（一）予以公开 · 总计',
    value: 6,
  });
  assert.equal(lines3.find((x) => x.rule === 'row-total' && x.key === 'g2')!.suspect, undefined);
  assert.equal(lines3.find((x) => x.rule === 'balance' && x.key === 'total')!.suspect, undefined);
});
