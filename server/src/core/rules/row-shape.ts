import type { Rule } from '../rule';
import type { MappedRow } from '../tables';
import type { TableId } from '../template';
import { TABLE_SHORT } from './helpers';

export const rowShape: Rule = {
  code: 'row-shape',
  catalog: 190,
  severity: 'error',
  description: { zh: '某行的单元格数与表头不一致', en: 'A row has more or fewer cells than its header' },
  tags: ['table'],
  check({ report, emit }) {
    const rows: [TableId, MappedRow, number][] = [
      ...[...(report.table2?.rows.values() ?? [])].map((r) => ['table2', r, 0] as [TableId, MappedRow, number]),
      ...[...(report.table3?.rows.values() ?? [])].map((r) => ['table3', r, report.table3!.headerCells] as [TableId, MappedRow, number]),
      ...[...(report.table4?.rows.values() ?? [])].map((r) => ['table4', r, report.table4!.headerCells] as [TableId, MappedRow, number]),
    ];
    for (const [table, row, header] of rows) {
      const name = TABLE_SHORT[table];
      if (row.cellCountDelta === 0) continue;
      const n = row.row.cells.length;
      const h = header || n - row.cellCountDelta;
      const label = row.labels.map((l) => l.raw).join(' ');
      const what = {
        zh: label ? `${name.zh}“${label}”行` : `${name.zh}的数据行`,
        en: label ? `${name.en}, row “${label}”,` : `${name.en}, data row,`,
      };
      emit({
        key: `${name.zh}:${row.id}`,
        span: row.row.span,
        scope: [row.row.span],
        message: {
          zh: `${what.zh}有${n}格，表头有${h}格（${row.cellCountDelta > 0 ? `多${row.cellCountDelta}格` : `少${-row.cellCountDelta}格`}），数字可能填错了列：请按表头逐格核对，补齐或删去多余的格`,
          en: `${what.en} has ${n} cells; the header has ${h}: figures may sit in the wrong columns. Check each cell against the header`,
        },
      });
    }
  },
};
