import type { Rule } from '../rule';
import type { TableId } from '../template';
import { TABLE_SHORT } from './helpers';

/** A column the national template does not have (a local 法人或其他组织小计): its figures are not checked. */
export const columnUnknown: Rule = {
  code: 'column-unknown',
  catalog: 180,
  severity: 'warning',
  description: { zh: '统计表中有模板以外的列（如自加的小计列）', en: 'A column that matches no template column (e.g. a local subtotal)' },
  tags: ['table'],
  suppressedBy: ['table-missing'],
  check({ report, emit }) {
    for (const [table, t] of [
      ['table3', report.table3],
      ['table4', report.table4],
    ] as [TableId, typeof report.table3][]) {
      if (!t) continue;
      const name = TABLE_SHORT[table];
      for (const cell of t.unknownColumns) {
        emit({
          key: `${name.zh}:${cell.span.start}`,
          span: cell.span,
          message: {
            zh: `${name.zh}的“${cell.raw}”列不是国家模板中的列，其中的数字不参与检查：国家模板没有小计列，请删去这一列或改回模板的列名`,
            en: `${name.en}: the column “${cell.raw}” is not in the national template; its figures are not checked`,
          },
        });
      }
    }
  },
};
