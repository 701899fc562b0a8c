import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { tableLenses } from '../../server/src/core/codelens';
import { buildModel } from '../../server/src/core/model';
import { renderTemplate } from '../../server/src/core/render';
import { balancedReport } from './util';

test('code lens above tables 三 and 四 when everything adds up', () => {
  const text = balancedReport();
  const lenses = tableLenses(buildModel(text));
  assert.deepEqual(
    lenses.map((l) => l.table),
    ['table3', 'table4'],
  );
  assert.equal(lenses[0].title, '表三 ✓ 全部列平衡；各项合计相符');
  assert.equal(lenses[1].title, '表四 行政复议 ✓；行政诉讼 › 未经复议直接起诉 ✓；行政诉讼 › 复议后起诉 ✓');
  assert.equal(lenses[0].mismatches, 0);
  // Above the first row of each table.
  assert.ok(text.slice(lenses[0].span.start).startsWith('| 申请人情况 |'));
  assert.ok(text.slice(lenses[1].span.start).startsWith('| 行政复议 |'));
});

test('code lens names the column that differs and by how much, agreeing with the rules', () => {
  const text = balancedReport({ 'forward.natural': '4', 'review.total': '5' });
  const lenses = tableLenses(buildModel(text));
  assert.ok(lenses[0].title.startsWith('表三 ✗ 勾稽关系：“自然人”列相差2'), lenses[0].title);
  assert.ok(lenses[0].title.includes('行总计不符：四、结转下年度继续办理'), lenses[0].title);
  assert.ok(lenses[1].title.includes('行政复议 ✗ 总计5，四项之和3'), lenses[1].title);
  const codes = analyze(text).findings.map((f) => f.code);
  assert.equal(codes.filter((c) => c === 'balance').length, 1);
  assert.equal(codes.filter((c) => c === 'review-total').length, 1);
  const en = tableLenses(buildModel(text), 'en');
  assert.ok(en[0].title.startsWith('Table 3 ✗ balance: natural persons off by 2'), en[0].title);
});

test('code lens of a blank table says its checks are still open', () => {
  const lenses = tableLenses(buildModel(renderTemplate('report', { agency: '某局', year: 2024 })!));
  assert.equal(lenses.length, 2);
  assert.ok(lenses[0].title.startsWith('表三 …'), lenses[0].title);
  assert.ok(lenses[0].title.includes('待填数字后进行'), lenses[0].title);
  assert.ok(lenses[1].title.includes('行政复议（待填）'), lenses[1].title);
  assert.deepEqual(tableLenses(buildModel('# notes\n\n| a | b |\n| - | - |\n| 1 | 2 |\n')), []);
});

test('code lens says which checks are skipped when a row is missing or misshapen', () => {
  const text = balancedReport()
    .replace(/\n\| {2}\| {2}\| 2\.重复申请 [^\n]*/, '')
    .replace('| 四、结转下年度继续办理 |  |  | 2 |', '| 四、结转下年度继续办理 |  |  | 2 | 9 |');
  const [t3] = tableLenses(buildModel(text));
  assert.ok(t3.title.startsWith('表三 …'), t3.title);
  assert.match(t3.title, /\d+项未核对（缺行或单元格数不符）/);
});
