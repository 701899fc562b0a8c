import { labelKey } from '../normalize';
import type { Rule } from '../rule';
import type { RawTable } from '../markdown';
import { renderTable2, renderTable3Row, table3LabelCells } from '../render';
import { OUTDATED_2019, TABLE3_COLUMNS, TABLE3_ROWS, TABLE2_BLOCKS } from '../template';

/** 2019 figures whose row and column mean the same in the 2021 table 二: only 处理决定数量. */
function carriedDecisions(tables: RawTable[]): Map<string, string> {
  const out = new Map<string, string>();
  const decisionRows = new Map(
    TABLE2_BLOCKS.flatMap((b) =>
      b.rows
        .filter(() => b.columns.some((c) => c.id === 'decisions'))
        .map((r) => [labelKey(r.label), `${b.id}.${r.id}.decisions`] as const),
    ),
  );
  for (const t of tables) {
    let col = -1;
    for (const row of t.rows) {
      const idx = row.cells.findIndex((c) => labelKey(c.text) === labelKey('处理决定数量'));
      if (idx > 0) {
        col = idx;
        continue;
      }
      if (row.cells.some((c) => labelKey(c.text) === labelKey('本年处理决定数量'))) {
        col = -1;
        continue;
      }
      const id = decisionRows.get(labelKey(row.cells[0]?.text ?? ''));
      const v = col > 0 ? row.cells[col]?.text : undefined;
      if (id && v && /^\d+$/.test(v.normalize('NFKC'))) out.set(id, v.normalize('NFKC'));
    }
  }
  return out;
}

export const tableOutdated: Rule = {
  code: 'table-outdated',
  catalog: 120,
  severity: 'error',
  description: {
    zh: '2021年及以后的报告使用了已废止的2019年格式统计表',
    en: 'A report for 2021 or later uses the superseded 2019 table layout',
  },
  tags: ['table'],
  check({ doc, report, emit }) {
    const year = report.title?.year;
    if (year !== undefined && OUTDATED_2019.validForYears.includes(year)) return;
    const eol = doc.lines.eol;
    const yearText = year ? `${year}年度报告` : '本报告';
    const t2 = report.table2;
    const s2 = report.section[2];
    if (t2 && s2 && t2.outdated.length) {
      const marks = [...t2.outdated].sort((a, b) => a.span.start - b.span.start);
      const first = marks[0];
      const carried = carriedDecisions(t2.tables);
      const start = Math.min(...t2.tables.map((t) => t.caption?.span.start ?? t.span.start));
      const end = Math.max(...t2.tables.map((t) => t.span.end));
      const old = doc.text.slice(start, end);
      const fresh = renderTable2({ value: (id) => carried.get(id) ?? '' });
      emit({
        key: 'table2',
        span: first.span,
        scope: [{ start, end }],
        message: {
          zh: `${yearText}的表二使用了已废止的2019年格式（“${first.what}”），应使用国办公开办函〔2021〕30号的表格：可用快速修复换成新表（旧表保留在注释中），再按新表填写数字`,
          en: `Table 2 uses the superseded 2019 layout (“${first.what}”); use the 2021 table`,
        },
        related: marks.slice(1, 8).map((o) => ({ span: o.span, message: { zh: `2019年格式：${o.what}`, en: `2019 layout: ${o.what}` } })),
        fixes: [
          {
            title: {
              zh: '换成2021年格式的表二（旧表保留在注释中，只沿用含义相同的数字）',
              en: 'Replace with the 2021 table 2 (old table kept in a comment)',
            },
            kind: 'value',
            edits: [
              {
                start,
                end,
                newText: [...fresh, '', '<!-- 2019年格式的原表（请核对后删除）：', old.replace(/-->/g, '--＞'), '-->'].join(eol),
              },
            ],
          },
        ],
      });
    }
    const t3 = report.table3;
    if (t3 && t3.outdated.length) {
      const mark = t3.outdated[0];
      const single = t3.rows.get('g6');
      const labelColumns = Math.max(1, t3.labelColumns);
      const rows = TABLE3_ROWS.filter((r) => r.id.startsWith('g6.')).map((r, i) => {
        const labels =
          labelColumns >= 3
            ? table3LabelCells(r, i === 0, false)
            : [labelColumns === 2 ? (i === 0 ? r.group! : '') : '', r.item!].slice(-labelColumns);
        return renderTable3Row(
          r,
          labels,
          TABLE3_COLUMNS.map(() => ''),
        );
      });
      const tableEnd = t3.tables[t3.tables.length - 1].span.end;
      const oldRow = single ? doc.text.slice(single.row.span.start, single.row.span.end) : '';
      emit({
        key: 'table3',
        span: mark.span,
        scope: [mark.span],
        message: {
          zh: `${yearText}的表三使用了2019年格式：“（六）其他处理”为单独一行，2021年格式分为三项`,
          en: 'Table 3 uses the 2019 layout: “(6) other handling” is a single row; the 2021 format splits it into three items',
        },
        fixes: [
          {
            title: {
              zh: '换成2021年格式的三行（原行保留在表后注释中）',
              en: 'Replace with the three 2021 rows (old row kept in a comment)',
            },
            kind: 'value',
            edits: [
              { start: mark.span.start, end: mark.span.end, newText: rows.join(eol) },
              {
                start: tableEnd,
                end: tableEnd,
                newText: `${eol}${eol}<!-- 2019年格式的原行（请核对后删除）：${oldRow.replace(/-->/g, '--＞')} -->`,
              },
            ],
          },
        ],
      });
    }
  },
};
