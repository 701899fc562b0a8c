/**
 * Export to one self-contained web page: inline CSS, no script, nothing remote, every text
 * escaped; the three tables in the official merged layout (export-model.ts) with the column
 * widths of the Word file (export-widths.ts), fit for pasting into a website CMS. It prints as
 * the Word file does: A4 with the official margins, header rows repeated on every page, rows
 * and 表二's block labels never split from what follows. Marked as our own export
 * (export-mark.ts). Deterministic: the same draft gives the same bytes.
 */
import type { LayoutCell } from '../core/table-layout';
import { TEXT_WIDTH } from './docx-write';
import type { ExportBlock, ExportModel, ExportTable } from './export-model';
import { LINE_BREAK } from './export-text';
import { tableSizing } from './export-widths';
import { HTML_GENERATOR, markHtml } from './export-mark';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escaped text with its line breaks. */
function lines(text: string): string {
  return text.split(LINE_BREAK).map(esc).join('<br>');
}

const CSS = [
  // GB/T 9704-2012 on paper: A4, margins top 37, right 26, bottom 35, left 28 mm.
  '@page{size:A4;margin:37mm 26mm 35mm 28mm}',
  'body{font-family:"仿宋_GB2312","FangSong","STFangsong","Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;max-width:52em;margin:2em auto;padding:0 1em;color:#000}',
  '@media print{body{max-width:none;margin:0;padding:0;line-height:28.95pt}}',
  'h1{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","SimSun","Noto Serif CJK SC",serif;font-size:22pt;font-weight:normal;text-align:center;line-height:1.5;margin:0 0 1em}',
  'h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}',
  'h3{font-family:"楷体_GB2312","KaiTi","STKaiti","Noto Serif CJK SC",serif;font-size:16pt;font-weight:normal;margin:0;text-indent:2em}',
  'h4{font-size:16pt;font-weight:normal;margin:0;text-indent:2em}',
  'h2,h3,h4{break-after:avoid;page-break-after:avoid}',
  'p{text-indent:2em;margin:0;text-align:justify}',
  'p.plain{text-indent:0;text-align:left}',
  'p.signature{text-align:right;text-indent:0;margin-right:4em}',
  'blockquote{margin:0 0 0 2em}',
  'table{border-collapse:collapse;table-layout:fixed;width:100%;margin:0.8em 0;line-height:1.4}',
  'td,th{border:1px solid #000;padding:2px 3px;text-align:center;vertical-align:middle;font-weight:normal;overflow-wrap:anywhere}',
  'td.label,th.corner{text-align:left}',
  'td.text{text-align:left}',
  // Printing: header rows on every page, rows never split, block labels with the rows below.
  'thead{display:table-header-group}',
  'tr,td,th{break-inside:avoid;page-break-inside:avoid}',
  'tr.keep,tr.block{break-after:avoid;page-break-after:avoid}',
].join('\n');

const TABLE_ATTRS = ' border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;width:100%;table-layout:fixed"';

function cellHtml(c: LayoutCell, header: boolean): string {
  const tag = header || c.kind === 'column-header' || c.kind === 'block-label' || c.kind === 'corner' ? 'th' : 'td';
  const cls =
    c.kind === 'row-label'
      ? 'label'
      : c.kind === 'corner'
        ? 'corner'
        : c.kind === 'value' && c.text.length > 8 && !/^[\d\s.,%+-]+$/.test(c.text)
          ? 'text'
          : c.kind === 'value'
            ? 'value'
            : undefined;
  const attrs = `${cls ? ` class="${cls}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
  return `<${tag}${attrs}>${lines(c.text)}</${tag}>`;
}

function tableHtml(t: ExportTable): string[] {
  const sizing = tableSizing(t, TEXT_WIDTH);
  const cls = t.table === 'table4' ? 't4' : t.table === 'table3' ? 't3' : t.table === 'table2' ? 't2' : 'tx';
  // Border attributes as well as CSS: a CMS editor often drops the <style> block on paste.
  const out = [`<table class="${cls}"${TABLE_ATTRS.replace('style="', `style="font-size:${sizing.size / 2}pt;`)}>`];
  out.push('<colgroup>', ...sizing.widths.map((w) => `<col style="width:${((100 * w) / TEXT_WIDTH).toFixed(2)}%">`), '</colgroup>');
  if (t.headerRows.length) {
    out.push('<thead>');
    for (const row of t.headerRows) out.push(`<tr>${row.map((c) => cellHtml(c, true)).join('')}</tr>`);
    out.push('</thead>');
  }
  out.push('<tbody>');
  t.bodyRows.forEach((row, i) => {
    const block = row.some((c) => c.kind === 'block-label' || c.kind === 'column-header');
    const cls = block ? ' class="block"' : t.keepNext[i] ? ' class="keep"' : '';
    out.push(`<tr${cls}>${row.map((c) => cellHtml(c, false)).join('')}</tr>`);
  });
  out.push('</tbody>', '</table>');
  return out;
}

function blockHtml(b: ExportBlock): string[] {
  switch (b.kind) {
    case 'title':
      // Each line a block of its own, not lines broken by <br>: a reader of the page (ours, a CMS) takes the title as one text.
      return [`<h1>${b.lines.map((l) => `<span style="display:block">${esc(l)}</span>`).join('')}</h1>`];
    case 'heading':
      return [`<h${b.level + 1}>${lines(b.text)}</h${b.level + 1}>`];
    case 'signature':
      return [`<p class="signature">${lines(b.text)}</p>`];
    case 'paragraph': {
      const text = b.list ? `${b.list}${/^\d/.test(b.list) ? '' : ' '}${b.text}` : b.text;
      const p = `<p${b.code ? ' class="plain"' : ''}>${lines(text)}</p>`;
      return [b.quote ? `${'<blockquote>'.repeat(b.quote)}${p}${'</blockquote>'.repeat(b.quote)}` : p];
    }
    case 'table':
      return tableHtml(b);
  }
}

export function modelToHtml(m: ExportModel): string {
  const out = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    HTML_GENERATOR,
    `<title>${esc(m.title ?? '政府信息公开工作年度报告')}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...m.blocks.flatMap(blockHtml),
    '</body>',
    '</html>',
    '',
  ];
  return markHtml(out.join('\n'));
}
