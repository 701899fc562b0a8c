/**
 * The five published seed reports, as Markdown fixtures that keep their defects
 * (test/fixtures/seeds/EXPECTED.md): the structure, table and arithmetic rules must give
 * exactly these diagnostics, and the clean reports none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, analyze } from '../../server/src/core/index';
import { FIXTURES, count, findingsOf, fixture, lineOf, summary } from './util';

/** The rules of the foundation issue, by their tags: structure, tables, cells, arithmetic (not content, not cross-year). */
const STRUCTURAL = new Set(RULES.filter((r) => !r.tags.some((t) => t === 'content' || t === 'cross-year')).map((r) => r.code));

function expectExactly(file: string, expected: Record<string, number>): void {
  const a = analyze(fixture(file));
  assert.ok(a.model.isReport, `${file} is a report`);
  assert.deepEqual(a.failures, []);
  assert.deepEqual(count(summary(a, STRUCTURAL)), expected);
}

test('seed 000: 14 blank cells, half-width bracket labels; the blanks keep result-total silent', () => {
  // One cell-empty finding a row: the seven rows with one blank, the row （六）3.其他 with seven.
  expectExactly('seeds/seed-000.md', {
    '67 cell-empty': 1,
    '68 cell-empty': 1,
    '69 cell-empty': 1,
    '70 cell-empty': 1,
    '71 cell-empty': 1,
    '72 cell-empty': 1,
    '73 cell-empty': 1,
    '87 cell-empty': 1,
    '77 row-label': 1,
    '80 row-label': 1,
    '85 row-label': 1,
    '88 row-label': 1,
  });
  const a = analyze(fixture('seeds/seed-000.md'));
  const title = a.model.reports[0].title!;
  assert.equal(title.agency, '安乐镇人民政府');
  assert.equal(title.year, 2023);
  assert.equal(title.kind, 'township');
  assert.deepEqual(
    a.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  // The table rows 一、… 四、结转下年度继续办理 are not sections.
  assert.deepEqual(
    a.model.reports[0].sections.map((s) => s.head.line + 1),
    [5, 31, 59, 91, 99, 119],
  );
  const empty = findingsOf(a, 'cell-empty')[0];
  assert.match(empty.message, /“（一）予以公开”行“总计”列为空白/);
  assert.equal(empty.fixes?.[0].kind, 'value');
});

test('seed 001: unit text in cells, section 四 as "4、" paragraph, 五 with a variant title', () => {
  expectExactly('seeds/seed-001.md', {
    '50 cell-unit': 1,
    '56 cell-unit': 1,
    '57 cell-unit': 1,
    '97 section-not-heading': 1,
    '97 section-title': 1,
    '105 section-title': 1,
  });
  const a = analyze(fixture('seeds/seed-001.md'));
  const unit = findingsOf(a, 'cell-unit')[0];
  assert.equal(a.model.text.slice(unit.span.start, unit.span.end), '58（件）');
  assert.match(unit.message, /“58（件）”.*“58”/);
  const title = findingsOf(a, 'section-title').find((f) => lineOf(a, f) === 97)!;
  assert.match(title.message, /编号“4、”不规范/);
  assert.equal(title.severity, 'warning');
});

test('seed 002: 42 blank cells in six rows, regional fee header, half-width labels', () => {
  const expected: Record<string, number> = { '31 column-label': 1 };
  // Six rows left blank: one finding a row, its seven cells as related places.
  for (const l of [43, 44, 45, 46, 47, 48]) expected[`${l} cell-empty`] = 1;
  for (const l of [43, 44, 45, 53, 56, 61, 64]) expected[`${l} row-label`] = 1;
  expectExactly('seeds/seed-002.md', expected);
});

test('seed 003: 2019 table 二, truncated table 三, section 四 missing', () => {
  expectExactly('seeds/seed-003.md', { '27 table-outdated': 1, '73 row-missing': 9, '75 section-missing': 1 });
  const a = analyze(fixture('seeds/seed-003.md'));
  const missing = findingsOf(a, 'row-missing').map((f) => f.message);
  assert.ok(missing.some((m) => m.includes('（七）总计')));
  assert.ok(missing.some((m) => m.includes('四、结转下年度继续办理')));
  assert.match(findingsOf(a, 'section-missing')[0].message, /四、政府信息公开行政复议、行政诉讼情况/);
  // One mistake, one diagnostic: nothing about the rows or columns inside the outdated table.
  assert.equal(summary(a).filter((s) => /row-label|column-|cell-/.test(s)).length, 0);
});

test('seed 004: the column 社会组织 instead of 社会公益组织', () => {
  expectExactly('seeds/seed-004.md', { '49 column-label': 1 });
  const a = analyze(fixture('seeds/seed-004.md'));
  const f = findingsOf(a, 'column-label')[0];
  assert.equal(a.model.text.slice(f.span.start, f.span.end), '社会组织');
  assert.equal(f.fixes?.[0].kind, 'safe');
  assert.equal(f.fixes?.[0].edits[0].newText, '社会公益组织');
});

test('clean reports give no error and no warning', () => {
  for (const f of readdirSync(join(FIXTURES, 'clean'))) {
    const a = analyze(fixture(`clean/${f}`));
    assert.ok(a.model.isReport, f);
    const bad = a.findings.filter((x) => x.severity === 'error' || x.severity === 'warning');
    assert.deepEqual(
      bad.map((x) => `${lineOf(a, x)} ${x.code} ${x.message}`),
      [],
      f,
    );
  }
});

test('ordinary Markdown files are not analysed', () => {
  for (const f of ['other/readme.md', 'other/mention.md']) {
    const a = analyze(fixture(f));
    assert.equal(a.model.isReport, false, f);
    assert.deepEqual(a.findings, [], f);
  }
});
