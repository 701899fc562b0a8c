/**
 * The report's structure as the "年报结构" view and document symbols show it: the six
 * sections in the official order (missing ones marked), their sub-topics and tables,
 * and a count of problems in each.
 */
import type { Finding } from './findings';
import type { Span } from './lines';
import type { DocumentModel, ReportModel } from './model';
import { OVERVIEW_TOPICS, SECTIONS, SectionNumber, TableId, canonicalSectionHeading } from './template';
import { labelKey } from './normalize';
import { overviewCoverage } from './rules/overview-topic-missing';

export interface OutlineItem {
  kind: 'topic' | 'table' | 'heading';
  label: string;
  line: number;
  span: Span;
  problems: number;
  /** For topics of 一: which of the five it covers; missing topics have no line. */
  topic?: number;
}

export interface OutlineSection {
  number: SectionNumber;
  title: string;
  present: boolean;
  /** The title as written, when present. */
  written?: string;
  line?: number;
  span?: Span;
  titleSpan?: Span;
  problems: number;
  errors: number;
  children: OutlineItem[];
  /** Topics of 一 that are absent (titles). */
  missingTopics?: string[];
}

export interface ReportOutline {
  title?: { text: string; agency?: string; year?: number; line: number; span: Span };
  sections: OutlineSection[];
  /** Sections written more than once or out of order, in document order. */
  extraSections: OutlineSection[];
  problems: number;
}

const TABLE_LABEL: Record<TableId, string> = {
  table2: '表二 主动公开政府信息情况',
  table3: '表三 收到和处理政府信息公开申请情况',
  table4: '表四 行政复议、行政诉讼情况',
};

function count(findings: Finding[], span: Span, errorsOnly = false): number {
  return findings.filter((f) => f.span.start >= span.start && f.span.start < span.end && (!errorsOnly || f.severity === 'error')).length;
}

export function topicOf(heading: string): number | undefined {
  const key = labelKey(heading);
  for (const t of OVERVIEW_TOPICS) if (t.matches.some((m) => key.includes(labelKey(m)))) return t.number;
  return undefined;
}

export function reportOutline(doc: DocumentModel, report: ReportModel, findings: Finding[]): ReportOutline {
  const line = (offset: number) => doc.lines.positionAt(offset).line;
  const sections: OutlineSection[] = SECTIONS.map((t) => {
    const s = report.section[t.number];
    const title = canonicalSectionHeading(t.number);
    if (!s) return { number: t.number, title, present: false, problems: 0, errors: 0, children: [] };
    const children: OutlineItem[] = [];
    for (const h of s.headings) {
      children.push({
        kind: t.number === 1 ? 'topic' : 'heading',
        label: h.text.trim(),
        line: line(h.span.start),
        span: h.span,
        problems: 0,
        topic: t.number === 1 ? topicOf(h.text) : undefined,
      });
    }
    if (t.table) {
      const first = s.tables[0];
      if (first)
        children.push({
          kind: 'table',
          label: TABLE_LABEL[t.table],
          line: line(first.span.start),
          span: { start: first.span.start, end: s.tables[s.tables.length - 1].span.end },
          problems: 0,
        });
    }
    children.sort((a, b) => a.span.start - b.span.start);
    children.forEach((c, i) => {
      const end = i + 1 < children.length ? children[i + 1].span.start : s.span.end;
      c.problems = count(findings, { start: c.span.start, end: c.kind === 'table' ? c.span.end : end });
    });
    // The same coverage the overview-topic-missing rule uses: sub-headings, or lead phrases of the prose.
    const covered = new Set(
      t.number === 1
        ? overviewCoverage(s)
            .filter((c) => c.heading || c.paragraph || c.content)
            .map((c) => c.topic.number)
        : [],
    );
    return {
      number: t.number,
      title,
      present: true,
      written: doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end),
      line: s.head.line,
      span: s.span,
      titleSpan: s.head.titleSpan,
      problems: count(findings, s.span),
      errors: count(findings, s.span, true),
      children,
      missingTopics: t.number === 1 ? OVERVIEW_TOPICS.filter((x) => !covered.has(x.number)).map((x) => x.title) : undefined,
    };
  });
  const extraSections = report.sections
    .filter((s) => report.section[s.number] !== s)
    .map((s) => ({
      number: s.number,
      title: canonicalSectionHeading(s.number),
      present: true,
      written: doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end),
      line: s.head.line,
      span: s.span,
      titleSpan: s.head.titleSpan,
      problems: count(findings, s.span),
      errors: count(findings, s.span, true),
      children: [],
    }));
  const t = report.title;
  return {
    title: t && { text: t.line.text, agency: t.agency, year: t.year, line: t.line.line, span: t.line.textSpan },
    sections,
    extraSections,
    problems: count(findings, report.span),
  };
}
