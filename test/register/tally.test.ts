/**
 * Table 三 counted from registers built in code: every cell, every problem message, the
 * counting basis, header wordings, date styles, overrides, and the balance by construction.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addWorkingDays,
  classifyAnswer,
  classifyApplicant,
  dayNumber,
  isoDate,
  leftOutRows,
  readDate,
  readRegister,
  tallyAndCheck,
  tallyJson,
  tallyMarkdown,
  tallyRegister,
  type RegisterTally,
} from '../../server/src/core/register/index';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../../server/src/core/template';
import { HEADER, register2023, sheetOf, type Cells } from './make';

/** The non-zero cells of a tally as `row.column=value@rows`, in template order. */
function nonZero(t: RegisterTally): string[] {
  const out: string[] = [];
  for (const r of TABLE3_ROWS)
    for (const c of TABLE3_COLUMNS) {
      const cell = t.cells[r.id][c.id];
      if (cell.value) out.push(`${r.id}.${c.id}=${cell.value}@${cell.rows.join(',')}`);
    }
  return out;
}

const EXPECTED_2023 = [
  'new.natural=4@6,10,12,13',
  'new.research=1@9',
  'new.legal=1@7',
  'new.total=6@6,7,9,10,12,13',
  'carried.natural=1@4',
  'carried.business=1@5',
  'carried.total=2@4,5',
  'g1.natural=1@4',
  'g1.total=1@4',
  'g2.business=1@5',
  'g2.total=1@5',
  'g3.7.legal=1@7',
  'g3.7.total=1@7',
  'g4.1.natural=1@6',
  'g4.1.total=1@6',
  'g4.2.research=1@9',
  'g4.2.total=1@9',
  'g5.1.natural=1@12',
  'g5.1.total=1@12',
  'g6.3.natural=1@13',
  'g6.3.total=1@13',
  'total.natural=4@4,6,12,13',
  'total.business=1@5',
  'total.research=1@9',
  'total.legal=1@7',
  'total.total=7@4,5,6,7,9,12,13',
  'forward.natural=1@10',
  'forward.total=1@10',
];

test('tally: a 2023 register with a title row, carried-over and carried-forward rows and a 合计 row, cell by cell', () => {
  const t = tallyAndCheck(readRegister(sheetOf(register2023())), 2023);
  assert.deepEqual(nonZero(t), EXPECTED_2023);
  assert.equal(t.headerRow, 3);
  assert.deepEqual(
    t.columns.map((c) => `${c.field}:${c.header}`),
    [
      'number:申请编号',
      'received:收到申请日期',
      'name:申请人',
      'applicant:申请人类型',
      'content:申请内容',
      'answered:答复日期',
      'result:办理结果',
      'extended:是否延期',
      'fee:是否收费',
    ],
  );
  assert.deepEqual(
    t.problems.map((p) => p.message.zh),
    [
      '第 8 行：办理结果“不予公开”只说明了“不予公开”，没有写明是哪一种情形，未计入',
      '第 11 行：申请人类型“法人或其他组织”没有写明是商业企业、科研机构、社会公益组织、法律服务机构还是其他，未计入（请在台账中写明，或在 register.applicants 中指定）',
    ],
  );
  assert.deepEqual(leftOutRows(t), [8, 11]);
  assert.equal(t.applications, 10);
  assert.deepEqual(t.skipped, [{ row: 14, reason: 'total' }]);
  assert.deepEqual(
    t.warnings.map((w) => w.message.zh),
    [
      '第 9 行：2023-06-01 收到，2023-08-10 答复，超过 40 个工作日的期限（应不晚于 2023-07-28，已计延期）；征求第三方意见等不计入期限的时间请人工核对',
      '台账记录了 1 件申请收取信息处理费（第 9 行）：报告第六部分应写明收费情况',
    ],
  );
  assert.equal(t.problems[0].message.en, 'Row 8: the result “不予公开” names the group g3 but not which case; left out');
  // The basis is stated.
  assert.deepEqual(
    t.basis.map((b) => b.zh),
    [
      '一、本年新收：收到申请日期在 2023 年内的申请',
      '二、上年结转：2023 年以前收到、到 2023 年 1 月 1 日尚未答复的申请',
      '三、办理结果：最终答复日期在 2023 年内的申请，按答复结果归入各行（区分处理的只计为“部分公开”）',
      '四、结转下年度：到 2023 年 12 月 31 日尚未答复的申请',
      '台账中一行为一件申请；不能归入的行不计入，逐行列出',
    ],
  );
});

