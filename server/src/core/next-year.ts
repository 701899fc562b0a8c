/**
 * The yearly workflow: next year's draft from this year's report. Title and statistic period
 * move on a year; every figure is blank except 二、上年结转, which is last year's
 * 四、结转下年度继续办理 column by column (so the carry-over check agrees); last year's
 * 现行有效件数 of table 二 is noted as the base; the prose is kept under a visible reminder
 * to rewrite it (or the blank skeleton instead); the signing date goes.
 */
import { ValueCell, figure, formatNumber } from './cells';
import { TextEdit, applyEdits } from './findings';
import { buildModel } from './model';
import { IMPORT_NOTE_START } from './grid/mapper';
import type { DocumentModel, ReportModel } from './model';
import { BASE_MARK, REWRITE_MARK } from './placeholders';
import { signingDates } from './prose';
import { AGENCY_PLACEHOLDER, joinLines, renderSkeleton, renderTitle } from './render';
import type { Message } from './rule';
import type { MappedTable } from './tables';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, canonicalSectionHeading } from './template';

// The marks of the notes a next-year draft carries (highlighted by the grammar, reported by
// text-placeholder until deleted) live with the other placeholders.
export { BASE_MARK, REWRITE_MARK };

export interface NextYearOptions {
  /** The blank skeleton (with 上年结转 filled in) instead of last year's prose. */
  skeleton?: boolean;
}

export interface NextYearDraft {
  text: string;
  agency?: string;
  /** The new report's year. */
  year: number;
  /** 上年结转 by table-3 column id, as filled in. */
  carried: Record<string, string>;
}

export type NextYearResult = { ok: true; draft: NextYearDraft } | { ok: false; error: Message };

/** Characters no file name may hold on Windows (and `/` nowhere), control characters included. */
// eslint-disable-next-line no-control-regex
const NOT_IN_FILE_NAMES = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/**
 * The file name of a report: <机关名称><年份>年政府信息公开工作年度报告.md, with the characters
 * a Windows file name cannot hold removed (and spaces or dots at the end of the name, which
 * Windows drops). Without an agency, the year and the phrase alone.
 */
export function reportFileName(agency: string | undefined, year: number): string {
  const clean = (agency ?? '').replace(NOT_IN_FILE_NAMES, '').replace(/\s+/g, ' ').trim();
  return `${renderTitle(clean, year)}.md`;
}

/** Figures of last year's 四、结转下年度继续办理, by column. */
function carriedFrom(report: ReportModel): Record<string, string> {
  const out: Record<string, string> = {};
  const forward = report.table3?.rows.get('forward');
  for (const col of TABLE3_COLUMNS) {
    const v = figure(forward?.cells.get(col.id));
    if (v !== undefined) out[col.id] = formatNumber(v);
  }
  return out;
}

/** The base note for table 二: last year's 现行有效件数 of 规章 and 行政规范性文件. */
function baseNote(report: ReportModel, lastYear: number): string {
  const block = TABLE2_BLOCKS.find((b) => b.columns.some((c) => c.id === 'valid'))!;
  const valid = block.columns.find((c) => c.id === 'valid')!;
  const parts = block.rows.map((r) => {
    const v = figure(report.table2?.rows.get(`${block.id}.${r.id}`)?.cells.get(valid.id));
    return `${r.label} ${v === undefined ? '（未填）' : formatNumber(v)} 件`;
  });
  const issued = block.columns.find((c) => c.id === 'issued')!.label;
  const repealed = block.columns.find((c) => c.id === 'repealed')!.label;
  return `> ${BASE_MARK}${lastYear}年度报告的${valid.label}：${parts.join('，')}。本年${valid.label} = 上年${valid.label} + ${issued} − ${repealed}。`;
}

function reminder(lastYear: number, year: number): string {
  return `> ${REWRITE_MARK}以下是${lastYear}年度报告的文字，请按${year}年度的实际情况改写，改好后删除本提示。`;
}

