/**
 * Parses one segment (a section, or the part before the first section) and keeps only a
 * compact block list with source spans relative to the segment: headings, prose paragraphs,
 * tables as grids of cells, HTML comments. A plain segment (headings, paragraphs, pipe tables)
 * is read line by line (markdown-plain.ts); any other goes through unified + remark-parse +
 * remark-gfm, whose syntax tree is dropped at once.
 */
import type { Processor } from 'unified';
import type { Nodes, Root, Table } from 'mdast';
import type { Span } from './lines';
import { FenceScanner } from './text/fences';
import { DELIMITER_ROW, MAX_BLOCK_TEXT, headingBlock, isCellSpace, parsePlain, readCell } from './markdown-plain';

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

export { MAX_BLOCK_TEXT };

export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'comment';
  depth?: number;
  /** Source text (for headings: without the # marks); at most MAX_BLOCK_TEXT characters. */
  text: string;
  span: Span;
}

export interface ParsedSegment {
  blocks: TextBlock[];
  tables: RawTable[];
  length: number;
  /** Set when the work budget ran out: this part of the segment was not parsed (its blocks are missing). */
  incomplete?: Span;
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

/**
 * The core keeps no inline node: paragraph and heading texts and cells are sliced from the
 * source by range, and GFM splits table rows into cells (escaped pipes included) before any
 * inline parsing. So the inline constructs are switched off: they never move where a block, a
 * row or a cell starts or ends, and some cost superlinear time on hostile text (a run of 50 000
 * `[` then `]` took over a minute in label matching). Definitions and footnote definitions are
 * block constructs and stay.
 */
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
  'strikethrough',
  'gfmFootnoteCall',
  'gfmPotentialFootnoteCall',
  'tasklistCheck',
];

function withoutInlineConstructs(this: Processor): void {
  const data = this.data() as unknown as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: INLINE_CONSTRUCTS } });
}

let processor: Processor | undefined;

/**
 * The remark processor, made on first use: a plain draft (markdown-plain.ts) never needs it,
 * and loading unified, micromark and their extensions is a good part of a one-file check's start.
 */
function remark(): Processor {
  if (processor) return processor;
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy require is the point */
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
  /* eslint-enable @typescript-eslint/no-require-imports */
  processor = unified().use(remarkParse).use(remarkGfm).use(withoutAutolinkLiterals).use(withoutInlineConstructs) as unknown as Processor;
  return processor;
}

/**
 * Segments longer than this are parsed in pieces cut at blank lines where no block can go on
 * (see planPieces): the syntax tree of a whole huge section at once costs far more memory.
 */
const CHUNK_SIZE = 8 * 1024;

/**
 * Bounds that keep every single micromark run small whatever the text, because some of its
 * paths are superlinear (container nesting re-opened line after line, one table with many
 * rows). Past them a piece is cut even where a block goes on; only hostile text gets there.
 */
export const LIMITS = {
  /** A piece longer than this is cut at the next line start. */
  pieceChars: 32 * 1024,
  /** Container markers (`>`, list markers) in one piece. */
  pieceContainerMarks: 256,
  /** A table row up to this long is parsed whole (its cells are kept); a longer line is cut. */
  rowChars: 1024 * 1024,
  /** Blank lines in a row from which the run is skipped (the next line starts a new piece). */
  blankRun: 64,
  /** Rows of one table in one piece; the next piece re-parses the table's header with its rows. */
  tableRows: 512,
  /** Container markers kept on one line; deeper ones are neutralised (the stack of nested nodes stays shallow). */
  lineDepth: 8,
  /** A container marker indented further than this is neutralised (nesting by indentation). */
  lineIndent: 40,
};

/**
 * Parsing work, counted rather than timed: what one analysis really parsed (cache hits are
 * free). Budgets and tests read it, so that neither depends on the machine's speed.
 */
export interface ParseWork {
  /** Micromark runs (pieces or whole segments parsed, not taken from a cache). */
  pieces: number;
  /** Characters of those runs (a table piece's copied header included). */
  chars: number;
  /** Work units of those runs (workUnits): what a budget is counted in. */
  units: number;
  /** The longest single run in characters: the LIMITS keep it small whatever the text. */
  largestPiece: number;
  /** The costliest single run in units: a budget is overrun by less than this. */
  largestUnits: number;
}

export function noWork(): ParseWork {
  return { pieces: 0, chars: 0, units: 0, largestPiece: 0, largestUnits: 0 };
}

/**
 * A pipe (a table cell) costs micromark and remark-gfm about as much as this many characters
 * of prose (measured: 20 000 table rows cost 3–4 times their characters' worth of prose).
 */
