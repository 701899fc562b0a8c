/**
 * The content and cross-report rules (rules.md, issue 4): title-missing, overview-topic-missing,
 * overview-too-long, improvement-empty, fee-statement-missing, prose-mismatch, report-date,
 * carry-over, valid-count — on the seeds, the clean reports and the fixtures of
 * test/fixtures/rules/<code>/, with phrasings that must and must not be read, suppression
 * comments, configuration, the cross-year pair through a ReportSet and through the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  Analysis,
  AnalysisOptions,
  DocumentAnalyzer,
  RULES,
  ReportSet,
  analyze,
  applyEdits,
  buildModel,
  renderSkeleton,
} from '../../server/src/core/index';
import { readClaims } from '../../server/src/core/rules/prose-mismatch';
import { toDiagnostic } from '../../server/src/lsp';
import { FIXTURES, fixture, findingsOf, lineOf } from './util';

/** The content and cross-report rules, by their tags in the registry. */
const CONTENT = RULES.filter((r) => r.tags.includes('content') || r.tags.includes('cross-year')).map((r) => r.code);
const CONTENT_SET = new Set(CONTENT);
const ROOT = join(__dirname, '..', '..');

/** `line code` of the content rules' findings. */
function content(a: Analysis): string[] {
  return a.findings.filter((f) => CONTENT_SET.has(f.code)).map((f) => `${lineOf(a, f)} ${f.code}`);
}

function underlined(a: Analysis, code: string): string[] {
  return findingsOf(a, code).map((f) => a.model.text.slice(f.span.start, f.span.end));
}

function lineNo(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `not found: ${needle}`);
  return text.slice(0, i).split('\n').length;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---------------------------------------------------------------------------
// Registry and the files that must stay quiet

test('the content rules have the default severities of rules.md', () => {
  const spec: Record<string, string> = {
    'title-missing': 'warning',
    'overview-topic-missing': 'warning',
    'overview-too-long': 'information',
    'improvement-empty': 'warning',
    'fee-statement-missing': 'error',
    'prose-mismatch': 'warning',
    'report-date': 'error',
    'carry-over': 'warning',
    'valid-count': 'information',
  };
  for (const [code, severity] of Object.entries(spec)) {
    assert.ok(CONTENT_SET.has(code), `${code} is tagged content or cross-year`);
    assert.equal(RULES.find((r) => r.code === code)?.severity, severity, code);
  }
});

test('clean reports, the example and non-reports: nothing from the content rules', () => {
  for (const dir of ['clean', 'other']) {
    for (const f of readdirSync(join(FIXTURES, dir))) {
      const a = analyze(fixture(`${dir}/${f}`));
      assert.deepEqual(a.failures, [], f);
      assert.deepEqual(content(a), [], f);
    }
  }
  const example = analyze(readFileSync(join(ROOT, 'examples', '安乐镇人民政府-2023.md'), 'utf8'));
  assert.deepEqual(content(example), []);
});

test('the seeds: exactly the content findings of EXPECTED.md', () => {
  const expected: Record<string, string[]> = {
    'seed-000.md': [],
    'seed-001.md': ['133 report-date'],
    // 主动公开 (公布…信息8条) and 依申请公开 (未发生…收到…政府信息公开申请) are in its running prose.
    'seed-002.md': ['3 overview-topic-missing'],
    'seed-003.md': [...Array(3).fill('7 overview-topic-missing'), '81 fee-statement-missing'],
    'seed-004.md': Array(5).fill('7 overview-topic-missing'),
  };
  for (const [file, lines] of Object.entries(expected)) {
    const a = analyze(fixture(`seeds/${file}`));
    assert.deepEqual(a.failures, [], file);
    assert.deepEqual(content(a), lines, file);
  }
});

// ---------------------------------------------------------------------------
// title-missing

test('title-missing: no title line; the fix inserts one with the agency and year found in the report', () => {
  const text = fixture('rules/title-missing/no-title.md');
  const a = analyze(text);
  assert.deepEqual(content(a), ['1 title-missing']);
  const f = findingsOf(a, 'title-missing')[0];
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /缺少报告标题/);
  assert.match(f.message, /青石镇人民政府2024年政府信息公开工作年度报告/);
  assert.equal(f.fixes![0].kind, 'value');
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.ok(fixed.startsWith('# 青石镇人民政府2024年政府信息公开工作年度报告\n\n本报告根据'));
  const b = analyze(fixed);
  assert.deepEqual(content(b), []);
  assert.equal(b.model.reports[0].title?.agency, '青石镇人民政府');
  assert.equal(b.model.reports[0].title?.year, 2024);
});

