/**
 * Parses one segment (a section, or the part before the first section) with
 * unified + remark-parse + remark-gfm and keeps only a compact block list with source
 * spans relative to the segment: headings, prose paragraphs, tables as grids of cells,
 * HTML comments. The syntax tree itself is dropped at once.
 */
import { unified } from 'unified';
import type { Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes, Parent, Root, Table } from 'mdast';
import type { Span } from './lines';
import { inlinePlain } from './normalize';

export interface RawCell {
  /** Source text of the cell, trimmed, without the pipes. */
  raw: string;
  /** Plain text (emphasis markers dropped, `\|` unescaped). */
  text: string;
  /** Span of `raw`; for an empty cell, an empty span where text would go. */
  span: Span;
}

export interface RawRow {
  cells: RawCell[];
  span: Span;
}

export interface RawTable {
  rows: RawRow[];
  span: Span;
  /** Number of columns of the delimiter row (GFM: the header row). */
  columnCount: number;
  /** The paragraph just before the table, if it touches it (block labels like **第二十条第（一）项**). */
  caption?: TextBlock;
}

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'comment';
  depth?: number;
  /** Source text (for headings: without the # marks). */
  text: string;
  span: Span;
}

export interface ParsedSegment {
  blocks: TextBlock[];
  tables: RawTable[];
  length: number;
}

const AUTOLINK_LITERALS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);

/**
 * GFM without its autolink literals. They are inline only (they never move where a block, a
 * table row or a cell starts or ends) and we keep no inline node, but finding them costs about
 * a fifth of the parse: a syntax attempt at every ASCII letter and digit, and a find-and-replace
 * pass over every text node. Runs after remark-gfm, on the extensions it registered.
 */
function withoutAutolinkLiterals(this: Processor): void {
  const data = this.data() as unknown as { micromarkExtensions?: Record<string, unknown>[]; fromMarkdownExtensions?: unknown[] };
  for (const ext of data.micromarkExtensions ?? []) {
    for (const field of Object.values(ext)) {
      if (!field || typeof field !== 'object') continue;
      const table = field as Record<string, unknown>;
      for (const [code, constructs] of Object.entries(table)) {
        if (Array.isArray(constructs)) table[code] = constructs.filter((c) => !AUTOLINK_LITERALS.has((c as { name?: string })?.name ?? ''));
      }
    }
  }
  const strip = (e: unknown): unknown => {
    const x = e as { enter?: Record<string, unknown>; transforms?: unknown[] };
    return x && x.enter && 'literalAutolink' in x.enter ? { ...x, transforms: [] } : e;
  };
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((e) => (Array.isArray(e) ? e.map(strip) : strip(e)));
}

const processor = unified().use(remarkParse).use(remarkGfm).use(withoutAutolinkLiterals);

/**
 * Segments longer than this are parsed in pieces cut at blank lines where no block can go on
 * (see safeCuts): the syntax tree of a whole huge section at once costs far more memory.
 */
export const CHUNK_SIZE = 16 * 1024;

export function parseSegment(text: string, chunkSize = CHUNK_SIZE): ParsedSegment {
  const cuts = text.length > chunkSize ? safeCuts(text, chunkSize) : [];
  if (!cuts.length) return parseWhole(text);
  const out: ParsedSegment = { blocks: [], tables: [], length: text.length };
  let start = 0;
  for (const end of [...cuts, text.length]) {
    const part = parseWhole(text.slice(start, end));
    const by = (x: Span): Span => ({ start: x.start + start, end: x.end + start });
    for (const b of part.blocks) out.blocks.push({ ...b, span: by(b.span) });
    for (const t of part.tables) out.tables.push(mapTableSpans(t, by));
    start = end;
  }
  return out;
}

function mapTableSpans(t: RawTable, f: (s: Span) => Span, cell?: (c: RawCell) => RawCell | undefined): RawTable {
  return {
    rows: t.rows.map((r) => ({ cells: r.cells.map((c) => cell?.(c) ?? { ...c, span: f(c.span) }), span: f(r.span) })),
    span: f(t.span),
    columnCount: t.columnCount,
    ...(t.caption ? { caption: { ...t.caption, span: f(t.caption.span) } } : {}),
  };
}

