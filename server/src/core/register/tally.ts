/**
 * Table 三 counted from the register, per the 2021 format (register.md "Counting"): 新收 by the
 * date of receipt in the year; 上年结转 = received before the year and not answered by its
 * start; the results by the final answer within the year; 结转下年度 = not answered by 31
 * December; one row one application. Every application counted is in 新收 or 上年结转 and in
 * exactly one of a result row or 结转下年度, so each column balances by construction — and
 * that is asserted, not hoped for. Rows that cannot be placed are left out and listed.
 */
import type { Message } from '../rule';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import { APPLICANT_COLUMNS } from './applicants';
import { dayNumber, isoDate } from './dates';
import { readRegister, type ReadRegister } from './read';
import type { RegisterConfig, RegisterEntry, RegisterSheet, RegisterTally, TallyCell } from './types';

const RESULT_ROWS = TABLE3_ROWS.filter((r) => r.role === 'item').map((r) => r.id);

function countingBasis(year: number, config: RegisterConfig = {}): Message[] {
  const completed = config.counting?.from === 'completed';
  const from = completed
    ? {
        zh: '补正后收到申请的日期（没有补正的按收到申请日期）',
        en: 'the date the completed application was received (else the date of receipt)',
      }
    : { zh: '收到申请日期', en: 'the date of receipt' };
  return [
    { zh: `一、本年新收：${from.zh}在 ${year} 年内的申请`, en: `I new: applications whose ${from.en} is in ${year}` },
    {
      zh: `二、上年结转：${year} 年以前收到、到 ${year} 年 1 月 1 日尚未答复的申请`,
      en: `II carried over: received before ${year} and not answered by 1 January ${year}`,
    },
    {
      zh: `三、办理结果：最终答复日期在 ${year} 年内的申请，按答复结果归入各行（区分处理的只计为“部分公开”）`,
      en: `III results: applications finally answered in ${year}, by the answer given (a split answer counts only as partly disclosed)`,
    },
    {
      zh: `四、结转下年度：到 ${year} 年 12 月 31 日尚未答复的申请`,
      en: `IV carried forward: not answered by 31 December ${year}`,
    },
    {
      zh: '台账中一行为一件申请；不能归入的行不计入，逐行列出',
      en: 'One register row is one application; rows that cannot be placed are left out and listed',
    },
  ];
}

function emptyCells(): Record<string, Record<string, TallyCell>> {
  const cells: Record<string, Record<string, TallyCell>> = {};
  for (const r of TABLE3_ROWS) {
    cells[r.id] = {};
    for (const c of TABLE3_COLUMNS) cells[r.id][c.id] = { value: 0, rows: [] };
  }
  return cells;
}

function add(cells: Record<string, Record<string, TallyCell>>, rowId: string, column: string, row: number): void {
  const cell = cells[rowId][column];
  cell.value++;
  cell.rows.push(row);
}

function sumInto(target: TallyCell, parts: TallyCell[]): void {
  target.value = parts.reduce((n, p) => n + p.value, 0);
  target.rows = parts.flatMap((p) => p.rows).sort((a, b) => a - b);
}

/** The tally of an already read register (the reading is the same for every year). */
export function tallyRead(read: ReadRegister, year: number, config: RegisterConfig = {}): RegisterTally {
  const start = dayNumber({ year, month: 1, day: 1 });
  const end = dayNumber({ year, month: 12, day: 31 });
  const cells = emptyCells();
  const entries: RegisterEntry[] = [];
  const problems = [...read.notes];
  const skipped = [...read.skipped];
  const fromCompleted = config.counting?.from === 'completed';
  let applications = 0;
  const feeRows: number[] = [];
  for (const r of read.rows) {
    applications++;
    if (r.problems.length || r.received === undefined || r.column === undefined || r.result === undefined) {
      problems.push(...r.problems);
      continue;
    }
    const from = fromCompleted && r.completed !== undefined ? r.completed : r.received;
    const answeredInTime = r.result !== 'pending' ? r.answered : undefined;
    // Received after the year, or answered before it: not this year's business.
    if (from > end || (answeredInTime !== undefined && answeredInTime < start)) {
      skipped.push({ row: r.row, reason: 'outside' });
      continue;
    }
    add(cells, from >= start ? 'new' : 'carried', r.column, r.row);
    if (r.fee) feeRows.push(r.row);
    const answeredThisYear = answeredInTime !== undefined && answeredInTime <= end;
    add(cells, answeredThisYear ? r.result : 'forward', r.column, r.row);
    entries.push({
      row: r.row,
      column: r.column,
      applicant: r.applicantText,
      ...(r.name ? { name: r.name } : {}),
      received: isoDate(r.received),
      ...(r.answered !== undefined ? { answered: isoDate(r.answered) } : {}),
      ...(answeredThisYear ? { result: r.result } : {}),
      ...(r.wording ? { wording: r.wording } : {}),
    });
  }
  // Totals: the 总计 column of every row, and （七）总计 of every column.
  for (const c of APPLICANT_COLUMNS)
    sumInto(
      cells.total[c],
      RESULT_ROWS.map((id) => cells[id][c]),
    );
  for (const r of TABLE3_ROWS)
    sumInto(
      cells[r.id].total,
      APPLICANT_COLUMNS.map((c) => cells[r.id][c]),
    );
  for (const c of TABLE3_COLUMNS) {
    const left = cells.new[c.id].value + cells.carried[c.id].value;
    const right = cells.total[c.id].value + cells.forward[c.id].value;
    if (left !== right) throw new Error(`register tally out of balance in column ${c.id}: ${left} ≠ ${right}`);
  }
  return {
    year,
    ...(read.sheet !== undefined ? { sheet: read.sheet } : {}),
    headerRow: read.headerRow,
    columns: read.columns,
    cells,
    entries,
    problems,
    warnings: [],
    applications,
    skipped: skipped.sort((a, b) => a.row - b.row),
    feeRows,
    basis: countingBasis(year, config),
  };
}

/** Reads and tallies a sheet for a report year (the register checks are added by checks.ts). */
export function tallyRegister(sheet: RegisterSheet, year: number, config: RegisterConfig = {}): RegisterTally {
  return tallyRead(readRegister(sheet, config), year, config);
}

/** Rows left out of the table (each counted once, whatever the number of its problems). */
export function leftOutRows(tally: RegisterTally): number[] {
  return [...new Set(tally.problems.flatMap((p) => p.rows))].sort((a, b) => a - b);
}

/** A figure per template cell: `${rowId}.${columnId}` → value (the renderer's cell keys). */
export function tallyFigures(tally: RegisterTally): Map<string, number> {
  const out = new Map<string, number>();
  for (const [rowId, row] of Object.entries(tally.cells))
    for (const [col, cell] of Object.entries(row)) out.set(`${rowId}.${col}`, cell.value);
  return out;
}
