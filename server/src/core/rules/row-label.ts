import type { Rule } from '../rule';
import type { MappedRow } from '../tables';

/** Labels written with half-width brackets, spaces or a variant wording: safe to normalise. */
export const rowLabel: Rule = {
  code: 'row-label',
  severity: 'warning',
  description: { zh: '行标签与模板写法不同（半角括号、空格、旧称）', en: 'A row label differs from the template (brackets, spaces, old wording)' },
  check({ report, emit }) {
    const rows: [string, MappedRow][] = [
      ...[...(report.table2 && !report.table2.outdated.length ? report.table2.rows.values() : [])].map((r) => ['表二', r] as [string, MappedRow]),
      ...[...(report.table3?.rows.values() ?? [])].map((r) => ['表三', r] as [string, MappedRow]),
    ];
    for (const [name, row] of rows) {
      for (const part of row.labels) {
        if (part.raw === part.canonical) continue;
        emit({
          key: `${name}:${part.span.start}`,
          span: part.span,
          message: { zh: `${name}行标签“${part.raw}”与模板写法不同，应为“${part.canonical}”`, en: `Row label “${part.raw}” differs from the template: “${part.canonical}”` },
          fixes: [{ title: { zh: `改为“${part.canonical}”`, en: `Change to “${part.canonical}”` }, kind: 'safe', edits: [{ start: part.span.start, end: part.span.end, newText: part.canonical }] }],
        });
      }
    }
  },
};
