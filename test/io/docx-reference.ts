/**
 * The Word writer as it was before it wrote the XML itself, built on the `docx` library (9.15):
 * kept here, frozen, as the oracle of server/src/io/docx-write.ts, which writes the same
 * package byte for byte without the library (issue 20.8: the library's load and object tree
 * were most of an export's time). test/io/docx-write.test.ts compares the two on real reports
 * and generated models; a change of the layout goes into both.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
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
import { strToU8, unzipSync } from 'fflate';
import { decodeUtf8 } from '../../server/src/encoding';
import type { LayoutCell } from '../../server/src/core/table-layout';
import type { ExportBlock, ExportModel, ExportTable } from '../../server/src/io/export-model';
import { LINE_BREAK } from '../../server/src/io/export-text';
import { writeZip } from '../../server/src/io/export-zip';
import { tableSizing } from '../../server/src/io/export-widths';
import { DOCX_MARK_PROPERTY, DOCX_DIGEST_PROPERTY, docxDigest } from '../../server/src/io/export-mark';
import {
  CHAR,
  FOOTER_DISTANCE,
  GONGWEN,
  PAGE_NUMBER_INDENT,
  STYLE,
  TABLE_SIZES,
  TEXT_WIDTH,
  fontTableXml,
  tableStyle,
} from '../../server/src/io/docx-write';

// The page, its fonts and its measures are the writer's own (GONGWEN…): what is frozen here is how the XML is built.

function font(eastAsia: string, ascii: string = GONGWEN.font.ascii) {
  return { eastAsia, ascii, hAnsi: ascii };
}

const EXACT = { line: GONGWEN.line, lineRule: LineRuleType.EXACT };

// The style names and table text sizes are the writer's own (STYLE, tableStyle, TABLE_SIZES).

function paragraphStyles() {
  // Outline levels 0–2: the headings show in Word's navigation pane and come back as headings on import.
  const heading = (id: string, name: string, eastAsia: string, outlineLevel: number) => ({
    id,
    name,
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: { font: font(eastAsia), size: GONGWEN.size.body },
    paragraph: { spacing: EXACT, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, keepNext: true, keepLines: true, outlineLevel },
  });
  const cell = (size: number) => ({
    id: tableStyle(size),
    name: `XX Table ${size / 2}pt`,
    run: { font: font(GONGWEN.font.body), size },
    paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO }, alignment: AlignmentType.CENTER, indent: { firstLine: 0 } },
  });
  return [
    {
      id: STYLE.body,
      name: 'XX Body',
      quickFormat: true,
      run: { font: font(GONGWEN.font.body), size: GONGWEN.size.body, characterSpacing: GONGWEN.charSpacing },
      paragraph: { spacing: EXACT, indent: { firstLine: 2 * CHAR, firstLineChars: 200 }, alignment: AlignmentType.JUSTIFIED },
    },
    {
      id: STYLE.title,
      name: 'XX Title',
      quickFormat: true,
      run: { font: font(GONGWEN.font.title), size: GONGWEN.size.title },
      paragraph: { spacing: EXACT, alignment: AlignmentType.CENTER, keepNext: true, keepLines: true },
    },
    heading(STYLE.h1, 'XX Heading 1', GONGWEN.font.h1, 0),
    heading(STYLE.h2, 'XX Heading 2', GONGWEN.font.h2, 1),
    heading(STYLE.h3, 'XX Heading 3', GONGWEN.font.body, 2),
    { id: STYLE.blank, name: 'XX Blank', basedOn: STYLE.body, paragraph: { spacing: EXACT } },
    {
      id: STYLE.code,
      name: 'XX Plain',
      basedOn: STYLE.body,
      paragraph: { indent: { firstLine: 0, firstLineChars: 0 }, alignment: AlignmentType.LEFT },
    },
    // 成文日期 and the agency above it: right-aligned, four characters from the margin (§7.3.5).
    {
      id: STYLE.signature,
      name: 'XX Signature',
      basedOn: STYLE.body,
      paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, firstLineChars: 0, right: 4 * CHAR } },
    },
    ...TABLE_SIZES.map(cell),
  ];
}

/** Runs of a text with line breaks. */
function runs(text: string): TextRun[] {
  return text.split(LINE_BREAK).map((l, i) => new TextRun({ text: l, break: i > 0 ? 1 : undefined }));
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Figures and short words centred; longer text in a cell from the left. */
function cellAlignment(c: LayoutCell): Align | undefined {
  if (c.kind === 'row-label' || c.kind === 'corner') return AlignmentType.LEFT;
  if (c.kind === 'value' && c.text.length > 8 && !/^[\d\s.,%+-]+$/.test(c.text)) return AlignmentType.LEFT;
  return undefined;
}

function table(t: ExportTable): Table {
  const sizing = tableSizing(t, TEXT_WIDTH);
  const style = tableStyle(sizing.size);
  const width = (col: number, span: number) => sizing.widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const row = (cells: LayoutCell[], header: boolean, keepNext: boolean) =>
    new TableRow({
      cantSplit: true,
      ...(header ? { tableHeader: true } : {}),
      ...(keepNext ? { keepNext: true } : {}),
      children: cells.map((c) => {
        const align = cellAlignment(c);
        return new TableCell({
          rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
          columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
          verticalAlign: VerticalAlign.CENTER,
          width: { size: width(c.col, c.colSpan), type: WidthType.DXA },
          children: [new Paragraph({ style, ...(align ? { alignment: align } : {}), children: runs(c.text) })],
        });
      }),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: sizing.widths,
    margins: { top: 20, bottom: 20, left: sizing.margin, right: sizing.margin },
    rows: [...t.headerRows.map((r) => row(r, true, true)), ...t.bodyRows.map((r, i) => row(r, false, t.keepNext[i]))],
  });
}

function pageNumberFooter(align: Align, indent: { left?: number; right?: number }): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: { firstLine: 0, ...indent },
        spacing: { line: GONGWEN.size.pageNumber * 10, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          // 4号 half-width 宋体 digits between two one-character dashes.
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(GONGWEN.font.number, GONGWEN.font.number),
            size: GONGWEN.size.pageNumber,
          }),
        ],
      }),
    ],
  });
}

