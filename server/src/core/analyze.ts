/** The pure core's entry point: text → model → findings. No editor or LSP import here. */
import type { Finding, Severity } from './findings';
import { BuildOptions, DocumentModel, INTERACTIVE_WORK, ReportModel, SegmentCache, buildModel, completeFindings } from './model';
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

interface Entry {
  finding: Finding;
  rule: Rule;
  scope: Span[];
}

function overlap(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return (a.start >= b.start && a.start <= b.end) || (b.start >= a.start && b.start <= a.end);
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
    if (list) list.push(e);
    else byCode.set(e.rule.code, [e]);
  }
  const indexes = new Map<string, ScopeIndex>();
  const index = (code: string): ScopeIndex | undefined => {
    if (!indexes.has(code)) {
      const list = byCode.get(code);
      if (list) indexes.set(code, scopeIndex(list));
    }
    return indexes.get(code);
  };
  return entries.filter(
    (e) =>
      !(e.rule.suppressedBy ?? []).some((code) => {
        const idx = index(code);
        return idx !== undefined && e.scope.some((b) => overlapsAny(idx, b));
      }),
  );
}

/**
 * The scopes of one rule's findings sorted by start, for overlap queries: only the spans that
 * start in [b.start − longest span, b.end] can overlap b (for zero-width spans too), so a
 * document with thousands of findings is not checked pair by pair.
 */
interface ScopeIndex {
  spans: Span[];
  longest: number;
}

function scopeIndex(list: Entry[]): ScopeIndex {
  const spans = list.flatMap((g) => g.scope).sort((x, y) => x.start - y.start);
  let longest = 0;
  for (const x of spans) longest = Math.max(longest, x.end - x.start);
  return { spans, longest };
}

/** First index whose span starts at or after `at` (or after it when `after`). */
function firstFrom(spans: Span[], at: number, after: boolean): number {
  let lo = 0,
    hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after ? spans[mid].start <= at : spans[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapsAny(idx: ScopeIndex, b: Span): boolean {
  const end = firstFrom(idx.spans, b.end, true);
  for (let i = firstFrom(idx.spans, b.start - idx.longest, false); i < end; i++) if (overlap(idx.spans[i], b)) return true;
  return false;
}

/** The same fix offered twice for one place (two checks failing on one cell) is offered once. */
function dedupeFixes(findings: Finding[]): Finding[] {
  // By fix text: comparing every fix with every earlier one was quadratic in the findings.
  const offered = new Map<string, Span[]>();
  return findings.map((f) => {
    if (!f.fixes?.length) return f;
    const fixes = f.fixes.filter((fix) => {
      const key = JSON.stringify(fix.edits);
      const spans = offered.get(key);
      if (spans?.some((span) => overlap(span, f.span))) return false;
      if (spans) spans.push(f.span);
      else offered.set(key, [f.span]);
      return true;
    });
    return fixes.length === f.fixes.length ? f : { ...f, fixes };
  });
}

export function runRules(
  model: DocumentModel,
  options: AnalysisOptions = {},
  index?: ReportIndex,
  rules: readonly Rule[] = RULES,
): Omit<Analysis, 'model'> {
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
        failures.push({ code: rule.code, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
        continue;
      }
      for (const r of emitted) entries.push({ finding: toFinding(rule, r, options.locale, severity), rule, scope: r.scope ?? [r.span] });
    }
  }
  entries.sort((a, b) => a.finding.span.start - b.finding.span.start || a.finding.code.localeCompare(b.finding.code));
  const kept = new Set(
    applySuppressions(
      entries.map((e) => e.finding),
      model.text,
      model.lines,
    ),
  );
  const findings = applyPrecedence(entries.filter((e) => kept.has(e.finding))).map((e) => e.finding);
  return { findings: completeFindings(model, dedupeFixes(findings), options.locale), failures };
}

/** The parse budget an analysis runs with: none when complete, else the interactive one. */
function buildOptions(options: AnalysisOptions): BuildOptions {
  return options.complete ? {} : { workBudget: options.workBudget ?? INTERACTIVE_WORK };
}

/**
 * Analyses successive versions of one document, re-parsing only the segments that changed.
 * A version left incomplete by the budget is completed by analysing it again: what was parsed
 * before is cached, so each analysis parses the next budget's worth, and the result converges
 * to the complete analysis (the server does this while the user is not typing).
 */
export class DocumentAnalyzer {
  private readonly cache: SegmentCache = new Map();

  analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
    const model = buildModel(text, this.cache, buildOptions(options));
    return { model, ...runRules(model, options, index) };
  }

  /** Just the model (for the outline, the workspace index), with the interactive budget. */
  model(text: string): DocumentModel {
    return buildModel(text, this.cache, buildOptions({}));
  }
}

export function analyze(text: string, options: AnalysisOptions = {}, index?: ReportIndex): Analysis {
  const model = buildModel(text, undefined, buildOptions(options));
  return { model, ...runRules(model, options, index) };
}
