/**
 * Export to Word (.docx) with the `docx` package, in the 公文 layout of GB/T 9704-2012:
 * A4, margins 37/35/28/26 mm, title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号,
 * level-1 headings 黑体, level-2 楷体_GB2312, fixed line spacing 28.95 pt (22 lines a page),
 * page numbers "— n —" in 四号 at the outside bottom (odd right, even left). Tables in the
 * official merged layout (table-layout.ts), header rows repeated on every page, rows never
 * split; table 四 in a smaller size so its 15 columns fit.
 * Deterministic bytes: fixed document dates and zip entry times, entries in a fixed order.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { TableLayout, keepBodyRows, tableLayout } from '../core/table-layout';
import { ExportModel, exportModel } from './export-model';

/** GB/T 9704-2012 in Word units (twips; sizes in half-points). */
export const GONGWEN = {
  page: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
  /** 22 lines a page: 28.95 pt. */
  line: 579,
  size: { title: 44, body: 32, pageNumber: 28, table: 21, table4: 18 },
  font: { title: '方正小标宋简体', body: '仿宋_GB2312', h1: '黑体', h2: '楷体_GB2312', number: '宋体', ascii: 'Times New Roman' },
} as const;

const TEXT_WIDTH = GONGWEN.page.width - GONGWEN.margin.left - GONGWEN.margin.right;

function font(eastAsia: string) {
  return { eastAsia, ascii: GONGWEN.font.ascii, hAnsi: GONGWEN.font.ascii };
}

const EXACT = { line: GONGWEN.line, lineRule: LineRuleType.EXACT };

function columnWidths(layout: TableLayout): number[] {
  const n = layout.columnCount;
  if (layout.table === 'table3') {
    const labels = [1000, 1300, 2150];
    const rest = Math.floor((TEXT_WIDTH - labels.reduce((a, b) => a + b, 0)) / (n - 3));
    return [...labels, ...Array<number>(n - 3).fill(rest)];
  }
  if (layout.table === 'table2') {
    const first = 2400;
    return [first, ...Array<number>(n - 1).fill(Math.floor((TEXT_WIDTH - first) / (n - 1)))];
  }
  return Array<number>(n).fill(Math.floor(TEXT_WIDTH / n));
}

/** Paragraph styles: the fonts, sizes and spacing are written once, not on every run (smaller, faster files). */
const STYLE = {
  title: 'XxTitle',
  body: 'XxBody',
  h1: 'XxHeading1',
  h2: 'XxHeading2',
  h3: 'XxHeading3',
  cell: 'XxTableText',
  cell4: 'XxTableText4',
  blank: 'XxBlank',
} as const;

function paragraphStyles() {
  const exact = { spacing: EXACT };
  // Outline levels: the headings appear in Word's navigation pane.
  const heading = (id: string, name: string, eastAsia: string, outlineLevel: number) => ({
    id,
    name,
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { font: font(eastAsia), size: GONGWEN.size.body },
    paragraph: { spacing: EXACT, indent: { firstLine: 640 }, keepNext: true, outlineLevel },
  });
  const cell = (id: string, name: string, size: number) => ({
    id,
    name,
    run: { font: font(GONGWEN.font.body), size },
    paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.CENTER },
  });
  return [
    {
      id: STYLE.body,
      name: 'XX Body',
      quickFormat: true,
      run: { font: font(GONGWEN.font.body), size: GONGWEN.size.body },
      paragraph: { ...exact, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: STYLE.title,
      name: 'XX Title',
      quickFormat: true,
      run: { font: font(GONGWEN.font.title), size: GONGWEN.size.title },
      paragraph: { ...exact, alignment: AlignmentType.CENTER },
    },
    heading(STYLE.h1, 'XX Heading 1', GONGWEN.font.h1, 0),
    heading(STYLE.h2, 'XX Heading 2', GONGWEN.font.h2, 1),
    heading(STYLE.h3, 'XX Heading 3', GONGWEN.font.body, 2),
    { id: STYLE.blank, name: 'XX Blank', run: { font: font(GONGWEN.font.body), size: GONGWEN.size.body }, paragraph: exact },
    cell(STYLE.cell, 'XX Table Text', GONGWEN.size.table),
    cell(STYLE.cell4, 'XX Table Text Small', GONGWEN.size.table4),
  ];
}

function tableCellParagraph(text: string, style: string, align?: (typeof AlignmentType)[keyof typeof AlignmentType]): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    style,
    ...(align ? { alignment: align } : {}),
    children: lines.map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined })),
  });
}

