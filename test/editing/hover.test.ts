import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../../server/src/core/model';
import { cellPlaceAt, hoverAt } from '../../server/src/core/hover';
import { SECTION_CONTENTS } from '../../server/src/core/template';
import { balancedReport, table3Cell } from './util';

test('hover on a table-3 cell: table, row path, column and its checks with the figures', () => {
  const text = balancedReport();
  const doc = buildModel(text);
  const h = hoverAt(doc, table3Cell(text, '3.危及“三安全一稳定”', 0));
  assert.ok(h);
  assert.match(h.markdown, /^\*\*表三 · 三、本年度办理结果 › （三）不予公开 › 3\.危及“三安全一稳定” · 自然人\*\*/);
  assert.ok(h.markdown.includes('第一项+第二项 = 81+0 = 81；第三项+第四项 = 79+2 = 81 ✓'), h.markdown);
  assert.ok(h.markdown.includes('（七）总计 = 79；21项办理结果之和 = 79 ✓'), h.markdown);
  assert.ok(h.markdown.includes('总计 = 79；自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 = 79+0+0+0+0+0 = 79 ✓'), h.markdown);
  // The hover's range is the cell's figure.
  assert.equal(text.slice(h.span.start, h.span.end), '79');
  const en = hoverAt(doc, table3Cell(text, '3.危及“三安全一稳定”', 0), 'en')!.markdown;
  assert.ok(en.startsWith('**Table 3 · III results › (3) not disclosed › item 3 (3.危及“三安全一稳定”) · natural persons**'), en);
});

test('hover shows a mismatch with its difference, in both languages', () => {
  const text = balancedReport({ 'forward.natural': '1' });
  const doc = buildModel(text);
  const at = table3Cell(text, '四、结转下年度继续办理', 0);
  const zh = hoverAt(doc, at)!.markdown;
  assert.ok(zh.includes('第一项+第二项 = 81+0 = 81；第三项+第四项 = 79+1 = 80 ✗（相差1）'), zh);
  assert.ok(zh.includes('**表三 · 四、结转下年度继续办理 · 自然人**'), zh);
  const en = hoverAt(doc, at, 'en')!.markdown;
  assert.ok(en.includes('I+II = 81+0 = 81; III+IV = 79+1 = 80 ✗ (difference 1)'), en);
  assert.ok(en.includes('natural persons'), en);
});

test('hover on a grouped column names its group; a blank cell says what to write', () => {
  const text = balancedReport({ 'new.business': '' });
  const doc = buildModel(text);
  const h = hoverAt(doc, table3Cell(text, '一、本年新收政府信息公开申请数量', 1))!;
  assert.ok(h.markdown.includes('· 法人或其他组织 › 商业企业**'), h.markdown);
  assert.ok(h.markdown.includes('空白：应填写数字（没有的填 0）'), h.markdown);
  assert.ok(/第一项\+第二项 = \?\+0；.*—（尚有空白或非数字的单元格）/.test(h.markdown), h.markdown);
});

test('hover on tables 二 and 四 and on a row label', () => {
  const text = balancedReport();
  const doc = buildModel(text);
  const t2 = text.indexOf('| 行政规范性文件 |');
  const h2 = hoverAt(doc, text.indexOf('45', t2))!;
  assert.ok(h2.markdown.startsWith('**表二 · 第二十条第（一）项 › 行政规范性文件 · 现行有效件数**'), h2.markdown);
  assert.ok(h2.markdown.includes('现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数'));
  const data = text.lastIndexOf('| 2 |');
  const h4 = hoverAt(doc, data + 2)!;
  assert.ok(h4.markdown.startsWith('**表四 · 行政复议 › 结果维持**'), h4.markdown);
  assert.ok(h4.markdown.includes('总计 = 3；结果维持+结果纠正+其他结果+尚未审结 = 2+0+0+1 = 3 ✓'), h4.markdown);
  const label = hoverAt(doc, text.indexOf('2.重复申请') + 1)!;
  assert.ok(label.markdown.startsWith('**表三 · 三、本年度办理结果 › （五）不予处理 › 2.重复申请**'), label.markdown);
  assert.ok(label.markdown.includes('本行总计'), label.markdown);
  assert.equal(cellPlaceAt(doc, text.indexOf('2.重复申请') + 1)?.kind, 'row-label');
});

test('hover on a section title says what the section must contain; prose has no hover', () => {
  const text = balancedReport();
  const doc = buildModel(text);
  for (const n of [1, 2, 3, 4, 5, 6] as const) {
    const title = [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ][n - 1];
    const h = hoverAt(doc, text.indexOf(`## ${title}`) + 4);
    assert.ok(h?.markdown.includes(SECTION_CONTENTS[n].zh), `section ${n}`);
    assert.ok(hoverAt(doc, text.indexOf(`## ${title}`) + 4, 'en')?.markdown.includes(SECTION_CONTENTS[n].en));
  }
  assert.ok(hoverAt(doc, text.indexOf('## 一、总体情况') + 4)!.markdown.includes('（四）政府信息公开平台建设'));
  assert.equal(hoverAt(doc, text.indexOf('本报告中所列数据')), undefined);
  assert.equal(hoverAt(buildModel('just text'), 2), undefined);
});

test('with last year’s report: carry-over and valid-count in the hover', () => {
  const last = buildModel(balancedReport({ 'forward.natural': '2' }, 2022)).reports[0];
  const text = balancedReport(
    {
      'carried.natural': '3',
      'new.natural': '78',
      'item1.normativeDocs.issued': '5',
      'item1.normativeDocs.repealed': '2',
      'item1.normativeDocs.valid': '47',
    },
    2023,
  );
  const doc = buildModel(text);
  const carried = hoverAt(doc, table3Cell(text, '二、上年结转政府信息公开申请数量', 0), 'zh', () => last)!;
  assert.ok(carried.markdown.includes('- 与上年报告衔接：上年结转 = 3；上年报告的结转下年度继续办理 = 2 ✗（相差1）'), carried.markdown);
  const row = text.indexOf('| 行政规范性文件 |');
  const valid = hoverAt(doc, text.indexOf('47', row), 'zh', () => last)!;
  assert.ok(
    valid.markdown.includes(
      '- 与上年现行有效件数衔接：现行有效件数 = 47；上年现行有效件数+本年制发件数−本年废止件数 = 45+5−2 = 48 ✗（相差1）',
    ),
    valid.markdown,
  );
  const en = hoverAt(doc, text.indexOf('47', row), 'en', () => last)!;
  assert.ok(en.markdown.includes('last year in force+issued−repealed = 45+5−2 = 48 ✗ (difference 1)'), en.markdown);
  // Without last year's report, the formula only.
  assert.ok(hoverAt(doc, text.indexOf('47', row))!.markdown.includes('现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数'));
});

test('the 2019 layout’s single （六）其他处理 row has a path and takes part in （七）总计', () => {
  const lines = balancedReport().split('\n');
  const first = lines.findIndex((l) => l.includes('（六）其他处理'));
  lines.splice(first, 3, '|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  const text = lines.join('\n');
  const doc = buildModel(text);
  const h = hoverAt(doc, table3Cell(text, '（六）其他处理', 0))!;
  assert.ok(h.markdown.startsWith('**表三 · 三、本年度办理结果 › （六）其他处理 · 自然人**'), h.markdown);
  assert.ok(h.markdown.includes('（七）总计 = 79；19项办理结果之和 = 79 ✓'), h.markdown);
});
