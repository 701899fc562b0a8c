/**
 * The block list of a plain document read line by line, without micromark: what parseSegment
 * would get from remark for the same text, for the few block kinds a report draft is made of.
 *
 * Why: micromark reads every character through its state machine, and a cold command-line
 * check spent most of its time there (a 9 KB report took 25–35 ms to parse, the three tables
 * most of it). A report draft is ATX headings, paragraphs and pipe tables between blank lines;
 * those are read here at the cost of splitting lines.
 *
 * The contract is narrow on purpose: `parsePlain` either returns exactly what the remark path
 * returns (test/core/parse-plain.test.ts runs both on every stored draft and on generated
 * documents made of the tricky lines below) or `undefined`, and then remark parses the text.
 * It declines whatever could open or change another kind of block: indentation, list and quote
 * markers, thematic breaks, setext underlines, fences, HTML, definitions, escapes, lazy lines
 * after a table, a table that interrupts a paragraph, a header row whose cells the delimiter
 * row does not match.
 */
import type { ParsedSegment, RawCell, RawTable, TextBlock } from './markdown';
import { inlinePlain } from './normalize';

/**
 * A paragraph's text is cut at this length (its span is not): the prose rules read text
 * character by character, and no real paragraph is near it (a 7 MB one took seconds).
 */
export const MAX_BLOCK_TEXT = 64 * 1024;

/**
 * Text the plain reader never takes: NUL, and a carriage return not before a line feed. (HTML,
 * fences and the rest open blocks only at a line's start, where they are declined; inline
 * constructs are off in the remark path too, so they change no block either.)
 */
const DECLINED_ANYWHERE = /\0|\r(?!\n)/;
/** ATX heading opener: one to six `#`, then a space, a tab or the line's end. */
const ATX = /^#{1,6}(?=[ \t]|$)/;
/** Ordered list marker. */
const ORDERED = /^\d{1,9}[.)](?:[ \t]|$)/;
/** Thematic break made of `*` (the other two markers are declined by their first character). */
const STAR_BREAK = /^(?:\*[ \t]*){3,}$/;
/** GFM delimiter row (a table's second line; markdown.ts cuts long tables at them too). */
export const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
/**
 * First characters of lines that open or end a block other than a paragraph, or may (`#` not
 * followed by a space is paragraph text, but is declined with the rest: headings are read first).
 */
const BLOCK_STARTS = new Set(['#', '>', '-', '+', '_', '=', '~', '`', '<', '[', ']', ' ', '\t']);

