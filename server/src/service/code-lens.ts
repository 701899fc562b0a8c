/**
 * textDocument/codeLens: one line above tables 三 and 四 summing up their checks (core/codelens.ts).
 * The command opens the VS Code table editor; other editors show the title only.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import { core } from '../core-loader';
import { toRange } from '../lsp';
import { isReportDocument } from './hover';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

/** Implemented by the VS Code client: arguments (uri: string, table: 'table2' | 'table3' | 'table4'). */
const OPEN_TABLE_EDITOR_COMMAND = 'xxgkReport.openTableEditor';

export function getCodeLenses(ctx: ServiceContext, document: ReportDocument, token?: CancellationToken): CodeLens[] {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis || token?.isCancellationRequested) return [];
  const force = isReportDocument(ctx, document, analysis.model.isReport);
  if (!force) return [];
  const lines = analysis.model.lines;
  return core()
    .tableLenses(analysis.model, ctx.config.locale, true)
    .map((l) => ({
      range: toRange(lines, { start: l.span.start, end: l.span.start }),
      command: { title: l.title, command: OPEN_TABLE_EDITOR_COMMAND, arguments: [document.uri, l.table] },
    }));
}
