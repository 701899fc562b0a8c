/**
 * `xxgk-report review` on a generated batch of mixed formats, run once in-process from the
 * sources (its workers too): every report's findings equal what `check` says on its
 * imported draft; the copied report, the consecutive years, the duplicate, the corrupt file and
 * the .doc each get what they should; the work is spread over both workers (counted); the
 * SARIF and JSON hold every finding. That the workbook opens in LibreOffice:
 * test/review/office/workbook.test.ts (npm run test:office).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type * as Sarif from 'sarif';
import { RULES } from '../../server/src/core/index';
import { REVIEW_CODES } from '../../server/src/review/codes';
import { runReview, type ReviewOutcome } from '../../server/src/review/index';
import { runCli } from '../helpers/cli';
import { makeBatch, type Batch } from './batch';

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  line?: number;
  column?: number;
  related?: { file?: string; line?: number; message: string }[];
}
interface JsonReport {
  file: string;
  format: string;
  imported: boolean;
  unit: string | null;
  year: number | null;
  status: string;
  result: string;
  score: number | null;
  duplicateOf: string | null;
  previousFile: string | null;
  findings: JsonFinding[];
}
interface JsonOutput {
  totals: Record<string, number>;
  ranked: boolean;
  settings: { copiedThreshold: number };
  reports: JsonReport[];
}

let b: Batch;
let out: string;
let outcome: ReviewOutcome;
let json: JsonOutput;
const cwd = process.cwd();
const REVIEW_ONLY = new Set<string>(REVIEW_CODES.map((c) => c.code));

const report = (name: string) => {
  const r = json.reports.find((x) => x.file === `收到的报告/${name}`);
  assert.ok(r, `no row for ${name}`);
  return r;
};

before(async () => {
  b = await makeBatch();
  out = join(b.root, '审阅结果');
  process.chdir(b.root);
  outcome = await runReview({ inputs: ['收到的报告'], outDir: out, jobs: 2, opinions: true, lang: 'zh', warn: () => undefined });
  json = JSON.parse(readFileSync(join(out, '审阅结果.json'), 'utf8')) as JsonOutput;
});

after(() => {
  process.chdir(cwd);
  rmSync(b.root, { recursive: true, force: true });
});

test('one row per file received; the README is no report and is left out', () => {
  const names = Object.entries(b.files)
    .filter(([role]) => role !== 'readme')
    .map(([, f]) => `收到的报告/${f}`)
    .sort();
  assert.deepEqual(json.reports.map((r) => r.file).sort(), names);
  assert.equal(outcome.others, 1);
  assert.equal(outcome.exitCode, 1, 'reports with errors and unreadable files: exit 1');
  assert.deepEqual(outcome.problems, []);
});

test('every report’s findings equal what check says on its (imported) draft', async () => {
  const reviewed = json.reports.filter((r) => r.status === 'ok');
  const files = Object.values(b.files)
    .filter((f) => f !== b.files.duplicate)
    .map((f) => join('收到的报告', f));
  const r = await runCli(['check', '--format', 'json', ...files]);
  const checked = JSON.parse(r.out) as {
    file: string;
    diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[];
  }[];
  for (const row of reviewed) {
    const c = checked.find((x) => x.file === row.file);
    assert.ok(c, `check did not list ${row.file}`);
    const fromCheck = c.diagnostics.map(
      (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`,
    );
    const fromReview = row.findings
      .filter((f) => !REVIEW_ONLY.has(f.code))
      .map((f) => `${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`);
    assert.deepEqual(fromReview, fromCheck, row.file);
  }
  assert.ok(reviewed.length >= 11);
});

test('a report without its title: named by its file, with a finding saying what was not compared', () => {
  const r = report(b.files.untitled);
  assert.equal(r.status, 'ok');
  assert.equal(r.unit, null);
  const f = r.findings.find((x) => x.code === 'report-unidentified');
  assert.ok(f);
  assert.match(f.message, /标题中没有机关名称和四位年份，无法识别报送单位和年度：未与上一年度报告比对/);
  assert.ok(r.findings.some((x) => x.code === 'title-missing'));
  const summary = outcome.summaries.find((s) => s.file.endsWith('无标题.md'))!;
  assert.equal(summary.unit, undefined);
});

test('agency and year come from the title; imported files are marked so', () => {
  assert.equal(report(b.files.docx).unit, b.agencies.docx);
  assert.equal(report(b.files.docx).year, 2023);
  assert.equal(report(b.files.docx).imported, true);
  assert.equal(report(b.files.html).unit, b.agencies.html);
  assert.equal(report(b.files.html).format, 'html');
  assert.equal(report(b.files.clean).imported, false);
});

test('the same agency’s consecutive years: carry-over against last year’s file, and it is named', () => {
  const r = report(b.files.year2023);
  assert.equal(r.previousFile, `收到的报告/${b.files.year2022}`);
  const carry = r.findings.filter((f) => f.code === 'carry-over');
  assert.equal(carry.length, 2);
  assert.ok(carry.every((f) => f.related?.some((x) => x.file === `收到的报告/${b.files.year2022}`)));
  assert.ok(r.findings.some((f) => f.code === 'valid-count'));
  assert.ok(!report(b.files.year2022).findings.some((f) => f.code === 'carry-over'));
});

test('copied text: the copied report and its source name each other, with the paragraphs; last year’s copy too', () => {
  const copy = report(b.files.copy).findings.find((f) => f.code === 'text-copied');
  assert.ok(copy, 'text-copied on the copy');
  assert.match(copy.message, new RegExp(`${b.agencies.source}同年度的报告`));
  assert.match(copy.message, /正文约 100% /);
  assert.ok(copy.related!.length >= 5 && copy.related!.every((x) => x.file === `收到的报告/${b.files.source}` && x.line! > 0));
  assert.ok(report(b.files.source).findings.some((f) => f.code === 'text-copied'));
  const lastYear = report(b.files.year2023).findings.find((f) => f.code === 'text-copied');
  assert.ok(lastYear);
  assert.match(lastYear.message, /本机关2022年度报告/);
  // Generated reports with prose of their own are not copies of each other.
  for (const f of [b.files.clean, b.files.docx, b.files.html, b.files.original])
    assert.ok(!report(f).findings.some((x) => x.code === 'text-copied'), f);
});

test('the same report twice is reviewed once; the second row points at the first', () => {
  const dup = report(b.files.duplicate);
  assert.equal(dup.status, 'duplicate');
  assert.equal(dup.result, 'duplicate');
  assert.equal(dup.duplicateOf, `收到的报告/${b.files.original}`);
  assert.deepEqual(
    dup.findings.map((f) => f.code),
    ['duplicate-submission'],
  );
  assert.equal(dup.score, null);
  assert.equal(report(b.files.original).status, 'ok');
});

test('a cover letter sent instead of the report: its row says it is no report', () => {
  const letter = report(b.files.letter);
  assert.equal(letter.status, 'not-report');
  assert.equal(letter.result, 'fail');
  assert.deepEqual(
    letter.findings.map((f) => [f.code, f.severity]),
    [['not-a-report', 'error']],
  );
});

test('a PDF is imported through the one pipeline; a scan gets its own row', () => {
  const pdf = report(b.files.pdf);
  assert.equal(pdf.status, 'ok');
  assert.equal(pdf.format, 'pdf');
  assert.equal(pdf.imported, true);
  assert.equal(pdf.unit, '长丰乡人民政府');
  assert.ok(pdf.findings.some((f) => f.code === 'section-missing'));
  const scan = report(b.files.scan);
  assert.equal(scan.status, 'scan');
  assert.equal(scan.result, 'unreviewed');
  assert.match(scan.findings[0].message, /^扫描件（无文字）：这是扫描件（图片），没有可读取的文字/);
});

test('a corrupt .docx and a .doc get a row saying why, not a crash', () => {
  const corrupt = report(b.files.corrupt);
  assert.equal(corrupt.status, 'refused');
  assert.equal(corrupt.result, 'unreviewed');
  assert.deepEqual(
    corrupt.findings.map((f) => [f.code, f.severity]),
    [['file-unreadable', 'error']],
  );
  const doc = report(b.files.doc);
  assert.equal(doc.status, 'refused');
  assert.match(doc.findings[0].message, /另存为 \.docx/);
});

test('scores follow the scoring table; fewer than 30 reports are not ranked', () => {
  assert.equal(json.ranked, false);
  assert.ok(json.reports.every((r) => (r as unknown as { rank: number | null }).rank === null));
  // fee-statement-missing 5 + text-copied 5 of 10.
  assert.equal(report(b.files.copy).score, 0);
  assert.deepEqual((report(b.files.copy) as unknown as { deductions: unknown[] }).deductions, [
    { key: 'fee-statement-missing', count: 1, points: 5 },
    { key: 'text-copied', count: 1, points: 5 },
  ]);
  assert.equal(report(b.files.year2022).score, 10);
  // carry-over 1 × 2 (cap 2) + text-copied 5; valid-count is not in the table.
  assert.equal(report(b.files.year2023).score, 3);
  assert.equal(json.settings.copiedThreshold, 0.5);
});

test('with two workers the work is spread over both (tasks counted per thread)', () => {
  const counts = Object.values(outcome.tasksPerThread);
  assert.equal(counts.length, 2, JSON.stringify(outcome.tasksPerThread));
  const total = counts.reduce((a, n) => a + n, 0);
  // 17 files read; 12 reports checked (not the corrupt file, the .doc, the scan or the duplicate),
  // and the cover letter unless the importer already refused it as no report.
  assert.ok(total === 17 + 12 || total === 17 + 13, String(total));
  for (const n of counts) assert.ok(n >= total * 0.2, JSON.stringify(outcome.tasksPerThread));
});

test('SARIF 2.1.0: one run, rules with help and a page, every finding located in its file', () => {
  const log = JSON.parse(readFileSync(join(out, '审阅结果.sarif'), 'utf8')) as Sarif.Log;
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const rules = run.tool.driver.rules!;
  const ids = rules.map((r) => r.id);
  for (const code of [...RULES.map((r) => r.code), ...REVIEW_ONLY]) assert.ok(ids.includes(code), code);
  for (const r of rules) {
    assert.ok(r.help?.text && r.shortDescription?.text, r.id);
    const page = r.help.markdown ?? '';
    if (r.id !== 'internal-error') {
      assert.ok(r.helpUri?.startsWith('file:') && existsSync(fileURLToPath(r.helpUri)), `${r.id} ${r.helpUri}`);
      assert.match(page, new RegExp(`^# ${r.id}`));
    }
  }
  const results = run.results!;
  const findings = json.reports.reduce((n, r) => n + r.findings.length, 0);
  assert.equal(results.length, findings);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.ok(run.originalUriBaseIds?.SRCROOT?.uri?.startsWith('file:'));
  for (const res of results) {
    assert.equal(rules[res.ruleIndex!].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level!));
    const loc = res.locations![0].physicalLocation!;
    assert.equal(loc.artifactLocation!.uriBaseId, 'SRCROOT');
    const file = decodeURIComponent(loc.artifactLocation!.uri!);
    assert.ok(existsSync(join(b.root, file)), file);
    // Findings about a whole file have no region; every other one has its line.
    if (!['file-unreadable', 'duplicate-submission', 'not-a-report'].includes(res.ruleId!))
      assert.ok(loc.region!.startLine! >= 1, res.ruleId);
    if (!file.endsWith('.md')) assert.match(loc.artifactLocation!.description?.text ?? '', /导入后的 Markdown 草稿/);
  }
  const copied = results.find(
    (r) => r.ruleId === 'text-copied' && r.locations![0].physicalLocation!.artifactLocation!.uri!.includes(encodeURIComponent('石门')),
  );
  assert.ok(copied?.relatedLocations?.length);
});

test('the workbook: three sheets with Chinese headers, frozen and filtered, widths fitted', () => {
  const files = unzipSync(readFileSync(join(out, '审阅结果.xlsx')));
  const workbook = strFromU8(files['xl/workbook.xml']);
  assert.deepEqual(
    [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]),
    ['汇总', '问题清单', '口径与规则'],
  );
  for (const n of [1, 2, 3]) {
    const sheet = strFromU8(files[`xl/worksheets/sheet${n}.xml`]);
    assert.match(sheet, /<pane [^>]*ySplit="1"[^>]*state="frozen"/, `sheet ${n} frozen`);
    assert.match(sheet, /<autoFilter ref="A1:[A-Z]+1"\/>/, `sheet ${n} filter`);
    // Adjacent columns of one width share a <col> element.
    const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok(widths.length >= 5 && new Set(widths).size > 2, `sheet ${n} widths ${widths.join(',')}`);
  }
});

test('opinions: one per report reviewed, with where and what to change', () => {
  const names = readdirSync(out).filter((n) => n.endsWith('-审阅意见.md'));
  assert.ok(names.includes('石门县财政局-2023-审阅意见.md'), names.join(' '));
  assert.ok(!names.some((n) => n.includes('再次报送')));
  const text = readFileSync(join(out, '石门县财政局-2023-审阅意见.md'), 'utf8');
  assert.match(text, /^# 关于石门县财政局2023年政府信息公开工作年度报告的审阅意见/);
  assert.match(text, /审阅结果：\*\*不通过\*\*，得分 0（满分 10）/);
  assert.match(text, /位置：“六、其他需要报告的事项”部分，第 \d+ 行/);
  assert.match(text, /修改：/);
  const docx = readFileSync(join(out, `${b.agencies.docx}-2023-审阅意见.md`), 'utf8');
  assert.match(docx, /行号指转换后的草稿/);
});

test('outputs are never overwritten without --force; --format json prints and writes nothing without -o', async () => {
  const again = await runCli(['review', '收到的报告', '-o', out]);
  assert.equal(again.code, 2);
  assert.match(again.err, /已存在，未覆盖（要覆盖请加 --force）/);
  const printed = await runCli(['review', join('收到的报告', '部门'), '--format', 'json', '--jobs', '1']);
  assert.equal(printed.code, 1);
  const doc = JSON.parse(printed.out) as JsonOutput;
  assert.equal(doc.reports.length, 10);
  // Had it written to the default ./审阅结果/, it would have met the earlier outputs and stopped with 2.
  assert.ok(!readdirSync(out).some((n) => n.endsWith('.part')));
});
