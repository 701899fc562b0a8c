/** Diagnostics of a document: its findings, plus notices (too large, not text, internal errors, config errors). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { SOURCE, toDiagnostic } from '../lsp';
import type { CancellationToken, DocumentResult, Notice, ReportDocument, ServiceContext } from './types';

const ORIGIN = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function noticeDiagnostic(n: Notice): Diagnostic {
  return {
    range: ORIGIN,
    severity: n.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: SOURCE,
    code: n.code,
    message: n.message,
  };
}

function diagnosticsOf(result: DocumentResult): Diagnostic[] {
  const out = result.notices.map(noticeDiagnostic);
  const a = result.analysis;
  if (a) for (const f of a.findings) out.push(toDiagnostic(result.uri, a.model.lines, f, result.version));
  return out;
}

export function getDiagnostics(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): Diagnostic[] {
  return diagnosticsOf(ctx.resultOf(document));
}

/** The diagnostics of the complete analysis (no work budget), for deliberate actions: export, batch checks. */
export function getCompleteDiagnostics(ctx: ServiceContext, document: ReportDocument, _token?: CancellationToken): Diagnostic[] {
  return diagnosticsOf(ctx.completeResultOf(document));
}
