/**
 * textDocument/formatting and rangeFormatting: the report tables of sections 二–四 only,
 * aligned by display width (core/format.ts); never a cell's text, never anything else. No
 * table line gets wider than it was or than xxgkReport.format.maxWidth (120), whichever is
 * more. Ambiguous-width characters (“ ” ①) count as 1 column, or 2 with
 * xxgkReport.format.ambiguousWidth = 2.
 *
 * Formatting reads the complete analysis (ctx.completeResultOf), never one cut by the work
 * budget: a document far beyond a report would otherwise have tables left unformatted, and the
 * same text would format differently depending on what the editor had analysed so far.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { toTextEdits } from '../lsp';
import { isReportDocument } from './hover';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getFormattingEdits(ctx: ServiceContext, document: ReportDocument, range?: Range, token?: CancellationToken): TextEdit[] {
  if (token?.isCancellationRequested) return [];
  const analysis = ctx.completeResultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested) return [];
  const model = analysis.model;
  if (!isReportDocument(ctx, document, model.isReport)) return [];
  const span = range && { start: model.lines.offsetAt(range.start), end: model.lines.offsetAt(range.end) };
  const edits = core().formatEdits(model, {
    range: span,
    ambiguousWide: ctx.config.ambiguousWidth === 2,
    maxWidth: ctx.config.formatMaxWidth,
    force: true,
  });
  return toTextEdits(model.lines, edits);
}
