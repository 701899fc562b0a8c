/**
 * The official merged layout of tables 二, 三 and 四 (国办公开办函〔2021〕30号 附件), derived
 * from the template data in one place. The Word and HTML exporters, the import tests, the
 * Markdown preview and the table editor all draw the same merges from here, so a change to
 * the template changes every picture of the table at once.
 *
 * Model (HTML-like): a table is a list of rows; each row lists only the cells that START in
 * it, left to right. A cell covers `rowSpan` rows and `colSpan` grid columns from grid column
 * `col`. Positions covered by a span from an earlier row or cell are not listed again (use
 * `expandLayout` for a rectangular grid with every position filled).
 *
 * - `headerRows`: the rows that repeat on every page (表三: 3 rows, 表四: 3 rows, 表二: none —
 *   its column headers belong to each block and sit among the body rows).
 * - `bodyRows`: the rest. Value cells carry `rowId`/`columnId` (template ids) and `key`, the
 *   same value key render.ts passes to `RenderOptions.value` (`item1.rules.issued`,
 *   `g3.1.natural`, `review.upheld`).
 *
 * Table 三's corner (3 label columns × 3 header rows) holds the balance note, as in the
 * official form; the canonical Markdown writes the note as a paragraph above the table
 * instead (a consumer that already shows it may blank the corner).
 * Table 四's single data row has no row label, as in the official form.
 */
import {
  TABLE2_BLOCKS,
  TABLE2_FIRST_COLUMN,
  TABLE3_APPLICANT_GROUP,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_NOTE,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  TABLE4_RESULT_COLUMNS,
  TableId,
} from './template';
import type { Locale } from './message';

export type LayoutLocale = Locale;

export type LayoutCellKind =
  /** 表三's top-left block (the balance note). */
  | 'corner'
  /** A column label or a group label over columns (申请人情况, 法人或其他组织, 行政诉讼, 信息内容 …). */
  | 'column-header'
  /** 表二's block label row (第二十条第（一）项), spanning the table. */
  | 'block-label'
  /** A row label or a merged group label over rows (三、本年度办理结果, （三）不予公开, 1.属于国家秘密 …). */
  | 'row-label'
  /** A figure of the template. */
  | 'value';

export interface LayoutCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** First grid column (0-based) the cell covers. */
  col: number;
  kind: LayoutCellKind;
  /** Value cells: template row id (表二: `<block>.<row>`, e.g. `item1.rules`; 表三: `g3.1`; 表四: `data`). */
  rowId?: string;
  /** Value cells: template column id (表二: `issued`; 表三: `natural`; 表四: `review.upheld`). */
  columnId?: string;
  /** Value cells: the value key render.ts uses (`item1.rules.issued`, `g3.1.natural`, `review.upheld`). */
  key?: string;
  /** 表二 cells: the block id (`item1` …). */
  blockId?: string;
  /** Template id of the row or column a label names (row labels: row id or group id; column headers: column id or group label). */
  labelOf?: string;
  /** Value cells of decimal columns (表二 收费金额). */
  decimal?: boolean;
}

export interface TableLayout {
  table: TableId;
  /** Grid columns of the whole table. */
  columnCount: number;
  /** Grid columns holding row labels before the first value column (表二 1, 表三 3, 表四 0). */
  labelColumns: number;
  headerRows: LayoutCell[][];
  bodyRows: LayoutCell[][];
}

