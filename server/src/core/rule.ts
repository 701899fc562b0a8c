/** The shape of a rule: a code, a default severity, and a check over the report model. */
import type { Span } from './lines';
import type { DocumentModel, ReportModel } from './model';
import type { Finding, Fix, RelatedInfo, Severity } from './findings';
import type { RegisterOption } from './register/types';

import { localize, type Locale, type Message } from './message';

export type { Locale, Message } from './message';

export interface Report {
  span: Span;
  message: Message;
  related?: { span: Span; message: Message; uri?: string; range?: RelatedInfo['range'] }[];
  fixes?: { title: Message; kind: Fix['kind']; edits: Fix['edits'] }[];
  /** Distinguishes several findings of one rule (a row, a column). */
  key: string;
  severity?: Severity;
  /**
   * The places this finding reads or speaks for (a row, a table, the cells summed), for the
   * precedence between rules (Rule.suppressedBy); defaults to `span`.
   */
  scope?: Span[];
}

export interface RuleContext {
  doc: DocumentModel;
  report: ReportModel;
  /** Other reports of the workspace (same agency, other years), for cross-report rules. */
  previous?: ReportModel & { text: string; uri?: string };
  options: AnalysisOptions;
  /** This rule's options: its defaults (Rule.options) overridden by the configuration. */
  ruleOptions: RuleOptionValues;
  emit: (r: Report) => void;
}

/** What a rule looks at, for listings and for turning groups of rules off. */
export type RuleTag = 'structure' | 'table' | 'cell' | 'arithmetic' | 'content' | 'cross-year';

export const RULE_TAGS: readonly RuleTag[] = ['structure', 'table', 'cell', 'arithmetic', 'content', 'cross-year'];

export type RuleOptionValue = number | string | boolean;
export type RuleOptionValues = Readonly<Record<string, RuleOptionValue>>;

export interface RuleOptionSpec {
  /** The default; the configured value must have the same type (a number stays a number). */
  default: RuleOptionValue;
  description: Message;
  /** Smallest accepted value of a number option. */
  minimum?: number;
}

export interface Rule {
  code: string;
  /**
   * Where the rule stands in the catalog (the README table, `xxgk-report rules`, the settings):
   * rules are listed by this number, smallest first, and the registry rules/index.ts is
   * generated in that order (`npm run generate`). Numbers go by tens: a new rule takes a free
   * number between its neighbours, and no other file is edited by hand.
   */
  catalog: number;
  severity: Severity;
  /** One line, for listings (README, CLI --list-rules). */
  description: Message;
  tags: readonly RuleTag[];
  /** Thresholds a workspace may change (AnalysisOptions.rules[code].options). */
  options?: Readonly<Record<string, RuleOptionSpec>>;
  /**
   * Precedence, applied by the rule runner: a finding of this rule is dropped when a finding
   * of one of these rules was reported on an overlapping place (scopes overlap). A rule that
   * is off or suppressed reports nothing, so it then hides nothing.
   */
  suppressedBy?: readonly string[];
  check(ctx: RuleContext): void;
}

/** A rule's configuration: a severity (or 'off'), or an object with a severity and options. */
export type RuleSetting = Severity | 'off' | { severity?: Severity | 'off'; options?: Record<string, RuleOptionValue> };

