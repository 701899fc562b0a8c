import { figure, sum } from '../cells';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { fmt, setCell, table3ColumnName } from './helpers';

/** The table's own note: 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和. */
export const balance: Rule = {
  code: 'balance',
  severity: 'error',
  description: { zh: '表三每一列：第一项加第二项之和应等于第三项加第四项之和', en: 'Table 3, each column: new + carried over = total handled + carried forward' },
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    const get = (row: string) => t.rows.get(row);
    const rNew = get('new'), rCarried = get('carried'), rTotal = get('total'), rForward = get('forward');
    if (!rNew || !rCarried || !rTotal || !rForward) return;
    // Cells of a row with too many or too few cells may sit in the wrong columns: row-shape speaks.
    if ([rNew, rCarried, rTotal, rForward].some((r) => r.cellCountDelta !== 0)) return;
    for (const col of TABLE3_COLUMNS) {
      const cells = [rNew, rCarried, rTotal, rForward].map((r) => r.cells.get(col.id));
      const v = cells.map(figure);
      if (v.some((x) => x === undefined)) continue;
      const [a, b, c, d] = v as number[];
      const left = sum([a, b]), right = sum([c, d]);
      if (left === right) continue;
      const diff = sum([left, -right]);
      const forward = sum([left, -c]);
      const name = table3ColumnName(col.id);
      emit({
        key: col.id,
        span: cells[3]!.span,
        message: {
          zh: `表三${name.zh}列不平衡：第一项加第二项之和（${fmt(a)}+${fmt(b)}=${fmt(left)}）不等于第三项加第四项之和（${fmt(c)}+${fmt(d)}=${fmt(right)}），相差${fmt(Math.abs(diff))}`,
          en: `Table 3 column ${name.en} does not balance: new + carried over (${fmt(a)}+${fmt(b)}=${fmt(left)}) ≠ total handled + carried forward (${fmt(c)}+${fmt(d)}=${fmt(right)}), difference ${fmt(Math.abs(diff))}`,
        },
        related: [
          { span: cells[0]!.span, message: { zh: `第一项 本年新收：${fmt(a)}`, en: `I new: ${fmt(a)}` } },
          { span: cells[1]!.span, message: { zh: `第二项 上年结转：${fmt(b)}`, en: `II carried over: ${fmt(b)}` } },
          { span: cells[2]!.span, message: { zh: `第三项 办理结果总计：${fmt(c)}`, en: `III total handled: ${fmt(c)}` } },
        ],
        fixes: forward >= 0 ? [{
          title: { zh: `把“结转下年度继续办理”改为 ${fmt(forward)}（请先核对其他各项）`, en: `Set “carried forward” to ${fmt(forward)} (check the other figures first)` },
          kind: 'value',
          edits: [setCell(cells[3]!, forward)],
        }] : undefined,
      });
    }
  },
};
