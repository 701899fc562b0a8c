/**
 * Import and export of reports: the public API of the io bundle (dist/io.js), loaded lazily
 * by the CLI and the VS Code client so that the server's start and keystroke path never load
 * the Word/HTML libraries.
 *
 *   importFile(bytes, fileName, opts) → Promise<{ markdown, unmapped, tables, kind }>
 *                                  .docx / .html / .htm / .txt (a promise: readers such as PDF's are async)
 *   importHtml(html)             → { markdown, unmapped, tables }, for clipboard HTML (Word, WPS, a browser)
 *   importText(text)             → same, for pasted plain text
 *   serveImportWorker(port)      → runs the three above for a worker thread (service/io-worker.ts)
 *   exportDocx(markdown)         → Promise<Uint8Array>  (deterministic .docx bytes)
 *   exportHtml(markdown)         → string               (one self-contained page)
 *
 * Readers throw ImportError (`.msg` = { zh, en }) for files they refuse: .doc/.wps/.pdf,
 * encrypted or corrupt packages, zip bombs, XML with a DTD, pages over 50 MB.
 */
import { mapDocument, readPlainText } from '../core/grid/index';
import type { MapOptions, MapResult } from '../core/grid/index';
import { readDocx } from './docx-read';
import { decodeHtml, readHtml } from './html-read';
import { ImportError, LIMITS, SAVE_AS_DOCX, tooLarge } from './errors';

export { ImportError, LIMITS } from './errors';
export type { IoMessage } from './errors';
import type { IoMessage } from './errors';
import type { MessagePort } from 'node:worker_threads';
export type { MapResult, UnmappedItem } from '../core/grid/index';
export { readDocx } from './docx-read';
export { readHtml, decodeHtml } from './html-read';
export { exportDocx } from './docx-write';
export { exportHtml } from './html-write';
export { exportModel } from './export-model';

export type ImportKind = 'docx' | 'html' | 'text';

/** Extensions the importer reads. */
export const IMPORT_EXTENSIONS = ['.docx', '.html', '.htm', '.txt'];

const REFUSED = ['.doc', '.wps', '.pdf', '.et', '.xls', '.xlsx', '.rtf', '.odt', '.mht', '.mhtml'];

function extension(name: string): string {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? m[0] : '';
}

/** What kind of input a file is, by its first bytes and then its name. */
export function importKind(data: Uint8Array, fileName: string): ImportKind {
  const ext = extension(fileName);
  if (REFUSED.includes(ext)) throw new ImportError(SAVE_AS_DOCX);
  if (ext === '.docx' || (data[0] === 0x50 && data[1] === 0x4b) || (data[0] === 0xd0 && data[1] === 0xcf)) return 'docx';
  if (data[0] === 0x25 && data[1] === 0x50 && data[2] === 0x44 && data[3] === 0x46) throw new ImportError(SAVE_AS_DOCX);
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

/**
 * Imports a file's bytes (.docx, .html/.htm, .txt) as a canonical Markdown draft. Rejects with
 * an ImportError (`.msg` = { zh, en }) for what it refuses. The CLI, the server (in a worker
 * thread) and review call it; it is a promise because some readers (PDF) are asynchronous.
 */
export async function importFile(data: Uint8Array, fileName: string, opts: MapOptions = {}): Promise<MapResult & { kind: ImportKind }> {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  const kind = importKind(data, fileName);
  const doc = kind === 'docx' ? readDocx(data) : kind === 'html' ? readHtml(decodeHtml(data)) : readPlainText(decodeText(data));
  return Promise.resolve({ ...mapDocument(doc, opts), kind });
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
  { ok: true; result: MapResult & { kind?: ImportKind } } | { ok: false; message: IoMessage } | { ok: false; error: string };

async function runJob(job: ImportJob): Promise<ImportReply> {
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

/** The worker thread's side: answers each job posted on `port`, one at a time. */
export function serveImportWorker(port: Pick<MessagePort, 'on' | 'postMessage'>): void {
  let chain = Promise.resolve();
  port.on('message', (job: ImportJob) => {
    chain = chain.then(async () => port.postMessage(await runJob(job)));
  });
}
