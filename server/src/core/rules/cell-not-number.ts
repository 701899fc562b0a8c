import type { Rule } from '../rule';
import { allValueCells } from './helpers';

export const cellNotNumber: Rule = {
  code: 'cell-not-number',
  catalog: 220,
  severity: 'error',
  description: { zh: '数值单元格不是数字', en: 'A value cell is not a number' },
  tags: ['cell'],
  check({ report, emit }) {
    for (const c of allValueCells(report)) {
      if (c.cell.kind !== 'text') continue;
      if (c.cell.outOfRange) {
        emit({
          key: `${c.table}:${c.rowId}:${c.columnId}`,
          span: c.cell.span,
          message: {
            zh: `${c.where.zh}的数值位数过多，无法精确计算（不会被四舍五入），请核对`,
            en: `${c.where.en}: the figure has too many digits to compute exactly (it is not rounded); check it`,
          },
        });
        continue;
      }
      emit({
        key: `${c.table}:${c.rowId}:${c.columnId}`,
        span: c.cell.span,
        message: {
          zh: `${c.where.zh}“${c.cell.raw}”不是数字：这一格只填阿拉伯数字，没有的填 0，说明文字请写在正文中`,
          en: `${c.where.en}: “${c.cell.raw}” is not a number; write a figure (0 if none) and put explanations in the text`,
        },
      });
    }
  },
};
