/**
 * Text stays text: what a page, a Word file or the clipboard says is written into the Markdown
 * draft so that it reads back as the same characters and never as syntax — no HTML tag (an
 * `<img onerror>` or `<script>` written as visible text on a page), entity, code span, emphasis,
 * link or image, no heading, quote, list or table the source did not mean. One escaping
 * function for every place the import writes source text, and its inverse for the readers of
 * the draft (the export, the cell reader).
 *
 * CommonMark escapes any ASCII punctuation with a backslash, so escaping never changes the text
 * a Markdown renderer shows, and `markdownPlainText` gives the source text back exactly.
 */

/** ASCII punctuation: what a backslash escapes in CommonMark. */
const PUNCTUATION = '!-\\/:-@\\[-`{-~';

/**
 * Characters that would start inline syntax: `\` before punctuation (it would escape it), a
 * backtick, `*` and `~` (emphasis, strikethrough), `_` at a word edge, `[` (link, image,
 * footnote), `<` opening a tag, comment or autolink, `&` starting an entity.
 */
const INLINE = new RegExp(
  [
    `\\\\(?=[${PUNCTUATION}])`,
    '`',
    '\\*',
    '~',
    '\\[',
    '<(?=[A-Za-z/!?])',
    '&(?=#?[A-Za-z0-9]+;)',
    '(?<![A-Za-z0-9])_',
    '_(?![A-Za-z0-9])',
  ].join('|'),
  'g',
);

/** Inline text (a heading's text, a label): no character of it starts Markdown or HTML syntax. */
export function escapeInline(text: string): string {
  return text.replace(INLINE, (m) => `\\${m}`).replace(/(\s)(#+)$/, '$1\\$2');
}

/** A table cell's text: inline text, and a pipe never ends the cell. */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|');
}

/** Block structure a line would start: heading, quote, list item, thematic break, table row. */
const LEADING = /^(?:#|>|\||[-+](?=\s|$)|-{3,}|_{3,}|={3,})/;
const ORDERED = /^(\d{1,9})([.)])(?=\s|$)/;

/** A paragraph's text (one line): inline text that also starts no block the source did not mean. */
export function escapeParagraph(text: string): string {
  const t = escapeInline(text);
  if (LEADING.test(t)) return `\\${t}`;
  return t.replace(ORDERED, '$1\\$2');
}

/** A backslash escape (kept as its character), or an emphasis or code marker (dropped). */
const UNESCAPE = new RegExp(`\\\\([${PUNCTUATION}])|\\*\\*|__|(?<!\\w)[*_](?!\\s)|\``, 'g');

const ESCAPE = new RegExp(`\\\\([${PUNCTUATION}])`, 'g');
/** Escaped punctuation hides behind U+E000 as a character of U+E021–U+E07E, out of every syntax pattern's reach. */
const HIDDEN = 0xe000;

/**
 * The escaped characters of Markdown source hidden from syntax patterns (a reader's tag, link or
 * entity patterns must not see `\<img …>` or `\&lt;`, which are text), with the function that
 * gives them back as the characters they stand for, without their backslashes.
 */
export function protectEscapes(source: string): { text: string; restore: (s: string) => string } {
  const text = source
    .replace(/\ue000/g, '\ue000\ue000')
    .replace(ESCAPE, (_m, ch: string) => `\ue000${String.fromCharCode(HIDDEN + ch.charCodeAt(0))}`);
  return {
    text,
    restore: (s) => s.replace(/\ue000([\s\S])/g, (_m, c: string) => (c === '\ue000' ? c : String.fromCharCode(c.charCodeAt(0) - HIDDEN))),
  };
}

/** Inline source without escapes and emphasis or code markers (cells, labels, prose). */
export function inlineText(source: string): string {
  // Most cells and labels have none of these characters: then there is nothing to replace.
  return MARKERS.test(source) ? source.replace(UNESCAPE, (m, ch?: string) => ch ?? '') : source;
}

/** The characters UNESCAPE can match at all. */
const MARKERS = /[\\*_`]/;
