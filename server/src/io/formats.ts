/**
 * The import formats, declared once (issue 20.3): which extensions and first bytes make a file
 * a Word document, a web page, pasted text or a PDF, and which are refused with a message.
 * io/index.ts binds each kind to its reader; the CLI (`import`, and `check` of files that are
 * not Markdown), the server's import request, review and the VS Code import dialog (through
 * protocol.ts) read this table. Data and pure functions only: the client bundles it.
 *
 * Adding a format: an entry here and its importer in io/index.ts IMPORTERS.
 */
import { SAVE_AS_DOCX, type IoMessage } from './errors';

export type ImportKind = 'docx' | 'html' | 'text' | 'pdf';

export interface ImportFormat {
  /** The importer that takes it (io/index.ts IMPORTERS); 'legacy' formats are only ever refused. */
  kind: ImportKind | 'legacy';
  /** Extensions, lower case, with the dot. */
  extensions: readonly string[];
  /** First bytes that make a file this format whatever its name. */
  magic?: readonly (readonly number[])[];
  name: IoMessage;
  /** Refused with this message instead of read. */
  refusal?: IoMessage;
}

const ZIP = [0x50, 0x4b];
/** OLE compound files: old .doc/.wps, or an encrypted .docx (the Word reader tells them apart). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  { kind: 'docx', extensions: ['.docx'], magic: [ZIP, OLE], name: { zh: 'Word 文档', en: 'Word document' } },
  { kind: 'html', extensions: ['.html', '.htm', '.xhtml'], name: { zh: '网页', en: 'web page' } },
  { kind: 'text', extensions: ['.txt'], name: { zh: '文本', en: 'text' } },
  // Its text layer, by pdf.js (io/pdf/); a scan is refused there.
  { kind: 'pdf', extensions: ['.pdf'], magic: [PDF], name: { zh: 'PDF 文件', en: 'PDF' } },
  {
    kind: 'legacy',
    extensions: ['.doc', '.wps', '.et', '.xls', '.xlsx', '.rtf', '.odt', '.mht', '.mhtml'],
    name: { zh: '旧格式或其他软件的文件', en: 'old or other formats' },
    refusal: SAVE_AS_DOCX,
  },
];

function extensionOf(name: string): string {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? m[0] : '';
}

function byExtension(name: string): ImportFormat | undefined {
  const ext = extensionOf(name);
  return ext ? IMPORT_FORMATS.find((f) => f.extensions.includes(ext)) : undefined;
}

/** Extensions (without the dot) of the formats read, for an open dialog's filter. */
export const IMPORT_DIALOG_EXTENSIONS: readonly string[] = IMPORT_FORMATS.filter((f) => !f.refusal).flatMap((f) =>
  f.extensions.map((e) => e.slice(1)),
);

/** Whether a path names a file to import rather than a Markdown draft (refused formats included: they get their message). */
export function isImportPath(path: string): boolean {
  return byExtension(path) !== undefined;
}

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

/** A page by its first bytes: a doctype, <html>, or the tags a fragment starts with. */
function looksLikeHtml(data: Uint8Array): boolean {
  let head = '';
  for (let i = 0; i < Math.min(data.length, 1024); i++) head += String.fromCharCode(data[i]);
  head = head
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:table|body|p)[\s>]/.test(head);
}

/**
 * The format of a file, by what it is: a refused extension first (a .doc is never read as
 * text), then its first bytes, then its extension, then a look at its head; text otherwise.
 */
export function detectFormat(data: Uint8Array, fileName: string): ImportFormat {
  const named = byExtension(fileName);
  if (named?.kind === 'legacy') return named;
  const magic = IMPORT_FORMATS.find((f) => f.magic?.some((m) => startsWith(data, m)));
  if (magic) return magic;
  if (named) return named;
  return IMPORT_FORMATS.find((f) => f.kind === (looksLikeHtml(data) ? 'html' : 'text'))!;
}
