/**
 * Maps the GFM tables of sections 二, 三 and 四 onto the official template: which source
 * cell holds which (row, column) of the template, which labels were written in a variant
 * form, what is missing, and whether the table is the superseded 2019 layout.
 */
import type { Span } from './lines';
import type { RawCell, RawRow, RawTable, TextBlock } from './markdown';
import { ValueCell, readValue } from './cells';
import { foldWidth, inlinePlain, labelKey } from './normalize';
import { leadingMarker, partStarts } from './text/enumeration';
import { editDistance } from './text/edit-distance';
import {
  ColumnTemplate,
  OUTDATED_2019,
  TABLE2_BLOCKS,
  TABLE2_FIRST_COLUMN,
  TABLE3_COLUMNS,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  Table2Block,
  Table3Row,
} from './template';

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

function columnKeys(t: ColumnTemplate): string[] {
  return [t.label, ...(t.variants ?? [])].map(labelKey);
}

/** How far a hand-written label may be from the template's: a typo or two, never on short labels. */
function nearLimit(key: string): number {
  return key.length >= 8 ? 2 : key.length >= 4 ? 1 : 0;
}

/**
 * The one candidate whose key is within a typo or two of `key` (不明晰 for 不明确); none when two
 * candidates are equally close, so that a guess never picks between template labels.
 */
function nearest<T>(key: string, candidates: T[], keysOf: (c: T) => string[]): T | undefined {
  const limit = nearLimit(key);
  if (!limit) return undefined;
  let best: T | undefined;
  let bestD = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const d = Math.min(...keysOf(c).map((k) => editDistance(key, k, limit)));
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD && c !== best) tie = true;
  }
  return bestD <= limit && !tie ? best : undefined;
}

/** Match header columns to template columns; repeated names go by their groups, else by order. */
function matchColumns(
  header: HeaderColumn[],
  templates: readonly ColumnTemplate[],
): { columns: MappedColumn[]; missing: ColumnTemplate[] } {
  const used = new Set<number>();
  const columns: MappedColumn[] = [];
  const missing: ColumnTemplate[] = [];
  for (const t of templates) {
    const keys = columnKeys(t);
    const candidates = header.filter((h) => h.name && !used.has(h.index) && keys.includes(labelKey(h.name.text)));
    const groupKeys = (t.groups ?? []).map(labelKey);
    const inGroup = candidates.filter((h) => {
      const hk = h.groups.map(labelKey);
      return groupKeys.length > 0 && groupKeys.every((g) => hk.some((x) => x === g || x.includes(g)));
    });
    const pick =
      inGroup[0] ??
      candidates.find((h) => h.groups.length === 0 || groupKeys.length === 0 || !h.groups.some((g) => isGroupOfOther(g, t))) ??
      candidates[0];
    if (!pick || !pick.name) {
      missing.push(t);
      continue;
    }
    used.add(pick.index);
    columns.push({ template: t, index: pick.index, header: pick.name, variant: foldWidth(pick.name.text) !== foldWidth(t.label) });
  }
  // A header with a typo (社会公易组织): the closest template column still missing, if one is clearly closest.
  const allKeys = new Set(templates.flatMap(columnKeys));
  for (const t of [...missing]) {
    const free = header.filter((h) => h.name && !used.has(h.index) && !allKeys.has(labelKey(h.name.text)));
    const h = nearest(labelKey(t.label), free, (x) => [labelKey(x.name!.text)]);
    if (!h || nearest(labelKey(h.name!.text), missing, columnKeys) !== t) continue;
    used.add(h.index);
    missing.splice(missing.indexOf(t), 1);
    columns.push({ template: t, index: h.index, header: h.name!, variant: true });
  }
  columns.sort((a, b) => a.index - b.index);
  return { columns, missing };
}

