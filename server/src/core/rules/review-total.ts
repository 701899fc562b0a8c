import { figure, sum } from '../cells';
import type { Rule } from '../rule';
import { ARITHMETIC_YIELDS_TO } from './helpers';
import { TABLE4_BLOCKS, TABLE4_RESULT_COLUMNS } from '../template';
import { fmt, setCell, table4BlockLabel } from './helpers';

export const reviewTotal: Rule = {
  code: 'review-total',
  severity: 'error',
  description: { zh: '表四每一组：总计应等于结果维持、结果纠正、其他结果、尚未审结之和', en: 'Table 4, each block: total = upheld + corrected + other + pending' },
  tags: ['arithmetic'],
  suppressedBy: ARITHMETIC_YIELDS_TO,
  check({ report, emit }) {
    const data = report.table4?.rows.get('data');
    if (!data) return;
    for (const block of TABLE4_BLOCKS) {
      const parts = TABLE4_RESULT_COLUMNS.filter((c) => c.id !== 'total').map((c) => ({ c, cell: data.cells.get(`${block.id}.${c.id}`) }));
      const totalCell = data.cells.get(`${block.id}.total`);
      const tv = figure(totalCell);
      const pv = parts.map((p) => figure(p.cell));
      if (tv === undefined || pv.some((x) => x === undefined)) continue;
      const s = sum(pv as number[]);
      if (s === tv) continue;
      const name = table4BlockLabel(block.id);
      emit({
        key: block.id,
        span: totalCell!.span,
        scope: [totalCell!.span, ...parts.map((p) => p.cell!.span)],
        message: {
          zh: `表四“${name.zh}”：总计为${fmt(tv)}，但结果维持、结果纠正、其他结果、尚未审结之和为${(pv as number[]).map(fmt).join('+')}=${fmt(s)}`,
          en: `Table 4 “${name.en}”: total is ${fmt(tv)} but upheld + corrected + other + pending = ${fmt(s)}`,
        },
        related: parts.map((p) => ({ span: p.cell!.span, message: { zh: `${p.c.label}：${fmt(figure(p.cell)!)}`, en: `${p.c.id}: ${fmt(figure(p.cell)!)}` } })),
        fixes: [{ title: { zh: `把总计改为 ${fmt(s)}`, en: `Set the total to ${fmt(s)}` }, kind: 'value', edits: [setCell(totalCell!, s)] }],
      });
    }
  },
};
