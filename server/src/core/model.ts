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
import { blankPlaceholders } from './placeholders';
import { MappedTable, Table2Model, mapTable2, mapTable3, mapTable4 } from './tables';
import { REPORT_TITLE_PHRASE, ReportKind, SECTIONS, SectionNumber } from './template';
import type { Message } from './message';

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
  budget: number | undefined,
  pieces: PieceCache | undefined,
  work: ParseWork,
): ParsedSegment {
  used?.add(text);
  const hit = cache?.get(text);
  // A segment left incomplete is parsed on: its pieces parsed before come from the piece cache
  // for free, so each analysis gets further, and the document converges to the complete parse.
  if (hit && !hit.incomplete) return hit;
  let parsed: ParsedSegment | undefined;
  // An edit inside one table cell: derive the parse from the segment's previous version.
  if (!hit) for (const [old, seg] of stale?.() ?? []) if ((parsed = patchSegment(seg, old, text))) break;
  if (!parsed || parsed.incomplete) parsed = parseSegment(text, { budget, pieces, work });
  if (cache) cache.set(text, parsed);
  return parsed;
}

/** The parsed pieces of a document's long segments, kept for its next version. */
const pieceCaches = new WeakMap<SegmentCache, PieceCache>();

/**
 * The parse work (ParseWork.units: characters, plus PIPE_WEIGHT per table cell) one interactive
 * analysis may do: about a quarter of a second on a two-core office PC. A real report needs a
 * tenth of it (13 000 units for a 4 000-character report with its three tables; 46 000 for a
 * generated 100 KB draft), so any report, up to drafts of some 400 KB, is always analysed in
 * full whatever the machine's load. Only a document far beyond one (a table of thousands of
 * rows, megabytes of text) is left incomplete, and then at the same place on every machine.
 * An edit re-parses only what it changed, so it costs far less.
 */
export const INTERACTIVE_WORK = 160 * 1024;

