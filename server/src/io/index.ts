/**
 * Import and export of reports: the public API of the io bundle (dist/io.js), loaded lazily
 * by the CLI and the VS Code client so that the server's start and keystroke path never load
 * the Word/HTML libraries.
 *
 *   importFile(bytes, fileName, opts) → Promise<{ markdown, unmapped, tables, kind, warnings }>
 *                                  any format of formats.ts, PDF included (a promise: pdf.js is async)
 *   importHtml(html)             → { markdown, unmapped, tables }, for clipboard HTML (Word, WPS, a browser)
 *   importText(text)             → same, for pasted plain text
 *   importJob(job)               → runs one of the three above, in this thread (the CLI, review)
 *   serveIoWorker(port)          → runs import and export jobs for a worker thread (service/io-worker.ts)
 *   exportDocx(markdown)         → Promise<Uint8Array>  (deterministic .docx bytes)
 *   exportHtml(markdown)         → string               (one self-contained page)
 *   exportReport(markdown, to)   → Promise<{ data, removed }>  (either, with the characters XML does not allow that were taken out)
 *   exportMark(bytes)            → 'ours' | 'edited' | 'foreign'  (whether a file is our untouched export)
 *
 * Readers throw ImportError (`.msg` = { zh, en }) for files they refuse: .doc/.wps, scanned
 * PDFs, encrypted or corrupt packages, zip bombs, XML with a DTD, pages over 50 MB.
 */
import { mapDocument, readPlainText } from '../core/grid/index';
import type { GridDocument, MapOptions, MapResult } from '../core/grid/index';
import { decodeBytes, replacedMessage, type Decoded } from '../encoding';
import { detectFormat, type ImportKind } from './formats';
import { readDocx } from './docx-read';
import { readHtml } from './html-read';
import { ImportError, LIMITS, SAVE_AS_DOCX, tooLarge } from './errors';
import { buildModel, type DocumentModel } from '../core/model';
import { modelToDocx } from './docx-write';
import { modelToHtml } from './html-write';
import { exportModelWith, type ExportModel } from './export-model';
import { exportJobWith, exportReportWith, type ExportJob, type ExportOutput } from './export-bundle';
import { importPdf } from './pdf/index';

export { ImportError, LIMITS } from './errors';
import type { MessagePort } from 'node:worker_threads';
import type { Message } from '../core/message';
export type { MapResult, UnmappedItem } from '../core/grid/index';
export { readDocx } from './docx-read';
export { readHtml } from './html-read';
export { EXPORT_LIMITS } from './export-model';
export { exportMark } from './export-mark';
export type { ExportJob, ExportOutput, ExportReply } from './export-bundle';
export type { ExportMark } from './export-mark';
export { readPdf, readPdfWithNotes, importPdf, SCANNED } from './pdf/index';

export { IMPORT_FORMATS, detectFormat, isImportPath, type ImportFormat, type ImportKind } from './formats';

/** An importer: a file's bytes as the mapped draft, noting what it noticed (bytes replaced…) in `warnings`. */
type Importer = (data: Uint8Array, fileName: string, warnings: Message[], opts: MapOptions) => Promise<MapResult>;

/** A reader of the grid model, mapped by the one mapper. */
function mapped(read: (data: Uint8Array, fileName: string, warnings: Message[]) => GridDocument): Importer {
  return (data, fileName, warnings, opts) => Promise.resolve(mapDocument(read(data, fileName, warnings), opts));
}

function decodedText(kind: 'html' | 'text'): Importer {
  return mapped((data, fileName, warnings) => {
    const d = decodeBytes(data, kind === 'html' ? { sniff: 'html' } : {});
    decodingNotes(d, fileName, warnings);
    return kind === 'html' ? readHtml(d.text) : readPlainText(d.text);
  });
}

const NOT_PDF: Message = { zh: '文件不是有效的 PDF', en: 'The file is not a valid PDF' };

/** The importer of each kind of formats.ts (a new format: its entry there, its importer here). */
const IMPORTERS: Record<ImportKind, Importer> = {
  docx: mapped((data, _name, warnings) => readDocx(data, warnings)),
  html: decodedText('html'),
  text: decodedText('text'),
  // pdf.js reads the text layer; the PDF reader writes its own notes into the draft's comment.
  pdf: (data, _name, _warnings, opts) => {
    if (!(data[0] === 0x25 && data[1] === 0x50 && data[2] === 0x44 && data[3] === 0x46)) throw new ImportError(NOT_PDF);
    return importPdf(data, opts);
  },
};

/** What an import gives: the draft, and what the reader noticed on the way (bytes replaced, a charset overruled). */
export type ImportResult = MapResult & { kind: ImportKind; warnings: Message[] };

