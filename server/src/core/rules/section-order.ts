import type { Rule } from '../rule';
import type { SectionModel } from '../model';
import { sectionName } from './helpers';

/** The sections that stay in order: the longest increasing run of first occurrences. */
function inOrder(sections: SectionModel[]): Set<SectionModel> {
  const n = sections.length;
  const length = Array<number>(n).fill(1);
  const prev = Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (sections[j].number < sections[i].number && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || length[i] > length[best]) best = i;
  const keep = new Set<SectionModel>();
  for (let i = best; i >= 0; i = prev[i]) keep.add(sections[i]);
  return keep;
}

export const sectionOrder: Rule = {
  code: 'section-order',
  catalog: 20,
  severity: 'warning',
  description: { zh: '六个部分的顺序不是一至六', en: 'Sections are not in the order 1 to 6' },
  tags: ['structure'],
  check({ report, emit }) {
    const firsts = report.sections.filter((s) => report.section[s.number] === s);
    const keep = inOrder(firsts);
    firsts.forEach((s, i) => {
      if (keep.has(s)) return;
      const after =
        firsts
          .slice(0, i)
          .reverse()
          .find((x) => keep.has(x) && x.number > s.number) ??
        firsts
          .slice(0, i)
          .reverse()
          .find((x) => x.number > s.number);
      emit({
        key: String(s.number),
        span: s.head.titleSpan,
        message: after
          ? {
              zh: `${sectionName(s.number).zh}不应出现在${sectionName(after.number).zh}之后，六个部分应按一至六的顺序排列，请把这一部分移到相应位置`,
              en: `Section ${s.number} should not come after section ${after.number}; the sections go in the order 1 to 6: move it`,
            }
          : {
              zh: `${sectionName(s.number).zh}的位置不对，六个部分应按一至六的顺序排列`,
              en: `Section ${s.number} is out of place; the sections go in the order 1 to 6`,
            },
      });
    });
  },
};
