/** Reading our exports back in tests: the parts of a .docx, the texts of its paragraphs and cells, a page's texts. */
import { strFromU8, unzipSync } from 'fflate';
import { buildModel } from '../../server/src/core/index';
import { labelKey } from '../../server/src/core/normalize';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_NOTE, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';

/** Paragraphs an official table carries as its own label, in the official wording (表二's block labels, 表三's note). */
const TABLE_LABELS = new Set([TABLE3_NOTE, ...TABLE2_BLOCKS.map((b) => b.label)].map(labelKey));

export function docxParts(docx: Uint8Array): (name: string) => string {
  const files = unzipSync(docx);
  return (name: string) => {
    const f = files[name];
    if (!f) throw new Error(`no part ${name}`);
    return strFromU8(f);
  };
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each paragraph of document.xml (cells' paragraphs too), line breaks as "\n". */
export function docxParagraphs(documentXml: string): string[] {
  return (documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g) ?? []).map((p) =>
    (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>|<w:br\/>/g) ?? [])
      .map((r) => (r === '<w:br/>' ? '\n' : unescapeXml(r.replace(/<[^>]+>/g, ''))))
      .join(''),
  );
}

/** The text of each table cell of document.xml, in order. */
export function docxCells(documentXml: string): string[] {
  return (documentXml.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((c) => docxParagraphs(c).join('\n'));
}

function unescapeHtml(s: string): string {
  return s
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of each cell of a page. */
export function htmlCells(html: string): string[] {
  return [...html.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => unescapeHtml(m[1]));
}

/** The text of each heading and paragraph of a page (the title's lines joined). */
export function htmlParagraphs(html: string): string[] {
  return [...html.matchAll(/<(h[1-6]|p)(?: [^>]*)?>([\s\S]*?)<\/\1>/g)].map((m) => unescapeHtml(m[2]));
}

/** Text as compared: no whitespace. */
export function squeeze(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}

/**
 * A draft's paragraphs and headings as a reader sees them, by a reading of its own (not the
 * exporter's): emphasis and code marks, link targets and tags dropped, whitespace squeezed.
 * The labels an official table carries itself are left out (written there in the official wording).
 */
export function draftTexts(markdown: string): string[] {
  const model = buildModel(markdown);
  const out: { at: number; text: string }[] = [];
  const add = (at: number, source: string) => {
    const text = source
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/\*\*|__|`/g, '')
      .replace(/(^|[^\w])[*_]|[*_](?=[^\w]|$)/g, '$1')
      .replace(/\\(.)/g, '$1')
      .replace(/^\s*(?:>\s?)+/gm, '');
    if (squeeze(text) && !TABLE_LABELS.has(labelKey(text))) out.push({ at, text: squeeze(text) });
  };
  for (const r of model.reports) {
    const title = r.title?.line;
    if (title) add(title.lineSpan.start, (title.agencyLine?.text.replace(/^[#\s]+/, '') ?? '') + title.text);
    for (const s of r.sections) add(s.head.lineSpan.start, markdown.slice(s.head.titleSpan.start, s.head.titleSpan.end));
    const blocks = [...r.preamble.paragraphs, ...r.preamble.headings, ...r.sections.flatMap((s) => [...s.paragraphs, ...s.headings])];
    const titleSpans = title ? [title.lineSpan, ...(title.agencyLine ? [title.agencyLine.span] : [])] : [];
    for (const b of blocks) {
      if (titleSpans.some((t) => b.span.start < t.end && t.start < b.span.end)) continue;
      add(b.span.start, markdown.slice(b.span.start, b.span.end));
    }
  }
  return out.sort((a, b) => a.at - b.at).map((x) => x.text);
}

/** Every cell of the draft's tables that holds a figure (a digit), as written (squeezed). */
export function draftFigures(markdown: string): string[] {
  const model = buildModel(markdown);
  const out: string[] = [];
  for (const r of model.reports)
    for (const t of [...r.preamble.tables, ...r.sections.flatMap((s) => s.tables)])
      for (const row of t.rows)
        for (const c of row.cells) if (/\d/.test(c.text) && !/[\u4e00-\u9fff]{2}/.test(c.text)) out.push(squeeze(c.text));
  return out;
}

/** Whether every item of `part` is in `whole` at least as often (multisets). */
export function missingFrom(part: string[], whole: string[]): string[] {
  const count = new Map<string, number>();
  for (const w of whole) count.set(w, (count.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const p of part) {
    const n = count.get(p) ?? 0;
    if (n === 0) missing.push(p);
    else count.set(p, n - 1);
  }
  return missing;
}

/** A city's roll-up report: five-digit figures in every cell of tables 三 and 四. */
export function bigFiguresDraft(): string {
  const t3 = TABLE3_ROWS.map((row, r) => `| ${row.label} |  |  | ${TABLE3_COLUMNS.map((_, c) => 10000 + r * 10 + c).join(' | ')} |`);
  return [
    '# 某市人民政府2023年政府信息公开工作年度报告',
    '',
    '## 三、收到和处理政府信息公开申请情况',
    '',
    '| 申请人情况 |  |  | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...t3,
    '',
    '## 四、政府信息公开行政复议、行政诉讼情况',
    '',
    '| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |',
    `| ${Array(15).fill('---').join(' | ')} |`,
    '|  |  |  |  |  | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |',
    '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
    `| ${TABLE4_COLUMNS.map((_, i) => 90000 + i).join(' | ')} |`,
    '',
  ].join('\n');
}
