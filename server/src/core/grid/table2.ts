/**
 * Table 二 of an imported or pasted grid: blocks by their 第二十条 labels, rows by the one label
 * matcher (labels.ts), columns by the header row in force; the 2019 layout kept as written.
 */
import { matchTable2Row } from '../labels';
import { foldWidth, labelKey } from '../normalize';
import { OUTDATED_2019, TABLE2_BLOCKS, TABLE2_FIRST_COLUMN, Table2Block } from '../template';
import { UnmappedItem, cellKind, labelText, rowText, rowValues } from './cells';
import type { GridCell, GridTable } from './model';

const T2_COLUMNS = TABLE2_BLOCKS.flatMap((block) =>
  block.columns.map((c) => ({ block, c, keys: [c.label, ...(c.variants ?? [])].map(labelKey) })),
);
export const OUTDATED_COLUMN_KEYS = OUTDATED_2019.columnLabels.map(labelKey);
export const OUTDATED_ROW_KEYS = OUTDATED_2019.rowLabels.map(labelKey);

/** The block a 第二十条第（N）项 label names; 'outdated' for a block of the 2019 layout. */
export function blockOf(text: string): Table2Block | 'outdated' | undefined {
  const f = foldWidth(text);
  const m = /^第二十条第\(?([一二三四五六七八九十]+)\)?项/.exec(f);
  if (!m) return undefined;
  const b = TABLE2_BLOCKS.find((x) => foldWidth(x.label) === `第二十条第(${m[1]})项`);
  return b ?? 'outdated';
}

export interface Mapped2 {
  values: Map<string, string>;
  rowLabels: Map<string, string>;
  columnLabels: Map<string, string>;
  present: Set<string>;
  /** Not the 2021 layout: the rows as written. */
  generic?: GridCell[][];
}

export function map2(tables: GridTable[], issues: UnmappedItem[]): Mapped2 {
  const out: Mapped2 = { values: new Map(), rowLabels: new Map(), columnLabels: new Map(), present: new Set() };
  const rows = tables.flatMap((t) => t.rows);
  const issue = (text: string, zh: string, en: string, kept = false) =>
    issues.push({ table: 'table2', text, message: { zh, en }, ...(kept ? { kept } : {}) });
  // The superseded 2019 layout (or columns the template does not have): keep the table as written.
  const texts = rows.flatMap((r) => r.map((c) => c.text)).filter((t) => cellKind(t) === 'text');
  const outdated = texts.some(
    (t) => OUTDATED_COLUMN_KEYS.includes(labelKey(t)) || OUTDATED_ROW_KEYS.includes(labelKey(t)) || blockOf(t) === 'outdated',
  );
  if (outdated) {
    out.generic = rows;
    issue(
      texts.slice(0, 3).join(' '),
      '表二不是2021年模板的格式（旧版2019年格式），已按原样转成表格，请改用2021年模板',
      'table 2 is not in the 2021 layout (2019 layout); converted as written',
    );
    return out;
  }
  let block: Table2Block | undefined;
  for (const row of rows) {
    const cells = row.filter((c) => !c.covered);
    const b = cells.map((c) => blockOf(c.text)).find((x) => x);
    if (b && b !== 'outdated') {
      block = b;
      continue;
    }
    const first = cells.find((c) => cellKind(c.text) === 'text');
    if (!first) {
      if (cells.some((c) => cellKind(c.text) === 'number'))
        issue(rowText(row), '表二中有一行没有标签，无法对应，已作为文字保留', 'a table-2 row has no label; kept as text', true);
      continue;
    }
    if (labelKey(first.text) === labelKey(TABLE2_FIRST_COLUMN)) {
      for (const c of cells) {
        const col = T2_COLUMNS.find((x) => (!block || x.block === block) && x.keys.includes(labelKey(c.text)));
        if (col && !out.columnLabels.has(`${col.block.id}.${col.c.id}`))
          out.columnLabels.set(`${col.block.id}.${col.c.id}`, labelText(c.text, col.c.label, 'exact'));
      }
      continue;
    }
    const m = matchTable2Row(first.text);
    if (!m) {
      if (cells.some((c) => cellKind(c.text) === 'number'))
        issue(rowText(row), '表二中有一行无法对应到模板的行，已作为文字保留', 'a table-2 row matches no template row; kept as text', true);
      continue;
    }
    const { block: blk, row: tr } = m.entry;
    const id = `${blk.id}.${tr.id}`;
    if (out.present.has(id)) {
      issue(rowText(row), '表二中的行重复出现，后一行已作为文字保留', 'a table-2 row appears twice; the second is kept as text', true);
      continue;
    }
    const v = rowValues(row, blk.columns.length);
    out.present.add(id);
    out.rowLabels.set(id, labelText(first.text, tr.label, m.match));
    if (v.extra || !v.values) {
      issue(
        rowText(row),
        '表二这一行的数字多于模板的列数，已作为文字保留（表中留空）',
        'this table-2 row has more figures than columns; kept as text',
        true,
      );
      continue;
    }
    if (v.short)
      issue(
        rowText(row),
        '表二这一行的数字少于模板的列数，缺少的单元格留空',
        'this table-2 row has fewer figures than columns; the rest is left blank',
      );
    blk.columns.forEach((c, i) => out.values.set(`${id}.${c.id}`, v.values![i]));
  }
  return out;
}
