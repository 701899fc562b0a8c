/**
 * The one mapper from the grid model (any reader: pasted text, .docx, HTML) onto the template,
 * giving the canonical Markdown draft (markdown-layout.md §1).
 *
 * - Tables 二/三/四 are found by their content (labels), not by position, and mapped by
 *   table2.ts / table3.ts / table4.ts; rows and columns are named by the one label matcher
 *   (labels.ts), the one the checker's parser uses, so the draft's rows are the rows the
 *   checker sees.
 * - Value cells are the cells after a row's last label, in template column order; every
 *   figure and every blank is taken exactly as written. A row with too many cells keeps its
 *   figures out of the table (listed), a row with too few gets blanks at the end — never 0.
 * - Everything outside the tables stays as paragraphs; whatever could not be mapped stays as
 *   text and is listed in `unmapped`. Source text is escaped (text/escape.ts): it never
 *   becomes live Markdown or HTML in the draft.
 */
import { TABLE_LABEL_KEYS, labelParts } from '../labels';
import { foldWidth, labelKey } from '../normalize';
import type { Message } from '../rule';
import { REPORT_TITLE_PHRASE, SECTIONS, SectionNumber, TABLE3_NOTE, TableId, canonicalSectionHeading } from '../template';
import { escapeInline, escapeParagraph } from '../text/escape';
import { UnmappedItem, oneLine, rowText } from './cells';
import { GridBlock, GridDocument, GridTable, pushAll, stripConditionalComments, trimAll } from './model';
import { render2, render3, render4, renderGeneric } from './render';
import { OUTDATED_COLUMN_KEYS, OUTDATED_ROW_KEYS, blockOf, map2 } from './table2';
import { map3 } from './table3';
import { map4 } from './table4';
import { readPlainText } from './text';

export type { UnmappedItem } from './cells';

export interface MapResult {
  /** The canonical Markdown draft. */
  markdown: string;
  /** What could not be mapped onto the template (kept in the draft as text). */
  unmapped: UnmappedItem[];
  /** Template tables found. */
  tables: TableId[];
}

export interface MapOptions {
  eol?: string;
  /** Put the unmapped list as an HTML comment at the top of the draft (default true). */
  comment?: boolean;
}

const TABLE_NAME: Record<TableId, Message> = {
  table2: { zh: '表二', en: 'table 2' },
  table3: { zh: '表三', en: 'table 3' },
  table4: { zh: '表四', en: 'table 4' },
};

// ---------------------------------------------------------------------------
// Which table is it?

const T3_KEYS = new Set([...TABLE_LABEL_KEYS.table3].filter((k) => k.length >= 3));
const T4_KEYS = TABLE_LABEL_KEYS.table4;
const T2_KEYS = new Set([...TABLE_LABEL_KEYS.table2, ...OUTDATED_COLUMN_KEYS, ...OUTDATED_ROW_KEYS]);

function classifyTable(t: GridTable): TableId | undefined {
  let s2 = 0,
    s3 = 0,
    s4 = 0;
  for (const row of t.rows) {
    for (const c of row) {
      if (!c.text || c.covered) continue;
      const k = labelKey(c.text);
      if (blockOf(c.text) || T2_KEYS.has(k)) s2++;
      if (T4_KEYS.has(k)) s4++;
      else if (labelParts(c.text).some((p) => p.key.length >= 3 && T3_KEYS.has(p.key))) s3++;
    }
  }
  const best = Math.max(s2, s3, s4);
  if (best < 2) return undefined;
  return best === s3 ? 'table3' : best === s4 ? 'table4' : 'table2';
}

// ---------------------------------------------------------------------------
// Paragraphs: title, section headings, sub-headings

const SECTION_NUMBERING = /^[\s\u3000\u00a0]*(?:[一二三四五六七八九十]+|\d+)[\s\u3000]*[、.．:：][\s\u3000]*/;

function sectionOf(text: string, headingLevel?: number): SectionNumber | undefined {
  const t = trimAll(text);
  if (t.length > 40 || /[。；;]$/.test(t)) return undefined;
  const numbered = SECTION_NUMBERING.test(t);
  if (!numbered && !headingLevel) return undefined;
  // A sub-heading styled as a heading below the top level (（一）主动公开情况, outline level 2) is one of 一's topics, not section 二.
  if (!numbered && (headingLevel ?? 1) > 1 && isSubHeading(t)) return undefined;
  const rest = labelKey(t.replace(SECTION_NUMBERING, ''));
  if (!rest) return undefined;
  const s =
    SECTIONS.find((x) => x.aliases.some((a) => labelKey(a) === rest)) ??
    SECTIONS.find((x) => x.keywords.some((kw) => kw.every((k) => rest.includes(labelKey(k)))) && rest.length <= 30);
  return s?.number;
}

