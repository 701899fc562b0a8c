/** Drafts with chosen figures for the editing tests. */
import { renderSkeleton } from '../../server/src/core/render';
import { TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';

/**
 * A canonical report whose tables add up: column 自然人 has 81 new, 0 carried, 79 handled
 * (all under （三）3.危及“三安全一稳定”) and 2 carried forward; the other applicant columns are 0.
 * `override` changes single cells by id (`new.natural`, `review.total`, `item1.rules.valid`).
 */
export function balancedReport(override: Record<string, string> = {}, year = 2023): string {
  const v = new Map<string, string>();
  for (const r of TABLE3_ROWS) for (const c of TABLE3_COLUMNS) v.set(`${r.id}.${c.id}`, '0');
  const natural: Record<string, number> = { new: 81, carried: 0, 'g3.3': 79, total: 79, forward: 2 };
  for (const [row, n] of Object.entries(natural)) {
    v.set(`${row}.natural`, String(n));
    v.set(`${row}.total`, String(n));
  }
  for (const c of TABLE4_COLUMNS) v.set(c.id, '0');
  v.set('review.upheld', '2');
  v.set('review.pending', '1');
  v.set('review.total', '3');
  v.set('item1.normativeDocs.valid', '45');
  v.set('item1.rules.valid', '3');
  for (const [k, x] of Object.entries(override)) v.set(k, x);
  const lines = renderSkeleton({ agency: '某县市场监督管理局', year, value: (id) => v.get(id) ?? '0' });
  return [...lines, '', '某县市场监督管理局', '', `${year + 1}年1月20日`, '']
    .join('\n')
    .replace('（文字描述，收取信息处理费情况在此处报告。）', '本年度未收取信息处理费。');
}

/** The offset of the value cell of a table-3 row (by its label) and column index (0 = 自然人). */
export function table3Cell(text: string, rowLabel: string, column: number): number {
  const line = text.indexOf(rowLabel);
  const end = text.indexOf('\n', line);
  const pipes: number[] = [];
  const start = text.lastIndexOf('\n', line) + 1;
  for (let i = start; i < end; i++) if (text[i] === '|') pipes.push(i);
  return pipes[3 + column] + 2;
}
