/**
 * The register's rows read field by field: dates as day numbers, the applicant's column, the
 * result's template row. Whatever cannot be read is a problem naming the row; nothing is
 * guessed. The tally (tally.ts) and the register checks (checks.ts) share this reading.
 */
import type { Message } from '../rule';
import { TABLE3_COLUMNS } from '../template';
import { classifyAnswer, foldWording, groupOf, type AnswerKey } from './answers';
import { classifyApplicant } from './applicants';
import { findHeader } from './columns';
import { isoDate, readDate } from './dates';
import type {
  CellValue,
  ColumnMapping,
  FieldId,
  ProblemCode,
  RegisterConfig,
  RegisterProblem,
  RegisterSheet,
  RegisterTally,
} from './types';

export interface ReadRow {
  row: number;
  received?: number;
  completed?: number;
  answered?: number;
  /** Table-三 column id of the applicant. */
  column?: string;
  applicantText: string;
  name?: string;
  /** Template row id of the final answer, or 'pending' (still open). */
  result?: AnswerKey;
  wording?: string;
  number?: string;
  fee: boolean;
  extended: boolean | undefined;
  /** Why the row is left out of the table (several reasons possible). */
  problems: RegisterProblem[];
}

export interface ReadRegister {
  headerRow: number;
  sheet?: string;
  columns: ColumnMapping[];
  rows: ReadRow[];
  skipped: RegisterTally['skipped'];
  /** Sheet-wide problems (no header, a configured column not found). */
  notes: RegisterProblem[];
}

function text(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(Math.floor(v.getTime() / 86_400_000));
  return String(v).trim();
}

function problem(code: ProblemCode, row: number, message: Message): RegisterProblem {
  return { code, rows: [row], message: { zh: `第 ${row} 行：${message.zh}`, en: `Row ${row}: ${message.en}` } };
}

const TOTAL_ROW = /^(?:合计|总计|小计|共计|汇总|累计)/;

function memo<T>(f: (t: string) => T): (t: string) => T {
  const seen = new Map<string, T>();
  return (t) => {
    if (seen.has(t)) return seen.get(t)!;
    const v = f(t);
    if (seen.size < 10_000) seen.set(t, v);
    return v;
  };
}

/** 是, 有, 已收费, a positive amount: a fee was recorded. 否, 无, 0, 不收费: none. */
function feeRecorded(v: string): boolean {
  const t = foldWording(v);
  if (!t || /^(?:否|无|没有|不收费|免费|未收费|未收取|0+(?:\.0+)?元?|N|n|no|—|-|\/)$/.test(t)) return false;
  if (/^(?:是|有|已收费|收费|已收取|收取|Y|y|yes|√|✓)$/.test(t)) return true;
  const amount = /^(\d+(?:\.\d+)?)元?$/.exec(t);
  return amount ? Number(amount[1]) > 0 : /收费|收取/.test(t) && !/不|未|免/.test(t);
}

/** 是/延期/已延期 → true; 否/无 → false; empty → undefined (not recorded). */
function extendedRecorded(v: string): boolean | undefined {
  const t = foldWording(v);
  if (!t) return undefined;
  if (/^(?:否|无|不|未延期|不延期|N|n|no|—|-|\/)$/.test(t)) return false;
  if (/^(?:是|有|延期|已延期|延长|已延长|Y|y|yes|√|✓)$/.test(t) || /延期|延长/.test(t)) return true;
  return undefined;
}

const COLUMN_LABEL = new Map(TABLE3_COLUMNS.map((c) => [c.id, c.label]));

/** What reading a row needs: each field's cell, and the classifiers (memoised: a register repeats a few wordings thousands of times). */
interface RowReader {
  get: (cells: CellValue[], f: FieldId) => CellValue;
  has: (f: FieldId) => boolean;
  fromCompleted: boolean;
  answers: (t: string) => AnswerKey | undefined;
  applicants: (t: string) => ReturnType<typeof classifyApplicant>;
  fees: (t: string) => boolean;
  extensions: (t: string) => boolean | undefined;
}

type Say = (code: ProblemCode, zh: string, en: string) => void;

