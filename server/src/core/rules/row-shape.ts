import type { Rule } from '../rule';
import type { MappedRow } from '../tables';

export const rowShape: Rule = {
  code: 'row-shape',
  severity: 'error',
  description: { zh: '某行的单元格数与表头不一致', en: 'A row has more or fewer cells than its header' },
  check({ report, emit }) {
    const rows: [string, MappedRow, number][] = [
      ...[...(report.table2?.rows.values() ?? [])].map((r) => ['表二', r, 0] as [string, MappedRow, number]),
      ...[...(report.table3?.rows.values() ?? [])].map((r) => ['表三', r, report.table3!.headerCells] as [string, MappedRow, number]),
      ...[...(report.table4?.rows.values() ?? [])].map((r) => ['表四', r, report.table4!.headerCells] as [string, MappedRow, number]),
    ];
    for (const [name, row, header] of rows) {
      if (row.cellCountDelta === 0) continue;
      const n = row.row.cells.length;
      const h = header || n - row.cellCountDelta;
      const label = row.labels.map((l) => l.raw).join(' ') || '数据';
      emit({
        key: `${name}:${row.id}`,
        span: row.row.span,
        message: {
          zh: `${name}“${label}”行有${n}个单元格，表头有${h}个（${row.cellCountDelta > 0 ? `多${row.cellCountDelta}个` : `少${-row.cellCountDelta}个`}），数字可能错列`,
          en: `${name} row “${label}” has ${n} cells; the header has ${h}: figures may sit in the wrong columns`,
        },
      });
    }
  },
};
