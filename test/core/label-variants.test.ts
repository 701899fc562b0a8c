/**
 * One list of label variants seen in real reports, run through every path that reads a table:
 * the checker's parser, the Markdown preview (markdown-it), the table editor's grid data
 * (service.getTableGrid), the import (a grid built here, through mapDocument) and the export
 * (exportModel). Each path must put every figure of the draft at the same template row and
 * column; the checker names the variant with a label warning and a safe fix, never a missing
 * or unknown row or column.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { reportTablesPlugin, type MarkdownItLike } from '../../client/src/preview';
import { analyze, applyEdits, safeFixEdits } from '../../server/src/core/index';
import { mapDocument, readPlainText } from '../../server/src/core/grid/index';
import type { GridBlock, GridCell } from '../../server/src/core/grid/index';
import { layoutValueCells, tableLayout } from '../../server/src/core/table-layout';
import type { TableId } from '../../server/src/core/template';
import { exportModel } from '../../server/src/io/index';
import { createReportService } from '../../server/src/service/index';
import { generateReport } from '../helpers/draft';

const require = createRequire(import.meta.url);
const BASE = generateReport({ seed: 3 });

interface Variant {
  name: string;
  /** Replace this text of a table line … */
  from: string;
  /** … by this (every occurrence when `all`). */
  to: string;
  all?: boolean;
  /** The label findings the checker gives, by code (the safe fix restores the template's label). */
  findings: Record<string, number>;
}

const VARIANTS: Variant[] = [
  { name: 'half-width brackets', from: '| （三）不予公开 |', to: '| (三)不予公开 |', findings: { 'row-label': 1 } },
  { name: 'spaces inside a label', from: '| （四）无法提供 |', to: '| （四） 无法 提供 |', findings: { 'row-label': 1 } },
  { name: 'numbering dropped', from: '| 4.保护第三方合法权益 |', to: '| 保护第三方合法权益 |', findings: { 'row-label': 1 } },
  { name: 'numbering half-width 、', from: '| 2.重复申请 |', to: '| 2、重复申请 |', findings: { 'row-label': 1 } },
  { name: '其他 for 3.其他 in （六）', from: '| 3.其他 |', to: '| 其他 |', findings: { 'row-label': 1 } },
  { name: '其它 for 3.其他', from: '| 3.其他 |', to: '| 3.其它 |', findings: { 'row-label': 1 } },
  {
    name: 'truncated label',
    from: '| 5.要求行政机关确认或重新出具已获取信息 |',
    to: '| 5.要求行政机关确认或重新出具 |',
    findings: { 'row-label': 1 },
  },
  {
    name: 'a piece of the label at its position',
    from: '| 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |',
    to: '| 逾期不补正 |',
    findings: { 'row-label': 1 },
  },
  { name: 'typo', from: '| 3.补正后申请内容仍不明确 |', to: '| 3.补正后申请内容仍不明晰 |', findings: { 'row-label': 1 } },
  { name: 'quotes dropped', from: '| 3.危及“三安全一稳定” |', to: '| 3.危及三安全一稳定 |', findings: { 'row-label': 1 } },
  { name: 'level-1 label shortened', from: '| 二、上年结转政府信息公开申请数量 |', to: '| 二、上年结转 |', findings: { 'row-label': 1 } },
  { name: '（七）合计', from: '| （七）总计 |', to: '| （七）合计 |', findings: { 'row-label': 1 } },
  { name: '社会组织 for 社会公益组织', from: '| 社会公益组织 |', to: '| 社会组织 |', findings: { 'column-label': 1 } },
  { name: '合计 column', from: '| 其他 | 总计 |', to: '| 其他 | 合计 |', findings: { 'column-label': 1 } },
  {
    name: 'table 四 short headers 维持/纠正/其他/未审结',
    from: '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 |',
    to: '| 维持 | 纠正 | 其他 | 未审结 |',
    all: true,
    findings: { 'column-label': 12 },
  },
  { name: 'table 二 规范性文件', from: '| 行政规范性文件 |', to: '| 规范性文件 |', findings: { 'row-label': 1 } },
];

const TABLE_CODES = /^(row|column|cell|table)-|balance|result-total|row-total|review-total/;

function variantText(v: Variant): string {
  const text = v.all ? BASE.split(v.from).join(v.to) : BASE.replace(v.from, v.to);
  assert.notEqual(text, BASE, `${v.name}: ${v.from} not found`);
  return text;
}

type Values = Map<string, string>;

/** The checker's parser: every mapped cell by `table:row/column`. */
function parsed(text: string): Values {
  const out: Values = new Map();
  const report = analyze(text).model.reports[0];
  for (const id of ['table2', 'table3', 'table4'] as const)
    for (const [rowId, row] of report[id]?.rows ?? []) for (const [col, cell] of row.cells) out.set(`${id}:${rowId}/${col}`, cell.raw);
  return out;
}

/** The table editor's data. */
function grid(text: string): Values {
  const service = createReportService({
    config: { locale: 'zh', maxDocumentBytes: 8 << 20, optionsFor: () => ({ locale: 'zh' }) },
    logger: { log: () => undefined, warn: () => undefined },
  });
  const result = service.getTableGrid(TextDocument.create('untitled:v.md', 'markdown', 1, text));
  const out: Values = new Map();
  for (const t of result?.tables ?? [])
    for (const row of t.rows) for (const c of row.cells) out.set(`${t.id}:${row.id}/${c.column}`, c.text);
  return out;
}

