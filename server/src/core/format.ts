/**
 * Formatting of the report's statistics tables (sections 二, 三 and 四) and nothing else:
 * cells padded so that the pipes line up by display width (East Asian Width), a canonical
 * delimiter row. A cell's text is never changed, only the spaces around it; a table whose
 * lines do not split into exactly the cells the parser saw (a table in a quote or a list, a
 * pipe inside code) is left alone. Formatting twice gives what formatting once gives.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import type { TextEdit } from './findings';
import type { Span } from './lines';
import type { RawTable } from './markdown';
import type { DocumentModel } from './model';

export interface FormatOptions {
  /** Count East Asian ambiguous-width characters (“ ” ① …) as 2 columns instead of 1. */
  ambiguousWide?: boolean;
  /** Only tables that touch this range (the whole table is formatted: alignment is table-wide). */
  range?: Span;
  /** Format the tables of sections 二–四 even when the document does not look like a report (an include glob matched). */
  force?: boolean;
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

/** The formatted lines of a table (delimiter second), or undefined to leave it alone. */
export function formatTableLines(rows: LineCells[], ambiguousWide = false): string[] {
  const delimiter = rows[1];
  const aligns = delimiter.cells.map(alignOf);
  const columns = Math.max(...rows.map((r) => r.cells.length));
  const widths: number[] = new Array<number>(columns).fill(3);
  const cellWidths = rows.map((r, k) =>
    r.cells.map((c, i) => {
      if (k === 1) return 3;
      const w = displayWidth(c, ambiguousWide);
      if (w > widths[i]) widths[i] = w;
      return w;
    }),
  );
  return rows.map((r, k) => {
    const cells =
      k === 1
        ? r.cells.map((_, i) => delimiterCell(aligns[i], widths[i]))
        : r.cells.map((c, i) => pad(c, cellWidths[k][i], widths[i], aligns[i] ?? 'none'));
    return `${r.indent}| ${cells.join(' | ')} |`;
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
    const formatted = formatTableLines(tl.split, options.ambiguousWide);
    tl.lines.forEach((n, k) => {
      const start = doc.lines.lineStart(n),
        end = doc.lines.lineEnd(n);
      if (doc.text.slice(start, end) !== formatted[k]) edits.push({ start, end, newText: formatted[k] });
    });
  }
  return edits;
}
