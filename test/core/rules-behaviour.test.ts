/**
 * Behaviour asked for by real reports (issue 10): labels with typos, the 2019 layout only on its
 * fingerprint, prose claims read by their subject, overview topics by content, plain messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, safeFixEdits } from '../../server/src/core/index';
import { readClaims } from '../../server/src/core/rules/prose-mismatch';
import { findingsOf, fixture } from './util';

const BASE = fixture('clean/town-2024.md');

function sub(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`not found: ${String(from)}`);
  return next;
}

function codes(text: string): string[] {
  return analyze(text).findings.map((f) => f.code);
}

test('a row label with a one-character typo is the template row, with a row-label warning and a safe fix', () => {
  const text = sub(BASE, '3.补正后申请内容仍不明确', '3.补正后申请内容仍不明晰');
  const a = analyze(text);
  assert.deepEqual(
    a.findings.map((f) => f.code),
    ['row-label'],
  );
  const f = a.findings[0];
  assert.match(f.message, /“3\.补正后申请内容仍不明晰”.*应为“3\.补正后申请内容仍不明确”/);
  assert.equal(f.fixes![0].kind, 'safe');
  assert.equal(applyEdits(text, safeFixEdits(a.findings)), BASE);
});

test('a typo never picks between two template labels, and a short label is never guessed', () => {
  // 其化 for 其他 (two characters): not guessed; the 其他 column is then missing and 其化 unknown.
  const c = codes(sub(BASE, '| 其他 | 总计 |', '| 其化 | 总计 |'));
  assert.ok(c.includes('column-missing') && c.includes('column-unknown'), c.join());
  // 其它 is not a typo but the other way to write 其他: the column, with a column-label warning.
  assert.deepEqual(codes(sub(BASE, '| 其他 | 总计 |', '| 其它 | 总计 |')), ['column-label']);
  // An item label of another group is not taken for this group's.
  const d = codes(sub(BASE, '|  |  | 2.重复申请 |', '|  |  | 2.重复申报 |'));
  assert.ok(d.includes('row-label'), d.join());
});

test('a column header with a typo is the template column, with a column-label warning and a safe fix', () => {
  const text = sub(BASE, '| 社会公益组织 |', '| 社会公易组织 |');
  const a = analyze(text);
  assert.deepEqual(
    a.findings.map((f) => f.code),
    ['column-label'],
  );
  assert.equal(applyEdits(text, safeFixEdits(a.findings)), BASE);
});

test('a 2021 table 三 with shortened （六） labels is not the 2019 layout; the single （六） row is', () => {
  const short = sub(
    sub(
      sub(BASE, '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '1.申请人逾期不补正'),
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '2.逾期未缴纳费用',
    ),
    '|  |  | 3.其他 |',
    '|  |  | 3.其他情形 |',
  );
  const a = analyze(short);
  assert.deepEqual(findingsOf(a, 'table-outdated'), []);
  assert.deepEqual(findingsOf(a, 'row-missing'), []);
  assert.equal(findingsOf(a, 'row-label').length, 3);
  // The 2019 layout: one （六）其他处理 row with figures and no items.
  const lines = BASE.split('\n');
  const i = lines.findIndex((l) => l.includes('1.申请人无正当理由逾期不补正'));
  const old = [...lines.slice(0, i), '|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', ...lines.slice(i + 3)].join('\n');
  assert.deepEqual(codes(old), ['table-outdated']);
});

// ---------------------------------------------------------------------------
// Prose claims with a subject

test('prose: applications received in 份 while 本年新收 is 0 (typed one row too low) is reported with both rows', () => {
  const lowered = sub(
    sub(
      BASE,
      '| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 1 | 0 | 12 |',
      '| 一、本年新收政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    ),
    '| 二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
    '| 二、上年结转政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 1 | 0 | 12 |',
  );
  const text = sub(lowered, '全年共收到政府信息公开申请12件，上年结转1件，', '全年共收到政府信息公开申请12份，');
  const a = analyze(text);
  const f = findingsOf(a, 'prose-mismatch').find((x) => /12份/.test(x.message));
  assert.ok(
    f,
    findingsOf(a, 'prose-mismatch')
      .map((x) => x.message)
      .join('\n'),
  );
  assert.match(f.message, /“一、本年新收政府信息公开申请数量”0件不符；表三“二、上年结转”正好是12件/);
  assert.equal(a.model.text.slice(f.span.start, f.span.end), '12份');
  assert.equal(f.related!.length, 2);
  const t3 = a.model.reports[0].table3!;
  assert.deepEqual(
    f.related!.map((r) => r.span.start),
    [t3.rows.get('new')!.cells.get('total')!.span.start, t3.rows.get('carried')!.cells.get('total')!.span.start],
  );
});

test('prose: sub-counts of the answers and counts of documents are not claims about the table', () => {
  const kinds = (s: string) => readClaims(s, 2024).map((c) => `${c.kind} ${c.value}`);
  assert.deepEqual(kinds('全年办结政府信息公开申请12件，其中以申请内容不明确为由答复2件。'), ['handled 12']);
  assert.deepEqual(kinds('全年共收到政府信息公开申请12件，对其中以“信息不存在”为由答复的4件进行了复核。'), ['received 12']);
  assert.deepEqual(kinds('依申请公开方面，全年共收到申请12件，收到12条文件。'), ['received 12']);
  assert.deepEqual(kinds('本年度收到依申请公开申请3次。'), ['received 3']);
  // In a report: the sub-count does not contradict the total of answers.
  const text = sub(BASE, '办结12件，', '办结12件，其中以信息不存在为由答复3件，');
  assert.deepEqual(findingsOf(analyze(text), 'prose-mismatch'), []);
});

// ---------------------------------------------------------------------------
// Overview topics by content

test('overview: topics written as running prose or lead phrases are present; the message says 未找到 only when nothing is about it', () => {
  const prose = sub(
    BASE,
    /### （一）主动公开\n\n([^\n]+)\n\n### （二）依申请公开\n\n([^\n]+)\n\n/,
    '（一）主动公开方面。$1（二）依申请公开方面。$2\n\n',
  );
  assert.deepEqual(findingsOf(analyze(prose), 'overview-topic-missing'), []);
  // No heading, no lead: the paragraph about platforms (网站, 公开栏) still covers the topic.
  const plain = sub(BASE, '### （四）政府信息公开平台建设\n\n', '');
  assert.deepEqual(findingsOf(analyze(plain), 'overview-topic-missing'), []);
  // Gone entirely: reported, in words a clerk understands.
  const gone = sub(BASE, /### （四）政府信息公开平台建设\n\n[^\n]+\n\n/, '');
  const f = findingsOf(analyze(gone), 'overview-topic-missing');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /未找到“政府信息公开平台建设”方面的内容/);
});

// ---------------------------------------------------------------------------
// Messages

test('messages: no Markdown jargon, a well-formed section-duplicate, a real title example', () => {
  const jargon = /Markdown|二级标题|## |制表符|GFM/;
  const variants = [
    sub(BASE, '## 五、存在的主要问题及改进情况', '**五、存在的主要问题及改进情况**'),
    sub(BASE, '## 五、存在的主要问题及改进情况', '#### 五、存在的主要问题及改进情况'),
    sub(BASE, /\| 行政复议 \|[\s\S]*?\n\n(?=## 五)/, '行政复议\t行政诉讼\n0\t0\n\n'),
  ];
  for (const v of variants)
    for (const f of analyze(v).findings) {
      assert.doesNotMatch(f.message, jargon, f.message);
      for (const x of f.fixes ?? []) assert.doesNotMatch(x.title, jargon, x.title);
    }
  const dup = analyze(sub(BASE, '## 六、其他需要报告的事项', '## 五、存在的主要问题及改进情况\n\n另有问题。\n\n## 六、其他需要报告的事项'));
  const d = findingsOf(dup, 'section-duplicate')[0];
  assert.match(d.message, /^“五、存在的主要问题及改进情况”出现了两次（第一次在第97行）/);
  const title = findingsOf(
    analyze(sub(BASE, '# 青石镇人民政府2024年政府信息公开工作年度报告', '# 政府信息公开工作年度报告')),
    'title-missing',
  )[0];
  assert.doesNotMatch(title.message, /机关名称）|年份）/);
  assert.match(title.message, /例如“青石镇人民政府2024年政府信息公开工作年度报告”/);
  const bare = findingsOf(
    analyze('# 政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 二、主动公开政府信息情况\n'),
    'title-missing',
  )[0];
  assert.match(bare.message, /例如“某某县人民政府办公室2024年政府信息公开工作年度报告”/);
});

test('blank cells: one finding a row, and one for a table left blank, whose fix fills it with 0', () => {
  const lines = BASE.split('\n');
  const blankRow = (l: string) => l.replace(/\| (\d+) (?=\|)/g, '|  ');
  const start = lines.findIndex((l) => l.startsWith('| 一、本年新收'));
  const end = lines.findIndex((l) => l.startsWith('| 四、结转下年度继续办理'));
  const blank = lines.map((l, i) => (i >= start && i <= end ? blankRow(l) : l)).join('\n');
  const a = analyze(blank);
  const f = findingsOf(a, 'cell-empty');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /^表三（收到和处理政府信息公开申请情况）的数字都还没有填/);
  assert.equal(f[0].fixes![0].kind, 'value');
  assert.equal(f[0].fixes![0].edits.length, 25 * 7);
  const filled = analyze(applyEdits(blank, f[0].fixes![0].edits));
  assert.deepEqual(findingsOf(filled, 'cell-empty'), []);
  // A row with two blank cells: one finding naming both columns.
  const two = sub(BASE, '| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 |', '| 一、本年新收政府信息公开申请数量 |  |  |  |  |');
  const g = findingsOf(analyze(two), 'cell-empty');
  assert.equal(g.length, 1);
  assert.match(g[0].message, /有2格没有填数字（自然人、商业企业）/);
  assert.equal(g[0].related!.length, 2);
});

test('English messages on the seeds and clean reports never carry Chinese table names', () => {
  for (const file of [
    'seeds/seed-000.md',
    'seeds/seed-001.md',
    'seeds/seed-002.md',
    'seeds/seed-003.md',
    'seeds/seed-004.md',
    'clean/town-2024.md',
  ]) {
    const a = analyze(fixture(file), { locale: 'en' });
    assert.deepEqual(a.failures, []);
    for (const f of a.findings) {
      for (const t of [f.message, ...(f.related ?? []).map((r) => r.message), ...(f.fixes ?? []).map((x) => x.title)]) {
        assert.doesNotMatch(t, /表[一二三四]|统计表/, `${file} ${f.code}: ${t}`);
      }
    }
  }
});