function sectionHeading(text: string, n: SectionNumber): string {
  const canonical = canonicalSectionHeading(n);
  const written = oneLine(text);
  return written.replace(/\s/g, '') === canonical ? canonical : written;
}

const SUB_HEADING = /^[（(][一二三四五六七八九十]+[）)]/;

function isSubHeading(text: string): boolean {
  const t = trimAll(text);
  return SUB_HEADING.test(foldWidth(t).replace(/^\(/, '(')) && t.length <= 30 && !/[。；;，,]/.test(t.slice(0, -1)) && !/[。；;]$/.test(t);
}

function titleText(text: string): string {
  // Spaces the extraction put around the year: 安乐镇人民政府 2023 年… → 安乐镇人民政府2023年…
  return oneLine(text).replace(/\s*(\d{4})\s*年\s*/, '$1年');
}

/** A report title: 政府信息公开工作年度报告, or a short form of it (政府信息公开年度报告). */
export function looksLikeTitle(text: string): boolean {
  const k = labelKey(text);
  return text.length <= 80 && (k.includes(REPORT_TITLE_PHRASE) || (/政府信息公开(?:工作)?(?:年度)?报告$/.test(k) && /年/.test(k)));
}

/** Text safe as a Markdown paragraph: no accidental heading, quote, list, table, HTML or inline syntax. */
function paragraphOut(text: string): string {
  return escapeParagraph(oneLine(text.replace(/\n/g, ' ')));
}

// ---------------------------------------------------------------------------

/**
 * The blocks a table of the document becomes: a template table renders at its first piece, with
 * the rows it could not map but kept as paragraphs below it (none at its other pieces); another
 * table is kept as written, and said so.
 */
function tableBlocks(
  b: GridTable,
  k: TableId | undefined,
  rendered: Partial<Record<TableId, string[]>>,
  done: Set<TableId>,
  unmapped: UnmappedItem[],
): (readonly string[])[] {
  if (k) {
    if (done.has(k)) return [];
    done.add(k);
    return [rendered[k]!, ...unmapped.filter((u) => u.table === k && u.kept).map((u) => [paragraphOut(u.text)])];
  }
  const generic = renderGeneric(b);
  if (!generic.length) return [];
  unmapped.push({
    text: rowText(b.rows[0] ?? []),
    message: {
      zh: '这张表格不是模板中的表二、表三或表四，已原样保留为普通表格',
      en: 'a table that is not table 2, 3 or 4 of the template; kept as written',
    },
  });
  return [generic];
}

/** Maps a read document onto the template and renders the canonical draft. */
export function mapDocument(doc: GridDocument, opts: MapOptions = {}): MapResult {
  const eol = opts.eol ?? '\n';
  const unmapped: UnmappedItem[] = [];
  const blocks = attachBlockLabels(doc.blocks);
  // Tables by template table; pieces of one table (table 二 written as four tables) render once, at the first.
  const kinds = blocks.map((b) => (b.kind === 'table' ? classifyTable(b) : undefined));
  const pieces: Record<TableId, GridTable[]> = { table2: [], table3: [], table4: [] };
  blocks.forEach((b, i) => {
    const k = kinds[i];
    if (b.kind === 'table' && k) pieces[k].push(b);
  });
  const rendered: Partial<Record<TableId, string[]>> = {};
  for (const t of ['table2', 'table3', 'table4'] as TableId[])
    if (pieces[t].length) rendered[t] = renderTemplateTable(t, pieces[t], unmapped, eol);
  const body: string[] = [];
  // Blocks as arrays, never spread into arguments: a table of 200 000 rows passes the stack's limit.
  const pushBlock = (lines: readonly string[]) => {
    if (body.length) body.push('');
    pushAll(body, lines);
  };
  const push = (line: string) => pushBlock([line]);
  let sawSection = false;
  let sawTitle = false;
  let titleKey = '';
  const done = new Set<TableId>();
  const noteKey = labelKey(TABLE3_NOTE);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'table') {
      for (const lines of tableBlocks(b, kinds[i], rendered, done, unmapped)) pushBlock(lines);
      continue;
    }
    // Any reader may carry Word's conditional comments as text (a CMS escaped them; LibreOffice keeps them).
    const text = trimAll(stripConditionalComments(b.text));
    if (!text) continue;
    if (rendered.table3 && labelKey(text) === noteKey) continue;
    const n = sectionOf(text, b.headingLevel);
    if (n) {
      sawSection = true;
      push(`## ${escapeInline(sectionHeading(text, n))}`);
      continue;
    }
    // The title repeated inside the article (a web page shows it above and in the text).
    if (!sawSection && titleKey && labelKey(titleText(text)) === titleKey) continue;
    if (!sawSection && !sawTitle && looksLikeTitle(text)) {
      sawTitle = true;
      // A title broken after the agency (七级镇人民政府 / 2023年…): join the short line before it.
      const prev = body.length ? body[body.length - 1] : undefined;
      let title = text;
      if (prev && /^\d{4}/.test(text) && prev.length <= 30 && !/[。，]/.test(prev)) {
        body.pop();
        if (body[body.length - 1] === '') body.pop();
        title = prev + text;
      }
      push(`# ${escapeInline(titleText(title))}`);
      titleKey = labelKey(titleText(title));
      continue;
    }
    if (sawSection && (isSubHeading(text) || (b.headingLevel && b.headingLevel >= 2 && text.length <= 40))) {
      push(`### ${escapeInline(oneLine(text))}`);
      continue;
    }
    push(paragraphOut(text));
  }
  const lines: string[] = [];
  if (opts.comment !== false && unmapped.length) pushAll(lines, [...unmappedComment(unmapped), '']);
  pushAll(lines, body);
  lines.push('');
  return { markdown: lines.join(eol), unmapped, tables: (['table2', 'table3', 'table4'] as TableId[]).filter((t) => rendered[t]) };
}