test('tally: the same register for 2024 — last year’s open application is carried over, the rest are outside the year', () => {
  const t = tallyRegister(sheetOf(register2023()), 2024);
  assert.deepEqual(nonZero(t), ['carried.natural=1@10', 'carried.total=1@10', 'forward.natural=1@10', 'forward.total=1@10']);
  assert.deepEqual(
    t.skipped.filter((s) => s.reason === 'outside').map((s) => s.row),
    [4, 5, 6, 7, 9, 12, 13],
  );
});

test('tally: Markdown is the canonical table 三 of the renderer; JSON gives figures and rows per cell', () => {
  const t = tallyAndCheck(readRegister(sheetOf(register2023())), 2023);
  const md = tallyMarkdown(t);
  assert.match(md, /^（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n\| 申请人情况 \|/);
  assert.ok(md.includes('| 一、本年新收政府信息公开申请数量 |  |  | 4 | 0 | 1 | 0 | 1 | 0 | 6 |'), md);
  assert.ok(md.includes('|  |  | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 1 | 0 | 1 |'), md);
  assert.ok(md.includes('| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'), md);
  assert.equal(md.split('\n').filter((l) => l.startsWith('|')).length, 27);
  const json = tallyJson(t);
  assert.deepEqual(json.table3['g3.7'].cells.legal, { value: 1, rows: [7] });
  assert.equal(json.table3.total.label, '（七）总计');
  assert.deepEqual(json.leftOut, [8, 11]);
  assert.deepEqual(
    json.problems.map((p) => [p.code, p.rows]),
    [
      ['result-item', [8]],
      ['applicant-subtype', [11]],
    ],
  );
  assert.deepEqual(
    json.warnings.map((p) => p.code),
    ['late', 'fees'],
  );
  assert.equal(tallyJson(t, 'en').basis[0], 'I new: applications whose the date of receipt is in 2023');
});

test('tally: header wordings vary; the header is found below title rows and notes', () => {
  const variants: [string[], string][] = [
    [['受理日期', '申请人类别', '办结日期', '答复类型'], 'a'],
    [['申请时间', '申请人身份', '答复时间', '处理结果'], 'b'],
    [['登记日期', '申请人类型（自然人/法人或其他组织）', '办结时间', '答复结果'], 'c'],
    [['收件日期', '申请主体类型', '答复日期', '办理情况'], 'd'],
  ];
  for (const [h, tag] of variants) {
    const rows: Cells[] = [
      [`台账 ${tag}`],
      ['填报说明：一行一件申请'],
      ['编号', ...h],
      ['1', '2023-03-01', '公民', '2023-03-10', '同意公开'],
      ['2', '2023-03-02', '法人或其他组织（社会公益组织）', '2023-03-20', '经检索，本机关未制作或获取该信息'],
    ];
    const t = tallyRegister(sheetOf(rows), 2023);
    assert.equal(t.headerRow, 3, tag);
    assert.deepEqual(
      nonZero(t).filter((c) => !c.includes('total')),
      ['new.natural=1@4', 'new.publicInterest=1@5', 'g1.natural=1@4', 'g4.1.publicInterest=1@5'],
      tag,
    );
    assert.deepEqual(t.problems, [], tag);
  }
  // No header at all: one sheet-wide problem, nothing counted.
  const none = tallyRegister(sheetOf([['名单'], ['张三', '李四']]), 2023);
  assert.equal(none.problems.length, 1);
  assert.equal(none.problems[0].code, 'no-header');
  assert.match(none.problems[0].message.zh, /^找不到台账的表头/);
});

test('dates: the styles registers use, Excel serials and Date cells; anything else is unreadable, never guessed', () => {
  const d = (y: number, m: number, day: number) => dayNumber({ year: y, month: m, day });
  const cases: [unknown, number | 'unreadable' | undefined][] = [
    ['2023-01-05', d(2023, 1, 5)],
    ['2023/1/5', d(2023, 1, 5)],
    ['2023.1.5', d(2023, 1, 5)],
    ['2023年1月5日', d(2023, 1, 5)],
    ['2023 年 1 月 5 日', d(2023, 1, 5)],
    ['二〇二三年一月五日', d(2023, 1, 5)],
    ['2023年12月25号', d(2023, 12, 25)],
    ['20230105', d(2023, 1, 5)],
    [20230105, d(2023, 1, 5)],
    ['2023-01-05 14:30', d(2023, 1, 5)],
    ['２０２３－０１－０５', d(2023, 1, 5)],
    [44931, d(2023, 1, 5)],
    [44931.6, d(2023, 1, 5)],
    ['44931', d(2023, 1, 5)],
    [new Date(Date.UTC(2023, 0, 5)), d(2023, 1, 5)],
    ['', undefined],
    [null, undefined],
    ['—', undefined],
    ['2023-02-30', 'unreadable'],
    ['1/5/2023', 'unreadable'],
    ['23-1-5', 'unreadable'],
    ['待定', 'unreadable'],
    [20231332, 'unreadable'],
    [12, 'unreadable'],
    [true, 'unreadable'],
  ];
  for (const [v, want] of cases) assert.equal(readDate(v as never), want, String(v));
  assert.equal(isoDate(d(2024, 2, 29)), '2024-02-29');
});

