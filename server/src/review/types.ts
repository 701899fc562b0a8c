/** The records of a review: what a worker returns for a file, and what the outputs are written from. */
import type { Severity } from '../core/index';
import type { ReportKind } from '../core/template';
import type { Message } from '../core/message';

/** How a file fared: `ok` was checked; the others say why it was not (or not on its own). */
export type FileStatus =
  | 'ok'
  /** Could not be read: missing, unreadable, not a regular file, too large, not text. */
  | 'unreadable'
  /** Read but refused by the importer: .doc/.wps, encrypted, corrupt, a zip bomb … */
  | 'refused'
  /** A PDF without a text layer. */
  | 'scan'
  /** Import or check ran past the time limit; its worker was ended. */
  | 'timeout'
  /** Imported, but holds no annual report. */
  | 'not-report'
  /** The same report as an earlier file of the batch: not reviewed again. */
  | 'duplicate'
  /** Not finished: the review was interrupted (Ctrl+C, cancel). */
  | 'interrupted';

/** A place in a file, 1-based, columns in UTF-16 units (as the editor counts). */
export interface Place {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedPlace extends Partial<Place> {
  /** The file, as shown (relative to the working directory); absent: the same file. */
  file?: string;
  message: string;
}

export interface FindingRow extends Partial<Place> {
  code: string;
  severity: Severity;
  message: string;
  /** The section the finding is in (`三、收到和处理政府信息公开申请情况`), for plain-language locations. */
  section?: string;
  /** What to change: the titles of the rule's fixes. */
  fixes?: string[];
  related?: RelatedPlace[];
}

/** One cell of table 三 marked in the details: wrong (a finding is on it) or summed by one. */
export interface CellMark {
  level: 'wrong' | 'involved';
  messages: string[];
}

export interface Table3Snapshot {
  /** Cell text by layout key (`g3.1.natural`, `total.total`). */
  values: Record<string, string>;
  marks: Record<string, CellMark>;
}

/** Everything the outputs need about one file (one line of the spool). */
export interface ReportRecord {
  /** Order of the file in the batch (walk order). */
  index: number;
  /** As shown: relative to the working directory. */
  file: string;
  path: string;
  uri: string;
  /** The format read: md, docx, html, txt, pdf … (by extension). */
  format: string;
  /** Imported from another format: line numbers refer to the imported draft. */
  imported: boolean;
  status: FileStatus;
  /** Why it was not reviewed, or a caveat (GBK, unmapped import content). */
  reason?: string;
  unit?: string;
  year?: number;
  kind?: ReportKind;
  findings: FindingRow[];
  table3?: Table3Snapshot;
  /** The earlier file this one duplicates. */
  duplicateOf?: string;
  /** The previous year's report compared with (cross-year rules). */
  previousFile?: string;
}

export type ReportResult = 'pass' | 'fail' | 'unreviewed' | 'duplicate';

export const RESULT_LABELS: Record<ReportResult, Message> = {
  pass: { zh: '通过', en: 'pass' },
  fail: { zh: '不通过', en: 'fail' },
  unreviewed: { zh: '无法审阅', en: 'not reviewed' },
  duplicate: { zh: '重复报送', en: 'duplicate' },
};

export const STATUS_LABELS: Record<FileStatus, Message> = {
  ok: { zh: '已审阅', en: 'reviewed' },
  unreadable: { zh: '无法读取', en: 'unreadable' },
  refused: { zh: '格式不支持或文件损坏', en: 'refused' },
  scan: { zh: '扫描件（无文字）', en: 'scan' },
  timeout: { zh: '处理超时', en: 'timeout' },
  'not-report': { zh: '不是年度报告', en: 'not a report' },
  duplicate: { zh: '重复报送', en: 'duplicate' },
  interrupted: { zh: '未完成（已中断）', en: 'interrupted' },
};

/** What is kept in memory per file while the records themselves wait in the spool. */
export interface ReportSummary {
  index: number;
  file: string;
  format: string;
  imported: boolean;
  status: FileStatus;
  reason?: string;
  unit?: string;
  year?: number;
  duplicateOf?: string;
  errors: number;
  warnings: number;
  /** Information and hints. */
  notes: number;
  result: ReportResult;
  score?: number;
  /** What the score lost, per entry of the scoring table (`section-missing`, `tag:arithmetic`). */
  deductions?: { key: string; count: number; points: number }[];
  rank?: number;
  /** The three most serious problems, as messages. */
  top: string[];
  /** Code → findings, for the batch's charts. */
  byCode: Record<string, number>;
}
