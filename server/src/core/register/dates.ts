/**
 * Dates as registers write them: 2023-01-05, 2023/1/5, 2023.1.5, 2023年1月5日 (also with
 * Chinese numerals), 20230105, an Excel serial number, or a Date cell; a time after the date
 * is ignored. A date is a day number (days since 1970-01-01, UTC) so that spans are integers.
 */
import { chineseNumber } from '../text/numerals';
import type { CellValue } from './types';

export interface Day {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

export function dayNumber(d: Day): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

export function fromDayNumber(n: number): Day {
  const d = new Date(n * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoDate(n: number): string {
  const d = fromDayNumber(n);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** A real calendar date (no 2月30日) in the years a register can hold. */
function valid(year: number, month: number, day: number): Day | undefined {
  if (!(year >= 1990 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  const back = fromDayNumber(dayNumber({ year, month, day }));
  return back.month === month && back.day === day ? { year, month, day } : undefined;
}

/** Excel's day 0 is 1899-12-30 for every serial after its phantom 1900-02-29 (serial 60). */
const EXCEL_EPOCH = dayNumber({ year: 1899, month: 12, day: 30 });

function fromSerial(serial: number): Day | undefined {
  if (!Number.isFinite(serial) || serial <= 60) return undefined;
  const d = fromDayNumber(EXCEL_EPOCH + Math.floor(serial));
  return valid(d.year, d.month, d.day);
}

function cnOrArabic(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  // 二〇二三 digit by digit, 十二 and 二十三 as numbers; ○ and O are written for 〇.
  return chineseNumber(s.replace(/[○O]/g, '〇'));
}

const PATTERNS: RegExp[] = [
  // 2023-01-05, 2023/1/5, 2023.1.5, 2023 - 1 - 5, with an optional time after.
  /^(\d{4})\s*[-/.．／]\s*(\d{1,2})\s*[-/.．／]\s*(\d{1,2})(?:\s*日)?(?:[\sT].*)?$/,
  // 2023年1月5日 (号), also in Chinese numerals.
  /^([\d〇零○O０一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*([\d一二三四五六七八九十]{1,3})\s*[日号]?(?:\s*.*)?$/,
  // 20230105
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * The day a cell holds, `undefined` for an empty cell, or 'unreadable' when something is
 * written that is no date of these styles (never guessed: 1/5/2023 or 23-1-5 is not read).
 */
export function readDate(value: CellValue): number | 'unreadable' | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'unreadable';
    // Spreadsheet dates carry no zone: readers give them as UTC midnight (a time of day may follow).
    const d = valid(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return d ? dayNumber(d) : 'unreadable';
  }
  if (typeof value === 'boolean') return 'unreadable';
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19900101 && value <= 21001231) {
      const d = valid(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
      return d ? dayNumber(d) : 'unreadable';
    }
    const d = fromSerial(value);
    return d ? dayNumber(d) : 'unreadable';
  }
  // Full-width digits and separators (２０２３－０１－０５) fold to ASCII; plain text skips the fold.
  const text = (/[\uff00-\uffef\u3000]/.test(value) ? value.normalize('NFKC') : value).trim();
  if (text === '' || /^[-—–/\\／]+$/.test(text)) return undefined;
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = [m[1], m[2], m[3]].map(cnOrArabic);
    if (y === undefined || mo === undefined || d === undefined) continue;
    const day = valid(y, mo, d);
    if (day) return dayNumber(day);
  }
  // A serial number written as text (a CSV exported from a sheet without its date format).
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    const d = fromSerial(Number(text));
    if (d) return dayNumber(d);
  }
  return 'unreadable';
}
