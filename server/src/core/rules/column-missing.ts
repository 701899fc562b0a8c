import type { Rule } from '../rule';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TableId } from '../template';
import { TABLE_SHORT, table4ColumnName } from './helpers';

export const columnMissing: Rule = {
  code: 'column-missing',
  catalog: 160,
  severity: 'error',
  description: { zh: '统计表缺少模板中的列', en: 'A template column is missing from a table' },
  tags: ['table'],
  suppressedBy: ['table-missing'],
  check({ report, emit }) {
    for (const [table, t] of [
      ['table3', report.table3],
      ['table4', report.table4],
    ] as [TableId, typeof report.table3][]) {
      // A 2019 table 三 is checked against its own layout (table-outdated says it is old).
      if (!t || (table === 'table3' && t.outdated.length)) continue;
      const name = TABLE_SHORT[table];
      const header = t.tables[0].rows[0];
      for (const c of t.missingColumns) {
        const label = c.groups?.length ? `${c.groups.join('·')}·${c.label}` : c.label;
        const en =
          table === 'table3' ? (TABLE3_COLUMNS.find((x) => x.id === c.id)?.en ?? c.id) : table4ColumnName(c.id).en.replace(/[“”]/g, '');
        emit({
          key: `${name.zh}:${c.id}`,
          span: header?.span ?? t.tables[0].span,
          scope: [header?.span ?? t.tables[0].span],
          message: {
            zh: `${name.zh}缺少“${label}”列：请按模板补上这一列`,
            en: `${name.en} lacks the column “${en}”: add it as in the template`,
          },
        });
      }
    }
    const t2 = report.table2;
    // A 2019 table 二 is checked against its own layout, not the 2021 columns (2019–2020 reports rightly use it).
    if (t2 && !t2.outdated.length) {
      for (const block of TABLE2_BLOCKS) {
        const row = block.rows.map((r) => t2.rows.get(`${block.id}.${r.id}`)).find(Boolean);
        if (!row) continue;
        const have = t2.columnsByBlock.get(block.id) ?? [];
        for (const c of block.columns) {
          if (have.some((h) => h.template.id === c.id)) continue;
          emit({
            key: `表二:${block.id}:${c.id}`,
            span: row.row.span,
            message: {
              zh: `表二“${block.label}”缺少“${c.label}”列：请按模板补上这一列`,
              en: `Table 2, block “${block.label}”, lacks the column “${c.label}”: add it as in the template`,
            },
          });
        }
      }
    }
  },
};