test('title-missing: a title without a year, with a Chinese-numeral year, or with the placeholder agency', () => {
  const town = fixture('clean/town-2024.md');
  const noYear = town.replace('# 青石镇人民政府2024年政府信息公开工作年度报告', '# 青石镇人民政府政府信息公开工作年度报告');
  let a = analyze(noYear);
  assert.deepEqual(content(a), ['1 title-missing']);
  const f = findingsOf(a, 'title-missing')[0];
  assert.match(f.message, /缺少四位数字的年份/);
  assert.equal(applyEdits(noYear, f.fixes![0].edits).split('\n')[0], '# 青石镇人民政府2024年政府信息公开工作年度报告');

  a = analyze(town.replace('2024年政府信息公开工作年度报告', '二〇二四年政府信息公开工作年度报告'));
  assert.match(findingsOf(a, 'title-missing')[0].message, /青石镇人民政府2024年/);

  const skeleton = renderSkeleton().join('\n');
  a = analyze(skeleton);
  assert.match(findingsOf(a, 'title-missing')[0].message, /缺少机关名称和四位数字的年份/);
  a = analyze(skeleton.replace('（年份）年政府', '2023年政府'));
  assert.match(findingsOf(a, 'title-missing')[0].message, /缺少机关名称/);
  // A 公文 header before the title is fine (seed 004).
  assert.deepEqual(findingsOf(analyze(fixture('seeds/seed-004.md')), 'title-missing'), []);
});

// ---------------------------------------------------------------------------
// overview-topic-missing

function missingTopics(a: Analysis): string[] {
  return findingsOf(a, 'overview-topic-missing').map((f) => /未找到“([^”]+)”方面/.exec(f.message)?.[1] ?? 'oversight');
}

test('overview-topic-missing: seed 003 lacks exactly 政府信息管理, 平台建设 and 监督保障 (with 考核/评议/追究)', () => {
  const a = analyze(fixture('seeds/seed-003.md'));
  assert.deepEqual(missingTopics(a), ['政府信息管理', '政府信息公开平台建设', '监督保障']);
  const oversight = findingsOf(a, 'overview-topic-missing')[2];
  assert.match(oversight.message, /工作考核、社会评议和责任追究结果/);
  assert.equal(a.model.text.slice(oversight.span.start, oversight.span.end), '一、总体情况');
  // The fix inserts the sub-heading after the last one of 一 (（三）依申请公开), numbered on.
  const fixed = applyEdits(a.model.text, findingsOf(a, 'overview-topic-missing')[0].fixes![0].edits);
  assert.match(
    fixed,
    /党政办 2023 年度未收到依申请公开政府信息事项。\n\n### （四）政府信息管理\n\n（文字描述）\n\n## 二、主动公开政府信息情况/,
  );
  assert.deepEqual(missingTopics(analyze(fixed)), ['政府信息公开平台建设', '监督保障']);
});

test('overview-topic-missing: seeds 002 and 004 (no sub-headings); leads and short sentences count, loose words do not', () => {
  const s2 = missingTopics(analyze(fixture('seeds/seed-002.md')));
  assert.ok(s2.includes('监督保障'));
  // "加强政府信息公开平台建设情况。" is a short sentence of its own: the topic is named. The running
  // prose is about 主动公开 (公布疫情防控信息8条), 依申请公开 (未发生…收到…政府信息公开申请) and
  // 政府信息管理 (二是加强统一管理…严格申请、审核、批准、公开四个环节; seed-findings.md: "content is there").
  assert.deepEqual(s2, ['监督保障']);
  assert.match(findingsOf(analyze(fixture('seeds/seed-002.md')), 'overview-topic-missing')[0].message, /未找到“监督保障”方面的内容/);
  // 组织保障, 依法申请 and 严格监督 are not the topics.
  assert.deepEqual(missingTopics(analyze(fixture('seeds/seed-004.md'))), [
    '主动公开',
    '依申请公开',
    '政府信息管理',
    '政府信息公开平台建设',
    '监督保障',
  ]);
  // Topics as paragraph leads (一是主动公开方面，…, **政府信息管理**：…, （四）平台建设。…) in a department report.
  assert.deepEqual(content(analyze(fixture('rules/overview-topic-missing/lead-phrases-2023.md'))), []);
});

