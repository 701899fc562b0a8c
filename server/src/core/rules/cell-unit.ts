import type { Rule } from '../rule';
import { allValueCells, setCell } from './helpers';

export const cellUnit: Rule = {
  code: 'cell-unit',
  catalog: 210,
  severity: 'warning',
  description: { zh: '数值单元格带有单位或其他文字（如“58（件）”）', en: 'A number with unit text in a value cell (“58（件）”)' },
  tags: ['cell'],
  check({ report, emit }) {
    for (const c of allValueCells(report)) {
      if (c.cell.kind !== 'unit' || c.cell.numberText === undefined) continue;
      emit({
        key: `${c.table}:${c.rowId}:${c.columnId}`,
        span: c.cell.span,
        message: {
          zh: `${c.where.zh}“${c.cell.raw}”带有单位文字，应只填数字“${c.cell.numberText}”`,
          en: `${c.where.en}: “${c.cell.raw}” carries unit text; write the bare number “${c.cell.numberText}”`,
        },
        fixes: [
          {
            title: { zh: `改为“${c.cell.numberText}”`, en: `Change to “${c.cell.numberText}”` },
            kind: 'safe',
            edits: [setCell(c.cell, c.cell.numberText)],
          },
        ],
      });
    }
  },
};
