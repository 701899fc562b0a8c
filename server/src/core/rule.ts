/** The shape of a rule: a code, a default severity, and a check over the report model. */
import type { Span } from './lines';
import type { DocumentModel, ReportModel } from './model';
import type { Finding, Fix, RelatedInfo, Severity } from './findings';

export type Locale = 'zh' | 'en';

export interface Message { zh: string; en: string }

export interface Report {
  span: Span;
  message: Message;
  related?: { span: Span; message: Message; uri?: string; range?: RelatedInfo['range'] }[];
  fixes?: { title: Message; kind: Fix['kind']; edits: Fix['edits'] }[];
  /** Distinguishes several findings of one rule (a row, a column). */
  key: string;
  severity?: Severity;
}

export interface RuleContext {
  doc: DocumentModel;
  report: ReportModel;
  /** Other reports of the workspace (same agency, other years), for cross-report rules. */
  previous?: ReportModel & { text: string; uri?: string };
  options: AnalysisOptions;
  emit(r: Report): void;
}

export interface Rule {
  code: string;
  severity: Severity;
  /** One line, for listings (README, CLI --list-rules). */
  description: Message;
  check(ctx: RuleContext): void;
}

export interface AnalysisOptions {
  locale?: Locale;
  /** Per-rule severity or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** Overrides the report kind inferred from the agency name. */
  reportKind?: 'government' | 'department' | 'township';
  /** Treat the document as a report even without a title or section titles. */
  forceReport?: boolean;
}

export function localize(m: Message, locale: Locale | undefined): string {
  return locale === 'en' ? m.en : m.zh;
}

export function toFinding(rule: Rule, r: Report, locale: Locale | undefined, severity: Severity): Finding {
  return {
    code: rule.code,
    severity: r.severity && severity === rule.severity ? r.severity : severity,
    message: localize(r.message, locale),
    span: r.span,
    key: `${rule.code}:${r.key}`,
    related: r.related?.map((x): RelatedInfo => ({
      span: x.span, message: localize(x.message, locale), ...(x.uri !== undefined && x.range ? { uri: x.uri, range: x.range } : {}),
    })),
    fixes: r.fixes?.map((f) => ({ title: localize(f.title, locale), kind: f.kind, edits: f.edits })),
  };
}