const HTML_BLOCK_OPEN: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(script|pre|style|textarea)>/i],
];

/**
 * Offsets (line starts) where a long segment can be cut without changing how any of its
 * blocks parse: the line before is blank, the line starts in column 0 with no pipe in it
 * (so it ends every list, quote, indented code, table and HTML block of kinds 6 and 7, and
 * is not a table row or header: a table's caption stays with it), and no fenced code or HTML
 * block of kinds 1–5 (which run past blank lines) is open. Cuts are at least `size` apart.
 */
function safeCuts(text: string, size: number): number[] {
  const cuts: number[] = [];
  let last = 0;
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  let prevBlank = false;
  // CommonMark line endings: \n, \r\n and a lone \r.
  const EOL = /\r\n?|\n/g;
  let at = 0;
  while (at < text.length) {
    EOL.lastIndex = at;
    const eol = EOL.exec(text);
    const nl = eol ? eol.index : text.length;
    const line = text.slice(at, nl);
    // Blank for CommonMark: spaces and tabs only (a line of full-width spaces is paragraph text).
    const blank = /^[ \t]*$/.test(line);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (prevBlank && !blank && at - last >= size && /^[^\s|\uFEFF]/.test(line) && !line.includes('|')) {
        cuts.push(at);
        last = at;
      }
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open) fence = open[1];
      else {
        for (const [start, end] of HTML_BLOCK_OPEN) {
          const m = start.exec(line);
          if (m && !end.test(line.slice(m[0].length))) { htmlEnd = end; break; }
        }
      }
    }
    prevBlank = blank;
    at = eol ? nl + eol[0].length : text.length;
  }
  return cuts;
}

function isCellSpace(c: number): boolean {
  return c !== 10 && c !== 13 && /\s/.test(String.fromCharCode(c));
}

/** The pipes around a cell's source, from its (trimmed) span; undefined unless both are there. */
function cellPipes(text: string, span: Span): { open: number; close: number } | undefined {
  let open = span.start - 1;
  while (open >= 0 && isCellSpace(text.charCodeAt(open))) open--;
  let close = span.end;
  while (close < text.length && isCellSpace(text.charCodeAt(close))) close++;
  if (text[open] !== '|' || text[close] !== '|' || text[open - 1] === '\\') return undefined;
  return { open, close };
}

const STRUCTURAL = /[|\\\r\n]/;
const MAX_CELL_EDIT = 64;

/**
 * The parse of `text`, derived from the parse of `prevText` when the two differ only inside
 * one table cell, between its two pipes, by a short text without pipe, backslash or line break.
 * Such an edit cannot move where a block, a row or another cell starts or ends: GFM splits a
 * row into cells at unescaped pipes before any inline parsing, and the line's start is kept.
 * So typing a figure into table 三 costs no parse at all. Undefined when that is not the case.
 */
