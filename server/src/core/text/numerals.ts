/**
 * Chinese numerals, in one place: the numeral characters (from the template's data) and
 * their values. Used by the line scanner (section ordinals), the table label splitter, the
 * prose reader (counts and dates) and the overview topics.
 */
import { CHINESE_NUMERALS } from '../template';

/** 〇 一 … 十 by value: NUMERAL_CHARS.indexOf('五') === 5. */
export const NUMERAL_CHARS = CHINESE_NUMERALS.join('');

/** The numerals of enumerations and ordinals, 一 to 十 (a character class body). */
export const ORDINAL_NUMERALS = CHINESE_NUMERALS.slice(1).join('');

/** The value of one numeral character 〇/一…十, or -1. */
export function numeralValue(ch: string): number {
  return NUMERAL_CHARS.indexOf(ch);
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 二十三 → 23, 一百零五 → 105, 二〇二四 (digit by digit) → 2024. */
export function chineseNumber(s: string): number | undefined {
  if (!s) return undefined;
  if (/^[〇零一二三四五六七八九]{2,}$/.test(s) && !s.includes('十')) {
    let n = 0;
    for (const ch of s) n = n * 10 + DIGITS[ch];
    return n;
  }
  let total = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      continue;
    }
    if (ch === '十') {
      total += (digit ?? 1) * 10;
      digit = undefined;
      continue;
    }
    if (ch === '百') {
      total += (digit ?? 1) * 100;
      digit = undefined;
      continue;
    }
    return undefined;
  }
  return total + (digit ?? 0);
}
