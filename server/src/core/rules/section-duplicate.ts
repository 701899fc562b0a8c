import type { Rule } from '../rule';
import { sectionName } from './helpers';

export const sectionDuplicate: Rule = {
  code: 'section-duplicate',
  catalog: 30,
  severity: 'error',
  description: { zh: '同一部分出现两次', en: 'The same section appears twice' },
  tags: ['structure'],
  check({ report, emit }) {
    for (const s of report.sections) {
      const first = report.section[s.number];
      if (!first || first === s) continue;
      emit({
        key: `${s.number}:${s.head.line}`,
        span: s.head.titleSpan,
        message: {
          zh: `${sectionName(s.number).zh}出现了两次（第一次在第${first.head.line + 1}行）：请把两处内容合并到一处，删去重复的标题`,
          en: `Section ${s.number} appears a second time (first at line ${first.head.line + 1}): merge the two and remove the repeated title`,
        },
        related: [{ span: first.head.titleSpan, message: { zh: '第一次出现的位置', en: 'first occurrence' } }],
      });
    }
  },
};