/** The canonical Markdown of one template table from its pieces (one or more grids). */
function renderTemplateTable(t: TableId, pieces: GridTable[], unmapped: UnmappedItem[], eol: string): string[] {
  if (t === 'table2') return render2(map2(pieces, unmapped), eol);
  if (t === 'table3') return render3(map3(pieces, unmapped));
  return render4(map4(pieces, unmapped));
}

/**
 * Pasted tab-separated text (a table copied from Word, Excel or a PDF) as the canonical
 * table of a section, by the same mapper as the importer: used by the table-missing fix.
 * The rows it cannot map follow the table as paragraphs. Undefined when no table is found.
 */
export function convertPastedTable(text: string, table: TableId, eol = '\n'): { lines: string[]; unmapped: UnmappedItem[] } | undefined {
  const grids = attachBlockLabels(readPlainText(text).blocks).filter((b): b is GridTable => b.kind === 'table');
  if (!grids.length) return undefined;
  const unmapped: UnmappedItem[] = [];
  const own = grids.filter((g) => classifyTable(g) === table);
  const lines = own.length
    ? renderTemplateTable(table, own, unmapped, eol)
    : grids.flatMap((g, i) => [...(i ? [''] : []), ...renderGeneric(g)]);
  for (const u of unmapped) if (u.kept) lines.push('', paragraphOut(u.text));
  return { lines, unmapped };
}

/** A 第二十条 block label written as a paragraph right before a table becomes that table's first row. */
function attachBlockLabels(blocks: GridBlock[]): GridBlock[] {
  const out: GridBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    if (b.kind === 'paragraph' && blockOf(trimAll(b.text)) && trimAll(b.text).length <= 30 && next?.kind === 'table') {
      const width = next.rows[0]?.length ?? 1;
      blocks[i + 1] = {
        ...next,
        rows: [[{ text: trimAll(b.text) }, ...Array.from({ length: width - 1 }, () => ({ text: '' }))], ...next.rows],
      };
      continue;
    }
    out.push(b);
  }
  return out;
}

/** The start of the comment an import puts at the top of a draft (a next-year draft leaves it behind). */
export const IMPORT_NOTE_START = '<!-- 导入提示：';

function unmappedComment(items: UnmappedItem[]): string[] {
  const safe = (s: string) => s.replace(/--/g, '－－').replace(/>/g, '＞');
  return [
    `${IMPORT_NOTE_START}以下内容未能对应到模板，已作为文字或原样保留，请核对：`,
    ...items.map((u) => `- ${u.table ? TABLE_NAME[u.table].zh + '：' : ''}${safe(u.message.zh)}：${safe(oneLine(u.text)).slice(0, 120)}`),
    '-->',
  ];
}

export { TABLE_NAME };
