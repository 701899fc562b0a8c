/**
 * The Word file and the page as written: the 公文 layout of GB/T 9704-2012 in word/document.xml,
 * styles.xml, the footers, fontTable.xml and custom.xml; the page's print rules; the marks of our
 * own exports; characters XML does not allow; the same bytes for the same draft.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { exportDocx, exportHtml, exportMark, exportModel, exportReport, importFile } from '../../server/src/io/index';
import { titleLines } from '../../server/src/io/export-title';
import { tableSizing, unbreakable } from '../../server/src/io/export-widths';
import { emWidth } from '../../server/src/io/export-text';
import { TEXT_WIDTH } from '../../server/src/io/docx-write';
import { extendLayout, tableLayout } from '../../server/src/core/table-layout';
import { readFixture } from './helpers';
import { bigFiguresDraft, docxParagraphs, docxParts } from './export-helpers';
import { docxPackage, p } from './make';

const DRAFT = readFixture('clean/town-2024.md');

async function parts(md = DRAFT) {
  return docxParts(await exportDocx(md));
}

/** The XML of one paragraph style of styles.xml. */
function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(styles);
  assert.ok(m, `style ${id}`);
  return m[0];
}

test('Word: A4, GB/T 9704 margins, 22 lines of 28 characters, official fonts with East Asian names', async () => {
  const get = await parts();
  const doc = get('word/document.xml');
  const styles = get('word/styles.xml');
  assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(doc, /<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
  const body = style(styles, 'XxBody');
  assert.match(body, /<w:spacing w:line="579" w:lineRule="exact"\/>/, '28.95 pt lines: 22 a page');
  // 28 characters of 三号 in 156 mm: each set 0.25 pt closer (448 pt → 441 pt ≤ 442.2 pt)
  assert.match(body, /<w:spacing w:val="-5"\/>/);
  assert.ok(28 * (16 - 0.25) <= TEXT_WIDTH / 20 && 29 * (16 - 0.25) > TEXT_WIDTH / 20);
  assert.match(body, /w:eastAsia="仿宋_GB2312"/);
  assert.match(body, /<w:sz w:val="32"\/>/);
  assert.match(body, /<w:ind w:firstLine="630" w:firstLineChars="200"\/>/);
  const title = style(styles, 'XxTitle');
  assert.match(title, /w:eastAsia="方正小标宋简体"/);
  assert.match(title, /<w:sz w:val="44"\/>/);
  assert.match(title, /<w:jc w:val="center"\/>/);
  // headings: 黑体 and 楷体 with outline levels (Word's navigation pane; they come back as headings)
  assert.match(style(styles, 'XxHeading1'), /w:eastAsia="黑体"/);
  assert.match(style(styles, 'XxHeading1'), /<w:outlineLvl w:val="0"\/>/);
  assert.match(style(styles, 'XxHeading2'), /w:eastAsia="楷体_GB2312"/);
  assert.match(style(styles, 'XxHeading2'), /<w:outlineLvl w:val="1"\/>/);
  assert.match(doc, /<w:pStyle w:val="XxHeading1"\/>(?:<[^>]+>)*一、总体情况/);
  assert.match(doc, /<w:pStyle w:val="XxHeading2"\/>(?:<[^>]+>)*（一）主动公开/);
  // no character grid that would stretch table rows to the line pitch
  assert.doesNotMatch(doc, /<w:docGrid[^>]*w:type="(?:lines|linesAndChars|snapToChars)"/);
});

test('Word: the title broken by meaning — agency on one line, the year and the report on the next', async () => {
  const doc = (await parts())('word/document.xml');
  const title = /<w:p><w:pPr><w:pStyle w:val="XxTitle"\/>[\s\S]*?<\/w:p>/.exec(doc);
  assert.ok(title);
  assert.deepEqual(docxParagraphs(title[0]), ['青石镇人民政府\n2024年政府信息公开工作年度报告']);
  assert.deepEqual(titleLines('某县人民政府2023年政府信息公开工作年度报告'), ['某县人民政府', '2023年政府信息公开工作年度报告']);
  // a long agency at a place or organisation boundary: trapezoid (each line no longer than the next) or diamond
  const shapes: [string, string[]][] = [
    [
      '中华人民共和国国家发展和改革委员会办公厅2023年政府信息公开工作年度报告',
      ['中华人民共和国', '国家发展和改革委员会办公厅', '2023年政府信息公开工作年度报告'],
    ],
    [
      '广东省广州市天河区住房和城乡建设局2023年政府信息公开工作年度报告',
      ['广东省广州市', '天河区住房和城乡建设局', '2023年政府信息公开工作年度报告'],
    ],
    [
      '内蒙古自治区锡林郭勒盟阿巴嘎旗人民政府办公室2023年政府信息公开工作年度报告',
      ['内蒙古自治区锡林郭勒盟', '阿巴嘎旗人民政府办公室', '2023年政府信息公开工作年度报告'],
    ],
    // a little longer than the line below, with no good boundary: two lines, never 中共 alone
    [
      '中共某某市委机构编制委员会办公室2024年政府信息公开工作年度报告',
      ['中共某某市委机构编制委员会办公室', '2024年政府信息公开工作年度报告'],
    ],
    ['某某市市场监督管理局2024年度政府信息公开工作年度报告', ['某某市市场监督管理局', '2024年度政府信息公开工作年度报告']],
    ['2024年青石镇人民政府政府信息公开工作年度报告', ['2024年青石镇人民政府', '政府信息公开工作年度报告']],
  ];
  for (const [title, lines] of shapes) {
    assert.deepEqual(titleLines(title), lines, title);
    for (const l of lines) assert.ok(emWidth(l) <= 20, `${l}: one line of 二号 in 156 mm`);
  }
});

test('Word: page numbers "— n —" in 4号 宋体 half-width digits, odd pages right and even pages left, one character in, 7 mm below the text', async () => {
  const get = await parts();
  assert.match(get('word/settings.xml'), /<w:evenAndOddHeaders\/>/);
  const doc = get('word/document.xml');
  // footer distance: the dashes (the middle of a 14 pt line) 35 − 7 = 28 mm above the page's edge
  const footer = Number(/<w:pgMar [^>]*w:footer="(\d+)"/.exec(doc)?.[1]);
  assert.ok(Math.abs(footer + 140 - (28 / 25.4) * 1440) < 20, `footer distance ${footer}`);
  const rel = get('word/_rels/document.xml.rels');
  const file = (type: string) => {
    const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(doc)?.[1];
    return get(
      `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rel)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rel)?.[1]}`,
    );
  };
  const odd = file('default');
  const even = file('even');
  assert.match(odd, /<w:jc w:val="right"\/>/);
  assert.match(odd, /<w:ind [^>]*w:right="280"/);
  assert.match(even, /<w:jc w:val="left"\/>/);
  assert.match(even, /<w:ind [^>]*w:left="280"/);
  for (const f of [odd, even]) {
    assert.match(f, /— <\/w:t>[\s\S]*PAGE[\s\S]*> —<\/w:t>/);
    assert.match(f, /<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"\/>/);
    assert.match(f, /<w:sz w:val="28"\/>/);
  }
});

test('Word: fontTable.xml names substitutes a PC has (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体)', async () => {
  const fonts = (await parts())('word/fontTable.xml');
  const font = (name: string) => new RegExp(`<w:font w:name="${name}">([\\s\\S]*?)</w:font>`).exec(fonts)?.[1] ?? '';
  for (const [name, alt, family] of [
    ['方正小标宋简体', '宋体', 'roman'],
    ['仿宋_GB2312', '仿宋', 'roman'],
    ['楷体_GB2312', '楷体', 'roman'],
    ['黑体', 'SimHei', 'swiss'],
    ['宋体', 'SimSun', 'roman'],
  ]) {
    const f = font(name);
    assert.match(f, new RegExp(`<w:altName w:val="${alt}"/>`), name);
    assert.match(f, /<w:charset w:val="86"\/>/, `${name}: GB2312 character set`);
    assert.match(f, new RegExp(`<w:family w:val="${family}"/>`), name);
    assert.match(f, /<w:panose1 w:val="[0-9A-F]{20}"\/>/, name);
  }
  assert.ok(XMLValidator.validate(fonts) === true);
});

test('Word: official merged tables, header rows repeated, rows never split, 表二 block labels kept with their rows', async () => {
  const doc = (await parts())('word/document.xml');
  const tables = doc.split('<w:tbl>').slice(1);
  assert.equal(tables.length, 3);
  const [t2, t3, t4] = tables;
  assert.equal(t3.match(/<w:tblHeader\/>/g)?.length, 3);
  assert.doesNotMatch(doc, /<w:tblHeader w:val="(?:off|false|0)"/);
  assert.equal(t3.match(/<w:cantSplit\/>/g)?.length, 28);
  assert.match(t3, /<w:gridSpan w:val="7"\/>/);
  assert.match(t3, /<w:gridSpan w:val="5"\/>[\s\S]*?法人或其他组织/);
  assert.ok((t3.match(/<w:vMerge\/>|<w:vMerge w:val="continue"\/>/g)?.length ?? 0) >= 21 + 7 + 4 + 2 + 2 + 2);
  assert.match(t2, /<w:gridSpan w:val="4"\/>[\s\S]*?第二十条第（一）项/);
  assert.equal(t2.match(/<w:tblHeader\/>/g), null, 'table 二 has no repeated header of its own');
  // each block label row and column header row is kept with the next
  const rows2 = t2.split('<w:tr>').slice(1);
  for (const r of rows2.filter((x) => /第二十条第|信息内容/.test(x))) assert.match(r, /<w:keepNext\/>/);
  assert.equal(t4.match(/<w:tblHeader\/>/g)?.length, 3);
  // every table's columns fill the 156 mm text block
  for (const t of tables) {
    const cols = [...t.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    assert.equal(
      cols.reduce((a, b) => a + b, 0),
      TEXT_WIDTH,
    );
  }
});

test('column widths from the content: five-digit figures and every 表四 header word on one line within 156 mm', () => {
  const md = bigFiguresDraft();
  const tables = exportModel(md).blocks.filter((b) => b.kind === 'table');
  assert.equal(tables.length, 2);
  for (const t of tables) {
    if (t.kind !== 'table') continue;
    const s = tableSizing(t, TEXT_WIDTH);
    assert.equal(
      s.widths.reduce((a, b) => a + b, 0),
      TEXT_WIDTH,
    );
    const em = (s.size / 2) * 20;
    for (const row of [...t.headerRows, ...t.bodyRows])
      for (const c of row) {
        if (c.colSpan !== 1) continue;
        // every word that may not break (a figure, 结果维持, 自然人) fits its column with the cell margins
        const need = Math.max(0, ...c.text.split('\n').flatMap(unbreakable)) * em + 2 * s.margin;
        assert.ok(need <= s.widths[c.col], `${t.table} "${c.text}": ${need} > ${s.widths[c.col]} twips at ${s.size / 2} pt`);
      }
    if (t.table === 'table4') assert.ok(s.size >= 15, `表四 at ${s.size / 2} pt`);
    if (t.table === 'table3') assert.ok(s.size >= 18, `表三 at ${s.size / 2} pt`);
  }
  assert.deepEqual(unbreakable('结果维持'), [4]);
  assert.deepEqual(unbreakable('12345'), [2.75]);
  assert.deepEqual(unbreakable('社会公益组织'), [2, 2, 2]);
  assert.deepEqual(unbreakable('（三）不予公开'), [3, 2, 2]);
});

test('the mark of our exports: custom.xml with the digest of document.xml; <meta name="generator"> with the digest of the page', async () => {
  const docx = await exportDocx(DRAFT);
  const get = docxParts(docx);
  const custom = get('docProps/custom.xml');
  assert.match(custom, /<property [^>]*name="xxgk-report"><vt:lpwstr>export<\/vt:lpwstr><\/property>/);
  const digest = /name="xxgk-report-sha256"><vt:lpwstr>([0-9a-f]{64})</.exec(custom)?.[1];
  const files = unzipSync(docx);
  assert.equal(digest, createHash('sha256').update(files['word/document.xml']).digest('hex'));
  assert.match(get('[Content_Types].xml'), /PartName="\/docProps\/custom\.xml"/);
  assert.match(get('_rels/.rels'), /custom-properties/);
  assert.equal(exportMark(docx), 'ours');
  // edited after the export (saved again by Word, say): no longer ours
  files['word/document.xml'] = strToU8(get('word/document.xml').replace('青石镇', '青石乡'));
  assert.equal(exportMark(zipSync(files)), 'edited');
  // someone else's Word file, or not a package at all
  assert.equal(exportMark(docxPackage(p('某局2023年政府信息公开工作年度报告'))), 'foreign');
  assert.equal(exportMark(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), 'foreign');

  const html = exportHtml(DRAFT);
  assert.match(html, /<meta name="generator" content="xxgk-report">\n<meta name="xxgk-report-sha256" content="[0-9a-f]{64}">/);
  assert.equal(exportMark(strToU8(html)), 'ours');
  assert.equal(exportMark(strToU8(html.replace('青石镇', '青石乡'))), 'edited');
  assert.equal(exportMark(strToU8('<!DOCTYPE html><html><body>某局</body></html>')), 'foreign');
});

test('Word and HTML: the same draft gives the same bytes', async () => {
  assert.deepEqual(Buffer.from(await exportDocx(DRAFT)), Buffer.from(await exportDocx(DRAFT)));
  assert.equal(exportHtml(DRAFT), exportHtml(DRAFT));
});

test('characters XML 1.0 does not allow are taken out, counted, and every part is well-formed', async () => {
  const md = `# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文\uFFFE一\uFFFF二\u000B三\u000C四\uD800五。\n\n| 项目 | 数量 |\n| --- | --- |\n| 甲\u0008 | 1 |\n`;
  const docx = await exportReport(md, 'docx');
  assert.equal(docx.removed.count, 6);
  assert.deepEqual(docx.removed.first, { code: 'U+FFFE', line: 4 });
  const files = unzipSync(docx.data);
  for (const [name, data] of Object.entries(files))
    if (name.endsWith('.xml') || name.endsWith('.rels'))
      assert.equal(XMLValidator.validate(Buffer.from(data).toString('utf8')), true, name);
  const doc = Buffer.from(files['word/document.xml']).toString('utf8');
  assert.match(doc, /正文一二三四\uFFFD五。/);
  const html = await exportReport(md, 'html');
  assert.equal(html.removed.count, 6);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(Buffer.from(html.data).toString('utf8'), /[\uFFFE\uFFFF\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
});

test('HTML: one self-contained escaped page that prints as the Word file does', () => {
  const html = exportHtml(DRAFT);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta charset="utf-8">/);
  assert.doesNotMatch(html, /<script|<link|\ssrc=|\shref=|@import|url\(/);
  assert.match(html, /@page\{size:A4;margin:37mm 26mm 35mm 28mm\}/);
  assert.match(html, /thead\{display:table-header-group\}/);
  assert.match(html, /tr,td,th\{break-inside:avoid;page-break-inside:avoid\}/);
  assert.match(html, /tr\.keep,tr\.block\{break-after:avoid;page-break-after:avoid\}/);
  // block labels and column headers of 表二 do not part from their rows
  assert.match(html, /<tr class="block"><th colspan="4">第二十条第（一）项<\/th><\/tr>/);
  // column widths as in the Word file
  const t3 = /<table class="t3"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  const widths = [...t3.matchAll(/<col style="width:([\d.]+)%">/g)].map((m) => Number(m[1]));
  assert.equal(widths.length, 10);
  assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - 100) < 0.1);
  assert.match(html, /<th class="corner" rowspan="3" colspan="3">（本列数据的勾稽关系为/);
  assert.match(html, /<td class="label" rowspan="22">三、本年度办理结果<\/td>/);
  assert.match(html, /<th rowspan="2">结果维持<\/th>/);
  assert.match(html, /<th colspan="10">行政诉讼<\/th>/);
  assert.equal(html.match(/<table class="t[234]" border="1"/g)?.length, 3);
  assert.match(
    html,
    /<h1><span style="display:block">青石镇人民政府<\/span><span style="display:block">2024年政府信息公开工作年度报告<\/span><\/h1>/,
  );
  // text stays text
  const evil = exportHtml(
    '# 某局2023年政府信息公开工作年度报告\n\n正文 &lt;script&gt;alert(1)&lt;/script&gt; 与 <img src=x onerror=alert(1)>。\n\n| a<b | c |\n| --- | --- |\n| <script> | 1 |\n',
  );
  assert.doesNotMatch(evil, /<script|<img|onerror/);
  assert.match(evil, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('exported text: autolinks and links keep their visible text, soft breaks join, hard breaks stay', async () => {
  const md =
    '# 某局2023年政府信息公开工作年度报告\n\n见网站(<http://www.a.gov.cn>)和[专栏](http://x)，**加粗**。\n第二行。<br>另起一行\n\nsoft\nbreak in English\n';
  const html = exportHtml(md);
  assert.match(html, /<p>见网站\(http:\/\/www\.a\.gov\.cn\)和专栏，加粗。第二行。<br>另起一行<\/p>/);
  assert.match(html, /<p>soft break in English<\/p>/);
  const doc = docxParagraphs((await parts(md))('word/document.xml'));
  assert.ok(doc.includes('见网站(http://www.a.gov.cn)和专栏，加粗。第二行。\n另起一行'));
});

test('the closing agency and date lines are set to the right, four characters in', async () => {
  const md = '# 某局2023年政府信息公开工作年度报告\n\n## 六、其他需要报告的事项\n\n无。\n\n某局\n\n2024年1月20日\n';
  assert.match(exportHtml(md), /<p class="signature">某局<\/p>\n<p class="signature">2024年1月20日<\/p>/);
  const get = await parts(md);
  assert.match(get('word/document.xml'), /<w:pStyle w:val="XxSignature"\/>(?:<[^>]+>)*?某局/);
  const sig = style(get('word/styles.xml'), 'XxSignature');
  assert.match(sig, /<w:jc w:val="right"\/>/);
  assert.match(sig, /w:right="1260"/);
});

test('heading levels survive export → import: sub-topics stay level 3, in Word and in the page', async () => {
  const md = [
    '# 某县人民政府2023年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '### （一）主动公开情况',
    '',
    '正文。',
    '',
    '### （二）依申请公开情况',
    '',
    '正文。',
    '',
    '### （三）政府信息管理',
    '',
    '正文。',
    '',
    '## 二、主动公开政府信息情况',
    '',
    '正文。',
    '',
    '## 三、收到和处理政府信息公开申请情况',
    '',
    '正文。',
    '',
  ].join('\n');
  const headings = (draft: string) => draft.split('\n').filter((l) => /^#{1,6} /.test(l));
  const expected = headings(md);
  assert.deepEqual(headings((await importFile(await exportDocx(md), 'x.docx')).markdown), expected);
  assert.deepEqual(headings((await importFile(Buffer.from(exportHtml(md)), 'x.html')).markdown), expected);
});

test('an extended layout is still a full rectangle: rows inserted anywhere, columns added at the right', () => {
  for (const table of ['table2', 'table3', 'table4'] as const) {
    const base = tableLayout(table);
    const n = base.bodyRows.length;
    const inserts = [-1, 0, Math.floor(n / 2), n - 2, n - 1].filter((a, i, all) => a < n && all.indexOf(a) === i);
    const l = extendLayout(
      base,
      ['小计', '备注'],
      inserts.map((after, i) => ({ after, rowId: `x${i}`, label: `自加${i}` })),
    );
    assert.equal(l.columnCount, base.columnCount + 2);
    assert.equal(l.bodyRows.length, n + inserts.length);
    for (const rows of [l.headerRows, l.bodyRows]) {
      const seen = rows.map(() => Array(l.columnCount).fill(0));
      rows.forEach((row, r) => {
        for (const c of row)
          for (let dr = 0; dr < c.rowSpan; dr++)
            for (let dc = 0; dc < c.colSpan; dc++) {
              assert.ok(r + dr < rows.length && c.col + dc < l.columnCount, `${table}: span inside the table`);
              seen[r + dr][c.col + dc]++;
            }
      });
      for (const [r, line] of seen.entries()) assert.deepEqual(line, Array(l.columnCount).fill(1), `${table} row ${r}`);
    }
    // every inserted row has a value cell under every value column, keyed by its own row id
    for (let i = 0; i < inserts.length; i++) {
      const row = l.bodyRows.find((r) => r.some((c) => c.rowId === `x${i}`));
      assert.ok(row, `${table}: row x${i}`);
      assert.ok(row.filter((c) => c.kind === 'value').every((c) => c.key?.startsWith(`x${i}.`)));
      assert.equal(row.filter((c) => c.columnId?.startsWith('extra')).length, 2);
    }
  }
});
