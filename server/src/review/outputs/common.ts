/** What the outputs share: the catalog of codes, labels, places in words, the rule pages. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, SEVERITY_LABELS, type Severity } from '../../core/index';
import { REVIEW_CODES } from '../codes';
import type { FindingRow, ReportRecord, ReportSummary } from '../types';
import { RESULT_LABELS } from '../types';
import pkg from '../../../../package.json';
import { decodeUtf8 } from '../../encoding';
import { readFileBytes } from '../../input';
import type { Message } from '../../core/message';

export const TOOL_NAME = 'xxgk-report';
export const TOOL_VERSION: string = (pkg as { version: string }).version;

export interface CatalogEntry {
  code: string;
  severity: Severity;
  tags: readonly string[];
  description: Message;
}

/** Every code a finding of the review may have: the core's rules, then the review's own. */
export function catalog(): CatalogEntry[] {
  return [
    ...RULES.map((r) => ({ code: r.code, severity: r.severity, tags: r.tags, description: r.description })),
    ...REVIEW_CODES,
    {
      code: 'internal-error',
      severity: 'warning' as const,
      tags: ['review'],
      description: { zh: '规则在分析中出错（它的检查结果缺失）', en: 'A rule failed during the analysis (its findings are missing)' },
    },
  ];
}

export function severityLabel(s: Severity, lang: 'zh' | 'en'): string {
  return SEVERITY_LABELS[s][lang];
}

export function resultLabel(s: ReportSummary, lang: 'zh' | 'en'): string {
  return RESULT_LABELS[s.result][lang];
}

/** `12:5` (line:column, 1-based), or empty for a finding about the whole file. */
export function placeText(f: Pick<FindingRow, 'line' | 'column'>): string {
  return f.line ? `${f.line}:${f.column ?? 1}` : '';
}

/** Where a finding is, in words: the section and the line (of the imported draft, for imported files). */
export function placeInWords(f: FindingRow, r: Pick<ReportRecord, 'imported'>, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (f.section) parts.push(lang === 'en' ? `section ${f.section}` : `“${f.section}”部分`);
  if (f.line)
    parts.push(
      lang === 'en' ? `line ${f.line}${r.imported ? ' of the imported draft' : ''}` : `${r.imported ? '导入草稿的' : ''}第 ${f.line} 行`,
    );
  return parts.join(lang === 'en' ? ', ' : '，') || (lang === 'en' ? 'the whole file' : '整个文件');
}

/** The rule's page (a Markdown file shipped beside the bundle, or in the sources). */
export function rulePage(code: string): { path: string; uri: string } | undefined {
  const candidates = [
    join(__dirname, 'rules', `${code}.md`),
    join(__dirname, '..', 'rules', `${code}.md`),
    join(__dirname, '..', '..', 'core', 'rules', `${code}.md`),
  ];
  const path = candidates.find((p) => existsSync(p));
  return path ? { path, uri: pathToFileURL(path).toString() } : undefined;
}

export function rulePageText(code: string): string | undefined {
  const p = rulePage(code);
  if (!p) return undefined;
  const read = readFileBytes(p.path, 1024 * 1024);
  return read.bytes && decodeUtf8(read.bytes);
}

export function summaryByIndex(summaries: readonly ReportSummary[]): Map<number, ReportSummary> {
  return new Map(summaries.map((s) => [s.index, s]));
}

export interface Totals {
  files: number;
  pass: number;
  fail: number;
  unreviewed: number;
  duplicate: number;
  errors: number;
  warnings: number;
}

export function totals(summaries: readonly ReportSummary[]): Totals {
  const t: Totals = { files: summaries.length, pass: 0, fail: 0, unreviewed: 0, duplicate: 0, errors: 0, warnings: 0 };
  for (const s of summaries) {
    t[s.result]++;
    t.errors += s.errors;
    t.warnings += s.warnings;
  }
  return t;
}

/** The name a unit is shown by: the title's agency, else the file's name. */
export function unitName(s: Pick<ReportSummary, 'unit' | 'file'>): string {
  return s.unit ?? s.file.split(/[\\/]/).pop() ?? s.file;
}

/** `section-missing −5；tag:arithmetic −2（3 条）`: what the score lost, in one line. */
export function deductionsText(s: Pick<ReportSummary, 'deductions'>, lang: 'zh' | 'en'): string {
  return (s.deductions ?? [])
    .map((d) => `${d.key} −${d.points}${d.count > 1 ? (lang === 'en' ? ` (${d.count} findings)` : `（${d.count} 条）`) : ''}`)
    .join(lang === 'en' ? '; ' : '；');
}
