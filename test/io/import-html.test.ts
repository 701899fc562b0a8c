import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../../server/src/encoding';
import { ImportError, importFile, importHtml } from '../../server/src/io/index';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';
import { IO_FIXTURES, cellsOf, sectionsOf } from './helpers';
import { t3value, t4values } from './make';

const PAGES = ['word-export-gbk.html', 'ueditor-chrome.html', 'spreadsheet-layout.html'];
const T2: Record<string, string> = {
  'item1.rules.issued': '1',
  'item1.rules.repealed': '2',
  'item1.rules.valid': '3',
  'item1.normativeDocs.issued': '4',
  'item1.normativeDocs.repealed': '5',
  'item1.normativeDocs.valid': '6',
  'item5.licensing.decisions': '77',
  'item6.penalty.decisions': '88',
  'item6.coercion.decisions': '9',
  'item8.fees.feeAmount': '12.3456',
};

function page(name: string) {
  return importFile(readFileSync(join(IO_FIXTURES, 'html', name)), name);
}

test('HTML markup families: every figure of tables 二, 三 and 四 in its cell', async () => {
  for (const name of PAGES) {
    const r = await page(name);
    assert.equal(r.kind, 'html');
    const cells = cellsOf(r.markdown);
    for (const [k, v] of Object.entries(T2)) assert.equal(cells.get(`table2.${k}`), v, `${name} ${k}`);
    TABLE3_ROWS.forEach((row, i) =>
      TABLE3_COLUMNS.forEach((c, j) => assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${name} ${row.id} ${c.id}`)),
    );
    const v = t4values();
    TABLE4_COLUMNS.forEach((c, i) => assert.equal(cells.get(`table4.data.${c.id}`), v[i], `${name} ${c.id}`));
    assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6], name);
  }
});

test('GBK page decoded from its <meta> charset; Word conditional comments, escaped or not, are dropped', async () => {
  const r = await page('word-export-gbk.html');
  assert.match(r.markdown, /^# 某某县人民政府办公室2023年政府信息公开工作年度报告$/m);
  assert.doesNotMatch(r.markdown, /supportLists|endif|\[if/);
  assert.match(r.markdown, /^### （一）主动公开$/m);
  assert.match(r.markdown, /共主动公开政府信息156条/, 'a number cut in two by spans is whole again');
});

test('page chrome is left out; the title inside the article is not repeated; a fee table in 六 stays a table', async () => {
  const r = await page('ueditor-chrome.html');
  assert.doesNotMatch(r.markdown, /当前位置|版权所有|网站标识码|ICP备|浏览次数|政务服务/);
  assert.equal(r.markdown.match(/2023年政府信息公开工作年度报告/g)?.length, 1);
  assert.match(r.markdown, /\| 收费项目 \| 金额（元） \|/);
  assert.match(r.markdown, /^2024年1月20日$/m);
  assert.ok(
    r.unmapped.some((u) => u.text.includes('收费项目')),
    'the extra table is listed',
  );
});

test('charset: BOM, meta, UTF-8 validity, else GBK', () => {
  const gbk = Buffer.from([0xc4, 0xea, 0xb6, 0xc8]); // 年度 in GBK
  const decodeHtml = (b: Uint8Array) => decodeBytes(b, { sniff: 'html' }).text;
  assert.equal(decodeHtml(gbk), '年度');
  assert.equal(decodeHtml(Buffer.from('\ufeff年度', 'utf8')), '年度');
  assert.equal(decodeHtml(Buffer.from('<meta charset="utf-8">年度', 'utf8')).endsWith('年度'), true);
});

test('a 50 MB page is refused with a clear message', async () => {
  const big = new Uint8Array(50 * 1024 * 1024 + 1);
  await assert.rejects(
    () => importFile(big, 'big.html'),
    (e: unknown) => e instanceof ImportError && /太大/.test(e.msg.zh),
  );
});

test('clipboard HTML from Word: one table pasted alone maps to its template table', () => {
  const html =
    '<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr>' +
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((l) => `<td rowspan="2">${l}</td>`).join('') +
    '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>' +
    '<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>'.repeat(2) +
    '</tr><tr>' +
    Array.from({ length: 15 }, (_, i) => `<td><span>${i}</span></td>`).join('') +
    '</tr></table>';
  const r = importHtml(html);
  assert.deepEqual(r.tables, ['table4']);
  assert.match(r.markdown, /\| 0 \| 1 \| 2 \| 3 \| 4 \| 5 \| 6 \| 7 \| 8 \| 9 \| 10 \| 11 \| 12 \| 13 \| 14 \|/);
});

test('Word/HTML tables are read by header label path: an extra local column is left out and listed', () => {
  const cols = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '小计', '总计'];
  const rows = [
    `<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="8">申请人情况</td></tr>`,
    '<tr><td rowspan="2">自然人</td><td colspan="6">法人或其他组织</td><td rowspan="2">总计</td></tr>',
    `<tr>${cols
      .slice(1, 7)
      .map((c) => `<td>${c}</td>`)
      .join('')}</tr>`,
    `<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>${[1, 2, 3, 4, 5, 6, 21, 22].map((v) => `<td>${v}</td>`).join('')}</tr>`,
    `<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>${['1', '—', '见说明', '', '0', '0', '9', '1'].map((v) => `<td>${v}</td>`).join('')}</tr>`,
    `<tr><td colspan="2">（七）总计</td>${[7, 0, 0, 0, 0, 0, 0, 7].map((v) => `<td>${v}</td>`).join('')}</tr>`,
  ];
  const r = importHtml(`<p>三、收到和处理政府信息公开申请情况</p><table>${rows.join('')}</table>`);
  const cells = cellsOf(`# 某局2023年政府信息公开工作年度报告\n\n${r.markdown}`);
  assert.equal(cells.get('table3.new.other'), '6');
  assert.equal(cells.get('table3.new.total'), '22', 'the 小计 column is skipped, 总计 read from its own column');
  assert.equal(cells.get('table3.g1.business'), '—');
  assert.equal(cells.get('table3.g1.research'), '见说明', 'text in a value cell stays in its column');
  assert.equal(cells.get('table3.g1.publicInterest'), '');
  assert.equal(cells.get('table3.g1.total'), '1');
  assert.ok(r.unmapped.some((u) => u.text === '小计' && /模板以外的列/.test(u.message.zh)));
});

test('a sidebar listing other years reports before the article does not become the title', () => {
  const html =
    '<ul class="side"><li>某某镇人民政府2022年政府信息公开工作年度报告</li><li>某某镇人民政府2021年政府信息公开工作年度报告</li></ul>' +
    '<h1>某某镇人民政府2023年政府信息公开工作年度报告</h1><div class="article"><p>某某镇人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p></div>';
  const r = importHtml(html);
  assert.match(r.markdown, /^# 某某镇人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n$/);
});
