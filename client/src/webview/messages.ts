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
  /**
   * Value cells: the rules name this cell as the wrong one of the failing checks `checks` (their
   * names), which all hold with `value` in it.
   */
  suspect?: { value: number; checks: string[] };
  decimal?: boolean;
}

export interface SumLine {
  /** The rule of the check and what it checks (a column, row or block id), as in TableGridCheck. */
  rule: string;
  key: string;
  /** What is compared (e.g. the column name). */
  label: string;
  /** Keys of the cells added on the left and on the right side of the equation. */
  left: string[];
  right: string[];
  leftLabel: string;
  rightLabel: string;
  /** The document's version fails this check and the rules name one cell as wrong: its key and name, and the figure that fits. */
  suspect?: { key: string; name: string; value: number };
}

export interface TableView {
  id: TableId;
  title: string;
  /** The source table exists in the document. */
  present: boolean;
  columnCount: number;
  /** Leading grid columns that hold row labels (they stay in view when the table scrolls sideways). */
  labelColumns: number;
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

/** What the page shows, for the test channel: values, the focused cell and its selection, marks. */
export interface ProbeResult {
  type: 'probeResult';
  id: number;
  values: Record<string, string>;
  focused?: string;
  /** Selection of the focused input (start, end). */
  selection?: [number, number];
  marked: Record<string, string>;
  /** Cells marked as the one the rules name as wrong. */
  suspects: string[];
  /** The suspect each sums line points to, by `rule/key`. */
  pointers: Record<string, string>;
}

/** Webview → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'edit'; id: number; version: number; edits: CellEdit[] }
  | { type: 'focusCell'; key: string }
  /** Ctrl+Z / Ctrl+Y (Cmd+Z / Cmd+Shift+Z) in the grid: the document's undo and redo. */
  | { type: 'undo' | 'redo'; key?: string }
  /** The page shows this version of the document. */
  | { type: 'shown'; uri: string; version: number }
  | ProbeResult;
