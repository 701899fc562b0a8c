/**
 * Builds the table editor's view model: the official merged layout (core/table-layout.ts)
 * filled with the figures, ranges and diagnostics of the server's tableGrid answer. Pure (no
 * vscode import), so the status bar, the editor and unit tests share it.
 */
import { expandLayout, tableLayout, type LayoutCell } from '../../server/src/core/table-layout';
import {
  BLANK_PLACEHOLDERS,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_GROUPS,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
} from '../../server/src/core/template';
import type { TableGridCell, TableGridCellRef, TableGridCheck, TableGridResult, TableGridTable } from '../../server/src/protocol';
import type { Severity, SumLine, TableId, TableView, ViewCell } from './webview/messages';

const TABLE_IDS: readonly TableId[] = ['table2', 'table3', 'table4'];

export interface GridStrings {
  tableName: Record<TableId, string>;
  balance: string;
  resultTotal: string;
  rowTotal: string;
  blockTotal: string;
  /** Labels of the sides of the equations. */
  newPlusCarried: string;
  totalPlusForward: string;
  itemsSum: string;
  resultTotalCell: string;
  applicantsSum: string;
  totalColumn: string;
  resultsSum: string;
}

export function cellKey(table: TableId, rowId: string, columnId: string): string {
  return `${table}/${rowId}/${columnId}`;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

function unique(texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) if (t && out[out.length - 1] !== t) out.push(t);
  return out;
}

const pathCache = new Map<TableId, Map<string, { row: string[]; column: string[] }>>();

/** Row path and column path of every value cell of a layout, by `rowId/columnId` (computed once per table). */
function cellPaths(table: TableId): Map<string, { row: string[]; column: string[] }> {
  let paths = pathCache.get(table);
  if (!paths) pathCache.set(table, (paths = computePaths(table)));
  return paths;
}

function computePaths(table: TableId): Map<string, { row: string[]; column: string[] }> {
  const layout = tableLayout(table, 'zh');
  const rows = [...layout.headerRows, ...layout.bodyRows];
  const grid = expandLayout(rows, layout.columnCount);
  const paths = new Map<string, { row: string[]; column: string[] }>();
  let block: string | undefined;
  let blockHeader: LayoutCell[] = [];
  grid.forEach((slots, r) => {
    const origin = rows[r];
    if (origin.length === 1 && origin[0].kind === 'block-label') block = origin[0].text;
    if (origin.some((c) => c.kind === 'column-header') && table === 'table2') blockHeader = [...origin];
    for (const c of origin) {
      if (c.kind !== 'value' || !c.rowId || !c.columnId) continue;
      const row = unique(
        slots
          .slice(0, layout.labelColumns)
          .filter((s) => s.cell.kind === 'row-label')
          .map((s) => s.cell.text),
      );
      let column: string[];
      if (table === 'table2') {
        const head = blockHeader.find((h) => h.col === c.col);
        column = unique([block ?? '', head?.text ?? '']);
      } else {
        column = unique(
          grid
            .slice(0, layout.headerRows.length)
            .map((s) => s[c.col].cell)
            .filter((h) => h.kind === 'column-header' && h.text !== TABLE3_CORNER)
            .map((h) => h.text),
        );
      }
      paths.set(`${c.rowId}/${c.columnId}`, { row, column });
    }
  });
  return paths;
}

/** What each side of a check is called, and the groups of the sums panel, by rule. */
function sides(rule: TableGridCheck['rule'], s: GridStrings): [string, string] {
  switch (rule) {
    case 'balance':
      return [s.newPlusCarried, s.totalPlusForward];
    case 'result-total':
      return [s.resultTotalCell, s.itemsSum];
    case 'row-total':
      return [s.totalColumn, s.applicantsSum];
    case 'review-total':
      return [s.totalColumn, s.resultsSum];
  }
}

/** What a check is about: its column, row or block, as the form names it. */
function checkLabel(check: TableGridCheck): string {
  switch (check.rule) {
    case 'balance':
    case 'result-total':
      return TABLE3_COLUMNS.find((c) => c.id === check.key)?.label ?? check.key;
    case 'row-total': {
      const row = TABLE3_ROWS.find((r) => r.id === check.key);
      return row ? (row.item ?? row.label) : (TABLE3_GROUPS.find((g) => g.id === check.key)?.label ?? check.key);
    }
    case 'review-total':
      return TABLE4_BLOCKS.find((b) => b.id === check.key)?.label ?? check.key;
  }
}