export interface BuildOptions {
  /**
   * Parse work budget in units (ParseWork.units); past it the remaining parts are left unparsed
   * and listed in `incomplete`. Undefined: no budget, the whole document is parsed.
   */
  workBudget?: number;
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

/** A parsed segment's blocks with their placeholders blanked, computed once per parse. */
const blankedBlocks = new WeakMap<ParsedSegment, TextBlock[]>();

/**
 * The blocks the rules read: placeholders of paragraphs and headings (core/placeholders.ts)
 * are blanked to spaces of the same length, so that no rule is satisfied by “（文字描述…）”
 * or a 【请改写】 note; text-placeholder reads the source text at their spans instead.
 */
function readableBlocks(parsed: ParsedSegment): TextBlock[] {
  let blocks = blankedBlocks.get(parsed);
  if (!blocks) {
    blocks = parsed.blocks.map((b) => {
      if (b.kind === 'comment') return b;
      const text = blankPlaceholders(b.text);
      return text === b.text ? b : { ...b, text };
    });
    blankedBlocks.set(parsed, blocks);
  }
  return blocks;
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
    const blocks = readableBlocks(parsed).map((b) => shiftBlock(b, seg.start));
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
  // ordinary section is still checked.
  const budget = options.workBudget;
  const all = layouts.flatMap((l) => l.segments);
  const order = [...all].sort((a, b) => a.end - a.start - (b.end - b.start));
  const parsedSegments = new Map<Segment, ParsedSegment>();
  const work = noWork();
  const previous = cache?.size ? stale : undefined;
  let pieces: PieceCache | undefined;
  if (cache && !(pieces = pieceCaches.get(cache))) pieceCaches.set(cache, (pieces = new Map() as PieceCache));
  for (const seg of order)
    parsedSegments.set(seg, parseCached(text.slice(seg.start, seg.end), cache, used, previous, budget, pieces, work));
  if (pieces) prunePieces(pieces, 2 * text.length + 1024 * 1024);
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

/** 20000 → “20 000”: digits in groups of three, as the notice names sizes. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Container markers (`>`, list markers) at the start of a line, up to 100. */
function nesting(line: string): number {
  const m = /^(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+/.exec(line.slice(0, 1000));
  if (!m) return 0;
  let n = 0;
  for (const _ of m[0].matchAll(/>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)/g)) if (++n >= 100) break;
  return n;
}

/**
 * What the unparsed part of a document is, in the words of its construct and size (“一张
 * 20 000 行的表格”), never in the user's words: the notice explains why this part was left,
 * and it is never the user's content that is at fault.
 */
function describeUnparsed(text: string, span: Span): Message {
  let lines = 0,
    blank = 0,
    rows = 0,
    tables = 0,
    nested = 0,
    depth = 0,
    longest = 0;
  const DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
  for (let at = span.start; at < span.end;) {
    let nl = text.indexOf('\n', at);
    if (nl < 0 || nl > span.end) nl = span.end;
    const line = text.slice(at, Math.min(nl, at + 4096)).replace(/\r$/, '');
    lines++;
    longest = Math.max(longest, nl - at);
    const trimmed = line.trimStart();
    if (!trimmed) blank++;
    else if (trimmed.startsWith('|')) {
      rows++;
      if (DELIMITER.test(trimmed)) tables++;
    } else {
      const d = nesting(line);
      if (d >= 4) nested++;
      depth = Math.max(depth, d);
    }
    at = nl + 1;
  }
  const filled = lines - blank;
  if (rows && rows * 2 >= filled) {
    const body = rows - tables;
    return tables <= 1
      ? { zh: `一张 ${grouped(body)} 行的表格`, en: `a table of ${grouped(body)} rows` }
      : { zh: `${grouped(tables)} 张表格（共 ${grouped(body)} 行）`, en: `${grouped(tables)} tables (${grouped(body)} rows in all)` };
  }
  if (nested && nested * 2 >= filled)
    return {
      zh: `${grouped(nested)} 行多层嵌套的列表或引用（最深 ${depth} 层）`,
      en: `${grouped(nested)} lines of lists or quotes nested up to ${depth} deep`,
    };
  if (longest > 32 * 1024) return { zh: `一段 ${grouped(longest)} 个字符的长行`, en: `a line of ${grouped(longest)} characters` };
  return {
    zh: `${grouped(filled)} 行、${grouped(span.end - span.start)} 个字符的文字`,
    en: `${grouped(filled)} lines (${grouped(span.end - span.start)} characters) of text`,
  };
}

/**
 * Findings of a model with unparsed parts: those about an incomplete section (or citing one)
 * are dropped, since its blocks and tables are missing from the model, and one information
 * finding names the lines that were not checked and what they hold. Unchanged for a complete model.
 */
export function completeFindings(model: DocumentModel, findings: Finding[], locale: Locale | undefined): Finding[] {
  const parts = model.incomplete;
  if (!parts?.length) return findings;
  const segments = parts.map((p) => p.segment);
  const kept = findings.filter(
    (f) => !segments.some((s) => touches(f.span, s) || (f.related ?? []).some((r) => r.uri === undefined && touches(r.span, s))),
  );
  const first = parts[0].span;
  const described = parts.map((p) => {
    const lines = `${model.lines.positionAt(p.span.start).line + 1}–${model.lines.positionAt(Math.max(p.span.start, p.span.end - 1)).line + 1}`;
    const what = describeUnparsed(model.text, p.span);
    return { zh: `第${lines}行（${what.zh}）`, en: `lines ${lines} (${what.en})` };
  });
  const message = {
    zh: `${described.map((d) => d.zh).join('、')}远超一份年度报告的规模，这次分析在它之前停下：这部分及其所在部分的问题暂未列出`,
    en: `${described.map((d) => d.en).join(', ')}: far beyond a real report, so this analysis stopped before it; problems there and in its section are not listed yet`,
  };
  const line = model.lines.positionAt(first.start).line;
  const notice: Finding = {
    code: INCOMPLETE_CODE,
    severity: 'information',
    message: locale === 'en' ? message.en.charAt(0).toUpperCase() + message.en.slice(1) : message.zh,
    span: { start: first.start, end: Math.max(first.start, model.lines.lineEnd(line)) },
    key: `${INCOMPLETE_CODE}:${first.start}`,
  };
  return [...kept, notice].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
