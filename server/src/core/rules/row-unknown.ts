import type { Rule } from '../rule';
import type { UnknownRow } from '../tables';

export const rowUnknown: Rule = {
  code: 'row-unknown',
  severity: 'warning',
  description: { zh: '统计表中有模板以外的行（如自加的小计行）', en: 'A row that matches no template row (e.g. a local subtotal)' },
  check({ report, emit }) {
    const tables: [string, { unknownRows: UnknownRow[]; outdated: { span: { start: number } }[] } | undefined][] = [
      ['表二', report.table2], ['表三', report.table3], ['表四', report.table4],
    ];
    for (const [name, t] of tables) {
      if (!t) continue;
      for (const u of t.unknownRows) {
        if (t.outdated.some((o) => o.span.start === u.row.span.start)) continue; // table-outdated speaks
        const label = u.label || u.row.cells.map((c) => c.raw).filter(Boolean).slice(0, 3).join(' ');
        const zh = u.reason === 'duplicate' ? `${name}中“${label}”行重复出现`
          : u.reason === 'subtotal' ? `${name}中的“${label}”行是模板以外的小计行，国家模板没有这一行`
            : `${name}中的“${label}”行与模板的任何一行都对不上`;
        const en = u.reason === 'duplicate' ? `Row “${label}” appears twice` : `Row “${label}” is not a row of the template`;
        emit({ key: `${name}:${u.row.span.start}`, span: u.row.cells[0]?.span ?? u.row.span, message: { zh, en } });
      }
    }
  },
};
