/**
 * Table 四 of an imported or pasted grid: one row of 15 figures, its columns by their header
 * paths through the one column matcher (labels.ts) when the geometry is real, else in order.
 */
import { TABLE4_COLUMNS } from '../template';
import { UnmappedItem, hasNumber, positionalValues, positions, rowText, rowValues } from './cells';
import type { GridCell, GridTable } from './model';

const T4_IDS = TABLE4_COLUMNS.map((c) => c.id);

export function map4(tables: GridTable[], issues: UnmappedItem[]): Map<string, string> {
  const n = TABLE4_COLUMNS.length;
  const values = new Map<string, string>();
  let found = false;
  for (const t of tables) {
    const pos = positions(t, hasNumber, TABLE4_COLUMNS);
    for (const u of pos?.unknown ?? [])
      issues.push({
        table: 'table4',
        text: u,
        message: {
          zh: '表四中有模板以外的列，这一列的数字没有导入',
          en: 'table 4 has a column the template does not have; its figures were not imported',
        },
      });
    for (const row of t.rows) {
      if (!hasNumber(row)) continue;
      if (found) {
        issues.push({
          table: 'table4',
          text: rowText(row),
          message: { zh: '表四只有一行数字，多出的行已作为文字保留', en: 'table 4 has one row of figures; the extra row is kept as text' },
          kept: true,
        });
        continue;
      }
      found = true;
      if (pos) {
        const { values: v } = positionalValues(row, pos, T4_IDS);
        T4_IDS.forEach((id, i) => values.set(id, v[i]));
        continue;
      }
      readRow(row);
    }
  }
  return values;

  function readRow(row: GridCell[]): void {
    const v = rowValues(row, n);
    if (v.extra || !v.values) {
      issues.push({
        table: 'table4',
        text: rowText(row),
        message: { zh: `表四的数字多于${n}个，无法确定各列，已作为文字保留`, en: `table 4 has more than ${n} figures; kept as text` },
        kept: true,
      });
      return;
    }
    if (v.short)
      issues.push({
        table: 'table4',
        text: rowText(row),
        message: {
          zh: `表四的数字少于${n}个，缺少的单元格在行末留空，请核对`,
          en: `table 4 has fewer than ${n} figures; the rest is left blank`,
        },
      });
    TABLE4_COLUMNS.forEach((c, i) => values.set(c.id, v.values![i]));
  }
}
