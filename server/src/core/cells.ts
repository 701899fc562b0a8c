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
  /** The figure as written (for 'unit': without the unit text). */
  numberText?: string;
}

const BLANKS = new Set(BLANK_PLACEHOLDERS.map((p) => p.trim()));
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const UNIT_RE = new RegExp(`^([+-]?\\d[\\d,]*(?:\\.\\d+)?)\\s*(?:[（(]\\s*)?(?:${CELL_UNITS.join('|')})(?:\\s*[）)])?$`);
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

type Reading = Omit<ValueCell, 'span' | 'raw'>;

function classify(cellText: string): Reading {
  const text = cellText.normalize('NFKC').trim();
  if (BLANKS.has(text)) return { kind: 'blank' };
  if (NUMBER.test(text)) return { kind: 'number', value: Number(text), numberText: text };
  const unit = UNIT_RE.exec(text);
  if (unit) {
    const n = unit[1].replace(/,/g, '');
    return { kind: 'unit', value: Number(n), numberText: n };
  }
  if (GROUPED.test(text)) {
    const n = text.replace(/,/g, '');
    return { kind: 'unit', value: Number(n), numberText: n };
  }
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
