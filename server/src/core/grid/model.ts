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
}

/** A source cell with spans, before expansion (HTML rowspan/colspan, Word gridSpan/vMerge). */
export interface SpanCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  /** Grid column the cell starts at, when the reader knows it (Word's gridBefore); else the next free one. */
  col?: number;
}

const MAX_SPAN = 1000;

/**
 * Expands rows of cells with spans into a rectangular grid, as an HTML table is laid out:
 * a cell takes the next column not covered by a rowspan from above.
 */
export function expandSpans(rows: SpanCell[][]): GridCell[][] {
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      if (cell.col !== undefined && cell.col >= col) col = cell.col;
      while (grid[r][col]) col++;
      const rs = Math.min(Math.max(1, Math.floor(cell.rowSpan ?? 1) || 1), rows.length - r, MAX_SPAN);
      const cs = Math.min(Math.max(1, Math.floor(cell.colSpan ?? 1) || 1), MAX_SPAN);
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr][col + dc] = dr === 0 && dc === 0 ? { text: cell.text } : { text: '', covered: true, from: cell.text };
        }
      }
      col += cs;
    }
  });
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '' }));
}

/** Whitespace of every kind, NBSP and the ideographic space included. */
export const ANY_SPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

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