export const PIPE_WEIGHT = 20;

/** The work units of parsing `source`: its characters, plus PIPE_WEIGHT per pipe. */
export function workUnits(source: string): number {
  let pipes = 0;
  for (let i = source.indexOf('|'); i >= 0; i = source.indexOf('|', i + 1)) pipes++;
  return source.length + PIPE_WEIGHT * pipes;
}

function count(work: ParseWork | undefined, source: string): void {
  if (!work) return;
  const units = workUnits(source);
  work.pieces++;
  work.chars += source.length;
  work.units += units;
  if (source.length > work.largestPiece) work.largestPiece = source.length;
  if (units > work.largestUnits) work.largestUnits = units;
}

export interface ParseOptions {
  chunkSize?: number;
  /**
   * Work units (ParseWork.units, counted in `work`) past which no further piece is parsed: the
   * rest is reported as incomplete. Pieces found in `pieces` cost nothing. Undefined: no budget.
   */
  budget?: number;
  /** Parsed pieces of the document's previous versions. */
  pieces?: PieceCache;
  /** Counts the pieces parsed (not those found in `pieces`). */
  work?: ParseWork;
}

export function parseSegment(text: string, chunkSizeOrOptions: number | ParseOptions = CHUNK_SIZE): ParsedSegment {
  const o = typeof chunkSizeOrOptions === 'number' ? { chunkSize: chunkSizeOrOptions } : chunkSizeOrOptions;
  const out: ParsedSegment = { blocks: [], tables: [], length: text.length };
  // Planned lazily: a budget that runs out also ends the scan of a huge segment. A segment up
  // to the chunk size (an ordinary section) is one piece: its worst parse is small, and the copy
  // it is parsed from is still sanitised.
  const size = o.chunkSize ?? CHUNK_SIZE;
  const work = o.work ?? (o.budget !== undefined ? noWork() : undefined);
  for (const piece of text.length <= size ? ([{ start: 0, end: text.length }] as Piece[]) : planPieces(text, size)) {
    if (piece.skip) continue;
    const prefix = piece.tablePrefix ?? '';
    const source = prefix + text.slice(piece.start, piece.end);
    const whole = piece.start === 0 && piece.end === text.length;
    const cached = whole ? undefined : o.pieces?.get(source);
    if (!cached && o.budget !== undefined && work!.units >= o.budget) {
      out.incomplete = { start: piece.start, end: text.length };
      break;
    }
    const part = cached ? reuse(o.pieces!, source, cached) : whole ? parseWhole(source, work) : parsePiece(source, o.pieces, work);
    const shift = piece.start - prefix.length;
    const by = (x: Span): Span => ({ start: x.start + shift, end: x.end + shift });
    let { tables, blocks } = part;
    if (piece.midLine) ({ blocks, tables } = joinCutLine(out, text, piece.start, part));
    for (const b of blocks) out.blocks.push({ ...b, span: by(b.span) });
    const last = out.tables[out.tables.length - 1];
    if (prefix && tables[0]?.span.start === 0 && last) {
      // The rows of the table cut at this piece's start: they continue the previous piece's last table.
      const cont = mapTableSpans(tables[0], by);
      last.rows.push(...cont.rows.slice(1));
      last.span = { start: last.span.start, end: cont.span.end };
      tables = tables.slice(1);
    }
    for (const t of tables) out.tables.push(mapTableSpans(t, by));
  }
  attachCaptions(out, text);
  return out;
}

/**
 * The rest of a line cut for its length: it extends the block or table row it belongs to (the
 * last of `out`, ending at `start`). Returns the piece's blocks and tables without it.
 */
function joinCutLine(out: ParsedSegment, text: string, start: number, part: ParsedSegment): Pick<ParsedSegment, 'blocks' | 'tables'> {
  const { blocks, tables } = part;
  const block = out.blocks[out.blocks.length - 1];
  const table = out.tables[out.tables.length - 1];
  const headBlock = blocks[0]?.span.start === 0 ? blocks[0] : undefined;
  const headTable = tables[0]?.span.start === 0 ? tables[0] : undefined;
  const cont = headBlock ?? headTable;
  if (!cont) return part;
  const end = start + cont.span.end;
  if (block && block.span.end === start && block.kind !== 'comment') {
    if (block.text.length === block.span.end - block.span.start && block.text.length < MAX_BLOCK_TEXT)
      block.text += text.slice(block.span.end, Math.min(end, block.span.end + MAX_BLOCK_TEXT - block.text.length));
    block.span = { start: block.span.start, end };
  } else if (table && table.span.end === start) {
    const row = table.rows[table.rows.length - 1];
    table.span = { start: table.span.start, end };
    if (row) row.span = { start: row.span.start, end };
  } else return part;
  return headBlock ? { blocks: blocks.slice(1), tables } : { blocks, tables: tables.slice(1) };
}

