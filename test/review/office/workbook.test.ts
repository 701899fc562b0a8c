/**
 * The review's workbook is a real spreadsheet: a generated batch reviewed in-process, then
 * LibreOffice converts 审阅结果.xlsx sheet by sheet to CSV, which holds the rows (moved from
 * test/review/review.test.ts). Runs with npm run test:office (skipped, with the reason shown,
 * where LibreOffice is missing; XXGK_REQUIRE_OFFICE=1 turns that into a failure).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/core/index';
import { runReview } from '../../../server/src/review/index';
import { makeBatch, type Batch } from '../batch';
import { officeSetup } from '../../helpers/office';

const { skip: MISSING, soffice } = officeSetup(['soffice'], 'scripts/libreoffice/setup.sh', 'review workbook tests');

let b: Batch;
let out: string;
const cwd = process.cwd();

before(async () => {
  b = await makeBatch();
  out = join(b.root, '审阅结果');
  process.chdir(b.root);
  await runReview({ inputs: ['收到的报告'], outDir: out, jobs: 2, opinions: false, lang: 'zh', warn: () => undefined });
});

after(() => {
  process.chdir(cwd);
  rmSync(b.root, { recursive: true, force: true });
});

test('the workbook opens in LibreOffice: each sheet as CSV holds the rows', { timeout: 300_000, skip: MISSING }, () => {
  const csv = join(b.root, 'csv');
  mkdirSync(csv);
  soffice(
    [
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      csv,
      join(out, '审阅结果.xlsx'),
    ],
    180_000,
  );
  const sheet = (name: string) => readFileSync(join(csv, `审阅结果-${name}.csv`), 'utf8');
  const summary = sheet('汇总').split('\n');
  assert.match(summary[0], /^序号,单位,年度,文件,结果,错误,警告,得分,扣分明细,主要问题（最严重的三项）,说明/);
  assert.ok(summary.some((l) => l.includes('石门县财政局,2023,收到的报告/部门/石门县财政局-2023.md,不通过')));
  assert.match(sheet('汇总'), /不排名/);
  const findings = sheet('问题清单');
  assert.match(findings, /^单位,年度,文件,位置（行:列）,级别,规则,问题,所在部分/);
  assert.match(findings, /云溪县自然资源局,2023,收到的报告\/部门\/云溪县自然资源局-2023\.md,64:28,警告,carry-over,/);
  const rules = sheet('口径与规则');
  for (const rule of RULES) assert.ok(rules.includes(`\n${rule.code},`), rule.code);
  assert.match(rules, /text-copied,警告,.*,5,5,县级考核细则/);
});