function decodingNotes(d: Decoded, fileName: string, warnings: Message[]): void {
  const replaced = replacedMessage(d, fileName);
  if (replaced) warnings.push(replaced);
  if (d.overruled)
    warnings.push({
      zh: `${fileName} 声明的编码 ${d.overruled} 与内容不符，已按 ${d.encoding.toUpperCase()} 读取`,
      en: `${fileName} declares the charset ${d.overruled}, which its bytes contradict; read as ${d.encoding.toUpperCase()}`,
    });
}

/** The draft holds something of a report: its title, a section heading or a template table. */
function foundReport(r: MapResult): boolean {
  return r.tables.length > 0 || /^#{1,2} \S/m.test(r.markdown);
}

const NO_REPORT: Message = {
  zh: '没有找到年度报告的内容（报告标题、六个部分的标题或统计表），未生成草稿',
  en: 'No annual report found (no report title, section heading or statistics table); no draft made',
};

/**
 * Imports a file's bytes (.docx, .html/.htm, .txt) as a canonical Markdown draft. Rejects with
 * an ImportError (`.msg` = { zh, en }) for what it refuses, and for a file in which no report
 * is found (never an empty draft). The CLI, the server (in a worker thread) and review call
 * it; it is a promise because some readers (PDF) are asynchronous.
 */
export async function importFile(data: Uint8Array, fileName: string, opts: MapOptions = {}): Promise<ImportResult> {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  const format = detectFormat(data, fileName);
  if (format.kind === 'legacy' || format.refusal) throw new ImportError(format.refusal ?? SAVE_AS_DOCX);
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const warnings: Message[] = [];
  const result = await IMPORTERS[format.kind](data, name, warnings, opts);
  if (!foundReport(result)) throw new ImportError(NO_REPORT);
  return { ...result, kind: format.kind, warnings };
}

/** Imports clipboard HTML (copied from Word, WPS or a browser). */
export function importHtml(html: string, opts: MapOptions = {}): MapResult {
  return mapDocument(readHtml(html), opts);
}

/** Imports pasted plain text (tab-separated tables, one cell per line). */
export function importText(text: string, opts: MapOptions = {}): MapResult {
  return mapDocument(readPlainText(text), opts);
}

/** A conversion asked of the import worker (service/io-worker.ts). */
export type ImportJob =
  | { kind: 'file'; bytes: Uint8Array; fileName: string; opts: MapOptions }
  | { kind: 'html'; html: string; opts: MapOptions }
  | { kind: 'text'; text: string; opts: MapOptions };

/** Its answer: the draft, a refusal for the user, or an unexpected failure (a message for the log). */
export type ImportReply =
  | { ok: true; result: MapResult & { kind?: ImportKind; warnings?: Message[] } }
  | { ok: false; message: Message }
  | { ok: false; error: string };

/** Runs one conversion in this thread (the CLI; the worker thread runs it for the server). Never rejects. */
export async function importJob(job: ImportJob): Promise<ImportReply> {
  try {
    const result =
      job.kind === 'file'
        ? await importFile(job.bytes, job.fileName, job.opts)
        : job.kind === 'html'
          ? importHtml(job.html, job.opts)
          : importText(job.text, job.opts);
    return { ok: true, result };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, message: e.msg };
    return { ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

/** The export model of a draft (export-model.ts), parsed by the core; `parsed`, the complete model of the same text, spares the parse. */
export function exportModel(markdown: string, parsed?: DocumentModel): ExportModel {
  return exportModelWith(buildModel, markdown, parsed);
}

/** The draft as a Word document (deterministic bytes); a promise, as its callers have always awaited it. */
export function exportDocx(markdown: string): Promise<Uint8Array> {
  return Promise.resolve(markdown).then((m) => modelToDocx(exportModel(m)));
}

/** The draft as one self-contained HTML page. */
export function exportHtml(markdown: string): string {
  return modelToHtml(exportModel(markdown));
}

/** A draft as a Word file or a web page, with what had to be taken out of its text (export-bundle.ts), parsed by the core. */
export function exportReport(markdown: string, to: 'docx' | 'html', parsed?: DocumentModel): Promise<ExportOutput> {
  return exportReportWith(buildModel, markdown, to, parsed);
}

/** The worker thread's side: answers each job (import, paste or export) posted on `port`, one at a time. */
export function serveIoWorker(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  let chain = Promise.resolve();
  port.on('message', (job: ImportJob | ExportJob) => {
    chain = chain.then(async () => port.postMessage(job.kind === 'export' ? await exportJobWith(buildModel, job) : await importJob(job)));
  });
}
