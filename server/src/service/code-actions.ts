/** Quick fixes for the findings in a range, and the safe fix-all (source.fixAll.xxgkReport). */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Analysis, Finding } from '../core/index';
import { core } from '../core-loader';
import { FIX_ALL_KIND, codeActionsFor, toTextEdits } from '../lsp';
import type { VersionedEdits } from '../protocol';
import type { CancellationToken, ReportDocument, ServiceContext } from './types';

/** Findings on the lines of the range, or named by a context diagnostic's data key (never by its possibly wrong range). */
function findingsInRange(analysis: Analysis, range: Range, context: CodeActionContext): Finding[] {
  const lines = analysis.model.lines;
  const startLine = Math.max(0, Math.min(range.start.line, lines.lineCount - 1));
  const from = lines.offsetAt({ line: startLine, character: 0 });
  const to = lines.lineEnd(Math.max(0, Math.min(range.end.line, lines.lineCount - 1)));
  const keys = new Set(
    (context.diagnostics ?? [])
      .map((d) => (d?.data as { key?: unknown } | undefined)?.key)
      .filter((k): k is string => typeof k === 'string'),
  );
  return analysis.findings.filter((f) => keys.has(f.key) || (f.span.start <= to && f.span.end >= from));
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function getCodeActions(
  ctx: ServiceContext,
  document: ReportDocument,
  range: Range,
  context: CodeActionContext,
  _token?: CancellationToken,
): CodeAction[] {
  const analysis = ctx.resultOf(document).analysis;
  if (!analysis) return [];
  const only = context.only;
  const actions: CodeAction[] = [];
  // source.fixAll.xxgkReport only when asked for by a source kind (not for plain quick fixes),
  // on the complete analysis: fix-all must not stop where a budget stopped the parse.
  if (only?.some((k) => k.startsWith(CodeActionKind.Source) && wants([k], FIX_ALL_KIND))) {
    const all = ctx.completeResultOf(document).analysis ?? analysis;
    const edits = core().safeFixEdits(all.findings);
    if (edits.length) {
      actions.push({
        title: ctx.config.locale === 'en' ? 'Fix all safely fixable report problems' : '修复所有可安全修复的年报问题',
        kind: FIX_ALL_KIND,
        edit: { changes: { [document.uri]: toTextEdits(all.model.lines, edits) } },
      });
    }
  }
  if (!only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix))) {
    actions.push(...codeActionsFor(document.uri, analysis, findingsInRange(analysis, range, context), document.version));
  }
  return actions;
}

/** Every safe fix, as edits for this version of the document (from its complete analysis). */
export function getFixAllEdits(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): VersionedEdits {
  const analysis = ctx.completeResultOf(document).analysis;
  if (!analysis) return { version: document.version, edits: [] };
  const edits: TextEdit[] = toTextEdits(analysis.model.lines, core().safeFixEdits(analysis.findings));
  return { version: document.version, edits };
}