// English names where the template has none; keyed by template id so the Chinese labels are
// only ever read from template.ts.
const EN: Record<string, string> = {
  'table2.first': 'Information',
  item1: 'Article 20 item (1)',
  item5: 'Article 20 item (5)',
  item6: 'Article 20 item (6)',
  item8: 'Article 20 item (8)',
  issued: 'Issued this year',
  repealed: 'Repealed this year',
  valid: 'Currently valid',
  decisions: 'Decisions this year',
  feeAmount: 'Fees collected this year (10,000 yuan)',
  rules: 'Rules',
  normativeDocs: 'Normative documents',
  licensing: 'Administrative licensing',
  penalty: 'Administrative penalties',
  coercion: 'Administrative coercion',
  fees: 'Administrative fees',
  'table3.note': '(In every column: item I plus item II equals item III plus item IV)',
  'table3.corner': 'Applicants',
  'table3.group': 'Legal persons or other organisations',
  'g3.1': '1. State secrets',
  'g3.2': '2. Prohibited by other laws and regulations',
  'g3.3': '3. Endangers the "three securities and one stability"',
  'g3.4': '4. Protects lawful rights of third parties',
  'g3.5': '5. Three kinds of internal affairs',
  'g3.6': '6. Four kinds of process information',
  'g3.7': '7. Administrative enforcement files',
  'g3.8': '8. Administrative enquiry matters',
  'g4.1': '1. Not held by this agency',
  'g4.2': '2. Would need to be newly produced',
  'g4.3': '3. Still unclear after correction',
  'g5.1': '1. Petitions, reports and complaints',
  'g5.2': '2. Repeated requests',
  'g5.3': '3. Published materials requested',
  'g5.4': '4. Mass repeated requests without good reason',
  'g5.5': '5. Confirmation or reissue of information already obtained',
  'g6.1': '1. Not corrected in time without good reason',
  'g6.2': '2. Fees not paid in time',
  'g6.3': '3. Other',
  upheld: 'Upheld',
  corrected: 'Corrected',
  other: 'Other results',
  pending: 'Pending',
  total: 'Total',
  lawsuits: 'Administrative lawsuits',
};

function en(id: string, zh: string, locale: LayoutLocale, given?: string): string {
  if (locale === 'zh') return zh;
  return given ?? EN[id] ?? zh;
}

function cell(kind: LayoutCellKind, text: string, col: number, extra: Partial<LayoutCell> = {}): LayoutCell {
  return { text, rowSpan: 1, colSpan: 1, col, kind, ...extra };
}

// ---------------------------------------------------------------------------

function layoutTable2(locale: LayoutLocale): TableLayout {
  const width = 1 + Math.max(...TABLE2_BLOCKS.map((b) => b.columns.length));
  const body: LayoutCell[][] = [];
  for (const b of TABLE2_BLOCKS) {
    body.push([cell('block-label', en(b.id, b.label, locale), 0, { colSpan: width, blockId: b.id, labelOf: b.id })]);
    // A block with fewer columns than the table stretches its last column to the right edge.
    const spans = b.columns.map((_, i) => (i === b.columns.length - 1 ? width - 1 - i : 1));
    body.push([
      cell('column-header', en('table2.first', TABLE2_FIRST_COLUMN, locale), 0, { blockId: b.id }),
      ...b.columns.map((c, i) =>
        cell('column-header', en(c.id, c.label, locale, c.en), 1 + i, { colSpan: spans[i], blockId: b.id, labelOf: c.id }),
      ),
    ]);
    for (const r of b.rows) {
      body.push([
        cell('row-label', en(r.id, r.label, locale), 0, { blockId: b.id, labelOf: `${b.id}.${r.id}` }),
        ...b.columns.map((c, i) =>
          cell('value', '', 1 + i, {
            colSpan: spans[i],
            blockId: b.id,
            rowId: `${b.id}.${r.id}`,
            columnId: c.id,
            key: `${b.id}.${r.id}.${c.id}`,
            ...(c.decimal ? { decimal: true } : {}),
          }),
        ),
      ]);
    }
  }
  return { table: 'table2', columnCount: width, labelColumns: 1, headerRows: [], bodyRows: body };
}

