/**
 * Only the report is imported (issue 15.4): from a web page, or a Word file that is a saved
 * web page, the article starts at the report's title and ends at its signature or the end of
 * its last section. Site headers, menus, breadcrumbs, share bars, print links, related links,
 * attachment and department lists and footers (core/furniture.ts) stay out; symbol-font bullets
 * (U+F0xx) never reach the draft; a title that lacks the agency takes it from the line above
 * or from the page's <title> / the Word file's metadata.
 *
 * What is cut is only ever furniture or the short lines around it: a paragraph of prose, a
 * section heading or a table of figures stops every cut, so no text of the report is lost.
 */
import { SYMBOL_FONT, furnitureKind, withoutSymbolFont } from '../furniture';
import { labelKey } from '../normalize';
import { looksLikeTitle } from './mapper';
import type { GridBlock, GridDocument } from './model';
import { trimAll } from './model';

/** A section heading of the report (一、总体情况 … 六、其他需要报告的事项). */
const SECTION_HEADING = /^[\s\u3000]*(?:[一二三四五六]|[1-6])[\s\u3000]*[、.．][\s\u3000]*\S/;
const OVERVIEW_HEADING = /^[\s\u3000]*(?:一|1)[\s\u3000]*[、.．][\s\u3000]*(?:政府信息公开)?(?:工作)?总体情况/;
/** The end of an agency's name. */
const AGENCY_END = /(?:人民政府|政府|办事处|街道|委员会|局|办公室|办公厅|中心|院|厅|委|署|部|处|所|站|队|馆|会|办|镇|乡)$/;
/** A title's year: what comes before it is the agency. */
const TITLE_YEAR = /(?:19|20)\d{2}\s*年/;

function text(b: GridBlock): string {
  return b.kind === 'paragraph' ? b.text : '';
}

/**
 * A short line that is not prose: a name, a link, a menu item, another report's title (what
 * lists of links are made of), or a table of such lines. Section headings are not.
 */
function shortLine(b: GridBlock): boolean {
  if (b.kind === 'table') return b.rows.every((r) => r.every((c) => c.text.length <= 40 && !/^\d+(?:\.\d+)?$/.test(c.text)));
  const t = b.text;
  return (t.length <= 40 || (looksLikeTitle(t) && t.length <= 80)) && !/[。；;]/.test(t) && !SECTION_HEADING.test(t);
}

function isFurniture(b: GridBlock): boolean {
  return b.kind === 'paragraph' && furnitureKind(b.text) !== undefined;
}

/** Symbol-font characters out of every text; paragraphs left empty are dropped. */
function withoutSymbols(blocks: GridBlock[]): GridBlock[] {
  const out: GridBlock[] = [];
  for (const b of blocks) {
    if (b.kind === 'table') {
      const rows = b.rows.map((r) =>
        r.map((c) =>
          SYMBOL_FONT.test(c.text) || (c.from && SYMBOL_FONT.test(c.from))
            ? { ...c, text: clean(c.text), ...(c.from ? { from: clean(c.from) } : {}) }
            : c,
        ),
      );
      out.push({ ...b, rows });
      continue;
    }
    if (!SYMBOL_FONT.test(b.text)) {
      out.push(b);
      continue;
    }
    const t = clean(b.text);
    if (t) out.push({ ...b, text: t });
  }
  return out;
}

function clean(t: string): string {
  return trimAll(withoutSymbolFont(t));
}

/**
 * Where the article starts: the last title line before the first section (a sidebar listing
 * other years' reports comes before it on some sites; a title repeated inside the article is
 * the same text and is dropped by the mapper), -1 when there is no title.
 */
function titleIndex(blocks: GridBlock[]): number {
  // The first section: its heading, or a table of figures (table 二 under a heading the page lost).
  const figures = (b: GridBlock) => b.kind === 'table' && b.rows.some((r) => r.some((c) => /^\d+(?:\.\d+)?$/.test(c.text)));
  const firstSection = blocks.findIndex((b) => figures(b) || OVERVIEW_HEADING.test(text(b)));
  const end = firstSection === -1 ? blocks.length : firstSection;
  const titles: number[] = [];
  for (let i = 0; i < end; i++) if (blocks[i].kind === 'paragraph' && looksLikeTitle(text(blocks[i]))) titles.push(i);
  if (!titles.length) return -1;
  // The first of the last run of equal titles (the heading above the article, then its copy inside).
  const last = titles[titles.length - 1];
  const key = (i: number) => text(blocks[i]).replace(/\s/g, '');
  let k = titles.length - 1;
  while (k > 0 && key(titles[k - 1]) === key(last)) k--;
  return titles[k];
}

