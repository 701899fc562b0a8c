import { figure } from '../cells';
import type { Rule } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { previousName, previousRelated } from './cross-year';
import { fmt, table3ColumnName } from './helpers';

/** This year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column. */
export const carryOver: Rule = {
  code: 'carry-over',
  catalog: 300,
  severity: 'warning',
  description: {
    zh: '表三“上年结转”与上一年度报告的“结转下年度继续办理”不一致',
    en: 'Table 3 “carried over” differs from last year’s “carried forward”',
  },
  tags: ['cross-year', 'table'],
  check({ report, previous, emit }) {
    const now = report.table3?.rows.get('carried');
    const before = previous?.table3?.rows.get('forward');
    if (!previous || !now || !before) return;
    const last = previousName(previous);
    for (const col of TABLE3_COLUMNS) {
      const cell = now.cells.get(col.id);
      const old = before.cells.get(col.id);
      const a = figure(cell),
        b = figure(old);
      if (a === undefined || b === undefined || a === b) continue;
      const name = table3ColumnName(col.id);
      emit({
        key: col.id,
        span: cell!.span,
        message: {
          zh: `表三${name.zh}列“二、上年结转政府信息公开申请数量”为${fmt(a)}，但${last.zh}的“四、结转下年度继续办理”为${fmt(b)}，相差${fmt(Math.abs(a - b))}：两者应相等，请核对本年的“上年结转”或上一年度报告`,
          en: `Table 3 column ${name.en}: “carried over” is ${fmt(a)}, but “carried forward” in ${last.en} is ${fmt(b)} (difference ${fmt(Math.abs(a - b))})`,
        },
        related: previousRelated(previous, old!.span, {
          zh: `${last.zh}：“四、结转下年度继续办理”${name.zh}列为${fmt(b)}`,
          en: `${last.en}: “carried forward”, column ${name.en}: ${fmt(b)}`,
        }),
      });
    }
  },
};