/** Every figure cell of a mapped table, including cells of rows outside the template (小计 rows). */
function figureCells(t: MappedTable | undefined): ValueCell[] {
  if (!t) return [];
  const cells = [...t.rows.values()].flatMap((r) => [...r.cells.values()]);
  return cells;
}

function isFigure(c: ValueCell): boolean {
  return c.kind === 'number' || c.kind === 'unit';
}

/** Every figure blank, except 上年结转 (= last year's 结转下年度); rows outside the template (local 小计 rows) lose theirs too. */
function figureEdits(report: ReportModel, carried: Record<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  const carriedRow = report.table3?.rows.get('carried');
  const cells = [
    ...[...(report.table2?.rows.values() ?? [])].flatMap((r) => [...r.cells.values()]),
    ...figureCells(report.table3),
    ...figureCells(report.table4),
  ];
  const set = new Set<ValueCell>();
  for (const c of cells) {
    if (set.has(c)) continue;
    set.add(c);
    const col = carriedRow && [...carriedRow.cells.entries()].find(([, v]) => v === c)?.[0];
    const value = col !== undefined ? (carried[col] ?? '') : '';
    if (c.raw !== value && (isFigure(c) || value)) edits.push({ start: c.span.start, end: c.span.end, newText: value });
  }
  for (const t of [report.table3, report.table4]) {
    for (const u of t?.unknownRows ?? []) {
      for (const cell of u.row.cells.slice(t!.labelColumns)) {
        if (/^[+-]?\d[\d,]*(?:\.\d+)?$/.test(cell.text)) edits.push({ start: cell.span.start, end: cell.span.end, newText: '' });
      }
    }
  }
  return edits;
}

/** The statistic period: 自2023年1月1日起至2023年12月31日止 → the next year (outside the tables and the title). */
function periodEdits(text: string, report: ReportModel, year: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const title = report.title!;
  const tables = [report.table2, report.table3, report.table4].flatMap((t) => t?.tables ?? []);
  const inTable = (o: number) => tables.some((t) => o >= t.span.start && o < t.span.end);
  const inTitle = (o: number) => o >= title.yearSpan!.start && o < title.yearSpan!.end;
  const period = new RegExp(
    `${year - 1}(?=[ \\t\\u3000]*年[ \\t\\u3000]*(?:1[ \\t\\u3000]*月[ \\t\\u3000]*1[ \\t\\u3000]*日|12[ \\t\\u3000]*月[ \\t\\u3000]*31[ \\t\\u3000]*日))`,
    'g',
  );
  for (let m = period.exec(text); m; m = period.exec(text)) {
    if (m.index >= report.span.start && m.index < report.span.end && !inTable(m.index) && !inTitle(m.index))
      edits.push({ start: m.index, end: m.index + 4, newText: String(year) });
  }
  return edits;
}

/** No signing date (the new report is not signed yet); the reminders to rewrite; table 二's base above its first block. */
function noteEdits(model: DocumentModel, report: ReportModel, year: number): TextEdit[] {
  const edits: TextEdit[] = [];
  const lastYear = year - 1;
  const eol = model.lines.eol;
  for (const s of signingDates(report)) {
    const b = s.block;
    const line = model.lines.positionAt(b.span.start).line;
    const lineEnd = model.lines.positionAt(b.span.end).line;
    const start = model.lines.lineStart(line);
    const end = lineEnd + 1 < model.lines.lineCount ? model.lines.lineStart(lineEnd + 1) : model.lines.lineEnd(lineEnd);
    if (s.prefix) edits.push({ start: b.span.start, end: b.span.end, newText: s.prefix });
    else edits.push({ start, end, newText: '' });
  }
  // Reminders: at the top, and at the start of each prose section.
  const afterTitle = model.lines.lineEnd(report.title!.line.line);
  edits.push({ start: afterTitle, end: afterTitle, newText: `${eol}${eol}${reminder(lastYear, year)}` });
  for (const n of [1, 5, 6] as const) {
    const s = report.section[n];
    if (!s) continue;
    const at = model.lines.lineEnd(s.head.line);
    edits.push({ start: at, end: at, newText: `${eol}${eol}${reminder(lastYear, year)}` });
  }
  const t2 = report.table2?.tables[0];
  const s2 = report.section[2];
  if (t2 || s2) {
    const at = t2 ? (t2.caption ?? t2).span.start : model.lines.lineEnd(s2!.head.line);
    const lineAt = model.lines.lineStart(model.lines.positionAt(at).line);
    edits.push(
      t2
        ? { start: lineAt, end: lineAt, newText: `${baseNote(report, lastYear)}${eol}${eol}` }
        : { start: at, end: at, newText: `${eol}${eol}${baseNote(report, lastYear)}` },
    );
  }
  return edits;
}