function layoutTable3(locale: LayoutLocale): TableLayout {
  const L = 3;
  const cols = TABLE3_COLUMNS;
  const grouped = cols.filter((c) => c.groups?.length);
  const header: LayoutCell[][] = [[], [], []];
  header[0].push(cell('corner', en('table3.note', TABLE3_NOTE, locale), 0, { rowSpan: 3, colSpan: L }));
  header[0].push(cell('column-header', en('table3.corner', TABLE3_CORNER, locale), L, { colSpan: cols.length }));
  let groupDone = false;
  cols.forEach((c, i) => {
    const label = en(c.id, c.label, locale, c.en);
    if (!c.groups?.length) {
      header[1].push(cell('column-header', label, L + i, { rowSpan: 2, labelOf: c.id }));
      return;
    }
    if (!groupDone) {
      groupDone = true;
      header[1].push(
        cell('column-header', en('table3.group', TABLE3_APPLICANT_GROUP, locale), L + i, {
          colSpan: grouped.length,
          labelOf: TABLE3_APPLICANT_GROUP,
        }),
      );
    }
    header[2].push(cell('column-header', label, L + i, { labelOf: c.id }));
  });

  const results = TABLE3_ROWS.filter((r) => r.level1 === TABLE3_LEVEL1.results.label);
  const body: LayoutCell[][] = [];
  let lastGroup: string | undefined;
  for (const r of TABLE3_ROWS) {
    const row: LayoutCell[] = [];
    const group = TABLE3_GROUPS.find((g) => g.label === r.group);
    if (r.role === 'new' || r.role === 'carried' || r.role === 'forward') {
      const l1 = TABLE3_LEVEL1[r.role];
      row.push(cell('row-label', en(r.id, r.label, locale, l1.en), 0, { colSpan: L, labelOf: r.id }));
    } else {
      if (r === results[0]) {
        row.push(
          cell('row-label', en('results', r.level1, locale, TABLE3_LEVEL1.results.en), 0, { rowSpan: results.length, labelOf: 'results' }),
        );
      }
      if (!r.item) {
        row.push(cell('row-label', en(r.id, r.label, locale, group?.en), 1, { colSpan: 2, labelOf: r.id }));
      } else {
        if (r.group !== lastGroup && group) {
          row.push(cell('row-label', en(group.id, group.label, locale, group.en), 1, { rowSpan: group.items.length, labelOf: group.id }));
        }
        row.push(cell('row-label', en(r.id, r.item, locale), 2, { labelOf: r.id }));
      }
    }
    lastGroup = r.group;
    cols.forEach((c, i) => row.push(cell('value', '', L + i, { rowId: r.id, columnId: c.id, key: `${r.id}.${c.id}` })));
    body.push(row);
  }
  return { table: 'table3', columnCount: L + cols.length, labelColumns: L, headerRows: header, bodyRows: body };
}

/** Row id of table 四's single data row. */
export const TABLE4_DATA_ROW = 'data';

function layoutTable4(locale: LayoutLocale): TableLayout {
  const header: LayoutCell[][] = [[], [], []];
  const per = TABLE4_RESULT_COLUMNS.length;
  let col = 0;
  let lastTop: string | undefined;
  for (const b of TABLE4_BLOCKS) {
    const top = b.groups[0];
    if (top !== lastTop) {
      const span = TABLE4_BLOCKS.filter((x) => x.groups[0] === top).length * per;
      const text = b.groups.length === 1 ? en(b.id, top, locale, b.en) : en('lawsuits', top, locale);
      header[0].push(cell('column-header', text, col, { colSpan: span, labelOf: top }));
      lastTop = top;
    }
    const results = TABLE4_RESULT_COLUMNS.map((c, i) =>
      cell('column-header', en(c.id, c.label, locale), col + i, { labelOf: `${b.id}.${c.id}` }),
    );
    if (b.groups.length === 1) {
      // 行政复议's result labels span the second and third header rows.
      for (const r of results) header[1].push({ ...r, rowSpan: 2 });
    } else {
      header[1].push(cell('column-header', en(b.id, b.groups[1], locale, b.en), col, { colSpan: per, labelOf: b.id }));
      header[2].push(...results);
    }
    col += per;
  }
  const body = [TABLE4_COLUMNS.map((c, i) => cell('value', '', i, { rowId: TABLE4_DATA_ROW, columnId: c.id, key: c.id }))];
  return { table: 'table4', columnCount: TABLE4_COLUMNS.length, labelColumns: 0, headerRows: header, bodyRows: body };
}

const cache = new Map<string, TableLayout>();

/**
 * The official merged layout of a table. Value cells have empty `text`; fill them by `key`.
 * The result is shared and frozen: copy before changing.
 */
