/**
 * `xxgkReport/tableGrid`: the figures of tables 二, 三 and 四 of one report, cell by cell,
 * keyed by template row and column ids (the ids of core/table-layout.ts), with each cell's
 * source range and the diagnostics on it, and for tables 三 and 四 every check of their
 * arithmetic (core/arithmetic.ts) with the cell a failure points at. The VS Code table editor,
 * its status bar item and any other client draw the official layout themselves and fill it
 * from here.
 */
import type { Diagnosis, Operand } from '../core/arithmetic';
import { core } from '../core-loader';
import type { Analysis } from '../core/index';
import type { Finding } from '../core/findings';
import type { Span } from '../core/lines';
import type { MappedRow } from '../core/tables';
import type {
  TableGridCell,
  TableGridCellRef,
  TableGridCheck,
  TableGridDiagnostic,
  TableGridParams,
  TableGridResult,
  TableGridRow,
  TableGridTable,
} from '../protocol';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

type Positioner = (offset: number) => { line: number; character: number };

const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

function rangeOf(at: Positioner, span: Span): TableGridCell['range'] {
  return { start: at(span.start), end: at(span.end) };
}

/**
 * Findings on a cell: inside its row and touching the cell (an empty cell has an empty span,
 * so a finding that contains it counts). A finding on the whole table marks no single cell.
 */
function cellFindings(findings: readonly Finding[], row: Span, cell: Span): TableGridDiagnostic[] {
  const out: TableGridDiagnostic[] = [];
  for (const f of findings) {
    if (f.span.start < row.start || f.span.end > row.end) continue;
    const touches =
      cell.start === cell.end ? f.span.start <= cell.start && f.span.end >= cell.end : f.span.start < cell.end && f.span.end > cell.start;
    if (touches) out.push({ severity: f.severity, message: f.message, code: f.code });
  }
  return out.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

function gridRow(
  id: string,
  mapped: MappedRow,
  columnIndex: Map<string, number>,
  findings: readonly Finding[],
  at: Positioner,
): TableGridRow {
  const cells: TableGridCell[] = [];
  for (const [column, value] of mapped.cells) {
    cells.push({
      column,
      text: value.raw,
      index: columnIndex.get(column) ?? -1,
      range: rangeOf(at, value.span),
      diagnostics: cellFindings(findings, mapped.row.span, value.span),
    });
  }
  return { id, range: rangeOf(at, mapped.row.span), cells };
}

const refOf = (o: Operand): TableGridCellRef => ({ row: o.ref!.row, column: o.ref!.column });

/** The table's checks from the one diagnosis the rules use: cells of both sides, the wrong cell, a split figure. */
function gridChecks(d: Diagnosis): TableGridCheck[] {
  return d.checks.map((c) => {
    const out: TableGridCheck = {
      rule: c.rule as TableGridCheck['rule'],
      key: c.key,
      left: c.left.map(refOf),
      right: c.right.map(refOf),
      status: c.status,
      ...(c.leftSum !== undefined ? { leftSum: c.leftSum, rightSum: c.rightSum } : {}),
    };
    if (d.suspect?.satisfies.includes(c)) out.suspect = { ...d.suspect.ref, value: d.suspect.value };
    const split = d.splits.find((s) => s.check === c);
    if (split) out.split = { cells: [refOf(split.first), refOf(split.second)], joined: split.joined };
    return out;
  });
}

/** The grid of an open document (null when it is not analysed). */
export function getTableGrid(
  ctx: ServiceContext,
  document: ReportDocument,
  params?: Pick<TableGridParams, 'line'>,
  _token?: CancellationToken,
): TableGridResult | null {
  const analysis = ctx.resultOf(document).analysis;
  return analysis
    ? tableGridOf(analysis, document.uri, document.version, typeof params?.line === 'number' ? params.line : undefined)
    : null;
}

/** The grid of the report that contains `line` (default: the first report of the document). */
export function tableGridOf(analysis: Analysis, uri: string, version: number | null, line?: number): TableGridResult {
  const model = analysis.model;
  const at: Positioner = (o) => model.lines.positionAt(o);
  const result: TableGridResult = { uri, version, isReport: model.isReport, tables: [] };
  if (!model.isReport || model.reports.length === 0) return result;
  let report = model.reports[0];
  if (line !== undefined) {
    const offset = model.lines.offsetAt({ line, character: 0 });
    report = model.reports.find((r) => offset >= r.span.start && offset < r.span.end) ?? report;
  }
  const inReport = analysis.findings.filter((f) => f.span.start >= report.span.start && f.span.end <= report.span.end);
  const tableSpan = (tables: { span: Span }[]): Span => ({ start: tables[0].span.start, end: tables[tables.length - 1].span.end });

  if (report.table2 && report.table2.tables.length) {
    const t = report.table2;
    const rows: TableGridRow[] = [];
    for (const [id, mapped] of t.rows) {
      const cols = new Map((t.columnsByBlock.get(mapped.block.id) ?? []).map((c) => [c.template.id, c.index]));
      rows.push(gridRow(id, mapped, cols, inReport, at));
    }
    result.tables.push({ id: 'table2', range: rangeOf(at, tableSpan(t.tables)), labelColumns: 1, rows });
  }
  for (const id of ['table3', 'table4'] as const) {
    const t = report[id];
    if (!t || !t.tables.length) continue;
    const cols = new Map(t.columns.map((c) => [c.template.id, c.index]));
    const rows = [...t.rows].map(([rowId, mapped]) => gridRow(rowId, mapped, cols, inReport, at));
    const table: TableGridTable = {
      id,
      range: rangeOf(at, tableSpan(t.tables)),
      labelColumns: t.labelColumns,
      rows,
      checks: gridChecks(core().diagnose(t, id)),
    };
    result.tables.push(table);
  }
  return result;
}
