/**
 * Pages to the grid model: tables from ruling lines, the other text as lines and then
 * paragraphs (by indent, short last lines, spacing and size), page furniture dropped, tables
 * cut by a page break joined. Pure: pages in, document and notes out.
 */
import { looksLikeTitle } from '../../core/grid/mapper';
import type { GridBlock, GridDocument } from '../../core/grid/model';
import { CHROME_TEXT, dropFurniture } from './furniture';
import { type Glyph, type Line, glyphsOf, linesOf } from './glyphs';
import type { PdfNote, PdfPage } from './model';
import { type TableFragment, continues, findTables, gridOf, joinFragments } from './tables';
import { cleanRunText, joinLines } from './text';

type Item = { kind: 'line'; line: Line; page: number } | { kind: 'table'; table: TableFragment; page: number };

export interface Layout {
  doc: GridDocument;
  notes: PdfNote[];
  /** Pages with no text at all (a scan, a picture, or blank). */
  textless: number[];
}

const pagesText = (pages: number[]) => pages.join('、');

/** Lays out the pages of a PDF as the grid model. */
export function layoutPages(pages: PdfPage[]): Layout {
  const notes: PdfNote[] = [];
  const garbled: number[] = [];
  const textless: number[] = [];
  const perPage = pages.map((p) => {
    let dropped = 0;
    const glyphs: Glyph[] = [];
    for (const run of p.runs) {
      const clean = cleanRunText(run.text);
      dropped += clean.dropped;
      if (clean.text.trim()) glyphs.push(...glyphsOf({ ...run, text: clean.text }));
    }
    if (dropped >= 3 || (dropped && !glyphs.length)) garbled.push(p.number);
    if (!p.runs.some((r) => r.text.trim())) textless.push(p.number);
    const { tables, rest } = findTables(p.number, p.segments, glyphs);
    return { page: p, tables, lines: linesOf(rest) };
  });
  if (garbled.length)
    notes.push({
      text: `第${pagesText(garbled)}页`,
      message: {
        zh: '有些文字无法转换为可读的字符（字体缺少 ToUnicode 映射或使用私有编码），已略去，请对照原文件核对',
        en: 'some text could not be mapped to Unicode (a font without a ToUnicode map or with a private encoding); it was left out, check it against the original',
      },
    });
  const kept = dropFurniture(perPage.map((p) => ({ height: p.page.height, lines: p.lines })));
  // Items of each page top to bottom.
  const items: Item[][] = perPage.map((p, i) =>
    [
      ...kept[i].map((line): Item => ({ kind: 'line', line, page: p.page.number })),
      ...p.tables.map((table): Item => ({ kind: 'table', table, page: p.page.number })),
    ].sort((a, b) => top(a) - top(b)),
  );
  // Tables cut by a page break.
  const flat: Item[] = [];
  for (const pageItems of items) {
    const first = pageItems[0];
    const last = flat[flat.length - 1];
    if (first?.kind === 'table' && last?.kind === 'table' && last.page === first.page - 1 && continues(last.table, first.table)) {
      flat[flat.length - 1] = { ...last, table: joinFragments(last.table, first.table), page: first.page };
      flat.push(...pageItems.slice(1));
    } else flat.push(...pageItems);
  }
  const metrics = measure(flat, pages);
  const blocks: GridBlock[] = [];
  let para: { text: string; size: number; last: Line; page: number; lines: number; font?: string } | undefined;
  const flush = () => {
    if (para && para.text.trim()) {
      // Larger than the body: the title's level. One short line in a heavier face than the body's
      // (黑体 for the parts' headings): a heading below it.
      const heavier =
        para.lines === 1 &&
        para.text.length <= 40 &&
        para.font !== metrics.font &&
        HEAVY.test(para.font ?? '') &&
        !HEAVY.test(metrics.font ?? '');
      const level = para.size >= metrics.body * 1.25 ? 1 : heavier ? 2 : undefined;
      blocks.push(level ? { kind: 'paragraph', text: para.text, headingLevel: level } : { kind: 'paragraph', text: para.text });
    }
    para = undefined;
  };
  for (const item of flat) {
    if (item.kind === 'table') {
      flush();
      blocks.push(gridOf(item.table));
      item.table.regions.forEach((r) => {
        if (r.ambiguous && r.text)
          notes.push({
            text: `第${item.table.page}页表格中的“${r.text}”`,
            message: {
              zh: '单元格的内容有歧义（两个数字或重叠的字符），未作猜测，已原样保留，请对照原文件核对',
              en: 'a cell whose content is ambiguous (two figures or overlapping characters) was kept as written, not guessed; check it against the original',
            },
          });
      });
      continue;
    }
    const line = item.line;
    if (para && !breaksBefore(para.last, para.page, line, item.page, metrics)) {
      para.text = joinLines(para.text, line.text);
      para.size = Math.max(para.size, line.size);
      para.last = line;
      para.page = item.page;
      para.lines++;
      continue;
    }
    flush();
    para = { text: line.text, size: line.size, last: line, page: item.page, lines: 1, font: line.font };
  }
  flush();
  return { doc: { blocks: trimToArticle(blocks.filter((b) => b.kind === 'table' || !CHROME_TEXT.test(b.text))) }, notes, textless };
}

const top = (i: Item) => (i.kind === 'line' ? i.line.y - i.line.size : i.table.top);

/** Faces heavier than a body text's (黑体, bold, a sans set among serif text). */
const HEAVY = /hei|黑|bold|black|heavy|sans/i;

interface Metrics {
  /** The body text's font size: the size most characters have. */
  body: number;
  /** The body text's font: the one most characters are in. */
  font?: string;
  /** Usual distance between two lines of body text. */
  pitch: number;
  left: Map<number, number>;
  right: Map<number, number>;
}

