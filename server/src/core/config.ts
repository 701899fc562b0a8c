/**
 * The vocabulary of the configuration (file name, severities, report kinds), the validation
 * of per-rule severities and the merge of option sources. Reading and parsing the file is
 * server/src/options.ts (JSONC, no code from the workspace is ever executed).
 */
import type { Severity } from './findings';
import { checkRuleSetting, type AnalysisOptions, type Message, type RuleSetting } from './rule';
import { RULES } from './rules/index';
import type { RegisterSetting } from './register/config';

export const CONFIG_FILE_NAME = '.xxgk-report.json';
export const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export const REPORT_KINDS = ['government', 'department', 'township'] as const;

export interface WorkspaceConfig {
  rules?: AnalysisOptions['rules'];
  reportKind?: AnalysisOptions['reportKind'];
  /** Globs of Markdown files to analyse even when they do not look like a report. */
  include?: string[];
  /** The request register (its path relative to the config file, and how to read it), for register-mismatch. */
  register?: RegisterSetting;
}

/** The one set of severity labels (CLI output, messages). */
export const SEVERITY_LABELS: Record<Severity | 'off', Message> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  information: { zh: '提示', en: 'information' },
  hint: { zh: '提示', en: 'hint' },
  off: { zh: '关闭', en: 'off' },
};

/**
 * Valid per-rule settings (a severity, or `{ severity?, options? }` checked against the rule's
 * option specs); each bad part is left out with a problem naming it and the default kept.
 */
export function validateRules(value: unknown, problems: string[]): AnalysisOptions['rules'] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(
      `rules 的值 ${JSON.stringify(value)} 无效，应为对象：{ "规则代码": "error|warning|information|hint|off" }；使用各规则的默认级别`,
    );
    return undefined;
  }
  const out: NonNullable<AnalysisOptions['rules']> = {};
  for (const [code, raw] of Object.entries(value as Record<string, unknown>)) {
    const rule = RULES.find((r) => r.code === code);
    if (!rule) {
      problems.push(`未知的规则代码：${code}（已忽略）`);
      continue;
    }
    if (typeof raw === 'string' && !SEVERITY_VALUES.includes(raw as never)) {
      problems.push(
        `规则 ${code} 的级别 ${JSON.stringify(raw)} 无效（可选 ${SEVERITY_VALUES.join(' / ')}），使用默认级别 ${rule.severity}`,
      );
      continue;
    }
    const { setting, problems: bad } = checkRuleSetting(rule, raw);
    // What is left out falls back to the rule's defaults: say so once per rule.
    for (const p of bad) problems.push(`${p}；使用默认值（级别 ${rule.severity}）`);
    if (setting !== undefined) out[code] = setting;
  }
  return out;
}

/** Later sources override earlier ones, rule by rule. */
export function mergeOptions(...sources: (AnalysisOptions | WorkspaceConfig | undefined)[]): AnalysisOptions {
  const out: AnalysisOptions = {};
  for (const s of sources) {
    if (!s) continue;
    if (s.rules) {
      const rules: Record<string, RuleSetting> = { ...out.rules };
      for (const [code, later] of Object.entries(s.rules)) rules[code] = mergeRuleSetting(rules[code], later);
      out.rules = rules;
    }
    if (s.reportKind) out.reportKind = s.reportKind;
    if ('locale' in s && s.locale) out.locale = s.locale;
    if ('forceReport' in s && s.forceReport) out.forceReport = true;
  }
  return out;
}

/** A later setting overrides an earlier one; a severity alone keeps the earlier options. */
function mergeRuleSetting(earlier: RuleSetting | undefined, later: RuleSetting): RuleSetting {
  if (earlier === undefined || typeof earlier === 'string') return later;
  if (typeof later === 'string') return { ...earlier, severity: later };
  return { severity: later.severity ?? earlier.severity, options: { ...earlier.options, ...later.options } };
}