export function tableLayout(table: TableId, locale: LayoutLocale = 'zh'): TableLayout {
  const k = `${table}/${locale}`;
  let layout = cache.get(k);
  if (!layout) {
    layout = table === 'table2' ? layoutTable2(locale) : table === 'table3' ? layoutTable3(locale) : layoutTable4(locale);
    deepFreeze(layout);
    cache.set(k, layout);
  }
  return layout;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** One position of the rectangular grid: the cell covering it and whether it is that cell's origin. */
export interface GridSlot {
  cell: LayoutCell;
  origin: boolean;
}

/**
 * Expands rows of a layout (header rows, body rows, or both concatenated) into a rectangular
 * grid: `grid[r][c]` is the cell covering row r, column c. Used by writers that emit
 * continuation cells (Word's vMerge) and by the Markdown preview.
 */
export function expandLayout(rows: readonly (readonly LayoutCell[])[], columnCount: number): GridSlot[][] {
  const grid: (GridSlot | undefined)[][] = rows.map(() => Array<GridSlot | undefined>(columnCount).fill(undefined));
  rows.forEach((row, r) => {
    for (const c of row) {
      for (let dr = 0; dr < c.rowSpan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < c.colSpan && c.col + dc < columnCount; dc++) {
          grid[r + dr][c.col + dc] = { cell: c, origin: dr === 0 && dc === 0 };
        }
      }
    }
  });
  // A position no cell covers (malformed rows) gets an empty cell of its own.
  return grid.map((row) => row.map((s, c) => s ?? { cell: { text: '', rowSpan: 1, colSpan: 1, col: c, kind: 'value' }, origin: true }));
}

/** The value cells of a layout in reading order (keys are what render.ts's `value` receives). */
export function layoutValueCells(layout: TableLayout): LayoutCell[] {
  return layout.bodyRows.flat().filter((c) => c.kind === 'value');
}

/**
 * The layout with only the body rows whose value cells belong to the rows kept (a draft that
 * lacks rows of the template is written without them, not with invented blank rows). Merged
 * labels shrink over the rows that remain; a label left over no row disappears.
 */
export function keepBodyRows(layout: TableLayout, keep: (rowId: string) => boolean): TableLayout {
  const rowIdOf = (row: readonly LayoutCell[]) => row.find((c) => c.kind === 'value')?.rowId;
  const keptRow = layout.bodyRows.map((row) => {
    const id = rowIdOf(row);
    return id === undefined ? undefined : keep(id);
  });
  // 表二's block label and column header rows stay only with a row of their block.
  const blockKept = new Set(layout.bodyRows.filter((_, i) => keptRow[i]).map((row) => row[0]?.blockId));
  const kept = layout.bodyRows.map((row, i) => keptRow[i] ?? (row[0]?.blockId === undefined || blockKept.has(row[0].blockId)));
  if (kept.every((k) => k)) return layout;
  const grid = expandLayout(layout.bodyRows, layout.columnCount);
  const bodyRows: LayoutCell[][] = [];
  const placed = new Set<LayoutCell>();
  grid.forEach((slots, r) => {
    if (!kept[r]) return;
    const row: LayoutCell[] = [];
    for (const slot of slots) {
      const c = slot.cell;
      if (placed.has(c)) continue;
      placed.add(c);
      // The rows of the original span that remain.
      let start = r;
      while (start > 0 && grid[start - 1].some((s) => s.cell === c)) start--;
      let span = 0;
      for (let k = start; k < start + c.rowSpan && k < grid.length; k++) if (kept[k]) span++;
      row.push({ ...c, rowSpan: span });
    }
    bodyRows.push(row);
  });
  return { ...layout, bodyRows };
}

/** A row the template does not have (a local 小计, 其他), placed among the body rows. */
export interface LayoutExtraRow {
  /** Index of the body row it follows (-1: before the first). */
  after: number;
  /** Id of the row (value keys are `${rowId}.${columnId}`). */
  rowId: string;
  /** Its label as written (spans the label columns that no merged label continues over it). */
  label: string;
}

/** Column id of the j-th column added by extendLayout (value keys `${rowId}.${EXTRA_COLUMN}j`). */
export const EXTRA_COLUMN = 'extra';

/**
 * The layout with what a draft holds beyond the template: columns added at the right (with
 * their header texts) and rows inserted among the body rows, so that nothing the draft has is
 * left out of an export. An inserted row takes the value cells of the row it follows (the first
 * row of figures when it comes first), and lengthens every merged label that goes on past it;
 * its own label covers the label columns left. Added columns span the header rows (table 二,
 * without header rows, shows them in each block's column header row).
 */
