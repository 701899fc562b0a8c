/**
 * What counts as acceptable input, for the server and the CLI alike: a size limit in bytes
 * of the file (UTF-8), text without NUL or other control characters, the encodings read
 * (encoding.ts: UTF-8 with or without BOM, UTF-16 with a BOM, GBK), and regular files only.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Locale } from './core/index';
import { decodeBytes, replacedMessage } from './encoding';

/** The default limit: 8 MB of the file. */
export const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

const MB = 1024 * 1024;

function formatMB(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/** Control characters a text file does not hold (tab, line breaks, form feed and ESC aside). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/;

/** The UTF-8 size of a string, without building a buffer when the answer is clear from its length. */
function utf8Bytes(text: string, limit = Infinity): number {
  // Each UTF-16 unit takes 1 to 3 bytes.
  if (text.length > limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

export type Refusal = { code: 'document-too-large'; bytes: number; limit: number } | { code: 'document-not-text'; detail: string };

/** Why an open document (already decoded text) is not analysed, or undefined. */
export function refuseText(text: string, maxBytes: number): Refusal | undefined {
  const bytes = utf8Bytes(text, maxBytes);
  if (bytes > maxBytes) return { code: 'document-too-large', bytes, limit: maxBytes };
  const m = CONTROL.exec(text);
  if (m) return { code: 'document-not-text', detail: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
  return undefined;
}

export function refusalMessage(r: Refusal, locale: Locale, what?: string): string {
  const name = what ? (locale === 'en' ? `${what}: ` : `${what}：`) : '';
  if (r.code === 'document-too-large') {
    return locale === 'en'
      ? `${name}the document is ${formatMB(r.bytes)} MB, above the limit of ${formatMB(r.limit)} MB (xxgkReport.maxDocumentSize): not checked`
      : `${name}文档有 ${formatMB(r.bytes)} MB，超过 ${formatMB(r.limit)} MB 的上限（xxgkReport.maxDocumentSize），未做检查`;
  }
  return locale === 'en'
    ? `${name}not a text file (it contains the control character ${r.detail}): not checked`
    : `${name}不是文本文件（含有控制字符 ${r.detail}），未做检查`;
}

export interface ReadResult {
  text?: string;
  /** Why the file was not read (a sentence naming the file). */
  error?: string;
  /** Read, but with a caveat (GBK, UTF-16). */
  warning?: string;
}

export interface BytesResult {
  bytes?: Uint8Array;
  /** Why the file was not read (a sentence naming the file). */
  error?: string;
}

/**
 * The one file reader: the bytes of a regular file (never blocks on a FIFO or a device, which
 * are refused), at most maxBytes (the size is checked before reading, and the read is bounded
 * even if the file grows meanwhile). Every command, the server, the importers, the workspace
 * index and the options resolver read through it. `shown` names the file in messages;
 * `head` reads the first maxBytes of a larger file instead of refusing it (a peek at a title).
 */
export function readFileBytes(path: string, maxBytes: number, shown = path, opts: { head?: boolean } = {}): BytesResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? `找不到文件：${shown}` : `无法读取 ${shown}：${code ?? (e as Error).message}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: `${shown} 不是普通文件，已跳过` };
    if (st.size > maxBytes && !opts.head)
      return { error: `${shown} 有 ${formatMB(st.size)} MB，超过 ${formatMB(maxBytes)} MB 的上限，未做处理` };
    // Read at most maxBytes + 1: a file that grows while read is still bounded.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + (opts.head ? 0 : 1));
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) break;
      n += r;
    }
    if (n > maxBytes) return { error: `${shown} 超过 ${formatMB(maxBytes)} MB 的上限，未做处理` };
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { error: `无法读取 ${shown}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file as acceptable text input: readFileBytes, then decoded as UTF-8, UTF-16 (BOM)
 * or GBK, holding no control characters.
 */
export function readInputFile(path: string, maxBytes: number, shown = path): ReadResult {
  const r = readFileBytes(path, maxBytes, shown);
  return r.bytes ? decode(r.bytes, shown) : { error: r.error };
}

/**
 * A file's bytes as acceptable text: decoded by evidence (encoding.ts: BOM, then UTF-8 with a
 * few bad bytes replaced and reported, then GB18030), holding no control characters.
 */
export function decode(buf: Uint8Array, shown: string): ReadResult {
  // NUL bytes outside UTF-16: a binary file, not text in some encoding.
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (!utf16 && buf.includes(0)) return { error: `${shown} 不是文本文件` };
  const d = decodeBytes(buf);
  if (d.evidence === 'guess') return { error: `${shown} 既不是 UTF-8 也不是 GBK 编码，无法读取` };
  const warnings: string[] = [];
  if (d.encoding.startsWith('utf-16')) warnings.push(`${shown} 是 UTF-16 编码，已按 UTF-16 读取；请另存为 UTF-8`);
  else if (d.encoding !== 'utf-8') warnings.push(`${shown} 不是 UTF-8 编码，已按 GBK 读取；请另存为 UTF-8`);
  const replaced = replacedMessage(d, shown);
  if (replaced) warnings.push(replaced.zh);
  const text = d.text.replace(/^\ufeff/, '');
  const m = CONTROL.exec(text);
  if (m) return { error: `${shown} 不是文本文件（含有控制字符 U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}）` };
  return { text, ...(warnings.length ? { warning: warnings.join('；') } : {}) };
}

/**
 * The first bytes of a file as text, for the workspace index's peek at the title: the same
 * decoder as a whole file, tolerating a character cut at the end.
 */
export function decodeHead(buf: Uint8Array): string | undefined {
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  if (!utf16 && buf.includes(0)) return undefined;
  return decodeBytes(buf, { partial: true }).text.replace(/^\ufeff/, '');
}
