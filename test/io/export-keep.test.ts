/**
 * Export keeps everything (issue 15.3): every figure and every paragraph of every fixture
 * report reaches the .docx and the page; what the template does not know (an unknown row with
 * its figures, an extra column, an extra table, lists, quotes, code, the visible text of HTML
 * blocks, a second report) is written in place; the parse is the complete one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildModel } from '../../server/src/core/index';
import { exportDocx, exportHtml, exportModel } from '../../server/src/io/index';
import { FIXTURES, fixtureReports } from './helpers';
import {
  docxCells,
  docxParagraphs,
  docxParts,
  draftFigures,
  draftTexts,
  htmlCells,
  htmlParagraphs,
  missingFrom,
  squeeze,
} from './export-helpers';

/** Texts of a draft not found, in order, in the output's text (each found after the one before, or anywhere for labels a table took). */
function notFound(texts: string[], output: string): string[] {
  const missing: string[] = [];
  let at = 0;
  for (const t of texts) {
    const i = output.indexOf(t, at);
    if (i >= 0) at = i + t.length;
    else if (!output.includes(t)) missing.push(t);
  }
  return missing;
}

async function outputs(md: string) {
  const doc = docxParts(await exportDocx(md))('word/document.xml');
  const html = exportHtml(md);
  return {
    docxText: squeeze(docxParagraphs(doc).join('')),
    docxCells: docxCells(doc).map(squeeze),
    htmlText: squeeze(htmlParagraphs(html).join('') + htmlCells(html).join('')),
    htmlCells: htmlCells(html).map(squeeze),
  };
}

test('every figure and every paragraph of every fixture report reaches the Word file and the page', async () => {
  const files = fixtureReports();
  assert.ok(files.length >= 15, `found ${files.length} fixture reports`);
  for (const file of files) {
    const name = relative(FIXTURES, file);
    const md = readFileSync(file, 'utf8');
    const o = await outputs(md);
    const figures = draftFigures(md);
    const texts = draftTexts(md);
    assert.deepEqual(missingFrom(figures, o.docxCells), [], `${name}: figures missing from the .docx`);
    assert.deepEqual(missingFrom(figures, o.htmlCells), [], `${name}: figures missing from the page`);
    assert.deepEqual(notFound(texts, o.docxText), [], `${name}: paragraphs missing from the .docx`);
    assert.deepEqual(notFound(texts, o.htmlText), [], `${name}: paragraphs missing from the page`);
  }
});

const T3_HEADER =
  '| 申请人情况 |  |  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |';

test('an unknown row of table 三 is written among its rows with its figures; an extra column at the right', async () => {
  const md = [
    '# 某局2023年政府信息公开工作年度报告',
    '',
    '## 三、收到和处理政府信息公开申请情况',
    '',
    '| 申请人情况 |  |  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 | 小计 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    '| 一、本年新收政府信息公开申请数量 |  |  | 11 | 12 | 13 | 14 | 15 | 16 | 81 | 901 |',
    '| 其中：网上申请 |  |  | 21 | 22 | 23 | 24 | 25 | 26 | 141 | 902 |',
    '| 二、上年结转政府信息公开申请数量 |  |  | 31 | 32 | 33 | 34 | 35 | 36 | 201 | 903 |',
    '',
  ].join('\n');
  const m = exportModel(md);
  const t3 = m.blocks.find((b) => b.kind === 'table' && b.table === 'table3');
  assert.ok(t3 && t3.kind === 'table');
  // the official header with the extra column at the right, over all three header rows
  assert.equal(t3.columnCount, 11);
  assert.deepEqual(t3.headerRows[0].map((c) => [c.text, c.rowSpan, c.colSpan]).slice(-1), [['小计', 3, 1]]);
  const rows = t3.bodyRows.map((r) => r.map((c) => c.text).filter((x) => x));
  assert.deepEqual(rows, [
    ['一、本年新收政府信息公开申请数量', '11', '12', '13', '14', '15', '16', '81', '901'],
    ['其中：网上申请', '21', '22', '23', '24', '25', '26', '141', '902'],
    ['二、上年结转政府信息公开申请数量', '31', '32', '33', '34', '35', '36', '201', '903'],
  ]);
  const o = await outputs(md);
  for (const f of ['21', '26', '141', '902', '903']) {
    assert.ok(o.docxCells.includes(f), `.docx has ${f}`);
    assert.ok(o.htmlCells.includes(f), `page has ${f}`);
  }
  assert.ok(o.docxText.indexOf('本年新收') < o.docxText.indexOf('其中：网上申请'));
  assert.ok(o.docxText.indexOf('其中：网上申请') < o.docxText.indexOf('上年结转'));
});