/** Reads every data row below the header. */
export function readRegister(sheet: RegisterSheet, config: RegisterConfig = {}): ReadRegister {
  const header = findHeader(sheet, config.columns ?? {});
  if (!header) return noHeader(sheet);
  const notes: RegisterProblem[] = header.unmatched.map((ref) => ({
    code: 'no-header' as const,
    rows: [],
    message: { zh: `配置的列“${ref}”在表头中找不到，已忽略`, en: `The configured column “${ref}” is not in the header; ignored` },
  }));
  const col = new Map<FieldId, number>(header.columns.map((c) => [c.field, c.index]));
  const reader: RowReader = {
    get: (cells, f) => {
      const i = col.get(f);
      return i === undefined ? undefined : cells[i];
    },
    has: (f) => col.has(f),
    fromCompleted: config.counting?.from === 'completed',
    answers: memo((t: string) => classifyAnswer(t, config.answers)),
    applicants: memo((t: string) => classifyApplicant(t, config.applicants)),
    fees: memo((t: string) => feeRecorded(t)),
    extensions: memo((t: string) => extendedRecorded(t)),
  };
  const headerTexts = new Set(header.columns.map((c) => foldWording(c.header)));
  const rows: ReadRow[] = [];
  const skipped: RegisterTally['skipped'] = [];
  for (const { row, cells } of sheet.rows.slice(header.index + 1)) {
    const texts = cells.map(text);
    if (texts.every((t) => t === '')) {
      skipped.push({ row, reason: 'blank' });
      continue;
    }
    const received = readDate(reader.get(cells, 'received'));
    if (typeof received !== 'number' && texts.some((t) => TOTAL_ROW.test(foldWording(t)))) {
      skipped.push({ row, reason: 'total' });
      continue;
    }
    if (typeof received !== 'number' && header.columns.filter((c) => headerTexts.has(foldWording(texts[c.index] ?? ''))).length >= 2) {
      skipped.push({ row, reason: 'header' });
      continue;
    }
    rows.push(readRow(reader, row, cells, received));
  }
  return { headerRow: sheet.rows[header.index].row, sheet: sheet.name, columns: header.columns, rows, skipped, notes };
}

function noHeader(sheet: RegisterSheet): ReadRegister {
  return {
    headerRow: 0,
    sheet: sheet.name,
    columns: [],
    rows: [],
    skipped: [],
    notes: [
      {
        code: 'no-header',
        rows: [],
        message: {
          zh: '找不到台账的表头：前 30 行中没有一行同时写有收到申请日期、申请人类型、答复日期、办理结果中的两项（可用 --map 或 register.columns 指定列）',
          en: 'No header row found: none of the first 30 rows names two of received date, applicant type, answer date and result (map the columns with --map or register.columns)',
        },
      },
    ],
  };
}

/** One data row: its dates, applicant column, result row and the problems that leave it out. */
function readRow(reader: RowReader, row: number, cells: CellValue[], received: ReturnType<typeof readDate>): ReadRow {
  const { get } = reader;
  const r: ReadRow = { row, applicantText: text(get(cells, 'applicant')), fee: false, extended: undefined, problems: [] };
  const say: Say = (code, zh, en) => r.problems.push(problem(code, row, { zh, en }));
  const answered = readDates(reader, r, cells, received, say);
  readApplicantColumn(reader, r, say);
  const nameText = text(get(cells, 'name'));
  if (nameText) r.name = nameText;
  const numberText = text(get(cells, 'number'));
  if (numberText) r.number = numberText;
  const fee = get(cells, 'fee');
  r.fee = typeof fee === 'number' ? fee > 0 : reader.fees(text(fee));
  r.extended = reader.extensions(text(get(cells, 'extended')));
  readResult(reader, r, cells, answered, say);
  return r;
}

/** The row's dates (received, read by the caller; completed; answered); returns the answer date as read, 'unreadable' included. */
function readDates(
  reader: RowReader,
  r: ReadRow,
  cells: CellValue[],
  received: ReturnType<typeof readDate>,
  say: Say,
): ReturnType<typeof readDate> {
  const { get } = reader;
  const receivedRaw = get(cells, 'received');
  if (received === undefined) say('received-missing', '没有收到申请日期，未计入', 'no date of receipt; left out');
  else if (received === 'unreadable')
    say(
      'received-unreadable',
      `收到申请日期“${text(receivedRaw)}”无法识别，未计入`,
      `the date of receipt “${text(receivedRaw)}” cannot be read; left out`,
    );
  else r.received = received;
  if (reader.has('completed')) {
    const c = readDate(get(cells, 'completed'));
    if (c === 'unreadable') {
      if (reader.fromCompleted)
        say(
          'completed-unreadable',
          `补正后收到日期“${text(get(cells, 'completed'))}”无法识别，未计入`,
          `the date the completed application was received “${text(get(cells, 'completed'))}” cannot be read; left out`,
        );
    } else r.completed = c;
  }
  const answeredRaw = get(cells, 'answered');
  const answered = readDate(answeredRaw);
  if (answered === 'unreadable')
    say(
      'answered-unreadable',
      `答复日期“${text(answeredRaw)}”无法识别，未计入`,
      `the answer date “${text(answeredRaw)}” cannot be read; left out`,
    );
  else r.answered = answered;
  if (r.received !== undefined && r.answered !== undefined && r.answered < r.received)
    say(
      'answer-before-receipt',
      `答复日期 ${isoDate(r.answered)} 早于收到申请日期 ${isoDate(r.received)}，未计入`,
      `answered on ${isoDate(r.answered)}, before it was received on ${isoDate(r.received)}; left out`,
    );
  return answered;
}

