import type { Rule } from '../rule';
import { renderSection } from '../render';
import { SECTIONS } from '../template';
import { blockInsertion, sectionInsertPoint, sectionName } from './helpers';

/** 条例 第五十条: every item of the report is required (不能遗漏). */
export const sectionMissing: Rule = {
  code: 'section-missing',
  catalog: 10,
  severity: 'error',
  description: { zh: '缺少六个部分之一', en: 'One of the six sections is missing' },
  tags: ['structure'],
  check({ doc, report, emit }) {
    for (const s of SECTIONS) {
      if (report.section[s.number]) continue;
      const at = sectionInsertPoint(doc, report, s.number);
      // Where it belongs: the next section's title, else (the last one missing) the previous one's.
      const anchor = report.sections.find((x) => x.number > s.number)?.head.lineSpan ??
        report.sections.filter((x) => x.number < s.number).pop()?.head.lineSpan ??
        report.title?.line.lineSpan ?? { start: report.span.start, end: report.span.start };
      const eol = doc.lines.eol;
      emit({
        key: String(s.number),
        span: anchor,
        message: {
          zh: `缺少第${s.numeral}部分${sectionName(s.number).zh}（国办公开办函〔2021〕30号规定的六个部分缺一不可）：请补写这一部分，可用快速修复插入标题${s.table ? '和空白统计表' : ''}`,
          en: `Section ${s.numeral} ${s.title} is missing (the 2021 format requires all six sections)`,
        },
        fixes: [
          {
            title: {
              zh: `插入“${s.numeral}、${s.title}”${s.table ? '及其统计表' : ''}`,
              en: `Insert section ${s.numeral}${s.table ? ' with its table' : ''}`,
            },
            kind: 'value',
            edits: [
              {
                start: at.offset,
                end: at.offset,
                newText: blockInsertion(doc.text, at.offset, renderSection(s.number, { value: () => '' }), eol),
              },
            ],
          },
        ],
      });
    }
  },
};
