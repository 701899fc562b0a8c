/**
 * What both exporters write, read from a draft by the core's own parser, complete (no time
 * budget: an export is a deliberate action and the same draft gives the same bytes whatever the
 * machine's load). Everything the draft shows reaches the model, in document order:
 *
 * - each report's title, broken into lines by meaning (export-title.ts);
 * - section titles, headings, paragraphs (list items with their marker, quotes with their depth),
 *   the visible text of HTML blocks, code blocks as lines, the closing agency and date;
 * - tables 二, 三 and 四 in the official merged layout (core/table-layout.ts), with what the
 *   template does not know kept in place: an unknown row among the rows with its figures, an
 *   extra column at the right, a cell beyond the header; a table of the section that is not the
 *   template table, and any table the template does not have, as written.
 *
 * Labels of the template tables are written in the official wording (the draft's variants are
 * what the row-label and column-label rules report). Comments are not shown by a Markdown
 * preview and are left out. Characters XML 1.0 does not allow are taken out first (and counted).
 */
import type { DocumentModel, ReportModel } from '../core/model';
import type { RawRow, RawTable, TextBlock } from '../core/markdown';
import type { MappedTable, Table2Model } from '../core/tables';
import { labelKey } from '../core/normalize';
import {
  EXTRA_COLUMN,
  LayoutCell,
  LayoutExtraRow,
  TableLayout,
  expandLayout,
  extendLayout,
  keepBodyRows,
  tableLayout,
} from '../core/table-layout';
import { TABLE2_BLOCKS, TABLE3_NOTE, TableId } from '../core/template';
import { cellText, htmlVisibleLines, visibleText, withoutXmlInvalid } from './export-text';
import { titleLines } from './export-title';
import type { Message } from '../core/message';

/** A table as it is written: cells with their text, merges, and the rows kept with the next. */
export interface ExportTable {
  kind: 'table';
  /** The template table drawn in the official layout; undefined for a table written as it stands. */
  table?: TableId;
  columnCount: number;
  /** Rows repeated at the top of every page. */
  headerRows: LayoutCell[][];
  bodyRows: LayoutCell[][];
  /** Per body row: keep it on the page of the next one (block labels, groups, no lone row at a page foot). */
  keepNext: boolean[];
}

export type ExportBlock =
  | { kind: 'title'; lines: string[] }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | {
      kind: 'paragraph';
      text: string;
      /** A list item's marker as written (`1.`), `•` for a bullet. */
      list?: string;
      /** Block quote depth. */
      quote?: number;
      /** A line of a code block (no first-line indent). */
      code?: boolean;
    }
  /** The closing lines: the agency and the date, set to the right. */
  | { kind: 'signature'; text: string }
  | ExportTable;

export interface ExportModel {
  /** The first report's title on one line (document metadata). */
  title?: string;
  blocks: ExportBlock[];
  /** Characters XML 1.0 does not allow, taken out of the draft (see export-text.ts). */
  removed: { count: number; first?: { code: string; line: number } };
}

/**
 * What one export takes on. A real report is 10–150 KB with about 400 table cells; the Word
 * writer holds some 10 KB per cell while it builds the file, and the complete parse of hostile
 * text is slow (it is what the editor's time budget cuts short). Far beyond a real report, an
 * export is refused with a message rather than keeping the language server busy for minutes.
 */
export const EXPORT_LIMITS = { maxChars: 2 * 1024 * 1024, maxCells: 20_000 };

/** An export refused, with why (`.msg`, as the importers' ImportError). */
class ExportRefused extends Error {
  constructor(readonly msg: Message) {
    super(msg.en);
  }
}

