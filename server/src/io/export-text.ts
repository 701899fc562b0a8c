/**
 * Text as the exporters write it: the visible text of Markdown inline syntax (what the preview
 * shows), characters XML 1.0 does not allow taken out, and the widths the layout is measured in.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { inlinePlain } from '../core/normalize';
import { protectEscapes } from '../core/text/escape';

/** A hard line break inside a paragraph or a cell (`<br>`, a backslash or two spaces at a line's end). */
export const LINE_BREAK = '\n';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** The named entities a Chinese draft meets (from Word, a CMS or by hand); others stay as written. */
const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ensp: '\u2002',
  emsp: '\u2003',
  thinsp: '\u2009',
  ldquo: '\u201c',
  rdquo: '\u201d',
  lsquo: '\u2018',
  rsquo: '\u2019',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  middot: '\u00b7',
  bull: '\u2022',
  times: '\u00d7',
  divide: '\u00f7',
  plusmn: '\u00b1',
  deg: '\u00b0',
  permil: '\u2030',
  yen: '\u00a5',
  sect: '\u00a7',
  copy: '\u00a9',
  reg: '\u00ae',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsaquo: '\u2039',
  rsaquo: '\u203a',
  le: '\u2264',
  ge: '\u2265',
  ne: '\u2260',
  rarr: '\u2192',
  larr: '\u2190',
};

/** Entities the Markdown preview shows as characters (`&nbsp;` `&amp;` `&#19968;`). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (m, dec, hex, name) => {
    if (name) return Object.hasOwn(ENTITIES, name as string) ? ENTITIES[name as string] : m;
    const code = dec ? Number(dec) : parseInt(hex as string, 16);
    // As CommonMark: 0 and values outside Unicode become U+FFFD.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/** What visibleText acts on: escapes, emphasis and code marks, tags, links, entities, line ends, its own markers. */
const MARKUP = /[\\*_`<[&\n\r\u2028\ue000]/;

/**
 * The visible text of a paragraph, heading or cell written in Markdown: emphasis, code marks
 * and escapes dropped, links and images as their text, HTML tags dropped (`<br>` a line break),
 * entities decoded; a soft line break joins Chinese without a space and other text with one.
 */
export function visibleText(markdown: string): string {
  // Most cells and many paragraphs are plain text (a figure, a label): nothing below would change them but the trim.
  if (!MARKUP.test(markdown)) return markdown.trim();
  // Escaped characters are text (an imported page's `\<script>`): hidden from the patterns below.
  const { text: source, restore } = protectEscapes(markdown);
  const breaks = source
    .replace(/<br\s*\/?>/gi, '\u2028')
    // A hard break: a backslash or two spaces before the line's end.
    .replace(/(?: {2,}|\\)(\r?\n)/g, '\u2028$1');
  // Every pattern stops at the next bracket of its kind: linear on any text (a run of 50 000 `[` took seconds).
  const plain = inlinePlain(breaks)
    // Autolinks and links keep their visible text; images their description; other HTML tags go.
    .replace(/<((?:https?|ftp|mailto):[^<>\s]+)>/g, '$1')
    .replace(/!\[([^[\]]*)\]\([^()\n]*\)/g, '$1')
    .replace(/\[([^[\]]+)\]\([^()\n]*\)/g, '$1')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');
  const joined = plain.replace(/([^\n]?)[ \t]*\r?\n[ \t]*([^\n]?)/g, (_m, a: string, b: string) =>
    !a || !b || CJK.test(a) || CJK.test(b) || a === '\u2028' || b === '\u2028' ? a + b : `${a} ${b}`,
  );
  return restore(
    decodeEntities(joined)
      .split('\u2028')
      .map((l) => l.trim())
      .join(LINE_BREAK)
      .trim(),
  );
}

/** The text of a table cell as written in a GFM row (`\|` is a pipe). */
export function cellText(raw: string): string {
  return visibleText(raw.replace(/\\\|/g, '|'));
}

/**
 * The text an HTML block shows (a comment shows nothing): tags dropped, block ends and `<br>`
 * as line ends, entities decoded; one entry per non-empty line.
 */
export function htmlVisibleLines(html: string): string[] {
  const text = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h[1-6]|table|ul|ol|blockquote|pre|section|article|header|footer|dd|dt)\s*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\u3000')
    .replace(/<[^<>]*>/g, '');
  return decodeEntities(text)
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s\u3000]+$/g, '').trim())
    .filter((l) => l.length > 0);
}

// ---------------------------------------------------------------------------
// Characters XML 1.0 does not allow

/**
 * C0 controls other than tab and the line ends, U+FFFE and U+FFFF, and unpaired surrogates:
 * a Word file holding one is not well-formed XML and Word refuses it.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export interface CleanText {
  text: string;
  /** How many characters were taken out or replaced. */
  count: number;
  /** The first one: its code point and its 0-based line. */
  first?: { code: string; line: number };
}

/** The text without the characters XML 1.0 does not allow: surrogates become U+FFFD, the rest are removed. */
export function withoutXmlInvalid(text: string): CleanText {
  let count = 0;
  let first: CleanText['first'];
  NOT_XML.lastIndex = 0;
  if (!NOT_XML.test(text)) return { text, count };
  const out = text.replace(NOT_XML, (c: string, offset: number) => {
    if (count++ === 0) {
      let line = 0;
      for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
      first = { code: `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, line };
    }
    return c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '\ufffd' : '';
  });
  return { text: out, count, first };
}

// ---------------------------------------------------------------------------
// Widths

/**
 * Width of Latin letters and digits, in ems: ½ in Times New Roman, a little more where a PC
 * lacks it and the Chinese font draws them (Noto Serif CJK: 0.54).
 */
const NARROW_EM = 0.55;

/** get-east-asian-width's options, made once: emWidth asks for every character. */
const AMBIGUOUS_AS_WIDE = { ambiguousAsWide: true } as const;

/** Width of text in ems of its font: East Asian wide, full-width and ambiguous characters 1, others NARROW_EM. */
export function emWidth(text: string): number {
  return widthOf(text, 0, text.length);
}

/**
 * emWidth of text.slice(from, to), without making the slice: by code unit, a surrogate pair as
 * its code point (no string made for each character either).
 */
export function widthOf(text: string, from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      w += cp >= 0x20 ? NARROW_EM : 0;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    // Ambiguous characters (“ ” ①) take a whole em in the Chinese fonts.
    w += eastAsianWidth(cp, AMBIGUOUS_AS_WIDE) === 2 ? 1 : NARROW_EM;
  }
  return w;
}
