import type { TextBlock } from '../markdown';
import { ORDINAL_NUMERALS } from '../text/numerals';
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

const NUMERALS = ORDINAL_NUMERALS;
const ENUM =
  /(?:^|(?<=[。；;！？!?：:]))\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[是要、.．]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[，,、]?)/g;

/** Short lead phrases of a paragraph: its first clause, each clause after an enumeration, short sentences. */
function leadPhrases(text: string): string[] {
  const out: string[] = [];
  const clause = (from: number) => {
    const rest = text.slice(from).replace(/^\s+/, '');
    const m = /^[^，,。：:；;！？!?]{0,25}/.exec(rest);
    if (m && m[0]) out.push(m[0]);
  };
  clause(0);
  ENUM.lastIndex = 0;
  for (let m = ENUM.exec(text); m; m = ENUM.exec(text)) {
    if (m[0].trim() === '') {
      ENUM.lastIndex++;
      continue;
    }
    clause(m.index + m[0].length);
  }
  for (const s of text.split(/(?<=[。！？!?；;])/)) {
    const t = s.trim();
    if (t && t.length <= 20) out.push(t);
  }
  return out;
}

/**
 * A paragraph is about a topic, without naming it in a heading or a lead, when it uses the
 * topic's own name anywhere, or two of its distinct content signals (保密审查 and 公开属性 for
 * 政府信息管理). Loose words (严格监督, 依法申请, 组织保障) are no signal.
 */
const CONTENT: Record<number, { names: RegExp; signals: RegExp[] }> = {
  1: {
    names: /主动公开/,
    signals: [/(?:公开|公布|发布)[^。；;]{0,12}信息[^。；;]{0,4}\d+\s*条/, /政府信息公开专栏|信息公开专栏/, /重点领域信息/],
  },
  2: { names: /依申请公开|政府信息公开申请|信息公开申请/, signals: [/收到[^。；;]{0,10}申请/, /答复[^。；;]{0,10}申请人/] },
  3: {
    names: /政府信息管理|信息管理/,
    signals: [
      /保密审查/,
      /公开属性/,
      /规范性文件[^。；;]{0,8}(?:清理|管理|登记)/,
      /动态(?:调整|更新)/,
      /公开(?:指南|目录)|标准目录/,
      // Review before release and the upkeep of what is published (三审三校, 清理过期信息, 统一管理).
      /三审三校|(?:发布|公开)前?审(?:核|查)|审核、?批准/,
      /(?:清理|下架)[^。；;]{0,6}(?:过期|失效)|过期(?:失效)?信息/,
      /(?:统一|集中|规范)管理/,
    ],
  },
  4: {
    names: /平台建设/,
    signals: [/门户网站|政府网站/, /政务新媒体|微信公众号|政务微博/, /公开栏|公开专区|公开专栏/, /便民服务中心|查阅点|查阅室/],
  },
  5: { names: /监督保障/, signals: [/考核/, /社会评议|评议/, /责任追究|追究责任|追责|问责/, /培训/] },
};

/** Under another topic's sub-heading a paragraph needs more to be about this one. */
function paragraphAbout(text: string, topic: OverviewTopic, underOther: boolean): boolean {
  const c = CONTENT[topic.number];
  if (!c) return false;
  if (!underOther && c.names.test(text)) return true;
  return c.signals.filter((re) => re.test(text)).length >= (underOther ? 3 : 2);
}

/**
 * Words of a themed sub-heading (one that names no topic) that point to an aspect: “健全制度，
 * 规范运行” to 政府信息管理, “拓展渠道，建强阵地” to 平台建设, “压实责任，强化考核” to 监督保障.
 * They count as one signal; the sub-topic's text must give the rest.
 */
const HEADING_HINTS: Record<number, RegExp> = {
  3: /制度|规范|管理|审查|审核|目录|标准/,
  4: /渠道|阵地|平台|载体|网站|专栏|新媒体|窗口/,
  5: /责任|考核|监督|保障|培训|评议|问责|督查/,
};

export interface TopicCoverage {
  topic: OverviewTopic;
  /** The topic's sub-heading: named by it, or themed and about it (then `themed`). */
  heading?: TextBlock;
  themed?: boolean;
  /** A paragraph that names the topic in its lead (一是主动公开方面，…). */
  paragraph?: TextBlock;
  /** A paragraph about the topic that does not name it in a heading or lead. */
  content?: TextBlock;
}

function headingCovers(h: TextBlock, t: OverviewTopic): boolean {
  const key = labelKey(h.text);
  return t.matches.some((m) => key.includes(labelKey(m)));
}

/** The paragraphs of a sub-topic: from its heading to the next heading of the same or a higher level. */
function subtopicParagraphs(s: SectionModel, heading: TextBlock): TextBlock[] {
  const next = s.headings.find((h) => h.span.start > heading.span.start && (h.depth ?? 9) <= (heading.depth ?? 9));
  const end = next ? next.span.start : s.span.end;
  return s.paragraphs.filter((p) => p.span.start > heading.span.start && p.span.start < end);
}

/**
 * How strongly a themed sub-topic is about a topic: its text names it (Infinity), or the
 * distinct content signals of its paragraphs taken together, plus one when the heading's
 * words point to it.
 */
function themedScore(s: SectionModel, heading: TextBlock, topic: OverviewTopic, plain: (b: TextBlock) => string): number {
  const c = CONTENT[topic.number];
  if (!c) return 0;
  const text = subtopicParagraphs(s, heading).map(plain).join('\n');
  if (c.names.test(text)) return Infinity;
  const hint = HEADING_HINTS[topic.number]?.test(foldWidth(heading.text)) ? 1 : 0;
  return c.signals.filter((re) => re.test(text)).length + hint;
}

