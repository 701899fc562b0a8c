/** textDocument/hover: a table cell's place and checks, or what a section must contain (core/hover.ts). */
import type { Hover, Position } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { toRange } from '../lsp';
import { registerHoverLines } from './register';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

/** Whether the features of a report apply: it looks like one, or an include glob says it is one. */
export function isReportDocument(ctx: ServiceContext, document: ReportDocument, isReport: boolean): boolean {
  return isReport || !!ctx.config.optionsFor(document.uri).forceReport;
}

export function getHover(ctx: ServiceContext, document: ReportDocument, position: Position, token?: CancellationToken): Hover | null {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested || !isReportDocument(ctx, document, analysis.model.isReport)) return null;
  const lines = analysis.model.lines;
  // Last year's report of the same agency (the workspace index): carry-over and valid-count in the hover too.
  const previous = ctx.workspace
    ? (r: Parameters<NonNullable<typeof ctx.workspace>['previous']>[0]) => ctx.workspace!.previous(r)
    : undefined;
  const offset = lines.offsetAt(position);
  const h = core().hoverAt(analysis.model, offset, ctx.config.locale, previous);
  if (!h) return null;
  // With a register configured: the register rows behind a table-三 cell.
  const place = core().cellPlaceAt(analysis.model, offset);
  const report = analysis.model.reports.find((r) => offset >= r.span.start && offset <= r.span.end);
  const register =
    place?.table === 'table3' && place.rowId && place.columnId
      ? registerHoverLines(
          ctx.config.optionsFor(document.uri).register,
          report?.title?.year,
          place.rowId,
          place.columnId,
          ctx.config.locale,
        )
      : [];
  const value = register.length ? `${h.markdown}\n\n${register.join('\n')}` : h.markdown;
  return { contents: { kind: 'markdown', value }, range: toRange(lines, h.span) };
}