test('overview-topic-missing: a government’s 监督保障 without 社会评议; the fix goes between （二） and （四）', () => {
  const text = fixture('rules/overview-topic-missing/town-oversight-2024.md');
  const a = analyze(text);
  assert.deepEqual(content(a), ['5 overview-topic-missing', `${lineNo(text, '### （五）监督保障')} overview-topic-missing`]);
  const [topic, oversight] = findingsOf(a, 'overview-topic-missing');
  assert.match(topic.message, /未找到“政府信息管理”方面的内容/);
  assert.match(oversight.message, /“监督保障”未报告社会评议结果情况/);
  assert.doesNotMatch(oversight.message, /未报告工作考核/);
  const fixed = applyEdits(text, topic.fixes![0].edits);
  assert.match(fixed, /### （二）依申请公开\n\n[^\n]+\n\n### （三）政府信息管理\n\n（文字描述）\n\n### （四）政府信息公开平台建设/);
  assert.deepEqual(missingTopics(analyze(fixed)), ['oversight']);
  // A department does not report 考核/评议/追究 …
  const dept = fixture('clean/department-2023.md').replace(/将政府信息公开工作纳入股室年度工作考核[^\n]+/, '定期检查专栏更新情况。');
  assert.deepEqual(content(analyze(dept)), []);
  // … unless the configuration says the report is a township's.
  assert.match(
    findingsOf(analyze(dept, { reportKind: 'township' }), 'overview-topic-missing')[0].message,
    /未报告工作考核、社会评议、责任追究结果情况/,
  );
});

// ---------------------------------------------------------------------------
// overview-too-long, improvement-empty

test('overview-too-long: over 1000 characters of prose (markup and headings not counted)', () => {
  const a = analyze(fixture('rules/overview-too-long/long-2023.md'));
  assert.deepEqual(content(a), ['5 overview-too-long']);
  const f = findingsOf(a, 'overview-too-long')[0];
  assert.equal(f.severity, 'information');
  assert.match(f.message, /正文约1206字.*多206字/);
  // Seed 000's 一 is well under (737 characters with punctuation, 630 without).
  assert.deepEqual(findingsOf(analyze(fixture('seeds/seed-000.md')), 'overview-too-long'), []);
  // Bold markers, link targets and headings do not count: only the text (here n + 2 characters for 链接).
  const base = fixture('clean/department-2023.md');
  const only = (n: number) =>
    base.replace(
      /(## 一、总体情况\n\n)[\s\S]*?(\n\n## 二)/,
      `$1### （一）主动公开\n\n**${'政'.repeat(n)}**[链接](https://example.invalid/${'a'.repeat(50)})，。$2`,
    );
  assert.deepEqual(findingsOf(analyze(only(998)), 'overview-too-long'), []);
  assert.match(findingsOf(analyze(only(999)), 'overview-too-long')[0].message, /约1001字/);
});

test('improvement-empty: 无, the template placeholder, sub-headings only, under 10 characters', () => {
  const a = analyze(fixture('rules/improvement-empty/none-2024.md'));
  assert.deepEqual(content(a), ['97 improvement-empty']);
  assert.match(findingsOf(a, 'improvement-empty')[0].message, /只写了“无。”/);
  const town = fixture('clean/town-2024.md');
  const five = /(## 五、存在的主要问题及改进情况\n\n)[\s\S]*?(\n\n## 六)/;
  const with5 = (body: string) => analyze(town.replace(five, `$1${body}$2`));
  // The placeholder is no content (text-placeholder reports it as such).
  assert.match(findingsOf(with5('（文字描述）'), 'improvement-empty')[0].message, /没有内容/);
  assert.equal(findingsOf(with5('（文字描述）'), 'text-placeholder').length, 1);
  assert.match(findingsOf(with5('### （一）存在问题\n\n### （二）改进情况'), 'improvement-empty')[0].message, /没有内容/);
  assert.match(findingsOf(with5('更新不够及时。'), 'improvement-empty')[0].message, /只有6个字/);
  assert.deepEqual(findingsOf(with5('专栏更新不够及时，将每月检查。'), 'improvement-empty'), []);
  assert.deepEqual(findingsOf(with5('暂无'), 'improvement-empty').length, 1);
});

// ---------------------------------------------------------------------------
// fee-statement-missing

test('fee-statement-missing: seed 003 and a town report; the fix goes before the closing lines', () => {
  assert.match(findingsOf(analyze(fixture('seeds/seed-003.md')), 'fee-statement-missing')[0].message, /未说明信息处理费收取情况/);
  const text = fixture('rules/fee-statement-missing/no-fee-2024.md');
  const a = analyze(text);
  assert.deepEqual(content(a), ['103 fee-statement-missing']);
  const f = findingsOf(a, 'fee-statement-missing')[0];
  assert.equal(f.severity, 'error');
  assert.equal(f.fixes![0].kind, 'value');
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.ok(
    fixed.endsWith('本年度没有其他需要报告的事项。\n\n本机关2024年度未收取政府信息公开信息处理费。\n\n青石镇人民政府\n\n2025年1月20日\n'),
    fixed.slice(-120),
  );
  assert.deepEqual(content(analyze(fixed)), []);
});

test('fee-statement-missing: the wordings that count, and the skeleton placeholder', () => {
  const town = fixture('clean/town-2024.md');
  const with6 = (s: string) => findingsOf(analyze(town.replace('本机关2024年度未收取信息处理费。', s)), 'fee-statement-missing').length;
  for (const ok of [
    '本年度没有产生信息公开处理费。',
    '2024年未收取政府信息公开信息处理费。',
    '本机关未收取任何费用。',
    '全年收取信息处理费0元。',
    '本年度未发生收费情况。',
    '### （一）收取信息处理费情况\n\n无。',
  ])
    assert.equal(with6(ok), 0, ok);
  for (const bad of ['本年度没有其他需要报告的事项。', '无。', '本机关按规定做好政务公开工作经费保障。']) assert.equal(with6(bad), 1, bad);
  // The skeleton's placeholder mentions the fee but states nothing: it satisfies no rule.
  assert.equal(findingsOf(analyze(renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n')), 'fee-statement-missing').length, 1);
});

// ---------------------------------------------------------------------------
// report-date

test('report-date: seed 001 dated inside its own report year is an error', () => {
  const a = analyze(fixture('seeds/seed-001.md'));
  const f = findingsOf(a, 'report-date');
  assert.deepEqual(
    f.map((x) => [lineOf(a, x), x.severity]),
    [[133, 'error']],
  );
  assert.equal(underlined(a, 'report-date')[0], '2023年1月24日');
  assert.match(f[0].message, /不晚于报告年度2023年.*是否应为2024年1月24日/);
  // Seed 004: 2024年1月23日印发, a township, before 1月31日; 兑政发〔2024〕2号 is no date.
  assert.deepEqual(findingsOf(analyze(fixture('seeds/seed-004.md')), 'report-date'), []);
});

test('report-date: past the deadline, statistic period of another year, a government’s 3月31日', () => {
  const a = analyze(fixture('rules/report-date/late-department-2023.md'));
  assert.deepEqual(
    findingsOf(a, 'report-date').map((f) => [lineOf(a, f), f.severity]),
    [
      [3, 'warning'],
      [109, 'warning'],
    ],
  );
  assert.deepEqual(underlined(a, 'report-date'), ['2022年1月1日', '2024年2月5日']);
  assert.match(findingsOf(a, 'report-date')[1].message, /晚于法定公开期限2024年1月31日（县级以上人民政府部门/);
  // Declared a government's own report, 2024年2月5日 is in time.
  assert.deepEqual(
    findingsOf(analyze(fixture('rules/report-date/late-department-2023.md'), { reportKind: 'government' }), 'report-date').length,
    1,
  );

  const gov = fixture('rules/report-date/government-2023.md');
  const g = analyze(gov);
  assert.equal(g.model.reports[0].title?.kind, 'government');
  assert.deepEqual(content(g), []);
  const late = analyze(gov.replace('2024年3月15日', '2024年4月2日'));
  assert.match(findingsOf(late, 'report-date')[0].message, /晚于法定公开期限2024年3月31日（人民政府本级/);
});

test('report-date: Chinese-numeral dates, 印发 lines, and dates that are not signing dates', () => {
  const town = fixture('clean/town-2024.md');
  const sign = (s: string) => analyze(town.replace('\n2025年1月20日\n', `\n${s}\n`));
  assert.deepEqual(findingsOf(sign('二〇二五年一月二十日'), 'report-date'), []);
  assert.equal(findingsOf(sign('二〇二四年十二月三十日'), 'report-date')[0].severity, 'error');
  assert.equal(findingsOf(sign('2025年2月20日印发'), 'report-date')[0].severity, 'warning');
  assert.equal(findingsOf(sign('青石镇人民政府 2024年1月20日'), 'report-date')[0].severity, 'error');
  assert.equal(findingsOf(sign('印发日期：2025年2月20日'), 'report-date').length, 1);
  // A date in a sentence is an event, not the signing date; nor is a date after another label.
  assert.deepEqual(findingsOf(sign('更新时间：2024年5月6日'), 'report-date'), []);
  assert.deepEqual(findingsOf(sign('2024年1月5日，镇政府召开政务公开工作会议。'), 'report-date'), []);
  // No title year: nothing to compare with.
  assert.deepEqual(findingsOf(analyze(fixture('rules/title-missing/no-title.md')), 'report-date'), []);
});

// ---------------------------------------------------------------------------
// prose-mismatch

test('prose-mismatch: figures that contradict tables 三 and 四, underlined, with the table cell as related information', () => {
  const text = fixture('rules/prose-mismatch/mismatch-2024.md');
  const a = analyze(text);
  const f = findingsOf(a, 'prose-mismatch');
  assert.deepEqual(
    f.map((x) => `${lineOf(a, x)} ${a.model.text.slice(x.span.start, x.span.end)}`),
    ['15 14件', '15 2件', '15 10%', '15 2件', '17 2件'],
  );
  assert.ok(f.every((x) => x.severity === 'warning'));
  assert.equal(
    f[0].message,
    '正文“收到政府信息公开申请14件”与表三“一、本年新收政府信息公开申请数量”12件不符（加上年结转1件为13件，也不相符）',
  );
  assert.match(f[1].message, /“结转下年度2件”与表三“四、结转下年度继续办理”1件不符/);
  assert.match(f[2].message, /“部分公开1件”所占比例写作10%，与件数不符：1÷12（表三“（七）总计”）=8\.33%/);
  assert.match(f[3].message, /“不予处理2件”与表三“（五）不予处理”1件不符/);
  assert.match(f[4].message, /“行政复议2件”与表四“行政复议·总计”1件不符/);
  // Related information: the table cell, in this document.
  const cell = f[0].related![0];
  assert.equal(a.model.text.slice(cell.span.start, cell.span.end), '12');
  assert.equal(a.model.lines.positionAt(cell.span.start).line + 1, lineNo(text, '| 一、本年新收政府信息公开申请数量'));
  assert.equal(cell.uri, undefined);
  const t4 = f[4].related![0];
  assert.equal(a.model.lines.positionAt(t4.span.start).line + 1, lineNo(text, '| 结果维持 | 结果纠正') + 1);
  // 上年结转1件, 办结12件, 予以公开6件 (50% of 12), 不予公开, 无法提供, 行政诉讼1件 agree: not reported.
});

test('prose-mismatch: "共收到70件申请，办结69件" is 70 received and 69 answered; comparisons and other matters are not read', () => {
  const text = fixture('rules/prose-mismatch/agree-2023.md');
  const a = analyze(text);
  assert.deepEqual(content(a), []);
  const para = text.split('\n')[14];
  const claims = readClaims(para, 2023).map(
    (c) => `${c.kind}=${c.value}${c.negated ? '(否定)' : ''}${c.percent ? `@${c.percent.value}%` : ''}`,
  );
  assert.deepEqual(claims, [
    'received=70',
    'handled=69',
    'forward=1',
    'g1=35@50.72%',
    'g2=6',
    'g12=41@59.42%',
    'review=0(否定)',
    'litigation=0(否定)',
  ]);
  // With (七)总计 70 the same prose is wrong about 办结 — and only about that.
  const t = a.model.reports[0].table3!;
  assert.equal(t.rows.get('total')!.cells.get('total')!.value, 69);
});

test('prose-mismatch: seed 000 "收到1条" agrees with 新收 1; "收到3条" does not', () => {
  const seed = fixture('seeds/seed-000.md');
  assert.deepEqual(findingsOf(analyze(seed), 'prose-mismatch'), []);
  const a = analyze(seed.replace('收到1条依申请政府信息公开', '收到3条依申请政府信息公开'));
  const f = findingsOf(a, 'prose-mismatch');
  assert.deepEqual(
    f.map((x) => lineOf(a, x)),
    [15],
  );
  assert.equal(underlined(a, 'prose-mismatch')[0], '3条');
  assert.match(f[0].message, /“收到3条”与表三“一、本年新收政府信息公开申请数量”1件不符/);
});

/** Replace the application paragraph of the clean town report (tables: 新收12 结转1 办结12 结转下年1 …, 复议1 诉讼1). */
function townWith(paragraph: string): Analysis {
  const town = fixture('clean/town-2024.md');
  return analyze(town.replace(/全年共收到政府信息公开申请12件[^\n]+/, paragraph));
}

test('prose-mismatch: phrasings that are read (number before or after the noun, 含上年结转, 未收到, percentages, 件/起/宗)', () => {
  const cases: [string, string[]][] = [
    ['全年共收到12件政府信息公开申请，均已办结。', []],
    ['全年共受理政府信息公开申请15件。', ['15件']],
    ['全年收到政府信息公开申请13件（含上年结转1件）。', []],
    ['全年收到政府信息公开申请12件（含上年结转1件）。', ['12件']],
    ['全年收到政府信息公开申请13件，已全部办结。', []], // 13 = 新收 12 + 结转 1: may mean both, say nothing
    ['本年新收政府信息公开申请13件。', ['13件']], // 新收 is 新收
    ['全年未收到政府信息公开申请。', ['未收到政府信息公开申请']],
    ['全年共收到申请12件，办结11件，1件结转下年度。', ['11件']],
    ['办结的申请中，予以公开及部分公开7件，占58.33%。', []],
    ['办结的申请中，予以公开及部分公开8件。', ['8件']],
    ['办结的申请中，予以公开6件，占60%。', ['60%']],
    ['本年度因政府信息公开工作被申请行政复议2起，被提起行政诉讼3宗。', ['2起', '3宗']],
    [
      '本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。',
      ['未发生因政府信息公开工作被申请行政复议', '未发生因政府信息公开工作被申请行政复议、提起行政诉讼'],
    ],
    ['收到一件政府信息公开申请。', ['一件']],
    ['收到申请12件，有2件申请结转至2025年办理。', ['2件']],
    ['收到申请12件，有1件申请结转至2025年办理。', []],
    // A published 2023 report: this sentence against 新收 3 in its own table (here 12).
    ['本年度，共受理政府信息公开申请2件，都在法定期限内予以答复。', ['2件']],
    ['办结的申请中，予以公开答复6件，不予公开和无法提供共4件。', []],
    ['办结的申请中，同意公开或部分公开共9件。', ['9件']],
  ];
  for (const [p, expected] of cases) assert.deepEqual(underlined(townWith(p), 'prose-mismatch'), expected, p);
});

test('prose-mismatch: a roll-up paragraph of a published report is read figure by figure', () => {
  const para =
    '2022年,全区各职能部门、镇街共收到政府信息依申请公开1499件。其中,通过网络申请1303件,占86.92%;通过信函申请172件,占11.47%。' +
    '2022年,全区各职能部门、镇街共完成政府信息依申请公开答复1453件,包括上年结转信息公开申请30件。其中,予以公开答复966件,占66.48%;' +
    '部分公开67,占4.61%;不予公开81件,占5.57%;无法提供的182件,占12.53%;不予处理的61件,占4.20%;其他处理96件,占6.61%。';
  const claims = readClaims(para, 2022).map((c) => `${c.kind}=${c.value}${c.percent ? `@${c.percent.value}%` : ''}`);
  // 予以公开答复966件 is a result (not all answers); 部分公开67 has no unit; the channels are not results.
  assert.deepEqual(claims, [
    'received=1499',
    'handled=1453',
    'carried=30',
    'g1=966@66.48%',
    'g3=81@5.57%',
    'g4=182@12.53%',
    'g5=61@4.2%',
    'g6=96@6.61%',
  ]);
});

test('prose-mismatch: phrasings that must not be read (no false alarm)', () => {
  for (const p of [
    '全年共收到12件申请，办结12件。', // read, and it agrees
    '收到申请约20件。',
    '收到申请20余件。',
    '收到申请较上年的20件减少8件。',
    '2023年收到申请20件。',
    '收到申请数同比增加6件。',
    '全年收到群众来信50件，办理人大代表建议12件，办结12345热线工单300件。',
    '全年主动予以公开政府信息236条。',
    '未收到纸质申请，通过网上平台收到申请12件。',
    '本年度未收到行政许可申请。',
    '被提起行政诉讼1件（未经行政复议直接起诉）。',
    '全年办理行政复议案件120件，行政诉讼应诉35件。',
    '其中自然人申请10件，法人或其他组织申请2件。',
    '推进“高效办成一件事”改革，收到政府信息公开申请12件。',
    '尚未办结2件，不予受理5件。',
    '收到申请、办结申请各20件。',
    '申请均在15个工作日内答复。',
    '全年未发生因政府信息公开被复议纠错、行政诉讼败诉的情况。',
    '2025年办结申请20件。',
    '力争办结申请20件。',
  ])
    assert.deepEqual(underlined(townWith(p), 'prose-mismatch'), [], p);
});

test('prose-mismatch: nothing when the table cell it would compare with is blank', () => {
  const town = fixture('clean/town-2024.md');
  const blank = town.replace(
    '| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 1 | 0 | 12 |',
    '| 一、本年新收政府信息公开申请数量 |  |  | 9 | 2 | 0 | 0 | 1 | 0 |  |',
  );
  assert.notEqual(blank, town);
  const a = analyze(blank.replace('全年共收到政府信息公开申请12件', '全年共收到政府信息公开申请99件'));
  assert.deepEqual(findingsOf(a, 'prose-mismatch'), []);
});

// ---------------------------------------------------------------------------
// carry-over and valid-count: the same agency's 2022 and 2023 reports

const PAIR = join(FIXTURES, 'rules', 'cross-year');
const Y22 = join(PAIR, '云溪县自然资源局-2022.md');
const Y23 = join(PAIR, '云溪县自然资源局-2023.md');

function pairSet(): ReportSet {
  const set = new ReportSet();
  for (const p of [Y22, Y23]) {
    const text = readFileSync(p, 'utf8');
    set.add(p, text.slice(0, 4096), () => text);
  }
  return set;
}

test("carry-over and valid-count through a ReportSet: last year's figures, related information in the other file", () => {
  const text = readFileSync(Y23, 'utf8');
  // Alone, the 2023 report is clean.
  assert.deepEqual(content(analyze(text)), []);
  const a = analyze(text, {}, pairSet());
  const carried = lineNo(text, '| 二、上年结转政府信息公开申请数量');
  assert.deepEqual(content(a), [`36 valid-count`, `${carried} carry-over`, `${carried} carry-over`]);
  const [natural, total] = findingsOf(a, 'carry-over');
  assert.equal(natural.severity, 'warning');
  assert.equal(
    natural.message,
    '表三“自然人”列“二、上年结转政府信息公开申请数量”为2，但2022年度报告（云溪县自然资源局-2022.md）的“四、结转下年度继续办理”为3，相差1：两者应相等，请核对本年的“上年结转”或上一年度报告',
  );
  assert.match(total.message, /“总计”列.*为2，.*为3，相差1/);
  assert.equal(a.model.text.slice(natural.span.start, natural.span.end), '2');
  const rel = natural.related![0];
  assert.equal(rel.uri, Y22);
  const last = readFileSync(Y22, 'utf8');
  assert.equal(rel.range!.start.line + 1, lineNo(last, '| 四、结转下年度继续办理'));
  assert.equal(last.slice(rel.span.start, rel.span.end), '3');

  const v = findingsOf(a, 'valid-count')[0];
  assert.equal(v.severity, 'information');
  assert.match(
    v.message,
    /表二“行政规范性文件”现行有效件数为6，但按2022年度报告（云溪县自然资源局-2022\.md）的现行有效件数4\+本年制发2−本年废止1应为5，相差1/,
  );
  assert.equal(v.related![0].uri, Y22);
  assert.equal(last.slice(v.related![0].span.start, v.related![0].span.end), '4');
  assert.deepEqual(
    v.related!.slice(1).map((r) => text.slice(r.span.start, r.span.end)),
    ['2', '1'],
  );

  // The 2022 report has no 2021 report beside it; the DocumentAnalyzer takes the same index.
  assert.deepEqual(content(analyze(last, {}, pairSet())), []);
  assert.deepEqual(content(new DocumentAnalyzer().analyze(text, {}, pairSet())), content(a));
  // The LSP diagnostic points into the other file.
  const d = toDiagnostic('file:///x/2023.md', a.model.lines, natural, 1);
  assert.equal(d.relatedInformation![0].location.uri, Y22);
  assert.deepEqual(d.relatedInformation![0].location.range, rel.range);
});

test('carry-over and valid-count through the CLI on the folder (JSON, related file), and nowhere else', () => {
  const r = cli('check', 'test/fixtures/rules/cross-year', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    file: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      related?: { file: string; message: string; range: { start: { line: number } } }[];
    }[];
  }[];
  const y23 = out.find((f) => f.file.endsWith('云溪县自然资源局-2023.md'))!;
  assert.deepEqual(
    y23.diagnostics.map((d) => `${d.code} ${d.severity}`),
    ['valid-count information', 'carry-over warning', 'carry-over warning'],
  );
  assert.equal(y23.diagnostics[1].related![0].file, 'test/fixtures/rules/cross-year/云溪县自然资源局-2022.md');
  assert.equal(y23.diagnostics[1].related![0].range.start.line + 1, lineNo(readFileSync(Y22, 'utf8'), '| 四、结转下年度继续办理'));
  assert.deepEqual(out.find((f) => f.file.endsWith('2022.md'))!.diagnostics, []);
  // No pair among the seeds, the clean reports and the example (EXPECTED.md, "Across files").
  const all = cli('check', 'test/fixtures/seeds', 'test/fixtures/clean', 'examples', '--format', 'json');
  const codes = (JSON.parse(all.stdout) as { diagnostics: { code: string }[] }[]).flatMap((f) => f.diagnostics.map((d) => d.code));
  assert.ok(!codes.includes('carry-over') && !codes.includes('valid-count'));
});

// ---------------------------------------------------------------------------
// Suppression comments: each scope silences exactly its scope

test('suppression: disable-next-line, disable-line, disable/enable and disable-file, with and without codes', () => {
  const base = fixture('rules/prose-mismatch/mismatch-2024.md').replace(
    /(## 五、存在的主要问题及改进情况\n\n)[\s\S]*?(\n\n## 六)/,
    '$1无。$2',
  );
  const apps = '全年共收到政府信息公开申请14件';
  const cases = '本年度因政府信息公开工作被申请行政复议2件';
  const summary = (text: string) => {
    const a = analyze(text);
    return {
      apps: findingsOf(a, 'prose-mismatch').filter((f) => lineOf(a, f) === lineNo(text, apps)).length,
      cases: findingsOf(a, 'prose-mismatch').filter((f) => lineOf(a, f) === lineNo(text, cases)).length,
      five: findingsOf(a, 'improvement-empty').length,
    };
  };
  assert.deepEqual(summary(base), { apps: 4, cases: 1, five: 1 });
  const before = (text: string, needle: string, comment: string) => text.replace(needle, `${comment}\n${needle}`);
  // The next non-blank line, only the codes named.
  assert.deepEqual(summary(before(base, apps, '<!-- 年报检查-disable-next-line prose-mismatch -->\n')), { apps: 0, cases: 1, five: 1 });
  assert.deepEqual(summary(before(base, apps, '<!-- 年报检查-disable-next-line report-date -->')), { apps: 4, cases: 1, five: 1 });
  assert.deepEqual(summary(before(base, cases, '<!-- 年报检查-disable-next-line -->')), { apps: 4, cases: 0, five: 1 });
  // The comment's own line.
  assert.deepEqual(
    summary(base.replace('结果维持；被提起行政诉讼1件，系未经复议直接起诉，结果维持。', '$&<!-- 年报检查-disable-line prose-mismatch -->')),
    { apps: 4, cases: 0, five: 1 },
  );
  // A range: from the disable comment to the enable comment.
  const ranged = before(
    before(base, apps, '<!-- 年报检查-disable prose-mismatch -->\n'),
    cases,
    '<!-- 年报检查-enable prose-mismatch -->\n',
  );
  assert.deepEqual(summary(ranged), { apps: 0, cases: 1, five: 1 });
  // The whole file, for one code; and for every code.
  assert.deepEqual(summary(`<!-- 年报检查-disable-file prose-mismatch -->\n\n${base}`), { apps: 0, cases: 0, five: 1 });
  assert.deepEqual(summary(`<!-- 年报检查-disable-file improvement-empty valid-count -->\n\n${base}`), { apps: 4, cases: 1, five: 0 });
  assert.deepEqual(summary(`${base}\n<!-- 年报检查-disable-file -->\n`), { apps: 0, cases: 0, five: 0 });
});

// ---------------------------------------------------------------------------
// Configuration

test('configuration: severity override and off through AnalysisOptions.rules', () => {
  const text = fixture('rules/prose-mismatch/mismatch-2024.md');
  const sev = (options: AnalysisOptions, code: string) => findingsOf(analyze(text, options), code).map((f) => f.severity);
  assert.deepEqual(sev({}, 'prose-mismatch'), Array(5).fill('warning'));
  assert.deepEqual(sev({ rules: { 'prose-mismatch': 'error' } }, 'prose-mismatch'), Array(5).fill('error'));
  assert.deepEqual(sev({ rules: { 'prose-mismatch': 'off' } }, 'prose-mismatch'), []);
  // report-date has two levels; an override applies to both.
  const late = fixture('rules/report-date/late-department-2023.md').replace('2024年2月5日', '2023年2月5日');
  assert.deepEqual(
    findingsOf(analyze(late), 'report-date').map((f) => f.severity),
    ['warning', 'error'],
  );
  assert.deepEqual(
    findingsOf(analyze(late, { rules: { 'report-date': 'information' } }), 'report-date').map((f) => f.severity),
    ['information', 'information'],
  );
  // English messages.
  assert.match(findingsOf(analyze(text, { locale: 'en' }), 'prose-mismatch')[0].message, /^The text states 14 requests received/);
});

test('configuration: a .xxgk-report.json beside the reports, read by the CLI', () => {
  const dir = 'test/fixtures/rules/config';
  const config = JSON.parse(readFileSync(join(ROOT, dir, '.xxgk-report.json'), 'utf8'));
  assert.deepEqual(config.rules, { 'fee-statement-missing': 'warning', 'overview-topic-missing': 'off' });
  const same = readFileSync(join(ROOT, dir, 'no-fee-2024.md'), 'utf8');
  // Without the file: an error (exit 1) and a topic warning.
  const plain = analyze(same);
  assert.deepEqual(content(plain), ['5 overview-topic-missing', '103 fee-statement-missing']);
  const r = cli('check', dir, '--format', 'json');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const diags = (JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] }[])[0].diagnostics;
  assert.deepEqual(
    diags.filter((d) => CONTENT_SET.has(d.code)).map((d) => `${d.code} ${d.severity}`),
    ['fee-statement-missing warning'],
  );
  // --config with another file wins over the one beside the reports.
  const other = cli('check', dir, '--format', 'json', '--config', resolve(ROOT, 'test/fixtures/rules/config/strict.json'));
  assert.equal(other.code, 1);
  const d2 = (JSON.parse(other.stdout) as { diagnostics: { code: string; severity: string }[] }[])[0].diagnostics;
  assert.deepEqual(
    d2.filter((d) => CONTENT_SET.has(d.code)).map((d) => `${d.code} ${d.severity}`),
    ['overview-topic-missing error', 'fee-statement-missing error'],
  );
});

test('a model without tables or title: the content rules do not throw', () => {
  for (const text of [
    '## 一、总体情况\n\n## 六、其他需要报告的事项\n',
    '# 某局2023年政府信息公开工作年度报告\n',
    '## 三、收到和处理政府信息公开申请情况\n\n全年收到申请3件。\n\n## 四、政府信息公开行政复议、行政诉讼情况\n',
  ]) {
    const a = analyze(text);
    assert.deepEqual(a.failures, []);
    assert.ok(buildModel(text).isReport);
  }
});