/** The applicant's column of table 三. */
function readApplicantColumn(reader: RowReader, r: ReadRow, say: Say): void {
  const applicant = reader.applicants(r.applicantText);
  if (!r.applicantText) say('applicant-missing', '没有申请人类型，未计入', 'no applicant type; left out');
  else if (applicant && 'missingSubtype' in applicant)
    say(
      'applicant-subtype',
      `申请人类型“${r.applicantText}”没有写明是商业企业、科研机构、社会公益组织、法律服务机构还是其他，未计入（请在台账中写明，或在 register.applicants 中指定）`,
      `applicant type “${r.applicantText}” does not say which kind of organisation (business, research, public-interest, legal service or other); left out`,
    );
  else if (!applicant || !COLUMN_LABEL.has(applicant.column))
    say(
      'applicant-unknown',
      `申请人类型“${r.applicantText}”对应不到表三的列，未计入（可在 register.applicants 中指定）`,
      `applicant type “${r.applicantText}” matches no column of table 3; left out (map it in register.applicants)`,
    );
  else r.column = applicant.column;
}

/** The result: its row of table 三, or open ('pending'). */
function readResult(reader: RowReader, r: ReadRow, cells: CellValue[], answered: ReturnType<typeof readDate>, say: Say): void {
  const { answers } = reader;
  const wording = text(reader.get(cells, 'result'));
  const reason = text(reader.get(cells, 'reason'));
  if (wording) r.wording = reason ? `${wording}（${reason}）` : wording;
  let key = wording ? answers(wording) : undefined;
  if (key && /^g[3-6]$/.test(key) && reason) {
    const fromReason = answers(reason);
    if (fromReason && groupOf(fromReason) === key && fromReason !== key) key = fromReason;
  }
  if (!wording && reason) key = answers(reason);
  // 延期答复 in the result records the extension too.
  if (/延期|延长/.test(wording) && !/不延期|未延期|不延长|未延长/.test(wording)) r.extended = true;
  if (!wording && !reason) {
    if (r.answered !== undefined)
      say('result-missing', '有答复日期但没有办理结果，未计入', 'answered, but no result is recorded; left out');
    else key = 'pending';
  } else if (key === undefined) {
    say(
      'result-unknown',
      `办理结果“${r.wording}”对应不到表三的行，未计入（可在 register.answers 中指定）`,
      `the result “${r.wording}” matches no row of table 3; left out (map it in register.answers)`,
    );
  } else if (/^g[3-6]$/.test(key)) {
    say(
      'result-item',
      `办理结果“${r.wording}”只说明了“${groupName(key)}”，没有写明是哪一种情形，未计入`,
      `the result “${r.wording}” names the group ${key} but not which case; left out`,
    );
    key = undefined;
  } else if (key === 'pending' && r.answered !== undefined) {
    say(
      'result-unknown',
      `有答复日期 ${isoDate(r.answered)}，办理结果却是“${r.wording}”（尚未办结），未计入`,
      `answered on ${isoDate(r.answered)}, but the result “${r.wording}” says it is still open; left out`,
    );
    key = undefined;
  } else if (key !== 'pending' && r.answered === undefined && answered !== 'unreadable') {
    say(
      'answer-date-missing',
      `办理结果为“${r.wording}”，但没有答复日期，未计入`,
      `the result is “${r.wording}”, but no answer date is recorded; left out`,
    );
  }
  r.result = key;
}

const GROUP_NAMES: Record<string, string> = { g3: '不予公开', g4: '无法提供', g5: '不予处理', g6: '其他处理' };

function groupName(key: string): string {
  return GROUP_NAMES[key] ?? key;
}