export interface AnalysisOptions {
  locale?: Locale;
  /**
   * The complete analysis: no work budget at all, the whole document is parsed whatever its size.
   * For deliberate actions that must see every table and paragraph (export, formatting, fix-all,
   * the CLI): the same text gives the same result on any machine, loaded or not. Without it, an
   * analysis parses at most `workBudget` units, which only documents far beyond a real report
   * ever reach (they get one analysis-incomplete notice instead of the rest).
   */
  complete?: boolean;
  /** The budget of a budgeted analysis, in parse work units (default INTERACTIVE_WORK of core/model.ts). */
  workBudget?: number;
  /** Per rule: a severity or 'off', or `{ severity?, options? }` (validated by the options resolver). */
  rules?: Record<string, RuleSetting>;
  /** Overrides the report kind inferred from the agency name. */
  reportKind?: 'government' | 'department' | 'township';
  /** Treat the document as a report even without a title or section titles. */
  forceReport?: boolean;
  /** A configured request register (service/register.ts reads and tallies it), for register-mismatch. */
  register?: RegisterOption;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'] as const;

/**
 * Validation of one configured rule setting, for the options resolver: a severity, or
 * `{ severity?, options? }` whose options are the rule's own, of the right type and range.
 * Returns what is usable (bad parts dropped) and a problem (Chinese) for each bad part.
 */
export function checkRuleSetting(rule: Rule, value: unknown): { setting?: RuleSetting; problems: string[] } {
  const problems: string[] = [];
  if (typeof value === 'string') {
    if ((SEVERITIES as readonly string[]).includes(value)) return { setting: value as Severity | 'off', problems };
    return { problems: [`规则 ${rule.code} 的级别无效：${JSON.stringify(value)}（可用 ${SEVERITIES.join(' / ')}）`] };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [`规则 ${rule.code} 的设置应为级别字符串或 { "severity": …, "options": { … } }`] };
  }
  const out: { severity?: Severity | 'off'; options?: Record<string, RuleOptionValue> } = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'severity') {
      if (typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v)) out.severity = v as Severity | 'off';
      else problems.push(`规则 ${rule.code} 的级别无效：${JSON.stringify(v)}`);
    } else if (k === 'options') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) {
        problems.push(`规则 ${rule.code} 的 options 应为对象`);
        continue;
      }
      for (const [name, x] of Object.entries(v as Record<string, unknown>)) {
        const spec = rule.options?.[name];
        if (!spec) {
          problems.push(`规则 ${rule.code} 没有选项 ${name}${rule.options ? `（可用 ${Object.keys(rule.options).join('、')}）` : ''}`);
          continue;
        }
        if (typeof x !== typeof spec.default || (typeof x === 'number' && !Number.isFinite(x))) {
          problems.push(
            `规则 ${rule.code} 的选项 ${name} 应为${typeof spec.default === 'number' ? '数字' : typeof spec.default === 'boolean' ? '布尔值' : '字符串'}`,
          );
          continue;
        }
        if (typeof x === 'number' && spec.minimum !== undefined && x < spec.minimum) {
          problems.push(`规则 ${rule.code} 的选项 ${name} 不能小于 ${spec.minimum}`);
          continue;
        }
        (out.options ??= {})[name] = x as RuleOptionValue;
      }
    } else problems.push(`规则 ${rule.code} 的设置中有未知的项 ${k}（可用 severity、options）`);
  }
  return { setting: out.severity !== undefined || out.options ? out : undefined, problems };
}

/** The severity a setting asks for, if it names one. */
export function settingSeverity(setting: RuleSetting | undefined): Severity | 'off' | undefined {
  return typeof setting === 'string' ? setting : setting?.severity;
}

/**
 * A rule's option values: defaults, overridden by configured values of the same type. The
 * resolver reports bad values; here they are ignored so that a bad setting never breaks a rule.
 */
export function ruleOptionValues(rule: Rule, setting: RuleSetting | undefined): RuleOptionValues {
  const out: Record<string, RuleOptionValue> = {};
  const given = typeof setting === 'object' && setting ? (setting.options ?? {}) : {};
  for (const [name, spec] of Object.entries(rule.options ?? {})) {
    const v = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
    const ok =
      v !== undefined &&
      typeof v === typeof spec.default &&
      (typeof v !== 'number' || (Number.isFinite(v) && (spec.minimum === undefined || v >= spec.minimum)));
    out[name] = ok ? v : spec.default;
  }
  return out;
}

export function toFinding(rule: Rule, r: Report, locale: Locale | undefined, severity: Severity): Finding {
  return {
    code: rule.code,
    severity: r.severity && severity === rule.severity ? r.severity : severity,
    message: localize(r.message, locale),
    span: r.span,
    key: `${rule.code}:${r.key}`,
    related: r.related?.map((x): RelatedInfo => ({
      span: x.span,
      message: localize(x.message, locale),
      ...(x.uri !== undefined && x.range ? { uri: x.uri, range: x.range } : {}),
    })),
    fixes: r.fixes?.map((f) => ({ title: localize(f.title, locale), kind: f.kind, edits: f.edits })),
  };
}