function agencyOf(title: string): string {
  const m = TITLE_YEAR.exec(title);
  return m ? trimAll(title.slice(0, m.index)) : '';
}

/** The agency for a title that lacks one: the short agency line just above it, or a part of the page's title. */
function agencyFor(
  blocks: GridBlock[],
  at: number,
  title: string,
  metaTitle: string | undefined,
): { agency: string; fromLineAbove: boolean } | undefined {
  const above = at > 0 ? blocks[at - 1] : undefined;
  if (above?.kind === 'paragraph') {
    const a = trimAll(above.text);
    if (a.length <= 30 && !/[，。；：,;:！!]/.test(a) && AGENCY_END.test(a) && !isFurniture(above))
      return { agency: a, fromLineAbove: true };
  }
  if (!metaTitle) return undefined;
  const parts = metaTitle
    .split(/\s*[-_|｜–—·]+\s*|\s{2,}/)
    .map(trimAll)
    .filter(Boolean);
  const tail = labelKey(title.slice(TITLE_YEAR.exec(title)?.index ?? 0));
  // 某某镇人民政府2023年政府信息公开工作年度报告-某某县人民政府: the part that is this title with its agency.
  for (const p of parts) {
    const agency = agencyOf(p);
    if (agency && looksLikeTitle(p) && labelKey(p).endsWith(tail)) return { agency, fromLineAbove: false };
  }
  // 2023年政府信息公开工作年度报告_某某县人民政府: the part that names an agency.
  const named = parts.find((p) => p.length <= 30 && AGENCY_END.test(p) && !looksLikeTitle(p));
  return named ? { agency: named, fromLineAbove: false } : undefined;
}

/**
 * Where the article ends: the first furniture line after the last section heading (or the
 * title) from which on nothing but furniture and short lines follow — a footer, a department
 * list, related links — or the end. Prose, a section heading or a table of figures after it
 * means the line is not the end (it is dropped alone).
 */
function endIndex(blocks: GridBlock[], from: number): number {
  let cut = blocks.length;
  for (let i = blocks.length - 1; i >= from; i--) {
    const b = blocks[i];
    if (isFurniture(b)) cut = i;
    else if (!shortLine(b)) break;
  }
  return cut;
}

/**
 * The report's blocks out of a page's: symbol-font bullets removed, the head before the title
 * cut (always for web pages; for Word files only when furniture shows it is a saved page,
 * since a Word report's 公文 header belongs to it), the tail of furniture cut, remaining
 * furniture lines dropped, the title completed with its agency.
 */
export function extractArticle(doc: GridDocument, opts: { trimHead: 'always' | 'if-furniture' }): GridDocument {
  let blocks = withoutSymbols(doc.blocks);
  let start = titleIndex(blocks);
  if (start > 0 && opts.trimHead === 'if-furniture' && !blocks.slice(0, start).some(isFurniture)) start = 0;
  let titleAt = start;
  if (start > 0) {
    const title = text(blocks[start]);
    if (!agencyOf(title)) {
      const found = agencyFor(blocks, start, title, doc.metaTitle);
      if (found) {
        blocks = blocks.slice();
        blocks[start] = { ...blocks[start], text: `${found.agency}${trimAll(title)}` } as GridBlock;
        if (found.fromLineAbove) blocks.splice(start - 1, 1);
        if (found.fromLineAbove) start--;
      }
    }
    blocks = blocks.slice(start);
    titleAt = 0;
  } else if (start === 0) {
    const title = text(blocks[0]);
    const found = !agencyOf(title) ? agencyFor(blocks, 0, title, doc.metaTitle) : undefined;
    if (found) blocks = [{ ...blocks[0], text: `${found.agency}${trimAll(title)}` } as GridBlock, ...blocks.slice(1)];
  }
  let lastSection = Math.max(titleAt, 0);
  for (let i = blocks.length - 1; i > lastSection; i--)
    if (SECTION_HEADING.test(text(blocks[i])) && text(blocks[i]).length <= 40) {
      lastSection = i;
      break;
    }
  const end = endIndex(blocks, lastSection + 1);
  return { ...doc, blocks: blocks.slice(0, end).filter((b) => !isFurniture(b)) };
}
