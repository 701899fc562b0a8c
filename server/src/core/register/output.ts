/**
 * What `tally` prints: table 三 as the canonical Markdown table (core/render.ts, the same
 * renderer as the templates), or JSON with each cell's figure and the register rows behind it.
 */
import type { Locale } from '../rule';
import { renderTable3 } from '../render';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import { leftOutRows, tallyFigures } from './tally';
import type { RegisterTally } from './types';
import { localize, type Message } from '../message';

/** The note and table 三 with every figure filled from the tally. */
export function tallyMarkdown(tally: RegisterTally, eol = '\n'): string {
  const figures = tallyFigures(tally);
  return renderTable3({ value: (key) => String(figures.get(key) ?? 0) }).join(eol) + eol;
}

export interface TallyJson {
  year: number;
  sheet?: string;
  headerRow: number;
  columns: { field: string; column: number; header: string }[];
  basis: string[];
  /** Template row id → column id → { value, rows }. */
  table3: Record<string, { label: string; cells: Record<string, { value: number; rows: number[] }> }>;
  applications: number;
  leftOut: number[];
  problems: { code: string; rows: number[]; message: string }[];
  warnings: { code: string; rows: number[]; message: string }[];
}

export function tallyJson(tally: RegisterTally, locale: Locale = 'zh'): TallyJson {
  const say = (m: Message) => localize(m, locale);
  const table3: TallyJson['table3'] = {};
  for (const r of TABLE3_ROWS) {
    const cells: Record<string, { value: number; rows: number[] }> = {};
    for (const c of TABLE3_COLUMNS) cells[c.id] = { value: tally.cells[r.id][c.id].value, rows: tally.cells[r.id][c.id].rows };
    table3[r.id] = { label: r.label, cells };
  }
  return {
    year: tally.year,
    ...(tally.sheet !== undefined ? { sheet: tally.sheet } : {}),
    headerRow: tally.headerRow,
    columns: tally.columns.map((c) => ({ field: c.field, column: c.index + 1, header: c.header })),
    basis: tally.basis.map(say),
    table3,
    applications: tally.applications,
    leftOut: leftOutRows(tally),
    problems: tally.problems.map((p) => ({ code: p.code, rows: p.rows, message: say(p.message) })),
    warnings: tally.warnings.map((p) => ({ code: p.code, rows: p.rows, message: say(p.message) })),
  };
}
