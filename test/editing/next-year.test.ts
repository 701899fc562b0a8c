import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { buildModel } from '../../server/src/core/model';
import { nextYearDraft } from '../../server/src/core/next-year';
import { signingDates } from '../../server/src/core/prose';
import { ReportSet } from '../../server/src/core/report-set';
import { TABLE3_COLUMNS } from '../../server/src/core/template';
import { balancedReport } from './util';

function checkWith(last: string, draft: string) {
  const set = new ReportSet();
  set.add('file:///last.md', last.slice(0, 4096), () => last);
  return analyze(draft, {}, set).findings;
}

const LAST = balancedReport({ 'forward.business': '3', 'new.business': '3' }, 2023);

test('next year: title, statistic period, no signing date, prose kept with reminders', () => {
  const r = nextYearDraft(LAST);
  assert.ok(r.ok);
  const { text, year } = r.draft;
  assert.equal(year, 2024);
  assert.ok(text.startsWith('# 某县市场监督管理局2024年政府信息公开工作年度报告\n'));
  assert.ok(text.includes('自2024年1月1日起至2024年12月31日止'));
  assert.ok(!text.includes('2023年1月1日'));
  assert.ok(text.includes('本年度未收取信息处理费。'), 'prose kept');
  assert.ok(text.includes('某县市场监督管理局\n'), 'the signing agency stays');
  assert.ok(!text.includes('2024年1月20日'));
  const model = buildModel(text);
  assert.deepEqual(signingDates(model.reports[0]), []);
  // A visible reminder at the top and in 一, 五 and 六.
  assert.equal(text.match(/【请改写】以下是2023年度报告的文字/g)?.length, 4);
});

test('next year: every figure blank except 上年结转 = last year’s 结转下年度继续办理; table 二 base noted', () => {
  const r = nextYearDraft(LAST);
  assert.ok(r.ok);
  const report = buildModel(r.draft.text).reports[0];
  const lastReport = buildModel(LAST).reports[0];
  for (const col of TABLE3_COLUMNS) {
    assert.equal(
      report.table3!.rows.get('carried')!.cells.get(col.id)!.raw,
      lastReport.table3!.rows.get('forward')!.cells.get(col.id)!.raw,
      col.id,
    );
  }
  assert.deepEqual(r.draft.carried, {
    natural: '2',
    business: '3',
    research: '0',
    publicInterest: '0',
    legal: '0',
    other: '0',
    total: '2',
  });
  for (const [id, row] of report.table3!.rows) {
    if (id === 'carried') continue;
    for (const cell of row.cells.values()) assert.equal(cell.kind, 'blank', `table 3 ${id}`);
  }
  for (const row of report.table2!.rows.values()) for (const cell of row.cells.values()) assert.equal(cell.kind, 'blank');
  for (const cell of report.table4!.rows.get('data')!.cells.values()) assert.equal(cell.kind, 'blank');
  assert.ok(r.draft.text.includes('> 【上年基数】2023年度报告的现行有效件数：规章 3 件，行政规范性文件 45 件。'));
  // The note stands just above table 二's first block.
  const note = r.draft.text.indexOf('【上年基数】');
  assert.ok(note > r.draft.text.indexOf('## 二、') && note < r.draft.text.indexOf('**第二十条第（一）项**'));
});

test('next year, checked together with last year’s report: no carry-over finding; blank figures are asked for', () => {
  for (const skeleton of [false, true]) {
    const r = nextYearDraft(LAST, { skeleton });
    assert.ok(r.ok);
    const findings = checkWith(LAST, r.draft.text);
    assert.deepEqual(
      findings.filter((f) => f.code === 'carry-over'),
      [],
      `skeleton ${skeleton}`,
    );
    assert.ok(findings.some((f) => f.code === 'cell-empty'));
    // The check does compare the two years: change one carried figure and it speaks.
    const wrong = r.draft.text.replace(/(\| 二、上年结转政府信息公开申请数量 \| {2}\| {2}\| )2 \|/, '$15 |');
    assert.notEqual(wrong, r.draft.text);
    assert.equal(checkWith(LAST, wrong).filter((f) => f.code === 'carry-over').length, 1);
  }
});

test('next year as the blank skeleton: no prose of last year, agency and year kept', () => {
  const r = nextYearDraft(LAST, { skeleton: true });
  assert.ok(r.ok);
  assert.ok(r.draft.text.startsWith('# 某县市场监督管理局2024年政府信息公开工作年度报告'));
  assert.ok(!r.draft.text.includes('本年度未收取信息处理费'));
  assert.ok(!r.draft.text.includes('2024年1月20日'));
  assert.ok(r.draft.text.includes('【上年基数】'));
  assert.ok(r.draft.text.includes('（文字描述）'));
});

test('next year from real reports; a text without a dated title is refused', () => {
  for (const f of ['seed-000.md', 'seed-001.md', 'seed-004.md']) {
    const last = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', f), 'utf8');
    const r = nextYearDraft(last);
    assert.ok(r.ok, f);
    const lastYear = buildModel(last).reports[0].title!.year!;
    assert.equal(r.draft.year, lastYear + 1);
    assert.deepEqual(
      checkWith(last, r.draft.text).filter((x) => x.code === 'carry-over'),
      [],
      f,
    );
    assert.deepEqual(signingDates(buildModel(r.draft.text).reports[0]), [], f);
  }
  const bad = nextYearDraft('## 一、总体情况\n\n文字\n\n## 二、主动公开政府信息情况\n');
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.error.zh.includes('年份'));
});

test('next year from an imported draft: last year’s import note is not carried over', async () => {
  const { importText } = await import('../../server/src/io/index');
  const seed = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'seed-000.txt'), 'utf8');
  const imported = importText(seed).markdown;
  const noted = imported.includes('<!-- 导入提示：') ? imported : `<!-- 导入提示：以下内容未能对应到模板：\n- x\n-->\n\n${imported}`;
  const r = nextYearDraft(noted);
  assert.ok(r.ok);
  assert.ok(!r.draft.text.includes('导入提示'), r.draft.text.slice(0, 200));
  assert.match(r.draft.text, /^# .*年政府信息公开工作年度报告/);
});
