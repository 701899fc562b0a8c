/**
 * Enumeration markers (一、 一. （一） 1. 1、), in one place: the marker at the start of a
 * label, and where a label cell splits into parts at its markers.
 */
import { ORDINAL_NUMERALS } from './numerals';

const N = `[${ORDINAL_NUMERALS}]`;
const SP = '[ \\t\\u3000]*';

/** A marker at the start of width-folded text (half-width brackets): 一、 一. (一) 1. 1、 — not 1.5. */
const LEADING_MARKER = new RegExp(`^(?:${N}+[、.]|\\(${N}+\\)|\\d+[.、](?!\\d))`);

/** The marker at the start of width-folded text, or ''. */
export function leadingMarker(folded: string): string {
  return LEADING_MARKER.exec(folded)?.[0] ?? '';
}

/**
 * Each marker inside a label cell (full- or half-width, with spaces around): where the cell
 * splits into parts. A run of numerals or digits is tried from its first character only (the
 * lookbehinds): tried from every position, a long run cost quadratic time (100 000 digits: 44 s).
 */
export function partStarts(): RegExp {
  return new RegExp(`(?<!${N})${N}+${SP}[、.．]${SP}|[（(]${SP}${N}+${SP}[）)]${SP}|(?<!\\d)\\d+${SP}[.．、](?!\\d)${SP}`, 'g');
}
