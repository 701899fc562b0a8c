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
 * mark is bounded by what the file holds: the zip directory is walked entry by entry within
 * the file, and only two small parts are inflated, each up to a size limit.
 */
import { createHash } from 'node:crypto';
import { inflateSync, strFromU8 } from 'fflate';

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

/** Limits of reading a package's mark: entries walked, and the size of a part inflated. */
const MAX_ENTRIES = 4096;
const MAX_PART = 64 * 1024 * 1024;
const MAX_CUSTOM = 256 * 1024;

/** The uncompressed bytes of the named parts of a zip, each within `limit` bytes (missing: absent). */
function zipParts(zip: Uint8Array, wanted: Map<string, number>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return out;
  let p = v.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let n = 0; n < MAX_ENTRIES && p + 46 <= zip.length && v.getUint32(p, true) === 0x02014b50; n++) {
    const method = v.getUint16(p + 10, true);
    const compressed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLength = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    const name = decoder.decode(zip.subarray(p + 46, Math.min(zip.length, p + 46 + nameLength)));
    p += 46 + nameLength + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
    const limit = wanted.get(name);
    if (limit === undefined || size > limit || local + 30 > zip.length || v.getUint32(local, true) !== 0x04034b50) continue;
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    if (start + compressed > zip.length) continue;
    const data = zip.subarray(start, start + compressed);
    try {
      // Into a buffer of the declared size: a part that inflates to more is cut there (and its digest fails).
      out.set(name, method === 0 ? data : method === 8 ? inflateSync(data, { out: new Uint8Array(size) }) : new Uint8Array());
    } catch {
      /* a broken part: no mark */
    }
    if (out.size === wanted.size) break;
  }
  return out;
}

function docxMark(zip: Uint8Array): ExportMark {
  const parts = zipParts(
    zip,
    new Map([
      ['docProps/custom.xml', MAX_CUSTOM],
      ['word/document.xml', MAX_PART],
    ]),
  );
  const custom = parts.get('docProps/custom.xml');
  if (!custom) return 'foreign';
  const xml = strFromU8(custom);
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
  const head = new TextDecoder().decode(data.subarray(0, 4096));
  if (!head.includes(HTML_GENERATOR)) return 'foreign';
  return htmlMark(new TextDecoder().decode(data));
}
