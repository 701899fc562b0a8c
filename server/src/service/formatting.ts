/**
 * textDocument/formatting and rangeFormatting: the report tables of sections 二–四 only,
 * aligned by display width (core/format.ts); never a cell's text, never anything else. No
 * table line gets wider than it was or than xxgkReport.format.maxWidth (120), whichever is
 * more. Ambiguous-width characters (“ ” ①) count as 1 column, or 2 with
 * xxgkReport.format.ambiguousWidth = 2.
 *
 * Formatting reads the complete parse: an analysis left incomplete by its time budget (a
 * hostile document) misses tables, so the text is parsed again without a budget, once, when
 * the user asks to format.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { DocumentModel } from '../core/index';
import { core } from '../core-loader';
import { toTextEdits } from '../lsp';
import { isReportDocument } from './hover';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

function completeModel(model: DocumentModel): DocumentModel {
  return model.incomplete ? core().buildModel(model.text, undefined, { budgetMs: Infinity }) : model;
}

export function getFormattingEdits(ctx: ServiceContext, document: ReportDocument, range?: Range, token?: CancellationToken): TextEdit[] {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested) return [];
  if (!isReportDocument(ctx, document, analysis.model.isReport)) return [];
  const model = completeModel(analysis.model);
  if (token?.isCancellationRequested) return [];
  const span = range && { start: model.lines.offsetAt(range.start), end: model.lines.offsetAt(range.end) };
  const edits = core().formatEdits(model, {
    range: span,
    ambiguousWide: ctx.config.ambiguousWidth === 2,
    maxWidth: ctx.config.formatMaxWidth,
    force: true,
  });
  return toTextEdits(model.lines, edits);
}
