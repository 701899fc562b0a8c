import { diagnose } from '../arithmetic';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { ARITHMETIC_YIELDS_TO, fmt, table3RowName } from './helpers';
import { checkScope, fixOrExplanation, splitHint, withNotes } from './arithmetic-findings';

export const rowTotal: Rule = {
  code: 'row-total',
  catalog: 260,
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
    const d = diagnose(t, 'table3');
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'row-total') continue;
      const [total] = c.left;
      const parts = c.right;
      const tv = total.value!;
      const s = tv - c.residual!;
      const expr = parts.map((p) => fmt(p.value!)).join('+');
      const name = table3RowName(c.key);
      const split = splitHint(d, c);
      emit({
        key: c.key,
        span: total.cell!.span,
        scope: checkScope(c),
        message: withNotes(
          {
            zh: `表三${name.zh}行：“总计”为${fmt(tv)}，但六类申请人之和为${expr}=${fmt(s)}，相差${fmt(Math.abs(c.residual!))}`,
            en: `Table 3 row ${name.en}: the total is ${fmt(tv)} but the six applicant columns add up to ${expr}=${fmt(s)}`,
          },
          split.note,
          note,
        ),
        related: [
          ...parts
            .filter((p) => p.value !== 0)
            .map((p) => {
              const col = TABLE3_COLUMNS.find((x) => x.id === p.ref!.column)!;
              return {
                span: p.cell!.span,
                message: { zh: `${col.label}：${fmt(p.value!)}`, en: `${col.en ?? col.id}: ${fmt(p.value!)}` },
              };
            }),
          ...split.related,
        ],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