interface Piece {
  start: number;
  end: number;
  skip?: boolean;
  /** Header and delimiter rows of the table whose rows this piece goes on with. */
  tablePrefix?: string;
  /** The piece starts inside a line cut for its length. */
  midLine?: boolean;
}

/**
 * Parses of the pieces of a document's long segments, by their text (ParseOptions.pieces, kept
 * by the model per document). An edit inside a long section changes one piece: the pieces before
 * it are the same texts, and so are those after it once the cuts realign, so only the edited
 * piece is parsed again.
 */
export type PieceCache = Map<string, ParsedSegment>;

/** A cached piece, moved to the end: most recently used last (the model drops pieces from the front). */
function reuse(cache: PieceCache, source: string, hit: ParsedSegment): ParsedSegment {
  cache.delete(source);
  cache.set(source, hit);
  return hit;
}

function parsePiece(source: string, cache: PieceCache | undefined, work: ParseWork | undefined): ParsedSegment {
  const hit = cache?.get(source);
  if (hit) return reuse(cache!, source, hit);
  const parsed = parseWhole(source, work);
  cache?.set(source, parsed);
  return parsed;
}

const HTML_BLOCK_OPEN: [RegExp, RegExp][] = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(script|pre|style|textarea)>/i],
];

/**
 * Where a segment is cut into pieces parsed one by one. Safe cuts (line starts where no block
 * can go on, at least `size` apart): the line before is blank, the line starts in column 0
 * (so it ends every list, quote, indented code, table and HTML block of kinds 6 and 7), and no
 * fenced code or HTML block of kinds 1–5 (which run past blank lines) is open. Inside a long
 * top-level table whose rows all start with a pipe, a cut every LIMITS.tableRows rows (the next
 * piece is parsed after a copy of the header and delimiter rows). Past LIMITS, a forced cut at
 * the next line start (the rest of an open fence is then skipped: code yields no block).
 * Pieces of blank lines only are skipped: they yield no block.
 */
// eslint-disable-next-line complexity -- one line scanner whose state (fence, HTML block, table, blank run, piece) moves together; split, it would be read across functions
function* planPieces(text: string, size: number): Generator<Piece> {
  const pieces: Piece[] = [];
  let last = 0;
  let marks = 0;
  let skipping = false;
  let tablePrefix: string | undefined;
  let midLine = false;
  const cut = (at: number, next: { skip?: boolean; tablePrefix?: string; midLine?: boolean } = {}) => {
    if (at > last) pieces.push({ start: last, end: at, skip: skipping || /^[ \t\r\n]*$/.test(text.slice(last, at)), tablePrefix, midLine });
    last = at;
    marks = 0;
    skipping = next.skip ?? false;
    tablePrefix = next.tablePrefix;
    midLine = next.midLine ?? false;
  };
  const fences = new FenceScanner();
  let htmlEnd: RegExp | undefined;
  let prevBlank = true;
  let runLines = 0;
  let prev: { at: number; line: string; blankBefore: boolean } | undefined;
  // A top-level table whose rows all start with a pipe: its header and delimiter rows, rows since the last cut.
  let table: { prefix: string; rows: number } | undefined;
  const EOL = /\r\n?|\n/g;
  let at = 0;
  while (at < text.length) {
    EOL.lastIndex = at;
    const eol = EOL.exec(text);
    const nl = eol ? eol.index : text.length;
    const next = eol ? nl + eol[0].length : text.length;
    const line = text.slice(at, nl);
    // Blank for CommonMark: spaces and tabs only (a line of full-width spaces is paragraph text).
    const blank = /^[ \t]*$/.test(line);
    if (blank && eol && !fences.open && !htmlEnd) {
      // A run of blank lines is taken at once; a long one is cut out and skipped (it yields no
      // block, and a parse of a million of them took seconds): the line after it starts a piece.
      const { end, lines } = blankRun(text, at);
      runLines = prevBlank ? runLines + lines : lines;
      if (runLines >= LIMITS.blankRun || at - last >= LIMITS.pieceChars) cut(at);
      table = undefined;
      prev = { at, line: '', blankBefore: true };
      prevBlank = true;
      at = end;
      if (pieces.length) yield* pieces.splice(0);
      continue;
    }
    if (prevBlank && runLines >= LIMITS.blankRun && at > last) cut(at);
    runLines = 0;
    const longRow = table && line.startsWith('|') && nl - at <= LIMITS.rowChars;
    if (nl - at > LIMITS.pieceChars && !skipping && !longRow) {
      // One line longer than a piece (a paragraph of megabytes): cut inside it, and the pieces
      // that go on mid-line extend the block the line belongs to (see parseSegment).
      if (fences.open) cut(at, { skip: true });
      else {
        if (at > last) cut(at);
        for (let c = at + LIMITS.pieceChars; c < nl - 1; c += LIMITS.pieceChars) {
          const k = (text.charCodeAt(c) & 0xfc00) === 0xdc00 ? c + 1 : c;
          cut(k, { midLine: true });
        }
        table = undefined;
      }
    }
    if (fences.open) {
      const wasSkipping = skipping;
      fences.line(line);
      if (!fences.open && wasSkipping) cut(next);
      else if (at - last >= LIMITS.pieceChars && !skipping) cut(at, { skip: true });
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
      else if (at - last >= LIMITS.pieceChars) cut(at);
    } else {
      const column0 = /^[^\s\uFEFF]/.test(line);
      if (table && line.startsWith('|')) {
        if (++table.rows > LIMITS.tableRows) {
          cut(at, { tablePrefix: table.prefix });
          table.rows = 1;
        }
      } else {
        table = undefined;
        if (prevBlank && !blank && column0 && at - last >= size) cut(at);
        else if (at - last >= LIMITS.pieceChars || marks >= LIMITS.pieceContainerMarks) cut(at);
        // A table starts: its header row (after a blank line, in column 0) and its delimiter row.
        if (
          prev &&
          prev.blankBefore &&
          prev.line.startsWith('|') &&
          line.length < 20000 &&
          DELIMITER_ROW.test(line) &&
          line.includes('|') &&
          prev.at >= last
        ) {
          table = { prefix: `${prev.line}\n${line}\n`, rows: 0 };
        }
      }
      if (!table) {
        if (fences.line(line)) {
          // The fence line itself opened a block.
        } else if (line.includes('<')) {
          htmlEnd = htmlBlockEnd(line);
        }
        marks += containerMarks(line);
      }
    }
    prev = { at, line, blankBefore: prevBlank };
    prevBlank = blank;
    at = next;
    if (pieces.length) yield* pieces.splice(0);
  }
  cut(text.length);
  yield* pieces;
}