export function extendLayout(layout: TableLayout, extraColumns: readonly string[], extraRows: readonly LayoutExtraRow[]): TableLayout {
  if (!extraColumns.length && !extraRows.length) return layout;
  const n = layout.columnCount;
  const k = extraColumns.length;
  const columnCount = n + k;
  const added = (rowId: string | undefined, kind: 'value' | 'column-header', blockId?: string): LayoutCell[] =>
    extraColumns.map((text, j) =>
      kind === 'column-header'
        ? cell('column-header', text, n + j, { ...(blockId ? { blockId } : {}), labelOf: `${EXTRA_COLUMN}${j}` })
        : cell('value', '', n + j, {
            ...(blockId ? { blockId } : {}),
            rowId,
            columnId: `${EXTRA_COLUMN}${j}`,
            key: `${rowId}.${EXTRA_COLUMN}${j}`,
          }),
    );

  // Columns: the header rows (or, in table 二, each block's rows) grow to the right.
  const headerRows = layout.headerRows.map((row, r) =>
    r === 0 && k ? [...row, ...added(undefined, 'column-header').map((c) => ({ ...c, rowSpan: layout.headerRows.length }))] : [...row],
  );
  const widen = (row: readonly LayoutCell[]): LayoutCell[] => {
    if (!k) return [...row];
    const value = row.find((c) => c.kind === 'value');
    if (value) return [...row, ...added(value.rowId, 'value', value.blockId)];
    if (row.length === 1 && row[0].kind === 'block-label') return [{ ...row[0], colSpan: row[0].colSpan + k }];
    if (row.some((c) => c.kind === 'column-header')) return [...row, ...added(undefined, 'column-header', row[0]?.blockId)];
    // A row without figures (none in the official layouts): its last cell reaches the new edge.
    const last = row[row.length - 1];
    return last ? [...row.slice(0, -1), { ...last, colSpan: n - last.col + k }] : [];
  };
  let body = layout.bodyRows.map(widen);
  if (!extraRows.length) return { ...layout, columnCount, headerRows, bodyRows: body };

  // Rows: where each merged label starts and ends, in the original body rows.
  const grid = expandLayout(layout.bodyRows, n);
  const firstValueRow = Math.max(
    0,
    body.findIndex((row) => row.some((c) => c.kind === 'value')),
  );
  const insertedAfter = new Map<number, LayoutExtraRow[]>();
  for (const x of extraRows) {
    const at = Math.max(-1, Math.min(x.after, body.length - 1));
    const list = insertedAfter.get(at);
    if (list) list.push(x);
    else insertedAfter.set(at, [x]);
  }
  /** Whether an original cell covering row r also covers row r + 1 (an insertion after r falls inside it). */
  const continues = (r: number, c: number) => r >= 0 && r + 1 < grid.length && grid[r][c].cell === grid[r + 1][c].cell;
  const lengthened = new Map<LayoutCell, number>();
  for (const [after, rows] of insertedAfter) {
    const spans = new Set<LayoutCell>();
    for (let c = 0; c < n; c++) if (continues(after, c)) spans.add(grid[after][c].cell);
    for (const s of spans) lengthened.set(s, (lengthened.get(s) ?? 0) + rows.length);
  }

  const out: LayoutCell[][] = [];
  const emit = (after: number) => {
    for (const x of insertedAfter.get(after) ?? []) {
      // The value cells of the row it follows, or (after a label row, or first) of the next row of figures.
      const hasValues = (r: number) => body[r]?.some((c) => c.kind === 'value');
      let modelRow = after >= 0 ? after : firstValueRow;
      if (!hasValues(modelRow)) {
        let next = modelRow + 1;
        while (next < body.length && !hasValues(next)) next++;
        modelRow = next < body.length ? next : firstValueRow;
      }
      const model = body[modelRow] ?? [];
      // The label columns not covered by a merged label going on past this row.
      let from = 0;
      while (from < layout.labelColumns && continues(after, from)) from++;
      const row: LayoutCell[] = [];
      if (from < layout.labelColumns) row.push(cell('row-label', x.label, from, { colSpan: layout.labelColumns - from, labelOf: x.rowId }));
      for (const c of model)
        if (c.kind === 'value')
          row.push({
            ...c,
            rowSpan: 1,
            rowId: x.rowId,
            key: `${x.rowId}.${c.columnId}`,
          });
      out.push(row);
    }
  };
  emit(-1);
  body.forEach((row, r) => {
    out.push(row.map((c) => (lengthened.has(c) ? { ...c, rowSpan: c.rowSpan + lengthened.get(c)! } : c)));
    emit(r);
  });
  body = out;
  return { ...layout, columnCount, headerRows, bodyRows: body };
}
