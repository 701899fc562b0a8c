import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { exportDocx, exportHtml } from '../../server/src/io/index';
import { readFixture } from './helpers';

const DRAFT = readFixture('clean/town-2024.md');

async function parts(md = DRAFT) {
  const files = unzipSync(await exportDocx(md));
  return (name: string) => strFromU8(files[name]);
}

/** The XML of one paragraph style of styles.xml. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles);
  assert.ok(m, `style ${id}`);
  return m[0];
}

test('Word: A4, GB/T 9704 margins, fixed 28.95 pt lines, official fonts with East Asian names', async () => {
  const get = await parts();
  const doc = get('word/document.xml');
  const styles = get('word/styles.xml');
  assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(doc, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
  const title = style(styles, 'XxTitle');
  assert.match(title, /w:eastAsia="方正小标宋简体"/);
  assert.match(title, /<w:sz w:val="44"\/>/);
  assert.match(title, /<w:jc w:val="center"\/>/);
  const body = style(styles, 'XxBody');
  assert.match(body, /<w:spacing w:line="579" w:lineRule="exact"\/>/);
  assert.match(body, /w:eastAsia="仿宋_GB2312"/);
  assert.match(body, /<w:sz w:val="32"\/>/);
  assert.match(body, /<w:ind w:firstLine="640"\/>/);
  assert.match(style(styles, 'XxHeading1'), /w:eastAsia="黑体"/);
  assert.match(style(styles, 'XxHeading1'), /<w:outlineLvl w:val="0"\/>/);
  assert.match(style(styles, 'XxHeading2'), /w:eastAsia="楷体_GB2312"/);
  assert.match(style(styles, 'XxTableText4'), /<w:sz w:val="18"\/>/);
  assert.match(doc, /<w:pStyle w:val="XxTitle"\/>[\s\S]*?2024年政府信息公开工作年度报告/);
  assert.match(doc, /<w:pStyle w:val="XxHeading1"\/>(?:<[^>]+>)*一、总体情况/);
});

test('Word: page numbers "— n —", odd pages right, even pages left', async () => {
  const get = await parts();
  const settings = get('word/settings.xml');
  assert.match(settings, /<w:evenAndOddHeaders\/>/);
  const footers = [get('word/footer1.xml'), get('word/footer2.xml')].join('\n');
  assert.match(footers, /<w:jc w:val="right"\/>/);
  assert.match(footers, /<w:jc w:val="left"\/>/);
  assert.match(footers, /— <\/w:t>/);
  assert.match(footers, /PAGE/);
});

test('Word: official merged tables, header rows repeat, rows never split, table 四 smaller', async () => {
  const doc = (await parts())('word/document.xml');
  const tables = doc.split('<w:tbl>').slice(1);
  assert.equal(tables.length, 3);
  const [t2, t3, t4] = tables;
  // 表三: three header rows repeated; the corner spans 3 columns and 3 rows; 申请人情况 spans 7.
  assert.equal(t3.match(/<w:tblHeader\/>/g)?.length, 3);
  assert.doesNotMatch(doc, /<w:tblHeader w:val="(?:off|false|0)"/);
  assert.equal(t3.match(/<w:cantSplit\/>/g)?.length, 28);
  assert.match(t3, /<w:gridSpan w:val="7"\/>/);
  assert.match(t3, /<w:gridSpan w:val="5"\/>[\s\S]*?法人或其他组织/);
  // 三、本年度办理结果 restarts a vertical merge continued over 21 more rows.
  const restart = t3.indexOf('三、本年度办理结果');
  assert.ok(restart > 0);
  assert.ok((t3.match(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/g)?.length ?? 0) >= 21 + 7 + 4 + 2 + 2 + 2);
  assert.match(t2, /<w:gridSpan w:val="4"\/>[\s\S]*?第二十条第（一）项/);
  assert.equal(t2.match(/<w:tblHeader\/>/g), null, 'table 二 has no repeated header of its own');
  assert.match(t4, /<w:pStyle w:val="XxTableText4"\/>/);
  assert.equal(t4.match(/<w:tblHeader\/>/g)?.length, 3);
});

test('Word and HTML: the same draft gives the same bytes', async () => {
  const a = await exportDocx(DRAFT),
    b = await exportDocx(DRAFT);
  assert.deepEqual(Buffer.from(a), Buffer.from(b));
  assert.equal(exportHtml(DRAFT), exportHtml(DRAFT));
});

test('HTML: one self-contained page with the merged tables', () => {
  const html = exportHtml(DRAFT);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta charset="utf-8">/);
  assert.doesNotMatch(html, /<script|<link|\ssrc=|\shref=|@import|url\(/);
  assert.match(html, /<th rowspan="3" colspan="3">（本列数据的勾稽关系为/);
  assert.match(html, /<td class="label" rowspan="22">三、本年度办理结果<\/td>/);
  assert.match(html, /<td class="label" rowspan="8">（三）不予公开<\/td>/);
  assert.match(html, /<th rowspan="2">结果维持<\/th>/);
  assert.match(html, /<th colspan="10">行政诉讼<\/th>/);
  assert.equal(html.match(/<table class="t[234]" border="1"/g)?.length, 3);
});

test('exported text: autolinks and links keep their visible text, soft breaks join', async () => {
  const md = '# 某局2023年政府信息公开工作年度报告\n\n见网站(<http://www.a.gov.cn>)和[专栏](http://x)，**加粗**。\n第二行。\n';
  const html = exportHtml(md);
  assert.match(html, /<p>见网站\(http:\/\/www\.a\.gov\.cn\)和专栏，加粗。第二行。<\/p>/);
  const doc = strFromU8(unzipSync(await exportDocx(md))['word/document.xml']);
  assert.match(doc, /见网站\(http:\/\/www\.a\.gov\.cn\)和专栏，加粗。第二行。/);
});

test('the closing agency and date lines are set to the right', async () => {
  const md = '# 某局2023年政府信息公开工作年度报告\n\n## 六、其他需要报告的事项\n\n无。\n\n某局\n\n2024年1月20日\n';
  assert.match(
    exportHtml(md),
    /<p style="text-align:right;text-indent:0">某局<\/p>\n<p style="text-align:right;text-indent:0">2024年1月20日<\/p>/,
  );
  const doc = strFromU8(unzipSync(await exportDocx(md))['word/document.xml']);
  assert.match(doc, /<w:jc w:val="right"\/>(?:<[^>]+>)*?某局/);
});