/** A register with one application per given row (header + rows), tallied for 2023. */
function one(rows: Cells[], config = {}): RegisterTally {
  return tallyAndCheck(readRegister(sheetOf([HEADER, ...rows]), config), 2023, config);
}

const ROW = (over: Record<number, unknown>): Cells => {
  const base: Cells = [1, 'N1', '2023-03-01', '张某', '公民', '某文件', '2023-03-10', '予以公开', '否', '否'];
  for (const [i, v] of Object.entries(over)) base[Number(i)] = v as never;
  return base;
};

test('tally: each row that cannot be placed is listed with its row number and left out (never guessed)', () => {
  const cases: [Record<number, unknown>, string][] = [
    [{ 2: '' }, '第 2 行：没有收到申请日期，未计入'],
    [{ 2: '三月一日' }, '第 2 行：收到申请日期“三月一日”无法识别，未计入'],
    [{ 6: '下周' }, '第 2 行：答复日期“下周”无法识别，未计入'],
    [{ 6: '2023-02-01' }, '第 2 行：答复日期 2023-02-01 早于收到申请日期 2023-03-01，未计入'],
    [{ 4: '' }, '第 2 行：没有申请人类型，未计入'],
    [{ 4: '外星人' }, '第 2 行：申请人类型“外星人”对应不到表三的列，未计入（可在 register.applicants 中指定）'],
    [
      { 4: '法人或其他组织' },
      '第 2 行：申请人类型“法人或其他组织”没有写明是商业企业、科研机构、社会公益组织、法律服务机构还是其他，未计入（请在台账中写明，或在 register.applicants 中指定）',
    ],
    [{ 7: '已电话沟通' }, '第 2 行：办理结果“已电话沟通”对应不到表三的行，未计入（可在 register.answers 中指定）'],
    [{ 7: '无法提供' }, '第 2 行：办理结果“无法提供”只说明了“无法提供”，没有写明是哪一种情形，未计入'],
    [{ 6: '' }, '第 2 行：办理结果为“予以公开”，但没有答复日期，未计入'],
    [{ 7: '' }, '第 2 行：有答复日期但没有办理结果，未计入'],
    [{ 7: '办理中' }, '第 2 行：有答复日期 2023-03-10，办理结果却是“办理中”（尚未办结），未计入'],
  ];
  for (const [over, message] of cases) {
    const t = one([ROW(over)]);
    assert.deepEqual(
      t.problems.map((p) => p.message.zh),
      [message],
      message,
    );
    assert.deepEqual(nonZero(t), [], message);
    assert.deepEqual(leftOutRows(t), [2]);
  }
  // Two problems on one row: both listed, the row left out once.
  const two = one([ROW({ 2: '', 4: '法人' })]);
  assert.equal(two.problems.length, 2);
  assert.deepEqual(leftOutRows(two), [2]);
  // Open (no answer date, no result) is no problem: it is carried forward.
  assert.deepEqual(nonZero(one([ROW({ 6: '', 7: '' })])), ['new.natural=1@2', 'new.total=1@2', 'forward.natural=1@2', 'forward.total=1@2']);
});

