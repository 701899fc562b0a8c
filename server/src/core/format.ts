/**
 * Formatting of the report's statistics tables (sections 二, 三 and 四) and nothing else:
 * cells padded so that the pipes line up by display width (East Asian Width), a canonical
 * delimiter row. No line gets wider than it was or than the maximum width (120 columns by
 * default), whichever is more: where full alignment would be wider (table 三's long labels),
 * the figures still line up and long labels stay unpadded. A cell's text is never changed,
 * only the spaces around it; a table whose lines do not split into exactly the cells the
 * parser saw (a table in a quote or a list, a pipe inside code) is left alone. Formatting
 * twice gives what formatting once gives.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type { TextEdit } from './findings';
import type { Span } from './lines';
import type { RawTable } from './markdown';
import { readValue } from './cells';
import type { DocumentModel } from './model';

export interface FormatOptions {
  /** Count East Asian ambiguous-width characters (“ ” ① …) as 2 columns instead of 1. */
  ambiguousWide?: boolean;
  /** Only tables that touch this range (the whole table is formatted: alignment is table-wide). */
  range?: Span;
  /** Format the tables of sections 二–四 even when the document does not look like a report (an include glob matched). */
  force?: boolean;
  /**
   * Display columns a table line may take after formatting (default DEFAULT_MAX_WIDTH); a line
   * that was wider may keep its width, never more. Figures line up within it where they can.
   */
  maxWidth?: number;
}

const ZERO_WIDTH = /[\p{Mn}\p{Me}\p{Cf}\p{Cc}]/u;

/** Columns the text takes in a monospace CJK font. */
export function displayWidth(text: string, ambiguousWide = false): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII and Latin-1 letters: one column (the common case, without a table lookup).
    if (c >= 0x20 && c < 0x7f) {
      w++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const ch = String.fromCodePoint(cp);
    if (ZERO_WIDTH.test(ch)) continue;
    w += eastAsianWidth(cp, { ambiguousAsWide: ambiguousWide });
  }
  return w;
}

export interface LineCells {
  /** Leading whitespace of the line. */
  indent: string;
  /** Cell contents with the spaces and tabs around them removed; text otherwise as written. */
  cells: string[];
  /** Offsets (in the line) of each cell's region between its pipes. */
  regions: Span[];
}

const isSpace = (c: string) => c === ' ' || c === '\t';

function trimSpaces(s: string): string {
  let a = 0,
    b = s.length;
  while (a < b && isSpace(s[a])) a++;
  while (b > a && isSpace(s[b - 1])) b--;
  return s.slice(a, b);
}

/**
 * A table line split at its unescaped pipes, as GFM splits a row before any inline parsing
 * (a backslash escapes the next character; pipes inside code spans split too). The leading
 * and trailing pipes are optional.
 */
export function splitCells(line: string): LineCells {
  let start = 0;
  while (start < line.length && isSpace(line[start])) start++;
  const pipes: number[] = [];
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|') pipes.push(i);
  }
  let end = line.length;
  while (end > start && isSpace(line[end - 1])) end--;
  const bounds = [...pipes];
  if (bounds[0] !== start) bounds.unshift(start - 1);
  if (bounds[bounds.length - 1] !== end - 1 || bounds.length === 1) bounds.push(end);
  const regions: Span[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) regions.push({ start: bounds[k] + 1, end: bounds[k + 1] });
  return { indent: line.slice(0, start), cells: regions.map((r) => trimSpaces(line.slice(r.start, r.end))), regions };
}

type Align = 'left' | 'right' | 'center' | 'none';

function alignOf(delimiterCell: string): Align {
  const l = delimiterCell.startsWith(':'),
    r = delimiterCell.endsWith(':');
  return l && r ? 'center' : r ? 'right' : l ? 'left' : 'none';
}

function pad(text: string, width: number, target: number, align: Align): string {
  const room = Math.max(0, target - width);
  if (align === 'right') return ' '.repeat(room) + text;
  if (align === 'center') return ' '.repeat(room >> 1) + text + ' '.repeat(room - (room >> 1));
  return text + ' '.repeat(room);
}

function delimiterCell(align: Align, width: number): string {
  const w = Math.max(3, width);
  switch (align) {
    case 'left':
      return `:${'-'.repeat(w - 1)}`;
    case 'right':
      return `${'-'.repeat(w - 1)}:`;
    case 'center':
      return `:${'-'.repeat(w - 2)}:`;
    default:
      return '-'.repeat(w);
  }
}

interface TableLines {
  /** Line numbers: header, delimiter, body rows. */
  lines: number[];
  split: LineCells[];
}