/**
 * The blank lines from `at` (a line start): where the run ends and how many lines it has.
 * A loop, not a regular expression: a repeated group overflows the regexp stack on millions of lines.
 */
function blankRun(text: string, at: number): { end: number; lines: number } {
  let end = at;
  let lines = 0;
  for (let i = at; i < text.length;) {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    if (c === 10) i++;
    else if (c === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
    else break;
    end = i;
    lines++;
  }
  return { end, lines };
}

/** The end of the HTML block of kind 1–5 a line opens and does not close, if it does. */
function htmlBlockEnd(line: string): RegExp | undefined {
  for (const [start, end] of HTML_BLOCK_OPEN) {
    const m = start.exec(line);
    if (m && !end.test(line.slice(m[0].length))) return end;
  }
  return undefined;
}

/** Container markers at the start of a line: `>` and list markers, with their offsets. */
function* markers(line: string): Generator<{ at: number; length: number }> {
  let i = 0;
  for (;;) {
    while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
    const c = line[i];
    let length = 0;
    if (c === '>') length = 1;
    else if ((c === '-' || c === '+' || c === '*') && /^[ \t]|^$/.test(line.slice(i + 1, i + 2))) length = 1;
    else {
      const m = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11));
      if (m) length = m[0].length;
    }
    if (!length) return;
    yield { at: i, length };
    i += length;
  }
}

function containerMarks(line: string): number {
  if (!/^[ \t]*(?:[>*+-]|\d)/.test(line)) return 0;
  let n = 0;
  for (const _ of markers(line)) if (++n > LIMITS.lineDepth) break;
  return n;
}

/**
 * The text micromark parses: the same length (every offset maps back one to one), with the
 * container markers beyond LIMITS.lineDepth on a line, or indented beyond LIMITS.lineIndent,
 * replaced by letters, so that they are paragraph text instead of one more nested container
 * (a line of 4300 `>` overflowed the stack); runs of brackets likewise. Only hostile text changes.
 */
