/** Small helpers the rules share: names of rows and columns, cell edits, insert points. */
import type { ValueCell } from '../cells';
import { formatNumber } from '../cells';
import type { TextEdit } from '../findings';
import type { Span } from '../lines';
import type { ReportModel, DocumentModel } from '../model';
import type { Message } from '../rule';
import { closingStart } from '../prose';
import {
  TABLE3_COLUMNS,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  TableId,
  sectionTemplate,
  SectionNumber,
} from '../template';

/**
 * The arithmetic rules yield to the rules that say a figure cannot be trusted: a row whose
 * cells may sit in the wrong columns (row-shape), a negative or fractional count.
 * Blank and non-numeric cells are not read at all, so a sum that involves one is not checked.
 */
export const ARITHMETIC_YIELDS_TO = ['row-shape', 'cell-empty', 'cell-not-number', 'cell-invalid'] as const;

/** Short table names for messages; English messages never carry the Chinese names. */
export const TABLE_SHORT: Record<TableId, Message> = {
  table2: { zh: '表二', en: 'table 2' },
  table3: { zh: '表三', en: 'table 3' },
  table4: { zh: '表四', en: 'table 4' },
};

export const TABLE_NAMES: Record<TableId, Message> = {
  table2: { zh: '表二（主动公开政府信息情况）', en: 'table 2 (proactive disclosure)' },
  table3: { zh: '表三（收到和处理政府信息公开申请情况）', en: 'table 3 (requests received and handled)' },
  table4: { zh: '表四（行政复议、行政诉讼情况）', en: 'table 4 (administrative review and litigation)' },
};

/** A group of table 三 by its short label: （二）部分公开 without its note. */
export function table3GroupLabel(groupId: string): Message {
  const g = TABLE3_GROUPS.find((x) => x.id === groupId);
  return g ? { zh: g.short ?? g.label, en: g.en } : { zh: groupId, en: groupId };
}

/** Row labels are asked for every cell on every analysis; ids are the template's, so this stays small. */
const rowLabelMemo = new Map<string, Message>();

/** A table-3 row as the user reads it, from the template: （三）不予公开 1.属于国家秘密. */
export function table3RowLabel(id: string): Message {
  let m = rowLabelMemo.get(id);
  if (rowLabelMemo.size > 1000) rowLabelMemo.clear();
  if (!m) rowLabelMemo.set(id, (m = table3RowLabelOf(id)));
  return m;
}

function table3RowLabelOf(id: string): Message {
  if (id === 'new' || id === 'carried' || id === 'forward') return { zh: TABLE3_LEVEL1[id].label, en: TABLE3_LEVEL1[id].en };
  if (id === 'total') return table3GroupLabel('g7');
  const [groupId, item] = id.split('.');
  const group = table3GroupLabel(groupId);
  if (!item) return group;
  const label = TABLE3_GROUPS.find((g) => g.id === groupId)?.items[Number(item) - 1]?.label ?? item;
  return { zh: `${group.zh} ${label}`, en: `${group.en}, item ${item}` };
}

export function table3RowName(id: string): Message {
  const l = table3RowLabel(id);
  return { zh: `“${l.zh}”`, en: `“${l.en}”` };
}

export function table3ColumnName(id: string): Message {
  const c = TABLE3_COLUMNS.find((x) => x.id === id);
  return { zh: `“${c?.label ?? id}”`, en: `“${c?.en ?? id}”` };
}

/** A block of table 四 (行政复议, 行政诉讼·未经复议直接起诉, …). */
export function table4BlockLabel(blockId: string): Message {
  const b = TABLE4_BLOCKS.find((x) => x.id === blockId);
  return b ? { zh: b.groups.join('·'), en: b.en } : { zh: blockId, en: blockId };
}

export function table4ColumnName(id: string): Message {
  const c = TABLE4_COLUMNS.find((x) => x.id === id);
  if (!c) return { zh: id, en: id };
  const block = table4BlockLabel(id.split('.')[0]);
  return { zh: `“${block.zh}·${c.label}”`, en: `“${block.en}, ${id.split('.')[1]}”` };
}

/** Replace a cell's content with a figure; an empty cell gets the figure inserted. */
export function setCell(cell: ValueCell, value: number | string): TextEdit {
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return { start: cell.span.start, end: cell.span.end, newText: text };
}

export function fmt(n: number): string {
  return formatNumber(n);
}

