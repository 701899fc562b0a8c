/**
 * `xxgk-report tally` in-process: the table on stdout, the basis, the rows left out and the
 * register checks on stderr; JSON; -o; --map and .xxgk-report.json mappings; --check against a
 * draft; exit 0 / 1 (rows left out, or the draft differs) / 2 (unreadable, usage).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { runCli } from '../helpers/cli';
import { fixture } from '../core/util';
import { csvOf, register2023, registerMatching, xlsOf, xlsxOf, type Cells } from './make';
import { buildModel } from '../../server/src/core/model';

let dir = '';
const DRAFT = fixture('clean/town-2024.md');

function matchingRegister(text: string): Cells[] {
  const t3 = buildModel(text).reports[0].table3!;
  return registerMatching((r, c) => t3.rows.get(r)!.cells.get(c)!.value!, 2024);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-tally-'));
  writeFileSync(join(dir, 'reg.xlsx'), await xlsxOf(register2023()));
  writeFileSync(join(dir, 'reg.xls'), xlsOf(register2023()));
  writeFileSync(join(dir, 'reg-gbk.csv'), csvOf(register2023(), 'gbk'));
  // Without its two unplaceable rows (8: 不予公开 without a reason, 11: 法人或其他组织 alone).
  writeFileSync(
    join(dir, 'clean.csv'),
    csvOf(
      register2023().filter((_, i) => i !== 7 && i !== 10),
      'utf8-bom',
    ),
  );
  writeFileSync(join(dir, 'draft.md'), DRAFT);
  writeFileSync(join(dir, 'draft-register.xlsx'), await xlsxOf(matchingRegister(DRAFT)));
  writeFileSync(join(dir, 'bomb.xlsx'), zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(100 * 1024 * 1024) }, { level: 9 }));
  writeFileSync(
    join(dir, 'odd.csv'),
    csvOf(
      [
        ['收件', '类别', '回复', '结论'],
        ['2023-03-01', '公民', '2023-03-05', '同意公开'],
      ],
      'utf8',
    ),
  );
  writeFileSync(
    join(dir, 'map.json'),
    JSON.stringify({ columns: { received: '收件', applicant: '类别', answered: '回复', result: '结论' }, bogus: 1 }),
  );
});

after(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(argv, dir);

test('tally .xlsx: the canonical table 三 on stdout, exit 1 for the rows left out, all listed on stderr', async () => {
  const r = await run('tally', 'reg.xlsx', '--year', '2023');
  assert.equal(r.code, 1);
  assert.ok(r.out.startsWith('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n\n| 申请人情况 |'), r.out);
  assert.ok(r.out.includes('| 一、本年新收政府信息公开申请数量 |  |  | 4 | 0 | 1 | 0 | 1 | 0 | 6 |'));
  assert.ok(r.out.includes('| 二、上年结转政府信息公开申请数量 |  |  | 1 | 1 | 0 | 0 | 0 | 0 | 2 |'));
  assert.ok(r.out.includes('|  | （七）总计 |  | 4 | 1 | 1 | 0 | 1 | 0 | 7 |'));
  assert.ok(r.out.includes('| 四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'));
  assert.equal(
    r.err,
    [
      'reg.xlsx（工作表“台账”），表头在第 3 行：共 10 行申请，8 行计入 2023 年，2 行未能归入、未计入',
      '统计口径：',
      '  一、本年新收：收到申请日期在 2023 年内的申请',
      '  二、上年结转：2023 年以前收到、到 2023 年 1 月 1 日尚未答复的申请',
      '  三、办理结果：最终答复日期在 2023 年内的申请，按答复结果归入各行（区分处理的只计为“部分公开”）',
      '  四、结转下年度：到 2023 年 12 月 31 日尚未答复的申请',
      '  台账中一行为一件申请；不能归入的行不计入，逐行列出',
      '未能归入表三的行（未计入）：',
      '  第 8 行：办理结果“不予公开”只说明了“不予公开”，没有写明是哪一种情形，未计入',
      '  第 11 行：申请人类型“法人或其他组织”没有写明是商业企业、科研机构、社会公益组织、法律服务机构还是其他，未计入（请在台账中写明，或在 register.applicants 中指定）',
      '台账检查：',
      '  第 9 行：2023-06-01 收到，2023-08-10 答复，超过 40 个工作日的期限（应不晚于 2023-07-28，已计延期）；征求第三方意见等不计入期限的时间请人工核对',
      '  台账记录了 1 件申请收取信息处理费（第 9 行）：报告第六部分应写明收费情况',
      '',
    ].join('\n'),
  );
});

test('tally .xls and GBK .csv give the same table; a register without unplaceable rows exits 0', async () => {
  const xlsx = (await run('tally', 'reg.xlsx', '--year', '2023')).out;
  assert.equal((await run('tally', 'reg.xls', '--year', '2023')).out, xlsx);
  const gbk = await run('tally', 'reg-gbk.csv', '--year', '2023');
  assert.equal(gbk.out, xlsx);
  assert.match(gbk.err, /^reg-gbk\.csv 不是 UTF-8 编码，已按 GBK 读取；请另存为 UTF-8\n/);
  const clean = await run('tally', 'clean.csv', '--year', '2023');
  assert.equal(clean.code, 0);
  assert.equal(clean.out, xlsx);
});

test('tally --format json: figures and register rows per cell; -o writes, never over a file without --force', async () => {
  const r = await run('tally', 'reg.xlsx', '--year', '2023', '--format', 'json', '--lang', 'en');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.deepEqual(json.table3.new.cells.natural, { value: 4, rows: [6, 10, 12, 13] });
  assert.deepEqual(json.table3['g6.3'].cells.total, { value: 1, rows: [13] });
  assert.deepEqual(json.leftOut, [8, 11]);
  assert.equal(
    json.problems[1].message,
    'Row 11: applicant type “法人或其他组织” does not say which kind of organisation (business, research, public-interest, legal service or other); left out',
  );
  assert.match(
    r.err,
    /^reg\.xlsx \(sheet 台账\), header on row 3: 10 application row\(s\), 8 counted for 2023, 2 left out\nCounting basis:\n/,
  );
  const o = await run('tally', 'reg.xlsx', '--year', '2023', '-o', 'table3.md');
  assert.equal(o.code, 1);
  assert.equal(o.out, '');
  assert.ok(readFileSync(join(dir, 'table3.md'), 'utf8').includes('| 四、结转下年度继续办理 |'));
  const again = await run('tally', 'reg.xlsx', '--year', '2023', '-o', 'table3.md');
  assert.equal(again.code, 2);
  assert.match(again.err, /table3\.md 已存在，未覆盖/);
  assert.equal((await run('tally', 'reg.xlsx', '--year', '2023', '-o', 'table3.md', '--force')).code, 1);
});

test('tally: unreadable files and usage problems exit 2 with a clear message', async () => {
  const missing = await run('tally', 'nope.xlsx', '--year', '2023');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /找不到文件 nope\.xlsx/);
  const bomb = await run('tally', 'bomb.xlsx', '--year', '2023');
  assert.equal(bomb.code, 2);
  assert.match(bomb.err, /疑似压缩炸弹/);
  const noHeader = await run('tally', 'odd.csv', '--year', '2023');
  assert.equal(noHeader.code, 2);
  assert.match(noHeader.err, /找不到台账的表头/);
  assert.equal((await run('tally', 'reg.xlsx')).code, 2);
  assert.match((await run('tally', 'reg.xlsx')).err, /请用 --year 指定报告年度/);
  assert.equal((await run('tally', 'reg.xlsx', '--year', '23')).code, 2);
  assert.equal((await run('tally', 'reg.xlsx', '--year', '2023', '--format', 'text')).code, 2);
});

test('tally --map and register.columns of .xxgk-report.json map the columns', async () => {
  const mapped = await run('tally', 'odd.csv', '--year', '2023', '--map', 'map.json');
  assert.equal(mapped.code, 0);
  assert.ok(mapped.out.includes('| 三、本年度办理结果 | （一）予以公开 |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |'));
  assert.match(mapped.err, /^map\.json：register 中有未知的项 bogus（已忽略）\n/);
  const sub = mkdtempSync(join(dir, 'cfg-'));
  writeFileSync(join(sub, 'odd.csv'), readFileSync(join(dir, 'odd.csv')));
  writeFileSync(
    join(sub, '.xxgk-report.json'),
    JSON.stringify({ register: { path: 'odd.csv', columns: { received: '收件', applicant: '类别', answered: '回复', result: '结论' } } }),
  );
  const fromConfig = await runCli(['tally', 'odd.csv', '--year', '2023'], sub);
  assert.equal(fromConfig.code, 0, fromConfig.err);
});

test('tally --check: the draft against its register; every differing cell named with both figures and the rows', async () => {
  const same = await run('tally', 'draft-register.xlsx', '--check', 'draft.md');
  assert.equal(same.code, 0, same.err);
  assert.match(same.out, /draft\.md：表三与台账一致\n$/);
  // The draft says 5 natural persons under （一）; the register counts 4.
  writeFileSync(join(dir, 'wrong.md'), DRAFT.replace('| （一）予以公开 |  | 4 | 1 |', '| （一）予以公开 |  | 5 | 1 |'));
  const wrong = await run('tally', 'draft-register.xlsx', '--check', 'wrong.md');
  assert.equal(wrong.code, 1);
  const lines = wrong.out.split('\n').filter((l) => l.includes('[register-mismatch]'));
  assert.equal(lines.length, 1, wrong.out);
  assert.match(
    lines[0],
    /^wrong\.md:\d+:\d+ 错误 表三“（一）予以公开”行“自然人”列为 5，依申请公开台账（draft-register\.xlsx）统计为 4：台账第 \d+、\d+、\d+、\d+ 行 \[register-mismatch\]$/,
  );
  assert.match(wrong.out, /wrong\.md：表三有 1 个单元格与台账不一致\n$/);
});
