import { diagnose } from '../arithmetic';
import { sum } from '../cells';
import type { Rule } from '../rule';
import { ARITHMETIC_YIELDS_TO, fmt, table3ColumnName } from './helpers';
import { checkScope, fixOrExplanation, splitHint, withNotes } from './arithmetic-findings';

/** The table's own note: 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和. */
export const balance: Rule = {
  code: 'balance',
  catalog: 240,
  severity: 'error',
  description: {
    zh: '表三每一列：第一项加第二项之和应等于第三项加第四项之和',
    en: 'Table 3, each column: new + carried over = total handled + carried forward',
  },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const t = report.table3;
    if (!t) return;
    const d = diagnose(t, 'table3');
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'balance') continue;
      const [a, b] = c.left;
      const [total, forward] = c.right;
      const [va, vb, vc, vd] = [a, b, total, forward].map((o) => o.value!);
      const left = sum([va, vb]),
        right = sum([vc, vd]);
      const name = table3ColumnName(c.key);
      const split = splitHint(d, c);
      emit({
        key: c.key,
        span: forward.cell!.span,
        scope: checkScope(c),
        message: withNotes(
          {
            zh: `表三${name.zh}列不平衡：第一项加第二项之和（${fmt(va)}+${fmt(vb)}=${fmt(left)}）不等于第三项加第四项之和（${fmt(vc)}+${fmt(vd)}=${fmt(right)}），相差${fmt(Math.abs(c.residual!))}`,
            en: `Table 3 column ${name.en} does not balance: new + carried over (${fmt(va)}+${fmt(vb)}=${fmt(left)}) ≠ total handled + carried forward (${fmt(vc)}+${fmt(vd)}=${fmt(right)}), difference ${fmt(Math.abs(c.residual!))}`,
          },
          split.note,
          note,
        ),
        related: [
          { span: a.cell!.span, message: { zh: `第一项 本年新收：${fmt(va)}`, en: `I new: ${fmt(va)}` } },
          { span: b.cell!.span, message: { zh: `第二项 上年结转：${fmt(vb)}`, en: `II carried over: ${fmt(vb)}` } },
          { span: total.cell!.span, message: { zh: `第三项 办理结果总计：${fmt(vc)}`, en: `III total handled: ${fmt(vc)}` } },
          ...split.related,
        ],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
