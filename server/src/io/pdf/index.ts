/**
 * PDF reports in: a PDF's bytes to the grid model that the one template mapper turns into the
 * draft, as for Word and HTML.
 *
 *   extractPages (pdf.js: text runs and ruling lines per page)
 *     → text-less pages: today refused or noted; an OCR stage would fill their runs here
 *     → layoutPages (lines, paragraphs, tables with merged cells, furniture dropped)
 *
 * Figures come from the text layer only; a cell that could be read two ways is kept as written
 * and listed in the notes. A PDF with no text layer at all (a scan) is refused with a clear word.
 */
import { IMPORT_NOTE_START, TABLE_NAME, mapDocument } from '../../core/grid/mapper';
import type { MapOptions, MapResult, UnmappedItem } from '../../core/grid/mapper';
import type { GridDocument } from '../../core/grid/model';
import { ImportError } from '../errors';
import { extractPages } from './extract';
import { layoutPages, pagesText } from './layout';
import { PDF_LIMITS } from './limits';
import type { PdfNote } from './model';

export type { PdfNote } from './model';

export const SCANNED = {
  zh: '这是扫描件（图片），没有可读取的文字：请使用原始的 Word 或网页文件，或先做文字识别（OCR）',
  en: 'This is a scan (pictures) with no readable text: use the original Word file or web page, or run text recognition (OCR) first',
};

export interface PdfRead {
  doc: GridDocument;
  /** What the user should check: ambiguous cells, pages without text, text that could not be mapped. */
  notes: PdfNote[];
}

/** Reads a PDF into the grid model with the notes for the user. Throws ImportError for files it refuses. */
export async function readPdfWithNotes(bytes: Uint8Array, limits = PDF_LIMITS): Promise<PdfRead> {
  const { pages, notes } = await extractPages(bytes, limits);
  const layout = layoutPages(pages);
  const readable = layout.doc.blocks.some((b) => (b.kind === 'paragraph' ? b.text.trim() : b.rows.some((r) => r.some((c) => c.text))));
  if (!readable) {
    const anyText = pages.some((p) => p.runs.some((r) => r.text.trim()));
    throw new ImportError(
      anyText
        ? {
            zh: 'PDF 中的文字无法转换为可读的字符（字体缺少 ToUnicode 映射），没有可导入的内容：请使用原始的 Word 或网页文件',
            en: 'The text in the PDF cannot be mapped to Unicode (fonts without a ToUnicode map); nothing to import: use the original Word file or web page',
          }
        : SCANNED,
    );
  }
  const textless = layout.textless;
  if (textless.length)
    notes.push({
      text: `第${pagesText(textless)}页`,
      message: {
        zh: '这些页没有文字层（扫描件、图片或空白页），其内容未能导入，请对照原文件核对',
        en: 'these pages have no text layer (a scan, a picture or blank); their content was not imported, check them against the original',
      },
    });
  return { doc: layout.doc, notes: [...notes, ...layout.notes] };
}

/** Reads a PDF into the grid model (the notes are left out; readPdfWithNotes has them). */
export async function readPdf(bytes: Uint8Array): Promise<GridDocument> {
  return (await readPdfWithNotes(bytes)).doc;
}

/** A PDF's bytes as a canonical Markdown draft: the mapper's result with the reader's notes listed among the unmapped items. */
export async function importPdf(bytes: Uint8Array, opts: MapOptions = {}): Promise<MapResult> {
  const { doc, notes } = await readPdfWithNotes(bytes);
  const r = mapDocument(doc, { ...opts, comment: false });
  const unmapped: UnmappedItem[] = [...notes.map((n) => ({ text: n.text, message: n.message })), ...r.unmapped];
  if (opts.comment === false || !unmapped.length) return { ...r, unmapped };
  const eol = opts.eol ?? '\n';
  // The same note the mapper writes at the top of a draft, with the reader's notes first.
  const safe = (s: string) => s.replace(/--/g, '－－').replace(/>/g, '＞');
  const comment = [
    `${IMPORT_NOTE_START}以下内容未能对应到模板，已作为文字或原样保留，请核对：`,
    ...unmapped.map(
      (u) =>
        `- ${u.table ? TABLE_NAME[u.table].zh + '：' : ''}${safe(u.message.zh)}：${safe(u.text.replace(/\s+/g, ' ').trim()).slice(0, 120)}`,
    ),
    '-->',
  ];
  return { ...r, unmapped, markdown: [...comment, '', r.markdown].join(eol) };
}
