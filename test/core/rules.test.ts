/**
 * One case per rule, table-driven: a positive text (the rule reports), a negative one (it does
 * not), its fix applied and the text re-analysed, and both locales. Then the same cases with
 * each rule turned off in turn: something must fail, so no rule's check can silently vanish.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, checkRuleSetting, safeFixEdits, RULES, buildModel, runRules } from '../../server/src/core/index';
import type { Analysis, AnalysisOptions, ReportIndex } from '../../server/src/core/index';
import { RULE_TAGS } from '../../server/src/core/rule';
import { fixture } from './util';
import { registerOptionFor } from '../register/make';

const BASE = fixture('clean/town-2024.md');

/** Last year's report of the same agency: its 结转下年度 matches this year's 上年结转; 2 documents in force. */
const PREVIOUS = BASE.replace('青石镇人民政府2024年', '青石镇人民政府2023年').replace(
  '| 行政规范性文件 | 1 | 0 | 3 |',
  '| 行政规范性文件 | 1 | 0 | 2 |',
);

const models = new Map<string, ReturnType<typeof buildModel>>();

function indexOf(prevText: string): ReportIndex {
  let model = models.get(prevText);
  if (!model) {
    model = buildModel(prevText);
    models.set(prevText, model);
  }
  return { previous: () => ({ ...model.reports[0], text: prevText, uri: 'file:///r/%E9%9D%92%E7%9F%B3-2023.md' }) };
}

function sub(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`case text not found: ${String(from)}`);
  return next;
}

/** Replace the n-th (1-based) value cell of the table row that starts with `label`. */
function cell(text: string, label: string, n: number, value: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label) && l.startsWith('|'));
  if (i < 0) throw new Error(`row not found: ${label}`);
  const cells = lines[i].split('|');
  // cells[0] is '' before the first pipe; value cells follow the label cells.
  const labels = lines[i].startsWith('|  |') || /^\| [一二三四]、/.test(lines[i]) ? 3 : 1;
  cells[labels + n] = ` ${value} `;
  lines[i] = cells.join('|');
  return lines.join('\n');
}

interface Case {
  code: string;
  positive: string;
  /** Defaults to the clean report (with PREVIOUS beside it and no options). */
  negative?: string;
  options?: AnalysisOptions;
  negativeOptions?: AnalysisOptions;
  /** Last year's report, for the cross-year rules (defaults to PREVIOUS for every case). */
  previous?: string;
  /** The first finding offers a fix that removes it. */
  fix: boolean;
}

const section5 = /## 五、存在的主要问题及改进情况\n\n[\s\S]*?\n\n(?=## 六)/;