/** The lines of a table, if each splits into exactly the cells the parser read. */
function tableLines(doc: DocumentModel, table: RawTable): TableLines | undefined {
  const { lines, text } = doc;
  if (table.rows.length === 0) return undefined;
  const first = lines.positionAt(table.rows[0].span.start).line;
  const out: TableLines = { lines: [], split: [] };
  const rowLines = [first, first + 1, ...table.rows.slice(1).map((_, k) => first + 2 + k)];
  for (let k = 0; k < rowLines.length; k++) {
    const n = rowLines[k];
    if (n >= lines.lineCount) return undefined;
    const lineText = lines.lineText(n);
    const split = splitCells(lineText);
    if (k === 1) {
      // The delimiter row: only dashes and colons.
      if (!split.cells.length || !split.cells.every((c) => /^:?-+:?$/.test(c))) return undefined;
    } else {
      const row = table.rows[k === 0 ? 0 : k - 1];
      const at = lines.lineStart(n);
      // A table inside a quote or a list item: its lines carry more than indentation.
      if (lines.positionAt(row.span.start).line !== n || !/^[ \t]*$/.test(text.slice(at, row.span.start))) return undefined;
      if (split.cells.length !== row.cells.length) return undefined;
      for (let c = 0; c < row.cells.length; c++) if (split.cells[c].trim() !== row.cells[c].raw) return undefined;
    }
    out.lines.push(n);
    out.split.push(split);
  }
  return out;
}

/** Display columns a formatted table line may take unless it was already wider (xxgkReport.format.maxWidth). */
export const DEFAULT_MAX_WIDTH = 120;

/** How a table is laid out: each column's target content width (0: no padding at all). */
interface Layout {
  widths: number[];
}

/** Each cell's display width, and the rows whose cells are figures (not the header, not text rows). */
interface Measured {
  rows: LineCells[];
  widths: number[][];
  aligns: Align[];
  columns: number;
  indentWidth: number;
  /** Rows (not the header or the delimiter) with at least one figure. */
  figureRows: Set<number>;
  /** Columns without text below the header, or whose cells in figure rows are more often figures than text. */
  valueColumns: Set<number>;
}

/** A cell that holds a figure (or a blank placeholder), in the loose sense of the layout: not a label. */
function cellKind(text: string): 'figure' | 'blank' | 'text' {
  const kind = readValue({ text, raw: text, span: { start: 0, end: 0 } }).kind;
  return kind === 'number' || kind === 'unit' ? 'figure' : kind === 'blank' ? 'blank' : 'text';
}

function measure(rows: LineCells[], ambiguousWide: boolean): Measured {
  const columns = Math.max(...rows.map((r) => r.cells.length));
  const widths = rows.map((r, k) => (k === 1 ? r.cells.map(() => 0) : r.cells.map((c) => displayWidth(c, ambiguousWide))));
  const figureRows = new Set<number>();
  const figures = new Array<number>(columns).fill(0);
  const texts = new Array<number>(columns).fill(0);
  for (let k = 2; k < rows.length; k++) {
    const kinds = rows[k].cells.map(cellKind);
    if (!kinds.includes('figure')) continue;
    figureRows.add(k);
    kinds.forEach((kind, i) => {
      if (kind === 'figure') figures[i]++;
      else if (kind === 'text') texts[i]++;
    });
  }
  // Text anywhere below the header (a label, or a second header row as in table 四) makes a label column, unless figures outnumber it.
  const anyText = new Array<boolean>(columns).fill(false);
  for (let k = 2; k < rows.length; k++) rows[k].cells.forEach((c, i) => (anyText[i] ||= cellKind(c) === 'text'));
  const valueColumns = new Set<number>();
  for (let i = 0; i < columns; i++) if (!anyText[i] || (figures[i] > 0 && figures[i] >= texts[i])) valueColumns.add(i);
  return {
    rows,
    widths,
    aligns: rows[1].cells.map(alignOf),
    columns,
    indentWidth: displayWidth(rows[0].indent, ambiguousWide),
    figureRows,
    valueColumns,
  };
}

/**
 * One row laid out: each pipe goes where the layout puts it, or right after the cell's text
 * when the text is wider (a long label pushes the rest of its row to the right until a later
 * cell has room to spare, after which the row lines up again).
 */
function layRow(m: Measured, k: number, layout: Layout): { cells: string[]; width: number } {
  const row = m.rows[k];
  let target = m.indentWidth + 1;
  let at = target;
  const cells: string[] = [];
  row.cells.forEach((text, i) => {
    const w = m.widths[k][i];
    target += layout.widths[i] + 3;
    const end = Math.max(target, at + w + 3);
    cells.push(pad(text, w, end - at - 3, m.aligns[i] ?? 'none'));
    at = end;
  });
  return { cells, width: at };
}