/** Which of the five topics section 一 covers, and where. */
export function overviewCoverage(s: SectionModel): TopicCoverage[] {
  const plainText = new Map<TextBlock, string>();
  const plain = (b: TextBlock): string => {
    let t = plainText.get(b);
    if (t === undefined) plainText.set(b, (t = foldWidth(plainOf(b.text, 0).text).replace(/\(/g, '（').replace(/\)/g, '）')));
    return t;
  };
  // Sub-headings that name no topic: “健全制度，规范运行” and the like.
  const themed = s.headings.filter((h) => !OVERVIEW_TOPICS.some((t) => headingCovers(h, t)));
  return OVERVIEW_TOPICS.map((topic) => {
    const heading = s.headings.find((h) => headingCovers(h, topic));
    if (heading) return { topic, heading };
    const phrases = LEAD_PHRASES[topic.number];
    const plains = s.paragraphs.map(plain);
    const i = plains.findIndex((t) => leadPhrases(t).some((l) => phrases.some((ph) => l.includes(ph))));
    if (i >= 0) return { topic, paragraph: s.paragraphs[i] };
    // A themed sub-topic whose text, all its paragraphs together, is about this topic (the best one).
    let best: { heading: TextBlock; score: number } | undefined;
    for (const h of themed) {
      const score = themedScore(s, h, topic, plain);
      if (score >= 2 && (!best || score > best.score)) best = { heading: h, score };
    }
    if (best) return { topic, heading: best.heading, themed: true };
    // A paragraph under another topic's sub-heading belongs to that topic (政府网站 in 主动公开),
    // unless it is plainly about this one too.
    const underOther = (p: TextBlock) => {
      const h = s.headings.filter((x) => x.span.start < p.span.start).pop();
      return !!h && OVERVIEW_TOPICS.some((o) => o !== topic && headingCovers(h, o));
    };
    const j = plains.findIndex((t, k) => paragraphAbout(t, topic, underOther(s.paragraphs[k])));
    return { topic, content: j >= 0 ? s.paragraphs[j] : undefined };
  });
}

const OVERSIGHT_PATTERNS: Record<string, RegExp> = {
  工作考核: /考核/,
  社会评议: /评议/,
  责任追究: /责任追究|追究责任|追责|问责|追究.{0,6}责任/,
};

/**
 * Text of a sub-topic: the paragraphs and deeper headings from its heading up to the next
 * heading of the same or a higher level, as the model gives them (placeholders blanked).
 */
function subsectionText(s: SectionModel, heading: TextBlock): string {
  const next = s.headings.find((h) => h.span.start > heading.span.start && (h.depth ?? 9) <= (heading.depth ?? 9));
  const end = next ? next.span.start : s.span.end;
  return [...s.paragraphs, ...s.headings]
    .filter((b) => b.span.start > heading.span.start && b.span.start < end)
    .sort((a, b) => a.span.start - b.span.start)
    .map((b) => b.text)
    .join('\n');
}

export const overviewTopicMissing: Rule = {
  code: 'overview-topic-missing',
  catalog: 70,
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
      if (c.heading || c.paragraph || c.content) continue;
      const t = c.topic;
      // Insert before the heading of the next topic present, else at the end of the section.
      const next = coverage.find((x) => x.topic.number > t.number && x.heading);
      const at = next ? doc.lines.lineStart(doc.lines.positionAt(next.heading!.span.start).line) : s.span.end;
      const before = s.headings.filter((h) => h.span.start < at);
      const prevNumber = before.length ? /^\s*[（(]([一二三四五六七八九十])[）)]/.exec(before[before.length - 1].text)?.[1] : undefined;
      // Topics missing before this one and inserted at the same place come first: （四）, （五）…
      const ahead = coverage.filter(
        (x) =>
          x.topic.number < t.number &&
          !x.heading &&
          !x.paragraph &&
          !x.content &&
          !coverage.some((y) => y.heading && y.topic.number > x.topic.number && y.topic.number < t.number),
      ).length;
      const numeral = prevNumber ? NUMERALS[Math.min(NUMERALS.indexOf(prevNumber) + 1 + ahead, 9)] : NUMERALS[t.number - 1];
      const heading = `${'#'.repeat(depth)} （${numeral}）${t.title}`;
      const oversight = t.number === 5 && government;
      const placeholder = oversight ? '（文字描述，含工作考核、社会评议和责任追究结果情况。）' : sectionTemplate(1).placeholder;
      emit({
        key: `topic:${t.number}`,
        span: s.head.titleSpan,
        message: {
          zh: `“${sectionTitle}”中未找到“${t.title}”方面的内容：总体情况应写明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面，请补写这一方面${oversight ? '；人民政府还应在监督保障中报告工作考核、社会评议和责任追究结果情况（条例第五十条）' : ''}`,
          en: `No paragraph of the overview is about “${t.title}”: the overview covers five topics (proactive disclosure, requests, information management, platforms, oversight); add this one${oversight ? '; a people’s government also reports appraisal, public review and accountability results there' : ''}`,
        },
        fixes: [
          {
            title: { zh: `插入小标题“${heading.replace(/^#+ /, '')}”`, en: `Insert the sub-heading “${heading.replace(/^#+ /, '')}”` },
            kind: 'value',
            edits: [{ start: at, end: at, newText: blockInsertion(doc.text, at, [heading, '', placeholder], eol) }],
          },
        ],
      });
    }

    const oversight = coverage[4];
    if (!government || !(oversight.heading || oversight.paragraph || oversight.content)) return;
    const text = oversight.heading ? subsectionText(s, oversight.heading) : s.paragraphs.map((p) => p.text).join('\n');
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
