import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { ImportError, importFile, readDocx } from '../../server/src/io/index';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IO_FIXTURES, cellsOf, sectionsOf } from './helpers';
import { CHINESE_NUMBERING, docxPackage, docxTable3, docxTable4, numbered, p, t3value, t4values, tbl, tc, tr } from './make';

function report(): Uint8Array {
  const body = [
    p('某某市某某局2023年政府信息公开工作年度报告'),
    numbered('总体情况'),
    numbered('主动公开', 1),
    p('本年度主动公开信息120条。'),
    numbered('主动公开政府信息情况'),
    numbered('收到和处理政府信息公开申请情况'),
    docxTable3(),
    numbered('政府信息公开行政复议、行政诉讼情况'),
    docxTable4(t4values()),
    numbered('存在的主要问题及改进情况'),
    p('问题是……'),
    numbered('其他需要报告的事项'),
    p('本机关未收取信息处理费。'),
  ].join('');
  return docxPackage(body, { numbering: CHINESE_NUMBERING });
}

test('Word: every merge form gives every figure in its cell', async () => {
  const r = await importFile(report(), 'report.docx');
  assert.equal(r.kind, 'docx');
  const cells = cellsOf(r.markdown);
  TABLE3_ROWS.forEach((row, i) =>
    TABLE3_COLUMNS.forEach((c, j) => {
      assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${row.id} ${c.id}`);
    }),
  );
  const v = t4values();
  TABLE4_COLUMNS.forEach((c, i) => assert.equal(cells.get(`table4.data.${c.id}`), v[i], c.id));
  assert.deepEqual(r.unmapped, []);
});

test('Word: headings numbered by numbering.xml (chineseCounting, %1、) become the six sections', async () => {
  const r = await importFile(report(), 'report.docx');
  assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6]);
  assert.match(r.markdown, /^# 某某市某某局2023年政府信息公开工作年度报告$/m);
  assert.match(r.markdown, /^## 一、总体情况$/m);
  assert.match(r.markdown, /^### （一）主动公开$/m);
  assert.match(r.markdown, /^## 六、其他需要报告的事项$/m);
});

test('Word: text split across runs, fields, line breaks, content controls around blocks', () => {
  const body = [
    `<w:sdt><w:sdtPr/><w:sdtContent>${p('包在内容控件里的段落')}</w:sdtContent></w:sdt>`,
    '<w:p><w:r><w:t>分</w:t></w:r><w:r><w:t>开</w:t></w:r><w:hyperlink><w:r><w:t>的</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>字</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del></w:p>',
    '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>',
  ].join('');
  const doc = readDocx(docxPackage(body));
  assert.deepEqual(
    doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')),
    ['包在内容控件里的段落', '分开的字', '第一行', '第二行'],
  );
});

test('Word: gridBefore/gridAfter and legacy hMerge keep columns in place', () => {
  const body = tbl(
    tr(tc('a') + tc('b') + tc('c')) +
      tr(tc('x'), '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>') +
      tr(tc('m', '<w:hMerge w:val="restart"/>') + tc('', '<w:hMerge/>') + tc('z')),
  );
  const t = readDocx(docxPackage(body)).blocks[0];
  assert.equal(t.kind, 'table');
  if (t.kind !== 'table') return;
  assert.deepEqual(
    t.rows.map((r) => r.map((c) => (c.covered ? '~' : c.text))),
    [
      ['a', 'b', 'c'],
      ['', 'x', ''],
      ['m', '~', 'z'],
    ],
  );
});

async function refused(data: Uint8Array, name: string, pattern: RegExp): Promise<void> {
  await assert.rejects(
    () => importFile(data, name),
    (e: unknown) => e instanceof ImportError && pattern.test(e.msg.zh),
  );
}

test('bad input: .doc/.wps, encrypted, corrupt, zip bomb, DTD — a clear Chinese message (PDFs: test/io/pdf)', async () => {
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]);
  await refused(ole, 'old.doc', /另存为 \.docx/);
  await refused(ole, 'old.wps', /另存为 \.docx/);
  const enc = new Uint8Array([...ole.slice(0, 8), ...Buffer.from('EncryptionInfo', 'utf16le')]);
  await refused(enc, 'locked.docx', /密码|加密/);
  await refused(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), 'broken.docx', /损坏/);
  await refused(zipSync({ 'word/other.xml': strToU8('<a/>') }), 'empty.docx', /document\.xml/);
  // A zip bomb: 100 MB of zeros compress to about 100 KB.
  const bomb = zipSync({ 'word/document.xml': [new Uint8Array(100 * 1024 * 1024), { level: 9 }] });
  assert.ok(bomb.length < 1024 * 1024);
  await refused(bomb, 'bomb.docx', /压缩炸弹|过大/);
  const dtd = zipSync({
    'word/document.xml': strToU8(
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>',
    ),
  });
  await refused(dtd, 'dtd.docx', /DTD/);
});

test('Word: a layout table around the report is a container, not a table of figures', () => {
  const inner = tbl(tr(tc('行政复议') + tc('行政诉讼')) + tr(tc('1') + tc('2')));
  const body = tbl(tr(tc('', '', p('菜单')) + tc('', '', p('某某局2023年政府信息公开工作年度报告') + inner + p('正文'))));
  const blocks = readDocx(docxPackage(body)).blocks;
  assert.deepEqual(
    blocks.map((b) => (b.kind === 'table' ? `table:${b.rows.length}` : b.text)),
    ['菜单', '某某局2023年政府信息公开工作年度报告', 'table:2', '正文'],
  );
});

test('Word: numbering carried by a heading style; a restart per list; decimal sub-levels', () => {
  const styles =
    '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>';
  const numbering =
    CHINESE_NUMBERING +
    '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>';
  const h = (t: string) => p(t, '<w:pStyle w:val="1"/>');
  const body = [
    h('总体情况'),
    p('一段'),
    h('主动公开政府信息情况'),
    p('规章', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>'),
    p('规范性文件', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>'),
  ].join('');
  const doc = readDocx(docxPackage(body, { numbering, styles }));
  assert.deepEqual(
    doc.blocks.map((b) => (b.kind === 'paragraph' ? [b.text, b.headingLevel ?? 0] : [])),
    [
      ['一、总体情况', 1],
      ['一段', 0],
      ['二、主动公开政府信息情况', 1],
      ['1.规章', 0],
      ['2.规范性文件', 0],
    ],
  );
});

test('Word files written by other software (LibreOffice, from CMS pages): every figure of table 三', async () => {
  for (const name of ['libreoffice-from-word-html.docx', 'libreoffice-layout-table.docx']) {
    const r = await importFile(readFileSync(join(IO_FIXTURES, 'docx', name)), name);
    const cells = cellsOf(r.markdown);
    TABLE3_ROWS.forEach((row, i) =>
      TABLE3_COLUMNS.forEach((c, j) => assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${name} ${row.id} ${c.id}`)),
    );
    assert.equal(cells.get('table2.item8.fees.feeAmount'), '12.3456', name);
    assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6], name);
  }
});