test('an unknown row inside a merged group lengthens the group label; after a group it stands alone', () => {
  const rows3 = [
    '| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
    '|  |  | 9.本机关自定的其他理由 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |',
    '|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
  ];
  const md = `# 某局2023年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n${T3_HEADER}\n${rows3.join('\n')}\n`;
  const t3 = exportModel(md).blocks.find((b) => b.kind === 'table' && b.table === 'table3');
  assert.ok(t3 && t3.kind === 'table');
  const body = t3.bodyRows;
  // 三、本年度办理结果 over the four rows, （三）不予公开 over its two items and the row inside them
  assert.equal(body[0][0].text, '三、本年度办理结果');
  assert.equal(body[0][0].rowSpan, 4);
  assert.equal(body[0][1].text, '（三）不予公开');
  assert.equal(body[0][1].rowSpan, 3);
  const inserted = body[1];
  assert.deepEqual(
    inserted.filter((c) => c.kind === 'row-label').map((c) => [c.text, c.col, c.colSpan]),
    [['9.本机关自定的其他理由', 2, 1]],
  );
  assert.deepEqual(
    inserted.filter((c) => c.kind === 'value').map((c) => c.text),
    ['7', '0', '0', '0', '0', '0', '7'],
  );
});

test('tables, lists, quotes, code, HTML blocks and a second report are written where they stand; comments are not', async () => {
  const md = [
    '<!-- 年报检查-disable row-label -->',
    '# 甲局2023年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '- 第一项工作',
    '- 第二项工作',
    '',
    '1. 编号的一项',
    '',
    '> 引用的一段话',
    '> 接着引用',
    '',
    '```',
    '代码块中的一行',
    '```',
    '',
    '<div align="right">网页块中的文字</div>',
    '',
    '## 三、收到和处理政府信息公开申请情况',
    '',
    '| 收费项目 | 金额 |',
    '| --- | --- |',
    '| 复印费 | 12.5 |',
    '',
    '## 六、其他需要报告的事项',
    '',
    '无。',
    '',
    '# 乙局2023年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '乙局的总体情况。',
    '',
  ].join('\n');
  const html = exportHtml(md);
  const doc = docxParagraphs(docxParts(await exportDocx(md))('word/document.xml')).join('\n');
  for (const out of [html, doc]) {
    for (const s of [
      '甲局',
      '• 第一项工作',
      '• 第二项工作',
      '1.编号的一项',
      '引用的一段话接着引用',
      '代码块中的一行',
      '网页块中的文字',
      '复印费',
      '12.5',
      '乙局',
      '乙局的总体情况。',
    ])
      assert.ok(out.includes(s), `${s} in ${out === html ? 'the page' : 'the .docx'}`);
    assert.ok(!out.includes('年报检查-disable'), 'comments are not shown');
    assert.ok(out.indexOf('第二项工作') < out.indexOf('代码块中的一行') && out.indexOf('网页块中的文字') < out.indexOf('复印费'));
    assert.ok(out.indexOf('复印费') < out.indexOf('乙局的总体情况'));
  }
  assert.match(html, /<blockquote><p>引用的一段话接着引用<\/p><\/blockquote>/);
  // both titles, each broken by meaning
  assert.equal((html.match(/<h1>/g) ?? []).length, 2);
});

test('export uses the complete parse: what a time-budgeted parse leaves out is exported', async () => {
  // Many sections of table rows: a parse with no time at all leaves most of it unparsed.
  const rows = Array.from({ length: 400 }, (_, i) => `| 项目${i} | ${10000 + i} |`).join('\n');
  const md = `# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n${'正文。'.repeat(5000)}\n\n| 项目 | 数量 |\n| --- | --- |\n${rows}\n\n## 五、存在的主要问题及改进情况\n\n最后一段。\n`;
  assert.ok(buildModel(md, undefined, { workBudget: 0 }).incomplete?.length, 'the budgeted parse is incomplete');
  const cells = htmlCells(exportHtml(md));
  const docCells = docxCells(docxParts(await exportDocx(md))('word/document.xml'));
  for (let i = 0; i < 400; i++) {
    assert.ok(cells.includes(String(10000 + i)), `page: row ${i}`);
    assert.ok(docCells.includes(String(10000 + i)), `.docx: row ${i}`);
  }
  assert.match(exportHtml(md), /最后一段。/);
});
