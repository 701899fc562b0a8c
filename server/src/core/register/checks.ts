/**
 * Checks on the register itself (warnings with row numbers): answers later than 20 working
 * days after receipt (40 with an extension recorded; 条例 第三十三条), counted on the State
 * Council's holiday arrangement of each year (chinese-days: statutory holidays and 调休) — a
 * year the calendar does not know is counted on weekends alone, and the output says so;
 * application numbers used twice; fees recorded (section 六 must state them).
 */
import { getHolidaysInRange, isWorkday as calendarWorkday } from 'chinese-days';
import { dayNumber, fromDayNumber, isoDate } from './dates';
import type { ReadRegister, ReadRow } from './read';
import { tallyRead } from './tally';
import type { RegisterConfig, RegisterProblem, RegisterTally, WarningCode } from './types';
import { localize, type Locale } from '../message';

/** 条例 第三十三条: 20 working days, extended by at most 20 more. */
const ANSWER_WORKING_DAYS = 20;
const EXTENSION_WORKING_DAYS = 20;

type Warning = RegisterProblem<WarningCode>;

const knownYears = new Map<number, boolean>();

/** Whether the calendar package holds the holiday arrangement of a year (every year has 元旦). */
function calendarKnows(year: number): boolean {
  let k = knownYears.get(year);
  if (k === undefined) {
    k = getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    knownYears.set(year, k);
  }
  return k;
}

/** Working-day flags per day of a year, computed once: 10 000 rows cost 10 000 look-ups, not a date walk each. */
const yearFlags = new Map<number, Uint8Array>();

function flagsOf(year: number): Uint8Array {
  let flags = yearFlags.get(year);
  if (flags) return flags;
  const first = dayNumber({ year, month: 1, day: 1 });
  const days = dayNumber({ year: year + 1, month: 1, day: 1 }) - first;
  flags = new Uint8Array(days);
  const known = calendarKnows(year);
  for (let i = 0; i < days; i++) {
    const d = fromDayNumber(first + i);
    const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
    flags[i] = known ? (calendarWorkday(isoDate(first + i)) ? 1 : 0) : weekday !== 0 && weekday !== 6 ? 1 : 0;
  }
  yearFlags.set(year, flags);
  return flags;
}

/** The year last looked up: consecutive days fall in it, so a walk builds no Date per day. */
let span: { start: number; end: number; flags: Uint8Array } = { start: 0, end: 0, flags: new Uint8Array(0) };

function isWorkday(day: number): boolean {
  if (day < span.start || day >= span.end) {
    const { year } = fromDayNumber(day);
    const start = dayNumber({ year, month: 1, day: 1 });
    const flags = flagsOf(year);
    span = { start, end: start + flags.length, flags };
  }
  return span.flags[day - span.start] === 1;
}

/** The n-th working day after `day` (the day of receipt itself does not count). */
export function addWorkingDays(day: number, n: number): number {
  let d = day;
  let left = n;
  // Bounded: n working days lie within n × 3 + 30 calendar days even across the Spring Festival.
  for (let guard = 0; left > 0 && guard < n * 3 + 60; guard++) {
    d++;
    if (isWorkday(d)) left--;
  }
  return d;
}

function listRows(rows: number[], max = 20): string {
  return rows.length > max ? `${rows.slice(0, max).join('、')} 等 ${rows.length} 行` : rows.join('、');
}

function listRowsEn(rows: number[], max = 20): string {
  return rows.length > max ? `${rows.slice(0, max).join(', ')} and ${rows.length - max} more` : rows.join(', ');
}

