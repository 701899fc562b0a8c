/**
 * The request register (依申请公开台账) as the tally sees it: a sheet of cell values with the
 * source row numbers, the configuration that maps its columns and wordings, and what the tally
 * gives back (figures per table-三 cell with the register rows behind each, and the problems).
 * Plain data only: it crosses from the register reader to the core rules in AnalysisOptions.
 */
import type { Message } from '../rule';

/** A cell as the readers give it: text, a number (an Excel serial date too), a Date cell, or empty. */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface SheetRow {
  /** 1-based row number in the source (a spreadsheet row, or a CSV record's first line). */
  row: number;
  cells: CellValue[];
}

export interface RegisterSheet {
  /** Sheet name (workbooks) — absent for CSV. */
  name?: string;
  rows: SheetRow[];
}

/** The meanings a register column can have. */
export type FieldId =
  'number' | 'received' | 'completed' | 'applicant' | 'name' | 'content' | 'answered' | 'result' | 'reason' | 'fee' | 'extended';

/** How applications are counted where practice varies (register.md "Counting", inferred). */
export interface CountingBasis {
  /**
   * 新收 and the 20-working-day deadline run from: 'received' — the day the application was
   * received (default); 'completed' — the day the completed (补正) application was received,
   * when the register has that column.
   */
  from: 'received' | 'completed';
}

export interface RegisterConfig {
  /** Field → header text (as written, spaces ignored), a column letter (C) or a 1-based number. */
  columns?: Partial<Record<FieldId, string>>;
  /** Extra answer wordings → template row id of table 三 (g1, g2, g3.1 … g6.3), checked first. */
  answers?: Record<string, string>;
  /** Extra applicant wordings → table-三 column id (natural, business, research, publicInterest, legal, other). */
  applicants?: Record<string, string>;
  /** Which sheet of a workbook holds the register (its name); default: the one that looks like it. */
  sheet?: string;
  counting?: Partial<CountingBasis>;
}

export type ProblemCode =
  | 'no-header'
  | 'received-missing'
  | 'received-unreadable'
  | 'completed-unreadable'
  | 'answered-unreadable'
  | 'answer-before-receipt'
  | 'answer-date-missing'
  | 'applicant-missing'
  | 'applicant-subtype'
  | 'applicant-unknown'
  | 'result-missing'
  | 'result-unknown'
  | 'result-item';

export type WarningCode = 'late' | 'duplicate-number' | 'fees' | 'calendar' | 'extended-unknown';

/** A row the tally could not place (left out and counted), or a register check's warning. */
export interface RegisterProblem<C extends string = ProblemCode> {
  code: C;
  /** Register rows concerned (1-based source rows); empty for a sheet-wide note. */
  rows: number[];
  message: Message;
}

export interface TallyCell {
  value: number;
  /** The register rows counted in this cell, in sheet order. */
  rows: number[];
}

/** One placed application: what the hover shows for a register row. */
export interface RegisterEntry {
  row: number;
  /** Table-三 column id. */
  column: string;
  /** The applicant type as written (and the name, when the register has one). */
  applicant: string;
  name?: string;
  /** ISO dates (YYYY-MM-DD). */
  received: string;
  answered?: string;
  /** Template row id of the result, when answered within the year. */
  result?: string;
  /** The wording as written. */
  wording?: string;
}

export interface ColumnMapping {
  field: FieldId;
  /** 0-based column index, and the header as written. */
  index: number;
  header: string;
}

export interface RegisterTally {
  year: number;
  sheet?: string;
  /** 1-based source row of the header. */
  headerRow: number;
  columns: ColumnMapping[];
  /** Figures by template row id (new, carried, g1 … g6.3, total, forward) and column id (natural … total). */
  cells: Record<string, Record<string, TallyCell>>;
  entries: RegisterEntry[];
  /** Rows left out of the table (never guessed), with the reason. */
  problems: RegisterProblem[];
  /** Checks on the register itself: late answers, duplicate numbers, fees, calendar notes. */
  warnings: RegisterProblem<WarningCode>[];
  /** Rows read as applications (placed or not), and rows skipped as not applications (blank, 合计). */
  applications: number;
  skipped: { row: number; reason: 'blank' | 'total' | 'header' | 'outside' }[];
  /** Register rows that recorded a fee (section 六's 信息处理费 statement). */
  feeRows: number[];
  /** The counting basis, stated in the output. */
  basis: Message[];
}

/**
 * A configured register as the analysis sees it (AnalysisOptions.register): the service reads
 * the file and tallies it; the rule register-mismatch only compares. Like the previous year's
 * report for the cross-year rules, it is looked up by the report being checked (its year).
 */
export interface RegisterOption {
  /** The file as shown in messages (its name). */
  file: string;
  /** The tally for a report year; undefined while the file is being read or when it cannot be. */
  tally(year: number): RegisterTally | undefined;
  /** Why the file could not be read, when it could not. */
  error?: Message;
}
