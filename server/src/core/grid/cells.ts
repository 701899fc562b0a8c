/**
 * What the table mappers of the import share: how a grid cell reads (label, figure, blank),
 * how a row's cells split into labels and values, where the value columns of a grid with real
 * geometry are (Word, HTML), and the label text the draft keeps. Labels are matched by the
 * one label matcher (labels.ts).
 */
import { readValue } from '../cells';
import { HeaderColumn, LabelMatch, matchColumns } from '../labels';
import type { Message } from '../rule';
import type { ColumnTemplate, TableId } from '../template';
import type { GridCell, GridTable } from './model';

export interface UnmappedItem {
  /** The table the item was found in, if any. */
  table?: TableId;
  /** The source text, as found. */
  text: string;
  message: Message;
  /** The source row is kept in the draft as a paragraph after its table (not among its figures). */
  kept?: boolean;
}

export type CellKind = 'empty' | 'blank' | 'number' | 'text';

export function cellKind(text: string): CellKind {
  if (!text) return 'empty';
  const k = readValue({ raw: text, text, span: { start: 0, end: 0 } }).kind;
  return k === 'number' || k === 'unit' ? 'number' : k === 'blank' ? 'blank' : 'text';
}

export function oneLine(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

const CJK = '\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”';
const SPACE_IN_WORD = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** A label on one line, without the spaces an extraction put between two Chinese characters. */
export function cleanLabel(text: string): string {
  return oneLine(text).replace(SPACE_IN_WORD, '');
}

/** A label as it should appear in the draft: as written when it only differs in a way the checker reports, else canonical. */
export function labelText(raw: string, canonical: string, match: LabelMatch): string {
  if (match === 'loose') return canonical;
  const written = cleanLabel(raw);
  return written.replace(/\s/g, '') === canonical.replace(/\s/g, '') ? canonical : written;
}

/** The value cells of a row: those after its last label, fitted to `n` columns. */
export function rowValues(row: GridCell[], n: number): { labels: string[]; values?: string[]; extra: boolean; short: boolean } {
  const cells = row.filter((c) => !c.covered).map((c) => c.text);
  let last = -1;
  cells.forEach((t, i) => {
    if (cellKind(t) === 'text') last = i;
  });
  const labels = cells.slice(0, last + 1).filter((t) => cellKind(t) === 'text');
  const values = cells.slice(last + 1);
  // Leading empties stand for merged label cells; trailing ones for a TAB at the end of a pasted line.
  while (values.length > n && values[0] === '') values.shift();
  while (values.length > n && values[values.length - 1] === '') values.pop();
  if (values.length > n) return { labels, extra: true, short: false };
  const short = values.length < n && values.some((v) => v !== '');
  while (values.length < n) values.push('');
  return { labels, values, extra: false, short };
}

export function rowText(row: GridCell[]): string {
  return row
    .filter((c) => !c.covered && c.text)
    .map((c) => oneLine(c.text))
    .join(' ');
}

export interface Positions {
  /** Grid column of each template column. */
  columns: Map<string, number>;
  /** The first value column: cells before it are labels. */
  first: number;
  /** Header labels of columns the template does not have (a local 小计 column). */
  unknown: string[];
  /** Header texts of the columns, by template column id (a variant is kept as written). */
  written: Map<string, { text: string; match: LabelMatch }>;
}

/**
 * Value columns by their header label path, for grids whose geometry is real (Word, HTML):
 * the header rows are those before `isData` is first true; a column's path is the labels
 * covering it from the top, merged cells included, matched by the one column matcher.
 * Undefined unless every template column is found (then the caller reads cells by position
 * from the left).
 */
export function positions(t: GridTable, isData: (row: GridCell[]) => boolean, templates: readonly ColumnTemplate[]): Positions | undefined {
  if (t.loose) return undefined;
  const count = t.rows.findIndex(isData);
  if (count <= 0) return undefined;
  const width = t.rows[0]?.length ?? 0;
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let r = 0; r < count; r++) {
      const cell = t.rows[r][c];
      const text = cleanLabel(cell.covered ? (cell.from ?? '') : cell.text);
      if (text && path[path.length - 1] !== text) path.push(text);
    }
    paths.push(path);
  }
  const header: HeaderColumn[] = paths.map((p, index) => ({ index, name: p[p.length - 1], groups: p.slice(0, -1) }));
  const { columns: matched, missing } = matchColumns(header, templates);
  if (missing.length) return undefined;
  const columns = new Map(matched.map((m) => [m.template.id, m.index]));
  const written = new Map(matched.map((m) => [m.template.id, { text: header[m.index].name!, match: m.match }]));
  const first = Math.min(...columns.values());
  const used = new Set(columns.values());
  const unknown: string[] = [];
  for (let c = first; c < width; c++) {
    const leaf = paths[c][paths[c].length - 1];
    if (!used.has(c) && leaf && !paths.slice(0, c).some((p, i) => used.has(i) && p[p.length - 1] === leaf)) unknown.push(leaf);
  }
  return { columns, first, unknown: [...new Set(unknown)], written };
}

/** Cells of a row read by position: labels before the first value column, values at their columns. */
export function positionalValues(row: GridCell[], pos: Positions, ids: readonly string[]): { labels: string[]; values: string[] } {
  const labels = row
    .slice(0, pos.first)
    .filter((c) => !c.covered && cellKind(c.text) === 'text')
    .map((c) => c.text);
  const values = ids.map((id) => {
    const cell = row[pos.columns.get(id)!];
    return cell && !cell.covered ? cell.text : '';
  });
  return { labels, values };
}

export function hasNumber(row: GridCell[]): boolean {
  return row.some((c) => !c.covered && cellKind(c.text) === 'number');
}
