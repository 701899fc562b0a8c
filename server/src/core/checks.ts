/**
 * The arithmetic checks of tables 三 and 四 as data: which cells take part, their figures, and
 * whether they add up. Hover and code lens read these; the figures come from the same
 * `figure`/`sum` of cells.ts the rules use, with the same preconditions (a misshapen row or a
 * missing row is not checked, a blank cell leaves the check open), so what the hover says
 * agrees with the diagnostics of balance, result-total, row-total and review-total.
 */
import { ValueCell, figure, formatNumber, sum } from './cells';
import type { ReportModel } from './model';
import type { Message } from './rule';
import type { MappedRow, MappedTable } from './tables';
import {
  TABLE2_BLOCKS,
  TABLE3_COLUMNS,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  TABLE4_RESULT_COLUMNS,
} from './template';

export type CheckStatus = 'ok' | 'mismatch' | 'open' | 'unchecked';

export interface Operand {
  /** Where the figure comes from (row or column name). */
  name: Message;
  cell?: ValueCell;
  value?: number;
  /** Subtracted, not added (本年废止件数 in 现行有效件数). */
  negative?: boolean;
}

export interface Check {
  /** The rule that reports a mismatch. */
  rule: 'balance' | 'result-total' | 'row-total' | 'review-total' | 'carry-over' | 'valid-count';
  /** Column id (balance, result-total), row id (row-total) or block id (review-total). */
  key: string;
  /** Two sides that must be equal. */
  left: Operand[];
  right: Operand[];
  leftSum?: number;
  rightSum?: number;
  status: CheckStatus;
  /** Why a check is not done (unchecked) or left open. */
  reason?: Message;
}

const PARTS3 = TABLE3_COLUMNS.filter((c) => c.id !== 'total');
const ITEM_ROWS = TABLE3_ROWS.filter((r) => r.role === 'item').map((r) => r.id);

function operand(name: Message, cell: ValueCell | undefined): Operand {
  return { name, cell, value: figure(cell) };
}

const MISSHAPEN: Message = { zh: '有的行单元格数与表头不一致，未核对', en: 'a row has more or fewer cells than the header; not checked' };
const MISSING_ROWS: Message = { zh: '缺少参与计算的行，未核对', en: 'rows of the sum are missing; not checked' };
const OPEN: Message = { zh: '尚有空白或非数字的单元格', en: 'some cells are blank or not figures' };

function settle(check: Omit<Check, 'status' | 'leftSum' | 'rightSum'>, rows: (MappedRow | undefined)[]): Check {
  if (rows.some((r) => !r)) return { ...check, status: 'unchecked', reason: MISSING_ROWS };
  if (rows.some((r) => r!.cellCountDelta !== 0)) return { ...check, status: 'unchecked', reason: MISSHAPEN };
  const signed = (o: Operand) => (o.value === undefined ? undefined : o.negative ? -o.value : o.value);
  const l = check.left.map(signed),
    r = check.right.map(signed);
  if ([...l, ...r].some((v) => v === undefined)) return { ...check, status: 'open', reason: OPEN };
  const leftSum = sum(l as number[]),
    rightSum = sum(r as number[]);
  return { ...check, leftSum, rightSum, status: leftSum === rightSum ? 'ok' : 'mismatch' };
}

export function table3ColumnMessage(id: string): Message {
  const c = TABLE3_COLUMNS.find((x) => x.id === id);
  return { zh: c?.label ?? id, en: c?.en ?? id };
}

export function table3RowMessage(id: string): Message {
  if (id === 'new' || id === 'carried' || id === 'forward') return { zh: TABLE3_LEVEL1[id].label, en: TABLE3_LEVEL1[id].en };
  const [groupId, item] = id === 'total' ? ['g7'] : id.split('.');
  const g = TABLE3_GROUPS.find((x) => x.id === groupId);
  if (!g) return { zh: id, en: id };
  if (!item) return { zh: g.short ?? g.label, en: g.en };
  return { zh: `${g.short ?? g.label} ${g.items[Number(item) - 1]?.label ?? item}`, en: `${g.en}, item ${item}` };
}

const NUMBERED: Record<string, Message> = {
  new: { zh: '第一项', en: 'I' },
  carried: { zh: '第二项', en: 'II' },
  total: { zh: '第三项', en: 'III' },
  forward: { zh: '第四项', en: 'IV' },
};

