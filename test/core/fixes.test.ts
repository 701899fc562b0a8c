/** Fixes are text edits: each quick fix yields the expected text; fix-all twice equals once. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, safeFixEdits } from '../../server/src/core/index';
import { applyFix, findingsOf, fixture, lineOf, replaceLine } from './util';

function fixAll(text: string): string {
  return applyEdits(text, safeFixEdits(analyze(text).findings));
}

test('fix all on seed 001: bare numbers, canonical section headings; twice equals once', () => {
  const text = fixture('seeds/seed-001.md');
  const once = fixAll(text);
  assert.equal(fixAll(once), once);
  const lines = once.split('\n');
  assert.equal(lines[49].includes('| 58 |'), true, lines[49]);
  assert.equal(lines[96], '## 四、政府信息公开行政复议、行政诉讼情况');
  assert.equal(lines[104].trim(), '## 五、存在的主要问题及改进情况');
  const after = analyze(once);
  assert.deepEqual(
    after.findings.filter((f) => ['cell-unit', 'section-title', 'section-not-heading'].includes(f.code)),
    [],
  );
  // Nothing else changed: only the lines that carried the problems differ.
  const before = text.split('\n');
  const changed = before.map((l, i) => (l === lines[i] ? -1 : i + 1)).filter((i) => i > 0);
  assert.deepEqual(changed, [50, 56, 57, 97, 105]);
});

test('fix all never applies value fixes (blank cells stay blank)', () => {
  const text = fixture('seeds/seed-000.md');
  const once = fixAll(text);
  const a = analyze(once);
  // 14 blank cells: seven rows with one blank each, one row with seven (one finding a row).
  const empty = findingsOf(a, 'cell-empty');
  assert.equal(empty.length, 8);
  assert.equal(empty.flatMap((f) => f.fixes![0].edits).length, 14);
  assert.equal(findingsOf(a, 'row-label').length, 0);
  assert.match(once, /\| {2}\| （七）总计 \|/);
});

test('seed 000: filling the blanks with 0 reveals result-total; no single figure fixes it, so no value fix', () => {
  let text = fixture('seeds/seed-000.md');
  let a = analyze(text);
  // The table-wide fix of cell-empty: every still-blank cell of table 三 becomes 0.
  const fill = findingsOf(a, 'cell-empty')[0].fixes!.find((f) => /本表/.test(f.title))!;
  assert.equal(fill.kind, 'value');
  assert.equal(fill.edits.length, 14);
  text = applyEdits(text, fill.edits);
  a = analyze(text);
  assert.deepEqual(findingsOf(a, 'cell-empty'), []);
  const totals = findingsOf(a, 'result-total');
  assert.deepEqual(
    totals.map((f) => lineOf(a, f)),
    [88, 88],
  );
  assert.match(totals[0].message, /“自然人”列：（七）总计为1，但各项办理结果之和为0，相差1/);
  assert.match(totals[1].message, /“总计”列/);
  assert.equal(text.slice(totals[0].span.start, totals[0].span.end), '1');
  assert.ok(totals[0].related && totals[0].related.length >= 1);
  assert.deepEqual(findingsOf(a, 'balance'), []);
  // Setting （七） to 0 would break the balance, an item row to 1 its row total: no single
  // cell satisfies every check, so no value fix is offered and the message says why.
  for (const t of totals) {
    assert.equal(t.fixes, undefined);
    assert.match(t.message, /没有哪一个数字单独改动/);
  }
});

test('one wrong cell breaking a row total, a column total and the balance: one fix, naming the checks', () => {
  const clean = fixture('clean/town-2024.md');
  const t3 = analyze(clean).model.reports[0].table3!;
  // An answer written one too high: （一）予以公开, 自然人.
  const cell = t3.rows.get('g1')!.cells.get('natural')!;
  const text = clean.slice(0, cell.span.start) + String(Number(cell.raw) + 1) + clean.slice(cell.span.end);
  const a = analyze(text);
  const failing = a.findings.filter((f) => ['row-total', 'result-total', 'balance'].includes(f.code));
  assert.deepEqual(failing.map((f) => f.code).sort(), ['result-total', 'row-total']);
  const fixes = failing.flatMap((f) => f.fixes ?? []);
  assert.ok(fixes.length >= 1);
  // Every finding offers the same single fix: the cell itself, back to its value.
  for (const f of fixes) {
    assert.equal(f.kind, 'value');
    assert.deepEqual(f.edits, [{ start: cell.span.start, end: cell.span.start + String(Number(cell.raw) + 1).length, newText: cell.raw }]);
    assert.match(f.title, /（一）予以公开.*自然人.*合计.*（七）总计/);
  }
  assert.equal(applyEdits(text, fixes[0].edits), clean);
});

test('the same fix is not offered twice for one cell', () => {
  const clean = fixture('clean/town-2024.md');
  const t3 = analyze(clean).model.reports[0].table3!;
  // （七）总计, 总计 column: breaks its row total and the column's result total, one cell.
  const cell = t3.rows.get('total')!.cells.get('total')!;
  const text = clean.slice(0, cell.span.start) + String(Number(cell.raw) + 2) + clean.slice(cell.span.end);
  const a = analyze(text);
  const here = a.findings.filter((f) => f.span.start === cell.span.start);
  assert.ok(here.length >= 2, here.map((f) => f.code).join());
  const titles = here.flatMap((f) => f.fixes ?? []).map((f) => JSON.stringify(f.edits));
  assert.equal(titles.length, new Set(titles).size);
  assert.equal(titles.length, 1);
});

test('row-total and review-total: figures in the message, the fix sets the sum', () => {
  const clean = fixture('clean/town-2024.md');
  const a0 = analyze(clean);
  const t3 = a0.model.reports[0].table3!;
  const newRow = t3.rows.get('new')!;
  const total = newRow.cells.get('total')!;
  const wrong = Number(total.raw) + 5;
  const text = clean.slice(0, total.span.start) + String(wrong) + clean.slice(total.span.end);
  const a = analyze(text);
  const rt = findingsOf(a, 'row-total');
  assert.equal(rt.length, 1);
  assert.match(rt[0].message, new RegExp(`“总计”为${wrong}，但六类申请人之和为.*=${total.raw}，相差5`));
  // The same cell also breaks the balance of the 总计 column: both are reported, each with its own figures.
  assert.ok(findingsOf(a, 'balance').some((f) => /“总计”列/.test(f.message)));
  const fixed = applyFix(text, rt[0]);
  assert.equal(fixed.text, clean);
  assert.deepEqual(
    fixed.analysis.findings.filter((f) => f.severity === 'error'),
    [],
  );

  const t4 = a0.model.reports[0].table4!.rows.get('data')!;
  const rv = t4.cells.get('review.total')!;
  const text4 = clean.slice(0, rv.span.start) + '9' + clean.slice(rv.span.end);
  const a4 = analyze(text4);
  const f4 = findingsOf(a4, 'review-total');
  assert.equal(f4.length, 1);
  assert.match(f4[0].message, /表四“行政复议”：总计为9/);
  assert.equal(applyFix(text4, f4[0]).text, clean);
});

test('section-missing fix inserts the heading and the template table at its place', () => {
  const text = fixture('seeds/seed-003.md');
  const a = analyze(text);
  const f = findingsOf(a, 'section-missing')[0];
  const { text: next, analysis } = applyFix(text, f);
  assert.deepEqual(findingsOf(analysis, 'section-missing'), []);
  assert.deepEqual(findingsOf(analysis, 'table-missing'), []);
  const r = analysis.model.reports[0];
  assert.deepEqual(
    r.sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  assert.equal(r.table4?.columns.length, 15);
  assert.ok(next.indexOf('## 四、政府信息公开行政复议、行政诉讼情况') < next.indexOf('五、存在的主要问题及改进情况'));
});

test('table-outdated fix: the 2021 table, figures of the same meaning only, the old table kept in a comment', () => {
  const text = fixture('seeds/seed-003.md');
  const a = analyze(text);
  const f = findingsOf(a, 'table-outdated')[0];
  assert.equal(f.fixes?.[0].kind, 'value');
  const { text: next, analysis } = applyFix(text, f);
  assert.deepEqual(findingsOf(analysis, 'table-outdated'), []);
  const t2 = analysis.model.reports[0].table2!;
  assert.equal(t2.rows.size, 6);
  // 处理决定数量 → 本年处理决定数量 keeps its figure; 本年新制作数量 has no 2021 twin and stays blank.
  assert.equal(t2.rows.get('item6.penalty')!.cells.get('decisions')!.raw, '0');
  assert.equal(t2.rows.get('item1.rules')!.cells.get('issued')!.kind, 'blank');
  assert.ok(next.includes('<!-- 2019年格式的原表'));
  assert.ok(next.includes('本年新 制作数量') || next.includes('本年新制作数量'));
  // Every figure of the old table survives in the text.
  assert.ok(next.includes('| 22 |') || /22/.test(next.slice(next.indexOf('<!-- 2019'))));
});

test('row-missing fix inserts the row where it belongs', () => {
  const clean = fixture('clean/town-2024.md');
  const lines = clean.split('\n');
  const idx = lines.findIndex((l) => l.includes('2.重复申请'));
  const removed = lines[idx];
  const text = [...lines.slice(0, idx), ...lines.slice(idx + 1)].join('\n');
  const a = analyze(text);
  const f = findingsOf(a, 'row-missing');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /（五）不予处理 2\.重复申请/);
  const { text: next, analysis } = applyFix(text, f[0]);
  assert.deepEqual(findingsOf(analysis, 'row-missing'), []);
  assert.equal(next.split('\n')[idx].includes('2.重复申请'), true);
  assert.ok(removed.includes('2.重复申请'));
  // The inserted row has blank cells: the user must enter the figures (one finding for the row).
  const empty = findingsOf(analysis, 'cell-empty');
  assert.equal(empty.length, 1);
  assert.equal(empty[0].related?.length, 7);
  assert.match(empty[0].message, /2\.重复申请”行没有填数字：请填写数字，没有的填 0/);
});

test('section-not-heading and section-title fixes touch only the title line', () => {
  const text = fixture('clean/town-2024.md');
  const line = text.split('\n').findIndex((l) => l.startsWith('## 五、')) + 1;
  const variant = replaceLine(text, line, () => '**5. 存在的主要问题及改进措施**');
  const a = analyze(variant);
  assert.equal(findingsOf(a, 'section-not-heading').length, 1);
  assert.equal(findingsOf(a, 'section-title').length, 1);
  const once = applyEdits(variant, safeFixEdits(a.findings));
  assert.equal(once, text);
});

test('a table pasted as tab-separated text: table-missing offers to convert it', () => {
  const seed = fixture('seeds/seed-000.txt');
  // The published text of seed 000 under a Markdown title: its tables are tab-separated.
  const text = `# 安乐镇人民政府2023年政府信息公开工作年度报告\n${seed.replace(/^(一|二|三|四|五|六)、/gm, '## $1、')}`;
  const a = analyze(text);
  const missing = findingsOf(a, 'table-missing');
  const t4 = missing.find((f) => /表四/.test(f.message))!;
  assert.match(t4.message, /粘贴/);
  assert.doesNotMatch(t4.message, /制表符|Markdown/);
  assert.match(t4.fixes![0].title, /转换成表格/);
  const { analysis } = applyFix(text, t4);
  const table4 = analysis.model.reports[0].table4!;
  assert.equal(table4.columns.length, 15);
  assert.equal(table4.rows.get('data')!.cells.size, 15);
  assert.equal(findingsOf(analysis, 'table-missing').filter((f) => /表四/.test(f.message)).length, 0);
});

test('a whole block of table 二 missing: the fix inserts it blank, between its neighbours', () => {
  const clean = fixture('clean/town-2024.md');
  const start = clean.indexOf('**第二十条第（六）项**');
  const end = clean.indexOf('**第二十条第（八）项**');
  const text = clean.slice(0, start) + clean.slice(end);
  const a = analyze(text);
  const f = findingsOf(a, 'row-missing');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /第二十条第（六）项/);
  const { text: next, analysis } = applyFix(text, f[0]);
  assert.deepEqual(findingsOf(analysis, 'row-missing'), []);
  assert.ok(next.indexOf('第二十条第（五）项') < next.indexOf('第二十条第（六）项'));
  assert.ok(next.indexOf('第二十条第（六）项') < next.indexOf('第二十条第（八）项'));
  assert.equal(analysis.model.reports[0].table2!.rows.size, 6);
  // Blank, so the user enters the real figures.
  assert.equal(findingsOf(analysis, 'cell-empty').length, 2);
});

test('re-inserting the first row of a group restores the group labels it carried', () => {
  const clean = fixture('clean/town-2024.md');
  const lines = clean.split('\n');
  const idx = lines.findIndex((l) => l.includes('（一）予以公开'));
  assert.ok(lines[idx].includes('三、本年度办理结果'));
  const text = [...lines.slice(0, idx), ...lines.slice(idx + 1)].join('\n');
  const f = findingsOf(analyze(text), 'row-missing');
  assert.equal(f.length, 1);
  const { text: next } = applyFix(text, f[0]);
  const inserted = next.split('\n')[idx];
  assert.match(inserted, /^\| 三、本年度办理结果 \| （一）予以公开 \|/);
});

test('an inserted blank table 四 asks for its 15 figures, not for a data row', () => {
  const text = fixture('seeds/seed-003.md');
  const f = findingsOf(analyze(text), 'section-missing')[0];
  const { analysis } = applyFix(text, f);
  const t4 = analysis.model.reports[0].table4!;
  assert.ok(t4.rows.has('data'));
  // One finding for the blank table, whose fix fills its 15 cells with 0.
  const empty = findingsOf(analysis, 'cell-empty').filter((x) => x.message.startsWith('表四'));
  assert.equal(empty.length, 1);
  assert.equal(empty[0].fixes![0].edits.length, 15);
  assert.equal(empty[0].fixes![0].kind, 'value');
  assert.deepEqual(
    findingsOf(analysis, 'row-missing').filter((x) => x.message.startsWith('表四')),
    [],
  );
});
