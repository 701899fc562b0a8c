/**
 * The mark of a file this exporter wrote, so that an export only ever replaces its own earlier
 * output, never a file someone else wrote or edited:
 *
 * - .docx: custom document properties (docProps/custom.xml) `xxgk-report` and
 *   `xxgk-report-sha256`, the SHA-256 of word/document.xml as written;
 * - .html: `<meta name="generator" content="xxgk-report">` and
 *   `<meta name="xxgk-report-sha256" content="…">`, the SHA-256 of the page with that content empty.
 *
 * A file with the mark whose digest no longer matches was changed after the export (saved from
 * Word or WPS, edited by hand): it is someone's work now, and is not ours to replace. Reading a
 * mark is bounded by what the file holds: the one ZIP reader (zip.ts) walks the directory within
 * the file and inflates only the two parts, within a size limit.
 */
import { createHash } from 'node:crypto';
import { decodeUtf8 } from '../encoding';
import { readZipParts } from './zip';

export const DOCX_MARK_PROPERTY = 'xxgk-report';
export const DOCX_DIGEST_PROPERTY = 'xxgk-report-sha256';
export const HTML_GENERATOR = '<meta name="generator" content="xxgk-report">';
const HTML_DIGEST = /<meta name="xxgk-report-sha256" content="([0-9a-f]{64})">/;

export type ExportMark = 'ours' | 'edited' | 'foreign';

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The digest written into docProps/custom.xml: SHA-256 of word/document.xml. */
export function docxDigest(documentXml: Uint8Array): string {
  return sha256(documentXml);
}

/** The page with its mark: the generator and the digest of the page (`head` must hold HTML_GENERATOR). */
export function markHtml(html: string): string {
  const empty = html.replace(HTML_GENERATOR, `${HTML_GENERATOR}\n<meta name="xxgk-report-sha256" content="">`);
  return empty.replace('<meta name="xxgk-report-sha256" content="">', `<meta name="xxgk-report-sha256" content="${sha256(empty)}">`);
}

function htmlMark(text: string): ExportMark {
  if (!text.includes(HTML_GENERATOR)) return 'foreign';
  const m = HTML_DIGEST.exec(text);
  if (!m) return 'edited';
  return sha256(text.replace(m[0], '<meta name="xxgk-report-sha256" content="">')) === m[1] ? 'ours' : 'edited';
}

/** Limits of reading a package's mark: entries walked, and the parts inflated (a real document.xml is well under this). */
const MARK_ZIP_LIMITS = { maxEntries: 4096, maxPartBytes: 64 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 + 256 * 1024 };

/** The two parts that hold the mark, by the one bounded ZIP reader; none when the package cannot be read (no mark). */
function markParts(zip: Uint8Array): Map<string, Uint8Array> {
  try {
    return readZipParts(zip, new Set(['docProps/custom.xml', 'word/document.xml']), MARK_ZIP_LIMITS);
  } catch {
    return new Map();
  }
}

function docxMark(zip: Uint8Array): ExportMark {
  const parts = markParts(zip);
  const custom = parts.get('docProps/custom.xml');
  if (!custom) return 'foreign';
  const xml = decodeUtf8(custom);
  const property = (name: string) =>
    new RegExp(`<property\\b[^>]*\\bname="${name}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(xml)?.[1];
  if (property(DOCX_MARK_PROPERTY) === undefined) return 'foreign';
  const digest = property(DOCX_DIGEST_PROPERTY);
  const document = parts.get('word/document.xml');
  return digest && document && docxDigest(document) === digest ? 'ours' : 'edited';
}

/**
 * Whether a file is one of our exports, untouched since: by its content (a zip is read as a
 * Word package, anything else as a page), whatever its name.
 */
export function exportMark(data: Uint8Array): ExportMark {
  if (data[0] === 0x50 && data[1] === 0x4b) return docxMark(data);
  // The mark is in the head of the page; the digest needs the whole text.
  const head = decodeUtf8(data.subarray(0, 4096));
  if (!head.includes(HTML_GENERATOR)) return 'foreign';
  return htmlMark(decodeUtf8(data));
}
