import { figure } from '../cells';
import type { Rule } from '../rule';
import { ARITHMETIC_YIELDS_TO, fmt, table3RowName } from './helpers';
import { checkScope, diagnoseTable3, fixOrExplanation } from './table3-checks';

export const resultTotal: Rule = {
  code: 'result-total',
  severity: 'error',
  description: { zh: '表三每一列：（七）总计应等于各项办理结果之和', en: 'Table 3, each column: (7) total = sum of the 21 result rows' },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    const d = diagnoseTable3(t);
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'result-total') continue;
      const [total, ...items] = c.terms;
      const tv = total.cell.value!;
      const s = tv - c.residual!;
      const nonZero = items.filter((x) => figure(x.cell) !== 0);
      emit({
        key: c.id,
        span: total.cell.span,
        scope: checkScope(c),
        message: {
          zh: `表三${c.name.zh}列：（七）总计为${fmt(tv)}，但各项办理结果之和为${fmt(s)}，相差${fmt(Math.abs(c.residual!))}${note?.zh ?? ''}`,
          en: `Table 3 column ${c.name.en}: (7) total is ${fmt(tv)} but the result rows add up to ${fmt(s)}, difference ${fmt(Math.abs(c.residual!))}${note?.en ?? ''}`,
        },
        related: (nonZero.length ? nonZero : items.slice(0, 1)).map((x) => ({
          span: x.cell.span,
          message: {
            zh: `${table3RowName(x.rowId).zh}：${fmt(figure(x.cell)!)}`,
            en: `${table3RowName(x.rowId).en}: ${fmt(figure(x.cell)!)}`,
          },
        })),
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
