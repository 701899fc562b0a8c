/** Folding of labels so that variants written by hand compare equal. */
import { leadingMarker } from './text/enumeration';
import { inlineText } from './text/escape';
import { ORDINAL_NUMERALS } from './text/numerals';

const QUOTES = /[“”"'‘’「」『』《》]/g;
const PUNCT = /[，,。.、；;：:！!？?·•\-—－_~～*]/g;

/** Whitespace of every kind, including the ideographic space U+3000 and NBSP. */
export const WS = /[\s\u3000\u00a0\u200b\ufeff]+/g;

/** Full-width forms to ASCII, whitespace removed: `（三） 不予 公开` → `(三)不予公开`. */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').replace(WS, '');
}

/** A comparison key: width folded, whitespace, quotes and punctuation removed; 其它 read as 其他 (both are written). */
export function labelKey(text: string): string {
  return foldWidth(text).replace(QUOTES, '').replace(PUNCT, '').replace(/[()]/g, '').replace(/其它/g, '其他');
}

/** Key of a label with its leading enumeration (`一、` `（一）` `1.`) removed. */
export function bareLabelKey(text: string): string {
  return labelKey(stripEnumeration(foldWidth(text)));
}

const PART_NUMBER = new RegExp(`^第[${ORDINAL_NUMERALS}]+部分[、:]?`);

export function stripEnumeration(folded: string): string {
  const marker = leadingMarker(folded) || (PART_NUMBER.exec(folded)?.[0] ?? '');
  return folded.slice(marker.length);
}

/** Plain text of a Markdown inline fragment: escapes resolved, emphasis and code markers dropped. */
export function inlinePlain(text: string): string {
  return inlineText(text);
}
