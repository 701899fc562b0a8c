/** Mapping core results (offsets, findings, outline) to LSP types. */
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  Range,
  SymbolKind,
  TextEdit,
} from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Analysis, Finding, LineIndex, ReportOutline, Span, TextEdit as CoreEdit } from './core/index';
import { core } from './core-loader';
import type { Structure, StructureSection } from './protocol';

export const SOURCE = '年报检查';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.xxgkReport`;

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rule pages ship beside the server bundle (dist/rules/<code>.md). */
function ruleDocUri(code: string): string {
  return pathToFileURL(join(__dirname, 'rules', `${code}.md`)).toString();
}

interface DiagnosticData {
  key: string;
  version: number;
}

export function toDiagnostic(uri: string, lines: LineIndex, f: Finding, version: number): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: ruleDocUri(f.code) },
    source: SOURCE,
    message: f.message,
    data: { key: f.key, version } satisfies DiagnosticData,
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: r.uri !== undefined && r.range ? { uri: r.uri, range: r.range } : { uri, range: toRange(lines, r.span) },
      message: r.message,
    }));
  }
  return d;
}

export function toTextEdits(lines: LineIndex, edits: CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, { start: e.start, end: e.end }), newText: e.newText }));
}

/** One code action per fix of each finding; safe fixes are preferred, value fixes never are. */
export function codeActionsFor(uri: string, analysis: Analysis, findings: Finding[], version: number): CodeAction[] {
  const lines = analysis.model.lines;
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const diag = toDiagnostic(uri, lines, f, version);
    for (const fix of f.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: fix.kind === 'safe',
        edit: { changes: { [uri]: toTextEdits(lines, fix.edits) } },
      });
    }
  }
  return actions;
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { model } = analysis;
  const out: FoldingRange[] = [];
  for (const r of model.reports) {
    for (const s of r.sections) {
      const start = s.head.line;
      let end = model.lines.positionAt(Math.max(s.span.start, s.span.end - 1)).line;
      while (end > start && model.lines.lineText(end).trim() === '') end--;
      if (end > start) out.push({ startLine: start, endLine: end, kind: 'region' });
      for (const t of s.tables) {
        const a = model.lines.positionAt(t.span.start).line,
          b = model.lines.positionAt(t.span.end).line;
        if (b > a) out.push({ startLine: a, endLine: b });
      }
    }
  }
  return out;
}

/** Hierarchical symbols for editors other than VS Code (VS Code's own Markdown outline lists the headings). */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { model, findings } = analysis;
  const lines = model.lines;
  const out: DocumentSymbol[] = [];
  for (const report of model.reports) {
    const outline = core().reportOutline(model, report, findings);
    const sections: DocumentSymbol[] = [];
    for (const s of [...outline.sections.filter((x) => x.present), ...outline.extraSections].sort(
      (a, b) => a.span!.start - b.span!.start,
    )) {
      const children: DocumentSymbol[] = s.children.map((c) => ({
        name: c.label,
        kind: c.kind === 'table' ? SymbolKind.Struct : SymbolKind.Key,
        range: toRange(lines, c.span),
        selectionRange: toRange(lines, c.span),
        detail: c.problems ? `${c.problems} 个问题` : undefined,
      }));
      sections.push({
        name: s.written ?? s.title,
        detail: s.problems ? `${s.problems} 个问题` : undefined,
        kind: SymbolKind.Namespace,
        range: toRange(lines, s.span!),
        selectionRange: toRange(lines, s.titleSpan!),
        children,
      });
    }
    const missing = outline.sections.filter((s) => !s.present).map((s) => s.title);
    if (report.title) {
      const span = report.span;
      out.push({
        name: report.title.line.text,
        detail: missing.length ? `缺少：${missing.join('；')}` : undefined,
        kind: SymbolKind.File,
        range: toRange(lines, { start: Math.min(span.start, report.title.line.lineSpan.start), end: span.end }),
        selectionRange: toRange(lines, report.title.line.textSpan),
        children: sections,
      });
    } else {
      out.push(...sections);
    }
  }
  return out;
}

/** The data of the "年报结构" view (custom request xxgkReport/structure). */
export function structureOf(uri: string, analysis: Analysis): Structure {
  const { model, findings } = analysis;
  const report = model.reports[0];
  const outline: ReportOutline = core().reportOutline(model, report, findings);
  const lines = model.lines;
  const section = (s: ReportOutline['sections'][number]): StructureSection => ({
    number: s.number,
    title: s.title,
    written: s.written,
    present: s.present,
    line: s.line,
    range: s.span && toRange(lines, s.titleSpan ?? s.span),
    problems: s.problems,
    errors: s.errors,
    missingTopics: s.missingTopics,
    children: s.children.map((c) => ({ kind: c.kind, label: c.label, line: c.line, range: toRange(lines, c.span), problems: c.problems })),
  });
  return {
    uri,
    isReport: model.isReport,
    reports: model.reports.length,
    title: outline.title && { text: outline.title.text, agency: outline.title.agency, year: outline.title.year, line: outline.title.line },
    sections: outline.sections.map(section),
    extraSections: outline.extraSections.map(section),
    problems: findings.length,
  };
}
