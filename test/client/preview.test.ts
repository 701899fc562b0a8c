// The preview plugin against markdown-it 12 (what VS Code's preview ships) and the latest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { reportTablesPlugin, splitRow, type MarkdownItLike, type PreviewDiagnostic } from '../../client/src/preview';
import { TABLE3_APPLICANT_GROUP, TABLE3_LEVEL1 } from '../../server/src/core/template';

const require = createRequire(import.meta.url);
const text = readFileSync(new URL('../vscode/workspace/wrong-total-2023.md', import.meta.url), 'utf8');
const lines = text.split('\n');
const rowLine = lines.findIndex((l) => l.includes('（一）予以公开'));
const cells = splitRow(lines[rowLine]);
const total = cells[cells.length - 1];

// The two markdown-it versions VS Code has shipped, each required by name (so that knip sees both dependencies).
for (const [name, load] of [
  ['markdown-it 12', () => require('markdown-it-12')],
  ['markdown-it latest', () => require('markdown-it')],
] as const) {
  test(`${name}: table 三 and 四 in the merged layout, marked cells`, () => {
    const MarkdownIt = load();
    const md = new MarkdownIt();
    const diags: PreviewDiagnostic[] = [{ line: rowLine, start: total.start, end: total.end, severity: 'error', message: '总计<7>不对' }];
    md.use((m: MarkdownItLike) => reportTablesPlugin(m, { diagnostics: (env) => ((env as { marks?: boolean }).marks ? diags : []) }));
    const env = { marks: true };
    const html: string = md.render(text, env);
    // 表三: merged group header over the five organisation columns, results label over 22 rows
    assert.match(html, new RegExp(`<th colspan="5" class="xxgk-column-header">${TABLE3_APPLICANT_GROUP}</th>`));
    assert.match(html, new RegExp(`<th rowspan="22" class="xxgk-row-label">${TABLE3_LEVEL1.results.label}</th>`));
    assert.match(html, /<th rowspan="8" class="xxgk-row-label">（三）不予公开<\/th>/);
    // 表四: 行政诉讼 over ten columns
    assert.match(html, /<th colspan="10" class="xxgk-column-header">行政诉讼<\/th>/);
    // the wrong 总计 cell is marked, with the message escaped
    assert.match(html, /<td class="xxgk-error" title="总计&lt;7&gt;不对">7<\/td>/);
    assert.equal((html.match(/xxgk-error/g) ?? []).length, 1);
    // no <div> inside a table, and rows keep their source line for scroll sync
    assert.doesNotMatch(html, /<table[^]*?<div[^]*?<\/table>/);
    assert.match(html, new RegExp(`<tr class="code-line" data-line="${rowLine}">`));
    // 表二: the four block tables and their labels become the one official table
    assert.match(html, /<th colspan="4" class="xxgk-block-label">第二十条第（一）项<\/th>/);
    assert.match(html, /<th colspan="3" class="xxgk-column-header">本年处理决定数量<\/th>/);
    assert.doesNotMatch(html, /<strong>第二十条/);
    assert.equal((html.match(/<table/g) ?? []).length, 3);
    // marks are per render: the same tokens without diagnostics have none
    assert.doesNotMatch(md.render(text, { marks: false }), /xxgk-error/);
  });

  test(`${name}: a table that does not map stays a plain table, cells still marked`, () => {
    const MarkdownIt = load();
    const md = new MarkdownIt();
    const src = '| 申请人情况 | 自然人 |\n| --- | --- |\n| 不认识的行 | 1 |\n';
    const c = splitRow('| 不认识的行 | 1 |')[1];
    md.use((m: MarkdownItLike) =>
      reportTablesPlugin(m, { diagnostics: () => [{ line: 2, start: c.start, end: c.end, severity: 'warning', message: 'w' }] }),
    );
    const html: string = md.render(src);
    assert.match(html, /<table>/);
    assert.match(html, /<td class="xxgk-warning" title="w">1<\/td>/);
  });
}

test('splitRow gives trimmed UTF-16 ranges and honours escaped pipes', () => {
  const line = '| a | b\\|c |  |';
  assert.deepEqual(
    splitRow(line).map((c) => line.slice(c.start, c.end)),
    ['a', 'b\\|c', ''],
  );
  assert.deepEqual(
    splitRow('a | b').map((c) => 'a | b'.slice(c.start, c.end)),
    ['a', 'b'],
  );
});
