/**
 * Import and export of reports: the public API of the io bundle (dist/io.js), loaded lazily
 * by the CLI and the VS Code client so that the server's start and keystroke path never load
 * the Word/HTML libraries.
 *
 *   importFile(bytes, fileName)  → { markdown, unmapped, tables }   .docx / .html / .htm / .txt
 *   importFileAsync(bytes, name) → Promise of the same, for every format above and .pdf
 *   importHtml(html)             → same, for clipboard HTML (paste from Word, WPS, a browser)
 *   importText(text)             → same, for pasted plain text
 *   exportDocx(markdown)         → Promise<Uint8Array>  (deterministic .docx bytes)
 *   exportHtml(markdown)         → string               (one self-contained page)
 *   exportReport(markdown, to)   → Promise<{ data, removed }>  (either, with the characters XML does not allow that were taken out)
 *   exportMark(bytes)            → 'ours' | 'edited' | 'foreign'  (whether a file is our untouched export)
 *
 * Readers throw ImportError (`.msg` = { zh, en }) for files they refuse: .doc/.wps, scanned
 * PDFs, encrypted or corrupt packages, zip bombs, XML with a DTD, pages over 50 MB.
 */
import { mapDocument, readPlainText } from '../core/grid/index';
import type { MapOptions, MapResult } from '../core/grid/index';
import { readDocx } from './docx-read';
import { decodeHtml, readHtml } from './html-read';
import { ImportError, LIMITS, SAVE_AS_DOCX, tooLarge } from './errors';
import { modelToDocx } from './docx-write';
import { modelToHtml } from './html-write';
import { exportModel } from './export-model';
import { importPdf } from './pdf/index';

export { ImportError, LIMITS } from './errors';
export type { IoMessage } from './errors';
export type { MapResult, UnmappedItem } from '../core/grid/index';
export { readDocx } from './docx-read';
export { readHtml, decodeHtml } from './html-read';
export { exportDocx } from './docx-write';
export { exportHtml } from './html-write';
export { EXPORT_LIMITS, exportModel } from './export-model';
export { exportMark } from './export-mark';
export type { ExportMark } from './export-mark';
export { readPdf, readPdfWithNotes, importPdf, SCANNED } from './pdf/index';

export type ImportKind = 'docx' | 'html' | 'text' | 'pdf';

/** Extensions the importer reads (.pdf through importFileAsync). */
export const IMPORT_EXTENSIONS = ['.docx', '.html', '.htm', '.txt', '.pdf'];

const REFUSED = ['.doc', '.wps', '.et', '.xls', '.xlsx', '.rtf', '.odt', '.mht', '.mhtml'];

function extension(name: string): string {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? m[0] : '';
}

/** What kind of input a file is, by its first bytes and then its name. */
export function importKind(data: Uint8Array, fileName: string): ImportKind {
  const ext = extension(fileName);
  if (REFUSED.includes(ext)) throw new ImportError(SAVE_AS_DOCX);
  if (data[0] === 0x25 && data[1] === 0x50 && data[2] === 0x44 && data[3] === 0x46) return 'pdf';
  if (ext === '.pdf') throw new ImportError({ zh: '文件不是有效的 PDF', en: 'The file is not a valid PDF' });
  if (ext === '.docx' || (data[0] === 0x50 && data[1] === 0x4b) || (data[0] === 0xd0 && data[1] === 0xcf)) return 'docx';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:table|body|p)[\s>]/.test(head)) return 'html';
  return 'text';
}

/** Decodes a text file: BOM, else UTF-8 if valid, else GBK (GB18030). */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder('utf-8').decode(data.subarray(3));
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

/** Imports a file's bytes (.docx, .html/.htm, .txt) as a canonical Markdown draft. */
export function importFile(data: Uint8Array, fileName: string, opts: MapOptions = {}): MapResult & { kind: ImportKind } {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  const kind = importKind(data, fileName);
  // pdf.js works asynchronously: PDFs go through importFileAsync.
  if (kind === 'pdf')
    throw new ImportError({ zh: 'PDF 文件需要异步导入（importFileAsync）', en: 'PDF files are imported by importFileAsync' });
  const doc = kind === 'docx' ? readDocx(data) : kind === 'html' ? readHtml(decodeHtml(data)) : readPlainText(decodeText(data));
  return { ...mapDocument(doc, opts), kind };
}

/** Imports a file's bytes of any accepted format, PDF included, as a canonical Markdown draft. */
export async function importFileAsync(
  data: Uint8Array,
  fileName: string,
  opts: MapOptions = {},
): Promise<MapResult & { kind: ImportKind }> {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  if (importKind(data, fileName) === 'pdf') return { ...(await importPdf(data, opts)), kind: 'pdf' };
  return importFile(data, fileName, opts);
}

/** Imports clipboard HTML (copied from Word, WPS or a browser). */
export function importHtml(html: string, opts: MapOptions = {}): MapResult {
  return mapDocument(readHtml(html), opts);
}

/** Imports pasted plain text (tab-separated tables, one cell per line). */
export function importText(text: string, opts: MapOptions = {}): MapResult {
  return mapDocument(readPlainText(text), opts);
}

export interface ExportOutput {
  data: Uint8Array;
  /** Characters XML 1.0 does not allow that were taken out of the draft (count, the first's code and line). */
  removed: { count: number; first?: { code: string; line: number } };
}

/** A draft as a Word file or a web page, complete, with what had to be taken out of its text. */
export async function exportReport(markdown: string, to: 'docx' | 'html'): Promise<ExportOutput> {
  const model = exportModel(markdown);
  const data = to === 'docx' ? await modelToDocx(model) : new TextEncoder().encode(modelToHtml(model));
  return { data, removed: model.removed };
}
