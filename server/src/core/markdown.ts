/**
 * Parses one segment (a section, or the part before the first section) with
 * unified + remark-parse + remark-gfm and keeps only a compact block list with source
 * spans relative to the segment: headings, prose paragraphs, tables as grids of cells,
 * HTML comments. The syntax tree itself is dropped at once.
 */
import { unified } from 'unified';
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

const processor = unified().use(remarkParse).use(remarkGfm);

export function parseSegment(text: string): ParsedSegment {
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