const CASES: Case[] = [
  { code: 'section-missing', positive: sub(BASE, section5, ''), fix: true },
  {
    code: 'section-order',
    positive: sub(BASE, /(## 四、[\s\S]*?\n\n)(## 五、[\s\S]*?\n\n)(?=## 六)/, '$2$1'),
    fix: false,
  },
  {
    code: 'section-duplicate',
    positive: sub(
      BASE,
      '## 六、其他需要报告的事项',
      '## 五、存在的主要问题及改进情况\n\n另有问题若干，将逐项整改落实到位。\n\n## 六、其他需要报告的事项',
    ),
    fix: false,
  },
  { code: 'section-title', positive: sub(BASE, '## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进措施'), fix: true },
  { code: 'section-not-heading', positive: sub(BASE, '## 五、存在的主要问题及改进情况', '**五、存在的主要问题及改进情况**'), fix: true },
  { code: 'title-missing', positive: sub(BASE, '# 青石镇人民政府2024年政府信息公开工作年度报告', '# 政府信息公开工作年度报告'), fix: true },
  { code: 'overview-topic-missing', positive: sub(BASE, /### （四）政府信息公开平台建设\n\n.*\n\n/, ''), fix: true },
  {
    code: 'overview-too-long',
    positive: BASE,
    options: { rules: { 'overview-too-long': { options: { maxChars: 100 } } } },
    fix: false,
  },
  { code: 'improvement-empty', positive: sub(BASE, section5, '## 五、存在的主要问题及改进情况\n\n无。\n\n'), fix: false },
  { code: 'fee-statement-missing', positive: sub(BASE, '本机关2024年度未收取信息处理费。', '本机关没有其他需要报告的事项。'), fix: true },
  { code: 'table-missing', positive: sub(BASE, /\| 行政复议 \|[\s\S]*?\n\n(?=## 五)/, '本年度无行政复议、行政诉讼。\n\n'), fix: true },
  { code: 'table-outdated', positive: sub(BASE, '| 信息内容 | 本年制发件数 |', '| 信息内容 | 本年新制作数量 |'), fix: true },
  { code: 'row-missing', positive: sub(BASE, /\| {2}\| {2}\| 2\.重复申请 \|.*\n/, ''), fix: true },
  {
    code: 'row-unknown',
    positive: sub(BASE, '| 四、结转下年度继续办理 |', '|  | 小计 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n| 四、结转下年度继续办理 |'),
    fix: false,
  },
  { code: 'row-label', positive: sub(BASE, '| （一）予以公开 |', '| (一)予以公开 |'), fix: true },
  { code: 'column-missing', positive: sub(BASE, '| 科研机构 |', '|  |'), fix: false },
  { code: 'column-label', positive: sub(BASE, '| 社会公益组织 |', '| 社会组织 |'), fix: true },
  {
    code: 'column-unknown',
    positive: sub(BASE, '| 总计 |\n| --- | --- | --- |', '| 总计 | 小计 |\n| --- | --- | --- | ---: |'),
    fix: false,
  },
  { code: 'row-shape', positive: sub(BASE, '| 9 | 2 | 0 | 0 | 1 | 0 | 12 |', '| 9 | 2 | 0 | 0 | 1 | 0 | 12 | 3 |'), fix: false },
  { code: 'cell-empty', positive: cell(BASE, '2.重复申请', 1, ''), fix: true },
  { code: 'cell-unit', positive: sub(BASE, '| 行政许可 | 15 |', '| 行政许可 | 15件 |'), fix: true },
  { code: 'cell-not-number', positive: sub(BASE, '| 行政许可 | 15 |', '| 行政许可 | 若干 |'), fix: false },
  { code: 'cell-invalid', positive: sub(BASE, '| 行政处罚 | 8 |', '| 行政处罚 | 8.5 |'), fix: false },
  // One wrong cell: 四、结转下年度 自然人 2 instead of 1 breaks its row total and the balance.
  { code: 'balance', positive: cell(BASE, '四、结转下年度继续办理', 1, '2'), fix: true },
  { code: 'result-total', positive: cell(BASE, '（一）予以公开', 1, '5'), fix: true },
  { code: 'row-total', positive: cell(BASE, '一、本年新收政府信息公开申请数量', 7, '13'), fix: true },
  { code: 'review-total', positive: sub(BASE, '| 1 | 0 | 0 | 0 | 1 | 1 | 0 |', '| 1 | 0 | 0 | 0 | 2 | 1 | 0 |'), fix: true },
  { code: 'prose-mismatch', positive: sub(BASE, '全年共收到政府信息公开申请12件', '全年共收到政府信息公开申请14件'), fix: false },
  { code: 'report-date', positive: sub(BASE, '2025年1月20日', '2024年1月20日'), fix: false },
  { code: 'carry-over', positive: BASE, previous: cell(PREVIOUS, '四、结转下年度继续办理', 7, '3'), fix: false },
  {
    code: 'valid-count',
    positive: BASE,
    previous: PREVIOUS.replace('| 行政规范性文件 | 1 | 0 | 2 |', '| 行政规范性文件 | 1 | 0 | 5 |'),
    fix: false,
  },
  {
    // The register counts 4 natural persons under （一）; the draft says 5.
    code: 'register-mismatch',
    positive: cell(BASE, '（一）予以公开', 1, '5'),
    options: { register: registerOptionFor(BASE) },
    negativeOptions: { register: registerOptionFor(BASE) },
    fix: true,
  },
  {
    code: 'text-placeholder',
    positive: sub(
      BASE,
      section5,
      '## 五、存在的主要问题及改进情况\n\n一是XX工作还不够深入（文字描述）。二是政策解读形式单一，下一步将每季度制作图解。\n\n',
    ),
    fix: false,
  },
  {
    code: 'page-furniture',
    positive: sub(BASE, '本机关2024年度未收取信息处理费。', '本机关2024年度未收取信息处理费。\n\n微信微博QQ空间'),
    fix: true,
  },
];

/** analyze(), with each text parsed once: the cases re-run one text under many options. */
function run(text: string, c: Case, extra: AnalysisOptions = {}): Analysis {
  const options: AnalysisOptions = { ...c.options, ...extra, rules: { ...c.options?.rules, ...extra.rules } };
  let model = models.get(text);
  if (!model) {
    model = buildModel(text);
    models.set(text, model);
  }
  return { model, ...runRules(model, options, indexOf(c.previous ?? PREVIOUS)) };
}

const CJK_TABLE_NAME = /表[一二三四]|统计表/;

/** The checks of one case; throws on the first that fails. */
function checkCase(c: Case, extra: AnalysisOptions = {}): void {
  const pos = run(c.positive, c, extra);
  assert.deepEqual(pos.failures, [], `${c.code}: no rule throws`);
  const found = pos.findings.filter((f) => f.code === c.code);
  assert.ok(found.length > 0, `${c.code}: reported on its positive case`);
  assert.ok(
    found.every((f) => f.message.trim().length > 0),
    `${c.code}: zh message`,
  );
  const neg = run(c.negative ?? BASE, { code: c.code, positive: c.positive, fix: c.fix, options: c.negativeOptions }, extra);
  assert.deepEqual(
    neg.findings.filter((f) => f.code === c.code).map((f) => f.message),
    [],
    `${c.code}: silent on its negative case`,
  );
  const en = run(c.positive, c, { ...extra, locale: 'en' }).findings.filter((f) => f.code === c.code);
  assert.equal(en.length, found.length, `${c.code}: the same findings in English`);
  for (const f of en) {
    assert.ok(f.message.trim().length > 0, `${c.code}: en message`);
    assert.doesNotMatch(f.message, CJK_TABLE_NAME, `${c.code}: en message without Chinese table names`);
    for (const r of f.related ?? []) assert.doesNotMatch(r.message, CJK_TABLE_NAME, `${c.code}: en related without Chinese table names`);
    for (const x of f.fixes ?? []) assert.doesNotMatch(x.title, CJK_TABLE_NAME, `${c.code}: en fix title without Chinese table names`);
  }
  const first = found[0];
  assert.equal(!!first.fixes?.length, c.fix, `${c.code}: ${c.fix ? 'offers' : 'offers no'} fix`);
  if (c.fix) {
    const fix = first.fixes![0];
    const next = applyEdits(c.positive, fix.edits);
    const after = run(next, c, extra);
    assert.ok(!after.findings.some((f) => f.key === first.key), `${c.code}: its fix removes the finding`);
    assert.deepEqual(after.failures, []);
    // Value fixes are never safe: "fix all" must not change a figure.
    if (fix.kind === 'safe') {
      const once = applyEdits(next, safeFixEdits(after.findings));
      assert.equal(applyEdits(once, safeFixEdits(run(once, c, extra).findings)), once, `${c.code}: fix all twice equals once`);
    }
  }
}

test('every registered rule has a case, tags, a doc page and known precedence codes', () => {
  const codes = new Set(RULES.map((r) => r.code));
  assert.deepEqual(CASES.map((c) => c.code).sort(), [...codes].sort());
  for (const r of RULES) {
    assert.ok(r.tags.length > 0 && r.tags.every((t) => RULE_TAGS.includes(t)), `${r.code} tags`);
    for (const s of r.suppressedBy ?? []) assert.ok(codes.has(s) && s !== r.code, `${r.code} yields to unknown ${s}`);
    assert.ok(existsSync(join(__dirname, '..', '..', 'server', 'src', 'core', 'rules', `${r.code}.md`)), `${r.code}.md`);
  }
});

test("the clean report is clean (with last year's report beside it)", () => {
  const a = analyze(BASE, {}, indexOf(PREVIOUS));
  assert.deepEqual(
    a.findings.map((f) => `${f.code}: ${f.message}`),
    [],
  );
});

for (const c of CASES) {
  test(`rule ${c.code}: positive, negative, fix, both locales`, () => checkCase(c));
}

test('mutation: with any one rule turned off, some rule case fails', () => {
  for (const r of RULES) {
    const off: AnalysisOptions = { rules: { [r.code]: 'off' } };
    // Its own case first: the rule's absence shows there at once.
    const order = [...CASES.filter((c) => c.code === r.code), ...CASES.filter((c) => c.code !== r.code)];
    const failed = order.some((c) => {
      try {
        checkCase(c, off);
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(failed, `turning ${r.code} off leaves every case passing`);
  }
});

// ---------------------------------------------------------------------------
// Precedence, applied by the rule runner

/** （一）予以公开 with one cell too many: its figures may sit in the wrong columns. */
const MISSHAPEN = sub(BASE, '| 4 | 1 | 0 | 0 | 1 | 0 | 6 |', '| 4 | 1 | 0 | 0 | 1 | 6 | 0 |');

test('precedence: row-shape hides the arithmetic findings of its row, and only while it reports', () => {
  const fixedShape = sub(MISSHAPEN, '| 4 | 1 | 0 | 0 | 1 | 6 | 0 |', '| 4 | 1 | 0 | 0 | 1 | 6 | 0 | 9 |');
  const on = analyze(fixedShape);
  assert.equal(on.findings.filter((f) => f.code === 'row-shape').length, 1);
  assert.deepEqual(
    on.findings.filter((f) => ['row-total', 'result-total', 'balance'].includes(f.code)),
    [],
  );
  // Turned off, row-shape hides nothing: the sums of the row are reported.
  const off = analyze(fixedShape, { rules: { 'row-shape': 'off' } });
  const codes = off.findings.map((f) => f.code);
  assert.ok(codes.includes('row-total') && codes.includes('result-total'), codes.join());
  // Silenced by a comment on its line, likewise.
  const commented = fixedShape.replace(
    '| 4 | 1 | 0 | 0 | 1 | 6 | 0 | 9 |',
    '| 4 | 1 | 0 | 0 | 1 | 6 | 0 | 9 | <!-- 年报检查-disable-line row-shape -->',
  );
  const c = analyze(commented).findings.map((f) => f.code);
  assert.ok(!c.includes('row-shape') && c.includes('result-total'), c.join());
  // A misshapen row elsewhere does not hide the sums of a well-formed row.
  const other = cell(fixedShape, '4.保护第三方合法权益', 1, '2');
  const o = analyze(other).findings.filter((f) => f.code === 'row-total');
  assert.ok(
    o.some((f) => /4\.保护第三方合法权益/.test(f.message)),
    o.map((f) => f.message).join(),
  );
});

test('precedence: a table that matches nothing is one table-missing, not fifteen column-missing', () => {
  const text = sub(BASE, /\| 行政复议 \|[\s\S]*?\n\n(?=## 五)/, '| 项目 | 数量 |\n| --- | --- |\n| 复议 | 0 |\n\n');
  const on = analyze(text).findings.map((f) => f.code);
  assert.ok(on.includes('table-missing'), on.join());
  assert.ok(!on.includes('column-missing'), on.join());
  const off = analyze(text, { rules: { 'table-missing': 'off' } }).findings.filter((f) => f.code === 'column-missing');
  assert.equal(off.length, 15);
});

test('precedence: a negative count hides the sums it takes part in', () => {
  const text = cell(BASE, '2.重复申请', 1, '-1');
  const a = analyze(text);
  assert.equal(a.findings.filter((f) => f.code === 'cell-invalid').length, 1);
  assert.deepEqual(
    a.findings.filter((f) => f.code === 'row-total' || f.code === 'result-total').map((f) => f.message),
    [],
  );
  const off = analyze(text, { rules: { 'cell-invalid': 'off' } }).findings.map((f) => f.code);
  assert.ok(off.includes('row-total') && off.includes('result-total'), off.join());
});

test('rule options: defaults, overrides of the right type, bad values ignored', () => {
  const long = (o?: AnalysisOptions) => analyze(BASE, o).findings.filter((f) => f.code === 'overview-too-long');
  assert.equal(long().length, 0);
  const set = long({ rules: { 'overview-too-long': { options: { maxChars: 100 } } } });
  assert.equal(set.length, 1);
  assert.match(set[0].message, /字数上限100字/);
  assert.equal(set[0].severity, 'information');
  assert.equal(long({ rules: { 'overview-too-long': { severity: 'warning', options: { maxChars: 100 } } } })[0].severity, 'warning');
  assert.equal(long({ rules: { 'overview-too-long': { options: { maxChars: '100' as unknown as number } } } }).length, 0);
  assert.equal(long({ rules: { 'overview-too-long': { options: { maxChars: -5 } } } }).length, 0);
  assert.equal(long({ rules: { 'overview-too-long': { severity: 'off', options: { maxChars: 100 } } } }).length, 0);
  const short = sub(BASE, section5, '## 五、存在的主要问题及改进情况\n\n栏目更新不够及时，将按月检查。\n\n');
  const five = (o?: AnalysisOptions) => analyze(short, o).findings.filter((f) => f.code === 'improvement-empty').length;
  assert.equal(five(), 0);
  assert.equal(five({ rules: { 'improvement-empty': { options: { minChars: 30 } } } }), 1);
});

test('a rule that throws is reported in failures with its code, and the others still run', () => {
  const text = sub(BASE, '2025年1月20日', '2024年1月20日');
  const bad = {
    ...RULES[0],
    code: 'boom',
    check: () => {
      throw new URIError('URI malformed');
    },
  };
  const r = runRules(buildModel(text), {}, undefined, [bad, ...RULES]);
  assert.equal(r.failures.length, 1);
  assert.equal(r.failures[0].code, 'boom');
  assert.match(r.failures[0].error, /URI malformed/);
  assert.ok(r.findings.some((f) => f.code === 'report-date'));
  // A previous report whose URI holds a bare %: the cross-year rules still work.
  const prev = buildModel(PREVIOUS.replace('| 行政规范性文件 | 1 | 0 | 2 |', '| 行政规范性文件 | 1 | 0 | 5 |'));
  const a = analyze(BASE, {}, { previous: () => ({ ...prev.reports[0], text: PREVIOUS, uri: 'file:///r/50%-2023.md' }) });
  assert.deepEqual(a.failures, []);
  assert.match(a.findings.find((f) => f.code === 'valid-count')!.message, /50%-2023\.md/);
});

test('checkRuleSetting: what the options resolver accepts and why it rejects the rest', () => {
  const rule = RULES.find((r) => r.code === 'overview-too-long')!;
  assert.deepEqual(checkRuleSetting(rule, 'warning'), { setting: 'warning', problems: [] });
  assert.deepEqual(checkRuleSetting(rule, { severity: 'off' }), { setting: { severity: 'off' }, problems: [] });
  assert.deepEqual(checkRuleSetting(rule, { options: { maxChars: 1200 } }), { setting: { options: { maxChars: 1200 } }, problems: [] });
  const bad = checkRuleSetting(rule, { severity: 'loud', options: { maxChars: '1200', minChars: 3 }, extra: 1 });
  assert.equal(bad.setting, undefined);
  assert.equal(bad.problems.length, 4);
  assert.match(bad.problems.join('\n'), /级别无效.*\n.*maxChars 应为数字\n.*没有选项 minChars（可用 maxChars）\n.*未知的项 extra/);
  assert.match(checkRuleSetting(rule, { options: { maxChars: 0 } }).problems[0], /不能小于 1/);
  assert.equal(checkRuleSetting(rule, 7).setting, undefined);
  // A setting it accepts works in the analysis.
  const { setting } = checkRuleSetting(rule, { options: { maxChars: 100 } });
  assert.equal(
    analyze(BASE, { rules: { 'overview-too-long': setting! } }).findings.filter((f) => f.code === 'overview-too-long').length,
    1,
  );
});
