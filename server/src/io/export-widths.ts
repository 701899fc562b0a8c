/**
 * Column widths of an exported table from its content, shared by the Word and the HTML writer:
 * no figure and no short header word (结果维持, 自然人, 总计) is ever broken, and the rest of the
 * text area goes to the columns whose text would wrap most (long row labels). When the words do
 * not fit at 五号, the table is set smaller (小五, 六号, 小六) with tighter cell margins, the
 * largest size at which they fit (table 四's fifteen columns need 六号 in 156 mm).
 */
import type { LayoutCell } from '../core/table-layout';
import type { ExportTable } from './export-model';
import { emWidth, widthOf } from './export-text';

/** A size to try: text size in half-points and the cell margin left and right, in twips. */
interface Setting {
  size: number;
  margin: number;
}

/** 五号, 小五, 六号, 小六; each with a wider and a tighter cell margin. */
const LADDER: Setting[] = [
  { size: 21, margin: 60 },
  { size: 21, margin: 30 },
  { size: 18, margin: 40 },
  { size: 18, margin: 20 },
  { size: 15, margin: 20 },
  { size: 15, margin: 5 },
  { size: 13, margin: 5 },
];

export interface TableSizing {
  /** Text size in half-points. */
  size: number;
  /** Cell margin left and right, in twips. */
  margin: number;
  /** Column widths in twips, adding up to the width given. */
  widths: number[];
}

/** A short word is never broken: a header word, a figure, a whole short label. */
const SHORT_WORD_EM = 4;

/** Marks that open a phrase (they stay with what follows) and that close one (with what precedes). */
const OPEN = new Set([...'（(《“‘「【'].map((c) => c.charCodeAt(0)));
const CLOSE = new Set([...'）)》”’」】、。，；：！？%'].map((c) => c.charCodeAt(0)));
/** The numerals of an enumeration like （三） or (12). */
const NUMERAL = new Set([...'一二三四五六七八九十0123456789'].map((c) => c.charCodeAt(0)));

/** Whether a code unit is white space to JavaScript's `\s` (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const isAsciiPrintable = (c: number) => c >= 0x21 && c <= 0x7e;

/** The end of an enumeration like （三） starting at `i` (1–3 numerals between brackets), or -1. */
function enumerationEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c !== 0xff08 && c !== 0x28) return -1;
  let k = 0;
  while (k < 4 && i + 1 + k < text.length && NUMERAL.has(text.charCodeAt(i + 1 + k))) k++;
  if (k < 1 || k > 3) return -1;
  const close = text.charCodeAt(i + 1 + k);
  return close === 0xff09 || close === 0x29 ? i + 2 + k : -1;
}

/**
 * The pieces a line may not be broken inside, in ems: runs of Latin letters and digits (a figure
 * is one piece), an enumeration like （三）, and Chinese in pairs with their punctuation;
 * a whole line of at most SHORT_WORD_EM ems is one piece. One pass over the line's code units
 * that makes no string (a table's cells are measured for every export).
 */
export function unbreakable(line: string): number[] {
  const text = line.trim();
  if (!text) return [];
  const whole = emWidth(text);
  if (whole <= SHORT_WORD_EM && !/\s/.test(text)) return [whole];
  const out: number[] = [];
  // The Chinese run being gathered, text[cjkFrom, i), and how many of its characters are neither opening nor closing marks.
  let cjkFrom = -1;
  let plain = 0;
  const flush = (to: number) => {
    if (cjkFrom >= 0 && to > cjkFrom) out.push(widthOf(text, cjkFrom, to));
    cjkFrom = -1;
    plain = 0;
  };
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    let end = enumerationEnd(text, i);
    if (end < 0 && isAsciiPrintable(c)) {
      end = i + 1;
      while (end < text.length && isAsciiPrintable(text.charCodeAt(end))) end++;
    }
    if (end >= 0) {
      // An enumeration or a run of Latin letters and digits: one piece.
      flush(i);
      out.push(widthOf(text, i, end));
      i = end;
      continue;
    }
    if (isSpace(c)) {
      flush(i);
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      continue;
    }
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      // A character beyond the BMP stands alone.
      flush(i);
      out.push(widthOf(text, i, i + 2));
      i += 2;
      continue;
    }
    // One Chinese character: pairs, an opening mark stays with what follows, a closing one with what precedes.
    if (!CLOSE.has(c)) {
      if (cjkFrom >= 0 && plain >= 2 && !OPEN.has(text.charCodeAt(i - 1))) flush(i);
      if (!OPEN.has(c)) plain++;
    }
    if (cjkFrom < 0) cjkFrom = i;
    i++;
  }
  flush(text.length);
  return out;
}

/** Room for the cell borders and the renderer's rounding, in twips: a point at 五号 (without it 商业企业 broke before its last character). */
const slack = (s: Setting) => Math.max(10, s.size);