function delimiterRow(m: Measured, widths: number[]): { cells: string[]; width: number } {
  const cells = m.rows[1].cells.map((_, i) => delimiterCell(m.aligns[i], widths[i] ?? 3));
  return { cells, width: m.indentWidth + 1 + cells.reduce((a, c) => a + c.length + 3, 0) };
}

const joined = (indent: string, cells: string[]) => `${indent}| ${cells.join(' | ')} |`;

/** Work allowed for choosing a table's layout, in cells laid out (a table of 30 rows tries hundreds of layouts, one of 30 000 a few). */
const LAYOUT_BUDGET = 500_000;
/** An aligned pipe after a figure counts this many times one after a label. */
const FIGURE_WEIGHT = 4;

/**
 * Scores layouts of one table: the pipes that sit where the layout puts them (after a figure
 * column they count more), or -1 when a line would be wider than it may; `total` is then the
 * sum of the lines' widths (the narrower wins a tie). Flat arrays: it runs for every candidate.
 */
class Scorer {
  private readonly rows: Int32Array[];
  private readonly limits: number[];
  private readonly weights: Int32Array;
  total = 0;

  constructor(
    private readonly m: Measured,
    limit: (k: number) => number,
    kept: Set<number>,
  ) {
    const scored = [...m.rows.keys()].filter((k) => k !== 1 && !kept.has(k));
    this.rows = scored.map((k) => Int32Array.from(m.widths[k]));
    this.limits = scored.map(limit);
    this.weights = Int32Array.from({ length: m.columns }, (_, i) => (m.valueColumns.has(i) ? FIGURE_WEIGHT : 1));
  }

  score(layout: number[]): number {
    let aligned = 0;
    let total = 0;
    const start = this.m.indentWidth + 1;
    for (let r = 0; r < this.rows.length; r++) {
      const widths = this.rows[r];
      let target = start;
      let at = start;
      for (let i = 0; i < widths.length; i++) {
        target += layout[i] + 3;
        const natural = at + widths[i] + 3;
        at = natural > target ? natural : target;
        if (at === target) aligned += this.weights[i];
      }
      if (at > this.limits[r]) return -1;
      total += at;
    }
    this.total = total;
    return aligned;
  }
}

/** Label columns searched one by one; a table with more (no real report has) gets one width cap for all. */
const SEARCHED_LABEL_COLUMNS = 8;

/** One axis of the search: the columns it sets and the widths tried (a column never gets wider than its widest cell). */
interface Axis {
  columns: number[];
  widths: number[];
}

/**
 * The search axes for the label columns: each column's cells' widths (at least 3), or one cap
 * for all of them; the longest list halved (keeping the widest) while there are too many
 * combinations for the budget.
 */
function labelAxes(m: Measured, labels: number[], full: number[], combinations: number): Axis[] {
  const widthsOf = (columns: number[]) => {
    const set = new Set([3]);
    m.widths.forEach((row, k) => {
      if (k !== 1) for (const i of columns) if (row[i] !== undefined) set.add(Math.min(full[i], Math.max(3, row[i])));
    });
    return [...set].sort((a, b) => a - b);
  };
  const axes: Axis[] =
    labels.length <= SEARCHED_LABEL_COLUMNS
      ? labels.map((i) => ({ columns: [i], widths: widthsOf([i]) }))
      : [{ columns: labels, widths: widthsOf(labels) }];
  const product = () => axes.reduce((a, x) => a * x.widths.length, 1);
  while (product() > combinations) {
    const longest = axes.reduce((a, x) => (x.widths.length > a.widths.length ? x : a));
    if (longest.widths.length <= 1) break;
    // Every other width, always keeping the widest (full alignment of that column).
    longest.widths = longest.widths.filter((_, j) => (longest.widths.length - 1 - j) % 2 === 0);
  }
  return axes;
}

/**
 * The best layout that fits: figure columns as wide as their widest cell (or, second choice,
 * as wide as their widest figure, the header row then may shift), each label column as wide
 * as one of its cells (longer labels stay unpadded and push their row right until a later cell
 * has room), scored by the pipes that line up. Full alignment scores highest, so a table that
 * fits stays fully aligned; with nothing fitting, no padding at all. The candidates depend only
 * on the cells' texts and a line never gets wider than it may, so formatting the result again
 * (where each line may be at most as wide as now) picks the same layout: idempotent.
 */
