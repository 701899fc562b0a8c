import type { Rule } from '../rule';
import { allValueCells, setCell } from './helpers';

/** A blank or a placeholder is ambiguous: the format wants a figure, 0 when there is none. */
export const cellEmpty: Rule = {
  code: 'cell-empty',
  severity: 'error',
  description: { zh: '数值单元格为空或为占位符（—、-、/、无）', en: 'A value cell is empty or a placeholder (—, -, /, 无)' },
  check({ report, emit }) {
    for (const c of allValueCells(report)) {
      if (c.cell.kind !== 'blank') continue;
      const shown = c.cell.raw ? `“${c.cell.raw}”` : '空白';
      emit({
        key: `${c.table}:${c.rowId}:${c.columnId}`,
        span: c.cell.span,
        message: { zh: `${c.where.zh}为${shown}，应填写数字（没有的填0）`, en: `${c.where.en} is ${c.cell.raw ? `“${c.cell.raw}”` : 'blank'}; write a figure (0 if none)` },
        fixes: [{ title: { zh: '填写 0', en: 'Fill in 0' }, kind: 'value', edits: [setCell(c.cell, 0)] }],
      });
    }
  },
};
