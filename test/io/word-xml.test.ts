/**
 * Issue 22.6 (reading): Word XML is read as XML, whoever wrote it — numeric character
 * references (ASCII-only writers), UTF-16 parts with or without a BOM, any prefix bound to the
 * WordprocessingML namespace (or none: the default namespace), `w` bound to something else;
 * a DTD in any letter case, after a comment of any length, is refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../../server/src/core/template';
import { ImportError, importFile } from '../../server/src/io/index';
import { cellsOf, sectionsOf } from './helpers';
import { docxTable3, docxTable4, p, t3value, t4values } from './make';

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function body(): string {
  return [
    p('某某镇人民政府2023年政府信息公开工作年度报告'),
    p('一、总体情况'),
    p('本年度政府信息公开工作平稳有序。'),
    p('二、主动公开政府信息情况'),
    p('三、收到和处理政府信息公开申请情况'),
    docxTable3(),
    p('四、政府信息公开行政复议、行政诉讼情况'),
    docxTable4(t4values()),
    p('五、存在的主要问题及改进情况'),
    p('公开内容还不够全面，下一步将完善目录。'),
    p('六、其他需要报告的事项'),
    p('本机关未收取信息处理费。'),
  ].join('');
}

/** document.xml as Word writes it (prefix w), before any transformation. */
function documentXml(): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W_NS}"><w:body>${body()}<w:sectPr/></w:body></w:document>`;
}

function docx(xml: string | Uint8Array): Uint8Array {
  return zipSync({ 'word/document.xml': typeof xml === 'string' ? strToU8(xml) : xml });
}

/** Every figure of table 三 in its cell, and the six sections, from a .docx. */
async function assertReport(data: Uint8Array, what: string): Promise<void> {
  const r = await importFile(data, 'r.docx');
  const cells = cellsOf(r.markdown);
  TABLE3_ROWS.forEach((row, i) =>
    TABLE3_COLUMNS.forEach((c, j) => assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${what}: ${row.id} ${c.id}`)),
  );
  assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6], what);
  assert.match(r.markdown, /^# 某某镇人民政府2023年政府信息公开工作年度报告$/m, what);
}

test('the plain Word form reads (the baseline for the variants below)', async () => {
  await assertReport(docx(documentXml()), 'baseline');
});

test('numeric character references, decimal and hexadecimal, are text; &amp;#19968; stays literal', async () => {
  let hex = false;
  const ascii = documentXml().replace(/[^\t\n\r\x20-\x7e]/gu, (ch) => {
    hex = !hex;
    const n = ch.codePointAt(0)!;
    return hex ? `&#x${n.toString(16).toUpperCase()};` : `&#${n};`;
  });
  assert.doesNotMatch(ascii, /[^\t\n\r\x20-\x7e]/u);
  await assertReport(docx(ascii), 'references');
  const literal = documentXml().replace('本年度政府信息公开工作平稳有序。', '&amp;#19968;与&#x4E00;');
  const r = await importFile(docx(literal), 'r.docx');
  assert.match(r.markdown, /&#19968;与一/);
});

test('a document.xml in UTF-16, with a BOM (LE) or without one (BE), reads like UTF-8', async () => {
  const xml = documentXml().replace('encoding="UTF-8"', 'encoding="UTF-16"');
  await assertReport(docx(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])), 'UTF-16LE with BOM');
  await assertReport(docx(Buffer.from(xml, 'utf16le').swap16()), 'UTF-16BE without BOM');
});

test('any prefix bound to the WordprocessingML namespace, or the default namespace, reads like w:', async () => {
  const ns0 = documentXml()
    .replace(/<(\/?)w:/g, '<$1ns0:')
    .replace(/ w:/g, ' ns0:')
    .replace(`xmlns:w=`, 'xmlns:ns0=');
  await assertReport(docx(ns0), 'prefix ns0');
  const bare = documentXml()
    .replace(/<(\/?)w:/g, '<$1')
    .replace(/ w:/g, ' ')
    .replace(`xmlns:w=`, 'xmlns=');
  await assertReport(docx(bare), 'default namespace');
  // `w` bound to another namespace is not WordprocessingML: its paragraphs are not read.
  const other = ns0.replace('<ns0:body>', `<ns0:body><w:p xmlns:w="urn:other"><w:r><w:t>不应出现</w:t></w:r></w:p>`);
  const r = await importFile(docx(other), 'r.docx');
  assert.doesNotMatch(r.markdown, /不应出现/);
});

test('a DTD is refused in any letter case, after a comment of any length', async () => {
  const xml = documentXml();
  const at = xml.indexOf('<w:document');
  for (const dtd of ['<!DOCTYPE w:document>', '<!doctype w:document>', '<!DocType w:document [<!ELEMENT w:document ANY>]>']) {
    const hidden = `${xml.slice(0, at)}<!--${'x'.repeat(10_000)}-->${dtd}${xml.slice(at)}`;
    await assert.rejects(
      () => importFile(docx(hidden), 'dtd.docx'),
      (e: unknown) => e instanceof ImportError && /DTD/.test(e.msg.zh),
      dtd,
    );
  }
});
