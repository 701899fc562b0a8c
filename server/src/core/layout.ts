/**
 * The cheap line scan: finds report titles and the six section titles, outside code
 * fences, tables and comments, and cuts the document into segments that are parsed
 * separately (and cached), so that an edit re-parses only the section it touches.
 */
import { LineIndex, Span } from './lines';
import { FenceScanner } from './text/fences';
import { numeralValue } from './text/numerals';
import { editDistance } from './text/edit-distance';
import { foldWidth, labelKey } from './normalize';
import { REPORT_TITLE_PHRASE, SECTIONS, SectionNumber } from './template';

/**
 * How a section title was recognised: the template title, a known alias, its keywords, or a
 * `variant` (a typo within an edit or two of a known title, or only its ordinal in the place
 * where the section is missing). Anything but `canonical` is a wording the section-title rule
 * warns about.
 */
export type SectionMatch = 'canonical' | 'alias' | 'keyword' | 'variant';

export interface SectionHead {
  number: SectionNumber;
  line: number;
  /** The whole line, without its line break. */
  lineSpan: Span;
  /** Numbering plus title, without heading marks, bold markers or indentation. */
  titleSpan: Span;
  numbering: string;
  /** The section number the numbering says (may differ from `number`: misnumbered). */
  numberingValue?: number;
  title: string;
  form: 'heading' | 'paragraph';
  depth?: number;
  match: SectionMatch;
}

export interface TitleLine {
  line: number;
  lineSpan: Span;
  /** The title text without heading marks. */
  textSpan: Span;
  text: string;
  form: 'heading' | 'paragraph';
  depth?: number;
  /** A line just above that holds the agency when the title was split over two lines. */
  agencyLine?: { line: number; span: Span; text: string };
}

export interface Segment {
  start: number;
  end: number;
  /** Undefined for the part of a report before its first section. */
  head?: SectionHead;
}

export interface ReportLayout {
  start: number;
  end: number;
  title?: TitleLine;
  heads: SectionHead[];
  segments: Segment[];
}

