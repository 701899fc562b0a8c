/**
 * Reader for plain or pasted text (text copied from a published report, a PDF or Word):
 * tables arrive as tab-separated rows whose merged labels are missing at the start, or as
 * one cell per line (a leading TAB), with header cells broken over lines. The reader only
 * finds the table runs and their rows; the mapper decides what every cell is.
 */
import { labelKey } from '../normalize';
import { CellBudget, GridBlock, GridCell, GridDocument, maxLength, trimAll } from './model';

const SEPARATOR_CELL = /^[-—=:|]{3,}$/;

function isTabLine(line: string): boolean {
  return line.includes('\t');
}

/** A short non-tab line that belongs to a table (block label, balance note, group label, rule line). */
function tableishLine(line: string): boolean {
  const t = trimAll(line);
  if (!t || t.length > 60) return false;
  const k = labelKey(t);
  return (
    k.startsWith('第二十条') || k.includes('勾稽关系') || k === labelKey('法人或其他组织') || SEPARATOR_CELL.test(t.replace(/\s/g, ''))
  );
}

function cells(line: string): GridCell[] {
  return line.split('\t').map((c) => ({ text: trimAll(c) }));
}

function isSeparatorRow(row: GridCell[]): boolean {
  const filled = row.filter((c) => c.text);
  return filled.length > 0 && filled.every((c) => SEPARATOR_CELL.test(c.text.replace(/\s/g, '')));
}

/** Rows padded to the widest, or undefined when that would pass the budget (a ragged paste kept as text). */
function pad(rows: GridCell[][], budget: CellBudget): GridCell[][] | undefined {
  const width = maxLength(rows);
  if (width * rows.length > budget.remaining) return undefined;
  budget.remaining -= width * rows.length;
  return rows.map((r) => {
    const out = r.slice();
    while (out.length < width) out.push({ text: '' });
    return out;
  });
}

/** The rows of one run of table lines. */
function runRows(lines: string[], budget: CellBudget): GridCell[][] | undefined {
  const tabLines = lines.filter(isTabLine);
  const cellPerLine = tabLines.length > 0 && tabLines.filter((l) => /^[ \u3000\u00a0]*\t[^\t]*$/.test(l)).length >= tabLines.length * 0.8;
  const rows: GridCell[][] = [];
  if (cellPerLine) {
    // One cell per line: a blank line ends a row (header rows come out split, data rows whole).
    let row: GridCell[] = [];
    for (const line of lines) {
      if (!isTabLine(line)) {
        if (row.length) rows.push(row);
        row = [];
        // A table-ish line without a TAB is a row of its own.
        if (trimAll(line)) rows.push([{ text: trimAll(line) }]);
        continue;
      }
      row.push({ text: trimAll(line) });
    }
    if (row.length) rows.push(row);
  } else {
    for (const line of lines) {
      if (!trimAll(line)) continue;
      rows.push(cells(line));
    }
  }
  return pad(
    rows.filter((r) => r.some((c) => c.text) && !isSeparatorRow(r)),
    budget,
  );
}

/** The run of table lines starting at line i (tab lines, with blank and short table-ish lines between), or -1. */
function runEnd(lines: string[], i: number): number {
  const line = lines[i];
  const blockLabelBeforeTable = tableishLine(line) && nextTabLine(lines, i + 1) !== -1;
  if (!(isTabLine(line) && trimAll(line) !== '') && !blockLabelBeforeTable) return -1;
  let end = i + 1;
  let last = i;
  while (end < lines.length) {
    const l = lines[end];
    if (isTabLine(l)) {
      last = end;
      end++;
      continue;
    }
    if (!trimAll(l) || tableishLine(l)) {
      const next = nextTabLine(lines, end);
      if (next === -1) break;
      end = next;
      continue;
    }
    break;
  }
  return last;
}

export function readPlainText(input: string): GridDocument {
  const lines = input.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const blocks: GridBlock[] = [];
  const budget = new CellBudget(input.length);
  let i = 0;
  while (i < lines.length) {
    const last = runEnd(lines, i);
    if (last >= 0) {
      const run = lines.slice(i, last + 1);
      const rows = runRows(run, budget);
      if (rows?.length) blocks.push({ kind: 'table', rows, loose: true });
      // A ragged run too wide to pad within the budget stays as its lines.
      else if (!rows) for (const line of run) if (trimAll(line)) blocks.push({ kind: 'paragraph', text: trimAll(line) });
      i = last + 1;
      continue;
    }
    const t = trimAll(lines[i]);
    if (t) blocks.push({ kind: 'paragraph', text: t });
    i++;
  }
  return { blocks };
}

/**
 * Runs of pasted table text in `text` between offsets `from` and `to`, as offsets (the end
 * excludes the last line break): what the table-missing fix replaces with a table.
 */
export function pastedRuns(text: string, from: number, to: number): { start: number; end: number; lines: number }[] {
  const runs: { start: number; end: number; lines: number }[] = [];
  const lines: string[] = [];
  const starts: number[] = [];
  const re = /\r\n|\r|\n/g;
  let pos = from;
  while (pos <= to) {
    re.lastIndex = pos;
    const m = re.exec(text);
    const end = m && m.index < to ? m.index : to;
    starts.push(pos);
    lines.push(text.slice(pos, end));
    if (!m || m.index >= to) break;
    pos = m.index + m[0].length;
  }
  for (let i = 0; i < lines.length; i++) {
    const last = runEnd(lines, i);
    if (last < 0) continue;
    const count = lines.slice(i, last + 1).filter((l) => trimAll(l)).length;
    if (count >= 2) runs.push({ start: starts[i], end: starts[last] + lines[last].length, lines: count });
    i = last;
  }
  return runs;
}

/** Index of the next tab line if only blank or table-ish lines (at most 4 of them) come before it. */
function nextTabLine(lines: string[], from: number): number {
  let seen = 0;
  for (let j = from; j < lines.length; j++) {
    const l = lines[j];
    if (isTabLine(l) && trimAll(l) !== '') return j;
    if (isTabLine(l)) continue;
    if (!trimAll(l)) continue;
    if (!tableishLine(l) || ++seen > 4) return -1;
  }
  return -1;
}
