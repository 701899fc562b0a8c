/**
 * The checks a reader is shown: tables 三 and 四 from the one model of the arithmetic
 * (arithmetic.ts, the equations the rules evaluate), last year's report against this one
 * (carry-over, valid-count) in the same form, and their text for the hover and the code lens.
 */
import { formatNumber, sum } from './cells';
import { Check, Operand, diagnose, operand, settle, table3ColumnMessage, table4BlockMessage } from './arithmetic';
import type { ReportModel } from './model';
import type { Message } from './rule';
import { TABLE2_BLOCKS, TABLE3_COLUMNS } from './template';
import type { ValueCell } from './cells';
import type { Locale } from './message';

/** Table 三's checks: per column the balance and the （七）总计, per row the 总计 column. */
export function table3Checks(report: ReportModel): Check[] {
  return report.table3 ? diagnose(report.table3, 'table3').checks : [];
}

/** Table 四's checks: per block its 总计. */
export function table4Checks(report: ReportModel): Check[] {
  return report.table4 ? diagnose(report.table4, 'table4').checks : [];
}

// ---------------------------------------------------------------------------
// Across years (carry-over, valid-count): this report against last year's, as those rules read them.

/** 二、上年结转 of each column against last year's 四、结转下年度继续办理. */
export function carryOverChecks(report: ReportModel, previous: ReportModel | undefined): Check[] {
  const now = report.table3?.rows.get('carried');
  const before = previous?.table3?.rows.get('forward');
  if (!now || !before) return [];
  return TABLE3_COLUMNS.map((col) =>
    settle(
      {
        rule: 'carry-over',
        key: col.id,
        left: [operand({ zh: '上年结转', en: 'carried over' }, now.cells.get(col.id))],
        right: [operand({ zh: '上年报告的结转下年度继续办理', en: 'last year’s carried forward' }, before.cells.get(col.id))],
      },
      [now],
    ),
  );
}

/** 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数, for 规章 and 行政规范性文件. */
export function validCountChecks(report: ReportModel, previous: ReportModel | undefined): Check[] {
  const block = TABLE2_BLOCKS[0];
  if (!report.table2 || !previous?.table2) return [];
  const out: Check[] = [];
  for (const row of block.rows) {
    const id = `${block.id}.${row.id}`;
    const now = report.table2.rows.get(id),
      before = previous.table2.rows.get(id);
    if (!now || !before) continue;
    const label = (cid: string) => block.columns.find((c) => c.id === cid)!.label;
    out.push(
      settle(
        {
          rule: 'valid-count',
          key: row.id,
          left: [operand({ zh: label('valid'), en: 'in force' }, now.cells.get('valid'))],
          right: [
            operand({ zh: `上年${label('valid')}`, en: 'last year in force' }, before.cells.get('valid')),
            operand({ zh: label('issued'), en: 'issued' }, now.cells.get('issued')),
            { ...operand({ zh: label('repealed'), en: 'repealed' }, now.cells.get('repealed')), negative: true },
          ],
        },
        [now],
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------
// Text

const fmt = formatNumber;

function joinTerms(terms: { text: string; negative?: boolean }[]): string {
  return terms.map((t, i) => `${i === 0 ? (t.negative ? '−' : '') : t.negative ? '−' : '+'}${t.text}`).join('');
}

function side(ops: Operand[], total: number | undefined): string {
  const values = ops.map((o) => ({ text: o.value === undefined ? '?' : fmt(o.value), negative: o.negative }));
  if (ops.length === 1) return joinTerms(values);
  // Long sums (the 21 result rows) show only their terms that are not 0.
  const shown = ops.length > 8 ? values.filter((v) => v.text !== '0') : values;
  const expr = shown.length ? joinTerms(shown) : '0';
  return total === undefined ? expr : shown.length > 1 ? `${expr} = ${fmt(total)}` : fmt(total);
}

function mark(c: Check, locale: Locale): string {
  if (c.status === 'ok') return '✓';
  if (c.status === 'mismatch') {
    const d = fmt(Math.abs(sum([c.leftSum!, -c.rightSum!])));
    return locale === 'en' ? `✗ (difference ${d})` : `✗（相差${d}）`;
  }
  return locale === 'en' ? `— (${c.reason!.en})` : `—（${c.reason!.zh}）`;
}

/** One check as a line: 第一项+第二项 = 81+0 = 81；第三项+第四项 = 79+2 = 81 ✓ */
export function describeCheck(c: Check, locale: Locale = 'zh'): string {
  const en = locale === 'en';
  const names = (ops: Operand[]) =>
    ops.length > 8
      ? en
        ? `the ${ops.length} result rows`
        : `${ops.length}项办理结果之和`
      : joinTerms(ops.map((o) => ({ text: en ? o.name.en : o.name.zh, negative: o.negative })));
  const sep = en ? '; ' : '；';
  const l = `${names(c.left)} = ${side(c.left, c.leftSum)}`;
  const r = `${names(c.right)} = ${side(c.right, c.rightSum)}`;
  return `${l}${sep}${r} ${mark(c, locale)}`;
}

/** What a check is, for a heading: 勾稽关系（自然人列）. */
export function checkTitle(c: Check): Message {
  switch (c.rule) {
    case 'balance':
      return { zh: `勾稽关系（“${table3ColumnMessage(c.key).zh}”列）`, en: `balance (column ${table3ColumnMessage(c.key).en})` };
    case 'result-total':
      return { zh: `（七）总计（“${table3ColumnMessage(c.key).zh}”列）`, en: `(7) total (column ${table3ColumnMessage(c.key).en})` };
    case 'row-total':
      return { zh: '本行总计', en: 'row total' };
    case 'review-total':
      return { zh: `${table4BlockMessage(c.key).zh} 总计`, en: `${table4BlockMessage(c.key).en} total` };
    case 'carry-over':
      return { zh: '与上年报告衔接', en: 'carry-over from last year' };
    case 'valid-count':
      return { zh: '与上年现行有效件数衔接', en: 'in force since last year' };
  }
}

export function cellsOfCheck(c: Check): ValueCell[] {
  return [...c.left, ...c.right].map((o) => o.cell).filter((x): x is ValueCell => !!x);
}
