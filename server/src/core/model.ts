/**
 * The report model: text → layout (line scan) → segments parsed by remark (cached by
 * their text) → sections, title and the three tables mapped onto the template.
 */
import type { Finding } from './findings';
import { LineIndex, Span } from './lines';
import type { Locale } from './rule';
import { ReportLayout, Segment, SectionHead, TitleLine, scanLayout } from './layout';
import { ParseWork, ParsedSegment, PieceCache, RawTable, TextBlock, noWork, parseSegment, patchSegment } from './markdown';
import { foldWidth } from './normalize';
import { MappedTable, Table2Model, mapTable2, mapTable3, mapTable4 } from './tables';
import { REPORT_TITLE_PHRASE, ReportKind, SECTIONS, SectionNumber } from './template';

export interface SectionModel {
  number: SectionNumber;
  head: SectionHead;
  /** From the title line to the next section or the end of the report. */
  span: Span;
  headings: TextBlock[];
  paragraphs: TextBlock[];
  comments: TextBlock[];
  tables: RawTable[];
}

export interface TitleInfo {
  line: TitleLine;
  agency?: string;
  year?: number;
  yearSpan?: Span;
  kind: ReportKind;
}

export interface ReportModel {
  span: Span;
  title?: TitleInfo;
  /** Sections in document order (duplicates and misplaced ones included). */
  sections: SectionModel[];
  /** The first occurrence of each section, by number. */
  section: Partial<Record<SectionNumber, SectionModel>>;
  /** Blocks before the first section (intro, title lines, 公文 header). */
  preamble: { paragraphs: TextBlock[]; headings: TextBlock[]; comments: TextBlock[]; tables: RawTable[] };
  /** Blocks after the last section that are closing lines (signature, date) are in section 六's paragraphs. */
  table2?: Table2Model;
  table3?: MappedTable;
  table4?: MappedTable;
}

export interface DocumentModel {
  text: string;
  lines: LineIndex;
  reports: ReportModel[];
  /** Every HTML comment of the document, for suppression comments. */
  comments: TextBlock[];
  isReport: boolean;
  /**
   * Parts of the document left unparsed because the time budget ran out (hostile text): their
   * blocks and tables are missing from the model, so findings there are not given (see
   * completeFindings) and one information finding says which lines were not checked.
   */
  incomplete?: IncompletePart[];
  /** What this build parsed (segments and pieces found in the caches cost nothing). */
  work: ParseWork;
}

export interface IncompletePart {
  /** What was not parsed. */
  span: Span;
  /** The segment (section) it belongs to: its findings are not given either. */
  segment: Span;
}

/** Parsed segments by their text; the caller keeps one cache per document. */
export type SegmentCache = Map<string, ParsedSegment>;

/** Segments of the previous version that this version does not have: what an edit changed. */
type StaleSegments = () => [string, ParsedSegment][];

function parseCached(
  text: string,
  cache: SegmentCache | undefined,
  used: Set<string> | undefined,
  stale: StaleSegments | undefined,
  deadline: number,
  firstPieceDeadline: number,
  pieces: PieceCache | undefined,
  work: ParseWork,
): ParsedSegment {
  used?.add(text);
  const hit = cache?.get(text);
  if (hit) return hit;
  let parsed: ParsedSegment | undefined;
  // An edit inside one table cell: derive the parse from the segment's previous version.
  for (const [old, seg] of stale?.() ?? []) if ((parsed = patchSegment(seg, old, text))) break;
  parsed ??= parseSegment(text, { deadline, firstPieceDeadline, pieces, work });
  // Kept even when incomplete: the next version pays nothing again for a segment it did not change.
  if (cache) cache.set(text, parsed);
  return parsed;
}

/** How long the last parse of a document (its segment cache) took: a slow one means the next gets the edit budget. */
const lastParseMs = new WeakMap<SegmentCache, number>();
/** The parsed pieces of a document's long segments, kept for its next version. */
const pieceCaches = new WeakMap<SegmentCache, PieceCache>();

/** Time budget of one analysis's parsing, in ms (AnalysisOptions.budgetMs). */
export const DEFAULT_BUDGET_MS = 1000;
/** The budget of a later version of a document whose parse was left incomplete or was slow: edits stay fast. */
export const EDIT_BUDGET_MS = 150;

export interface BuildOptions {
  /** Parse time budget in ms; past it the remaining parts are left unparsed and listed in `incomplete`. */
  budgetMs?: number;
}

function shiftSpan(s: Span, by: number): Span {
  return { start: s.start + by, end: s.end + by };
}

function shiftBlock(b: TextBlock, by: number): TextBlock {
  return { ...b, span: shiftSpan(b.span, by) };
}