/** A heading's text and span from its source line(s) (`span` starts at the `#`). */
export function headingBlock(text: string, start: number, end: number, depth: number): TextBlock {
  const raw = text.slice(start, end);
  const m = /^[ \t]*#{1,6}[ \t]*/.exec(raw);
  const lead = m ? m[0].length : 0;
  const body = raw
    .slice(lead)
    .replace(/[ \t]+#+[ \t]*$/, '')
    .replace(/[ \t]+$/, '');
  // Setext headings keep their underline out of the text.
  const firstLine = body.split(/\r?\n/)[0];
  const shown = m ? body : firstLine;
  return { kind: 'heading', depth, text: shown, span: { start: start + lead, end: start + lead + shown.length } };
}

export function isCellSpace(c: number): boolean {
  return c !== 10 && c !== 13 && /\s/.test(String.fromCharCode(c));
}

/**
 * A cell's source runs from its leading pipe (if any) to before the next one; the last cell of
 * a row runs to the row's end, its closing pipe and any spaces after it included.
 */
export function readCell(text: string, start: number, end: number): RawCell {
  let s = start;
  let e = end;
  if (text[s] === '|') s++;
  // Spaces after a row's closing pipe belong to its last cell: the pipe is still the cell's end.
  while (e > s && isCellSpace(text.charCodeAt(e - 1))) e--;
  if (e > s && text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  const inner = text.slice(s, e);
  const lead = inner.length - inner.trimStart().length;
  const trimmed = inner.trim();
  const rs = s + lead;
  if (trimmed === '') {
    // An empty cell: point inside it, after the first space, so an inserted value is padded.
    const at = inner.length > 0 ? s + 1 : s;
    return { raw: '', text: '', span: { start: Math.min(at, e), end: Math.min(at, e) } };
  }
  const plain = inlinePlain(trimmed.includes('\\') ? trimmed.replace(/\\\|/g, '|') : trimmed);
  return { raw: trimmed, text: plain === trimmed ? plain : plain.trim(), span: { start: rs, end: rs + trimmed.length } };
}

/** The cells of a row line that starts with a pipe, as GFM splits it; undefined for a row with a backslash (an escaped pipe is no cell's end). */
function rowCells(text: string, at: number, end: number): RawCell[] | undefined {
  const backslash = text.indexOf('\\', at);
  if (backslash >= 0 && backslash < end) return undefined;
  const pipes: number[] = [];
  for (let i = text.indexOf('|', at); i >= 0 && i < end; i = text.indexOf('|', i + 1)) pipes.push(i);
  let last = pipes.length - 1;
  // Nothing but spaces after the last pipe: it closes the row and belongs to the last cell.
  if (last > 0 && blankBetween(text, pipes[last] + 1, end)) last--;
  const cells: RawCell[] = [];
  for (let k = 0; k < last; k++) cells.push(readCell(text, pipes[k], pipes[k + 1]));
  cells.push(readCell(text, pipes[last], end));
  return cells;
}

/** Whether a line (not blank, not a heading, not a pipe row) can only be paragraph text. */
function paragraphLine(line: string): boolean {
  const c = line[0];
  if (BLOCK_STARTS.has(c)) return false;
  if (c === '*') return !/^\*(?:[ \t]|$)/.test(line) && !STAR_BREAK.test(line);
  return !ORDERED.test(line);
}

/** Whether text[from, to) holds only spaces and tabs (CommonMark's blank). */
function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Where the line starting at `at` ends (before its CR LF or LF). */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** Where the line after the one starting at `at` starts (the text's length after the last). */
function nextLine(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** The parse of `text` when it holds only headings, paragraphs and plain pipe tables; undefined otherwise. */
export function parsePlain(text: string): ParsedSegment | undefined {
  if (DECLINED_ANYWHERE.test(text)) return undefined;
  const blocks: TextBlock[] = [];
  const tables: RawTable[] = [];
  let paragraph: { start: number; end: number } | undefined;
  let table: RawTable | undefined;
  /** What the previous line was: a table may start only after a blank line, a heading or the start. */
  let prev: 'start' | 'blank' | 'heading' | 'paragraph' | 'table' = 'start';
  const closeParagraph = (): void => {
    if (paragraph) {
      const { start, end } = paragraph;
      blocks.push({ kind: 'paragraph', text: text.slice(start, Math.min(end, start + MAX_BLOCK_TEXT)), span: { start, end } });
    }
    paragraph = undefined;
  };
  for (let at = 0; at < text.length; at = nextLine(text, at)) {
    const end = lineEnd(text, at);
    if (blankBetween(text, at, end)) {
      closeParagraph();
      table = undefined;
      prev = 'blank';
      continue;
    }
    if (text.charCodeAt(at) === 124 /* | */) {
      if (table) {
        const cells = rowCells(text, at, end);
        if (!cells) return undefined;
        table.rows.push({ cells, span: { start: at, end } });
        table.span = { start: table.span.start, end };
        continue;
      }
      if (prev === 'paragraph') return undefined;
      // The header row and the delimiter row after it, taken together.
      const dAt = nextLine(text, at);
      if (dAt >= text.length) return undefined;
      const dEnd = lineEnd(text, dAt);
      const header = rowCells(text, at, end);
      // The delimiter row starts with a pipe too (rowCells splits from the first pipe).
      if (text.charCodeAt(dAt) !== 124 || !header || !DELIMITER_ROW.test(text.slice(dAt, dEnd))) return undefined;
      if (rowCells(text, dAt, dEnd)?.length !== header.length) return undefined;
      table = { rows: [{ cells: header, span: { start: at, end } }], span: { start: at, end: dEnd }, columnCount: header.length };
      tables.push(table);
      prev = 'table';
      at = dAt;
      continue;
    }
    // A line after a table row that is not one: GFM reads it as a row or ends the table; declined.
    if (table) return undefined;
    const line = text.slice(at, end);
    const atx = ATX.exec(line);
    if (atx) {
      closeParagraph();
      blocks.push(headingBlock(text, at, end, atx[0].length));
      prev = 'heading';
      continue;
    }
    if (!paragraphLine(line)) return undefined;
    if (paragraph) paragraph.end = end;
    else paragraph = { start: at, end };
    prev = 'paragraph';
  }
  closeParagraph();
  return { blocks, tables, length: text.length };
}
