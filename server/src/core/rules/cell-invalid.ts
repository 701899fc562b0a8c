import type { Rule } from '../rule';
import { allValueCells } from './helpers';

/** Counts are whole pieces (件); only fee amounts in 万元 take decimals. */
export const cellInvalid: Rule = {
  code: 'cell-invalid',
  catalog: 230,
  severity: 'error',
  description: { zh: '数值为负数，或件数带小数', en: 'A negative value, or a fraction in a count' },
  tags: ['cell'],
  check({ report, emit }) {
    for (const c of allValueCells(report)) {
      const v = c.cell.value;
      if (v === undefined || (c.cell.kind !== 'number' && c.cell.kind !== 'unit')) continue;
      const text = c.cell.numberText ?? c.cell.raw;
      if (v < 0 || /^-/.test(text)) {
        emit({
          key: `${c.table}:${c.rowId}:${c.columnId}`,
          span: c.cell.span,
          message: {
            zh: `${c.where.zh}为负数“${text}”：件数和金额不能为负数，请核对`,
            en: `${c.where.en} is negative (“${text}”): counts and amounts cannot be negative`,
          },
        });
      } else if (!c.decimal && !Number.isInteger(v)) {
        emit({
          key: `${c.table}:${c.rowId}:${c.columnId}`,
          span: c.cell.span,
          message: {
            zh: `${c.where.zh}“${text}”是件数，应为整数，请核对`,
            en: `${c.where.en}: “${text}” is a count and must be a whole number`,
          },
        });
      }
    }
  },
};