function measure(items: Item[], pages: PdfPage[]): Metrics {
  const sizes = new Map<number, number>();
  for (const i of items)
    if (i.kind === 'line')
      sizes.set(Math.round(i.line.size * 2) / 2, (sizes.get(Math.round(i.line.size * 2) / 2) ?? 0) + i.line.text.length);
  const body = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
  const fonts = new Map<string | undefined, number>();
  for (const i of items) if (i.kind === 'line') fonts.set(i.line.font, (fonts.get(i.line.font) ?? 0) + i.line.text.length);
  const font = [...fonts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const pitches: number[] = [];
  const left = new Map<number, number>();
  const right = new Map<number, number>();
  let prev: Item | undefined;
  for (const i of items) {
    if (i.kind !== 'line') {
      prev = undefined;
      continue;
    }
    const l = i.line;
    if (Math.abs(l.size - body) <= body * 0.1) {
      left.set(i.page, Math.min(left.get(i.page) ?? Infinity, l.x0));
      right.set(i.page, Math.max(right.get(i.page) ?? -Infinity, l.x1));
      if (prev?.kind === 'line' && prev.page === i.page && Math.abs(prev.line.size - body) <= body * 0.1) pitches.push(l.y - prev.line.y);
    }
    prev = i;
  }
  pitches.sort((a, b) => a - b);
  // The text block's right edge, where full lines end: a page of short lines (a signature, a
  // list of contacts) has no full line of its own and takes the usual one of the other pages.
  const maxima = [...right.values()].sort((a, b) => a - b);
  const usual = maxima[Math.floor(maxima.length / 2)];
  // The left edge likewise: a page holding only a signature set right starts where the others do.
  const minima = [...left.values()].sort((a, b) => a - b);
  const usualLeft = minima[Math.floor((minima.length - 1) / 2)];
  for (const p of pages) {
    const ownLeft = left.get(p.number);
    if (usualLeft !== undefined && (ownLeft === undefined || ownLeft > usualLeft + 2 * body)) left.set(p.number, usualLeft);
    else if (ownLeft === undefined) left.set(p.number, 0);
    const own = right.get(p.number);
    if (usual !== undefined && (own === undefined || own < usual - 2 * body)) right.set(p.number, usual);
    else if (own === undefined) right.set(p.number, p.width);
  }
  return { body, font, pitch: pitches[Math.floor(pitches.length / 2)] ?? body * 1.5, left, right };
}

const HEADING_START = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、](?!\d))/;

/** Whether `b` starts a new paragraph after line `a`. */
function breaksBefore(a: Line, pageA: number, b: Line, pageB: number, m: Metrics): boolean {
  const leftB = m.left.get(pageB) ?? 0;
  const rightA = m.right.get(pageA) ?? Infinity;
  const heading = (l: Line) => l.size >= m.body * 1.2;
  // Full: it reaches the right edge, or the next line's first word would not have fitted after it.
  const full = a.x1 >= rightA - 1.5 * a.size || rightA - a.x1 < firstWordWidth(b) + 0.5 * a.size;
  const indented = b.x0 > leftB + 0.8 * b.size;
  if (heading(a) !== heading(b) || Math.abs(a.size - b.size) > Math.max(a.size, b.size) * 0.15) return true;
  // A title set large wraps onto a centred second line.
  if (heading(a) && heading(b)) return pageA !== pageB || b.y - a.y > 2 * b.size;
  // A line set right or centred (a signature, a date) is a paragraph of its own.
  if (a.x0 > (m.left.get(pageA) ?? 0) + 4 * a.size) return true;
  if (pageA !== pageB) return !full || indented;
  if (b.y - a.y > m.pitch * 1.45) return true;
  if (!full) return true;
  if (HEADING_START.test(b.text) && /[。；;：:]$/.test(a.text)) return true;
  // A first-line indent (about two characters); a centred or right-set line after a full one goes on.
  return indented && b.x0 < leftB + 4 * b.size;
}

/** Width of the line's first unbreakable piece: a Latin word (an address, a number) or one character. */
function firstWordWidth(l: Line): number {
  const [first, ...rest] = l.glyphs;
  if (!first) return 0;
  let end = first.x + first.w;
  if (!/[A-Za-z0-9(（:/._@-]/.test(first.ch)) return end - first.x;
  for (const g of rest) {
    if (!/[A-Za-z0-9():/._@%&=?#-]/.test(g.ch) || g.x - end > g.size * 0.15) break;
    end = g.x + g.w;
  }
  return end - first.x;
}

const OVERVIEW_HEADING = /^[\s\u3000]*(?:一|1)[\s\u3000]*[、.．][\s\u3000]*(?:政府信息公开)?(?:工作)?总体情况/;

/**
 * A printed web page: from the article's title on (the last title line before the first
 * section heading; a menu listing other years' reports comes before it), as the HTML reader does.
 */
function trimToArticle(blocks: GridBlock[]): GridBlock[] {
  const firstSection = blocks.findIndex((b) => b.kind === 'table' || OVERVIEW_HEADING.test(b.text));
  const end = firstSection === -1 ? blocks.length : firstSection;
  let title = -1;
  for (let i = 0; i < end; i++) {
    const b = blocks[i];
    if (b.kind === 'paragraph' && looksLikeTitle(b.text)) title = i;
  }
  if (title <= 0) return blocks;
  const key = (i: number) => (blocks[i] as { text: string }).text.replace(/\s/g, '');
  let k = title;
  while (k > 0 && blocks[k - 1].kind === 'paragraph' && key(k - 1) === key(title)) k--;
  return blocks.slice(k);
}

export { pagesText };
