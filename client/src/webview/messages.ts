/**
 * What the table editor's webview and the extension host say to each other. The view model
 * is built in the extension host (layout from core/table-layout.ts + figures from the
 * server's tableGrid request); the webview only draws it and reports what the user typed.
 */

export type TableId = 'table2' | 'table3' | 'table4';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface ViewCell {
  kind: 'corner' | 'column-header' | 'block-label' | 'row-label' | 'value';
  text: string;
  rowSpan: number;
  colSpan: number;
  /** First grid column. */
  col: number;
  /** Value cells: `<table>/<row>/<column>`. */
  key?: string;
  rowId?: string;
  columnId?: string;
  /** Value cells: the text in the document, or null when the source row has no such cell. */
  value?: string | null;
  /** Value cells: row path and column path, for the aria-label and the title. */
  label?: string;
  severity?: Severity;
  messages?: string[];
  decimal?: boolean;
}

export interface SumLine {
  /** What is compared (e.g. the column name). */
  label: string;
  /** Keys of the cells added on the left and on the right side of the equation. */
  left: string[];
  right: string[];
  leftLabel: string;
  rightLabel: string;
}

export interface TableView {
  id: TableId;
  title: string;
  /** The source table exists in the document. */
  present: boolean;
  columnCount: number;
  header: ViewCell[][];
  body: ViewCell[][];
  /** Checks drawn under the grid, recomputed live from the inputs. */
  sums: { title: string; lines: SumLine[] }[];
}

export interface UiStrings {
  [key: string]: string;
}

export interface RenderMessage {
  type: 'render';
  uri: string;
  fileName: string;
  version: number;
  tables: TableView[];
  strings: UiStrings;
  /** A report is open but it has none of the three tables / is not a report. */
  empty?: string;
}

export interface CellEdit {
  key: string;
  value: string;
}

/** Extension → webview. */
export type ToWebview =
  | RenderMessage
  | { type: 'ack'; id: number; ok: boolean; version?: number; reason?: string }
  | { type: 'reveal'; table?: TableId; key?: string }
  | { type: 'probe'; id: number };

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'edit'; id: number; version: number; edits: CellEdit[] }
  | { type: 'focusCell'; key: string }
  | { type: 'probeResult'; id: number; values: Record<string, string>; focused?: string; marked: Record<string, string> };
