/**
 * The one text decoder of the project (drafts, pasted text, web pages, Word XML parts): the
 * encoding is decided by evidence, in this order —
 *
 *   1. a byte-order mark (UTF-8, UTF-16 LE/BE); for XML, UTF-16 recognised by its first `<?`;
 *   2. a declared charset (a page's <meta>, an XML declaration), weighed against the bytes: a
 *      declaration the bytes contradict loses (`<meta charset="utf-16">` on an ASCII-compatible
 *      page is UTF-8, as browsers read it; a page declaring GBK whose bytes are UTF-8 is UTF-8);
 *   3. UTF-8, tolerating isolated bad bytes among much valid UTF-8 (each replaced by U+FFFD and
 *      reported with its byte offset), so one bad byte never turns a page into GBK;
 *   4. GB18030 (GBK's superset), else the likelier of the two with replacements.
 *
 * A caller that must not guess (a draft read for checking) refuses evidence 'guess'; an import
 * takes it, with the replacements reported. Pure: no I/O. input.ts (files read as drafts), io/ (imports) and the workspace index use it.
 */
import type { Message } from './core/message';

/** Why the encoding was chosen; 'guess' when neither UTF-8 nor GB18030 reads the bytes cleanly or nearly so. */
export type Evidence = 'bom' | 'utf-16-sniffed' | 'declared' | 'utf-8' | 'gb18030' | 'guess';

export interface Decoded {
  text: string;
  /** The WHATWG name of the encoding used: utf-8, utf-16le, utf-16be, gb18030, or a declared one. */
  encoding: string;
  evidence: Evidence;
  /** Invalid bytes replaced by U+FFFD: how many, and the byte offsets of the first ones. */
  replaced: { count: number; offsets: number[] };
  /** A declared charset the bytes contradicted (ignored). */
  overruled?: string;
}

export interface DecodeOptions {
  /** A charset the source declares outside its bytes (an HTTP header, the clipboard). */
  declared?: string;
  /** Look for a declaration in the first bytes: a page's <meta> or an XML declaration. */
  sniff?: 'html' | 'xml';
  /** The bytes are a prefix cut anywhere (a peek at a file's head): a character cut at the end is no error. */
  partial?: boolean;
}

/** Offsets reported of the bytes replaced (the count is always exact). */
const MAX_REPORTED = 20;

/** The charsets pages declare, by the decoder that reads them. */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  gb18030: 'gb18030',
  'gb_2312-80': 'gb18030',
  chinese: 'gb18030',
  big5: 'big5',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  unicode: 'utf-16le',
};

/** A declared label as the decoder's name, or undefined for a label no decoder knows. */
function charsetName(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase();
  if (ALIASES[l]) return ALIASES[l];
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

function latin1Head(bytes: Uint8Array, n: number): string {
  let s = '';
  const end = Math.min(bytes.length, n);
  for (let i = 0; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** The charset a page declares in its first 4 KB (<meta charset>, <meta http-equiv … charset=>). */
function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(latin1Head(bytes, 4096));
  return m?.[1];
}

function declaredXmlCharset(bytes: Uint8Array): string | undefined {
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w:.-]+)["']/i.exec(latin1Head(bytes, 256));
  return m?.[1];
}

interface Utf8Scan {
  /** Valid sequences of two to four bytes: the evidence for UTF-8. */
  multibyte: number;
  invalid: number;
  offsets: number[];
}

/** Validates UTF-8 as the WHATWG decoder does (each maximal bad subpart is one replacement). */
function scanUtf8(bytes: Uint8Array, partial: boolean): Utf8Scan {
  const scan: Utf8Scan = { multibyte: 0, invalid: 0, offsets: [] };
  const bad = (at: number): void => {
    scan.invalid++;
    if (scan.offsets.length < MAX_REPORTED) scan.offsets.push(at);
  };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      bad(i);
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      if (i + j >= n) break;
      const c = bytes[i + j];
      if (c < lower || c > upper) break;
      lower = 0x80;
      upper = 0xbf;
    }
    if (j > need) {
      scan.multibyte++;
      i += need + 1;
    } else if (i + j >= n && partial) {
      // A character cut by the end of a peek.
      break;
    } else {
      bad(i);
      i += j;
    }
  }
  return scan;
}

/**
 * Isolated bad bytes among plenty of valid UTF-8: a damaged UTF-8 text, not another encoding.
 * GBK text read as UTF-8 has far more bad sequences than chance-valid ones.
 */
function utf8Evident(s: Utf8Scan): boolean {
  return s.invalid === 0 || (s.multibyte >= 8 * s.invalid && s.invalid <= 16 + s.multibyte / 100);
}

function decodeWith(encoding: string, bytes: Uint8Array, partial: boolean, fatal = false): string {
  return new TextDecoder(encoding, { fatal }).decode(bytes, { stream: partial });
}

