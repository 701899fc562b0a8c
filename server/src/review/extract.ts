/**
 * From one checked document (the service's result) to the review's record: findings with
 * 1-based places and the section they are in, the agency and year of the title, table 三's
 * figures with the cells the findings are on, and the prose paragraphs for copy detection.
 */
import type { DocumentResult } from '../service/index';
import type { Finding, LineIndex, ReportModel, Span } from '../core/index';
import { diagnose } from '../core/arithmetic';
import { canonicalSectionHeading, TABLE3_COLUMNS, TABLE3_ROWS } from '../core/template';
import type { CellMark, FindingRow, Place, RelatedPlace, Table3Snapshot } from './types';
import { proseOf, type Prose } from './similarity';

function placeOf(lines: LineIndex, span: Span): Place {
  const s = lines.positionAt(span.start);
  const e = lines.positionAt(span.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

function sectionOf(reports: readonly ReportModel[], offset: number): string | undefined {
  for (const r of reports) {
    if (offset < r.span.start || offset > r.span.end) continue;
    for (const s of r.sections) if (offset >= s.span.start && offset < s.span.end) return canonicalSectionHeading(s.number);
  }
  return undefined;
}

/** Related places in another document keep their file; `shownUri` names it as the outputs do. */
function relatedOf(f: Finding, lines: LineIndex, shownUri: (uri: string) => string): RelatedPlace[] | undefined {
  if (!f.related?.length) return undefined;
  return f.related.map((r) => {
    if (r.uri !== undefined && r.range)
      return {
        file: shownUri(r.uri),
        line: r.range.start.line + 1,
        column: r.range.start.character + 1,
        endLine: r.range.end.line + 1,
        endColumn: r.range.end.character + 1,
        message: r.message,
      };
    return { ...placeOf(lines, r.span), message: r.message };
  });
}

export function findingRows(result: DocumentResult, shownUri: (uri: string) => string): FindingRow[] {
  const a = result.analysis;
  if (!a) return [];
  const { lines, reports } = a.model;
  return a.findings.map((f) => {
    const row: FindingRow = { code: f.code, severity: f.severity, message: f.message, ...placeOf(lines, f.span) };
    const section = sectionOf(reports, f.span.start);
    if (section) row.section = section;
    if (f.fixes?.length) row.fixes = f.fixes.map((x) => x.title);
    const related = relatedOf(f, lines, shownUri);
    if (related) row.related = related;
    return row;
  });
}

/** A blank cell's span is empty: it overlaps what touches it. */
function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** The rules that report table 三's equations (core/arithmetic.ts). */
const ARITHMETIC = new Set(['balance', 'result-total', 'row-total']);

/**
 * Table 三 of the first report with its cells marked. From the arithmetic (core/arithmetic.ts,
 * the equations the rules use): when one cell explains every failing check, that cell is
 * `wrong` and the other cells of the failing checks are `involved`. From the findings: a cell a
 * finding is on (a blank cell, a unit, a figure that is not one) is `wrong`; so is the cell an
 * arithmetic finding is on when no single cell explains the failing checks.
 */
export function table3Snapshot(result: DocumentResult, locale: 'zh' | 'en' = 'zh'): Table3Snapshot | undefined {
  const a = result.analysis;
  const t = a?.model.reports[0]?.table3;
  if (!a || !t) return undefined;
  const values: Record<string, string> = {};
  const cells: { key: string; span: Span }[] = [];
  for (const r of TABLE3_ROWS)
    for (const c of TABLE3_COLUMNS) {
      const cell = t.rows.get(r.id)?.cells.get(c.id);
      if (!cell) continue;
      const key = `${r.id}.${c.id}`;
      values[key] = cell.raw;
      cells.push({ key, span: cell.span });
    }
  const marks: Record<string, CellMark> = {};
  const mark = (key: string, level: CellMark['level'], message: string) => {
    const m = (marks[key] ??= { level, messages: [] });
    if (level === 'wrong') m.level = 'wrong';
    if (!m.messages.includes(message)) m.messages.push(message);
  };
  const diagnosis = diagnose(t, 'table3');
  const suspect = diagnosis.suspect;
  if (suspect) {
    const figure = Number.isInteger(suspect.value) ? String(suspect.value) : suspect.value.toFixed(4).replace(/\.?0+$/, '');
    const why =
      locale === 'en'
        ? `This one cell explains every failing check: it should be ${figure}`
        : `这一格能解释所有不相符的核对：应为 ${figure}`;
    const summed = locale === 'en' ? 'In a check that does not add up (see the cell marked wrong)' : '参与不相符的核对（另见标出的错格）';
    mark(`${suspect.ref.row}.${suspect.ref.column}`, 'wrong', why);
    for (const c of diagnosis.failing)
      for (const o of [...c.left, ...c.right]) if (o.ref) mark(`${o.ref.row}.${o.ref.column}`, 'involved', summed);
  }
  for (const f of a.findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const arithmetic = ARITHMETIC.has(f.code);
    for (const c of cells) {
      if (overlaps(c.span, f.span)) mark(c.key, arithmetic && suspect ? 'involved' : 'wrong', f.message);
      for (const r of f.related ?? []) if (r.uri === undefined && overlaps(c.span, r.span)) mark(c.key, 'involved', f.message);
    }
  }
  return { values, marks };
}

/** The prose of every report in the document, for text-copied. */
export function documentProse(result: DocumentResult): Prose {
  const a = result.analysis;
  if (!a) return { paragraphs: [], chars: 0 };
  const { lines, reports } = a.model;
  const paragraphs: { text: string; line: number }[] = [];
  for (const r of reports) {
    for (const p of r.preamble.paragraphs) paragraphs.push({ text: p.text, line: lines.positionAt(p.span.start).line + 1 });
    for (const s of r.sections)
      for (const p of s.paragraphs) paragraphs.push({ text: p.text, line: lines.positionAt(p.span.start).line + 1 });
  }
  paragraphs.sort((x, y) => x.line - y.line);
  return proseOf(paragraphs, reports[0]?.title?.agency);
}
