/**
 * The grid model every reader produces (pasted text, .docx, HTML): the document's blocks in
 * order — paragraphs and tables — with each table a rectangular grid whose merged cells are
 * expanded. The one template mapper (mapper.ts) reads only this, so every input format is
 * mapped by the same code.
 */

export interface GridCell {
  /** Text of the cell: runs joined, line breaks inside the cell as '\n', trimmed. */
  text: string;
  /** A position covered by a merged cell that starts above or to the left (its text is ''). */
  covered?: boolean;
  /** For a covered position: the text of the merged cell covering it (header label paths). */
  from?: string;
}

export interface GridTable {
  kind: 'table';
  /** Rows × columns; every row has the same length (covered positions filled). */
  rows: GridCell[][];
  /**
   * The rows come from pasted text: cells left out at the start of a row (merged labels)
   * and header cells broken over lines are expected, so positions are not trusted.
   */
  loose?: boolean;
}

export interface GridParagraph {
  kind: 'paragraph';
  text: string;
  /** Heading level the source gave (Word outline level / HTML h1–h6), if any. */
  headingLevel?: number;
}

export type GridBlock = GridParagraph | GridTable;

export interface GridDocument {
  blocks: GridBlock[];
  /** The title the source declares besides its body (a page's <title>, a Word file's core.xml title). */
  metaTitle?: string;
}

/** A source cell with spans, before expansion (HTML rowspan/colspan, Word gridSpan/vMerge). */
export interface SpanCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Grid column the cell starts at, when the reader knows it (Word's gridBefore); else the next free one. */
  col?: number;
  /** Word's vMerge continuation: each position is covered by the cell above it. */
  mergeUp?: boolean;
}

const MAX_SPAN = 1000;

/**
 * How many grid cells the tables of one source may expand to, in all: a floor for a few small
 * tables with wide spans, plus a constant times the bytes of the source. Spans, offsets and
 * padding come from numbers a file states (`colspan=1000`, `gridBefore 1000000000`); the cells
 * they make are bounded by what the file really holds.
 */
export class CellBudget {
  static readonly FLOOR = 100_000;
  static readonly PER_BYTE = 2;
  remaining: number;
  constructor(sourceBytes: number) {
    this.remaining = CellBudget.FLOOR + CellBudget.PER_BYTE * Math.max(0, sourceBytes);
  }
}

/** Appends every item (a spread into push() would pass them as arguments, which has a stack limit). */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const x of items) target.push(x);
}

/** The largest length among arrays, without spreading them into arguments (no stack limit). */
export function maxLength(rows: readonly { length: number }[]): number {
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  return width;
}

function clampSpan(n: number | undefined, most: number): number {
  const v = Math.floor(n ?? 1);
  return v >= 1 ? Math.min(v, most, MAX_SPAN) : 1;
}

/** The grid with spans taken as written, or undefined past `limit` cells. */
function layout(rows: SpanCell[][], withSpans: boolean, limit: number): GridCell[][] | undefined {
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  let used = 0;
  for (let r = 0; r < rows.length; r++) {
    const line = grid[r];
    let col = 0;
    for (const cell of rows[r]) {
      if (withSpans && cell.col !== undefined && cell.col >= col) {
        // An offset past the cells the budget allows cannot be laid out.
        if (cell.col > limit) return undefined;
        col = cell.col;
      }
      while (line[col]) col++;
      const rs = withSpans ? clampSpan(cell.rowSpan, rows.length - r) : 1;
      const cs = withSpans ? clampSpan(cell.colSpan, MAX_SPAN) : 1;
      used += rs * cs;
      if (used > limit || col + cs > limit) return undefined;
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          // A continuation that holds text of its own keeps it (never lose what the file says).
          const above = withSpans && cell.mergeUp && !cell.text && r > 0 ? grid[r - 1][col + dc] : undefined;
          grid[r + dr][col + dc] = above
            ? { text: '', covered: true, from: above.covered ? above.from : above.text }
            : dr === 0 && dc === 0
              ? { text: cell.text }
              : { text: '', covered: true, from: cell.text };
        }
      }
      col += cs;
    }
  }
  const width = maxLength(grid);
  if (width * rows.length > limit) return undefined;
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '' }));
}

/**
 * Expands rows of cells with spans into a rectangular grid, as an HTML table is laid out:
 * a cell takes the next column not covered by a rowspan from above. The cells made are taken
 * from `budget`; a table whose spans would pass it is laid out without spans (every cell kept,
 * in order), and one that does not fit even so gives undefined (the reader keeps its rows as text).
 */
export function expandSpans(rows: SpanCell[][], budget: CellBudget = new CellBudget(0)): GridCell[][] | undefined {
  const grid = layout(rows, true, budget.remaining) ?? layout(rows, false, budget.remaining);
  if (grid) budget.remaining -= grid.length * (grid[0]?.length ?? 0);
  return grid;
}

/** A table's rows as lines of text (cells joined by a space): what is kept of a table too large to lay out. */
export function rowsAsText(rows: SpanCell[][]): GridParagraph[] {
  const out: GridParagraph[] = [];
  for (const row of rows) {
    const text = row
      .map((c) => c.text.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' ');
    if (text) out.push({ kind: 'paragraph', text });
  }
  return out;
}

/** Trims every kind of space from both ends (NBSP, U+3000, TAB). */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g, '');
}

/** Word's conditional comments that a CMS escaped into visible text (`<!--[if !supportLists]-->`). */
const CONDITIONAL =
  /<!--\[if[^\]]*\]>[\s\S]*?<!\[endif\]-->|<!\[if[^\]]*\]>|<!\[endif\]>|<!--\[if[^\]]*\]-->|<!--\[endif\]-->|<!--\[if[^\]]*\]>|<!\[endif\]-->/g;

export function stripConditionalComments(text: string): string {
  return text.includes('[if') || text.includes('endif') ? text.replace(CONDITIONAL, '') : text;
}
