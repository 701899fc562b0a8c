import type { Rule } from '../rule';
import type { MappedRow } from '../tables';
import type { TableId } from '../template';
import { TABLE_SHORT } from './helpers';

/** Labels written with half-width brackets, spaces or a variant wording: safe to normalise. */
export const rowLabel: Rule = {
  code: 'row-label',
  catalog: 150,
  severity: 'warning',
  description: {
    zh: '行标签与模板写法不同（半角括号、空格、旧称）',
    en: 'A row label differs from the template (brackets, spaces, old wording)',
  },
  tags: ['table'],
  check({ report, emit }) {
    // A 2019 table 二 has its own labels (规范性文件): not the 2021 template's (2019–2020 reports rightly use it).
    const rows: [TableId, MappedRow][] = [
      ...[...(report.table2 && !report.table2.outdated.length ? report.table2.rows.values() : [])].map(
        (r) => ['table2', r] as [TableId, MappedRow],
      ),
      ...[...(report.table3?.rows.values() ?? [])].map((r) => ['table3', r] as [TableId, MappedRow]),
    ];
    for (const [table, row] of rows) {
      const name = TABLE_SHORT[table];
      for (const part of row.labels) {
        if (part.raw === part.canonical) continue;
        emit({
          key: `${name.zh}:${part.span.start}`,
          span: part.span,
          message: {
            zh: `${name.zh}的行名“${part.raw}”与模板写法不同，应为“${part.canonical}”`,
            en: `${name.en}: the row label “${part.raw}” differs from the template: “${part.canonical}”`,
          },
          fixes: [
            {
              title: { zh: `改为“${part.canonical}”`, en: `Change to “${part.canonical}”` },
              kind: 'safe',
              edits: [{ start: part.span.start, end: part.span.end, newText: part.canonical }],
            },
          ],
        });
      }
    }
  },
};
