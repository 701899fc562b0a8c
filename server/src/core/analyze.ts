/** The pure core's entry point: text → model → findings. No editor or LSP import here. */
import type { Finding, Severity } from './findings';
import { DocumentModel, ReportModel, SegmentCache, buildModel } from './model';
import type { AnalysisOptions, Report, Rule } from './rule';
import { toFinding } from './rule';
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
  return options.rules?.[rule.code] ?? rule.severity;
}

export function runRules(model: DocumentModel, options: AnalysisOptions = {}, index?: ReportIndex, rules: readonly Rule[] = RULES): Omit<Analysis, 'model'> {
  const findings: Finding[] = [];
  const failures: Analysis['failures'] = [];
  if (!model.isReport && !options.forceReport) return { findings, failures };
  for (const report of model.reports) {
    const effective = options.reportKind && report.title ? { ...report, title: { ...report.title, kind: options.reportKind } } : report;
    const previous = index?.previous(effective);
    for (const rule of rules) {
      const severity = effectiveSeverity(rule, options);
      if (severity === 'off') continue;
      const emitted: Report[] = [];
      try {
        rule.check({ doc: model, report: effective, previous, options, emit: (r) => emitted.push(r) });
      } catch (e) {
        failures.push({ code: rule.code, error: e instanceof Error ? e.stack ?? e.message : String(e) });
        continue;
      }
      for (const r of emitted) findings.push(toFinding(rule, r, options.locale, severity));
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { findings: applySuppressions(findings, model.text, model.lines), failures };
}

/** Analyses successive versions of one document, re-parsing only the segments that changed. */
export class DocumentAnalyzer {
  private readonly cache: SegmentCache = new Map();

  analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
    const model = buildModel(text, this.cache);
    return { model, ...runRules(model, options, index) };
  }

  /** Just the model (for the outline, the workspace index). */
  model(text: string): DocumentModel {
    return buildModel(text, this.cache);
  }
}

export function analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
  const model = buildModel(text);
  return { model, ...runRules(model, options, index) };
}