function sanitise(text: string): string {
  // Two brackets in a row can be part of no definition label (the only bracket construct left
  // on), and each costs a failed construct attempt: a run of them becomes letters.
  if (/[[\]]{2}/.test(text)) text = text.replace(/[[\]]{2,}/g, (run) => 'x'.repeat(run.length));
  if (!/(?:^|[\r\n])[ \t]*(?:[>*+-]|\d)[^\r\n]*(?:[>*+-]|\d)/.test(text)) return text;
  let out: string[] | undefined;
  let from = 0;
  const EOL = /\r\n?|\n/g;
  let at = 0;
  while (at <= text.length) {
    EOL.lastIndex = at;
    const eol = EOL.exec(text);
    const nl = eol ? eol.index : text.length;
    const line = text.slice(at, nl);
    if (/^[ \t]*(?:[>*+-]|\d)/.test(line)) {
      let depth = 0;
      for (const m of markers(line)) {
        if (++depth > LIMITS.lineDepth || m.at > LIMITS.lineIndent) {
          (out ??= []).push(text.slice(from, at + m.at), 'x'.repeat(m.length));
          from = at + m.at + m.length;
          break;
        }
      }
    }
    if (!eol) break;
    at = nl + eol[0].length;
  }
  return out ? out.join('') + text.slice(from) : text;
}

/** Captions: a paragraph that ends right before a table (only blank lines between). */
function attachCaptions(seg: ParsedSegment, text: string): void {
  let b = 0;
  let lastPara: TextBlock | undefined;
  for (const t of seg.tables) {
    delete t.caption;
    while (b < seg.blocks.length && seg.blocks[b].span.end <= t.span.start) {
      if (seg.blocks[b].kind === 'paragraph') lastPara = seg.blocks[b];
      b++;
    }
    if (lastPara && /^\s*$/.test(text.slice(lastPara.span.end, t.span.start))) t.caption = lastPara;
  }
}

function mapTableSpans(t: RawTable, f: (s: Span) => Span, cell?: (c: RawCell) => RawCell | undefined): RawTable {
  return {
    rows: t.rows.map((r) => ({ cells: r.cells.map((c) => cell?.(c) ?? { ...c, span: f(c.span) }), span: f(r.span) })),
    span: f(t.span),
    columnCount: t.columnCount,
    ...(t.caption ? { caption: { ...t.caption, span: f(t.caption.span) } } : {}),
  };
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
        if (x.end >= q) {
          if (x.start > p) ok = false;
          return { start: x.start, end: x.end + delta };
        }
        if (x.end > p) ok = false;
        return x;
      };
      const cell = (c: RawCell) => (c === edited ? readCell(text, pipes.open, pipes.close + delta) : undefined);
      const out: ParsedSegment = {
        blocks: prev.blocks.map((b) => ({ ...b, span: f(b.span) })),
        tables: prev.tables.map((x) => mapTableSpans(x, f, cell)),
        length: text.length,
        ...(prev.incomplete ? { incomplete: f(prev.incomplete) } : {}),
      };
      return ok ? out : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** micromark drops a leading byte order mark without counting it in offsets: parse after it, then shift. */
function parseWhole(text: string, work?: ParseWork): ParsedSegment {
  count(work, text);
  if (text.charCodeAt(0) !== 0xfeff) return parseTree(text);
  const inner = parseTree(text.slice(1));
  const by = (x: Span): Span => ({ start: x.start + 1, end: x.end + 1 });
  return {
    blocks: inner.blocks.map((b) => ({ ...b, span: by(b.span) })),
    tables: inner.tables.map((t) => mapTableSpans(t, by)),
    length: text.length,
  };
}

function parseTree(text: string): ParsedSegment {
  return parsePlain(text) ?? parseWithRemark(text);
}

/** The parse through remark: every document the plain reader declines (and, in tests, any document). */
export function parseWithRemark(text: string): ParsedSegment {
  const tree = remark().parse(sanitise(text)) as Root;
  const blocks: TextBlock[] = [];
  const tables: RawTable[] = [];
  // Depth-first, in document order, with an explicit stack: the input decides how deep the tree is.
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const pos = node.position;
    if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) continue;
    const span = { start: pos.start.offset, end: pos.end.offset };
    switch (node.type) {
      case 'heading':
        blocks.push(headingBlock(text, span.start, span.end, node.depth));
        break;
      case 'paragraph':
        blocks.push({ kind: 'paragraph', text: text.slice(span.start, Math.min(span.end, span.start + MAX_BLOCK_TEXT)), span });
        break;
      case 'html':
        blocks.push({ kind: 'comment', text: node.value, span });
        break;
      case 'table':
        tables.push(readTable(node, text, span));
        break;
      case 'code':
        break;
      default:
        if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
  }
  return { blocks, tables, length: text.length };
}

function readTable(node: Table, text: string, span: Span): RawTable {
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
