/**
 * Export to one self-contained web page: inline CSS, no script, nothing remote; the three
 * tables in the official merged layout (table-layout.ts), fit for pasting into a website CMS.
 * Deterministic: the same draft gives the same bytes.
 */
import { TableLayout, keepBodyRows, tableLayout } from '../core/table-layout';
import { ExportModel, exportModel } from './export-model';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = [
  'body{font-family:"仿宋_GB2312","FangSong","Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;max-width:52em;margin:2em auto;padding:0 1em;color:#000}',
  'h1{font-family:"方正小标宋简体","FZXiaoBiaoSong-B05S","Noto Serif CJK SC",serif;font-size:22pt;font-weight:normal;text-align:center;line-height:1.5}',
  'h2{font-family:"黑体","SimHei","Noto Sans CJK SC",sans-serif;font-size:16pt;font-weight:normal;margin:0.6em 0 0}',
  'h3{font-family:"楷体_GB2312","KaiTi","Noto Serif CJK SC",serif;font-size:16pt;font-weight:normal;margin:0.4em 0 0}',
  'p{text-indent:2em;margin:0}',
  'table{border-collapse:collapse;width:100%;margin:0.8em 0;font-size:10.5pt;line-height:1.4}',
  'table.t4{font-size:9pt}',
  'td,th{border:1px solid #000;padding:2px 4px;text-align:center;vertical-align:middle;font-weight:normal}',
  'td.label{text-align:left}',
  'td.value{text-align:center}',
].join('\n');

const TABLE_ATTRS = ' border="1" cellspacing="0" cellpadding="3" style="border-collapse:collapse;width:100%"';

function renderTable(layout: TableLayout, value: (key: string) => string): string[] {
  // Border attributes as well as CSS: a CMS editor often drops the <style> block on paste.
  const out = [`<table class="${layout.table === 'table4' ? 't4' : layout.table === 'table3' ? 't3' : 't2'}"${TABLE_ATTRS}>`];
  if (layout.headerRows.length) {
    out.push('<thead>');
    for (const row of layout.headerRows) out.push(`<tr>${row.map((c) => cell('th', c.text, c.rowSpan, c.colSpan)).join('')}</tr>`);
    out.push('</thead>');
  }
  out.push('<tbody>');
  for (const row of layout.bodyRows) {
    out.push(
      `<tr>${row
        .map((c) =>
          c.kind === 'value'
            ? cell('td', value(c.key!), c.rowSpan, c.colSpan, 'value')
            : cell(
                c.kind === 'block-label' || c.kind === 'column-header' ? 'th' : 'td',
                c.text,
                c.rowSpan,
                c.colSpan,
                c.kind === 'row-label' ? 'label' : undefined,
              ),
        )
        .join('')}</tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  return out;
}

function cell(tag: string, text: string, rowSpan: number, colSpan: number, cls?: string): string {
  const attrs = `${cls ? ` class="${cls}"` : ''}${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}`;
  return `<${tag}${attrs}>${esc(text)}</${tag}>`;
}

export function modelToHtml(m: ExportModel): string {
  const out = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(m.title ?? '政府信息公开工作年度报告')}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  ];
  if (m.title) out.push(`<h1>${esc(m.title)}</h1>`);
  for (const b of m.blocks) {
    if (b.kind === 'heading') out.push(`<h${b.level}>${esc(b.text)}</h${b.level}>`);
    else if (b.kind === 'paragraph') out.push(`<p>${esc(b.text)}</p>`);
    else if (b.kind === 'signature') out.push(`<p style="text-align:right;text-indent:0">${esc(b.text)}</p>`);
    else if (b.kind === 'table')
      out.push(
        ...renderTable(
          keepBodyRows(tableLayout(b.table), (id) => m.hasRow(b.table, id)),
          (k) => m.value(b.table, k),
        ),
      );
    else {
      out.push(`<table${TABLE_ATTRS}>`);
      b.rows.forEach((r, i) => out.push(`<tr>${r.map((c) => cell(i === 0 ? 'th' : 'td', c, 1, 1)).join('')}</tr>`));
      out.push('</table>');
    }
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/** The draft as one self-contained HTML page. */
export function exportHtml(markdown: string): string {
  return modelToHtml(exportModel(markdown));
}
