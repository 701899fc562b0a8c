import type { TextBlock } from '../markdown';
import type { SectionModel } from '../model';
import { foldWidth, labelKey } from '../normalize';
import { plainOf } from '../prose';
import type { Rule } from '../rule';
import { OVERSIGHT_RESULT_TERMS, OVERVIEW_TOPICS, OverviewTopic, sectionTemplate } from '../template';
import { blockInsertion } from './helpers';

/**
 * In prose only the topic's own words count (a loose 监督 in "严格监督" does not): the phrase
 * must lead a paragraph, follow an enumeration (一是…, （一）…, 1.…), or be a short sentence.
 */
const LEAD_PHRASES: Record<number, string[]> = {
  1: ['主动公开'],
  2: ['依申请公开'],
  3: ['政府信息管理', '信息管理'],
  4: ['政府信息公开平台建设', '平台建设'],
  5: ['监督保障'],
};

const NUMERALS = '一二三四五六七八九十';
const ENUM = /(?:^|(?<=[。；;！？!?：:]))\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[是要、.．]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[，,、]?)/g;

/** Short lead phrases of a paragraph: its first clause, each clause after an enumeration, short sentences. */
export function leadPhrases(text: string): string[] {
  const out: string[] = [];
  const clause = (from: number) => {
    const rest = text.slice(from).replace(/^\s+/, '');
    const m = /^[^，,。：:；;！？!?]{0,25}/.exec(rest);
    if (m && m[0]) out.push(m[0]);
  };
  clause(0);
  ENUM.lastIndex = 0;
  for (let m = ENUM.exec(text); m; m = ENUM.exec(text)) {
    if (m[0].trim() === '') { ENUM.lastIndex++; continue; }
    clause(m.index + m[0].length);
  }
  for (const s of text.split(/(?<=[。！？!?；;])/)) {
    const t = s.trim();
    if (t && t.length <= 20) out.push(t);
  }
  return out;
}

export interface TopicCoverage {
  topic: OverviewTopic;
  heading?: TextBlock;
  paragraph?: TextBlock;
}

function headingCovers(h: TextBlock, t: OverviewTopic): boolean {
  const key = labelKey(h.text);
  return t.matches.some((m) => key.includes(labelKey(m)));
}

/** Which of the five topics section 一 covers, and where. */
export function overviewCoverage(s: SectionModel): TopicCoverage[] {
  return OVERVIEW_TOPICS.map((topic) => {
    const heading = s.headings.find((h) => headingCovers(h, topic));
    if (heading) return { topic, heading };
    const phrases = LEAD_PHRASES[topic.number];
    const paragraph = s.paragraphs.find((p) => leadPhrases(foldWidth(plainOf(p.text, 0).text).replace(/\(/g, '（').replace(/\)/g, '）'))
      .some((l) => phrases.some((ph) => l.includes(ph))));
    return { topic, paragraph };
  });
}

const OVERSIGHT_PATTERNS: Record<string, RegExp> = {
  工作考核: /考核/,
  社会评议: /评议/,
  责任追究: /责任追究|追究责任|追责|问责|追究.{0,6}责任/,
};

/** Text of a sub-topic: its heading up to the next heading of the same or a higher level, or the section's end. */
function subsectionText(s: SectionModel, heading: TextBlock, text: string): string {
  const next = s.headings.find((h) => h.span.start > heading.span.start && (h.depth ?? 9) <= (heading.depth ?? 9));
  return text.slice(heading.span.end, next ? next.span.start : s.span.end);
}

export const overviewTopicMissing: Rule = {
  code: 'overview-topic-missing',
  severity: 'warning',
  description: {
    zh: '总体情况缺少五个方面之一（人民政府还须报告工作考核、社会评议和责任追究结果）',
    en: 'The overview lacks one of its five topics (a people’s government also reports appraisal, public review and accountability)',
  },
  tags: ['content'],
  check({ doc, report, emit }) {
    const s = report.section[1];
    if (!s) return;
    const government = report.title?.kind === 'government' || report.title?.kind === 'township';
    const coverage = overviewCoverage(s);
    const topicHeadings = coverage.filter((c) => c.heading).map((c) => c.heading!);
    const depth = topicHeadings[0]?.depth ?? s.headings[0]?.depth ?? Math.min(6, (s.head.depth ?? 2) + 1);
    const eol = doc.lines.eol;
    const sectionTitle = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);

    for (const c of coverage) {
      if (c.heading || c.paragraph) continue;
      const t = c.topic;
      // Insert before the heading of the next topic present, else at the end of the section.
      const next = coverage.find((x) => x.topic.number > t.number && x.heading);
      const at = next ? doc.lines.lineStart(doc.lines.positionAt(next.heading!.span.start).line) : s.span.end;
      const before = s.headings.filter((h) => h.span.start < at);
      const prevNumber = before.length ? /^\s*[（(]([一二三四五六七八九十])[）)]/.exec(before[before.length - 1].text)?.[1] : undefined;
      const numeral = prevNumber ? NUMERALS[Math.min(NUMERALS.indexOf(prevNumber) + 1, 9)] : NUMERALS[t.number - 1];
      const heading = `${'#'.repeat(depth)} （${numeral}）${t.title}`;
      const oversight = t.number === 5 && government;
      const placeholder = oversight ? '（文字描述，含工作考核、社会评议和责任追究结果情况。）' : sectionTemplate(1).placeholder;
      emit({
        key: `topic:${t.number}`,
        span: s.head.titleSpan,
        message: {
          zh: `“${sectionTitle}”缺少“${t.title}”方面的内容（总体情况主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面）${oversight ? '；人民政府还应在监督保障中报告工作考核、社会评议和责任追究结果情况（条例第五十条）' : ''}`,
          en: `The overview lacks the topic “${t.title}” (it covers five topics: proactive disclosure, requests, information management, platforms, oversight)${oversight ? '; a people’s government also reports appraisal, public review and accountability results there' : ''}`,
        },
        fixes: [{
          title: { zh: `插入小标题“${heading.replace(/^#+ /, '')}”`, en: `Insert the sub-heading “${heading.replace(/^#+ /, '')}”` },
          kind: 'value',
          edits: [{ start: at, end: at, newText: blockInsertion(doc.text, at, [heading, '', placeholder], eol) }],
        }],
      });
    }

    const oversight = coverage[4];
    if (!government || !(oversight.heading || oversight.paragraph)) return;
    const text = oversight.heading ? subsectionText(s, oversight.heading, doc.text) : s.paragraphs.map((p) => p.text).join('\n');
    const lacking = OVERSIGHT_RESULT_TERMS.filter((term) => !(OVERSIGHT_PATTERNS[term] ?? new RegExp(term)).test(foldWidth(text)));
    if (!lacking.length) return;
    emit({
      key: 'oversight',
      span: oversight.heading?.span ?? s.head.titleSpan,
      message: {
        zh: `“监督保障”未报告${lacking.join('、')}结果情况：人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况（条例第五十条，国办公开办函〔2021〕30号）`,
        en: `“Oversight” does not report ${lacking.join(', ')}: a people’s government reports the results of appraisal, public review and accountability (Regulations art. 50)`,
      },
    });
  },
};