/** The register checks for one report year, added to its tally's warnings. */
function registerChecks(read: ReadRegister, tally: RegisterTally, config: RegisterConfig = {}): Warning[] {
  const out: Warning[] = [];
  const year = tally.year;
  const end = dayNumber({ year, month: 12, day: 31 });
  const fromCompleted = config.counting?.from === 'completed';
  const counted = new Set(tally.entries.map((e) => e.row));
  const years = new Set<number>();
  for (const r of read.rows) {
    if (!counted.has(r.row) || r.received === undefined) continue;
    const from = fromCompleted && r.completed !== undefined ? r.completed : r.received;
    const answered = r.result !== 'pending' ? r.answered : undefined;
    if (answered !== undefined && answered > end) continue;
    const allowed = ANSWER_WORKING_DAYS + (r.extended ? EXTENSION_WORKING_DAYS : 0);
    const deadline = addWorkingDays(from, allowed);
    for (let y = fromDayNumber(from).year; y <= fromDayNumber(deadline).year; y++) years.add(y);
    if (answered !== undefined && answered > deadline) out.push(lateAnswer(r, from, answered, deadline, allowed));
    if (answered === undefined && deadline < end) out.push(stillOpen(r, from, deadline, allowed, year));
  }
  for (const y of [...years].sort()) {
    if (!calendarKnows(y))
      out.push({
        code: 'calendar',
        rows: [],
        message: {
          zh: `日历数据中没有 ${y} 年的法定节假日安排，${y} 年的期限只按周末计算（未计节假日和调休），请人工核对`,
          en: `The calendar has no holiday arrangement for ${y}: deadlines in ${y} are counted on weekends only (no holidays or make-up days); check them by hand`,
        },
      });
  }
  // Application numbers used twice.
  const byNumber = new Map<string, number[]>();
  for (const r of read.rows) {
    if (!r.number) continue;
    const key = r.number.normalize('NFKC').replace(/\s+/g, '');
    byNumber.set(key, [...(byNumber.get(key) ?? []), r.row]);
  }
  for (const [number, rows] of byNumber) {
    if (rows.length < 2) continue;
    out.push({
      code: 'duplicate-number',
      rows,
      message: {
        zh: `申请编号“${number}”出现在第 ${listRows(rows)} 行：一件申请只应登记一行，请核对是否重复登记`,
        en: `Application number “${number}” is on rows ${listRowsEn(rows)}: one application, one row; check for a duplicate entry`,
      },
    });
  }
  if (tally.feeRows.length) {
    out.push({
      code: 'fees',
      rows: tally.feeRows,
      message: {
        zh: `台账记录了 ${tally.feeRows.length} 件申请收取信息处理费（第 ${listRows(tally.feeRows)} 行）：报告第六部分应写明收费情况`,
        en: `The register records information processing fees for ${tally.feeRows.length} application(s) (rows ${listRowsEn(tally.feeRows)}): section 6 must state them`,
      },
    });
  }
  return out;
}

function lateAnswer(r: ReadRow, from: number, answered: number, deadline: number, allowed: number): Warning {
  return {
    code: 'late',
    rows: [r.row],
    message: {
      zh: `第 ${r.row} 行：${isoDate(from)} 收到，${isoDate(answered)} 答复，超过 ${allowed} 个工作日的期限（应不晚于 ${isoDate(deadline)}${r.extended ? '，已计延期' : '；台账未记录延期'}）；征求第三方意见等不计入期限的时间请人工核对`,
      en: `Row ${r.row}: received ${isoDate(from)}, answered ${isoDate(answered)}, past the ${allowed}-working-day limit (due by ${isoDate(deadline)}${r.extended ? ', extension counted' : '; no extension recorded'}); time excluded by law (third-party consultation) is not known here`,
    },
  };
}

function stillOpen(r: ReadRow, from: number, deadline: number, allowed: number, year: number): Warning {
  return {
    code: 'late',
    rows: [r.row],
    message: {
      zh: `第 ${r.row} 行：${isoDate(from)} 收到，到 ${year} 年底仍未答复，已超过 ${allowed} 个工作日的期限（${isoDate(deadline)}）`,
      en: `Row ${r.row}: received ${isoDate(from)}, still not answered at the end of ${year}, past the ${allowed}-working-day limit (${isoDate(deadline)})`,
    },
  };
}

/** The register problems and checks as lines of text (CLI stderr, the VS Code output channel). */
export function describeProblems(tally: RegisterTally, locale: Locale = 'zh'): string[] {
  return [...tally.problems, ...tally.warnings].map((p) => localize(p.message, locale));
}

/** The tally of a read register for a year, with the register checks as its warnings. */
export function tallyAndCheck(read: ReadRegister, year: number, config: RegisterConfig = {}): RegisterTally {
  const tally = tallyRead(read, year, config);
  tally.warnings = registerChecks(read, tally, config);
  return tally;
}