/** The closing date line: 2024年1月20日. */
const DATE_LINE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** The date at the end of a report, and the short agency line just above it, are the signature. */
function markSignature(blocks: ExportBlock[], from: number): void {
  let i = blocks.length - 1;
  const text = (b: ExportBlock | undefined) => (b?.kind === 'paragraph' && !b.list && !b.quote && !b.code ? b.text : undefined);
  while (i >= from && /^（?此件公开发布）?$|^抄送/.test(text(blocks[i]) ?? '\u0000')) i--;
  const date = text(blocks[i]);
  if (i < from || date === undefined || !DATE_LINE.test(date)) return;
  blocks[i] = { kind: 'signature', text: date };
  const agency = text(blocks[i - 1]);
  if (i - 1 >= from && agency !== undefined && agency.length <= 30 && !/[。，；：\n]/.test(agency))
    blocks[i - 1] = { kind: 'signature', text: agency };
}

// ---------------------------------------------------------------------------
// Template tables with everything the draft adds

type AnyMapped = MappedTable | Table2Model;

function within(span: { start: number; end: number }, t: RawTable): boolean {
  return span.start >= t.span.start && span.end <= t.span.end;
}

/** The source tables that make up the template table: those holding one of its rows or column headers. */
function memberTables(table: TableId, m: AnyMapped): RawTable[] {
  const spans = [...m.rows.values()].map((r) => r.row.span);
  if (table === 'table2') for (const cols of (m as Table2Model).columnsByBlock.values()) spans.push(...cols.map((c) => c.header.span));
  else spans.push(...(m as MappedTable).columns.map((c) => c.header.span));
  return m.tables.filter((t) => spans.some((s) => within(s, t)));
}

interface SourceRows {
  /** Mapped rows by template row id. */
  mapped: Map<string, RawRow>;
  /** Rows the template does not have, in source order. */
  unknown: { row: RawRow; label: string }[];
}

/** Cell indices of the draft's table per template column id, for a row (table 二: the row's block). */
function columnIndex(table: TableId, m: AnyMapped, rowId: string): Map<string, number> {
  const out = new Map<string, number>();
  if (table === 'table2') {
    for (const c of (m as Table2Model).columnsByBlock.get(rowId.split('.')[0]) ?? []) out.set(c.template.id, c.index);
  } else for (const c of (m as MappedTable).columns) out.set(c.template.id, c.index);
  return out;
}

function labelColumnsOf(table: TableId, m: AnyMapped): number {
  return table === 'table2' ? 1 : table === 'table4' ? 0 : Math.max(1, (m as MappedTable).labelColumns);
}

/**
 * The official table for a report's template table, with its figures and everything the draft
 * adds to it: unknown rows after the row they follow, cells in columns the template does not
 * have (named or not) as columns at the right.
 */