/** A header group naming another block of the same table (e.g. 复议后起诉 for a 直接起诉 column). */
function isGroupOfOther(group: string, t: ColumnTemplate): boolean {
  const g = labelKey(group);
  const own = (t.groups ?? []).map(labelKey);
  return TABLE4_BLOCKS.map((b) => labelKey(b.label)).some((x) => g.includes(x) && !own.some((o) => o.includes(x)));
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
// Table 三 row labels

const LABEL_PART = partStarts();

interface RawPart {
  raw: string;
  span: Span;
  key: string;
  marker: string;
}

/** Split a label cell at its enumeration markers: `（三）不予公开 1.属于国家秘密` → two parts. */
function splitLabel(cell: RawCell): RawPart[] {
  const text = cell.raw;
  const starts: number[] = [];
  LABEL_PART.lastIndex = 0;
  for (let m = LABEL_PART.exec(text); m; m = LABEL_PART.exec(text)) {
    // A marker inside parentheses of a label (（区分处理的…）) is not a part boundary.
    if (m.index > 0 && !/[\s\u3000)）]/.test(text[m.index - 1]) && !/[\u4e00-\u9fff”"]/.test(text[m.index - 1])) continue;
    starts.push(m.index);
  }
  if (starts.length === 0 || starts[0] !== 0) starts.unshift(0);
  const parts: RawPart[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const e = i + 1 < starts.length ? starts[i + 1] : text.length;
    const raw = text.slice(s, e).trim();
    if (!raw) continue;
    const lead = text.slice(s, e).length - text.slice(s, e).trimStart().length;
    const folded = foldWidth(raw);
    const marker = leadingMarker(folded);
    parts.push({
      raw,
      span: { start: cell.span.start + s + lead, end: cell.span.start + s + lead + raw.length },
      key: labelKey(folded.slice(marker.length)),
      marker,
    });
  }
  return parts;
}

interface LabelEntry {
  canonical: string;
  keys: string[];
  rowId?: string;
  groupId?: string;
  level1?: keyof typeof TABLE3_LEVEL1;
}

function stripKey(label: string): string {
  const folded = foldWidth(label);
  const marker = leadingMarker(folded);
  return labelKey(folded.slice(marker.length));
}

const LEVEL1_ENTRIES: LabelEntry[] = (Object.keys(TABLE3_LEVEL1) as (keyof typeof TABLE3_LEVEL1)[]).map((k) => ({
  canonical: TABLE3_LEVEL1[k].label,
  keys: [TABLE3_LEVEL1[k].label, ...TABLE3_LEVEL1[k].variants].map(stripKey),
  level1: k,
  rowId: k === 'results' ? undefined : k,
}));

const GROUP_ENTRIES: LabelEntry[] = TABLE3_GROUPS.map((g) => ({
  canonical: g.label,
  keys: [g.label, ...(g.variants ?? [])].map(stripKey),
  groupId: g.id,
  rowId: g.items.length ? undefined : g.id === 'g7' ? 'total' : g.id,
}));

const ITEM_ENTRIES: LabelEntry[] = TABLE3_GROUPS.flatMap((g) =>
  g.items.map((item, i) => ({
    canonical: item.label,
    keys: [item.label, ...(item.variants ?? [])].map(stripKey),
    groupId: g.id,
    rowId: `${g.id}.${i + 1}`,
  })),
);

/**
 * Label lookups memoised by pool and key: the typo search (editDistance against every label of a
 * pool) ran for every label part of every row on every edit. `tag` names the filter (pools with the
 * same entries and tag are the same pool). Bounded, since labels come from user text.
 */
const lookupMemo = new WeakMap<LabelEntry[], Map<string, LabelEntry | null>>();
const LOOKUP_MEMO_MAX = 4096;

function lookup(entries: LabelEntry[], key: string, filter?: (e: LabelEntry) => boolean, near = true, tag = ''): LabelEntry | undefined {
  let memo = lookupMemo.get(entries);
  if (!memo) lookupMemo.set(entries, (memo = new Map<string, LabelEntry | null>()));
  const memoKey = `${tag}\u0000${near ? 1 : 0}\u0000${key}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known ?? undefined;
  const found = lookupUncached(entries, key, filter, near);
  if (memo.size >= LOOKUP_MEMO_MAX) memo.clear();
  memo.set(memoKey, found ?? null);
  return found;
}

function lookupUncached(entries: LabelEntry[], key: string, filter?: (e: LabelEntry) => boolean, near = true): LabelEntry | undefined {
  const pool = filter ? entries.filter(filter) : entries;
  const exact = pool.find((e) => e.keys.includes(key));
  if (exact) return exact;
  if (key.length < 2) return undefined;
  // A label cut short or run on (page breaks): accept a unique prefix match.
  const loose = pool.filter((e) => e.keys.some((k) => k.startsWith(key) || (key.startsWith(k) && k.length >= 4)));
  if (loose.length === 1) return loose[0];
  // A typo (不明晰 for 不明确): the clearly closest label of the pool (row-label offers the template's).
  return near && loose.length === 0 ? nearest(key, pool, (e) => e.keys) : undefined;
}

/** Characters two keys share, for a shortened item label matched by its number. */
function shared(a: string, b: string): number {
  let n = 0;
  for (const ch of new Set(a)) if (b.includes(ch)) n++;
  return n;
}

interface RowContext {
  level1?: string;
  group?: string;
}

/**
 * A shortened item label under its group (（六） 1.逾期不补正): the group's item of that number,
 * when the label shares at least two characters with it.
 */
function byNumber(p: RawPart, group: string | undefined): LabelEntry | undefined {
  const n = /^(\d+)[.、]$/.exec(p.marker)?.[1];
  if (!n || !group) return undefined;
  const entry = ITEM_ENTRIES.find((e) => e.groupId === group && e.rowId === `${group}.${n}`);
  return entry && p.key.length >= 2 && shared(p.key, entry.keys[0]) >= 2 ? entry : undefined;
}

function identifyTable3Row(
  row: RawRow,
  labelColumns: number,
  ctx: RowContext,
): { id?: string; labels: LabelPart[]; label: string; groupOnly?: string } {
  const parts = row.cells.slice(0, labelColumns).flatMap(splitLabel);
  const labels: LabelPart[] = [];
  let id: string | undefined;
  let groupOnly: string | undefined;
  for (const p of parts) {
    const l1 = lookup(LEVEL1_ENTRIES, p.key);
    if (l1 && (!p.marker || /^[一二三四]/.test(p.marker) || p.key.length >= 4)) {
      ctx.level1 = l1.level1;
      ctx.group = undefined;
      labels.push({ canonical: l1.canonical, raw: p.raw, span: p.span });
      if (l1.rowId) id = l1.rowId;
      continue;
    }
    const g = lookup(GROUP_ENTRIES, p.key);
    if (g && !(p.marker && /^\d/.test(p.marker))) {
      ctx.group = g.groupId;
      ctx.level1 = 'results';
      labels.push({ canonical: g.canonical, raw: p.raw, span: p.span });
      if (g.rowId) id = g.rowId;
      else groupOnly = g.groupId;
      continue;
    }
    const item =
      lookup(ITEM_ENTRIES, p.key, (e) => !!ctx.group && e.groupId === ctx.group, true, `in:${ctx.group ?? ''}`) ??
      lookup(ITEM_ENTRIES, p.key, (e) => !ctx.group || e.groupId === ctx.group, false, `under:${ctx.group ?? ''}`) ??
      (p.key === '其他' ? undefined : lookup(ITEM_ENTRIES, p.key, undefined, false)) ??
      byNumber(p, ctx.group);
    if (item) {
      ctx.group = item.groupId;
      ctx.level1 = 'results';
      labels.push({ canonical: item.canonical, raw: p.raw, span: p.span });
      id = item.rowId;
      groupOnly = undefined;
      continue;
    }
  }
  return { id, labels, label: parts.map((p) => p.raw).join(' '), groupOnly };
}

const TABLE3_ROW_KEYS = new Set([...LEVEL1_ENTRIES, ...GROUP_ENTRIES, ...ITEM_ENTRIES].flatMap((e) => e.keys));

function looksLikeTable3Row(row: RawRow): boolean {
  return row.cells.slice(0, 3).some((c) => splitLabel(c).some((p) => TABLE3_ROW_KEYS.has(p.key) && p.key !== '其他' && p.key !== '总计'));
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
  const ctx: RowContext = {};
  let haveHeader = false;
  for (const table of tables) {
    const header = readHeader(table.rows, looksLikeTable3Row);
    let bodyStart = header.count;
    if (header.count > 0 || !haveHeader) {
      const { columns, missing } = matchColumns(header.columns, TABLE3_COLUMNS);
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
      const who = identifyTable3Row(row, Math.max(1, result.labelColumns), ctx);
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
  const { columns, missing } = matchColumns(header.columns, TABLE4_COLUMNS);
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

const T2_ROW_ENTRIES = TABLE2_BLOCKS.flatMap((block) =>
  block.rows.map((row) => ({
    block,
    row,
    keys: [row.label].map(labelKey),
    variantKeys: (row.variants ?? []).map(labelKey),
  })),
);

const T2_COLUMN_KEYS = new Set(TABLE2_BLOCKS.flatMap((b) => b.columns.flatMap(columnKeys)));
const OUTDATED_COLUMNS = new Set(OUTDATED_2019.columnLabels.map(labelKey));
const OUTDATED_ROWS = new Set(OUTDATED_2019.rowLabels.map(labelKey));
const OUTDATED_BLOCKS = new Set(OUTDATED_2019.blockLabels.map(labelKey));

/** A row label run on past the template's (行政许可决定, 行政处罚决定数): the one row it starts with. */
function runOnRow2(key: string): (typeof T2_ROW_ENTRIES)[number] | undefined {
  const hits = T2_ROW_ENTRIES.filter((e) => e.keys.some((k) => k.length >= 4 && key.startsWith(k) && key.length - k.length <= 3));
  return hits.length === 1 ? hits[0] : undefined;
}

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
      const entry =
        T2_ROW_ENTRIES.find((e) => e.keys.includes(key)) ?? T2_ROW_ENTRIES.find((e) => e.variantKeys.includes(key)) ?? runOnRow2(key);
      if (!entry) {
        if (row.cells.some((c) => c.text)) model.unknownRows.push({ row, label: first, reason: 'unknown' });
        continue;
      }
      const headerCols: HeaderColumn[] = (header?.cells ?? []).map((cell, index) => ({
        index,
        name: cell.text ? cell : undefined,
        groups: [],
      }));
      const { columns } = matchColumns(headerCols.slice(1), entry.block.columns);
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

export function table3RowTemplate(id: string): Table3Row | undefined {
  return TABLE3_ROWS.find((r) => r.id === id);
}
