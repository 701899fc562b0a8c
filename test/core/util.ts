import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, Analysis, Finding } from '../../server/src/core/index';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

/** 1-based line of a finding, as the fixtures' EXPECTED.md counts. */
export function lineOf(a: Analysis, f: Finding): number {
  return a.model.lines.positionAt(f.span.start).line + 1;
}

export function summary(a: Analysis, codes?: Set<string>): string[] {
  return a.findings.filter((f) => !codes || codes.has(f.code)).map((f) => `${lineOf(a, f)} ${f.code}`);
}

export function count(list: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function findingsOf(a: Analysis, code: string): Finding[] {
  return a.findings.filter((f) => f.code === code);
}

/** Apply one fix of a finding and re-analyse. */
export function applyFix(text: string, f: Finding, index = 0): { text: string; analysis: Analysis } {
  const fix = f.fixes?.[index];
  if (!fix) throw new Error(`${f.code} has no fix ${index}`);
  const next = applyEdits(text, fix.edits);
  return { text: next, analysis: analyze(next) };
}

/** Replace the n-th occurrence of a line's text. */
export function replaceLine(text: string, lineNo: number, make: (line: string) => string): string {
  const lines = text.split('\n');
  lines[lineNo - 1] = make(lines[lineNo - 1]);
  return lines.join('\n');
}