interface Need {
  min: number;
  /** The width for every cell on one line. */
  pref: number;
  /** The same without the column headers: when space is short, a header wraps by its words, not the body. */
  prefBody: number;
}

/** A cell's text measured once, in ems (the sizes tried only scale it). */
interface Measure {
  /** The widest piece that may not be broken. */
  unbreakable: number;
  /** The widest line. */
  line: number;
}

/** The measures of a table's cells, taken on first use: each size tried asks for the same ones. */
type Measures = (c: LayoutCell) => Measure;

function measures(): Measures {
  const known = new Map<LayoutCell, Measure>();
  return (c) => {
    let m = known.get(c);
    if (!m) {
      const lines = c.text.split('\n');
      m = { unbreakable: Math.max(0, ...lines.flatMap(unbreakable)), line: Math.max(...lines.map(emWidth)) };
      known.set(c, m);
    }
    return m;
  };
}

function cellNeed(m: Measure, c: LayoutCell, s: Setting): { min: number; pref: number } {
  const em = (s.size / 2) * 20;
  const min = m.unbreakable * em;
  // A label merged over several rows may wrap into them.
  const pref = (m.line * em) / Math.max(1, Math.min(c.rowSpan, 3));
  return { min: min + 2 * s.margin + slack(s), pref: Math.max(min, pref) + 2 * s.margin + slack(s) };
}

function needs(t: ExportTable, s: Setting, measure: Measures): Need[] {
  const least = 2 * s.margin + s.size * 10;
  const cols: Need[] = Array.from({ length: t.columnCount }, () => ({ min: least, pref: least, prefBody: least }));
  for (const row of [...t.headerRows, ...t.bodyRows])
    for (const c of row) {
      if (c.colSpan !== 1 || c.col >= cols.length) continue;
      const n = cellNeed(measure(c), c, s);
      const col = cols[c.col];
      col.min = Math.max(col.min, n.min);
      col.pref = Math.max(col.pref, n.pref);
      if (c.kind !== 'column-header' && c.kind !== 'corner') col.prefBody = Math.max(col.prefBody, n.pref);
    }
  for (const col of cols) col.prefBody = Math.max(col.min, col.prefBody);
  return cols;
}

/** Widths adding up to `total`: every column its minimum, the rest by how much more each would take. */
function allocate(cols: Need[], total: number): number[] {
  const sumMin = cols.reduce((a, c) => a + c.min, 0);
  const sumPref = cols.reduce((a, c) => a + c.pref, 0);
  let widths: number[];
  if (sumMin > total) widths = cols.map((c) => (c.min * total) / sumMin);
  else if (sumPref <= total) widths = cols.map((c) => c.pref + ((total - sumPref) * c.pref) / sumPref);
  else {
    // Short of room: the extra goes to the columns whose body text wraps (row labels), headers wrap by their words.
    const extra = cols.reduce((a, c) => a + c.prefBody - c.min, 0);
    widths =
      extra > 0 ? cols.map((c) => c.min + ((total - sumMin) * (c.prefBody - c.min)) / extra) : cols.map((c) => (c.min * total) / sumMin);
  }
  const out = widths.map((w) => Math.floor(w));
  // The rounding remainder goes to the widest column.
  const rest = total - out.reduce((a, b) => a + b, 0);
  out[out.indexOf(Math.max(...out))] += rest;
  return out;
}

/** At most this share of the row labels may wrap at a size before a smaller one is tried… */
const WRAPPING_LABELS = 0.25;
/** …down to 小五: row labels alone never make a table smaller than that. */
const LABELS_MIN_SIZE = 18;

/**
 * The share of row labels (one row high) that would not stand on one line in these widths:
 * table 三 at 五号 wraps two in three of its item labels, most leaving a character or two
 * alone on the second line; at 小五 nearly all stand on one line.
 */
function wrappingLabels(t: ExportTable, s: Setting, widths: number[], measure: Measures): number {
  const em = (s.size / 2) * 20;
  let labels = 0;
  let wrapped = 0;
  for (const row of t.bodyRows)
    for (const c of row) {
      if (c.kind !== 'row-label' || c.rowSpan > 1 || !c.text) continue;
      labels++;
      const room = widths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
      if (measure(c).line * em + 2 * s.margin + slack(s) > room) wrapped++;
    }
  return labels ? wrapped / labels : 0;
}

/** The size, cell margins and column widths of a table in a text area `total` twips wide. */
export function tableSizing(t: ExportTable, total: number): TableSizing {
  const measure = measures();
  for (const s of LADDER) {
    const cols = needs(t, s, measure);
    if (cols.reduce((a, c) => a + c.min, 0) > total) continue;
    const widths = allocate(cols, total);
    if (s.size > LABELS_MIN_SIZE && wrappingLabels(t, s, widths, measure) > WRAPPING_LABELS) continue;
    return { ...s, widths };
  }
  const last = LADDER[LADDER.length - 1];
  return { ...last, widths: allocate(needs(t, last, measure), total) };
}
