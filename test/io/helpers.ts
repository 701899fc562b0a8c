import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, buildModel } from '../../server/src/core/index';

export const IO_FIXTURES = join(__dirname, '..', 'fixtures', 'io');
export const FIXTURES = join(__dirname, '..', 'fixtures');

export function readFixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

/**
 * The core's model of a draft, the last few kept: the round-trip and export tests ask for the
 * cells and the sections of the same texts several times, and parsing is most of their work.
 */
const models = new Map<string, ReturnType<typeof buildModel>>();
function modelOf(markdown: string): ReturnType<typeof buildModel> {
  let model = models.get(markdown);
  if (!model) {
    model = buildModel(markdown);
    models.set(markdown, model);
    if (models.size > 16) models.delete(models.keys().next().value!);
  }
  return model;
}

/** Every template cell of a Markdown draft as the core reads it: key → cell text as written ('' blank). */
export function cellsOf(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const report = modelOf(markdown).reports[0];
  if (!report) return out;
  for (const [id, row] of report.table2?.rows ?? []) for (const [col, cell] of row.cells) out.set(`table2.${id}.${col}`, cell.raw);
  for (const [id, row] of report.table3?.rows ?? []) for (const [col, cell] of row.cells) out.set(`table3.${id}.${col}`, cell.raw);
  for (const [id, row] of report.table4?.rows ?? []) for (const [col, cell] of row.cells) out.set(`table4.${id}.${col}`, cell.raw);
  return out;
}

/** Section numbers in document order. */
export function sectionsOf(markdown: string): number[] {
  return modelOf(markdown).reports[0]?.sections.map((s) => s.number) ?? [];
}

/** Findings as sorted "code message" strings (positions differ between drafts). */
export function findingsOf(markdown: string, codes?: Set<string>): string[] {
  return analyze(markdown)
    .findings.filter((f) => !codes || codes.has(f.code))
    .map((f) => `${f.code}: ${f.message}`)
    .sort();
}

let fixtureReportList: string[] | undefined;

/** Every report among the Markdown fixtures (other tests' fixtures included), found once. */
export function fixtureReports(): string[] {
  fixtureReportList ??= findFixtureReports();
  return [...fixtureReportList];
}

function findFixtureReports(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.md') && f !== 'EXPECTED.md' && buildModel(readFileSync(p, 'utf8')).isReport) out.push(p);
    }
  };
  walk(FIXTURES);
  return out;
}