function shiftTable(t: RawTable, by: number): RawTable {
  return {
    span: shiftSpan(t.span, by),
    columnCount: t.columnCount,
    caption: t.caption && shiftBlock(t.caption, by),
    rows: t.rows.map((r) => ({ span: shiftSpan(r.span, by), cells: r.cells.map((c) => ({ ...c, span: shiftSpan(c.span, by) })) })),
  };
}

const GOVERNMENT_SUFFIX = /人民政府$/;
const TOWNSHIP = /(?:镇|乡|街道办事处|街道|苏木)(?:人民政府)?$/;

export function inferKind(agency: string | undefined): ReportKind {
  if (!agency) return 'department';
  const a = foldWidth(agency);
  if (TOWNSHIP.test(a)) return 'township';
  if (GOVERNMENT_SUFFIX.test(a)) return 'government';
  return 'department';
}

/** Agency, year and kind from a title line (also used alone by the workspace index's cheap peek). */
export function readTitle(line: TitleLine): TitleInfo {
  const m = /((?:19|20)\d\d)[ \t\u3000]*年/.exec(line.text);
  const yearIndex = m ? line.text.indexOf(m[1]) : -1;
  const textStart = line.textSpan.start + (line.text.length - line.text.trimStart().length);
  let agency = yearIndex > 0 ? line.text.slice(0, yearIndex).trim() : undefined;
  if (!agency) {
    const phrase = line.text.indexOf(REPORT_TITLE_PHRASE);
    if (!m && phrase > 0) agency = line.text.slice(0, phrase).trim();
    // The year first: 2024年青石镇人民政府政府信息公开工作年度报告.
    else if (m && yearIndex <= 1 && phrase > 0)
      agency = line.text
        .slice(m.index + m[0].length, phrase)
        .replace(/^度/, '')
        .trim();
  }
  if (!agency && line.agencyLine) agency = line.agencyLine.text.replace(/^[#*\s]+|[*\s]+$/g, '');
  return {
    line,
    agency: agency || undefined,
    year: m ? Number(m[1]) : undefined,
    yearSpan: m ? { start: textStart + yearIndex, end: textStart + yearIndex + 4 } : undefined,
    kind: inferKind(agency),
  };
}

function buildReport(layout: ReportLayout, text: string, parsedSegments: Map<Segment, ParsedSegment>, comments: TextBlock[]): ReportModel {
  const report: ReportModel = {
    span: { start: layout.start, end: layout.end },
    title: layout.title && readTitle(layout.title),
    sections: [],
    section: {},
    preamble: { paragraphs: [], headings: [], comments: [], tables: [] },
  };
  for (const seg of layout.segments) {
    const parsed = parsedSegments.get(seg)!;
    const blocks = parsed.blocks.map((b) => shiftBlock(b, seg.start));
    const tables = parsed.tables.map((t) => shiftTable(t, seg.start));
    // The section's own title line is not one of its blocks.
    const head = seg.head;
    const own = head
      ? blocks.filter((b) => b.kind === 'comment' || !(b.span.start >= head.lineSpan.start && b.span.end <= head.lineSpan.end))
      : blocks;
    const part = {
      headings: own.filter((b) => b.kind === 'heading'),
      paragraphs: own.filter((b) => b.kind === 'paragraph'),
      comments: own.filter((b) => b.kind === 'comment'),
      tables,
    };
    comments.push(...part.comments);
    if (!seg.head) {
      report.preamble = part;
      continue;
    }
    const section: SectionModel = { number: seg.head.number, head: seg.head, span: { start: seg.start, end: seg.end }, ...part };
    report.sections.push(section);
    if (!report.section[section.number]) report.section[section.number] = section;
  }
  const s2 = report.section[2],
    s3 = report.section[3],
    s4 = report.section[4];
  if (s2) report.table2 = mapTable2(s2.tables, s2.paragraphs);
  if (s3) report.table3 = mapTable3(s3.tables);
  if (s4) report.table4 = mapTable4(s4.tables);
  return report;
}

/** A document is a report if a title says so or at least two section titles appear. */
function looksLikeReport(reports: ReportModel[]): boolean {
  return reports.some((r) => r.title || new Set(r.sections.map((s) => s.number)).size >= 2);
}

export function buildModel(text: string, cache?: SegmentCache, options: BuildOptions = {}): DocumentModel {
  const lines = new LineIndex(text);
  const layouts = scanLayout(lines);
  const used = cache ? new Set<string>() : undefined;
  const comments: TextBlock[] = [];
  let staleList: [string, ParsedSegment][] | undefined;
  const stale: StaleSegments = () => {
    if (!staleList) {
      const fresh = new Set(layouts.flatMap((l) => l.segments.map((s) => text.slice(s.start, s.end))));
      staleList = [...cache!].filter(([k]) => !fresh.has(k)).slice(0, 4);
    }
    return staleList;
  };
  // Segments are parsed shortest first, so that a hostile one uses up the budget last and every
  // ordinary section is still checked. A document whose last parse was left incomplete, or took
  // longer than the edit budget, gets the edit budget: an edit must not pay a full budget again.
  const wasHostile = cache ? [...cache.values()].some((p) => p.incomplete) || (lastParseMs.get(cache) ?? 0) > EDIT_BUDGET_MS : false;
  const budget = Math.min(options.budgetMs ?? DEFAULT_BUDGET_MS, wasHostile ? EDIT_BUDGET_MS : Infinity);
  // The first piece of each segment (all of an ordinary section) may use a second budget, so
  // that a slow machine still checks the ordinary sections of a document with a hostile one.
  const started = performance.now();
  const deadline = started + budget;
  const firstPieceDeadline = deadline + budget / 2;
  const all = layouts.flatMap((l) => l.segments);
  const order = [...all].sort((a, b) => a.end - a.start - (b.end - b.start));
  const parsedSegments = new Map<Segment, ParsedSegment>();
  const work = noWork();
  const previous = cache?.size ? stale : undefined;
  let pieces: PieceCache | undefined;
  if (cache && !(pieces = pieceCaches.get(cache))) pieceCaches.set(cache, (pieces = new Map() as PieceCache));
  for (const seg of order)
    parsedSegments.set(seg, parseCached(text.slice(seg.start, seg.end), cache, used, previous, deadline, firstPieceDeadline, pieces, work));
  if (pieces) prunePieces(pieces, 2 * text.length + 1024 * 1024);
  if (cache) lastParseMs.set(cache, performance.now() - started);
  const incomplete: IncompletePart[] = [];
  for (const seg of all) {
    const part = parsedSegments.get(seg)!.incomplete;
    if (part) incomplete.push({ span: shiftSpan(part, seg.start), segment: { start: seg.start, end: seg.end } });
  }
  const reports = layouts.map((l) => buildReport(l, text, parsedSegments, comments));
  // Keep only the segments of this version: an edit changes one segment, and older texts
  // would otherwise keep whole old document strings alive.
  if (cache && used) for (const key of cache.keys()) if (!used.has(key)) cache.delete(key);
  return { text, lines, reports, comments, isReport: looksLikeReport(reports), work, ...(incomplete.length ? { incomplete } : {}) };
}

export const SECTION_NUMBERS: SectionNumber[] = SECTIONS.map((s) => s.number);

/** Least recently used pieces go first, until their texts add up to at most `chars` (memory stays proportional). */
function prunePieces(pieces: PieceCache, chars: number): void {
  let total = 0;
  for (const key of pieces.keys()) total += key.length;
  for (const key of pieces.keys()) {
    if (total <= chars) break;
    pieces.delete(key);
    total -= key.length;
  }
}

export const INCOMPLETE_CODE = 'analysis-incomplete';

function touches(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || (a.start === a.end && a.start >= b.start && a.start < b.end);
}

/**
 * Findings of a model with unparsed parts: those about an incomplete section (or citing one)
 * are dropped, since its blocks and tables are missing from the model, and one information
 * finding names the lines that were not checked. Unchanged for a complete model.
 */
export function completeFindings(model: DocumentModel, findings: Finding[], locale: Locale | undefined): Finding[] {
  const parts = model.incomplete;
  if (!parts?.length) return findings;
  const segments = parts.map((p) => p.segment);
  const kept = findings.filter(
    (f) => !segments.some((s) => touches(f.span, s) || (f.related ?? []).some((r) => r.uri === undefined && touches(r.span, s))),
  );
  const first = parts[0].span;
  const lines = parts.map(
    (p) => `${model.lines.positionAt(p.span.start).line + 1}–${model.lines.positionAt(Math.max(p.span.start, p.span.end - 1)).line + 1}`,
  );
  const message = {
    zh: `第${lines.join('、')}行的内容过于复杂，未能在限定时间内完成检查，这部分（所在部分）的问题没有列出`,
    en: `Lines ${lines.join(', ')} are too complex to check in the time allowed: problems in that part (and its section) are not listed`,
  };
  const line = model.lines.positionAt(first.start).line;
  const notice: Finding = {
    code: INCOMPLETE_CODE,
    severity: 'information',
    message: locale === 'en' ? message.en : message.zh,
    span: { start: first.start, end: Math.max(first.start, model.lines.lineEnd(line)) },
    key: `${INCOMPLETE_CODE}:${first.start}`,
  };
  return [...kept, notice].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
