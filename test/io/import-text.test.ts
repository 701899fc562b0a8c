import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mapDocument, readPlainText } from '../../server/src/core/grid/index';
import { IO_FIXTURES, cellsOf, findingsOf, readFixture, sectionsOf } from './helpers';

const SEEDS = readdirSync(join(IO_FIXTURES, 'seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort();
/** Label-form warnings depend on how a hand conversion chose to write labels; figures and everything else must agree. */
const LABEL_FORM = new Set(['row-label', 'column-label', 'section-title', 'section-not-heading']);

function importSeed(name: string) {
  return mapDocument(readPlainText(readFileSync(join(IO_FIXTURES, 'seeds', name), 'utf8')));
}

test('five pasted seeds: every figure and every blank as in the hand conversion', () => {
  assert.equal(SEEDS.length, 5);
  for (const name of SEEDS) {
    const hand = readFixture(`seeds/seed-${name.slice(0, 3)}.md`);
    const imported = importSeed(name).markdown;
    const a = cellsOf(imported),
      b = cellsOf(hand);
    assert.ok(b.size >= 100, `${name}: hand fixture has its tables`);
    assert.deepEqual([...a.entries()].sort(), [...b.entries()].sort(), name);
  }
});

test('five pasted seeds: the same findings as the hand conversion, label forms aside', () => {
  for (const name of SEEDS) {
    const hand = readFixture(`seeds/seed-${name.slice(0, 3)}.md`);
    const imported = importSeed(name).markdown;
    const keep = (list: string[]) => list.filter((f) => !LABEL_FORM.has(f.split(':')[0]));
    assert.deepEqual(keep(findingsOf(imported)), keep(findingsOf(hand)), name);
  }
});

test('seed 000: rows whose merged labels are missing at the start, short rows listed, sections in order', () => {
  const r = importSeed('000_e17b216349f5dd62.txt');
  const cells = cellsOf(r.markdown);
  // `⇥⇥2. 其他法律行政法规禁止公开⇥0…` has 9 cells (two merged labels missing): its six figures, 总计 blank.
  assert.equal(cells.get('table3.g3.2.natural'), '0');
  assert.equal(cells.get('table3.g3.2.total'), '');
  assert.equal(cells.get('table3.new.natural'), '1');
  assert.equal(cells.get('table3.total.total'), '1');
  // （六）3.其他 has no figures at all: seven blanks, never 0.
  for (const c of ['natural', 'business', 'research', 'publicInterest', 'legal', 'other', 'total'])
    assert.equal(cells.get(`table3.g6.3.${c}`), '');
  assert.equal(r.unmapped.filter((u) => u.table === 'table3').length, 4);
  assert.match(r.markdown, /^<!-- 导入提示/);
  assert.deepEqual(sectionsOf(r.markdown), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(r.tables, ['table2', 'table3', 'table4']);
});

test('seed 001: one cell per line with header cells broken over lines; unit text kept as written', () => {
  const cells = cellsOf(importSeed('001_cbd120d9a17834f4.txt').markdown);
  assert.equal(cells.get('table2.item5.licensing.decisions'), '58（件）');
  assert.equal(cells.get('table2.item6.coercion.decisions'), '10（件）');
  assert.equal(cells.get('table4.data.afterReview.total'), '0');
});

test('seed 003: the 2019 table 二 is kept as written; a truncated table 三 keeps only its rows', () => {
  const r = importSeed('003_0c6bc646d9ffbe92.txt');
  assert.match(r.markdown, /\| 行政处罚 \| 0 \| 22 \| 0 \|/);
  assert.match(r.markdown, /\| 信息内容 \| 本年新制作数量 \|/);
  const cells = cellsOf(r.markdown);
  assert.equal(cells.get('table3.g5.1.total'), '0');
  assert.equal(cells.has('table3.g5.2.total'), false, 'missing rows are not invented');
  assert.ok(r.unmapped.some((u) => u.table === 'table2'));
});

test('never invents a number: every figure of the draft tables is a figure of the source', () => {
  for (const name of SEEDS) {
    const source = readFileSync(join(IO_FIXTURES, 'seeds', name), 'utf8');
    const figures = new Set(source.split(/[\t\n]/).map((c) => c.trim()));
    for (const [key, v] of cellsOf(importSeed(name).markdown)) if (v) assert.ok(figures.has(v), `${name} ${key}=${v}`);
  }
});

test('tolerant labels: brackets, spaces, split and cut labels, small typos; extra cells are not guessed', () => {
  const text = [
    '三、收到和处理政府信息公开申请情况',
    '',
    '申请人情况\t\t\t\t\t\t\t',
    '自然人\t商业企业\t科研机构\t社会 组织\t法律服务机构\t其他\t总计',
    '一、本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5',
    '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    '三、本年度办理结果\t(一)予以公开\t3\t0\t0\t0\t0\t0\t3',
    '\t( 三 ) 不予\t1 . 属于国家秘密\t1\t0\t0\t0\t0\t0\t1',
    '\t\t2.其他法律行政法规禁止公开\t9\t9\t9\t9\t9\t9\t9\t9',
    '\t\t4.保护第三方合法全益\t0\t0\t0\t0\t0\t0\t0',
    '(七)总计\t\t4\t0\t0\t0\t0\t0\t4',
    '四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2',
    '本行完全对不上\t7\t7',
  ].join('\n');
  const r = mapDocument(readPlainText(text));
  const cells = cellsOf(r.markdown);
  assert.equal(cells.get('table3.g3.1.natural'), '1');
  assert.equal(cells.get('table3.g3.4.natural'), '0');
  assert.equal(cells.get('table3.g3.2.natural'), '', 'a row with 8 figures for 7 columns is left blank');
  assert.equal(cells.get('table3.forward.total'), '2');
  assert.match(r.markdown, /\| 社会组织 \|/, 'a column variant is kept as written (the checker reports it)');
  assert.ok(r.unmapped.some((u) => u.text.includes('9 9 9 9 9 9 9 9')));
  assert.ok(r.unmapped.some((u) => u.text.includes('本行完全对不上')));
  assert.match(r.markdown, /\n本行完全对不上 7 7\n/, 'an unmapped row stays in the draft as text');
});

test('a document with no report tables is imported as text', () => {
  const r = mapDocument(readPlainText('某某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作平稳。\n'));
  assert.deepEqual(r.tables, []);
  assert.match(r.markdown, /^# 某某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本年度工作平稳。\n$/);
});

test('table-missing fix converts pasted seed tables with the importer mapper: the figures of the hand conversion', async () => {
  const { analyze, applyEdits } = await import('../../server/src/core/index');
  for (const name of ['000_e17b216349f5dd62.txt', '002_815719d19a06cabc.txt', '004_ea19bedcec81f478.txt']) {
    const seed = readFileSync(join(IO_FIXTURES, 'seeds', name), 'utf8');
    let text = `# 某机关2023年政府信息公开工作年度报告\n${seed.replace(/^(一|二|三|四|五|六)、/gm, '## $1、')}`;
    for (let i = 0; i < 3; i++) {
      const f = analyze(text).findings.find((x) => x.code === 'table-missing' && /转换成表格/.test(x.fixes?.[0]?.title ?? ''));
      if (!f) break;
      text = applyEdits(text, f.fixes![0].edits);
    }
    const hand = readFixture(`seeds/seed-${name.slice(0, 3)}.md`);
    assert.deepEqual([...cellsOf(text)].sort(), [...cellsOf(hand)].sort(), name);
  }
});
