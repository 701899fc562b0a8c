import type { Message, Report, Rule } from '../rule';
import type { TableId } from '../template';
import { CellAt, TABLE_NAMES, allValueCells, setCell } from './helpers';

const FILL_TABLE: Message = { zh: '本表没有的填 0（把本表所有空格填为 0）', en: 'Fill every blank cell of this table with 0' };

function shown(c: CellAt): Message {
  return c.cell.raw ? { zh: `“${c.cell.raw}”`, en: `“${c.cell.raw}”` } : { zh: '空白', en: 'blank' };
}

/**
 * A blank or a placeholder is ambiguous: the format wants a figure, 0 when there is none.
 * One finding a row (the cells as related places), one for a table left entirely blank.
 */
export const cellEmpty: Rule = {
  code: 'cell-empty',
  catalog: 200,
  severity: 'error',
  description: { zh: '数值单元格为空或为占位符（—、-、/、无）', en: 'A value cell is empty or a placeholder (—, -, /, 无)' },
  tags: ['cell'],
  check({ report, emit }) {
    const cells = allValueCells(report);
    const byTable = new Map<TableId, CellAt[]>();
    for (const c of cells) {
      const list = byTable.get(c.table);
      if (list) list.push(c);
      else byTable.set(c.table, [c]);
    }
    for (const [table, all] of byTable) {
      const blank = all.filter((c) => c.cell.kind === 'blank');
      if (!blank.length) continue;
      const fillTable = { title: FILL_TABLE, kind: 'value' as const, edits: blank.map((c) => setCell(c.cell, 0)) };
      const related = (list: CellAt[]): Report['related'] =>
        list.map((c) => ({ span: c.cell.span, message: { zh: `${c.where.zh}：${shown(c).zh}`, en: `${c.where.en}: ${shown(c).en}` } }));
      if (blank.length === all.length && all.length > 1) {
        // A table left blank (an inserted template): one finding, not one per cell.
        const rows = all.map((c) => c.rowSpan);
        emit({
          key: `${table}:all`,
          span: { start: rows[0].start, end: rows[0].end },
          scope: blank.map((c) => c.cell.span),
          message: {
            zh: `${TABLE_NAMES[table].zh}的数字都还没有填：请逐格填写数字，没有的填 0`,
            en: `No figure of ${TABLE_NAMES[table].en} is filled in yet: write a figure in each cell (0 if none)`,
          },
          related: related(blank.slice(0, 3)),
          fixes: [fillTable],
        });
        continue;
      }
      const rows = new Map<string, CellAt[]>();
      for (const c of blank) {
        const list = rows.get(c.rowId);
        if (list) list.push(c);
        else rows.set(c.rowId, [c]);
      }
      for (const [rowId, list] of rows) {
        const first = list[0];
        const one = list.length === 1;
        const whole = all.filter((c) => c.rowId === rowId).length === list.length;
        const message: Message = one
          ? {
              zh: `${first.where.zh}为${shown(first).zh}：请填写数字，没有的填 0`,
              en: `${first.where.en} is ${shown(first).en}: write a figure (0 if none)`,
            }
          : {
              zh: `${first.row.zh}${whole ? '没有填数字' : `有${list.length}格没有填数字（${list.map((c) => c.column.zh).join('、')}）`}：请填写数字，没有的填 0`,
              en: `${first.row.en}: ${whole ? 'no figure is filled in' : `${list.length} cells are blank (${list.map((c) => c.column.en).join(', ')})`}; write the figures (0 if none)`,
            };
        emit({
          key: `${table}:${rowId}`,
          span: one ? first.cell.span : first.rowSpan,
          scope: list.map((c) => c.cell.span),
          message,
          related: one ? undefined : related(list),
          fixes: [
            {
              title: one ? { zh: '填写 0', en: 'Fill in 0' } : { zh: '本行空格填 0', en: 'Fill the blank cells of this row with 0' },
              kind: 'value',
              edits: list.map((c) => setCell(c.cell, 0)),
            },
            ...(rows.size > 1 ? [fillTable] : []),
          ],
        });
      }
    }
  },
};