test('answers: the wordings of 条例 第三十六–三十九条, the 答复规范 and the old vocabulary map to their rows', () => {
  const cases: [string, string | undefined][] = [
    ['已主动公开，告知获取方式和途径', 'g1'],
    ['同意公开', 'g1'],
    ['予以公开', 'g1'],
    ['提供信息', 'g1'],
    ['区分处理', 'g2'],
    ['部分公开，部分不予公开（涉及个人隐私）', 'g2'],
    ['提供可公开部分并说明理由', 'g2'],
    ['不予公开（属于国家秘密）', 'g3.1'],
    ['不予公开——法律、行政法规禁止公开', 'g3.2'],
    ['不予公开，公开后可能危及国家安全、公共安全、经济安全、社会稳定', 'g3.3'],
    ['涉及商业秘密、个人隐私，第三方不同意公开', 'g3.4'],
    ['属于人事管理、后勤管理、内部工作流程等内部事务信息', 'g3.5'],
    ['属于讨论记录、过程稿、磋商信函、请示报告等过程性信息', 'g3.6'],
    ['属于行政执法案卷信息', 'g3.7'],
    ['属于不动产登记资料查询，告知依照有关规定办理', 'g3.8'],
    ['信息不存在', 'g4.1'],
    ['经检索不存在', 'g4.1'],
    ['超过保管期限已销毁', 'g4.1'],
    ['非本机关负责公开，告知负责机关', 'g4.1'],
    ['本机关不掌握', 'g4.1'],
    ['需要加工、分析', 'g4.2'],
    ['需另行制作', 'g4.2'],
    ['补正后申请内容仍不明确', 'g4.3'],
    ['信访、投诉、举报', 'g5.1'],
    ['重复申请', 'g5.2'],
    ['要求提供公开出版物，告知获取途径', 'g5.3'],
    ['无正当理由大量反复申请', 'g5.4'],
    ['要求确认或重新出具已获取信息', 'g5.5'],
    ['逾期不补正，不再处理', 'g6.1'],
    ['逾期未按收费通知缴纳费用，不再处理', 'g6.2'],
    ['申请人撤回申请', 'g6.3'],
    ['其他', 'g6.3'],
    ['否决公开', 'g3'],
    ['不予公开', 'g3'],
    ['无法提供', 'g4'],
    ['不予处理', 'g5'],
    ['办理中', 'pending'],
    ['已电话沟通', undefined],
  ];
  for (const [w, key] of cases) assert.equal(classifyAnswer(w), key, w);
  // The configured wordings come first.
  assert.equal(classifyAnswer('转交信访部门', { 转交信访: 'g5.1' }), 'g5.1');
  assert.equal(classifyAnswer('已电话沟通', { 电话沟通: 'g6.3' }), 'g6.3');
});

test('applicants: the seven columns; 法人或其他组织 alone is reported', () => {
  const cases: [string, unknown][] = [
    ['公民', { column: 'natural' }],
    ['自然人', { column: 'natural' }],
    ['法人或其他组织（商业企业）', { column: 'business' }],
    ['法人或其他组织-科研机构', { column: 'research' }],
    ['社会组织', { column: 'publicInterest' }],
    ['律师事务所', { column: 'legal' }],
    ['法人或其他组织：其他', { column: 'other' }],
    ['某有限公司', { column: 'business' }],
    ['法人或其他组织', { missingSubtype: true }],
    ['法人', { missingSubtype: true }],
    ['外星人', undefined],
  ];
  for (const [w, want] of cases) assert.deepEqual(classifyApplicant(w), want, w);
  assert.deepEqual(classifyApplicant('个体工商户', { 个体工商户: 'business' }), { column: 'business' });
});

test('config: columns by header text, by letter or number; answers, applicants and the counting basis', () => {
  const rows: Cells[] = [
    ['收件', '类别', '回复', '结论', '补正后收到'],
    ['2022-12-30', '公民', '2023-01-20', '已电话沟通', '2023-01-03'],
    ['2023-02-01', '个体户', '2023-02-10', '同意公开', ''],
  ];
  const config = {
    columns: { received: '收件', applicant: 'B', answered: '3', result: '结论', completed: '补正后收到' },
    answers: { 电话沟通: 'g6.3' },
    applicants: { 个体户: 'business' },
  };
  const t = tallyRegister(sheetOf(rows), 2023, config);
  assert.deepEqual(t.problems, []);
  assert.deepEqual(
    nonZero(t).filter((c) => !c.includes('total')),
    ['new.business=1@3', 'carried.natural=1@2', 'g1.business=1@3', 'g6.3.natural=1@2'],
  );
  // Counting from the completed application: row 2 is new in 2023.
  const completed = tallyRegister(sheetOf(rows), 2023, { ...config, counting: { from: 'completed' as const } });
  assert.deepEqual(
    nonZero(completed).filter((c) => c.startsWith('new.natural') || c.startsWith('carried')),
    ['new.natural=1@2'],
  );
  assert.match(completed.basis[0].zh, /补正后收到申请的日期/);
  // A configured column that is not there is said, and ignored.
  const missing = tallyRegister(sheetOf([HEADER, ROW({})]), 2023, { columns: { reason: '理由栏' } });
  assert.deepEqual(
    missing.problems.map((p) => p.message.zh),
    ['配置的列“理由栏”在表头中找不到，已忽略'],
  );
});

