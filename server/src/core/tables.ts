/**
 * Maps the GFM tables of sections 二, 三 and 四 onto the official template: which source
 * cell holds which (row, column) of the template, which labels were written in a variant
 * form, what is missing, and whether the table is the superseded 2019 layout.
 */
import type { Span } from './lines';
import type { RawCell, RawRow, RawTable, TextBlock } from './markdown';
import { ValueCell, readValue } from './cells';
import { Table3RowReader, Table3RowReading, matchColumns, matchTable2Row, namesTable3Row } from './labels';
import { foldWidth, inlinePlain, labelKey } from './normalize';
import { ColumnTemplate, OUTDATED_2019, TABLE2_BLOCKS, TABLE2_FIRST_COLUMN, TABLE3_COLUMNS, TABLE4_COLUMNS, Table2Block } from './template';

export interface MappedColumn {
  template: ColumnTemplate;
  /** Cell index in the rows. */
  index: number;
  header: RawCell;
  /** The header was a known variant, not the canonical label. */
  variant: boolean;
}

export interface LabelPart {
  /** Canonical text of this part of the label (`（三）不予公开`, `1.属于国家秘密`). */
  canonical: string;
  raw: string;
  span: Span;
}

export interface MappedRow {
  id: string;
  row: RawRow;
  /** The label parts that identified the row; a part written in a variant form differs from its canonical text. */
  labels: LabelPart[];
  cells: Map<string, ValueCell>;
  /** Number of cells the row has beyond / short of the header. */
  cellCountDelta: number;
}

export interface UnknownRow {
  row: RawRow;
  label: string;
  reason: 'unknown' | 'duplicate' | 'subtotal';
}

export interface OutdatedMark {
  span: Span;
  what: string;
}

export interface MappedTable {
  tables: RawTable[];
  columns: MappedColumn[];
  missingColumns: ColumnTemplate[];
  rows: Map<string, MappedRow>;
  unknownRows: UnknownRow[];
  outdated: OutdatedMark[];
  /** Number of label columns before the first value column. */
  labelColumns: number;
  headerCells: number;
  /** Named header columns among the value columns that match no template column (a local 小计 column). */
  unknownColumns: RawCell[];
}

// ---------------------------------------------------------------------------
// Headers

interface HeaderColumn {
  index: number;
  name?: RawCell;
  groups: string[];
}

function isNumericCell(c: RawCell): boolean {
  const v = readValue(c);
  return v.kind === 'number' || v.kind === 'unit';
}

/**
 * Header rows are the rows before the first row holding a figure or a known row label.
 * A column's name is its deepest non-empty header label; its groups are the labels above,
 * reaching left across empty cells (horizontally merged cells).
 */
function readHeader(rows: RawRow[], isDataRow: (r: RawRow) => boolean): { count: number; columns: HeaderColumn[] } {
  let count = 0;
  // A row with every cell empty is a data row left blank (a blank template), not a header row.
  const blank = (r: RawRow) => r.cells.every((c) => !c.text);
  while (count < rows.length && !isDataRow(rows[count]) && !rows[count].cells.some(isNumericCell) && !(count > 0 && blank(rows[count])))
    count++;
  const width = Math.max(0, ...rows.slice(0, Math.max(count, 1)).map((r) => r.cells.length));
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    let deepest = -1;
    for (let r = 0; r < count; r++) if (rows[r].cells[c]?.text) deepest = r;
    const groups: string[] = [];
    for (let r = 0; r < deepest; r++) {
      for (let k = c; k >= 0; k--) {
        const t = rows[r].cells[k]?.text;
        if (t) {
          groups.push(t);
          break;
        }
      }
    }
    columns.push({ index: c, name: deepest >= 0 ? rows[deepest].cells[c] : undefined, groups });
  }
  return { count, columns };
}

/** Header columns matched by the one label matcher (labels.ts). */
function matchHeader(header: HeaderColumn[], templates: readonly ColumnTemplate[]): { columns: MappedColumn[]; missing: ColumnTemplate[] } {
  const byIndex = new Map(header.map((h) => [h.index, h]));
  const { columns, missing } = matchColumns(
    header.map((h) => ({ index: h.index, name: h.name?.text, groups: h.groups })),
    templates,
  );
  return {
    columns: columns.map((c) => {
      const name = byIndex.get(c.index)!.name!;
      return { template: c.template, index: c.index, header: name, variant: foldWidth(name.text) !== foldWidth(c.template.label) };
    }),
    missing,
  };
}

function unmatched(header: HeaderColumn[], columns: MappedColumn[], from: number): RawCell[] {
  const used = new Set(columns.map((c) => c.index));
  return header.filter((h) => h.index >= from && !used.has(h.index) && h.name?.text).map((h) => h.name!);
}

function valueCells(row: RawRow, columns: MappedColumn[]): Map<string, ValueCell> {
  const cells = new Map<string, ValueCell>();
  for (const col of columns) {
    const cell = row.cells[col.index];
    if (cell) cells.set(col.template.id, readValue(cell));
  }
  return cells;
}

