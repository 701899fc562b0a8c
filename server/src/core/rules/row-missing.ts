import type { Rule, RuleContext } from '../rule';
import { renderTable2Block, renderTable3Row, table3LabelCells } from '../render';
import { TABLE2_BLOCKS, TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import type { MappedTable } from '../tables';
import { table3RowName } from './helpers';

function checkTable3(ctx: RuleContext, t3: MappedTable): void {
  const { doc, emit } = ctx;
  const eol = doc.lines.eol;
  const labelColumns = Math.max(1, t3.labelColumns);
  const width = Math.max(t3.headerCells, labelColumns + TABLE3_COLUMNS.length);
  TABLE3_ROWS.forEach((r, i) => {
    if (t3.rows.has(r.id)) return;
    // In the 2019 layout one （六）其他处理 row stands for the three items (table-outdated says so).
    if (r.id.startsWith('g6.') && t3.rows.has('g6')) return;
    const prev = TABLE3_ROWS.slice(0, i)
      .reverse()
      .find((x) => t3.rows.has(x.id));
    const next = TABLE3_ROWS.slice(i + 1).find((x) => t3.rows.has(x.id));
    // The canonical layout writes a group's labels on its first row: an inserted first row carries them.
    const groupPresent = TABLE3_ROWS.slice(0, i).some((x) => x.group && x.group === r.group && t3.rows.has(x.id));
    const level1Present = TABLE3_ROWS.slice(0, i).some((x) => x.level1 === r.level1 && t3.rows.has(x.id));
    const full = table3LabelCells(r, !groupPresent, !level1Present);
    const labels =
      labelColumns >= 3
        ? full.concat(Array<string>(labelColumns - 3).fill(''))
        : labelColumns === 2
          ? [full[0] || full[1], full[2] || ''].map((x, k) => (k === 0 && r.item && full[1] ? full[1] : x))
          : [r.item ? `${full[1]}${r.item}`.trim() : r.label];
    const values = Array<string>(Math.max(0, width - labels.length)).fill('');
    const line = renderTable3Row(r, labels, values);
    const anchor = prev ? t3.rows.get(prev.id)!.row.span : next ? t3.rows.get(next.id)!.row.span : t3.tables[0].span;
    const edit = prev
      ? { start: anchor.end, end: anchor.end, newText: eol + line }
      : { start: anchor.start, end: anchor.start, newText: line + eol };
    emit({
      key: `table3:${r.id}`,
      span: prev ? anchor : next ? anchor : t3.tables[0].span,
      message: {
        zh: `表三缺少${table3RowName(r.id).zh}行：请按模板补上这一行并填写数字（可用快速修复插入）`,
        en: `Table 3 lacks the row ${table3RowName(r.id).en}: add it as in the template and fill in its figures`,
      },
      fixes:
        prev || next
          ? [
              {
                title: { zh: `插入${table3RowName(r.id).zh}行`, en: `Insert the row ${table3RowName(r.id).en}` },
                kind: 'value',
                edits: [edit],
              },
            ]
          : undefined,
    });
  });
}

function checkTable2(ctx: RuleContext): void {
  const { doc, report, emit } = ctx;
  const t2 = report.table2;
  // A 2019 table 二 has other rows; a table without a known row has nothing to place rows by.
  if (!t2 || t2.outdated.length || t2.rows.size === 0) return;
  const eol = doc.lines.eol;
  const tableOf = (span: { start: number }) => t2.tables.find((t) => t.span.start <= span.start && span.start < t.span.end)!;
  TABLE2_BLOCKS.forEach((block, b) => {
    const present = block.rows.filter((r) => t2.rows.has(`${block.id}.${r.id}`));
    if (present.length === 0) {
      // The whole block: after the table of the block before it, else before the table of the block after it.
      const rowsOf = (k: number) => TABLE2_BLOCKS[k].rows.map((r) => t2.rows.get(`${TABLE2_BLOCKS[k].id}.${r.id}`)).filter((x) => !!x);
      let before: number | undefined;
      let after: number | undefined;
      for (let k = b - 1; k >= 0 && before === undefined; k--) {
        const rows = rowsOf(k);
        if (rows.length) before = tableOf(rows[rows.length - 1].row.span).span.end;
      }
      for (let k = b + 1; k < TABLE2_BLOCKS.length && before === undefined && after === undefined; k++) {
        const rows = rowsOf(k);
        if (rows.length) {
          const t = tableOf(rows[0].row.span);
          after = t.caption?.span.start ?? t.span.start;
        }
      }
      const lines = renderTable2Block(block, { value: () => '' });
      const at = before ?? after!;
      const anchor = t2.tables.find((t) => t.span.end === at || (t.caption?.span.start ?? t.span.start) === at)!;
      emit({
        key: `table2:${block.id}`,
        span: anchor.rows[0]?.span ?? anchor.span,
        message: {
          zh: `表二缺少“${block.label}”（${block.rows.map((r) => r.label).join('、')}）：请按模板补上这一部分并填写数字`,
          en: `Table 2 lacks the block “${block.label}”: add it as in the template and fill in its figures`,
        },
        fixes: [
          {
            title: { zh: `插入空白的“${block.label}”表格`, en: `Insert a blank block “${block.label}”` },
            kind: 'value',
            // Blank lines around it: a line right after a table would become one of its rows.
            edits: [{ start: at, end: at, newText: before !== undefined ? eol + eol + lines.join(eol) : lines.join(eol) + eol + eol }],
          },
        ],
      });
      return;
    }
    block.rows.forEach((r, i) => {
      const id = `${block.id}.${r.id}`;
      if (t2.rows.has(id)) return;
      const prev = block.rows
        .slice(0, i)
        .reverse()
        .map((x) => t2.rows.get(`${block.id}.${x.id}`))
        .find(Boolean);
      const next = block.rows
        .slice(i + 1)
        .map((x) => t2.rows.get(`${block.id}.${x.id}`))
        .find(Boolean);
      const line = `| ${[r.label, ...block.columns.map(() => '')].join(' | ')} |`;
      const anchor = (prev ?? next)!.row.span;
      emit({
        key: `table2:${id}`,
        span: anchor,
        message: {
          zh: `表二“${block.label}”缺少“${r.label}”行：请补上这一行并填写数字`,
          en: `Table 2, block “${block.label}”, lacks the row “${r.label}”: add it and fill in its figures`,
        },
        fixes: [
          {
            title: { zh: `插入“${r.label}”行`, en: `Insert the row “${r.label}”` },
            kind: 'value',
            edits: [
              prev
                ? { start: anchor.end, end: anchor.end, newText: eol + line }
                : { start: anchor.start, end: anchor.start, newText: line + eol },
            ],
          },
        ],
      });
    });
  });
}

export const rowMissing: Rule = {
  code: 'row-missing',
  catalog: 130,
  severity: 'error',
  description: { zh: '统计表缺少模板中的行', en: 'A template row is missing from a table' },
  tags: ['table'],
  suppressedBy: ['table-missing'],
  check(ctx) {
    const { report, emit } = ctx;
    if (report.table3 && report.table3.rows.size > 0) checkTable3(ctx, report.table3);
    checkTable2(ctx);
    const t4 = report.table4;
    if (t4 && t4.columns.length > 0 && !t4.rows.has('data')) {
      emit({
        key: 'table4:data',
        span: t4.tables[0].span,
        message: {
          zh: '表四只有表头，缺少填数字的一行：请在表头下补一行，填写15个数字（没有的填 0）',
          en: 'Table 4 has no data row: add one below the header with its 15 figures (0 if none)',
        },
      });
    }
  },
};
