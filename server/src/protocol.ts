/**
 * The custom requests between the VS Code client (client/src/extension.ts) and the server,
 * each declared once as a typed `RequestType<Params, Result, void>` (as vscode-eslint does), so
 * both sides are checked against the same types with no cast:
 *
 *   client: client.sendRequest(StructureRequest, { uri })            → Promise<Structure | null>
 *   server: connection.onRequest(StructureRequest, (params) => …)    (server.ts)
 *
 * `RequestType` comes from vscode-languageserver-protocol, the copy the client bundles anyway
 * and the server's vscode-languageserver uses too (package.json `overrides` keeps it one copy),
 * so neither bundle grows. Everything else here is types and plain data (the import formats'
 * table of io/formats.ts), which the CLI imports without loading the LSP libraries.
 */
import { RequestType } from 'vscode-languageserver-protocol';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Message } from './core/message';

// ---------------------------------------------------------------------------
// xxgkReport/structure: the data of the "年报结构" view.

export interface StructureItem {
  kind: string;
  label: string;
  line: number;
  range: Range;
  problems: number;
}

export interface StructureSection {
  number: number;
  title: string;
  written?: string;
  present: boolean;
  line?: number;
  range?: Range;
  problems: number;
  errors: number;
  missingTopics?: string[];
  children: StructureItem[];
  /** The section holds only placeholders (（文字描述）, 【请改写】 notes…): not written yet, never shown as done. */
  unwritten?: boolean;
}

export interface Structure {
  uri: string;
  isReport: boolean;
  reports: number;
  title?: { text: string; agency?: string; year?: number; line: number };
  sections: StructureSection[];
  extraSections: StructureSection[];
  problems: number;
}

export interface UriParams {
  uri: string;
}

/** Null when the document is not open (or too large to analyse). */
export const StructureRequest = new RequestType<UriParams, Structure | null, void>('xxgkReport/structure');

// ---------------------------------------------------------------------------
// xxgkReport/fixAll: every safe fix of an open document, for the version it was computed on.

export interface VersionedEdits {
  /** The document version the edits apply to; null when the document is not open. */
  version: number | null;
  edits: TextEdit[];
}

export const FixAllRequest = new RequestType<UriParams, VersionedEdits, void>('xxgkReport/fixAll');

// ---------------------------------------------------------------------------
// xxgkReport/insertSection: the edit that inserts a missing section (from the structure view).

export interface InsertSectionParams {
  uri: string;
  number: number;
}

export const InsertSectionRequest = new RequestType<InsertSectionParams, VersionedEdits, void>('xxgkReport/insertSection');

// ---------------------------------------------------------------------------
// xxgkReport/template: template text for the "插入模板" command.

export type TemplateKind = 'report' | 'table2' | 'table3' | 'table4' | `section:${number}`;

export interface TemplateParams {
  kind: TemplateKind;
  agency?: string;
  year?: number;
  /** The document's line break ("\n" by default). */
  eol?: string;
}

/** Null for an unknown kind. */
export const TemplateRequest = new RequestType<TemplateParams, { text: string } | null, void>('xxgkReport/template');

// ---------------------------------------------------------------------------
// xxgkReport/tableGrid: the figures of tables 二/三/四 cell by cell (the VS Code table editor and
// status bar draw the official layout of core/table-layout.ts and fill it from here).

export interface TableGridParams {
  uri: string;
  /** Pick the report containing this 0-based line (default: the first report of the document). */
  line?: number;
}

export interface TableGridDiagnostic {
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  code: string;
}

export interface TableGridCell {
  /** Template column id (table-layout.ts `columnId`). */
  column: string;
  /** The cell text as written (trimmed). */
  text: string;
  /** Cell index in the source row (0-based, not counting a leading pipe). */
  index: number;
  range: Range;
  /** Findings on this cell, most severe first. */
  diagnostics: TableGridDiagnostic[];
}

export interface TableGridRow {
  /** Template row id (table-layout.ts `rowId`). */
  id: string;
  range: Range;
  cells: TableGridCell[];
}

