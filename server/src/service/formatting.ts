/**
 * textDocument/formatting and rangeFormatting: the report tables of sections 二–四 only,
 * aligned by display width (core/format.ts); never a cell's text, never anything else.
 * Ambiguous-width characters (“ ” ①) count as 1 column, or 2 with xxgkReport.format.ambiguousWidth = 2.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { toTextEdits } from '../lsp';
import { isReportDocument } from './hover';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getFormattingEdits(ctx: ServiceContext, document: ReportDocument, range?: Range, token?: CancellationToken): TextEdit[] {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested) return [];
  const model = analysis.model;
  if (!isReportDocument(ctx, document, model.isReport)) return [];
  const span = range && { start: model.lines.offsetAt(range.start), end: model.lines.offsetAt(range.end) };
  const edits = core().formatEdits(model, { range: span, ambiguousWide: ctx.config.ambiguousWidth === 2, force: true });
  return toTextEdits(model.lines, edits);
}
