/** The pure analysis core: no editor, LSP or file-system import below this folder. */
export * from './analyze';
export * from './findings';
export * from './lines';
export * from './model';
export * from './outline';
export * from './render';
export * from './table-layout';
export * from './config';
export type { AnalysisOptions, Locale, Rule, RuleOptionSpec, RuleOptionValue, RuleSetting, RuleTag } from './rule';
export { RULE_TAGS, checkRuleSetting, ruleOptionValues, settingSeverity } from './rule';
export { RULES, ruleByCode } from './rules/index';
export * as template from './template';
export * from './report-set';
export * from './checks';
export * from './hover';
export * from './codelens';
export * from './format';
export * from './next-year';
