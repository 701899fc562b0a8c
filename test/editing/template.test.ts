import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { draftingYear, renderTemplate } from '../../server/src/core/render';
import { LAST_YEAR_VARIABLE, snippets } from '../../scripts/generate';

test('the default report year is the one being drafted: Jan–Sep last year, Oct–Dec this year', () => {
  assert.equal(draftingYear(new Date(2025, 0, 5)), 2024);
  assert.equal(draftingYear(new Date(2025, 8, 30)), 2024);
  assert.equal(draftingYear(new Date(2025, 9, 1)), 2025);
  assert.equal(draftingYear(new Date(2025, 11, 31)), 2025);
  assert.ok(renderTemplate('report', { now: new Date(2026, 1, 1) })!.startsWith('# （机关名称）2025年政府信息公开工作年度报告'));
  assert.ok(renderTemplate('report', { now: new Date(2026, 10, 1), agency: '某局' })!.startsWith('# 某局2026年'));
  assert.ok(renderTemplate('report', { year: 2019 })!.includes('自2019年1月1日起至2019年12月31日止'));
});

test('inserted tables are blank, and an untouched skeleton does not check clean', () => {
  for (const kind of ['report', 'table2', 'table3', 'table4', 'section:2', 'section:3', 'section:4'] as const) {
    const text = renderTemplate(kind, { agency: '某县某局', year: 2024 })!;
    assert.ok(!/\| 0 \|/.test(text), `${kind} has zeros`);
  }
  const skeleton = renderTemplate('report', { agency: '某县某局', year: 2024 })!;
  const empty = analyze(skeleton).findings.filter((f) => f.code === 'cell-empty');
  assert.ok(empty.length > 0, 'cell-empty asks for the figures');
  assert.ok(analyze(skeleton).findings.some((f) => f.severity === 'error'));
  assert.equal(renderTemplate('table3', { eol: '\r\n' })!.split('\r\n').length > 25, true);
  assert.equal(renderTemplate('section:9' as never), undefined);
});

/** VS Code's snippet transform, for the subset the year variable uses: $n and ${n:+text}. */
function transform(variable: string, value: string): string {
  const m = /^\$\{CURRENT_YEAR\/(.*)\/(.*)\/\}$/.exec(variable)!;
  const re = new RegExp(m[1]);
  const match = re.exec(value);
  if (!match) return value;
  const format = m[2].replace(/\$\{(\d+):\+([^}]*)\}|\$(\d+)/g, (_, n, text, plain) =>
    n ? (match[Number(n)] ? text : '') : (match[Number(plain)] ?? ''),
  );
  return value.slice(0, match.index) + format + value.slice(match.index + match[0].length);
}

test('the snippet year is last year, computed from $CURRENT_YEAR', () => {
  for (let y = 2021; y <= 2099; y++) assert.equal(transform(LAST_YEAR_VARIABLE, String(y)), String(y - 1), String(y));
  const skeleton = snippets()['年报：完整报告骨架'].body.join('\n');
  assert.ok(skeleton.includes(`\${2:${LAST_YEAR_VARIABLE}}年政府信息公开工作年度报告`));
  // Every table row of every snippet is blank.
  for (const [name, s] of Object.entries(snippets())) {
    for (const line of s.body) assert.ok(!/\|\s*0\s*\|/.test(line), `${name}: ${line}`);
  }
  // The skeleton with its placeholders at their defaults does not check clean.
  const text = skeleton
    .replace(`\${2:${LAST_YEAR_VARIABLE}}`, '2024')
    .replace(/\$\{1:([^}]*)\}/, '$1')
    .replace(/\$\{2\}/g, '2024')
    .replace(/\$0/, '');
  assert.ok(analyze(text).findings.some((f) => f.code === 'cell-empty'));
});