export function patchSegment(prev: ParsedSegment, prevText: string, text: string): ParsedSegment | undefined {
  if (prev.length !== prevText.length || Math.abs(text.length - prevText.length) > MAX_CELL_EDIT) return undefined;
  const min = Math.min(prevText.length, text.length);
  let p = 0;
  while (p < min && prevText.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === prevText.length && p === text.length) return prev;
  let s = 0;
  while (s < min - p && prevText.charCodeAt(prevText.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const q = prevText.length - s;
  const delta = text.length - prevText.length;
  if (q - p > MAX_CELL_EDIT || STRUCTURAL.test(prevText.slice(p, q)) || STRUCTURAL.test(text.slice(p, q + delta))) return undefined;
  if (p > 0 && prevText[p - 1] === '\\') return undefined;
  for (const t of prev.tables) {
    if (!(t.span.start < p && t.span.end > q)) continue;
    for (const r of t.rows) {
      if (!(r.span.start < p && r.span.end > q)) continue;
      const edited = r.cells.find((c) => {
        const pipes = cellPipes(prevText, c.span);
        return pipes && pipes.open < p && q <= pipes.close;
      });
      if (!edited) return undefined;
      const pipes = cellPipes(prevText, edited.span)!;
      let ok = true;
      const f = (x: Span): Span => {
        if (x.start >= q) return { start: x.start + delta, end: x.end + delta };
        if (x.end >= q) { if (x.start > p) ok = false; return { start: x.start, end: x.end + delta }; }
        if (x.end > p) ok = false;
        return x;
      };
      const cell = (c: RawCell) => (c === edited ? readCell(text, pipes.open, pipes.close + delta) : undefined);
      const out: ParsedSegment = {
        blocks: prev.blocks.map((b) => ({ ...b, span: f(b.span) })),
        tables: prev.tables.map((x) => mapTableSpans(x, f, cell)),
        length: text.length,
      };
      return ok ? out : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** micromark drops a leading byte order mark without counting it in offsets: parse after it, then shift. */
function parseWhole(text: string): ParsedSegment {
  if (text.charCodeAt(0) !== 0xfeff) return parseTree(text);
  const inner = parseTree(text.slice(1));
  const by = (x: Span): Span => ({ start: x.start + 1, end: x.end + 1 });
  return { blocks: inner.blocks.map((b) => ({ ...b, span: by(b.span) })), tables: inner.tables.map((t) => mapTableSpans(t, by)), length: text.length };
}

function parseTree(text: string): ParsedSegment {
  const tree = processor.parse(text) as Root;
  const blocks: TextBlock[] = [];
  const tables: RawTable[] = [];
  const walk = (node: Nodes, parent?: Parent): void => {
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return;
    const span = { start: pos.start.offset, end: pos.end.offset };
    switch (node.type) {
      case 'heading': {
        const raw = text.slice(span.start, span.end);
        const m = /^[ \t]*#{1,6}[ \t]*/.exec(raw);
        const lead = m ? m[0].length : 0;
        const body = raw.slice(lead).replace(/[ \t]+#+[ \t]*$/, '').replace(/[ \t]+$/, '');
        // Setext headings keep their underline out of the text.
        const firstLine = body.split(/\r?\n/)[0];
        blocks.push({ kind: 'heading', depth: node.depth, text: m ? body : firstLine, span: { start: span.start + lead, end: span.start + lead + (m ? body.length : firstLine.length) } });
        return;
      }
      case 'paragraph':
        blocks.push({ kind: 'paragraph', text: text.slice(span.start, span.end), span });
        return;
      case 'html': {
        blocks.push({ kind: 'comment', text: node.value, span });
        return;
      }
      case 'table':
        tables.push(readTable(node, text, span, parent));
        return;
      case 'code':
        return;
      default:
        if ('children' in node) for (const child of node.children) walk(child as Nodes, node as Parent);
    }
  };
  walk(tree);
  // Captions: a paragraph that ends right before a table (only blank lines between).
  for (const t of tables) {
    const before = blocks.filter((b) => b.kind === 'paragraph' && b.span.end <= t.span.start);
    const last = before[before.length - 1];
    if (last && /^\s*$/.test(text.slice(last.span.end, t.span.start))) t.caption = last;
  }
  return { blocks, tables, length: text.length };
}

function readTable(node: Table, text: string, span: Span, _parent?: Parent): RawTable {
  const rows: RawRow[] = [];
  for (const row of node.children) {
    const rp = row.position;
    if (!rp || rp.start.offset === undefined || rp.end.offset === undefined) continue;
    const cells: RawCell[] = [];
    for (const cell of row.children) {
      const cp = cell.position;
      if (!cp || cp.start.offset === undefined || cp.end.offset === undefined) continue;
      cells.push(readCell(text, cp.start.offset, cp.end.offset));
    }
    rows.push({ cells, span: { start: rp.start.offset, end: rp.end.offset } });
  }
  return { rows, span, columnCount: node.align?.length ?? rows[0]?.cells.length ?? 0 };
}

/** A cell's source runs from its leading pipe (if any) to before the next one. */
function readCell(text: string, start: number, end: number): RawCell {
  let s = start;
  let e = end;
  if (text[s] === '|') s++;
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
  return { raw: trimmed, text: inlinePlain(trimmed.replace(/\\\|/g, '|')).trim(), span: { start: rs, end: rs + trimmed.length } };
}