/**
 * The sums panel: the server's checks of the table (core/arithmetic.ts, the one model of the
 * arithmetic, as the rules evaluate it), grouped by rule; the page adds them up again from
 * the inputs as the user types.
 */
function sumsOf(table: TableId, checks: readonly TableGridCheck[], s: GridStrings): TableView['sums'] {
  const groups: [TableGridCheck['rule'], string][] = [
    ['balance', s.balance],
    ['result-total', s.resultTotal],
    ['row-total', s.rowTotal],
    ['review-total', s.blockTotal],
  ];
  const key = (r: TableGridCellRef) => cellKey(table, r.row, r.column);
  return groups
    .map(([rule, title]) => ({
      title,
      lines: checks
        .filter((c) => c.rule === rule)
        .map((c): SumLine => {
          const [leftLabel, rightLabel] = sides(rule, s);
          return { rule, key: c.key, label: checkLabel(c), left: c.left.map(key), right: c.right.map(key), leftLabel, rightLabel };
        }),
    }))
    .filter((g) => g.lines.length > 0);
}

function worst(cell: TableGridCell | undefined): Severity | undefined {
  let w: Severity | undefined;
  for (const d of cell?.diagnostics ?? []) if (!w || RANK[d.severity] < RANK[w]) w = d.severity;
  return w;
}

/** "（一）予以公开 · 总计": the last row label and the last column label of a value cell. */
function shortCellName(table: TableId, rowId: string, columnId: string): string {
  const p = cellPaths(table).get(`${rowId}/${columnId}`);
  if (!p) return `${rowId} · ${columnId}`;
  return [p.row[p.row.length - 1], p.column[p.column.length - 1]].filter(Boolean).join(' · ');
}

/** The view of one table: the layout with every value cell filled from the grid. */
function tableView(id: TableId, grid: TableGridTable | undefined, s: GridStrings): TableView {
  const layout = tableLayout(id, 'zh');
  const paths = cellPaths(id);
  const byKey = new Map<string, TableGridCell>();
  for (const row of grid?.rows ?? []) for (const c of row.cells) byKey.set(`${row.id}/${c.column}`, c);
  // The cell the failing checks name as wrong (one for all of them, where the rules can tell which).
  const sums = sumsOf(id, grid?.checks ?? [], s);
  const suspects = new Map<string, { value: number; checks: string[] }>();
  for (const check of grid?.checks ?? []) {
    if (check.status !== 'mismatch' || !check.suspect) continue;
    const { row, column, value } = check.suspect;
    const group = sums.find((g) => g.lines.some((l) => l.rule === check.rule && l.key === check.key));
    const line = group?.lines.find((l) => l.rule === check.rule && l.key === check.key);
    if (line) line.suspect = { key: cellKey(id, row, column), name: shortCellName(id, row, column), value };
    const k = `${row}/${column}`;
    const named = suspects.get(k) ?? { value, checks: [] };
    named.checks.push(group && line ? `${group.title}（${line.label}）` : `${check.rule} ${check.key}`);
    suspects.set(k, named);
  }
  const toView = (c: LayoutCell): ViewCell => {
    const v: ViewCell = { kind: c.kind, text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan, col: c.col };
    if (c.kind !== 'value' || !c.rowId || !c.columnId) return v;
    const id2 = `${c.rowId}/${c.columnId}`;
    const cell = byKey.get(id2);
    const p = paths.get(id2);
    v.key = cellKey(id, c.rowId, c.columnId);
    v.rowId = c.rowId;
    v.columnId = c.columnId;
    v.value = cell ? cell.text : null;
    v.label = [s.tableName[id], p ? p.row.join(' › ') : c.rowId, p ? p.column.join(' › ') : c.columnId].filter(Boolean).join(' · ');
    const sev = worst(cell);
    if (sev) {
      v.severity = sev;
      v.messages = cell!.diagnostics.map((d) => d.message);
    }
    const named = suspects.get(id2);
    if (named && cell) v.suspect = named;
    if (c.decimal) v.decimal = true;
    return v;
  };
  return {
    id,
    title: s.tableName[id],
    present: !!grid,
    columnCount: layout.columnCount,
    labelColumns: layout.labelColumns,
    header: layout.headerRows.map((r) => r.map(toView)),
    body: layout.bodyRows.map((r) => r.map(toView)),
    sums,
  };
}

