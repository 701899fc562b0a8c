/**
 * The exported Word file as LibreOffice lays it out (npm run test:office): the title broken by
 * meaning, whole five-digit figures and 表四 header words (one token each in `pdftotext
 * -layout`), 28 characters a line, the page number "— n —" 7 mm below the text block one
 * character in from the outer edge, and heading levels after LibreOffice saves the file again.
 *
 * Needs scripts/libreoffice/setup.sh (LibreOffice Writer, Noto CJK, poppler-utils); without it
 * every test here is SKIPPED with the reason printed (XXGK_REQUIRE_OFFICE=1 makes that a failure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDocx, importFile } from '../../../server/src/io/index';
import { readFixture } from '../helpers';
import { bigFiguresDraft, squeeze } from '../export-helpers';
import { officeSetup } from '../../helpers/office';
const { skip: SKIP, work, soffice } = officeSetup(['soffice', 'pdftotext'], 'scripts/libreoffice/setup.sh', 'export layout tests');

const LONG_PARAGRAPH = '政府信息公开工作'.repeat(20);

/** Drafts rendered once, together (a start of LibreOffice costs seconds). */
const DRAFTS: Record<string, () => string> = {
  town: () => readFixture('clean/town-2024.md'),
  big: bigFiguresDraft,
  long: () =>
    `# 中华人民共和国国家发展和改革委员会办公厅2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n${LONG_PARAGRAPH}\n\n### （一）主动公开\n\n${'正文。'.repeat(400)}\n\n### （二）依申请公开\n\n正文。\n\n## 二、主动公开政府信息情况\n\n正文。\n`,
};

let rendered: Promise<void> | undefined;
function render(): Promise<void> {
  return (rendered ??= (async () => {
    mkdirSync(join(work, 'in'), { recursive: true });
    for (const [name, draft] of Object.entries(DRAFTS)) writeFileSync(join(work, 'in', `${name}.docx`), await exportDocx(draft()));
    const files = Object.keys(DRAFTS).map((n) => join(work, 'in', `${n}.docx`));
    soffice(['--convert-to', 'pdf', '--outdir', join(work, 'pdf'), ...files]);
    // Saved again by a word processor: what a clerk's Word or WPS gives back.
    soffice(['--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(work, 'resaved'), ...files]);
  })());
}

const pdf = (name: string) => join(work, 'pdf', `${name}.pdf`);
const text = (name: string, ...args: string[]) => execFileSync('pdftotext', [...args, pdf(name), '-'], { encoding: 'utf8' });
const lines = (name: string, ...args: string[]) =>
  text(name, ...args)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l);

test('the title is broken by meaning: the agency, then the year and the report', { skip: SKIP }, async () => {
  await render();
  assert.deepEqual(lines('town', '-f', '1', '-l', '1').slice(0, 2).map(squeeze), ['青石镇人民政府', '2024年政府信息公开工作年度报告']);
  assert.deepEqual(lines('long', '-f', '1', '-l', '1').slice(0, 3).map(squeeze), [
    '中华人民共和国',
    '国家发展和改革委员会办公厅',
    '2023年政府信息公开工作年度报告',
  ]);
});

test('column widths: every five-digit figure and every 表四 header word is one token', { skip: SKIP }, async () => {
  await render();
  const layout = text('big', '-layout');
  const tokens = layout.split(/\s+/);
  const figures = tokens.filter((t) => /^\d{5}$/.test(t));
  // 表三: 25 rows × 7 columns from 10000; 表四: 15 from 90000
  assert.equal(figures.filter((t) => t.startsWith('1')).length, 25 * 7, 'table 三');
  assert.equal(figures.filter((t) => t.startsWith('9')).length, 15, 'table 四');
  for (const word of ['结果维持', '结果纠正', '其他结果', '尚未审结']) assert.equal(tokens.filter((t) => t === word).length, 3, word);
  for (const word of ['自然人', '商业企业', '科研机构']) assert.ok(tokens.includes(word), word);
});

test('28 characters a line of 三号 body text', { skip: SKIP }, async () => {
  await render();
  const body = lines('long', '-f', '1', '-l', '1').filter((l) => /^[政府信息公开工作]+$/.test(squeeze(l)));
  // the first line is indented two characters; the ones after it are full
  assert.ok(body.length >= 5, body.join('\n'));
  assert.equal(squeeze(body[0]).length, 26);
  for (const l of body.slice(1, -1)) assert.equal(squeeze(l).length, 28, l);
});

test('page numbers "— n —": 7 mm below the text block, odd pages right and even pages left, one character in', { skip: SKIP }, async () => {
  await render();
  execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '2', pdf('long'), join(work, 'bbox.html')]);
  const html = readFileSync(join(work, 'bbox.html'), 'utf8');
  const pages = html.split('<page').slice(1);
  assert.equal(pages.length, 2);
  const mm = (pt: number) => (pt * 25.4) / 72;
  pages.forEach((page, i) => {
    const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: mm(Number(m[1])),
      y0: mm(Number(m[2])),
      x1: mm(Number(m[3])),
      y1: mm(Number(m[4])),
      t: m[5],
    }));
    const number = words.filter((w) => w.y0 > 262 && w.y0 < 290);
    assert.deepEqual(
      number.map((w) => w.t),
      ['—', String(i + 1), '—'],
      `page ${i + 1}`,
    );
    // the dashes' middle 7 mm below the text block (which ends 35 mm above the page's lower edge)
    const middle = (number[0].y0 + number[0].y1) / 2;
    assert.ok(Math.abs(middle - (297 - 35 + 7)) < 1.5, `page ${i + 1}: dashes at ${middle.toFixed(1)} mm`);
    // one 4号 character (4.9 mm) in from the text block's outer edge
    if (i % 2 === 0) assert.ok(Math.abs(210 - 26 - number[2].x1 - 4.9) < 1.5, `odd page: right end at ${number[2].x1.toFixed(1)} mm`);
    else assert.ok(Math.abs(number[0].x0 - 28 - 4.9) < 1.5, `even page: left end at ${number[0].x0.toFixed(1)} mm`);
    // the last line of text ends at the text block's lower edge, above the number
    const body = words.filter((w) => w.y1 < 262.5);
    assert.ok(body.length > 0);
  });
});

test('heading levels survive a round trip, also after LibreOffice saved the file again', { skip: SKIP }, async () => {
  await render();
  for (const file of [join(work, 'in', 'long.docx'), join(work, 'resaved', 'long.docx'), join(work, 'resaved', 'town.docx')]) {
    const md = (await importFile(readFileSync(file), file)).markdown;
    const headings = md.split('\n').filter((l) => /^#{1,4} /.test(l));
    if (file.endsWith('long.docx')) {
      assert.deepEqual(headings, [
        '# 中华人民共和国国家发展和改革委员会办公厅2023年政府信息公开工作年度报告',
        '## 一、总体情况',
        '### （一）主动公开',
        '### （二）依申请公开',
        '## 二、主动公开政府信息情况',
      ]);
    } else {
      assert.deepEqual(
        headings.filter((h) => h.startsWith('### ')),
        ['### （一）主动公开', '### （二）依申请公开', '### （三）政府信息管理', '### （四）政府信息公开平台建设', '### （五）监督保障'],
      );
      assert.equal(headings.filter((h) => h.startsWith('## ')).length, 6);
    }
  }
});
