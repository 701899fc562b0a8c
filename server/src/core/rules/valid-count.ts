import { figure, sum } from '../cells';
import type { Rule } from '../rule';
import { TABLE2_BLOCKS } from '../template';
import { previousName, previousRelated } from './cross-year';
import { fmt } from './helpers';

const BLOCK = TABLE2_BLOCKS[0];

/** 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数 (a soft check: mass clean-ups break it). */
export const validCount: Rule = {
  code: 'valid-count',
  catalog: 310,
  severity: 'information',
  description: {
    zh: '现行有效件数不等于上年现行有效件数加本年制发减本年废止',
    en: 'Documents in force ≠ last year’s + issued − repealed',
  },
  tags: ['cross-year', 'table'],
  check({ report, previous, emit }) {
    if (!previous?.table2 || !report.table2) return;
    const last = previousName(previous);
    for (const row of BLOCK.rows) {
      const id = `${BLOCK.id}.${row.id}`;
      const now = report.table2.rows.get(id);
      const before = previous.table2.rows.get(id);
      if (!now || !before) continue;
      const validCell = now.cells.get('valid');
      const issuedCell = now.cells.get('issued');
      const repealedCell = now.cells.get('repealed');
      const oldCell = before.cells.get('valid');
      const valid = figure(validCell),
        issued = figure(issuedCell),
        repealed = figure(repealedCell),
        old = figure(oldCell);
      if (valid === undefined || issued === undefined || repealed === undefined || old === undefined) continue;
      const expected = sum([old, issued, -repealed]);
      if (expected === valid) continue;
      emit({
        key: row.id,
        span: validCell!.span,
        message: {
          zh: `表二“${row.label}”现行有效件数为${fmt(valid)}，但按${last.zh}的现行有效件数${fmt(old)}+本年制发${fmt(issued)}−本年废止${fmt(repealed)}应为${fmt(expected)}，相差${fmt(Math.abs(valid - expected))}（如有集中清理、宣布失效等情况，请核实后忽略）`,
          en: `Table 2 “${row.label}”: ${fmt(valid)} in force, but ${last.en} had ${fmt(old)}; ${fmt(old)} + ${fmt(issued)} issued − ${fmt(repealed)} repealed = ${fmt(expected)} (difference ${fmt(Math.abs(valid - expected))}; ignore if documents were declared void in a clean-up)`,
        },
        related: [
          ...previousRelated(previous, oldCell!.span, {
            zh: `${last.zh}：现行有效件数${fmt(old)}`,
            en: `${last.en}: ${fmt(old)} in force`,
          }),
          { span: issuedCell!.span, message: { zh: `本年制发件数：${fmt(issued)}`, en: `issued this year: ${fmt(issued)}` } },
          { span: repealedCell!.span, message: { zh: `本年废止件数：${fmt(repealed)}`, en: `repealed this year: ${fmt(repealed)}` } },
        ],
      });
    }
  },
};
