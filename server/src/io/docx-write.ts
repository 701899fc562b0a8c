/**
 * Export to Word (.docx) in the 公文 layout of GB/T 9704-2012: A4, margins 37/35/28/26 mm (text
 * block 156 × 225 mm), 22 lines of 28 characters (a document grid with the character pitch of
 * 三号 in 156 mm), title 方正小标宋简体 二号 centred and broken by meaning, body 仿宋_GB2312 三号,
 * headings 黑体 / 楷体_GB2312 with outline levels (they come back as headings on import), the
 * closing agency and date to the right, page numbers "— n —" in 4号 宋体 7 mm below the text
 * block, odd pages right and even pages left, one character in. Tables in the official merged
 * layout (export-model.ts) with column widths from their content (export-widths.ts), header
 * rows repeated on every page, rows never split, block labels and groups kept with their rows.
 * A font table whose alternative names and family hints let Word and WPS substitute the fonts a
 * PC has (仿宋_GB2312 → 仿宋), and the mark of our own exports (export-mark.ts). Deterministic
 * bytes: fixed dates and zip times.
 *
 * The WordprocessingML is written here as text, the package's fixed parts come from
 * docx-package.ts. The `docx` library built it before (9.15): loading the library and building its
 * object tree was more than half of a Word export's time (issue 20.8), for a document whose
 * every element is known in advance. The file is the one the library wrote, byte for byte
 * (test/io/docx-write.test.ts keeps the library's writer as the oracle): what Word, WPS and
 * LibreOffice open has not changed.
 */
import type { LayoutCell } from '../core/table-layout';
import type { ExportBlock, ExportModel, ExportTable } from './export-model';
import { LINE_BREAK } from './export-text';
import { type PackedPart, packPart, writeZip } from './export-zip';
import { tableSizing } from './export-widths';
import { DOCX_MARK_PROPERTY, DOCX_DIGEST_PROPERTY, docxDigest } from './export-mark';
import {
  APP_XML,
  CONTENT_TYPES_XML,
  DEFAULT_STYLES,
  DOCUMENT_RELS_XML,
  DOCUMENT_START,
  EMPTY_RELS_XML,
  ENDNOTES_XML,
  FOOTER_START,
  FOOTNOTES_XML,
  NUMBERING_XML,
  PACKAGE_RELS_XML,
  SETTINGS_XML,
  STYLES_START,
  THEME_XML,
} from './docx-package';

/** GB/T 9704-2012 in Word units (twips; sizes in half-points); test/io/docx-reference.ts lays out with the same. */
export const GONGWEN = {
  page: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
  /** 22 lines a page: 28.95 pt. */
  line: 579,
  /**
   * 28 characters a line: 156 mm is 442.2 pt, 28 characters of 三号 (16 pt) take 448; each is set
   * 0.25 pt closer (in twentieths of a point), 441 pt a line. Character spacing, not a character
   * grid: Word and WPS keep to it, and LibreOffice, which sets 三号 on a 15.79 pt grid two cells a
   * character (14 a line), does too.
   */
  charSpacing: -5,
  size: { title: 44, body: 32, pageNumber: 28 },
  font: { title: '方正小标宋简体', body: '仿宋_GB2312', h1: '黑体', h2: '楷体_GB2312', number: '宋体', ascii: 'Times New Roman' },
} as const;

/** Width of the text block: 156 mm. */
export const TEXT_WIDTH = GONGWEN.page.width - GONGWEN.margin.left - GONGWEN.margin.right;

/** One character of 三号 as set (two make the first-line indent). */
export const CHAR = 320 + GONGWEN.charSpacing;
/** One character of 4号 (14 pt): the page number's distance from the text block's edge. */
export const PAGE_NUMBER_INDENT = 280;
/**
 * Footer distance from the page's lower edge: the dashes of "— 1 —" (at the middle of the 4号
 * line) 7 mm below the text block, whose lower edge is 35 mm above the page's (§7.5).
 * 35 − 7 mm = 1587 twips to the dashes, less half the 14 pt line = 1447.
 */
export const FOOTER_DISTANCE = 1447;
/** The header's distance from the page's upper edge (no header is written; Word's own 15 mm). */
const HEADER_DISTANCE = 851;

// ---------------------------------------------------------------------------
// XML text

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/**
 * Text and attribute values escaped as docx escaped them: the five markup characters as
 * entities, and the control characters XML 1.0 does not allow dropped (export-model.ts has
 * taken them out already, and said so; this keeps the file well-formed whatever it is given).
 */
