/** Folding of labels so that variants written by hand compare equal. */
import { inlineText } from './text/escape';

const QUOTES = /[“”"'‘’「」『』《》]/g;
const PUNCT = /[，,。.、；;：:！!？?·•\-—－_~～*]/g;

/** Whitespace of every kind, including the ideographic space U+3000 and NBSP. */
const WS = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** Full-width forms to ASCII, whitespace removed: `（三） 不予 公开` → `(三)不予公开`. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').replace(WS, '');
}

/** A comparison key: width folded, whitespace, quotes and punctuation removed; 其它 read as 其他 (both are written). */
export function labelKey(text: string): string {
  return foldWidth(text).replace(QUOTES, '').replace(PUNCT, '').replace(/[()]/g, '').replace(/其它/g, '其他');
}

/** Plain text of a Markdown inline fragment: escapes resolved, emphasis and code markers dropped. */
export function inlinePlain(text: string): string {
  return inlineText(text);
}