/** Where a missing section goes: before the next present section of higher number, else at the report's end. */
export function sectionInsertPoint(doc: DocumentModel, report: ReportModel, n: SectionNumber): { offset: number; before: boolean } {
  for (let k = n + 1; k <= 6; k++) {
    const s = report.section[k as SectionNumber];
    if (s) return { offset: s.span.start, before: true };
  }
  for (let k = n - 1; k >= 1; k--) {
    const s = report.section[k as SectionNumber];
    // After the last section, but before its closing lines (agency, signing date, 抄送).
    if (s) return { offset: closingStart(s, report) ?? s.span.end, before: false };
  }
  return { offset: report.span.end, before: false };
}

/** Text to insert at an offset so that it stands as its own block (blank lines around it). */
export function blockInsertion(text: string, offset: number, lines: string[], eol: string): string {
  const before = text.slice(Math.max(0, offset - 2), offset);
  const after = text.slice(offset, offset + 2);
  let lead = '';
  if (offset > 0) {
    if (!/(\r?\n){2}$/.test(text.slice(Math.max(0, offset - 4), offset))) lead = /\n$/.test(before) ? eol : eol + eol;
  }
  let tail = eol;
  if (after === '') tail = eol;
  else if (!/^\r?\n/.test(after)) tail = eol + eol;
  return lead + lines.join(eol) + tail;
}

export function sectionName(n: SectionNumber): Message {
  const s = sectionTemplate(n);
  return { zh: `“${s.numeral}、${s.title}”`, en: `section ${n}` };
}

export interface CellAt {
  table: TableId;
  rowId: string;
  columnId: string;
  cell: ValueCell;
  /** Fee amounts in 万元 may have decimals; everything else is a count. */
  decimal: boolean;
  where: Message;
  /** The row and the column alone, for messages about several cells of a row. */
  row: Message;
  column: Message;
  /** The source row, for messages about a whole row. */
  rowSpan: Span;
}

/** Every mapped value cell of the report's three tables. */
/** The four cell rules each walk every value cell: build the list once per report model. */
const valueCellsMemo = new WeakMap<ReportModel, readonly CellAt[]>();

export function allValueCells(report: ReportModel): readonly CellAt[] {
  let cells = valueCellsMemo.get(report);
  if (!cells) valueCellsMemo.set(report, (cells = collectValueCells(report)));
  return cells;
}

function collectValueCells(report: ReportModel): CellAt[] {
  const out: CellAt[] = [];
  if (report.table2) {
    for (const row of report.table2.rows.values()) {
      for (const col of report.table2.columnsByBlock.get(row.block.id) ?? []) {
        const cell = row.cells.get(col.template.id);
        if (!cell) continue;
        const rowLabel = row.block.rows.find((r) => `${row.block.id}.${r.id}` === row.id)?.label ?? row.id;
        out.push({
          table: 'table2',
          rowId: row.id,
          columnId: col.template.id,
          cell,
          decimal: !!col.template.decimal,
          where: { zh: `表二“${rowLabel}”行“${col.template.label}”列`, en: `table 2, row “${rowLabel}”, column “${col.template.label}”` },
          row: { zh: `表二“${rowLabel}”行`, en: `table 2, row “${rowLabel}”` },
          column: { zh: col.template.label, en: col.template.label },
          rowSpan: row.row.span,
        });
      }
    }
  }
  for (const [table, mapped] of [
    ['table3', report.table3],
    ['table4', report.table4],
  ] as const) {
    if (!mapped) continue;
    for (const row of mapped.rows.values()) {
      for (const col of mapped.columns) {
        const cell = row.cells.get(col.template.id);
        if (!cell) continue;
        const where: Message =
          table === 'table3'
            ? {
                zh: `表三${table3RowName(row.id).zh}行${table3ColumnName(col.template.id).zh}列`,
                en: `table 3, row ${table3RowName(row.id).en}, column ${table3ColumnName(col.template.id).en}`,
              }
            : { zh: `表四${table4ColumnName(col.template.id).zh}列`, en: `table 4, column ${table4ColumnName(col.template.id).en}` };
        const rowName: Message =
          table === 'table3'
            ? { zh: `表三${table3RowName(row.id).zh}行`, en: `table 3, row ${table3RowName(row.id).en}` }
            : { zh: '表四数据行', en: 'table 4, data row' };
        const column =
          table === 'table3'
            ? {
                zh: TABLE3_COLUMNS.find((c) => c.id === col.template.id)?.label ?? col.template.id,
                en: TABLE3_COLUMNS.find((c) => c.id === col.template.id)?.en ?? col.template.id,
              }
            : {
                zh: table4ColumnName(col.template.id).zh.replace(/[“”]/g, ''),
                en: table4ColumnName(col.template.id).en.replace(/[“”]/g, ''),
              };
        out.push({
          table,
          rowId: row.id,
          columnId: col.template.id,
          cell,
          decimal: false,
          where,
          row: rowName,
          column,
          rowSpan: row.row.span,
        });
      }
    }
  }
  return out;
}