/** The preview: the value cells of each merged table, in layout order. */
function preview(text: string): Values {
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt();
  md.use((m: MarkdownItLike) => reportTablesPlugin(m));
  const html: string = md.render(text);
  const out: Values = new Map();
  for (const id of ['table2', 'table3', 'table4'] as TableId[]) {
    const table = new RegExp(`<table class="xxgk-report-table xxgk-${id}"[^]*?</table>`).exec(html)?.[0];
    if (!table) continue;
    const tds = [...table.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    layoutValueCells(tableLayout(id, 'zh')).forEach((c, i) => out.set(`${id}:${c.rowId}/${c.columnId}`, tds[i]));
  }
  return out;
}

/** The import: the draft's blocks as a grid document (tables as grids of their cells), through mapDocument. */
function imported(text: string): Values {
  const blocks: GridBlock[] = [];
  let rows: GridCell[][] | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('|')) {
      if (/^\|[\s:|-]+\|$/.test(line)) continue;
      (rows ??= []).push(
        line
          .slice(2, -2)
          .split(' | ')
          .map((t) => ({ text: t.trim() })),
      );
      continue;
    }
    if (rows) blocks.push({ kind: 'table', rows });
    rows = undefined;
    const heading = /^(#+)\s*/.exec(line);
    const t = line.replace(/^#+\s*|\*\*/g, '').trim();
    if (t) blocks.push({ kind: 'paragraph', text: t, ...(heading ? { headingLevel: heading[1].length } : {}) });
  }
  if (rows) blocks.push({ kind: 'table', rows });
  return parsed(mapDocument({ blocks }).markdown);
}

/** Pasted text: the draft's tables as tab-separated lines (merged labels written once), through the text reader. */
function pasted(text: string): Values {
  const lines = text
    .split('\n')
    .filter((l) => !/^\|[\s:|-]+\|$/.test(l))
    .map((l) => (l.startsWith('|') ? l.slice(2, -2).split(' | ').join('\t') : l.replace(/^#+\s*|\*\*/g, '')));
  return parsed(mapDocument(readPlainText(lines.join('\n'))).markdown);
}

/** The export: the value cells both exporters write, by the official layout's row and column ids. */
function exported(text: string): Values {
  const out: Values = new Map();
  for (const b of exportModel(text).blocks) {
    if (b.kind !== 'table' || !b.table) continue;
    for (const row of b.bodyRows)
      for (const c of row) if (c.kind === 'value' && c.rowId && c.columnId) out.set(`${b.table}:${c.rowId}/${c.columnId}`, c.text);
  }
  return out;
}

const expected = parsed(BASE);

test('the base draft: every template cell mapped, no table finding', () => {
  assert.equal(expected.size, 10 + 25 * 7 + 15);
  assert.deepEqual(
    analyze(BASE).findings.filter((f) => TABLE_CODES.test(f.code)),
    [],
  );
  for (const [name, read] of [
    ['grid', grid],
    ['preview', preview],
    ['import', imported],
    ['paste', pasted],
  ] as const)
    assert.deepEqual(read(BASE), expected, name);
  assert.deepEqual(exported(BASE), expected);
});

for (const v of VARIANTS) {
  test(`label variant “${v.name}”: the same rows and columns in check, preview, grid, import and export`, () => {
    const text = variantText(v);
    const a = analyze(text);
    const table = a.findings.filter((f) => TABLE_CODES.test(f.code));
    const codes: Record<string, number> = {};
    for (const f of table) codes[f.code] = (codes[f.code] ?? 0) + 1;
    assert.deepEqual(codes, v.findings, table.map((f) => f.message).join('\n'));
    // The safe fixes give the template's labels back.
    assert.equal(applyEdits(text, safeFixEdits(table)), BASE);
    assert.deepEqual(parsed(text), expected, 'check');
    assert.deepEqual(grid(text), expected, 'grid');
    assert.deepEqual(preview(text), expected, 'preview');
    assert.deepEqual(imported(text), expected, 'import');
    assert.deepEqual(pasted(text), expected, 'paste');
    assert.deepEqual(exported(text), expected, 'export');
  });
}

test('其他 in the place of 3.其他: one row-label warning whose safe fix writes the template label', () => {
  const text = BASE.replace('| 3.其他 |', '| 其他 |');
  const found = analyze(text).findings.filter((f) => TABLE_CODES.test(f.code));
  assert.deepEqual(
    found.map((f) => [f.code, f.severity, f.message, f.fixes?.map((x) => [x.kind, x.edits[0].newText])]),
    [['row-label', 'warning', '表三的行名“其他”与模板写法不同，应为“3.其他”', [['safe', '3.其他']]]],
  );
});

test('其他 elsewhere is not 3.其他, and a two-character typo is guessed only with its number', () => {
  // In （五） after 1., “其他” names no row of that block: the row is unknown and 2.重复申请 missing.
  const elsewhere = analyze(BASE.replace('| 2.重复申请 |', '| 其他 |')).findings.filter((f) => TABLE_CODES.test(f.code));
  assert.deepEqual(
    elsewhere.map((f) => f.code),
    ['row-missing', 'row-unknown'],
  );
  assert.match(elsewhere[0].message, /表三缺少“（五）不予处理 2\.重复申请”行/);
  // A typo in a two-character label: guessed only when its number confirms the position.
  const numbered = analyze(BASE.replace('| 3.其他 |', '| 3.其化 |')).findings.filter((f) => TABLE_CODES.test(f.code));
  assert.deepEqual(
    numbered.map((f) => f.message),
    ['表三的行名“3.其化”与模板写法不同，应为“3.其他”'],
  );
  const bare = analyze(BASE.replace('| 3.其他 |', '| 其化 |')).findings.filter((f) => TABLE_CODES.test(f.code));
  assert.deepEqual(
    bare.map((f) => f.code),
    ['row-missing', 'row-unknown'],
  );
});
