/**
 * Reader for plain or pasted text (text copied from a published report, a PDF or Word):
 * tables arrive as tab-separated rows whose merged labels are missing at the start, or as
 * one cell per line (a leading TAB), with header cells broken over lines (a browser copies a
 * cell holding two paragraphs as two lines: 结果 / 维持⇥结果 / 纠正 …), or, from a PDF, with
 * spaces between the cells. The reader only finds the table runs and their rows, joining a
 * label broken over lines back into its cell when the two pieces make a template label; the
 * mapper decides what every cell is.
 */
import { isTemplateLabel } from '../labels';
import { labelKey } from '../normalize';
import { CellBudget, GridBlock, GridCell, GridDocument, maxLength, pushAll, trimAll } from './model';

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

/**
 * A piece of a label broken over lines: a few Chinese characters alone on a line (结果, 直接起诉,
 * 复议后) that, with the end of the line before or the start of the line after, make a
 * template label. Nothing else is joined: a row never swallows a heading or a sentence.
 */
const PIECE = /^[\u4e00-\u9fff]{1,8}$/;

function lastCell(line: string | undefined): string {
  return line === undefined ? '' : trimAll(line.slice(line.lastIndexOf('\t') + 1));
}

function firstCell(line: string | undefined): string {
  return line === undefined ? '' : trimAll(line.split('\t')[0]);
}

/**
 * Two pieces of one broken label: the second only Chinese characters, the first ending in one
 * (never a figure, a marker or a cell of its own), together a template label, and not both
 * labels on their own.
 */
function joins(before: string, after: string): boolean {
  return (
    PIECE.test(after) &&
    /[\u4e00-\u9fff]$/.test(before) &&
    isTemplateLabel(before + after) &&
    !(isTemplateLabel(before) && isTemplateLabel(after))
  );
}

function isPiece(lines: string[], i: number): boolean {
  const t = trimAll(lines[i]);
  if (!PIECE.test(t) || isTabLine(lines[i])) return false;
  const prev = lines[i - 1] !== undefined && trimAll(lines[i - 1]) ? lines[i - 1] : undefined;
  const next = lines[i + 1] !== undefined && trimAll(lines[i + 1]) ? lines[i + 1] : undefined;
  return joins(lastCell(prev), t) || joins(t, firstCell(next));
}

const FIGURE = /^(?:[+-]?\d[\d,，]*(?:\.\d+)?|—|——|-|--|－|\/|／)$/;
const SENTENCE = /[。，,；;：:！？!?]/;

/**
 * A row whose cells a PDF copy separated by spaces: three or more figures at its end after a
 * short label (一、本年新收… 5 0 0 0 0 0 5), or only template labels (结果维持 结果纠正 …, a label
 * split by a space joined back). Undefined for anything else: prose keeps its spaces.
 */
function spaceRow(line: string): string[] | undefined {
  if (isTabLine(line)) return undefined;
  const tokens = trimAll(line)
    .split(/[ \u3000\u00a0]+/)
    .filter(Boolean);
  if (tokens.length < 2) return undefined;
  let k = tokens.length;
  while (k > 0 && FIGURE.test(tokens[k - 1])) k--;
  if (tokens.length - k >= 3) {
    const label = tokens.slice(0, k).join(' ');
    if (label.length <= 40 && !SENTENCE.test(label)) return label ? [label, ...tokens.slice(k)] : tokens.slice(k);
    return undefined;
  }
  if (k < tokens.length) return undefined;
  const labels: string[] = [];
  for (let i = 0; i < tokens.length;) {
    let j = Math.min(tokens.length, i + 4);
    while (j > i && !isTemplateLabel(tokens.slice(i, j).join(''))) j--;
    if (j === i) return undefined;
    labels.push(tokens.slice(i, j).join(''));
    i = j;
  }
  return labels.length >= 2 ? labels : undefined;
}

/** The lines with space-separated table rows written with TABs, as the rest of the reader expects. */
function withTabs(lines: string[]): string[] {
  return lines.map((l) => {
    const row = spaceRow(l);
    return row ? row.join('\t') : l;
  });
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
      const last = row[row.length - 1];
      // The rest of a cell broken over lines (结果 / 维持): back into its cell.
      if (!isTabLine(line) && last && joins(last.text, trimAll(line))) {
        last.text += trimAll(line);
        continue;
      }
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
    // A line break inside a cell: the piece before it ends one line, the rest starts the next.
    let pending = '';
    for (const line of lines) {
      const t = trimAll(line);
      if (!t) continue;
      const prev = rows[rows.length - 1];
      const prevLast = prev?.[prev.length - 1];
      if (!isTabLine(line)) {
        if (prevLast && !pending && joins(prevLast.text, t)) prevLast.text += t;
        else if (pending) pending += t;
        else pending = t;
        continue;
      }
      const row = cells(line);
      if (pending) {
        if (joins(pending, row[0].text) || !row[0].text) row[0] = { text: pending + row[0].text };
        else rows.push([{ text: pending }]);
        pending = '';
      } else if (prevLast && joins(prevLast.text, row[0].text)) {
        prevLast.text += row[0].text;
        pushAll(prev, row.slice(1));
        continue;
      }
      rows.push(row);
    }
    if (pending) rows.push([{ text: pending }]);
  }
  return pad(
    rows.filter((r) => r.some((c) => c.text) && !isSeparatorRow(r)),
    budget,
  );
}

/** The run of table lines starting at line i (tab lines, with blank and short table-ish lines between), or -1. */
function runEnd(lines: string[], i: number): number {
  const line = lines[i];
  const blockLabelBeforeTable = (tableishLine(line) || isPiece(lines, i)) && nextTabLine(lines, i + 1) !== -1;
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
    if (!trimAll(l) || tableishLine(l) || isPiece(lines, end)) {
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
  const lines = withTabs(input.replace(/^\ufeff/, '').split(/\r\n|\r|\n/));
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
  const rows = withTabs(lines);
  for (let i = 0; i < rows.length; i++) {
    const last = runEnd(rows, i);
    if (last < 0) continue;
    const count = rows.slice(i, last + 1).filter((l) => trimAll(l)).length;
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
    if (!(tableishLine(l) || isPiece(lines, j)) || ++seen > 4) return -1;
  }
  return -1;
}
