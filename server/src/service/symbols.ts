/** Hierarchical document symbols and folding ranges (reports only). */
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { documentSymbols, foldingRanges } from '../lsp';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

export function getDocumentSymbols(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): DocumentSymbol[] {
  const analysis = ctx.resultOf(document).analysis;
  return analysis?.model.isReport ? documentSymbols(analysis) : [];
}

export function getFoldingRanges(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): FoldingRange[] {
  const analysis = ctx.resultOf(document).analysis;
  return analysis?.model.isReport ? foldingRanges(analysis) : [];
}
