import type { Rule } from '../rule';
import { renderTable } from '../render';
import { sectionTemplate, SectionNumber } from '../template';
import { TABLE_NAMES } from './helpers';

export const tableMissing: Rule = {
  code: 'table-missing',
  severity: 'error',
  description: { zh: '第二、三、四部分缺少统计表', en: 'Section 2, 3 or 4 has no table' },
  check({ doc, report, emit }) {
    for (const n of [2, 3, 4] as SectionNumber[]) {
      const section = report.section[n];
      if (!section) continue;
      const t = sectionTemplate(n).table!;
      const present = t === 'table2'
        ? report.table2 && (report.table2.rows.size > 0 || report.table2.outdated.length > 0)
        : t === 'table3'
          ? report.table3 && (report.table3.rows.size > 0 || report.table3.columns.length > 0)
          : report.table4 && report.table4.columns.length > 0;
      if (present) continue;
      const tabbed = section.paragraphs.some((p) => /\S\t+\S/.test(p.text));
      const hint = tabbed
        ? { zh: '（检测到用制表符分隔的文字，请改为 Markdown 表格）', en: ' (tab-separated text found: convert it to a Markdown table)' }
        : section.tables.length ? { zh: '（本部分的表格与模板对不上）', en: ' (the table here does not match the template)' } : { zh: '', en: '' };
      const eol = doc.lines.eol;
      const at = section.head.lineSpan.end;
      const followedByBlank = /^(\r?\n)[ \t]*(\r?\n|$)/.test(doc.text.slice(at, at + 4)) || at === doc.text.length;
      emit({
        key: String(n),
        span: section.head.titleSpan,
        message: { zh: `缺少${TABLE_NAMES[t].zh}${hint.zh}`, en: `${TABLE_NAMES[t].en} is missing${hint.en}` },
        fixes: [{
          title: { zh: `插入${TABLE_NAMES[t].zh}的模板`, en: `Insert the template ${TABLE_NAMES[t].en}` },
          kind: 'value',
          edits: [{ start: at, end: at, newText: eol + eol + renderTable(t).join(eol) + (followedByBlank ? '' : eol) }],
        }],
      });
    }
  },
};
