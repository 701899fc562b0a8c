import type { Rule } from '../rule';
import { ARITHMETIC_YIELDS_TO, fmt } from './helpers';
import { checkScope, diagnoseTable3, fixOrExplanation } from './table3-checks';

/** The table's own note: 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和. */
export const balance: Rule = {
  code: 'balance',
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
    const d = diagnoseTable3(t);
    const { fix, note } = fixOrExplanation(d);
    for (const c of d.failing) {
      if (c.rule !== 'balance') continue;
      const [a, b, total, forward] = c.terms.map((x) => x.cell);
      const [va, vb, vc, vd] = c.terms.map((x) => x.cell.value!);
      const left = va + vb,
        right = vc + vd;
      emit({
        key: c.id,
        span: forward.span,
        scope: checkScope(c),
        message: {
          zh: `表三${c.name.zh}列不平衡：第一项加第二项之和（${fmt(va)}+${fmt(vb)}=${fmt(left)}）不等于第三项加第四项之和（${fmt(vc)}+${fmt(vd)}=${fmt(right)}），相差${fmt(Math.abs(c.residual!))}${note?.zh ?? ''}`,
          en: `Table 3 column ${c.name.en} does not balance: new + carried over (${fmt(va)}+${fmt(vb)}=${fmt(left)}) ≠ total handled + carried forward (${fmt(vc)}+${fmt(vd)}=${fmt(right)}), difference ${fmt(Math.abs(c.residual!))}${note?.en ?? ''}`,
        },
        related: [
          { span: a.span, message: { zh: `第一项 本年新收：${fmt(va)}`, en: `I new: ${fmt(va)}` } },
          { span: b.span, message: { zh: `第二项 上年结转：${fmt(vb)}`, en: `II carried over: ${fmt(vb)}` } },
          { span: total.span, message: { zh: `第三项 办理结果总计：${fmt(vc)}`, en: `III total handled: ${fmt(vc)}` } },
        ],
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};