function blockParagraphs(b: ExportBlock): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      // One paragraph, its lines broken where the meaning allows; a blank line below (§7.3.1).
      return [
        new Paragraph({
          style: STYLE.title,
          children: b.lines.flatMap((l, i) => [new TextRun({ text: l, break: i > 0 ? 1 : undefined })]),
        }),
        new Paragraph({ style: STYLE.blank }),
      ];
    case 'heading':
      return [new Paragraph({ style: b.level === 1 ? STYLE.h1 : b.level === 2 ? STYLE.h2 : STYLE.h3, children: runs(b.text) })];
    case 'signature':
      return [new Paragraph({ style: STYLE.signature, children: runs(b.text) })];
    case 'paragraph': {
      const text = b.list ? `${b.list}${/^\d/.test(b.list) ? '' : ' '}${b.text}` : b.text;
      const indent = b.quote ? { left: 2 * CHAR * b.quote } : undefined;
      return [new Paragraph({ style: b.code ? STYLE.code : STYLE.body, ...(indent ? { indent } : {}), children: runs(text) })];
    }
    case 'table':
      return [table(b), new Paragraph({ style: STYLE.blank })];
  }
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

// The font table was raw XML in this writer too: it is the writer's own (fontTableXml).

/** A package part docx gives: XML text or bytes. */
type PartData = string | Uint8Array;

/**
 * The package's parts as docx compiles them, before it zips them: docx's Packer would deflate
 * every part, and finish() would inflate them again to add ours. The compiler is docx's own
 * (`Packer.compiler`, not declared public): if a docx release no longer has it, the parts come
 * from the packed file instead, with the same result.
 */
async function packageParts(doc: Document, overrides: { path: string; data: string }[]): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (d: Document, prettify: undefined, o: typeof overrides) => unknown } })
    .compiler;
  const parts = typeof compiler?.compile === 'function' ? compiler.compile(doc, undefined, overrides) : undefined;
  if (parts instanceof Map) {
    const files: Record<string, Uint8Array> = {};
    for (const [path, data] of parts as Map<string, PartData>)
      files[path] = typeof data === 'string' ? strToU8(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return files;
  }
  const packed = await Packer.toBuffer(doc, false, overrides);
  return unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
}

/** The package with our font table and the export mark (its digest of document.xml), zipped the same way every time. */
function finish(files: Record<string, Uint8Array>): Uint8Array {
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  const custom = decodeUtf8(files['docProps/custom.xml']);
  files['docProps/custom.xml'] = strToU8(custom.replace(DIGEST_PLACEHOLDER, docxDigest(files['word/document.xml'])));
  // Entries in the order docx gives them; a fixed date, no extra fields, the same compression every time.
  return writeZip(Object.entries(files));
}

const DIGEST_PLACEHOLDER = '0'.repeat(64);

/** The model as the docx library packed it (deterministic bytes). */
export async function referenceDocx(m: ExportModel): Promise<Uint8Array> {
  const children = m.blocks.flatMap(blockParagraphs);
  const doc = new Document({
    creator: 'xxgk-report',
    title: m.title ?? '',
    evenAndOddHeaderAndFooters: true,
    customProperties: [
      { name: DOCX_MARK_PROPERTY, value: 'export' },
      { name: DOCX_DIGEST_PROPERTY, value: DIGEST_PLACEHOLDER },
    ],
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
            margin: { ...GONGWEN.margin, header: 851, footer: FOOTER_DISTANCE },
          },
          // No document grid: lines are set by their exact spacing (a line grid would stretch every table row to 28.95 pt).
          grid: { type: DocumentGridType.DEFAULT, linePitch: GONGWEN.line },
        },
        footers: {
          default: pageNumberFooter(AlignmentType.RIGHT, { right: PAGE_NUMBER_INDENT }),
          even: pageNumberFooter(AlignmentType.LEFT, { left: PAGE_NUMBER_INDENT }),
        },
        children,
      },
    ],
  });
  return finish(await packageParts(doc, [{ path: 'docProps/core.xml', data: coreXml(m.title ?? '') }]));
}