function officialTable(table: TableId, m: AnyMapped, members: RawTable[]): ExportTable {
  const rows: SourceRows = { mapped: new Map(), unknown: [] };
  for (const [id, r] of m.rows) rows.mapped.set(id, r.row);
  const inMembers = (row: RawRow) => members.some((t) => within(row.span, t));
  for (const u of m.unknownRows) if (inMembers(u.row)) rows.unknown.push({ row: u.row, label: u.label });
  rows.unknown.sort((a, b) => a.row.span.start - b.row.span.start);
  const labelColumns = labelColumnsOf(table, m);

  // Which cell indices of the draft's rows the template columns take; text anywhere else is an extra column.
  const mappedIndices = (rowId: string) => new Set(columnIndex(table, m, rowId).values());
  const extra = new Set<number>();
  const addExtras = (row: RawRow, used: Set<number>) =>
    row.cells.forEach((c, i) => {
      if (i >= labelColumns && !used.has(i) && c.raw !== '') extra.add(i);
    });
  for (const [id, row] of rows.mapped) addExtras(row, mappedIndices(id));
  // Named header columns the template does not have (a local 小计 column), even when empty below.
  if (table !== 'table2') for (const c of (m as MappedTable).unknownColumns) extra.add(indexOfCell(members, c.span));
  extra.delete(-1);

  let layout: TableLayout = keepBodyRows(tableLayout(table), (id) => rows.mapped.has(id));
  const layoutRow = new Map<string, number>();
  layout.bodyRows.forEach((r, i) => {
    for (const c of r) if (c.kind === 'value' && c.rowId && !layoutRow.has(c.rowId)) layoutRow.set(c.rowId, i);
  });
  const sourceOrder = [...rows.mapped].sort((a, b) => a[1].span.start - b[1].span.start);
  // The mapped row each unknown row follows: both lists are in source order, so one pass.
  let k = -1;
  const extraRows: (LayoutExtraRow & { source: RawRow; model: string })[] = rows.unknown.map((u, n) => {
    while (k + 1 < sourceOrder.length && sourceOrder[k + 1][1].span.start < u.row.span.start) k++;
    const before = k >= 0 ? sourceOrder[k] : undefined;
    const model = before?.[0] ?? sourceOrder[0]?.[0] ?? '';
    return {
      after: before ? (layoutRow.get(before[0]) ?? -1) : -1,
      rowId: `unknown${n}`,
      label: u.row.cells
        .slice(0, labelColumns)
        .map((c) => cellText(c.raw))
        .filter((t) => t)
        .join(' '),
      source: u.row,
      model,
    };
  });
  for (const x of extraRows) addExtras(x.source, mappedIndices(x.model));

  const extraIndices = [...extra].sort((a, b) => a - b);
  // An extra column's header: the texts the draft's other rows (its header rows) have in it.
  const taken = new Set<RawRow>([...rows.mapped.values(), ...rows.unknown.map((u) => u.row)]);
  const other = members.flatMap((t) => t.rows).filter((r) => !taken.has(r));
  const headers = extraIndices.map((i) =>
    other
      .map((r) => cellText(r.cells[i]?.raw ?? ''))
      .filter((t) => t)
      .join(' '),
  );
  layout = extendLayout(layout, headers, extraRows);

  // Every value cell's text, by key.
  const values = new Map<string, string>();
  const fill = (rowId: string, row: RawRow, model: string) => {
    for (const [col, i] of columnIndex(table, m, model)) values.set(`${rowId}.${col}`, cellText(row.cells[i]?.raw ?? ''));
    extraIndices.forEach((i, j) => values.set(`${rowId}.${EXTRA_COLUMN}${j}`, cellText(row.cells[i]?.raw ?? '')));
  };
  for (const [id, row] of rows.mapped) fill(id, row, id);
  for (const x of extraRows) fill(x.rowId, x.source, x.model);
  // By row and column id (table 四's layout keys have no row id).
  const filled = (cells: LayoutCell[]) =>
    cells.map((c) => (c.kind === 'value' ? { ...c, text: values.get(`${c.rowId}.${c.columnId}`) ?? '' } : { ...c }));
  const headerRows = layout.headerRows.map(filled);
  const bodyRows = layout.bodyRows.map(filled);
  return {
    kind: 'table',
    table,
    columnCount: layout.columnCount,
    headerRows,
    bodyRows,
    keepNext: keepWithNext(bodyRows, layout.columnCount),
  };
}

function indexOfCell(tables: RawTable[], span: { start: number }): number {
  for (const t of tables)
    for (const r of t.rows) {
      const i = r.cells.findIndex((c) => c.span.start === span.start);
      if (i >= 0) return i;
    }
  return -1;
}

/** The largest group kept on one page (table 三's 不予公开 has 8 rows; 本年度办理结果 spans 22 and may break). */
const KEEP_GROUP_ROWS = 8;

/**
 * Rows kept with the next: 表二's block label and column header rows and every row of a block
 * but its last; the rows under a merged group label of up to KEEP_GROUP_ROWS rows; the first
 * row and the one before the last, so that no row stands alone at a page's foot or head.
 */
