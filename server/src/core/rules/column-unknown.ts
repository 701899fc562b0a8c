import type { Rule } from '../rule';

/** A column the national template does not have (a local 法人或其他组织小计): its figures are not checked. */
export const columnUnknown: Rule = {
  code: 'column-unknown',
  severity: 'warning',
  description: { zh: '统计表中有模板以外的列（如自加的小计列）', en: 'A column that matches no template column (e.g. a local subtotal)' },
  check({ report, emit }) {
    for (const [name, t] of [['表三', report.table3], ['表四', report.table4]] as const) {
      if (!t || t.columns.length === 0) continue;
      for (const cell of t.unknownColumns) {
        emit({
          key: `${name}:${cell.span.start}`,
          span: cell.span,
          message: {
            zh: `${name}的“${cell.raw}”列不是国家模板中的列，其中的数字不参与检查；国家模板没有小计列`,
            en: `${name}: the column “${cell.raw}” is not in the national template; its figures are not checked`,
          },
        });
      }
    }
  },
};
