import type { Rule } from '../rule';
import { TABLE2_BLOCKS } from '../template';

export const columnMissing: Rule = {
  code: 'column-missing',
  severity: 'error',
  description: { zh: '统计表缺少模板中的列', en: 'A template column is missing from a table' },
  check({ report, emit }) {
    for (const [name, t] of [['表三', report.table3], ['表四', report.table4]] as const) {
      if (!t || t.outdated.length) continue;
      const header = t.tables[0].rows[0];
      if (t.columns.length === 0) continue; // table-missing: the table does not match the template
      for (const c of t.missingColumns) {
        const label = c.groups?.length ? `${c.groups.join('·')}·${c.label}` : c.label;
        emit({ key: `${name}:${c.id}`, span: header?.span ?? t.tables[0].span, message: { zh: `${name}缺少“${label}”列`, en: `${name} lacks the column “${label}”` } });
      }
    }
    const t2 = report.table2;
    if (t2 && !t2.outdated.length) {
      for (const block of TABLE2_BLOCKS) {
        const row = block.rows.map((r) => t2.rows.get(`${block.id}.${r.id}`)).find(Boolean);
        if (!row) continue;
        const have = t2.columnsByBlock.get(block.id) ?? [];
        for (const c of block.columns) {
          if (have.some((h) => h.template.id === c.id)) continue;
          emit({ key: `表二:${block.id}:${c.id}`, span: row.row.span, message: { zh: `表二“${block.label}”缺少“${c.label}”列`, en: `Table 2 block “${block.label}” lacks the column “${c.label}”` } });
        }
      }
    }
  },
};
