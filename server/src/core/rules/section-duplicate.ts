import type { Rule } from '../rule';
import { sectionName } from './helpers';

export const sectionDuplicate: Rule = {
  code: 'section-duplicate',
  severity: 'error',
  description: { zh: '同一部分出现两次', en: 'The same section appears twice' },
  check({ doc, report, emit }) {
    for (const s of report.sections) {
      const first = report.section[s.number];
      if (!first || first === s) continue;
      emit({
        key: `${s.number}:${s.head.line}`,
        span: s.head.titleSpan,
        message: {
          zh: `第${sectionName(s.number).zh}部分重复出现（第一次在第${first.head.line + 1}行）`,
          en: `Section ${s.number} appears again (first at line ${first.head.line + 1})`,
        },
        related: [{ span: first.head.titleSpan, message: { zh: '第一次出现的位置', en: 'first occurrence' } }],
      });
      void doc;
    }
  },
};
