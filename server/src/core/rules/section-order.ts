import type { Rule } from '../rule';
import { sectionName } from './helpers';

export const sectionOrder: Rule = {
  code: 'section-order',
  severity: 'warning',
  description: { zh: '六个部分的顺序不是一至六', en: 'Sections are not in the order 1 to 6' },
  check({ report, emit }) {
    let highest = 0;
    const seen = new Set<number>();
    for (const s of report.sections) {
      if (seen.has(s.number)) continue;
      seen.add(s.number);
      if (s.number < highest) {
        emit({
          key: String(s.number),
          span: s.head.titleSpan,
          message: {
            zh: `第${sectionName(s.number).zh}部分出现在第${sectionName(highest as 1).zh}部分之后，应按一至六的顺序排列`,
            en: `Section ${s.number} comes after section ${highest}; the sections go in the order 1 to 6`,
          },
        });
      } else {
        highest = s.number;
      }
    }
  },
};