/** Table 三: per column the balance and the (七)总计; per row the 总计 column. */
function computeTable3(t: MappedTable): Check[] {
  const out: Check[] = [];
  const get = (id: string) => t.rows.get(id);
  const four = ['new', 'carried', 'total', 'forward'];
  // In the 2019 layout one （六）其他处理 row stands for the three items of 2021 (as result-total reads it).
  const itemRows = t.rows.has('g6') ? [...ITEM_ROWS.filter((id) => !id.startsWith('g6.')), 'g6'] : ITEM_ROWS;
  for (const col of TABLE3_COLUMNS) {
    const cell = (row: string) => get(row)?.cells.get(col.id);
    out.push(
      settle(
        {
          rule: 'balance',
          key: col.id,
          left: [operand(NUMBERED.new, cell('new')), operand(NUMBERED.carried, cell('carried'))],
          right: [operand(NUMBERED.total, cell('total')), operand(NUMBERED.forward, cell('forward'))],
        },
        four.map(get),
      ),
    );
    out.push(
      settle(
        {
          rule: 'result-total',
          key: col.id,
          left: [operand(table3RowMessage('total'), cell('total'))],
          right: itemRows.map((id) => operand(table3RowMessage(id), cell(id))),
        },
        ['total', ...itemRows].map(get),
      ),
    );
  }
  for (const row of t.rows.values()) {
    out.push(
      settle(
        {
          rule: 'row-total',
          key: row.id,
          left: [operand(table3ColumnMessage('total'), row.cells.get('total'))],
          right: PARTS3.map((c) => operand(table3ColumnMessage(c.id), row.cells.get(c.id))),
        },
        [row],
      ),
    );
  }
  return out;
}

export function table4BlockMessage(blockId: string): Message {
  const b = TABLE4_BLOCKS.find((x) => x.id === blockId);
  return b ? { zh: b.groups.join(' › '), en: b.en } : { zh: blockId, en: blockId };
}

const RESULT_EN: Record<string, string> = { upheld: 'upheld', corrected: 'corrected', other: 'other', pending: 'pending', total: 'total' };

export function table4ColumnMessage(id: string): Message {
  const c = TABLE4_COLUMNS.find((x) => x.id === id);
  const [block, result] = id.split('.');
  return {
    zh: `${table4BlockMessage(block).zh} › ${c?.label ?? result}`,
    en: `${table4BlockMessage(block).en}, ${RESULT_EN[result] ?? result}`,
  };
}

function computeTable4(t: MappedTable): Check[] {
  const data = t.rows.get('data');
  return TABLE4_BLOCKS.map((b) =>
    settle(
      {
        rule: 'review-total',
        key: b.id,
        left: [operand({ zh: '总计', en: 'total' }, data?.cells.get(`${b.id}.total`))],
        right: TABLE4_RESULT_COLUMNS.filter((c) => c.id !== 'total').map((c) =>
          operand({ zh: c.label, en: RESULT_EN[c.id] }, data?.cells.get(`${b.id}.${c.id}`)),
        ),
      },
      [data],
    ),
  );
}

// Mapped tables are rebuilt whenever their text changes, so a table object's checks never go stale.
const memo = new WeakMap<MappedTable, Check[]>();

export function table3Checks(report: ReportModel): Check[] {
  const t = report.table3;
  if (!t) return [];
  let c = memo.get(t);
  if (!c) memo.set(t, (c = computeTable3(t)));
  return c;
}

export function table4Checks(report: ReportModel): Check[] {
  const t = report.table4;
  if (!t) return [];
  let c = memo.get(t);
  if (!c) memo.set(t, (c = computeTable4(t)));
  return c;
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

function mark(c: Check, locale: 'zh' | 'en'): string {
  if (c.status === 'ok') return '✓';
  if (c.status === 'mismatch') {
    const d = fmt(Math.abs(sum([c.leftSum!, -c.rightSum!])));
    return locale === 'en' ? `✗ (difference ${d})` : `✗（相差${d}）`;
  }
  return locale === 'en' ? `— (${c.reason!.en})` : `—（${c.reason!.zh}）`;
}

/** One check as a line: 第一项+第二项 = 81+0 = 81；第三项+第四项 = 79+2 = 81 ✓ */
export function describeCheck(c: Check, locale: 'zh' | 'en' = 'zh'): string {
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