function officialTable(layout: TableLayout, value: (key: string) => string): Table {
  const style = layout.table === 'table4' ? STYLE.cell4 : STYLE.cell;
  const widths = columnWidths(layout);
  const margins = layout.table === 'table4' ? { top: 20, bottom: 20, left: 20, right: 20 } : { top: 30, bottom: 30, left: 60, right: 60 };
  const width = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const row = (cells: TableLayout['bodyRows'][number], header: boolean) =>
    new TableRow({
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      children: cells.map(
        (c) =>
          new TableCell({
            rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
            columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
            verticalAlign: VerticalAlign.CENTER,
            width: { size: width(c.col, c.colSpan), type: WidthType.DXA },
            children: [
              tableCellParagraph(
                c.kind === 'value' ? value(c.key!) : c.text,
                style,
                c.kind === 'row-label' || c.kind === 'corner' ? AlignmentType.LEFT : undefined,
              ),
            ],
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    margins,
    rows: [...layout.headerRows.map((r) => row(r, true)), ...layout.bodyRows.map((r) => row(r, false))],
  });
}

function rawTable(rows: string[][]): Table {
  const n = Math.max(1, ...rows.map((r) => r.length));
  const w = Math.floor(TEXT_WIDTH / n);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array<number>(n).fill(w),
    rows: rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          ...(i === 0 ? { tableHeader: true } : {}),
          children: Array.from(
            { length: n },
            (_, c) =>
              new TableCell({
                width: { size: w, type: WidthType.DXA },
                verticalAlign: VerticalAlign.CENTER,
                children: [tableCellParagraph(r[c] ?? '', STYLE.cell)],
              }),
          ),
        }),
    ),
  });
}

function pageNumberFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(GONGWEN.font.number), size: GONGWEN.size.pageNumber }),
        ],
      }),
    ],
  });
}

/** Fixed document dates and zip times: the same draft gives the same bytes. */
const FIXED_DATE = '2000-01-01T00:00:00Z';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** docProps/core.xml with fixed dates (the package would write the time of export). */
function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>xxgk-report</dc:creator><cp:lastModifiedBy>xxgk-report</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified></cp:coreProperties>`
  );
}

/** MS-DOS time and date of 2000-01-01 00:00, as zip headers store them. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

/**
 * Sets every zip entry's modification time to the fixed date, in place (local headers and the
 * central directory), instead of unpacking and compressing the package again.
 */
function freezeZipTimes(zip: Uint8Array): Uint8Array {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (v.getUint32(p, true) !== 0x02014b50) throw new Error('zip: bad central directory');
    v.setUint16(p + 12, DOS_TIME, true);
    v.setUint16(p + 14, DOS_DATE, true);
    const local = v.getUint32(p + 42, true);
    if (v.getUint32(local, true) !== 0x04034b50) throw new Error('zip: bad local header');
    v.setUint16(local + 10, DOS_TIME, true);
    v.setUint16(local + 12, DOS_DATE, true);
    p += 46 + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return zip;
}

export async function modelToDocx(m: ExportModel): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const para = (style: string, text: string) => new Paragraph({ style, children: text ? [new TextRun(text)] : [] });
  if (m.title) children.push(para(STYLE.title, m.title), para(STYLE.blank, ''));
  for (const b of m.blocks) {
    if (b.kind === 'heading') children.push(para(b.level === 2 ? STYLE.h1 : b.level === 3 ? STYLE.h2 : STYLE.h3, b.text));
    else if (b.kind === 'paragraph') children.push(para(STYLE.body, b.text));
    // 成文日期 and the agency above it: right-aligned, four characters from the margin (GB/T 9704 7.3.5).
    else if (b.kind === 'signature')
      children.push(
        new Paragraph({
          style: STYLE.body,
          alignment: AlignmentType.RIGHT,
          indent: { firstLine: 0, right: 1280 },
          children: [new TextRun(b.text)],
        }),
      );
    else if (b.kind === 'table') {
      children.push(
        officialTable(
          keepBodyRows(tableLayout(b.table), (id) => m.hasRow(b.table, id)),
          (k) => m.value(b.table, k),
        ),
      );
      children.push(para(STYLE.blank, ''));
    } else {
      children.push(rawTable(b.rows), para(STYLE.blank, ''));
    }
  }
  const doc = new Document({
    creator: 'xxgk-report',
    title: m.title ?? '',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(GONGWEN.font.body), size: GONGWEN.size.body }, paragraph: { spacing: EXACT } },
      },
      paragraphStyles: paragraphStyles(),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: GONGWEN.page.width, height: GONGWEN.page.height },
            margin: { ...GONGWEN.margin, header: 851, footer: 992 },
          },
        },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(m.title ?? '') }]);
  return freezeZipTimes(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
}

/** The draft as a Word document (deterministic bytes). */
export async function exportDocx(markdown: string): Promise<Uint8Array> {
  return modelToDocx(exportModel(markdown));
}
