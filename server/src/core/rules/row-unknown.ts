import type { Rule } from '../rule';
import type { UnknownRow } from '../tables';
import type { TableId } from '../template';
import { TABLE_SHORT } from './helpers';

export const rowUnknown: Rule = {
  code: 'row-unknown',
  catalog: 140,
  severity: 'warning',
  description: { zh: '统计表中有模板以外的行（如自加的小计行）', en: 'A row that matches no template row (e.g. a local subtotal)' },
  tags: ['table'],
  suppressedBy: ['table-outdated'],
  check({ report, emit }) {
    const tables: [TableId, { unknownRows: UnknownRow[] } | undefined][] = [
      ['table2', report.table2],
      ['table3', report.table3],
      ['table4', report.table4],
    ];
    for (const [table, t] of tables) {
      const name = TABLE_SHORT[table].zh;
      if (!t) continue;
      for (const u of t.unknownRows) {
        const label =
          u.label ||
          u.row.cells
            .map((c) => c.raw)
            .filter(Boolean)
            .slice(0, 3)
            .join(' ');
        const zh =
          u.reason === 'duplicate'
            ? `${name}中“${label}”行出现了两次：请合并为一行，删去重复的一行`
            : u.reason === 'subtotal'
              ? `${name}中的“${label}”行是模板以外的小计行，国家模板没有这一行：请删去，其中的数字不参与检查`
              : `${name}中的“${label}”行与模板的任何一行都对不上：请改用模板中的行名，或删去这一行`;
        const en =
          u.reason === 'duplicate'
            ? `${TABLE_SHORT[table].en}: row “${label}” appears twice`
            : `${TABLE_SHORT[table].en}: row “${label}” is not a row of the template`;
        emit({ key: `${name}:${u.row.span.start}`, span: u.row.cells[0]?.span ?? u.row.span, scope: [u.row.span], message: { zh, en } });
      }
    }
  },
};