function esc(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters XML does not allow are the point
  return text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

/** A whole number of twips, as docx wrote measures. */
const twips = (n: number) => Math.floor(n);

type Align = 'left' | 'center' | 'right' | 'both';

/** A paragraph's properties, in the order of the schema (CT_PPrBase); empty when none is set. */
interface ParagraphProperties {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  /** `<w:spacing …/>`'s attributes, in order. */
  spacing?: string;
  indent?: { left?: number; right?: number; firstLine?: number; firstLineChars?: number };
  align?: Align;
  outlineLevel?: number;
}

function indentXml(i: NonNullable<ParagraphProperties['indent']>): string {
  return (
    '<w:ind' +
    (i.left !== undefined ? ` w:left="${i.left}"` : '') +
    (i.right !== undefined ? ` w:right="${i.right}"` : '') +
    (i.firstLine !== undefined ? ` w:firstLine="${i.firstLine}"` : '') +
    (i.firstLineChars !== undefined ? ` w:firstLineChars="${i.firstLineChars}"` : '') +
    '/>'
  );
}

function pPr(p: ParagraphProperties): string {
  const inner =
    (p.style ? `<w:pStyle w:val="${p.style}"/>` : '') +
    (p.keepNext ? '<w:keepNext/>' : '') +
    (p.keepLines ? '<w:keepLines/>' : '') +
    (p.spacing ? `<w:spacing ${p.spacing}/>` : '') +
    (p.indent ? indentXml(p.indent) : '') +
    (p.align ? `<w:jc w:val="${p.align}"/>` : '') +
    (p.outlineLevel !== undefined ? `<w:outlineLvl w:val="${p.outlineLevel}"/>` : '');
  return inner ? `<w:pPr>${inner}</w:pPr>` : '';
}

/** A paragraph of its properties and runs (`<w:p/>` when it has neither). */
function paragraph(p: ParagraphProperties, runs = ''): string {
  const inner = pPr(p) + runs;
  return inner ? `<w:p>${inner}</w:p>` : '<w:p/>';
}

/** A run of text, after a line break when `br`. */
function run(text: string, br: boolean): string {
  return `<w:r>${br ? '<w:br/>' : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

/** Runs of a text with line breaks: a run a line, each after the first starting with the break. */
function runs(text: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(LINE_BREAK); at >= 0; at = text.indexOf(LINE_BREAK, from)) {
    out += run(text.slice(from, at), from > 0);
    from = at + LINE_BREAK.length;
  }
  return out + run(text.slice(from), from > 0);
}

/** Run properties: fonts (East Asian and Western), character spacing, size. */
function rPr(eastAsia: string, size: number, ascii: string = GONGWEN.font.ascii, characterSpacing?: number): string {
  return (
    `<w:rPr><w:rFonts w:ascii="${esc(ascii)}" w:eastAsia="${esc(eastAsia)}" w:hAnsi="${esc(ascii)}"/>` +
    (characterSpacing !== undefined ? `<w:spacing w:val="${characterSpacing}"/>` : '') +
    `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`
  );
}

// ---------------------------------------------------------------------------
// Styles

/** Exact line spacing of the body: 22 lines a page. */
const EXACT = `w:line="${GONGWEN.line}" w:lineRule="exact"`;

/** Paragraph styles: the fonts, sizes and spacing are written once, not on every run. */
export const STYLE = {
  title: 'XxTitle',
  body: 'XxBody',
  h1: 'XxHeading1',
  h2: 'XxHeading2',
  h3: 'XxHeading3',
  blank: 'XxBlank',
  code: 'XxPlain',
  signature: 'XxSignature',
} as const;

/** Table text styles by size (五号 21, 小五 18, 六号 15, 小六 13). */
export const tableStyle = (size: number) => `XxTable${size}`;
export const TABLE_SIZES = [21, 18, 15, 13];

interface ParagraphStyle {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  quickFormat?: boolean;
  paragraph: ParagraphProperties;
  run?: string;
}

function paragraphStyles(): ParagraphStyle[] {
  const firstLineIndent = { firstLine: 2 * CHAR, firstLineChars: 200 };
  // Outline levels 0–2: the headings show in Word's navigation pane and come back as headings on import.
  const heading = (id: string, name: string, eastAsia: string, outlineLevel: number): ParagraphStyle => ({
    id,
    name,
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run: rPr(eastAsia, GONGWEN.size.body),
    paragraph: { spacing: EXACT, indent: firstLineIndent, keepNext: true, keepLines: true, outlineLevel },
  });
  const cell = (size: number): ParagraphStyle => ({
    id: tableStyle(size),
    name: `XX Table ${size / 2}pt`,
    run: rPr(GONGWEN.font.body, size),
    paragraph: { spacing: 'w:line="240" w:lineRule="auto"', align: 'center', indent: { firstLine: 0 } },
  });
  return [
    {
      id: STYLE.body,
      name: 'XX Body',
      quickFormat: true,
      run: rPr(GONGWEN.font.body, GONGWEN.size.body, GONGWEN.font.ascii, GONGWEN.charSpacing),
      paragraph: { spacing: EXACT, indent: firstLineIndent, align: 'both' },
    },
    {
      id: STYLE.title,
      name: 'XX Title',
      quickFormat: true,
      run: rPr(GONGWEN.font.title, GONGWEN.size.title),
      paragraph: { spacing: EXACT, align: 'center', keepNext: true, keepLines: true },
    },
    heading(STYLE.h1, 'XX Heading 1', GONGWEN.font.h1, 0),
    heading(STYLE.h2, 'XX Heading 2', GONGWEN.font.h2, 1),
    heading(STYLE.h3, 'XX Heading 3', GONGWEN.font.body, 2),
    { id: STYLE.blank, name: 'XX Blank', basedOn: STYLE.body, paragraph: { spacing: EXACT } },
    { id: STYLE.code, name: 'XX Plain', basedOn: STYLE.body, paragraph: { indent: { firstLine: 0, firstLineChars: 0 }, align: 'left' } },
    // 成文日期 and the agency above it: right-aligned, four characters from the margin (§7.3.5).
    {
      id: STYLE.signature,
      name: 'XX Signature',
      basedOn: STYLE.body,
      paragraph: { align: 'right', indent: { firstLine: 0, firstLineChars: 0, right: 4 * CHAR } },
    },
    ...TABLE_SIZES.map(cell),
  ];
}

function stylesXml(): string {
  const ours = paragraphStyles()
    .map(
      (s) =>
        `<w:style w:type="paragraph" w:styleId="${s.id}"><w:name w:val="${esc(s.name)}"/>` +
        (s.basedOn ? `<w:basedOn w:val="${s.basedOn}"/>` : '') +
        (s.next ? `<w:next w:val="${s.next}"/>` : '') +
        (s.quickFormat ? '<w:qFormat/>' : '') +
        pPr(s.paragraph) +
        (s.run ?? '') +
        '</w:style>',
    )
    .join('');
  // The document's defaults: the body's font and size, its exact line spacing.
  const defaults =
    `<w:docDefaults><w:rPrDefault>${rPr(GONGWEN.font.body, GONGWEN.size.body)}</w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing ${EXACT}/></w:pPr></w:pPrDefault></w:docDefaults>`;
  return `${STYLES_START}${defaults}${DEFAULT_STYLES}${ours}</w:styles>`;
}

// ---------------------------------------------------------------------------
// Body

/** Figures and short words centred; longer text in a cell from the left. */
function cellAlignment(c: LayoutCell): Align | undefined {
  if (c.kind === 'row-label' || c.kind === 'corner') return 'left';
  if (c.kind === 'value' && c.text.length > 8 && !/^[\d\s.,%+-]+$/.test(c.text)) return 'left';
  return undefined;
}

/** A cell of a written row: one of the layout, or the continuation of a cell merged down from the row above. */
interface RowCell {
  width: number;
  colSpan: number;
  rowSpan: number;
  align?: Align;
  /** The layout cell; none for a continuation (`w:vMerge` continue, an empty paragraph). */
  cell?: LayoutCell;
}

/**
 * The rows with the continuation cells of merged cells: the cell below a cell merged over n rows
 * continues it over n − 1, at the place of its grid column; a merge past the last row ends there.
 */
function withContinuations(rows: RowCell[][]): void {
  for (let r = 0; r + 1 < rows.length; r++) {
    let column = 0;
    for (const c of rows[r].slice()) {
      if (c.rowSpan > 1) {
        const next = rows[r + 1];
        // Before the first cell of the next row that reaches past this column (at the end if none does).
        let at = 0;
        for (let start = 0; at < next.length; at++) {
          start += next[at].colSpan;
          if (start > column) break;
        }
        next.splice(at, 0, { width: c.width, colSpan: c.colSpan, rowSpan: c.rowSpan - 1, align: c.align });
      }
      column += c.colSpan;
    }
  }
}

const TABLE_BORDERS =
  '<w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`).join('') +
  '</w:tblBorders>';

const CELL_MARGIN_VERTICAL = 20;

function tableXml(t: ExportTable): string {
  const sizing = tableSizing(t, TEXT_WIDTH);
  const style = tableStyle(sizing.size);
  const width = (col: number, span: number) => {
    let sum = 0;
    for (let i = col; i < col + span && i < sizing.widths.length; i++) sum += sizing.widths[i];
    return sum;
  };
  const rowOf = (cells: LayoutCell[]): RowCell[] =>
    cells.map((c) => ({
      width: width(c.col, c.colSpan),
      colSpan: Math.max(1, c.colSpan),
      rowSpan: c.rowSpan,
      align: cellAlignment(c),
      cell: c,
    }));
  const rows = [...t.headerRows.map(rowOf), ...t.bodyRows.map(rowOf)];
  withContinuations(rows);
  const headers = t.headerRows.length;
  let out =
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${twips(TEXT_WIDTH)}"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:top w:type="dxa" w:w="${CELL_MARGIN_VERTICAL}"/><w:left w:type="dxa" w:w="${twips(sizing.margin)}"/>` +
    `<w:bottom w:type="dxa" w:w="${CELL_MARGIN_VERTICAL}"/><w:right w:type="dxa" w:w="${twips(sizing.margin)}"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${sizing.widths.map((w) => `<w:gridCol w:w="${twips(w)}"/>`).join('')}</w:tblGrid>`;
  rows.forEach((cells, r) => {
    // A row with no cell at all is not written (Word does not open a document with one).
    if (cells.length === 0) return;
    const header = r < headers;
    // Header rows are kept with the body; body rows as the model says.
    const keepNext = header || t.keepNext[r - headers] === true;
    out += `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`;
    for (const c of cells) {
      out +=
        `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${twips(c.width)}"/>` +
        (c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : '') +
        (!c.cell ? '<w:vMerge w:val="continue"/>' : c.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '') +
        '<w:vAlign w:val="center"/></w:tcPr>' +
        (c.cell ? paragraph({ style, keepNext, align: c.align }, runs(c.cell.text)) : paragraph({ keepNext, align: c.align })) +
        '</w:tc>';
    }
    out += '</w:tr>';
  });
  return `${out}</w:tbl>`;
}

const BLANK = paragraph({ style: STYLE.blank });

function blockXml(b: ExportBlock): string {
  switch (b.kind) {
    case 'title':
      // One paragraph, its lines broken where the meaning allows; a blank line below (§7.3.1).
      return paragraph({ style: STYLE.title }, b.lines.map((l, i) => run(l, i > 0)).join('')) + BLANK;
    case 'heading':
      return paragraph({ style: b.level === 1 ? STYLE.h1 : b.level === 2 ? STYLE.h2 : STYLE.h3 }, runs(b.text));
    case 'signature':
      return paragraph({ style: STYLE.signature }, runs(b.text));
    case 'paragraph': {
      const text = b.list ? `${b.list}${/^\d/.test(b.list) ? '' : ' '}${b.text}` : b.text;
      const indent = b.quote ? { left: 2 * CHAR * b.quote } : undefined;
      return paragraph({ style: b.code ? STYLE.code : STYLE.body, indent }, runs(text));
    }
    case 'table':
      return tableXml(b) + BLANK;
  }
}

/** The section: A4, the margins of §5.2.1, even and odd page-number footers, lines at their exact spacing. */
const SECTION =
  '<w:sectPr><w:footerReference w:type="default" r:id="rId6"/><w:footerReference w:type="even" r:id="rId7"/>' +
  `<w:pgSz w:w="${GONGWEN.page.width}" w:h="${GONGWEN.page.height}" w:orient="portrait"/>` +
  `<w:pgMar w:top="${GONGWEN.margin.top}" w:right="${GONGWEN.margin.right}" w:bottom="${GONGWEN.margin.bottom}" w:left="${GONGWEN.margin.left}" w:header="${HEADER_DISTANCE}" w:footer="${FOOTER_DISTANCE}" w:gutter="0"/>` +
  // No document grid: lines are set by their exact spacing (a line grid would stretch every table row to 28.95 pt).
  `<w:pgNumType/><w:docGrid w:type="default" w:linePitch="${GONGWEN.line}"/></w:sectPr>`;

function documentXml(m: ExportModel): string {
  let body = '';
  for (const b of m.blocks) body += blockXml(b);
  return `${DOCUMENT_START}<w:body>${body}${SECTION}</w:body></w:document>`;
}

/** A page-number footer: 4号 half-width 宋体 digits between two one-character dashes. */
function footerXml(align: 'left' | 'right'): string {
  const props = pPr({
    spacing: `w:after="0" w:before="0" w:line="${GONGWEN.size.pageNumber * 10}" w:lineRule="exact"`,
    indent: { [align]: PAGE_NUMBER_INDENT, firstLine: 0 },
    align,
  });
  const run = (content: string) => `<w:r>${rPr(GONGWEN.font.number, GONGWEN.size.pageNumber, GONGWEN.font.number)}${content}</w:r>`;
  const field =
    run('<w:fldChar w:fldCharType="begin"/>') +
    run('<w:instrText xml:space="preserve">PAGE</w:instrText>') +
    run('<w:fldChar w:fldCharType="separate"/>') +
    run('<w:fldChar w:fldCharType="end"/>');
  const dashes = (t: string) => run(`<w:t xml:space="preserve">${t}</w:t>`);
  return `${FOOTER_START}<w:p>${props}${dashes('— ')}${field}${dashes(' —')}</w:p></w:ftr>`;
}

// ---------------------------------------------------------------------------
// Package

/** Fixed document dates and zip times: the same draft gives the same bytes. */
const FIXED_DATE = '2000-01-01T00:00:00Z';

/** docProps/core.xml with fixed dates. */
function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</dc:title><dc:creator>xxgk-report</dc:creator><cp:lastModifiedBy>xxgk-report</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified></cp:coreProperties>`
  );
}

/** docProps/custom.xml: the mark of our exports, with the digest of document.xml as written. */
function customXml(digest: string): string {
  const property = (pid: number, name: string, value: string) =>
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="${name}"><vt:lpwstr>${value}</vt:lpwstr></property>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    property(2, DOCX_MARK_PROPERTY, 'export') +
    property(3, DOCX_DIGEST_PROPERTY, digest) +
    '</Properties>'
  );
}

/**
 * The fonts the document names, with what a PC without them should use: Word and WPS take
 * `w:altName`, the GB2312 character set and the family and PANOSE class to pick a substitute
 * (the PANOSE numbers are those of the stock Windows fonts 宋体, 仿宋, 楷体 and 黑体).
 */
const FONT_TABLE: { name: string; alt: string; panose: string; family: 'roman' | 'swiss'; pitch: 'variable' | 'fixed' }[] = [
  { name: '方正小标宋简体', alt: '宋体', panose: '02010600030101010101', family: 'roman', pitch: 'variable' },
  { name: '仿宋_GB2312', alt: '仿宋', panose: '02010609060101010101', family: 'roman', pitch: 'fixed' },
  { name: '楷体_GB2312', alt: '楷体', panose: '02010609060101010101', family: 'roman', pitch: 'fixed' },
  { name: '黑体', alt: 'SimHei', panose: '02010609060101010101', family: 'swiss', pitch: 'fixed' },
  { name: '宋体', alt: 'SimSun', panose: '02010600030101010101', family: 'roman', pitch: 'variable' },
  { name: '仿宋', alt: 'FangSong', panose: '02010609060101010101', family: 'roman', pitch: 'fixed' },
  { name: '楷体', alt: 'KaiTi', panose: '02010609060101010101', family: 'roman', pitch: 'fixed' },
];

/** The font table part (test/io/docx-reference.ts writes the same). */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/><w:sig w:usb0="00000003" w:usb1="288F0000" w:usb2="00000016" w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/></w:font>`,
  ).join('');
  const tnr =
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/><w:sig w:usb0="E0002EFF" w:usb1="C000785B" w:usb2="00000009" w:usb3="00000000" w:csb0="000001FF" w:csb1="00000000"/></w:font>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}${tnr}</w:fonts>`;
}

const utf8 = new TextEncoder();

/** The parts that are the same in every export, by name: everything but the body and the two property parts. */
function fixedParts(): Record<string, string> {
  return {
    'word/_rels/document.xml.rels': DOCUMENT_RELS_XML,
    'word/styles.xml': stylesXml(),
    '_rels/.rels': PACKAGE_RELS_XML,
    'word/_rels/footer1.xml.rels': EMPTY_RELS_XML,
    'word/_rels/footer2.xml.rels': EMPTY_RELS_XML,
    'word/footer1.xml': footerXml('right'),
    'word/footer2.xml': footerXml('left'),
    'docProps/app.xml': APP_XML,
    'word/footnotes.xml': FOOTNOTES_XML,
    'word/_rels/footnotes.xml.rels': EMPTY_RELS_XML,
    'word/endnotes.xml': ENDNOTES_XML,
    'word/_rels/endnotes.xml.rels': EMPTY_RELS_XML,
    'word/settings.xml': SETTINGS_XML,
    'word/fontTable.xml': fontTableXml(),
    'word/_rels/fontTable.xml.rels': EMPTY_RELS_XML,
    'word/theme/theme1.xml': THEME_XML,
    'word/numbering.xml': NUMBERING_XML,
    '[Content_Types].xml': CONTENT_TYPES_XML,
  };
}

/** Package order, as docx wrote it; the three names not in fixedParts() are the draft's own. */
const PART_ORDER = [
  'word/_rels/document.xml.rels',
  'word/document.xml',
  'word/styles.xml',
  'docProps/core.xml',
  '_rels/.rels',
  'word/_rels/footer1.xml.rels',
  'word/_rels/footer2.xml.rels',
  'word/footer1.xml',
  'word/footer2.xml',
  'docProps/custom.xml',
  'docProps/app.xml',
  'word/footnotes.xml',
  'word/_rels/footnotes.xml.rels',
  'word/endnotes.xml',
  'word/_rels/endnotes.xml.rels',
  'word/settings.xml',
  'word/fontTable.xml',
  'word/_rels/fontTable.xml.rels',
  'word/theme/theme1.xml',
  'word/numbering.xml',
  '[Content_Types].xml',
] as const;

/** A fixed part packed at build time: its CRC, its size and its compressed bytes in base64. */
export type PackedFixedPart = { crc: number; size: number; deflated: string };

/**
 * The fixed parts compressed, as build.mjs puts them into the bundles (XXGK_DOCX_FIXED_PARTS):
 * compressing eighteen small parts in a process that lives a fraction of a second cost more
 * than the body, most of it zlib's start on each; the bytes are the same either way.
 */
export function packFixedParts(): Record<string, PackedFixedPart> {
  const out: Record<string, PackedFixedPart> = {};
  for (const [name, xml] of Object.entries(fixedParts())) {
    const p = packPart(utf8.encode(xml));
    out[name] = { crc: p.crc, size: p.size, deflated: Buffer.from(p.deflated).toString('base64') };
  }
  return out;
}

/**
 * The fixed parts as build.mjs packed them into this bundle, and whether it did: undefined when
 * run from the sources. The flag is a constant of the build, so that the bundle keeps only the
 * packed parts, not the text they were packed from.
 */
declare const XXGK_DOCX_FIXED_PACKED: boolean | undefined;
declare const XXGK_DOCX_FIXED_PARTS: Record<string, PackedFixedPart>;

/** The fixed parts, packed: from the build when it packed them, else now. */
function packedFixedParts(): Map<string, PackedPart> {
  const out = new Map<string, PackedPart>();
  if (typeof XXGK_DOCX_FIXED_PACKED !== 'undefined' && XXGK_DOCX_FIXED_PACKED) {
    for (const [name, p] of Object.entries(XXGK_DOCX_FIXED_PARTS))
      out.set(name, { crc: p.crc, size: p.size, deflated: Buffer.from(p.deflated, 'base64') });
  } else {
    for (const [name, xml] of Object.entries(fixedParts())) out.set(name, packPart(utf8.encode(xml)));
  }
  return out;
}

/** The model as a Word document: its parts in the order docx wrote them, zipped the same way every time. */
export function modelToDocx(m: ExportModel): Uint8Array {
  const document = utf8.encode(documentXml(m));
  const own: Record<string, Uint8Array> = {
    'word/document.xml': document,
    'docProps/core.xml': utf8.encode(coreXml(m.title ?? '')),
    'docProps/custom.xml': utf8.encode(customXml(docxDigest(document))),
  };
  const fixed = packedFixedParts();
  return writeZip(
    PART_ORDER.map((name) => {
      const content = own[name] ?? fixed.get(name);
      if (!content) throw new Error(`no part ${name}`);
      return [name, content] as const;
    }),
  );
}