function tryDecode(encoding: string, bytes: Uint8Array, partial: boolean): string | undefined {
  try {
    return decodeWith(encoding, bytes, partial, true);
  } catch {
    return undefined;
  }
}

function replacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

const NONE = { count: 0, offsets: [] };

const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

function bom(bytes: Uint8Array, partial: boolean): Decoded | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const scan = scanUtf8(body, partial);
    return {
      text: decodeWith('utf-8', body, partial),
      encoding: 'utf-8',
      evidence: 'bom',
      replaced: { count: scan.invalid, offsets: scan.offsets.map((o) => o + 3) },
    };
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (!utf16) return undefined;
  const body = bytes.subarray(2, partial ? 2 + ((bytes.length - 2) & ~1) : bytes.length);
  const text = decodeWith(utf16, body, partial);
  return { text, encoding: utf16, evidence: 'bom', replaced: { count: replacements(text), offsets: [] } };
}

/** XML in UTF-16 without a BOM still starts with `<?` (or `<`), one zero byte beside each. */
function utf16Xml(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] !== 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[3] !== 0x00) return 'utf-16be';
  return undefined;
}

/** Decodes bytes by evidence (see the top of this file). Never throws; never decodes a UTF-8 text as GBK for a few bad bytes. */
export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const partial = opts.partial ?? false;
  const marked = bom(bytes, partial);
  if (marked) return marked;
  if (opts.sniff === 'xml') {
    const utf16 = utf16Xml(bytes);
    if (utf16) {
      const text = decodeWith(utf16, bytes, partial);
      return { text, encoding: utf16, evidence: 'utf-16-sniffed', replaced: { count: replacements(text), offsets: [] } };
    }
  }
  const label =
    opts.declared ?? (opts.sniff === 'html' ? declaredHtmlCharset(bytes) : opts.sniff === 'xml' ? declaredXmlCharset(bytes) : undefined);
  const declared = charsetName(label);
  // The bytes are read as ASCII-compatible text here: a UTF-16 declaration cannot be true of them.
  const usable = declared && !declared.startsWith('utf-16') ? declared : undefined;
  const overruled = (used: string) => (label && declared !== used ? { overruled: label } : {});

  const strict = tryDecode('utf-8', bytes, partial);
  if (strict !== undefined) {
    // Valid UTF-8 with non-ASCII characters is UTF-8 whatever is declared; pure ASCII reads the same in any of them.
    return { text: strict, encoding: 'utf-8', evidence: 'utf-8', replaced: NONE, ...(NON_ASCII.test(strict) ? overruled('utf-8') : {}) };
  }
  const scan = scanUtf8(bytes, partial);
  if (utf8Evident(scan)) {
    return {
      text: decodeWith('utf-8', bytes, partial),
      encoding: 'utf-8',
      evidence: 'utf-8',
      replaced: { count: scan.invalid, offsets: scan.offsets },
      ...overruled('utf-8'),
    };
  }
  if (usable && usable !== 'utf-8') {
    const text = tryDecode(usable, bytes, partial);
    if (text !== undefined) return { text, encoding: usable, evidence: 'declared', replaced: NONE };
  }
  const gb = tryDecode('gb18030', bytes, partial);
  if (gb !== undefined) return { text: gb, encoding: 'gb18030', evidence: 'gb18030', replaced: NONE, ...overruled('gb18030') };
  // Neither is clean: the one with fewer replacements.
  const lossyGb = decodeWith('gb18030', bytes, partial);
  const gbBad = replacements(lossyGb);
  if (gbBad < scan.invalid)
    return { text: lossyGb, encoding: 'gb18030', evidence: 'guess', replaced: { count: gbBad, offsets: [] }, ...overruled('gb18030') };
  return {
    text: decodeWith('utf-8', bytes, partial),
    encoding: 'utf-8',
    evidence: 'guess',
    replaced: { count: scan.invalid, offsets: scan.offsets },
    ...overruled('utf-8'),
  };
}

/**
 * Bytes a format defines as UTF-8 (the names in a ZIP directory, the parts and pages this
 * project wrote itself): no evidence to weigh, a bad byte replaced by U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return decodeWith('utf-8', bytes, false);
}

/** What a decoding replaced, as a sentence naming the file (undefined when nothing was). */
export function replacedMessage(d: Decoded, shown: string): Message | undefined {
  const { count, offsets } = d.replaced;
  if (!count) return undefined;
  const where = offsets.length ? offsets.join('、') : '';
  const more = count > offsets.length && offsets.length ? ' 等' : '';
  return {
    zh: `${shown} 有 ${count} 个无效的 ${d.encoding.toUpperCase()} 字节${where ? `（第 ${where}${more} 字节）` : ''}，已替换为 �`,
    en: `${shown} has ${count} invalid ${d.encoding.toUpperCase()} byte(s)${where ? ` (at byte ${offsets.join(', ')}${more ? ' …' : ''})` : ''}, replaced by �`,
  };
}
