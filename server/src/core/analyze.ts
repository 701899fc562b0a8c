/** The pure core's entry point: text → model → findings. No editor or LSP import here. */
import type { Finding, Severity } from './findings';
import { DocumentModel, ReportModel, SegmentCache, buildModel, completeFindings } from './model';
import type { Span } from './lines';
import type { AnalysisOptions, Report, Rule } from './rule';
import { ruleOptionValues, settingSeverity, toFinding } from './rule';
import { RULES } from './rules/index';
import { applySuppressions } from './suppress';

export interface Analysis {
  model: DocumentModel;
  findings: Finding[];
  /** Rules that threw: the analysis goes on without them. */
  failures: { code: string; error: string }[];
}

/** Reports of other files, for the cross-year rules. */
export interface ReportIndex {
  previous(report: ReportModel): (ReportModel & { text: string; uri?: string }) | undefined;
}

export function effectiveSeverity(rule: Rule, options: AnalysisOptions): Severity | 'off' {
  return settingSeverity(options.rules?.[rule.code]) ?? rule.severity;
}

interface Entry { finding: Finding; rule: Rule; scope: Span[] }

function overlap(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start >= b.start && a.start <= b.end || b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * Rule precedence (Rule.suppressedBy), in one place: a finding is dropped when a rule it
 * yields to reported on an overlapping place. Only findings that survived the suppression
 * comments count, so a rule that is off or suppressed hides nothing.
 */
export function applyPrecedence<E extends Entry>(entries: E[]): E[] {
  const byCode = new Map<string, E[]>();
  for (const e of entries) {
    const list = byCode.get(e.rule.code);
    if (list) list.push(e); else byCode.set(e.rule.code, [e]);
  }
  return entries.filter((e) => !(e.rule.suppressedBy ?? []).some((code) =>
    byCode.get(code)?.some((g) => g.scope.some((a) => e.scope.some((b) => overlap(a, b))))));
}

/** The same fix offered twice for one place (two checks failing on one cell) is offered once. */
function dedupeFixes(findings: Finding[]): Finding[] {
  const offered: { span: Span; key: string }[] = [];
  return findings.map((f) => {
    if (!f.fixes?.length) return f;
    const fixes = f.fixes.filter((fix) => {
      const key = JSON.stringify(fix.edits);
      if (offered.some((o) => o.key === key && overlap(o.span, f.span))) return false;
      offered.push({ span: f.span, key });
      return true;
    });
    return fixes.length === f.fixes.length ? f : { ...f, fixes };
  });
}

export function runRules(model: DocumentModel, options: AnalysisOptions = {}, index?: ReportIndex, rules: readonly Rule[] = RULES): Omit<Analysis, 'model'> {
  const entries: Entry[] = [];
  const failures: Analysis['failures'] = [];
  if (!model.isReport && !options.forceReport) return { findings: [], failures };
  for (const report of model.reports) {
    const effective = options.reportKind && report.title ? { ...report, title: { ...report.title, kind: options.reportKind } } : report;
    const previous = index?.previous(effective);
    for (const rule of rules) {
      const severity = effectiveSeverity(rule, options);
      if (severity === 'off') continue;
      const emitted: Report[] = [];
      try {
        const ruleOptions = ruleOptionValues(rule, options.rules?.[rule.code]);
        rule.check({ doc: model, report: effective, previous, options, ruleOptions, emit: (r) => emitted.push(r) });
      } catch (e) {
        failures.push({ code: rule.code, error: e instanceof Error ? e.stack ?? e.message : String(e) });
        continue;
      }
      for (const r of emitted) entries.push({ finding: toFinding(rule, r, options.locale, severity), rule, scope: r.scope ?? [r.span] });
    }
  }
  entries.sort((a, b) => a.finding.span.start - b.finding.span.start || a.finding.code.localeCompare(b.finding.code));
  const kept = new Set(applySuppressions(entries.map((e) => e.finding), model.text, model.lines));
  const findings = applyPrecedence(entries.filter((e) => kept.has(e.finding))).map((e) => e.finding);
  return { findings: completeFindings(model, dedupeFixes(findings), options.locale), failures };
}

/** Analyses successive versions of one document, re-parsing only the segments that changed. */
export class DocumentAnalyzer {
  private readonly cache: SegmentCache = new Map();

  analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
    const model = buildModel(text, this.cache, options);
    return { model, ...runRules(model, options, index) };
  }

  /** Just the model (for the outline, the workspace index). */
  model(text: string): DocumentModel {
    return buildModel(text, this.cache);
  }
}

export function analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
  const model = buildModel(text, undefined, options);
  return { model, ...runRules(model, options, index) };
}