function keepWithNext(body: LayoutCell[][], columnCount: number): boolean[] {
  const grid = expandLayout(body, columnCount);
  return body.map((row, r) => {
    if (r === body.length - 1) return false;
    if (row.some((c) => c.kind === 'block-label' || c.kind === 'column-header')) return true;
    const next = body[r + 1];
    const block = row.find((c) => c.blockId)?.blockId;
    if (block && next.some((c) => c.blockId === block)) return true;
    if (
      grid[r].some(
        (s, c) => s.cell.kind === 'row-label' && s.cell.rowSpan > 1 && s.cell.rowSpan <= KEEP_GROUP_ROWS && grid[r + 1][c].cell === s.cell,
      )
    )
      return true;
    return body.length >= 3 && (r === 0 || r === body.length - 2);
  });
}

/** A table written as it stands: its first row is the header row (GFM), repeated on every page. */
function tableAsWritten(t: RawTable): ExportTable {
  const width = Math.max(1, ...t.rows.map((r) => r.cells.length));
  const row = (r: RawRow, header: boolean): LayoutCell[] =>
    Array.from({ length: width }, (_, i) => ({
      text: cellText(r.cells[i]?.raw ?? ''),
      rowSpan: 1,
      colSpan: 1,
      col: i,
      kind: header ? ('column-header' as const) : ('value' as const),
    }));
  const [head, ...rest] = t.rows;
  const headerRows = head ? [row(head, true)] : [];
  const bodyRows = rest.map((r) => row(r, false));
  return { kind: 'table', columnCount: width, headerRows, bodyRows, keepNext: keepWithNext(bodyRows, width) };
}

// ---------------------------------------------------------------------------
// Text blocks

const BULLET = '•';

/** A paragraph's container markers (list item, quote) from the text before it on its first line. */
function containers(text: string, start: number): { list?: string; quote?: number } {
  // Container markers are a few characters: a long line is not searched back to its start.
  const from = Math.max(0, start - 256);
  const lineStart = Math.max(from, text.lastIndexOf('\n', start - 1) + 1);
  const prefix = text.slice(lineStart, start);
  if (!prefix.trim()) return {};
  const quote = (prefix.match(/>/g) ?? []).length;
  const marks = [...prefix.matchAll(/(?:^|[\s>])([-+*]|\d{1,9}[.)])(?=[ \t]|$)/g)];
  const last = marks[marks.length - 1]?.[1];
  return { ...(quote ? { quote } : {}), ...(last ? { list: /^\d/.test(last) ? last : BULLET } : {}) };
}

/** A paragraph's visible text; inside a quote the `>` of its later lines go. */
function paragraphText(source: string, quoted: boolean): string {
  const lines = quoted ? source.split('\n').map((l, i) => (i ? l.replace(/^[ \t]*(?:>[ \t]?)+/, '') : l)) : [source];
  return visibleText(lines.join('\n'));
}

/**
 * Lines of the draft that no block covers, as the preview shows them: the content of code blocks
 * and stray text. Markdown syntax alone (heading marks, list and quote markers, fences, rules,
 * setext underlines, link definitions) shows nothing.
 */
function uncoveredLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/^[ \t]*(?:>[ \t]?)*/, '');
    if (/^[ \t]*(?:`{3,}|~{3,})/.test(line)) continue;
    const t = line
      .replace(/^[ \t]*(?:(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*/, '')
      .replace(/^#{1,6}(?=[ \t]|$)/, '')
      .replace(/(?:^|[ \t]+)#+[ \t]*$/, '')
      .trim();
    if (!t) continue;
    if (/^(?:[-*_][ \t]*){3,}$|^=+$|^-+$/.test(t)) continue;
    // A link definition shows nothing; a footnote's label neither (its text is a paragraph).
    if (/^\[\^[^\]]+\]:/.test(t) || /^\[[^\]]+\]:\s*\S/.test(t)) continue;
    if (/^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?$/.test(t)) continue;
    out.push(t);
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

/** Parts of `span` outside the `cut` spans. */
function outside(span: Span, cut: Span[]): Span[] {
  let parts = [span];
  for (const c of cut)
    parts = parts.flatMap((p) =>
      c.end <= p.start || c.start >= p.end
        ? [p]
        : [...(c.start > p.start ? [{ start: p.start, end: c.start }] : []), ...(c.end < p.end ? [{ start: c.end, end: p.end }] : [])],
    );
  return parts;
}

// ---------------------------------------------------------------------------

interface Item {
  start: number;
  end: number;
  blocks: () => ExportBlock[];
}

const BLOCK_LABEL_KEYS = new Map(TABLE2_BLOCKS.map((b) => [labelKey(b.label), b.id]));
const NOTE_KEY = labelKey(TABLE3_NOTE);

/** Every block of one report, with the spans it covers. */
function reportItems(doc: DocumentModel, report: ReportModel, items: Item[]): void {
  const text = doc.text;
  const title = report.title;
  const titleSpans: Span[] = title ? [title.line.lineSpan, ...(title.line.agencyLine ? [title.line.agencyLine.span] : [])] : [];
  if (title) {
    const agency = title.line.agencyLine ? visibleText(title.line.agencyLine.text.replace(/^[#\s]+/, '')) : '';
    const full = agency + visibleText(title.line.text);
    const start = Math.min(...titleSpans.map((s) => s.start));
    items.push({ start, end: title.line.lineSpan.end, blocks: () => [{ kind: 'title', lines: titleLines(full) }] });
    for (const s of titleSpans) items.push({ start: s.start, end: s.end, blocks: () => [] });
  }

  // Template tables: which source tables they are drawn from, and where.
  const official = new Map<RawTable, ExportTable | null>();
  const keptBlocks = new Set<string>();
  let table3Drawn = false;
  const consider = (table: TableId, m: AnyMapped | undefined) => {
    if (!m || m.rows.size === 0 || m.outdated.length > 0) return;
    const members = memberTables(table, m);
    if (!members.length) return;
    const drawn = officialTable(table, m, members);
    members.forEach((t, i) => official.set(t, i === 0 ? drawn : null));
    if (table === 'table2')
      for (const r of drawn.bodyRows) for (const c of r) if (c.kind === 'block-label' && c.blockId) keptBlocks.add(c.blockId);
    if (table === 'table3') table3Drawn = true;
  };
  consider('table2', report.table2);
  consider('table3', report.table3);
  consider('table4', report.table4);

  const addTable = (t: RawTable) => {
    const drawn = official.get(t);
    items.push({ start: t.span.start, end: t.span.end, blocks: () => (drawn === null ? [] : [drawn ?? tableAsWritten(t)]) });
  };
  const addBlock = (b: TextBlock, section?: number) => {
    const inTitle = titleSpans.some((s) => b.span.start < s.end && s.start < b.span.end);
    for (const part of inTitle ? outside(b.span, titleSpans) : [b.span]) {
      const source = text.slice(part.start, part.end);
      if (b.kind === 'comment') {
        items.push({
          start: part.start,
          end: part.end,
          blocks: () => htmlVisibleLines(source).map((l) => ({ kind: 'paragraph', text: l })),
        });
        continue;
      }
      if (b.kind === 'heading' && !inTitle) {
        const level = (b.depth ?? 3) <= 2 ? 1 : b.depth === 3 ? 2 : 3;
        items.push({ start: part.start, end: part.end, blocks: () => [{ kind: 'heading', level, text: visibleText(source) }] });
        continue;
      }
      const where = containers(text, part.start);
      const body = paragraphText(source, !!where.quote);
      const key = labelKey(body);
      // Labels the official tables carry themselves.
      const absorbed =
        (section === 2 && keptBlocks.has(BLOCK_LABEL_KEYS.get(key) ?? '')) || (section === 3 && table3Drawn && key === NOTE_KEY);
      items.push({
        start: part.start,
        end: part.end,
        blocks: () => (absorbed || !body ? [] : [{ kind: 'paragraph', text: body, ...where }]),
      });
    }
  };

  const p = report.preamble;
  for (const b of [...p.paragraphs, ...p.headings, ...p.comments]) addBlock(b);
  for (const t of p.tables) addTable(t);
  for (const s of report.sections) {
    items.push({
      start: s.head.lineSpan.start,
      end: s.head.lineSpan.end,
      blocks: () => [{ kind: 'heading', level: 1, text: visibleText(text.slice(s.head.titleSpan.start, s.head.titleSpan.end)) }],
    });
    for (const b of [...s.headings, ...s.paragraphs, ...s.comments]) addBlock(b, s.number);
    for (const t of s.tables) addTable(t);
  }
}

/** The core's complete parse of a draft (core/model.ts buildModel, without a work budget). */
export type DraftParser = (text: string) => DocumentModel;

/**
 * The export model of a draft (see the top of this file), parsed by the caller's parser: the
 * export bundle (export-bundle.ts) carries no Markdown parser of its own, the program that loads
 * it has one already (io/index.ts exportModel passes the core's). `parsed`, the complete model
 * of the same text built by the caller's analysis, spares a second parse; it is used only when
 * it is of exactly the text exported (no character had to be taken out) and complete.
 */
export function exportModelWith(parse: DraftParser, markdown: string, parsed?: DocumentModel): ExportModel {
  if (markdown.length > EXPORT_LIMITS.maxChars)
    throw new ExportRefused({
      zh: `草稿有 ${(markdown.length / 1048576).toFixed(1)} M 个字符，超过导出的上限 ${EXPORT_LIMITS.maxChars / 1048576} M（一份年报通常不到 0.2 M），未导出`,
      en: `The draft has ${(markdown.length / 1048576).toFixed(1)} M characters, above the export limit of ${EXPORT_LIMITS.maxChars / 1048576} M (a report is usually under 0.2 M): not exported`,
    });
  const clean = withoutXmlInvalid(markdown);
  // The complete parse: buildModel without a workBudget is never cut by the editor's budget.
  const doc = parsed && !parsed.incomplete && parsed.text === clean.text ? parsed : parse(clean.text);
  let cells = 0;
  for (const r of doc.reports)
    for (const t of [...r.preamble.tables, ...r.sections.flatMap((s) => s.tables)]) for (const row of t.rows) cells += row.cells.length;
  if (cells > EXPORT_LIMITS.maxCells)
    throw new ExportRefused({
      zh: `草稿的表格共有 ${cells} 个单元格，超过导出的上限 ${EXPORT_LIMITS.maxCells}（一份年报约 400 个），未导出`,
      en: `The draft's tables have ${cells} cells, above the export limit of ${EXPORT_LIMITS.maxCells} (a report has about 400): not exported`,
    });
  const blocks: ExportBlock[] = [];
  for (const report of doc.reports) {
    const items: Item[] = [];
    reportItems(doc, report, items);
    items.sort((a, b) => a.start - b.start || b.end - a.end);
    const from = blocks.length;
    // Text no block covers (code blocks, stray lines) comes in where it stands.
    let at = report.span.start;
    const gap = (end: number) => {
      // Code shows as written.
      if (end > at) for (const line of uncoveredLines(doc.text.slice(at, end))) blocks.push({ kind: 'paragraph', text: line, code: true });
    };
    for (const it of items) {
      gap(it.start);
      blocks.push(...it.blocks());
      at = Math.max(at, it.end);
    }
    gap(report.span.end);
    markSignature(blocks, from);
  }
  const first = blocks.find((b) => b.kind === 'title');
  return {
    title: first?.kind === 'title' ? first.lines.join('') : undefined,
    blocks,
    removed: { count: clean.count, ...(clean.first ? { first: clean.first } : {}) },
  };
}
