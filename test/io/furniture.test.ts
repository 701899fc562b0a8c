/**
 * Issue 15.4: only the report is imported. Generated site pages and Word files saved from them
 * (site-pages.ts) import with no furniture line left, every figure in place, the title with its
 * agency and the signature kept; a Word report's own 公文 header and a report's mention of its
 * website are not furniture. What a draft still holds is the `page-furniture` rule's (its case
 * is in test/core/rules.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/index';
import { furnitureKind } from '../../server/src/core/furniture';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../../server/src/core/template';
import { importFile } from '../../server/src/io/index';
import { runCli } from '../helpers/cli';
import { cellsOf, readFixture, sectionsOf } from './helpers';
import { t3value } from './make';
import { DEPARTMENTS, officialWordDocx, sitePage, siteWordDocx, wordReportBody } from './site-pages';

const REPORT = readFixture('clean/town-2024.md');
const TITLE = '# 青石镇人民政府2024年政府信息公开工作年度报告';

/** No line of the draft is furniture, no department of the list is left, no symbol-font character. */
function assertNoFurniture(markdown: string, what: string): void {
  const left = markdown.split('\n').filter((l) => furnitureKind(l));
  assert.deepEqual(left, [], `${what}: furniture left`);
  for (const d of DEPARTMENTS) assert.ok(!markdown.includes(d), `${what}: ${d}`);
  assert.doesNotMatch(markdown, /[\uf000-\uf0ff]/u, `${what}: symbol-font character`);
  assert.doesNotMatch(markdown, /欢迎访问|当前位置|发布时间|浏览次数|相关链接|2023年政府信息公开工作年度报告/, what);
  assert.deepEqual(
    analyze(markdown).findings.filter((f) => f.code === 'page-furniture'),
    [],
    what,
  );
}

test('a site page imports as the report alone: every figure, the title, the signature, no furniture', async () => {
  const r = await importFile(Buffer.from(sitePage(REPORT)), 'page.html');
  assertNoFurniture(r.markdown, 'page');
  assert.deepEqual([...cellsOf(r.markdown)].sort(), [...cellsOf(REPORT)].sort());
  assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6]);
  assert.match(r.markdown, new RegExp(`^${TITLE}$`, 'm'));
  // The draft ends with the signature, as the report does.
  assert.match(r.markdown.trimEnd(), /本机关2024年度未收取信息处理费。\n\n青石镇人民政府\n\n2025年1月20日$/);
});

test('a title without the agency takes it from the line above or from <title>', async () => {
  const split = await importFile(
    Buffer.from(sitePage(REPORT, { heading: '<p>青石镇人民政府</p><p>2024年政府信息公开工作年度报告</p>' })),
    'split.html',
  );
  assert.match(split.markdown, new RegExp(`^${TITLE}$`, 'm'));
  for (const titleTag of ['2024年政府信息公开工作年度报告_青石镇人民政府', '青石镇人民政府2024年政府信息公开工作年度报告-某某县人民政府']) {
    const r = await importFile(Buffer.from(sitePage(REPORT, { heading: '<h1>2024年政府信息公开工作年度报告</h1>', titleTag })), 'p.html');
    assert.match(r.markdown, new RegExp(`^${TITLE}$`, 'm'), titleTag);
  }
});

test('a Word file saved from the page: no header, menu, bullets or footer; every figure of table 三', async () => {
  const r = await importFile(siteWordDocx(), 'saved.docx');
  assertNoFurniture(r.markdown, 'saved Word file');
  const cells = cellsOf(r.markdown);
  TABLE3_ROWS.forEach((row, i) =>
    TABLE3_COLUMNS.forEach((c, j) => assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${row.id} ${c.id}`)),
  );
  assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6]);
  assert.match(r.markdown, new RegExp(`^${TITLE}$`, 'm'));
  assert.match(r.markdown, /^2025年1月20日$/m);
  // The agency from the file's properties when the body's title lacks it.
  const bare = await importFile(
    siteWordDocx({ title: '2024年政府信息公开工作年度报告', coreTitle: '青石镇人民政府2024年政府信息公开工作年度报告' }),
    'bare.docx',
  );
  assert.match(bare.markdown, new RegExp(`^${TITLE}$`, 'm'));
});

test('what is the report stays: a Word report’s 公文 header, its contact lines, a sentence about the website', async () => {
  const official = await importFile(officialWordDocx(), 'official.docx');
  for (const line of ['青石镇人民政府文件', '青政发〔2025〕2号', '（此件公开发布）', '2025年1月20日印发'])
    assert.ok(official.markdown.includes(line), line);
  const body = wordReportBody().replace(
    '<w:t xml:space="preserve">本机关2024年度未收取信息处理费。</w:t>',
    '<w:t xml:space="preserve">本机关2024年度未收取信息处理费。如对本报告有疑问，可登录镇政府网站“联系我们”栏目留言。</w:t>',
  );
  const contact = ['联系我们', '联系电话：0635-6776168', '联系地址：青石镇南街1号'].map(
    (t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`,
  );
  const saved = await importFile(siteWordDocx({ body: body + contact.join('') }), 'contact.docx');
  for (const line of ['可登录镇政府网站“联系我们”栏目留言', '联系我们', '联系电话：0635-6776168', '联系地址：青石镇南街1号'])
    assert.ok(saved.markdown.includes(line), line);
  assertNoFurniture(saved.markdown.replace(/^联系我们$/m, ''), 'saved Word file with contact lines');
});

test('check of a saved site page reports no page-furniture; the rule reports leftovers in a draft', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-furniture-'));
  try {
    writeFileSync(join(dir, 'page.html'), sitePage(REPORT));
    const page = await runCli(['check', 'page.html', '--format', 'json'], dir);
    const codes = (JSON.parse(page.out) as { diagnostics: { code: string }[] }[])[0].diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('page-furniture'), codes.join(' '));
    const draft = REPORT.replace(
      '本机关2024年度未收取信息处理费。',
      '本机关2024年度未收取信息处理费。\n\n大中小打印本页关闭窗口\n\n### 部门网站\n\n版权所有：某某县人民政府',
    );
    writeFileSync(join(dir, 'draft.md'), draft);
    const left = await runCli(['check', 'draft.md'], dir);
    assert.equal((left.out.match(/\[page-furniture\]/g) ?? []).length, 3, left.out);
    const fixed = await runCli(['fix', 'draft.md'], dir);
    assert.equal(fixed.out, REPORT);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long line is read past its markup and escapes before its length counts', () => {
  const footer = '版权所有：某县人民政府办公室';
  // Markup, bullets, a byte order mark or escapes in front can shorten a line under the limit.
  for (const lead of ['> '.repeat(80), '# ', ' '.repeat(150), '\u3000'.repeat(150), '\ufeff'.repeat(150), '•'.repeat(150)])
    assert.equal(furnitureKind(lead + footer), 'footer', JSON.stringify(lead.slice(0, 6)));
  assert.equal(furnitureKind(`${footer}${'\\|'.repeat(75)}`), 'footer');
  // Prose that long is never furniture, whatever it mentions.
  assert.equal(furnitureKind(`${footer}，${'本机关认真落实政务公开工作要求'.repeat(12)}`), undefined);
});