// A byte order mark (first line of a file saved by Notepad) counts as indentation, as micromark drops it.
// Full-width spaces and no-break spaces pad titles too (lines starting with 4 spaces or a tab are code).
const LINE_SHAPE = /^(\uFEFF?[ \t\u3000\u00a0]*)(#{1,6}[ \t]+)?(.*?)[ \t\u3000\u00a0]*$/;
/** `##` followed by a full-width or no-break space: not a Markdown heading, but meant as one. */
const FALSE_HEADING = /^#{1,6}[\u3000\u00a0]+/;
const NUMBERING = /^(?:第([一二三四五六])部分|([一二三四五六])|([1-6１-６]))(?:[ \t\u3000]*([、.．，,:：])|([ \t\u3000]+))?[ \t\u3000]*/;
const MAX_TITLE_LENGTH = 36;

interface LineShape {
  contentStart: number;
  content: string;
  depth?: number;
}

function lineShape(text: string): LineShape | undefined {
  const m = LINE_SHAPE.exec(text);
  if (!m) return undefined;
  let contentStart = m[1].length + (m[2]?.length ?? 0);
  let content = m[3];
  if (m[2]) content = content.replace(/[ \t]+#+$/, '');
  const marks = !m[2] ? FALSE_HEADING.exec(content) : null;
  if (marks) {
    contentStart += marks[0].length;
    content = content.slice(marks[0].length);
  }
  // A trailing HTML comment (a disable-line directive) is not part of the title.
  content = content.replace(/[ \t]*<!--.*?-->[ \t]*$/, '');
  if (m[2]) content = content.replace(/[ \t]+#+$/, '');
  // Bold or italic wrapping: **一、总体情况**
  const wrap = /^(\*\*|__|\*|_)(.+)\1$/.exec(content);
  if (wrap) {
    contentStart += wrap[1].length;
    content = wrap[2];
  }
  return { contentStart, content, depth: m[2] ? m[2].trim().length : undefined };
}

/** Which section a title names, if any. */
/** Comparison keys of the section titles and aliases, computed once (every line is matched against them). */
const SECTION_KEYS = SECTIONS.map((s) => ({ s, title: labelKey(s.title), aliases: s.aliases.map(labelKey) }));

function matchSectionTitle(
  title: string,
  numberingValue: number | undefined,
  isHeading: boolean,
): { number: SectionNumber; match: SectionMatch } | undefined {
  const key = labelKey(title);
  if (!key || key.length > MAX_TITLE_LENGTH) return undefined;
  for (const k of SECTION_KEYS) {
    if (key === k.title) return { number: k.s.number, match: 'canonical' };
  }
  for (const k of SECTION_KEYS) {
    if (k.aliases.includes(key)) return { number: k.s.number, match: 'alias' };
  }
  // A loose keyword match only for numbered lines whose numbering agrees, or headings.
  for (const s of SECTIONS) {
    if (numberingValue !== undefined && numberingValue !== s.number && !isHeading) continue;
    if (s.keywords.some((words) => words.every((w) => key.includes(w)))) return { number: s.number, match: 'keyword' };
  }
  // A typo: within one edit of a known title (two for long ones), numbered as that section or a heading.
  for (const k of SECTION_KEYS) {
    if (numberingValue !== undefined ? numberingValue !== k.s.number : !isHeading || key.length < 4) continue;
    const allowed = key.length >= 10 ? 2 : 1;
    if ([k.title, ...k.aliases].some((t) => editDistance(key, t, allowed) <= allowed)) return { number: k.s.number, match: 'variant' };
  }
  return undefined;
}

/**
 * A line numbered like a section (一、 / 第一部分) with a short title that names no section:
 * taken as that section when it is missing and the line sits where it belongs (after the
 * sections numbered lower, before those numbered higher).
 */
function parseCandidateLine(text: string, lineStart: number, line: number): SectionHead | undefined {
  if (!text || text.length > 60) return undefined;
  const shape = lineShape(text);
  if (!shape) return undefined;
  const num = NUMBERING.exec(shape.content);
  if (!num || !(num[1] || (num[2] && num[4] && /[、.．]/.test(num[4])))) return parenthesisedCandidate(shape, lineStart, text, line);
  const title = shape.content.slice(num[0].length);
  const key = labelKey(title);
  if (key.length < 2 || key.length > 24 || /[。；;！!？?：:]$|[。；;！!？?]/.test(title)) return undefined;
  const titleStart = lineStart + shape.contentStart;
  return {
    number: numeralValue(num[1] ?? num[2]) as SectionNumber,
    line,
    lineSpan: { start: lineStart, end: lineStart + text.length },
    titleSpan: { start: titleStart, end: titleStart + shape.content.length },
    numbering: num[0].trim(),
    numberingValue: numeralValue(num[1] ?? num[2]),
    title: title.trim(),
    form: shape.depth !== undefined ? 'heading' : 'paragraph',
    depth: shape.depth,
    match: 'variant',
  };
}

const PAREN_NUMBERING = /^[（(][ \t\u3000]*([一二三四五六])[ \t\u3000]*[）)][ \t\u3000]*/;

/**
 * （五）存在的主要问题及改进情况: a section numbered like a sub-item. Only 四 to 六, with the
 * exact title (or an alias) of the section its numeral names, as a candidate for a missing
 * section, since （二）主动公开… is also how section 一 numbers its topics.
 */
function parenthesisedCandidate(shape: LineShape, lineStart: number, text: string, line: number): SectionHead | undefined {
  const num = PAREN_NUMBERING.exec(shape.content);
  if (!num) return undefined;
  const value = numeralValue(num[1]);
  const title = shape.content.slice(num[0].length);
  const hit = matchSectionTitle(title, value, false);
  // 二 and 三 name what 一's topics are about (（二）主动公开政府信息): never taken for them.
  if (!hit || hit.number !== value || hit.number < 4 || (hit.match !== 'canonical' && hit.match !== 'alias')) return undefined;
  const titleStart = lineStart + shape.contentStart;
  return {
    number: hit.number,
    line,
    lineSpan: { start: lineStart, end: lineStart + text.length },
    titleSpan: { start: titleStart, end: titleStart + shape.content.length },
    numbering: num[0].trim(),
    numberingValue: value,
    title: title.trim(),
    form: shape.depth !== undefined ? 'heading' : 'paragraph',
    depth: shape.depth,
    match: hit.match,
  };
}

/** Candidates for missing sections, where their ordinal puts them; heads stay in line order. */
function addCandidates(heads: SectionHead[], candidates: SectionHead[]): SectionHead[] {
  const out = [...heads];
  for (const c of candidates) {
    if (out.some((h) => h.number === c.number)) continue;
    if (out.some((h) => (h.line < c.line && h.number > c.number) || (h.line > c.line && h.number < c.number))) continue;
    out.push(c);
    out.sort((a, b) => a.line - b.line);
  }
  return out;
}

function parseSectionLine(text: string, lineStart: number, line: number): SectionHead | undefined {
  if (!text || text.length > 80) return undefined;
  const shape = lineShape(text);
  if (!shape) return undefined;
  const num = NUMBERING.exec(shape.content);
  let numbering = '';
  let numberingValue: number | undefined;
  let title = shape.content;
  if (num && (num[4] !== undefined || num[5] !== undefined || num[1])) {
    numbering = num[0];
    const numeral = num[1] ?? num[2];
    numberingValue = numeral ? numeralValue(numeral) : Number(foldWidth(num[3]));
    title = shape.content.slice(num[0].length);
  }
  const isHeading = shape.depth !== undefined;
  if (numberingValue === undefined && !isHeading) return undefined;
  const hit = matchSectionTitle(title, numberingValue, isHeading);
  if (!hit) return undefined;
  if (numberingValue === undefined && hit.match === 'keyword') return undefined;
  const titleStart = lineStart + shape.contentStart;
  return {
    number: hit.number,
    line,
    lineSpan: { start: lineStart, end: lineStart + text.length },
    titleSpan: { start: titleStart, end: titleStart + shape.content.length },
    numbering: numbering.trim(),
    numberingValue,
    title: title.trim(),
    form: isHeading ? 'heading' : 'paragraph',
    depth: shape.depth,
    match: hit.match,
  };
}

function parseTitleLine(text: string, lineStart: number, line: number): TitleLine | undefined {
  if (text.length > 200) return undefined;
  const folded = foldWidth(text);
  if (!folded.includes(REPORT_TITLE_PHRASE) && !folded.includes('政府信息公开年度报告')) return undefined;
  const shape = lineShape(text);
  if (!shape) return undefined;
  // A sentence that mentions the report (an intro naming the 年度报告格式) is not its title.
  if (folded.length > 60 || (shape.depth === undefined && !/报告[)）]?$/.test(foldWidth(shape.content)))) return undefined;
  const start = lineStart + shape.contentStart;
  return {
    line,
    lineSpan: { start: lineStart, end: lineStart + text.length },
    textSpan: { start, end: start + shape.content.length },
    text: shape.content.trim(),
    form: shape.depth !== undefined ? 'heading' : 'paragraph',
    depth: shape.depth,
  };
}

/**
 * An unnumbered heading under 一 named like 二 or 三 (### 主动公开政府信息情况, ### （二）主动公开政府信息)
 * is one of 一's topics, not the next section: taking it for 二 cascaded into a duplicate
 * section, a missing table and every topic of 一 reported missing.
 */
function overviewTopicHeading(head: SectionHead, heads: SectionHead[]): boolean {
  const prev = heads[heads.length - 1];
  if (!prev || prev.number !== 1 || head.numberingValue !== undefined || (head.number !== 2 && head.number !== 3)) return false;
  return /^[（(]/.test(head.title) || (head.depth ?? 0) > (prev.depth ?? 0);
}

/**
 * Scan the lines once. Several reports pasted into one file are split at each title that
 * follows a section of the previous report.
 */
export function scanLayout(index: LineIndex): ReportLayout[] {
  const text = index.text;
  const reports: ReportLayout[] = [];
  let current: ReportLayout = { start: 0, end: text.length, heads: [], segments: [] };
  const fences = new FenceScanner();
  let inComment = false;
  let lastNonEmpty: { line: number; text: string } | undefined;
  const candidates = new Map<ReportLayout, SectionHead[]>();

  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    // An empty line opens nothing and is nothing (a document of a million of them is cheap).
    if (!fences.open && !inComment && index.lineEnd(line) === start) continue;
    const lineText = index.lineText(line);
    const trimmed = lineText.trim();
    if (inComment) {
      if (lineText.includes('-->')) inComment = false;
      continue;
    }
    if (fences.line(lineText)) continue;
    if (trimmed.startsWith('<!--') && !trimmed.includes('-->')) {
      inComment = true;
      continue;
    }
    if (trimmed === '') continue;
    if (trimmed.startsWith('|') || trimmed.startsWith('>') || /^ {4,}|^\t/.test(lineText)) {
      lastNonEmpty = { line, text: trimmed };
      continue;
    }

    const title = parseTitleLine(lineText, start, line);
    if (title) {
      if (current.heads.length > 0) {
        current.end = start;
        reports.push(current);
        current = { start, end: text.length, heads: [], segments: [] };
      }
      if (!current.title) {
        current.title = title;
        if ((lastNonEmpty && lastNonEmpty.line === line - 1) || (lastNonEmpty && lastNonEmpty.line === line - 2)) {
          // A title split over two lines: 七级镇人民政府 / 2023年政府信息公开工作年度报告
          if (/^\s*(?:19|20)\d\d\s*年/.test(title.text) && lastNonEmpty.text.length <= 40) {
            const l = lastNonEmpty.line;
            current.title.agencyLine = { line: l, span: { start: index.lineStart(l), end: index.lineEnd(l) }, text: lastNonEmpty.text };
          }
        }
      }
      lastNonEmpty = { line, text: trimmed };
      continue;
    }
    const head = parseSectionLine(lineText, start, line);
    if (head && !overviewTopicHeading(head, current.heads)) current.heads.push(head);
    else {
      const candidate = parseCandidateLine(lineText, start, line);
      if (candidate) (candidates.get(current) ?? candidates.set(current, []).get(current)!).push(candidate);
    }
    lastNonEmpty = { line, text: trimmed };
  }
  reports.push(current);

  for (const r of reports) {
    const list = candidates.get(r);
    if (list && r.heads.length) r.heads = addCandidates(r.heads, list);
    const segs: Segment[] = [];
    const firstStart = r.heads.length ? index.lineStart(r.heads[0].line) : r.end;
    if (firstStart > r.start || r.heads.length === 0) segs.push({ start: r.start, end: firstStart });
    r.heads.forEach((h, i) => {
      const s = index.lineStart(h.line);
      const e = i + 1 < r.heads.length ? index.lineStart(r.heads[i + 1].line) : r.end;
      segs.push({ start: s, end: e, head: h });
    });
    r.segments = segs;
  }
  return reports;
}
