/**
 * The review's options through its API: --previous (last year's reports only compared with), the
 * settings of .xxgk-report.json (rules, review.copiedThreshold, review.scoring), a file past its
 * time limit, an interrupted run, a missing input, and the ranking from 30 reports on.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rank, runReview, summarize } from '../../server/src/review/run';
import { DEFAULT_REVIEW_SETTINGS } from '../../server/src/review/config';
import type { ReportRecord } from '../../server/src/review/types';
import { regionReport } from './batch';

const FIXTURES = join(__dirname, '..', 'fixtures');
let dir = '';
const cwd = process.cwd();
const quiet = () => undefined;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-review-options-'));
  process.chdir(dir);
  mkdirSync('今年');
  mkdirSync('去年');
  writeFileSync('今年/云溪县自然资源局-2023.md', readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2023.md')));
  writeFileSync('去年/云溪县自然资源局-2022.md', readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2022.md')));
});

after(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

test('--previous: last year’s reports are compared with, never rows', async () => {
  const r = await runReview({ inputs: ['今年'], previous: ['去年'], outDir: 'out-previous', jobs: 1, lang: 'zh', warn: quiet });
  assert.equal(r.summaries.length, 1);
  const s = r.summaries[0];
  assert.equal(s.byCode['carry-over'], 2);
  assert.equal(s.byCode['text-copied'], 1);
  const json = JSON.parse(readFileSync('out-previous/审阅结果.json', 'utf8')) as {
    reports: { previousFile: string; findings: { code: string; message: string }[] }[];
  };
  assert.equal(json.reports[0].previousFile, '去年/云溪县自然资源局-2022.md');
  assert.match(
    json.reports[0].findings.find((f) => f.code === 'text-copied')!.message,
    /本机关2022年度报告（去年\/云溪县自然资源局-2022\.md）/,
  );
  // Without --previous there is nothing to compare with.
  const alone = await runReview({ inputs: ['今年'], jobs: 1, lang: 'zh', warn: quiet });
  assert.equal(alone.summaries[0].byCode['carry-over'], undefined);
});

test('.xxgk-report.json beside the reports: its rules, its threshold and its scoring table', async () => {
  mkdirSync('配置');
  const source = regionReport(1);
  writeFileSync('配置/a.md', source);
  writeFileSync('配置/b.md', source.split('青山县人民政府').join('临河县人民政府'));
  writeFileSync(
    '配置/.xxgk-report.json',
    JSON.stringify({
      rules: { 'overview-topic-missing': 'off' },
      review: { copiedThreshold: 0.95, scoring: { total: 20, rules: { 'fee-statement-missing': { points: 3 }, 'text-copied': 4 } } },
    }),
  );
  const warnings: string[] = [];
  const r = await runReview({ inputs: ['配置'], outDir: 'out-config', jobs: 1, lang: 'zh', warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  assert.equal(r.settings.copiedThreshold, 0.95);
  for (const s of r.summaries) {
    assert.equal(s.byCode['overview-topic-missing'], undefined, 'the rule is off');
    assert.equal(s.byCode['text-copied'], 1, s.file);
    assert.equal(s.score, 20 - 3 - 4);
  }
  const sheet = readFileSync('out-config/审阅结果.json', 'utf8');
  assert.match(sheet, /"copiedThreshold": 0.95/);
});

test('a file past its time limit gets a timeout row; its worker is ended and the rest goes on', async () => {
  mkdirSync('慢');
  writeFileSync('慢/a.md', regionReport(2));
  // The first task of a new worker cannot finish in a millisecond (the worker itself starts first).
  const r = await runReview({ inputs: ['慢'], jobs: 1, timeoutMs: 1, lang: 'zh', warn: quiet });
  assert.equal(r.summaries[0].status, 'timeout');
  assert.equal(r.summaries[0].result, 'unreviewed');
  assert.match(r.summaries[0].top[0], /处理超时：.*秒内未处理完/);
  assert.equal(r.exitCode, 2, 'nothing could be reviewed');
});

test('an interrupted run writes the rows it has, marked', async () => {
  mkdirSync('停');
  writeFileSync('停/a.md', regionReport(3));
  const controller = new AbortController();
  controller.abort();
  const r = await runReview({ inputs: ['停'], outDir: 'out-stopped', jobs: 1, lang: 'zh', warn: quiet, signal: controller.signal });
  assert.equal(r.interrupted, true);
  assert.equal(r.summaries[0].status, 'interrupted');
  const json = JSON.parse(readFileSync('out-stopped/审阅结果.json', 'utf8')) as { interrupted: boolean };
  assert.equal(json.interrupted, true);
});

test('a missing input is a problem (exit 2); the others are still reviewed', async () => {
  const r = await runReview({ inputs: ['没有这个目录', '今年'], jobs: 1, lang: 'zh', warn: quiet });
  assert.deepEqual(r.problems, ['找不到文件或目录：没有这个目录']);
  assert.equal(r.summaries.length, 1);
  assert.equal(r.exitCode, 2);
});

test('ranking from 30 scored reports: by score, ties share a rank; fewer get none', () => {
  const record = (index: number, errors: number): ReportRecord => ({
    index,
    file: `${index}.md`,
    path: `/${index}.md`,
    uri: `file:///${index}.md`,
    format: 'md',
    imported: false,
    status: 'ok',
    findings: ['section-missing', 'table-missing'].slice(0, errors).map((code) => ({ code, severity: 'error' as const, message: 'x' })),
  });
  const few = Array.from({ length: 29 }, (_, i) => summarize(record(i, i % 3), [], DEFAULT_REVIEW_SETTINGS));
  rank(few);
  assert.ok(few.every((s) => s.rank === undefined));
  const many = Array.from({ length: 30 }, (_, i) => summarize(record(i, i % 3), [], DEFAULT_REVIEW_SETTINGS));
  rank(many);
  // Scores 10 (10 reports), 5 (10), 0 (10): ranks 1, 11, 21.
  assert.deepEqual([...new Set(many.map((s) => `${s.score}:${s.rank}`))].sort(), ['0:21', '10:1', '5:11']);
});
