import { figure } from '../cells';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { ARITHMETIC_YIELDS_TO, fmt } from './helpers';
import { checkScope, diagnoseTable3, fixOrExplanation } from './table3-checks';

export const rowTotal: Rule = {
  code: 'row-total',
  severity: 'error',
  description: {
    zh: '表三每一行：“总计”列应等于六类申请人之和',
    en: 'Table 3, each row: the total column = sum of the six applicant columns',
  },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    const d = diagnoseTable3(t);
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'row-total') continue;
      const [total, ...parts] = c.terms;
      const tv = total.cell.value!;
      const s = tv - c.residual!;
      const expr = parts.map((p) => fmt(figure(p.cell)!)).join('+');
      emit({
        key: c.id,
        span: total.cell.span,
        scope: checkScope(c),
        message: {
          zh: `表三${c.name.zh}行：“总计”为${fmt(tv)}，但六类申请人之和为${expr}=${fmt(s)}，相差${fmt(Math.abs(c.residual!))}${note?.zh ?? ''}`,
          en: `Table 3 row ${c.name.en}: the total is ${fmt(tv)} but the six applicant columns add up to ${expr}=${fmt(s)}${note?.en ?? ''}`,
        },
        related: parts
          .filter((p) => figure(p.cell) !== 0)
          .map((p) => {
            const col = TABLE3_COLUMNS.find((x) => x.id === p.colId)!;
            return {
              span: p.cell.span,
              message: { zh: `${col.label}：${fmt(figure(p.cell)!)}`, en: `${col.en ?? col.id}: ${fmt(figure(p.cell)!)}` },
            };
          }),
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
