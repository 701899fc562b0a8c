/** Reading a table cell as a figure. */
import type { Span } from './lines';
import type { RawCell } from './markdown';
import { BLANK_PLACEHOLDERS, CELL_UNITS } from './template';

export type ValueKind = 'number' | 'unit' | 'blank' | 'text';

export interface ValueCell {
  span: Span;
  raw: string;
  kind: ValueKind;
  /** The figure, for 'number' and 'unit'. */
  value?: number;
  /** The figure as written (for 'unit': without the unit text and grouping commas). */
  numberText?: string;
  /** A 'text' cell holding a figure with more digits than can be computed exactly (never rounded). */
  outOfRange?: boolean;
}

const BLANKS = new Set(BLANK_PLACEHOLDERS.map((p) => p.trim()));
/** A figure as written: digits, or digits in valid groups of three (1,234), and decimals. */
const FIGURE = '[+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const UNIT_RE = new RegExp(`^(${FIGURE})\\s*(?:[(]\\s*)?(?:${CELL_UNITS.join('|')})(?:\\s*[)])?$`);
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
/** Significant digits a double holds exactly; a figure with more is reported, never rounded. */
const MAX_DIGITS = 15;

type Reading = Omit<ValueCell, 'span' | 'raw'>;

/**
 * Full-width ASCII forms (１２、（件）) to ASCII and the ideographic space to a space, and
 * nothing else: NFKC would also turn look-alikes into digits (5² into 52, ① into 1).
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** The figure of a number written in plain digits, unless it has more digits than a double holds exactly. */
function exact(numberText: string): number | undefined {
  const unsigned = numberText.replace(/^[+-]/, '');
  if (!unsigned.includes('.')) {
    const int = unsigned.replace(/^0+/, '');
    if (int.length > 16 || (int.length === 16 && BigInt(int) > BigInt(Number.MAX_SAFE_INTEGER))) return undefined;
  } else if (unsigned.replace('.', '').replace(/^0+/, '').length > MAX_DIGITS) return undefined;
  return Number(numberText);
}

function figureReading(kind: 'number' | 'unit', numberText: string): Reading {
  const value = exact(numberText);
  return value === undefined ? { kind: 'text', numberText, outOfRange: true } : { kind, value, numberText };
}

function classify(cellText: string): Reading {
  const text = foldFullWidth(cellText).trim();
  if (BLANKS.has(text)) return { kind: 'blank' };
  // No figure is this long; the patterns below repeat groups, which a huge cell would overflow.
  if (text.length > 400) return /^[+-]?\d+(?:\.\d+)?$/.test(text) ? { kind: 'text', numberText: text, outOfRange: true } : { kind: 'text' };
  if (NUMBER.test(text)) return figureReading('number', text);
  const unit = UNIT_RE.exec(text);
  if (unit) return figureReading('unit', unit[1].replace(/,/g, ''));
  if (GROUPED.test(text)) return figureReading('unit', text.replace(/,/g, ''));
  return { kind: 'text' };
}

/** Readings by cell text: a report's cells hold few distinct texts, read on every analysis. */
const readings = new Map<string, Reading>();

export function readValue(cell: RawCell): ValueCell {
  let r = readings.get(cell.text);
  if (!r) {
    r = classify(cell.text);
    if (readings.size >= 4096) readings.clear();
    readings.set(cell.text, r);
  }
  return { span: cell.span, raw: cell.raw, ...r };
}

/** The figure of a cell when it can take part in arithmetic. */
export function figure(cell: ValueCell | undefined): number | undefined {
  if (!cell) return undefined;
  return cell.kind === 'number' || cell.kind === 'unit' ? cell.value : undefined;
}

/** Sums without binary floating-point noise for the decimals real reports use. */
export function sum(values: number[]): number {
  const scale = 1e6;
  return Math.round(values.reduce((a, v) => a + Math.round(v * scale), 0)) / scale;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}
