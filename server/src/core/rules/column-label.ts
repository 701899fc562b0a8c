import type { Rule } from '../rule';
import type { MappedColumn } from '../tables';
import type { TableId } from '../template';
import { TABLE_SHORT } from './helpers';

export const columnLabel: Rule = {
  code: 'column-label',
  catalog: 170,
  severity: 'warning',
  description: {
    zh: '列标题与模板写法不同（如“社会组织”应为“社会公益组织”）',
    en: 'A column header differs from the template (社会组织 → 社会公益组织)',
  },
  tags: ['table'],
  check({ report, emit }) {
    const cols: [TableId, MappedColumn][] = [
      ...(report.table2?.variantColumns ?? []).map((c) => ['table2', c] as [TableId, MappedColumn]),
      ...(report.table3?.columns ?? []).map((c) => ['table3', c] as [TableId, MappedColumn]),
      ...(report.table4?.columns ?? []).map((c) => ['table4', c] as [TableId, MappedColumn]),
    ];
    const seen = new Set<number>();
    for (const [table, c] of cols) {
      const name = TABLE_SHORT[table];
      if (c.header.raw === c.template.label || seen.has(c.header.span.start)) continue;
      seen.add(c.header.span.start);
      emit({
        key: `${name.zh}:${c.header.span.start}`,
        span: c.header.span,
        message: {
          zh: `${name.zh}的列名“${c.header.raw}”与模板不同，应为“${c.template.label}”`,
          en: `${name.en}: the column header “${c.header.raw}” differs from the template: “${c.template.label}”`,
        },
        fixes: [
          {
            title: { zh: `改为“${c.template.label}”`, en: `Change to “${c.template.label}”` },
            kind: 'safe',
            edits: [{ start: c.header.span.start, end: c.header.span.end, newText: c.template.label }],
          },
        ],
      });
    }
  },
};
