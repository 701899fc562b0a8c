import { countChars, plainOf } from '../prose';
import type { Rule } from '../rule';
import type { Message } from '../message';

const IMPROVEMENT_MIN_CHARS = 10;

const NONE = /^(?:无|暂无|没有|无问题|未发现问题|无存在问题)$/;

/** 五 must name concrete problems and concrete improvements (国办公开办函〔2021〕30号). */
export const improvementEmpty: Rule = {
  code: 'improvement-empty',
  catalog: 90,
  severity: 'warning',
  description: {
    zh: '“存在的主要问题及改进情况”为空、只写“无”或不足10个字',
    en: 'Section 5 (problems and improvements) is empty, “none” or under 10 characters',
  },
  tags: ['content'],
  options: {
    minChars: {
      default: IMPROVEMENT_MIN_CHARS,
      minimum: 0,
      description: { zh: '“存在的主要问题及改进情况”正文的最少字数', en: 'Fewest characters of section 5’s prose' },
    },
  },
  check({ doc, report, emit, ruleOptions }) {
    const s = report.section[5];
    if (!s) return;
    // Sub-headings (（一）存在问题) are not content; only paragraphs count.
    const joined = s.paragraphs
      .map((p) => plainOf(p.text, 0).text.trim())
      .filter(Boolean)
      .join('');
    const n = countChars(joined);
    const bare = joined.replace(/[\s。．.，,；;！!、]/g, '');
    let why: Message | undefined;
    // Placeholders (（文字描述）) are blanked before rules read the text: they count as nothing.
    if (n === 0) why = { zh: '没有内容', en: 'is empty' };
    else if (NONE.test(bare)) why = { zh: `只写了“${joined}”`, en: `only says “${joined}”` };
    else if (n < (ruleOptions.minChars as number)) why = { zh: `只有${n}个字（“${joined}”）`, en: `has only ${n} characters` };
    if (!why) return;
    const title = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);
    emit({
      key: 'empty',
      span: s.head.titleSpan,
      message: {
        zh: `“${title}”${why.zh}：应具体写明存在的主要问题和有针对性的改进措施，不能空泛、敷衍或年年雷同（国办公开办函〔2021〕30号）`,
        en: `Section 5 ${why.en}: it must name the main problems and concrete improvements`,
      },
    });
  },
};
