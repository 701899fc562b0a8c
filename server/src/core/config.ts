/**
 * The workspace configuration file, read by the server and the CLI alike. JSON only:
 * nothing from the workspace is ever executed.
 */
import type { AnalysisOptions } from './rule';
import { RULES } from './rules/index';

export const CONFIG_FILE_NAME = '.xxgk-report.json';
export const SEVERITY_VALUES = ['error', 'warning', 'information', 'hint', 'off'] as const;
export const REPORT_KINDS = ['government', 'department', 'township'] as const;

export interface WorkspaceConfig {
  rules?: AnalysisOptions['rules'];
  reportKind?: AnalysisOptions['reportKind'];
  /** Globs of Markdown files to analyse even when they do not look like a report. */
  include?: string[];
}

export interface ConfigResult {
  config: WorkspaceConfig;
  problems: string[];
}

/** Strips // and /* *\/ comments outside strings, so a hand-written file with comments still loads. */
function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') { out += text[++i] ?? ''; continue; }
      if (c === '"') inString = false;
      continue;
    }
    if (c === '"') { inString = true; out += c; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; continue; }
    if (c === '/' && text[i + 1] === '*') { i += 2; while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) i++; i++; continue; }
    out += c;
  }
  return out;
}

export function parseConfig(text: string): ConfigResult {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(stripJsonComments(text.replace(/^\ufeff/, '')));
  } catch (e) {
    return { config: {}, problems: [`配置文件不是有效的 JSON：${(e as Error).message}`] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, problems: ['配置文件应为一个 JSON 对象'] };
  const obj = raw as Record<string, unknown>;
  const config: WorkspaceConfig = {};
  if (obj.rules !== undefined) {
    const rules = validateRules(obj.rules, problems);
    if (rules) config.rules = rules;
  }
  if (obj.reportKind !== undefined) {
    if (REPORT_KINDS.includes(obj.reportKind as never)) config.reportKind = obj.reportKind as WorkspaceConfig['reportKind'];
    else problems.push(`reportKind 只能是 ${REPORT_KINDS.join(' / ')}`);
  }
  if (obj.include !== undefined) {
    if (Array.isArray(obj.include) && obj.include.every((x) => typeof x === 'string')) config.include = obj.include as string[];
    else problems.push('include 应为字符串数组');
  }
  return { config, problems };
}

export function validateRules(value: unknown, problems: string[]): AnalysisOptions['rules'] | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) { problems.push('rules 应为对象：{ "规则代码": "error|warning|information|hint|off" }'); return undefined; }
  const out: NonNullable<AnalysisOptions['rules']> = {};
  for (const [code, sev] of Object.entries(value as Record<string, unknown>)) {
    if (!RULES.some((r) => r.code === code)) { problems.push(`未知的规则代码：${code}`); continue; }
    const s = sev;
    if (!SEVERITY_VALUES.includes(s as never)) { problems.push(`规则 ${code} 的级别无效：${JSON.stringify(sev)}`); continue; }
    out[code] = s as (typeof SEVERITY_VALUES)[number];
  }
  return out;
}

/** Later sources override earlier ones, rule by rule. */
export function mergeOptions(...sources: (AnalysisOptions | WorkspaceConfig | undefined)[]): AnalysisOptions {
  const out: AnalysisOptions = {};
  for (const s of sources) {
    if (!s) continue;
    if (s.rules) out.rules = { ...out.rules, ...s.rules };
    if (s.reportKind) out.reportKind = s.reportKind;
    if ('locale' in s && s.locale) out.locale = s.locale;
    if ('forceReport' in s && s.forceReport) out.forceReport = true;
  }
  return out;
}

/** A small glob matcher (**, *, ?, {a,b}) for the include setting, without a dependency. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') { re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*'; i += glob[i + 2] === '/' ? 2 : 1; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') { const end = glob.indexOf('}', i); if (end > i) { re += `(?:${glob.slice(i + 1, end).split(',').map(escape).join('|')})`; i = end; } else re += '\\{'; }
    else re += escape(c);
  }
  return new RegExp(`(?:^|/)${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

export function matchesInclude(path: string, include: string[] | undefined): boolean {
  if (!include?.length) return false;
  const p = path.replace(/\\/g, '/');
  return include.some((g) => globToRegExp(g).test(p));
}
