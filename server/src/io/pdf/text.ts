/**
 * Characters as the text layer gives them, made into the text a reader sees: radicals that a
 * font's ToUnicode map chose for an ideograph's glyph turned back into the ideograph, runs joined
 * by geometry (Chinese has no spaces; a space only between Latin words set apart), characters
 * that no Unicode mapping exists for counted and dropped rather than shown as mojibake.
 */

/**
 * CJK Radicals Supplement code points that share a glyph with a unified ideograph in common CJK
 * fonts (Unicode's EquivalentUnifiedIdeograph.txt): Chromium's PDFs map 民 to ⺠ this way. The
 * Kangxi radicals (U+2F00–U+2FD5) have NFKC mappings and are folded by normalize().
 */
const RADICALS: Record<string, string> = {
  '⺁': '厂',
  '⺄': '乙',
  '⺅': '亻',
  '⺆': '冂',
  '⺉': '刂',
  '⺊': '卜',
  '⺋': '㔾',
  '⺌': '小',
  '⺍': '小',
  '⺎': '兀',
  '⺏': '尣',
  '⺐': '尢',
  '⺒': '巳',
  '⺓': '幺',
  '⺔': '彑',
  '⺖': '忄',
  '⺗': '心',
  '⺘': '扌',
  '⺙': '攵',
  '⺛': '旡',
  '⺜': '日',
  '⺝': '月',
  '⺞': '歺',
  '⺟': '母',
  '⺠': '民',
  '⺡': '氵',
  '⺢': '氺',
  '⺣': '灬',
  '⺤': '爫',
  '⺥': '爫',
  '⺦': '丬',
  '⺧': '牛',
  '⺨': '犭',
  '⺩': '王',
  '⺫': '目',
  '⺬': '示',
  '⺭': '礻',
  '⺯': '糹',
  '⺰': '纟',
  '⺱': '罓',
  '⺲': '罒',
  '⺶': '羊',
  '⺷': '羊',
  '⺹': '耂',
  '⺺': '肀',
  '⺼': '肉',
  '⺽': '臼',
  '⺾': '艹',
  '⺿': '艹',
  '⻀': '艹',
  '⻁': '虎',
  '⻂': '衤',
  '⻃': '覀',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻋': '车',
  '⻌': '辶',
  '⻍': '辶',
  '⻎': '辶',
  '⻏': '阝',
  '⻐': '钅',
  '⻑': '長',
  '⻒': '镸',
  '⻓': '长',
  '⻔': '门',
  '⻕': '阜',
  '⻖': '阝',
  '⻗': '雨',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻟': '飠',
  '⻠': '饣',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻫': '斉',
  '⻬': '齐',
  '⻭': '歯',
  '⻮': '齿',
  '⻯': '竜',
  '⻰': '龙',
  '⻱': '龜',
  '⻲': '亀',
  '⻳': '龟',
};

const FOLD = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/g;

/** Radical and compatibility code points that stand for a unified ideograph, folded to it. */
export function normalize(text: string): string {
  return text.replace(FOLD, (c) => RADICALS[c] ?? c.normalize('NFKC'));
}

/** A code point that cannot be text a reader sees: private use, replacement, control, non-character. */
function unmappableCode(cp: number): boolean {
  return (
    (cp >= 0xe000 && cp <= 0xf8ff) ||
    cp >= 0xf0000 ||
    cp === 0xfffd ||
    (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) ||
    (cp >= 0x7f && cp < 0xa0) ||
    (cp >= 0xfdd0 && cp <= 0xfdef) ||
    (cp & 0xfffe) === 0xfffe
  );
}

/**
 * Characters a Chinese report is written in: Chinese, Latin with pinyin tones, digits, the
 * punctuation and symbols of both. Text from a font without a ToUnicode map comes out as its
 * glyph ids taken for code points, scattered over Cyrillic, Armenian, Hangul and the like.
 */
function plausibleCode(cp: number): boolean {
  return (
    (cp >= 0x20 && cp < 0x7f) ||
    (cp >= 0xa0 && cp <= 0x24f) ||
    (cp >= 0x370 && cp <= 0x3ff) ||
    (cp >= 0x2000 && cp <= 0x2bff) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x3200 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3134f)
  );
}

/**
 * A run's text made readable: folded radicals, unmappable characters dropped and counted. A
 * run most of whose characters are implausible for a report is garbled as a whole (glyph ids
 * shown as code points): all of it is dropped and counted.
 */
export function cleanRunText(raw: string): { text: string; dropped: number } {
  let dropped = 0;
  let implausible = 0;
  let kept = '';
  let seen = 0;
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (unmappableCode(cp)) {
      dropped++;
      continue;
    }
    if (ch !== ' ') {
      seen++;
      if (!plausibleCode(cp)) implausible++;
    }
    kept += ch;
  }
  if (seen >= 2 && implausible * 2 > seen) return { text: '', dropped: dropped + seen };
  if (seen === 1 && implausible === 1) return { text: '', dropped: dropped + 1 };
  return { text: normalize(kept), dropped };
}

/** Latin letters and digits: the only neighbours between which a gap means a space. */
const LATIN_END = /[A-Za-z0-9.,;:!?%)\]'"]$/;
const LATIN_START = /^[A-Za-z0-9(['"[]/;
const LATIN_WORD_END = /[A-Za-z0-9]$/;
const LATIN_WORD_START = /^[A-Za-z0-9]/;

/** Joins two pieces on one line: a space only where Latin words are set apart by a visible gap. */
export function joinOnLine(left: string, right: string, gap: number, size: number): string {
  if (!left) return right;
  if (!right) return left;
  return gap > size * 0.18 && LATIN_END.test(left) && LATIN_START.test(right) ? `${left} ${right}` : left + right;
}

/** Joins a line to the next line of the same paragraph: a space only between two Latin words. */
export function joinLines(left: string, right: string): string {
  if (!left) return right;
  if (!right) return left;
  return LATIN_WORD_END.test(left) && LATIN_WORD_START.test(right) ? `${left} ${right}` : left + right;
}

/** Width of a character in ems, for placing the characters of a run (CJK and full-width 1, others ½). */
export function emWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x2e80 || (cp >= 0x2000 && cp <= 0x206f && ch !== ' ') ? 1 : 0.5;
}
