import { figure, sum } from '../cells';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { fmt, setCell, table3RowName } from './helpers';

const PARTS = TABLE3_COLUMNS.filter((c) => c.id !== 'total');

export const rowTotal: Rule = {
  code: 'row-total',
  severity: 'error',
  description: { zh: '表三每一行：“总计”列应等于六类申请人之和', en: 'Table 3, each row: the total column = sum of the six applicant columns' },
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    for (const row of t.rows.values()) {
      if (row.cellCountDelta !== 0) continue; // row-shape speaks
      const totalCell = row.cells.get('total');
      const parts = PARTS.map((c) => ({ c, cell: row.cells.get(c.id) }));
      const tv = figure(totalCell);
      const pv = parts.map((p) => figure(p.cell));
      if (tv === undefined || pv.some((x) => x === undefined)) continue;
      const s = sum(pv as number[]);
      if (s === tv) continue;
      const name = table3RowName(row.id);
      const expr = (pv as number[]).map(fmt).join('+');
      emit({
        key: row.id,
        span: totalCell!.span,
        message: {
          zh: `表三${name.zh}行：“总计”为${fmt(tv)}，但六类申请人之和为${expr}=${fmt(s)}，相差${fmt(Math.abs(sum([tv, -s])))}`,
          en: `Table 3 row ${name.en}: the total is ${fmt(tv)} but the six applicant columns add up to ${expr}=${fmt(s)}`,
        },
        related: parts.filter((p) => figure(p.cell) !== 0).map((p) => ({
          span: p.cell!.span, message: { zh: `${p.c.label}：${fmt(figure(p.cell)!)}`, en: `${p.c.id}: ${fmt(figure(p.cell)!)}` },
        })),
        fixes: [{ title: { zh: `把“总计”改为 ${fmt(s)}`, en: `Set the total to ${fmt(s)}` }, kind: 'value', edits: [setCell(totalCell!, s)] }],
      });
    }
  },
};