export function tableViews(grid: TableGridResult | null, s: GridStrings): TableView[] {
  return TABLE_IDS.map((id) =>
    tableView(
      id,
      grid?.tables.find((t) => t.id === id),
      s,
    ),
  );
}

/** The cell at a position of the document: its table, row and (for value cells) column. */
export interface CellAt {
  table: TableId;
  rowId: string;
  columnId?: string;
  cell?: TableGridCell;
}

/** Index of the pipe-table cell containing `character` (0-based, not counting a leading pipe). */
function cellIndexAt(line: string, character: number): number {
  let index = 0;
  const leading = /^\s*\|/.test(line);
  let seenPipe = false;
  for (let i = 0; i < character && i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line[i] === '|') {
      if (leading && !seenPipe) {
        seenPipe = true;
        continue;
      }
      index++;
    }
  }
  return index;
}

export function cellAt(grid: TableGridResult | null, line: number, character: number, lineText: string): CellAt | undefined {
  for (const t of grid?.tables ?? []) {
    if (line < t.range.start.line || line > t.range.end.line) continue;
    const row = t.rows.find((r) => r.range.start.line === line);
    if (!row) return undefined;
    const index = cellIndexAt(lineText, character);
    const cell = row.cells.find((c) => c.index === index);
    return { table: t.id, rowId: row.id, columnId: cell?.column, cell };
  }
  return undefined;
}

/** "表三 · 3.危及“三安全一稳定” · 自然人" (short) and the full path (tooltip). */
export function describeCell(at: CellAt, s: GridStrings): { short: string; full: string } {
  const paths = cellPaths(at.table);
  const anyColumn = at.columnId ?? [...paths.keys()].find((k) => k.startsWith(`${at.rowId}/`))?.split('/')[1];
  const p = anyColumn ? paths.get(`${at.rowId}/${anyColumn}`) : undefined;
  const row = p?.row ?? [];
  const name = s.tableName[at.table];
  const col = at.columnId && p ? p.column : [];
  const short = [name, row[row.length - 1], col[col.length - 1]].filter(Boolean).join(' · ');
  const full = [name, row.join(' › '), col.join(' › ')].filter(Boolean).join(' · ');
  return { short, full };
}

/** A cell written as a placeholder for "nothing yet" (blank, —, /, 无…) counts as empty. */
function isEmptyFigure(value: string | null | undefined): boolean {
  return value !== null && value !== undefined && BLANKS.has(value.trim());
}

const BLANKS = new Set(BLANK_PLACEHOLDERS.map((p) => p.trim()));

/** Value cells of the views in the order of the layout (tables 二, 三, 四; rows top to bottom; left to right). */
function valueCells(views: TableView[], table?: TableId): ViewCell[] {
  return views
    .filter((t) => t.present && (!table || t.id === table))
    .flatMap((t) => t.body.flatMap((row) => row.filter((c) => c.kind === 'value' && c.key && c.value !== null)));
}

/**
 * The cell the table editor opens on: the one under the text cursor (the first figure of its
 * row when the cursor is on a row label, of its table when on the header); else the first empty
 * figure (of `table` when given, else of any table); else the first figure.
 */
export function openingCell(
  grid: TableGridResult | null,
  views: TableView[],
  cursor?: { line: number; character: number; lineText: string },
  table?: TableId,
): string | undefined {
  const present = (key: string | undefined) => (key && valueCells(views).some((c) => c.key === key) ? key : undefined);
  if (cursor && grid) {
    const at = cellAt(grid, cursor.line, cursor.character, cursor.lineText);
    if (at && (!table || at.table === table)) {
      const here = at.columnId ? present(cellKey(at.table, at.rowId, at.columnId)) : undefined;
      if (here) return here;
      const row = valueCells(views, at.table).find((c) => c.rowId === at.rowId);
      if (row?.key) return row.key;
    }
    const inTable = grid.tables.find((t) => cursor.line >= t.range.start.line && cursor.line <= t.range.end.line);
    if (inTable && (!table || inTable.id === table)) table = inTable.id;
  }
  const cells = valueCells(views, table);
  return (cells.find((c) => isEmptyFigure(c.value)) ?? cells[0])?.key;
}
