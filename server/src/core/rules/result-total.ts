import { diagnose } from '../arithmetic';
import type { Rule } from '../rule';
import { ARITHMETIC_YIELDS_TO, fmt, table3ColumnName, table3RowName } from './helpers';
import { checkScope, fixOrExplanation, splitHint, withNotes } from './arithmetic-findings';

export const resultTotal: Rule = {
  code: 'result-total',
  catalog: 250,
  severity: 'error',
  description: { zh: '表三每一列：（七）总计应等于各项办理结果之和', en: 'Table 3, each column: (7) total = sum of the 21 result rows' },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    const d = diagnose(t, 'table3');
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'result-total') continue;
      const [total] = c.left;
      const items = c.right;
      const tv = total.value!;
      const s = tv - c.residual!;
      const nonZero = items.filter((x) => x.value !== 0);
      const name = table3ColumnName(c.key);
      const split = splitHint(d, c);
      emit({
        key: c.key,
        span: total.cell!.span,
        scope: checkScope(c),
        message: withNotes(
          {
            zh: `表三${name.zh}列：（七）总计为${fmt(tv)}，但各项办理结果之和为${fmt(s)}，相差${fmt(Math.abs(c.residual!))}`,
            en: `Table 3 column ${name.en}: (7) total is ${fmt(tv)} but the result rows add up to ${fmt(s)}, difference ${fmt(Math.abs(c.residual!))}`,
          },
          split.note,
          note,
        ),
        related: [
          ...(nonZero.length ? nonZero : items.slice(0, 1)).map((x) => ({
            span: x.cell!.span,
            message: {
              zh: `${table3RowName(x.ref!.row).zh}：${fmt(x.value!)}`,
              en: `${table3RowName(x.ref!.row).en}: ${fmt(x.value!)}`,
            },
          })),
          ...split.related,
        ],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
