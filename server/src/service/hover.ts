/** textDocument/hover: a table cell's place and checks, or what a section must contain (core/hover.ts). */
import type { Hover, Position } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { toRange } from '../lsp';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

/** Whether the features of a report apply: it looks like one, or an include glob says it is one. */
export function isReportDocument(ctx: ServiceContext, document: ReportDocument, isReport: boolean): boolean {
  return isReport || !!ctx.config.optionsFor(document.uri).forceReport;
}

export function getHover(ctx: ServiceContext, document: ReportDocument, position: Position, token?: CancellationToken): Hover | null {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested || !isReportDocument(ctx, document, analysis.model.isReport)) return null;
  const lines = analysis.model.lines;
  const h = core().hoverAt(analysis.model, lines.offsetAt(position), ctx.config.locale);
  return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(lines, h.span) } : null;
}
