import { countChars } from '../prose';
import type { SectionModel } from '../model';
import type { Rule } from '../rule';

const OVERVIEW_MAX_CHARS = 1000;

/** Characters of a section's prose: Chinese characters, letters and digits of its paragraphs, without markup. */
function proseLength(s: SectionModel): number {
  // Emphasis marks and brackets are not counted anyway; link targets and inline HTML are dropped.
  const strip = (raw: string) => raw.replace(/\]\([^)]*\)/g, ']').replace(/<\/?[a-zA-Z!][^>]*>/g, '');
  return s.paragraphs.reduce((n, p) => n + countChars(strip(p.text)), 0);
}

/** 国办公开办函〔2021〕30号: 总体情况 "要重点突出、简明扼要，篇幅原则上不超过一千字". */
export const overviewTooLong: Rule = {
  code: 'overview-too-long',
  catalog: 80,
  severity: 'information',
  description: { zh: '总体情况超过一千字', en: 'The overview is longer than 1000 characters' },
  tags: ['content'],
  options: {
    maxChars: {
      default: OVERVIEW_MAX_CHARS,
      minimum: 1,
      description: { zh: '总体情况正文的字数上限', en: 'Most characters of the overview’s prose' },
    },
  },
  check({ doc, report, emit, ruleOptions }) {
    const s = report.section[1];
    if (!s) return;
    const max = ruleOptions.maxChars as number;
    // Cheap bound first: the count is never more than the source length.
    if (s.paragraphs.reduce((k, p) => k + p.text.length, 0) <= max) return;
    const n = proseLength(s);
    if (n <= max) return;
    const limit = max === OVERVIEW_MAX_CHARS ? '“篇幅原则上不超过一千字”' : `字数上限${max}字（本工作区的设置）`;
    const title = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);
    emit({
      key: 'length',
      span: s.head.titleSpan,
      message: {
        zh: `“${title}”正文约${n}字，超过${max === OVERVIEW_MAX_CHARS ? '格式要求的' : ''}${limit}（多${n - max}字），请精简、突出重点`,
        en: `The overview has about ${n} characters; ${max === OVERVIEW_MAX_CHARS ? 'the format asks for at most 1000 in principle' : `the limit set for this workspace is ${max}`} (${n - max} over)`,
      },
    });
  },
};