function proseDraft(text: string, report: ReportModel, year: number, carried: Record<string, string>): string {
  const model = buildModel(text);
  const title = report.title!;
  const edits: TextEdit[] = [
    { start: title.yearSpan!.start, end: title.yearSpan!.end, newText: String(year) },
    ...figureEdits(report, carried),
    ...periodEdits(text, report, year),
    ...noteEdits(model, report, year),
  ];
  return applyEdits(text, dedupe(edits));
}

/** Drop edits that overlap an earlier one (a period year inside a removed date line). */
function dedupe(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) continue;
    if (prev && prev.start === prev.end && e.start === e.end && e.start === prev.start) {
      prev.newText += e.newText;
      continue;
    }
    out.push(e);
  }
  return out;
}

function skeletonDraft(report: ReportModel, year: number, carried: Record<string, string>, eol: string): string {
  const lines = renderSkeleton({
    agency: report.title?.agency ?? AGENCY_PLACEHOLDER,
    year,
    value: (id) => (id.startsWith('carried.') ? (carried[id.slice('carried.'.length)] ?? '') : ''),
  });
  const heading = `## ${canonicalSectionHeading(2)}`;
  const at = lines.indexOf(heading);
  if (at >= 0) lines.splice(at + 1, 0, '', baseNote(report, year - 1));
  return joinLines(lines, eol);
}

/** Next year's draft from last year's report text (its first report with a dated title). */
export function nextYearDraft(lastText: string, opts: NextYearOptions = {}): NextYearResult {
  const whole = buildModel(lastText);
  const found = whole.reports.find((r) => r.title?.year && r.title.yearSpan);
  if (!found) {
    return {
      ok: false,
      error: {
        zh: '找不到带四位年份的报告标题（如“某某局2023年政府信息公开工作年度报告”），无法确定下一年度',
        en: 'No report title with a four-digit year found: cannot tell the next year',
      },
    };
  }
  // Only that report: a file of several reports gives the draft of its first one.
  // Last year's import notes were about last year's source file: they do not carry over.
  const text = withoutImportNote(lastText.slice(found.span.start, found.span.end));
  const model = buildModel(text);
  const report = model.reports.find((r) => r.title?.year && r.title.yearSpan)!;
  const year = report.title!.year! + 1;
  const carried = carriedFrom(report);
  const out = opts.skeleton ? skeletonDraft(report, year, carried, model.lines.eol) : proseDraft(text, report, year, carried);
  const eol = model.lines.eol;
  return { ok: true, draft: { text: out.endsWith(eol) ? out : out + eol, agency: report.title!.agency, year, carried } };
}

function withoutImportNote(text: string): string {
  const at = text.indexOf(IMPORT_NOTE_START);
  if (at < 0 || text.slice(0, at).trim() !== '') return text;
  const end = text.indexOf('-->', at);
  return end < 0 ? text : text.slice(end + 3).replace(/^(\r?\n)+/, '');
}