// ---------------------------------------------------------------------------
// Table 三

/** The label parts of a row that named a template row or group, with their spans. */
function readTable3Row(reader: Table3RowReader, row: RawRow, labelColumns: number): Table3RowReading & { labels: LabelPart[] } {
  const cells = row.cells.slice(0, labelColumns);
  const reading = reader.read(cells.map((c) => c.raw));
  const labels = reading.matches.map((m) => {
    const at = cells[m.cell].span.start;
    return { canonical: m.canonical, raw: m.part.raw, span: { start: at + m.part.start, end: at + m.part.end } };
  });
  return { ...reading, labels };
}

function looksLikeTable3Row(row: RawRow): boolean {
  return row.cells.slice(0, 3).some((c) => namesTable3Row(c.raw));
}

export function mapTable3(tables: RawTable[]): MappedTable | undefined {
  if (tables.length === 0) return undefined;
  const result: MappedTable = {
    tables,
    columns: [],
    missingColumns: [],
    rows: new Map(),
    unknownRows: [],
    outdated: [],
    labelColumns: 0,
    headerCells: 0,
    unknownColumns: [],
  };
  const reader = new Table3RowReader();
  let haveHeader = false;
  for (const table of tables) {
    const header = readHeader(table.rows, looksLikeTable3Row);
    let bodyStart = header.count;
    if (header.count > 0 || !haveHeader) {
      const { columns, missing } = matchHeader(header.columns, TABLE3_COLUMNS);
      if (columns.length === 0 && haveHeader) {
        bodyStart = 0;
      } else {
        result.columns = columns;
        result.missingColumns = missing;
        result.labelColumns = columns.length ? Math.min(...columns.map((c) => c.index)) : Math.min(3, header.columns.length);
        result.headerCells = header.columns.length;
        result.unknownColumns = unmatched(header.columns, columns, result.labelColumns);
        haveHeader = true;
      }
    }
    for (const row of table.rows.slice(bodyStart)) {
      const who = readTable3Row(reader, row, Math.max(1, result.labelColumns));
      const cells = valueCells(row, result.columns);
      if (!who.id) {
        const hasFigures = [...cells.values()].some((c) => c.kind !== 'blank');
        // 2019 only on its fingerprint: the （六） label alone, with figures (an item label it
        // could not read, 1.…, makes it a 2021 row with a variant label).
        if (
          who.groupOnly === OUTDATED_2019.table3SingleRowGroup &&
          hasFigures &&
          !result.rows.has('g6') &&
          !/\d\s*[.．、]/.test(who.label)
        ) {
          // The 2019 layout's single （六）其他处理 row: kept as a row, so its figures still add up.
          result.outdated.push({ span: row.span, what: '（六）其他处理' });
          result.rows.set('g6', { id: 'g6', row, labels: who.labels, cells, cellCountDelta: row.cells.length - result.headerCells });
        } else if (who.groupOnly && !hasFigures) {
          // A group label alone on its row (a merged cell written out): not a row of figures.
        } else if (who.label || hasFigures) {
          result.unknownRows.push({ row, label: who.label, reason: who.groupOnly ? 'subtotal' : 'unknown' });
        }
        continue;
      }
      if (result.rows.has(who.id)) {
        result.unknownRows.push({ row, label: who.label, reason: 'duplicate' });
        continue;
      }
      result.rows.set(who.id, { id: who.id, row, labels: who.labels, cells, cellCountDelta: row.cells.length - result.headerCells });
    }
  }
  // The 2019 layout has a single （六） row and none of the 2021 items: with any of them, that
  // row is a local subtotal of a 2021 table, not the 2019 layout.
  const single = result.rows.get('g6');
  if (single && [...result.rows.keys()].some((id) => id.startsWith('g6.'))) {
    result.rows.delete('g6');
    result.outdated = result.outdated.filter((o) => o.span.start !== single.row.span.start);
    result.unknownRows.push({ row: single.row, label: single.labels.map((l) => l.raw).join(' '), reason: 'subtotal' });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Table 四

export function mapTable4(tables: RawTable[]): MappedTable | undefined {
  if (tables.length === 0) return undefined;
  const table = tables[0];
  const header = readHeader(table.rows, () => false);
  const { columns, missing } = matchHeader(header.columns, TABLE4_COLUMNS);
  const result: MappedTable = {
    tables,
    columns,
    missingColumns: missing,
    rows: new Map(),
    unknownRows: [],
    outdated: [],
    labelColumns: 0,
    headerCells: header.columns.length,
    unknownColumns: unmatched(header.columns, columns, 0),
  };
  const dataRows = tables.flatMap((t, i) => (i === 0 ? t.rows.slice(header.count) : t.rows));
  const data = dataRows[0];
  if (data) {
    result.rows.set('data', {
      id: 'data',
      row: data,
      labels: [],
      cells: valueCells(data, columns),
      cellCountDelta: data.cells.length - header.columns.length,
    });
    for (const extra of dataRows.slice(1)) {
      if (extra.cells.some((c) => c.text !== ''))
        result.unknownRows.push({ row: extra, label: extra.cells.map((c) => c.raw).join(' '), reason: 'unknown' });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Table 二: blocks identified by their rows; columns by the header row in force.

export interface Table2Row extends MappedRow {
  block: Table2Block;
}

export interface Table2Model {
  tables: RawTable[];
  rows: Map<string, Table2Row>;
  /** Template columns of each block found in some header row, by block id. */
  columnsByBlock: Map<string, MappedColumn[]>;
  /** Header cells naming a column in a variant form. */
  variantColumns: MappedColumn[];
  unknownRows: UnknownRow[];
  outdated: OutdatedMark[];
}

const T2_COLUMN_KEYS = new Set(TABLE2_BLOCKS.flatMap((b) => b.columns.flatMap((c) => [c.label, ...(c.variants ?? [])].map(labelKey))));
const OUTDATED_COLUMNS = new Set(OUTDATED_2019.columnLabels.map(labelKey));
const OUTDATED_ROWS = new Set(OUTDATED_2019.rowLabels.map(labelKey));
const OUTDATED_BLOCKS = new Set(OUTDATED_2019.blockLabels.map(labelKey));

function isHeaderRow2(row: RawRow): boolean {
  const first = row.cells[0] ? labelKey(row.cells[0].text) : '';
  if (first === labelKey(TABLE2_FIRST_COLUMN)) return true;
  return row.cells.slice(1).some((c) => c.text && (T2_COLUMN_KEYS.has(labelKey(c.text)) || OUTDATED_COLUMNS.has(labelKey(c.text))));
}

/** `paragraphs` of the section: the bold block labels (第二十条第（九）项 of 2019) are among them. */
export function mapTable2(tables: RawTable[], paragraphs: TextBlock[]): Table2Model | undefined {
  if (tables.length === 0) return undefined;
  const model: Table2Model = { tables, rows: new Map(), columnsByBlock: new Map(), variantColumns: [], unknownRows: [], outdated: [] };
  for (const c of paragraphs) {
    const key = labelKey(c.text);
    if ([...OUTDATED_BLOCKS].some((b) => key.includes(b))) model.outdated.push({ span: c.span, what: inlinePlain(c.text).trim() });
  }
  for (const table of tables) {
    let header: RawRow | undefined;
    for (const row of table.rows) {
      const first = row.cells[0]?.text ?? '';
      const key = labelKey(first);
      if (isHeaderRow2(row)) {
        header = row;
        row.cells.forEach((c) => {
          if (OUTDATED_COLUMNS.has(labelKey(c.text))) model.outdated.push({ span: c.span, what: c.text });
        });
        continue;
      }
      if (/^第二十条第/.test(key) || key.startsWith('第二十条')) {
        if (OUTDATED_BLOCKS.has(key)) model.outdated.push({ span: row.span, what: first });
        continue;
      }
      if (OUTDATED_ROWS.has(key)) {
        model.outdated.push({ span: row.cells[0].span, what: first });
        continue;
      }
      const entry = matchTable2Row(first)?.entry;
      if (!entry) {
        if (row.cells.some((c) => c.text)) model.unknownRows.push({ row, label: first, reason: 'unknown' });
        continue;
      }
      const headerCols: HeaderColumn[] = (header?.cells ?? []).map((cell, index) => ({
        index,
        name: cell.text ? cell : undefined,
        groups: [],
      }));
      const { columns } = matchHeader(headerCols.slice(1), entry.block.columns);
      if (!model.columnsByBlock.has(entry.block.id) || model.columnsByBlock.get(entry.block.id)!.length < columns.length) {
        model.columnsByBlock.set(entry.block.id, columns);
      }
      for (const col of columns)
        if (col.variant && !model.variantColumns.some((v) => v.header === col.header)) model.variantColumns.push(col);
      const id = `${entry.block.id}.${entry.row.id}`;
      if (model.rows.has(id)) {
        model.unknownRows.push({ row, label: first, reason: 'duplicate' });
        continue;
      }
      const canonical = entry.row.label;
      model.rows.set(id, {
        id,
        block: entry.block,
        row,
        cells: valueCells(row, columns),
        labels: row.cells[0] ? [{ canonical, raw: row.cells[0].raw, span: row.cells[0].span }] : [],
        cellCountDelta: header ? table2CellDelta(row, header) : 0,
      });
    }
  }
  return model;
}

/** Trailing empty header cells (a combined table 二 is as wide as its widest block) do not count. */
function table2CellDelta(row: RawRow, header: RawRow): number {
  let expected = header.cells.length;
  while (expected > 1 && !header.cells[expected - 1].text) expected--;
  if (row.cells.length < expected) return row.cells.length - expected;
  const extra = row.cells.slice(expected).filter((c) => c.text).length;
  return extra;
}
