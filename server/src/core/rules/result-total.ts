import { figure, sum } from '../cells';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import { fmt, setCell, table3ColumnName, table3RowName } from './helpers';

const ITEM_ROWS = TABLE3_ROWS.filter((r) => r.role === 'item').map((r) => r.id);

export const resultTotal: Rule = {
  code: 'result-total',
  severity: 'error',
  description: { zh: '表三每一列：（七）总计应等于各项办理结果之和', en: 'Table 3, each column: (7) total = sum of the 21 result rows' },
  check({ report, emit }) {
    const t = report.table3;
    const total = t?.rows.get('total');
    if (!t || !total) return;
    // In the 2019 layout one （六）其他处理 row stands for the three items of 2021.
    const itemRows = t.rows.has('g6') ? [...ITEM_ROWS.filter((id) => !id.startsWith('g6.')), 'g6'] : ITEM_ROWS;
    if (itemRows.some((id) => !t.rows.has(id))) return; // row-missing speaks first
    if ([total, ...itemRows.map((id) => t.rows.get(id)!)].some((r) => r.cellCountDelta !== 0)) return; // row-shape speaks
    for (const col of TABLE3_COLUMNS) {
      const totalCell = total.cells.get(col.id);
      const items = itemRows.map((id) => ({ id, cell: t.rows.get(id)!.cells.get(col.id) }));
      const tv = figure(totalCell);
      const iv = items.map((x) => figure(x.cell));
      if (tv === undefined || iv.some((x) => x === undefined)) continue;
      const s = sum(iv as number[]);
      if (s === tv) continue;
      const nonZero = items.filter((x) => figure(x.cell) !== 0);
      const name = table3ColumnName(col.id);
      emit({
        key: col.id,
        span: totalCell!.span,
        message: {
          zh: `表三${name.zh}列：（七）总计为${fmt(tv)}，但各项办理结果之和为${fmt(s)}，相差${fmt(Math.abs(sum([tv, -s])))}`,
          en: `Table 3 column ${name.en}: (7) total is ${fmt(tv)} but the result rows add up to ${fmt(s)}, difference ${fmt(Math.abs(sum([tv, -s])))}`,
        },
        related: (nonZero.length ? nonZero : items.slice(0, 1)).map((x) => ({
          span: x.cell!.span,
          message: { zh: `${table3RowName(x.id).zh}：${fmt(figure(x.cell)!)}`, en: `${table3RowName(x.id).en}: ${fmt(figure(x.cell)!)}` },
        })),
        fixes: [{
          title: { zh: `把（七）总计改为 ${fmt(s)}`, en: `Set (7) total to ${fmt(s)}` },
          kind: 'value',
          edits: [setCell(totalCell!, s)],
        }],
      });
    }
  },
};
