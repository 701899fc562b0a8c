/**
 * The accepted input formats, declared once (issue 20.3): which extensions and first bytes make
 * a file a Word document, a web page, pasted text or a PDF, and which are refused with a
 * message; likewise the request register's spreadsheets. io/index.ts binds each import kind to
 * its reader, io/register-read.ts each register kind; the CLI (`import`, `check` of files that
 * are not Markdown, `tally`), the server's import and tally requests, review and the VS Code
 * dialogs (through protocol.ts) read these tables. Data and pure functions only: the client
 * bundles it.
 *
 * Adding a format: an entry here and its importer in io/index.ts IMPORTERS (or its register reader).
 */
import { SAVE_AS_DOCX } from './errors';
import type { Message } from '../core/message';

export type ImportKind = 'docx' | 'html' | 'text' | 'pdf';

export interface ImportFormat {
  /** The importer that takes it (io/index.ts IMPORTERS); 'legacy' formats are only ever refused. */
  kind: ImportKind | 'legacy';
  /** Extensions, lower case, with the dot. */
  extensions: readonly string[];
  /** First bytes that make a file this format whatever its name. */
  magic?: readonly (readonly number[])[];
  name: Message;
  /** Refused with this message instead of read. */
  refusal?: Message;
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

/** The kinds of request register the tally reads (io/register-read.ts binds each to its reader). */
export type RegisterKind = 'xlsx' | 'xls' | 'csv';

export interface RegisterFormat {
  /** The reader that takes it; 'refused' formats are only ever refused. */
  kind: RegisterKind | 'refused';
  extensions: readonly string[];
  /** First bytes that make a file this format whatever its name. */
  magic?: readonly (readonly number[])[];
  name: Message;
  refusal?: Message;
}

export const SAVE_AS_XLSX: Message = {
  zh: '无法读取这种文件：请在 Excel 或 WPS 中另存为 .xlsx（或 .csv）后再试',
  en: 'This file type cannot be read: save it as .xlsx (or .csv) in Excel or WPS and try again',
};

/**
 * The request register's formats (the tally, `xxgk-report tally`, the VS Code command and the
 * `register` setting). A workbook is known by its first bytes (an .et of WPS is an OLE workbook
 * too); a workbook's extension on a file without them is refused, as are other office files.
 */
export const REGISTER_FORMATS: readonly RegisterFormat[] = [
  { kind: 'xlsx', extensions: ['.xlsx', '.xlsm'], magic: [ZIP], name: { zh: 'Excel 工作簿', en: 'Excel workbook' } },
  { kind: 'xls', extensions: ['.xls', '.et'], magic: [OLE], name: { zh: 'Excel 97–2003 工作簿', en: 'Excel 97–2003 workbook' } },
  { kind: 'csv', extensions: ['.csv', '.txt'], name: { zh: 'CSV 表格', en: 'CSV table' } },
  {
    kind: 'refused',
    extensions: ['.ods', '.numbers', '.pdf', '.doc', '.docx'],
    name: { zh: '其他软件的文件', en: 'other formats' },
    refusal: SAVE_AS_XLSX,
  },
];

/** Extensions (without the dot) of the register formats read, for an open dialog's filter. */
export const REGISTER_DIALOG_EXTENSIONS: readonly string[] = REGISTER_FORMATS.filter((f) => !f.refusal).flatMap((f) =>
  f.extensions.map((e) => e.slice(1)),
);

/** A register file's format: its first bytes, else a refusal by its name, else CSV text (whatever it is named). */
export function detectRegisterFormat(data: Uint8Array, fileName: string): RegisterFormat {
  const magic = REGISTER_FORMATS.find((f) => f.magic?.some((m) => startsWith(data, m)));
  if (magic) return magic;
  const ext = extensionOf(fileName);
  const named = REGISTER_FORMATS.find((f) => f.extensions.includes(ext));
  // A workbook's name without a workbook's bytes: a damaged or mislabelled file, not text.
  if (named && named.kind !== 'csv') return named.refusal ? named : { ...named, kind: 'refused', refusal: SAVE_AS_XLSX };
  return REGISTER_FORMATS.find((f) => f.kind === 'csv')!;
}

/** Whether the data starts as an OLE compound file (old Word and Excel files, and encrypted packages). */
export function isOle(data: Uint8Array): boolean {
  return startsWith(data, OLE);
}

/**
 * An OLE compound file holding an encrypted Office package (its EncryptionInfo or
 * EncryptedPackage stream, named in UTF-16LE in the directory), rather than an old .doc/.xls.
 * A byte search of the first megabyte: the data is not text and is not decoded.
 */
export function isEncryptedOle(data: Uint8Array): boolean {
  const head = data.subarray(0, Math.min(data.length, 1 << 20));
  return ['EncryptionInfo', 'EncryptedPackage'].some((name) => {
    const needle = [...name].flatMap((c) => [c.charCodeAt(0), 0]);
    for (let i = head.indexOf(needle[0]); i !== -1 && i + needle.length <= head.length; i = head.indexOf(needle[0], i + 1))
      if (needle.every((b, k) => head[i + k] === b)) return true;
    return false;
  });
}

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