function chooseLayout(m: Measured, limit: (k: number) => number, kept: Set<number>): Layout {
  const widest = (keep: (k: number) => boolean) => {
    const w = new Array<number>(m.columns).fill(3);
    m.widths.forEach((row, k) => {
      if (k !== 1 && keep(k)) row.forEach((x, i) => (w[i] = Math.max(w[i], x)));
    });
    return w;
  };
  const all = widest(() => true);
  const variants = [all];
  if (m.valueColumns.size && m.figureRows.size) {
    const figures = widest((k) => m.figureRows.has(k));
    const narrower = all.map((w, i) => (m.valueColumns.has(i) ? figures[i] : w));
    if (narrower.some((w, i) => w !== all[i])) variants.push(narrower);
  }
  const labels = [...Array(m.columns).keys()].filter((i) => !m.valueColumns.has(i));
  const perLayout = Math.max(1, m.rows.length * m.columns);
  const combinations = Math.max(1, Math.floor(LAYOUT_BUDGET / perLayout / variants.length));
  const scorer = new Scorer(m, limit, kept);
  let best: number[] | undefined;
  let bestScore = -1;
  let bestTotal = Infinity;
  for (const full of variants) {
    const axes = labelAxes(m, labels, full, combinations);
    const widths = [...full];
    const set = (axis: Axis, w: number) => {
      for (const col of axis.columns) widths[col] = Math.min(full[col], w);
    };
    // Every combination of the axes' widths, as an odometer.
    const digit = new Array<number>(axes.length).fill(0);
    for (const axis of axes) set(axis, axis.widths[0]);
    for (;;) {
      const s = scorer.score(widths);
      if (s > bestScore || (s === bestScore && s >= 0 && scorer.total < bestTotal)) {
        best = [...widths];
        bestScore = s;
        bestTotal = scorer.total;
      }
      let j = 0;
      while (j < axes.length && ++digit[j] === axes[j].widths.length) {
        digit[j] = 0;
        set(axes[j], axes[j].widths[0]);
        j++;
      }
      if (j === axes.length) break;
      set(axes[j], axes[j].widths[digit[j]]);
    }
  }
  return { widths: best ?? new Array<number>(m.columns).fill(0) };
}

/**
 * The formatted lines of a table (delimiter second). `limits[k]` is the widest line k may
 * become (default: no limit, full alignment); undefined for a line that cannot be made that
 * narrow, which stays as it is.
 */
export function formatTableLines(rows: LineCells[], ambiguousWide = false, limits?: number[]): (string | undefined)[] {
  const m = measure(rows, ambiguousWide);
  const limit = (k: number) => limits?.[k] ?? Infinity;
  const minimal: Layout = { widths: new Array<number>(m.columns).fill(0) };
  // A line written more tightly than "| a | b |" and already wider than allowed stays as it is.
  const kept = new Set<number>();
  for (let k = 0; k < rows.length; k++) if (k !== 1 && layRow(m, k, minimal).width > limit(k)) kept.add(k);
  const layout = chooseLayout(m, limit, kept);
  return rows.map((r, k) => {
    if (kept.has(k)) return undefined;
    if (k !== 1) return joined(r.indent, layRow(m, k, layout).cells);
    // The delimiter row lines up with the others when it may be that wide, else takes three dashes a cell.
    const aligned = delimiterRow(
      m,
      layout.widths.map((w) => Math.max(3, w)),
    );
    if (aligned.width <= limit(1)) return joined(r.indent, aligned.cells);
    const narrow = delimiterRow(
      m,
      layout.widths.map(() => 3),
    );
    return narrow.width <= limit(1) ? joined(r.indent, narrow.cells) : undefined;
  });
}

/** The report tables of a document (sections 二, 三, 四 of each report). */
export function reportTables(doc: DocumentModel, force = false): RawTable[] {
  if (!doc.isReport && !force) return [];
  return doc.reports.flatMap((r) => r.sections.filter((s) => s.number >= 2 && s.number <= 4).flatMap((s) => s.tables));
}

/** Edits that align the report tables: one edit per changed line, nothing outside tables. */
export function formatEdits(doc: DocumentModel, options: FormatOptions = {}): TextEdit[] {
  const edits: TextEdit[] = [];
  const range = options.range;
  for (const table of reportTables(doc, options.force)) {
    if (range && (table.span.end < range.start || table.span.start > range.end)) continue;
    const tl = tableLines(doc, table);
    if (!tl) continue;
    const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH;
    const limits = tl.lines.map((n) => Math.max(maxWidth, displayWidth(doc.lines.lineText(n), options.ambiguousWide)));
    const formatted = formatTableLines(tl.split, options.ambiguousWide, limits);
    tl.lines.forEach((n, k) => {
      const start = doc.lines.lineStart(n),
        end = doc.lines.lineEnd(n);
      const line = formatted[k];
      if (line !== undefined && doc.text.slice(start, end) !== line) edits.push({ start, end, newText: line });
    });
  }
  return edits;
}