export interface TableGridTable {
  id: 'table2' | 'table3' | 'table4';
  range: Range;
  labelColumns: number;
  rows: TableGridRow[];
  /** Tables 三 and 四: every check of the table's arithmetic, as the rules evaluate it. */
  checks?: TableGridCheck[];
}

/** A cell of a template table by its template ids (table-layout.ts `rowId` / `columnId`). */
export interface TableGridCellRef {
  row: string;
  column: string;
}

/**
 * One equation of tables 三 / 四 (core/arithmetic.ts: the one model the rules balance,
 * result-total, row-total and review-total, the hover and the code lens use): the cells of
 * each side, their sums, and what explains a failure. A sums panel lists these; a grid marks
 * `suspect` (the cell that is wrong) rather than the total that shows the difference.
 */
export interface TableGridCheck {
  rule: 'balance' | 'result-total' | 'row-total' | 'review-total';
  /** Column id (balance, result-total), row id (row-total) or block id (review-total). */
  key: string;
  /** Left side = right side: balance 新收+结转 = （七）总计+结转下年; the other checks total = parts. */
  left: TableGridCellRef[];
  right: TableGridCellRef[];
  /** The sums, when the check is done (status ok or mismatch). */
  leftSum?: number;
  rightSum?: number;
  /** ok / mismatch; open: a cell is blank or not a figure; unchecked: a row is missing or has more or fewer cells. */
  status: 'ok' | 'mismatch' | 'open' | 'unchecked';
  /**
   * On every failing check, when one exists: the single cell whose correction to `value` makes
   * every failing check of the table hold and breaks none that holds (the value fix's cell).
   */
  suspect?: TableGridCellRef & { value: number };
  /** On a failing check: two adjacent one-digit cells that, read as one figure (`joined`), make it hold (never fixed). */
  split?: { cells: [TableGridCellRef, TableGridCellRef]; joined: number };
}

export interface TableGridResult {
  uri: string;
  /** The document version the grid was read from. */
  version: number | null;
  isReport: boolean;
  tables: TableGridTable[];
}

/** Null when the document is not open (or not analysed). */
export const TableGridRequest = new RequestType<TableGridParams, TableGridResult | null, void>('xxgkReport/tableGrid');

// ---------------------------------------------------------------------------
// xxgkReport/nextYear: next year's draft from last year's report (command 年报：新建下一年度报告).
// Title and statistic period of the next year, every figure blank except 上年结转 (= last year's
// 结转下年度继续办理), table 二's 现行有效件数 noted as the base, no signing date; last year's
// prose under a visible reminder, or the blank skeleton. The client opens the text as a new file.

export interface NextYearParams {
  /** Last year's report: an open document, or a file: URI read from disk. */
  uri?: string;
  /** Or its text. */
  text?: string;
  /** The blank skeleton instead of last year's prose. */
  skeleton?: boolean;
}

export type NextYearResult =
  | {
      ok: true;
      text: string;
      year: number;
      agency?: string;
      carried: Record<string, string>;
      /** Where the draft goes beside last year's report: <机关名称><年份>年政府信息公开工作年度报告.md (core reportFileName). */
      fileName: string;
    }
  | { ok: false; message: Message };

export const NextYearRequest = new RequestType<NextYearParams, NextYearResult, void>('xxgkReport/nextYear');

// ---------------------------------------------------------------------------
// Import and export (VS Code commands 年报：导入 Word 或网页… / 导出为 Word / 导出为网页, and
// paste as a report table). The server converts (dist/io.js, loaded on first use). Import: the
// client picks files, asks before replacing and writes. Export: the server writes, never over
// a file it did not write (service/export.ts); the client asks first with a dry run.

/** The extensions the import and register dialogs offer (io/formats.ts, the one table of accepted formats). */
export { IMPORT_DIALOG_EXTENSIONS, REGISTER_DIALOG_EXTENSIONS } from './io/formats';

