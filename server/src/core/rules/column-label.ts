import type { Rule } from '../rule';
import type { MappedColumn } from '../tables';

export const columnLabel: Rule = {
  code: 'column-label',
  severity: 'warning',
  description: { zh: '列标题与模板写法不同（如“社会组织”应为“社会公益组织”）', en: 'A column header differs from the template (社会组织 → 社会公益组织)' },
  check({ report, emit }) {
    const cols: [string, MappedColumn][] = [
      ...(report.table2?.variantColumns ?? []).map((c) => ['表二', c] as [string, MappedColumn]),
      ...(report.table3?.columns ?? []).map((c) => ['表三', c] as [string, MappedColumn]),
      ...(report.table4?.columns ?? []).map((c) => ['表四', c] as [string, MappedColumn]),
    ];
    const seen = new Set<number>();
    for (const [name, c] of cols) {
      if (c.header.raw === c.template.label || seen.has(c.header.span.start)) continue;
      seen.add(c.header.span.start);
      emit({
        key: `${name}:${c.header.span.start}`,
        span: c.header.span,
        message: { zh: `${name}列标题“${c.header.raw}”与模板不同，应为“${c.template.label}”`, en: `Column header “${c.header.raw}” differs from the template: “${c.template.label}”` },
        fixes: [{ title: { zh: `改为“${c.template.label}”`, en: `Change to “${c.template.label}”` }, kind: 'safe', edits: [{ start: c.header.span.start, end: c.header.span.end, newText: c.template.label }] }],
      });
    }
  },
};