test('checks: 20 working days on the holiday calendar (Spring Festival, 调休), +20 with an extension, duplicates', () => {
  // 2023-01-05 + 20 working days: the Spring Festival (21–27 Jan) does not count, 28–29 Jan (调休) do.
  assert.equal(isoDate(addWorkingDays(dayNumber({ year: 2023, month: 1, day: 5 }), 20)), '2023-02-07');
  const onTime = one([ROW({ 2: '2023-01-05', 6: '2023-02-07' })]);
  assert.deepEqual(onTime.warnings, []);
  const late = one([ROW({ 2: '2023-01-05', 6: '2023-02-08' })]);
  assert.deepEqual(
    late.warnings.map((w) => w.message.zh),
    [
      '第 2 行：2023-01-05 收到，2023-02-08 答复，超过 20 个工作日的期限（应不晚于 2023-02-07；台账未记录延期）；征求第三方意见等不计入期限的时间请人工核对',
    ],
  );
  assert.deepEqual(one([ROW({ 2: '2023-01-05', 6: '2023-02-08', 8: '是' })]).warnings, []);
  assert.deepEqual(one([ROW({ 2: '2023-01-05', 6: '2023-02-08', 7: '延期答复，予以公开' })]).warnings, []);
  // Open at the end of the year and past its deadline.
  const open = one([ROW({ 2: '2023-10-09', 6: '', 7: '' })]);
  assert.deepEqual(
    open.warnings.map((w) => w.message.zh),
    ['第 2 行：2023-10-09 收到，到 2023 年底仍未答复，已超过 20 个工作日的期限（2023-11-06）'],
  );
  // Duplicate numbers.
  const dup = one([ROW({ 1: 'A-1' }), ROW({ 1: 'A-1' }), ROW({ 1: 'A-2' })]);
  assert.deepEqual(
    dup.warnings.map((w) => w.message.zh),
    ['申请编号“A-1”出现在第 2、3 行：一件申请只应登记一行，请核对是否重复登记'],
  );
});

test('checks: a year the calendar does not know is counted on weekends, and the output says so', () => {
  const t = tallyAndCheck(readRegister(sheetOf([HEADER, ROW({ 2: '2040-03-01', 6: '2040-03-05' })])), 2040);
  assert.deepEqual(
    t.warnings.map((w) => w.message.zh),
    ['日历数据中没有 2040 年的法定节假日安排，2040 年的期限只按周末计算（未计节假日和调休），请人工核对'],
  );
  // 2040-03-01 is a Thursday: 20 weekdays later is 2040-03-29.
  assert.equal(isoDate(addWorkingDays(dayNumber({ year: 2040, month: 3, day: 1 }), 20)), '2040-03-29');
});

test('balance by construction: random registers always balance, every counted row is in one new/carried and one result/forward cell', () => {
  const applicant = fc.constantFrom('公民', '企业', '科研机构', '社会组织', '律所', '其他', '法人或其他组织', '');
  const result = fc.constantFrom('予以公开', '部分公开', '信息不存在', '重复申请', '撤回', '不予公开', '', '国家秘密', '另行制作');
  const date = fc.integer({ min: dayNumber({ year: 2022, month: 1, day: 1 }), max: dayNumber({ year: 2024, month: 12, day: 31 }) });
  fc.assert(
    fc.property(fc.array(fc.tuple(date, fc.option(fc.integer({ min: 0, max: 200 })), applicant, result), { maxLength: 60 }), (apps) => {
      const rows: Cells[] = apps.map(([received, after, who, what], i) => [
        i + 1,
        `N${i}`,
        isoDate(received),
        '某',
        who,
        '',
        after === null ? '' : isoDate(received + after),
        what,
        '',
        '',
      ]);
      const t = tallyRegister(sheetOf([HEADER, ...rows]), 2023);
      for (const c of TABLE3_COLUMNS) {
        const cell = (r: string) => t.cells[r][c.id].value;
        assert.equal(cell('new') + cell('carried'), cell('total') + cell('forward'));
      }
      const counted = t.entries.length;
      assert.equal(t.cells.new.total.value + t.cells.carried.total.value, counted);
      assert.equal(counted + leftOutRows(t).length + t.skipped.filter((s) => s.reason === 'outside').length, apps.length);
    }),
    { seed: 18, numRuns: 200 },
  );
});