export interface ImportParams {
  /** A file: URI of a file to import (a format of io/formats.ts: .docx, .html/.htm, .txt…). */
  uri: string;
  /** The line break of the draft ("\n" by default). */
  eol?: string;
}

export interface ImportedDraft {
  ok: true;
  markdown: string;
  /** What could not be mapped onto the template (kept in the draft as text). */
  unmapped: { table?: string; text: string; message: Message }[];
  /** Template tables found (table2/table3/table4). */
  tables: string[];
  /** What the reader noticed (bytes replaced, a declared charset overruled), for the user. */
  warnings?: Message[];
}

export type IoFailure = { ok: false; message: Message };

export const ImportRequest = new RequestType<ImportParams, ImportedDraft | IoFailure, void>('xxgkReport/import');

export interface ExportParams {
  uri: string;
  to: 'docx' | 'html';
  /** Where to write (a file: URI). Default: beside the draft, `X（导出）.docx`. */
  target?: string;
  /** For a draft not saved as a file: the folder (a file: URI) its default target goes in. */
  directory?: string;
  /** Say where it would go, what is there and how many errors the draft has; convert and write nothing. */
  dryRun?: boolean;
  /** Replace the target if it is an earlier export of ours, untouched since (never any other file). */
  replace?: boolean;
}

/**
 * What is at an export's target: nothing (`new`), our untouched earlier export (`ours`, the
 * only file ever replaced), our export changed since (`edited`), someone else's file
 * (`foreign`), a symbolic link, the draft itself (`source`), or no regular file (`not-file`).
 */
export type ExportTargetState = 'new' | 'ours' | 'edited' | 'foreign' | 'link' | 'source' | 'not-file';

export interface ExportResult {
  ok: true;
  /** The document version that was exported (or looked at). */
  version: number;
  /** Errors in the draft: the diagnostics of severity error the editor shows for this version. */
  errors: number;
  /** The target (a file: URI) and what was there before. */
  target: string;
  state: ExportTargetState;
  /** The first free name beside the target (`X（导出2）.docx`), if any. */
  free?: string;
  /** Whether the file was written (false for a dry run). */
  written: boolean;
  /** What the export had to change (characters XML does not allow, taken out). */
  warnings: Message[];
}

export const ExportRequest = new RequestType<ExportParams, ExportResult | IoFailure, void>('xxgkReport/export');

export interface PasteParams {
  /** Clipboard HTML (from Word, WPS or a browser). */
  html?: string;
  /** Clipboard text (tab-separated rows from Excel or WPS). */
  text?: string;
  eol?: string;
}

/** The pasted content as canonical report Markdown, when it holds a report table. */
export const PasteRequest = new RequestType<PasteParams, ImportedDraft | IoFailure, void>('xxgkReport/paste');

// ---------------------------------------------------------------------------
// xxgkReport/tally: table 三 counted from a request register (command 年报：从台账生成表三…). The
// server reads and tallies the file and returns the edit that inserts or replaces table 三 of
// the document (one edit, one undo step), with what it could not place; the client applies it.

export interface TallyParams {
  /** The open draft. */
  uri: string;
  /** A file: URI of the register (.xlsx, .xls, .csv). */
  register: string;
  /** The report year; default: the year in the draft's title. */
  year?: number;
  /** The cursor's 0-based line: picks the report, and where table 三 goes when there is no section 三. */
  line?: number;
}

export interface TallyResult {
  ok: true;
  /** The document version the edits apply to. */
  version: number;
  edits: TextEdit[];
  year: number;
  /** true: an existing table 三 was replaced; false: the table was inserted. */
  replaced: boolean;
  /** Register rows read as applications, and those left out (their numbers). */
  applications: number;
  leftOut: number[];
  /** Rows that could not be placed, each with its reason; then the register checks (late answers, duplicates, fees). */
  problems: Message[];
  warnings: Message[];
  /** The counting basis, stated. */
  basis: Message[];
  sheet?: string;
}

export const TallyRequest = new RequestType<TallyParams, TallyResult | IoFailure, void>('xxgkReport/tally');
