/**
 * Code lens above tables 三 and 四: one line that sums up their checks — all balanced, or
 * which column (row, block) differs and by how much — from the same checks as the hover.
 */
import { formatNumber, sum } from './cells';
import { Check, table3ColumnMessage, table3RowMessage, table4BlockMessage } from './arithmetic';
import { table3Checks, table4Checks } from './checks';
import type { Span } from './lines';
import type { DocumentModel } from './model';
import type { Locale } from './rule';

export interface TableLens {
  table: 'table3' | 'table4';
  /** The table's first row: the lens shows above it. */
  span: Span;
  title: string;
  /** Checks that do not add up. */
  mismatches: number;
}

const diff = (c: Check) => formatNumber(Math.abs(sum([c.leftSum!, -c.rightSum!])));

function list(items: string[], locale: Locale, max = 3): string {
  const sep = locale === 'en' ? ', ' : '、';
  const shown = items.slice(0, max).join(sep);
  if (items.length <= max) return shown;
  return locale === 'en' ? `${shown} and ${items.length - max} more` : `${shown}等${items.length}处`;
}

function summary3(checks: Check[], locale: Locale): { title: string; mismatches: number } {
  const en = locale === 'en';
  const parts: string[] = [];
  const bad = (rule: Check['rule']) => checks.filter((c) => c.rule === rule && c.status === 'mismatch');
  const balance = bad('balance'),
    totals = bad('result-total'),
    rows = bad('row-total');
  const balanceAll = checks.filter((c) => c.rule === 'balance');
  const open = checks.filter((c) => c.status === 'open');
  const skipped = checks.filter((c) => c.status === 'unchecked');
  if (balance.length) {
    const cols = balance.map((c) =>
      en ? `${table3ColumnMessage(c.key).en} off by ${diff(c)}` : `“${table3ColumnMessage(c.key).zh}”列相差${diff(c)}`,
    );
    parts.push(en ? `balance: ${list(cols, locale)}` : `勾稽关系：${list(cols, locale)}`);
  } else if (balanceAll.length && balanceAll.every((c) => c.status === 'ok')) {
    parts.push(en ? 'all columns balance' : '全部列平衡');
  }
  if (totals.length) {
    const cols = totals.map((c) =>
      en ? `${table3ColumnMessage(c.key).en} off by ${diff(c)}` : `“${table3ColumnMessage(c.key).zh}”列相差${diff(c)}`,
    );
    parts.push(en ? `(7) total: ${list(cols, locale)}` : `（七）总计：${list(cols, locale)}`);
  }
  if (rows.length) {
    const names = rows.map((c) => (en ? table3RowMessage(c.key).en : table3RowMessage(c.key).zh));
    parts.push(en ? `row total: ${list(names, locale, 2)}` : `行总计不符：${list(names, locale, 2)}`);
  }
  if (!balance.length && !totals.length && !rows.length && !open.length && !skipped.length)
    parts.push(en ? 'totals add up' : '各项合计相符');
  if (open.length) parts.push(en ? `${open.length} checks still open (blank cells)` : `${open.length}项核对待填数字后进行`);
  if (skipped.length)
    parts.push(
      en ? `${skipped.length} checks skipped (rows missing or with too many/few cells)` : `${skipped.length}项未核对（缺行或单元格数不符）`,
    );
  const mismatches = balance.length + totals.length + rows.length;
  return {
    title: `${en ? 'Table 3' : '表三'} ${mismatches ? '✗' : open.length || skipped.length ? '…' : '✓'} ${parts.join(en ? ' · ' : '；')}`,
    mismatches,
  };
}

function summary4(checks: Check[], locale: Locale): { title: string; mismatches: number } {
  const en = locale === 'en';
  const parts = checks.map((c) => {
    const name = en ? table4BlockMessage(c.key).en : table4BlockMessage(c.key).zh;
    if (c.status === 'ok') return `${name} ✓`;
    if (c.status === 'mismatch')
      return en
        ? `${name} ✗ total ${formatNumber(c.leftSum!)} ≠ ${formatNumber(c.rightSum!)}`
        : `${name} ✗ 总计${formatNumber(c.leftSum!)}，四项之和${formatNumber(c.rightSum!)}`;
    if (c.status === 'unchecked') return en ? `${name} (not checked: cells do not match the header)` : `${name}（单元格数不符，未核对）`;
    return en ? `${name} (blank cells)` : `${name}（待填）`;
  });
  const mismatches = checks.filter((c) => c.status === 'mismatch').length;
  return { title: `${en ? 'Table 4' : '表四'} ${parts.join(en ? ' · ' : '；')}`, mismatches };
}

/** One lens per table 三 and 四 of each report (`force`: also when the document does not look like a report). */
export function tableLenses(doc: DocumentModel, locale: Locale = 'zh', force = false): TableLens[] {
  if (!doc.isReport && !force) return [];
  const out: TableLens[] = [];
  for (const report of doc.reports) {
    if (report.table3?.tables.length && report.table3.rows.size) {
      const first = report.table3.tables[0];
      out.push({ table: 'table3', span: first.rows[0]?.span ?? first.span, ...summary3(table3Checks(report), locale) });
    }
    if (report.table4?.tables.length && report.table4.rows.size) {
      const first = report.table4.tables[0];
      out.push({ table: 'table4', span: first.rows[0]?.span ?? first.span, ...summary4(table4Checks(report), locale) });
    }
  }
  return out;
}
