/**
 * The arithmetic of tables 三 and 四, once: the equations as data (which cells add up to which),
 * one function that evaluates them on a mapped table, and the search for the one wrong cell
 * (or the two cells a figure was split into) that explains every failing check. The rules
 * balance, result-total, row-total and review-total, the hover, the code lens, the table
 * editor's sums panel (service/table-grid.ts) and the review all read them from here.
 *
 * Preconditions, the same for every reader: an equation over a row the table lacks is not
 * checked; a row with more or fewer cells than the header is not checked either (row-shape
 * speaks first), though its figures are still summed for the locator; a blank or non-numeric
 * cell leaves the check open.
 */
import { ValueCell, figure, sum } from './cells';
import type { Message } from './rule';
import type { MappedRow, MappedTable } from './tables';
import {
  TABLE3_COLUMNS,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  TABLE4_RESULT_COLUMNS,
} from './template';

export type ArithmeticRule = 'balance' | 'result-total' | 'row-total' | 'review-total';
export type ArithmeticTable = 'table3' | 'table4';

/** A cell of a template table by its template ids. */
export interface CellRef {
  row: string;
  column: string;
}

/** Two sides that must be equal, each the sum of its cells. */
export interface Equation {
  rule: ArithmeticRule;
  table: ArithmeticTable;
  /** Column id (balance, result-total), row id (row-total) or block id (review-total). */
  key: string;
  left: readonly CellRef[];
  right: readonly CellRef[];
}

// ---------------------------------------------------------------------------
// The equations

const PARTS3 = TABLE3_COLUMNS.filter((c) => c.id !== 'total').map((c) => c.id);
const ITEM_ROWS = TABLE3_ROWS.filter((r) => r.role === 'item').map((r) => r.id);
/** In the 2019 layout one （六）其他处理 row stands for the three items of 2021. */
const ITEM_ROWS_2019 = [...ITEM_ROWS.filter((id) => !id.startsWith('g6.')), 'g6'];

const at = (row: string, column: string): CellRef => ({ row, column });

/** 第一项加第二项之和，等于第三项加第四项之和, per column. */
const BALANCE: readonly Equation[] = TABLE3_COLUMNS.map((c) => ({
  rule: 'balance',
  table: 'table3',
  key: c.id,
  left: [at('new', c.id), at('carried', c.id)],
  right: [at('total', c.id), at('forward', c.id)],
}));

/** （七）总计 = the result rows, per column (2021 layout and 2019 layout). */
const resultTotals = (items: string[]): Equation[] =>
  TABLE3_COLUMNS.map((c) => ({
    rule: 'result-total',
    table: 'table3',
    key: c.id,
    left: [at('total', c.id)],
    right: items.map((r) => at(r, c.id)),
  }));
const RESULT_TOTAL = resultTotals(ITEM_ROWS);
const RESULT_TOTAL_2019 = resultTotals(ITEM_ROWS_2019);

/** 总计 = the six applicant columns, per row (the 2019 （六） row included). */
const ROW_TOTAL = new Map<string, Equation>(
  [...TABLE3_ROWS.map((r) => r.id), 'g6'].map((id) => [
    id,
    { rule: 'row-total', table: 'table3', key: id, left: [at(id, 'total')], right: PARTS3.map((c) => at(id, c)) },
  ]),
);

/** 表四, per block: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export const TABLE4_EQUATIONS: readonly Equation[] = TABLE4_BLOCKS.map((b) => ({
  rule: 'review-total',
  table: 'table4',
  key: b.id,
  left: [at('data', `${b.id}.total`)],
  right: TABLE4_RESULT_COLUMNS.filter((c) => c.id !== 'total').map((c) => at('data', `${b.id}.${c.id}`)),
}));

/**
 * The equations that apply to a mapped table: 表三's balance and （七）总计 per column (of its
 * layout) and a row total per row it has, in the order the hover lists them; 表四's per block.
 */
export function equationsOf(t: MappedTable, table: ArithmeticTable): Equation[] {
  if (table === 'table4') return [...TABLE4_EQUATIONS];
  const results = t.rows.has('g6') ? RESULT_TOTAL_2019 : RESULT_TOTAL;
  const out: Equation[] = [];
  TABLE3_COLUMNS.forEach((_, i) => out.push(BALANCE[i], results[i]));
  for (const id of t.rows.keys()) {
    const e = ROW_TOTAL.get(id);
    if (e) out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Names

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

const NUMBERED: Record<string, Message> = {
  new: { zh: '第一项', en: 'I' },
  carried: { zh: '第二项', en: 'II' },
  total: { zh: '第三项', en: 'III' },
  forward: { zh: '第四项', en: 'IV' },
};

/** What an operand is called in a check's description: its row, its column, or its place in the balance. */
function nameOf(e: Equation, ref: CellRef): Message {
  switch (e.rule) {
    case 'balance':
      return NUMBERED[ref.row];
    case 'result-total':
      return table3RowMessage(ref.row);
    case 'row-total':
      return table3ColumnMessage(ref.column);
    case 'review-total': {
      const result = ref.column.split('.')[1];
      return result === 'total'
        ? { zh: '总计', en: 'total' }
        : { zh: TABLE4_RESULT_COLUMNS.find((c) => c.id === result)!.label, en: RESULT_EN[result] };
    }
  }
}

// ---------------------------------------------------------------------------
// Evaluation

export type CheckStatus = 'ok' | 'mismatch' | 'open' | 'unchecked';

export interface Operand {
  /** Where the figure comes from (row or column name). */
  name: Message;
  /** The template cell (absent for operands from another report). */
  ref?: CellRef;
  cell?: ValueCell;
  value?: number;
  /** Subtracted, not added (本年废止件数 in 现行有效件数). */
  negative?: boolean;
}

export interface Check {
  /** The rule that reports a mismatch. */
  rule: ArithmeticRule | 'carry-over' | 'valid-count';
  /** Column id (balance, result-total), row id (row-total), block id (review-total) or row/column (cross-year). */
  key: string;
  /** Two sides that must be equal. */
  left: Operand[];
  right: Operand[];
  /** The sums, when the check is done (ok or mismatch). */
  leftSum?: number;
  rightSum?: number;
  /**
   * left − right whenever every figure can be read, also for a row with too many or too few
   * cells (the rules report it, the rule precedence lets row-shape speak first).
   */
  residual?: number;
  status: CheckStatus;
  /** Why a check is not done (unchecked) or left open. */
  reason?: Message;
}

const MISSHAPEN: Message = { zh: '有的行单元格数与表头不一致，未核对', en: 'a row has more or fewer cells than the header; not checked' };
const MISSING_ROWS: Message = { zh: '缺少参与计算的行，未核对', en: 'rows of the sum are missing; not checked' };
const OPEN: Message = { zh: '尚有空白或非数字的单元格', en: 'some cells are blank or not figures' };

export function operand(name: Message, cell: ValueCell | undefined, ref?: CellRef): Operand {
  return { name, cell, value: figure(cell), ...(ref ? { ref } : {}) };
}

/** One check from its two sides and the rows it reads (absent rows: not checked). */
export function settle(
  check: Pick<Check, 'rule' | 'key' | 'left' | 'right'>,
  rows: readonly (Pick<MappedRow, 'cellCountDelta'> | undefined)[],
): Check {
  const { rule, key, left, right } = check;
  let misshapen = false;
  for (const r of rows) {
    if (!r) return { rule, key, left, right, status: 'unchecked', reason: MISSING_ROWS };
    if (r.cellCountDelta !== 0) misshapen = true;
  }
  // Sums in millionths, as cells.ts's sum: no binary floating-point noise for decimals.
  const total = (ops: Operand[]): number | undefined => {
    let n = 0;
    for (const o of ops) {
      if (o.value === undefined) return undefined;
      n += Math.round((o.negative ? -o.value : o.value) * 1e6);
    }
    return n;
  };
  const l = total(left),
    r = total(right);
  const readable = l !== undefined && r !== undefined;
  const residual = readable ? (l - r) / 1e6 : undefined;
  if (misshapen) return { rule, key, left, right, residual, status: 'unchecked', reason: MISSHAPEN };
  if (!readable) return { rule, key, left, right, status: 'open', reason: OPEN };
  return { rule, key, left, right, leftSum: l / 1e6, rightSum: r / 1e6, residual, status: residual === 0 ? 'ok' : 'mismatch' };
}

/** What does not change between evaluations of an equation: its operands' names and the rows it reads. */
interface Prepared {
  left: Message[];
  right: Message[];
  rows: string[];
}

const prepared = new WeakMap<Equation, Prepared>();

function prepare(e: Equation): Prepared {
  let p = prepared.get(e);
  if (!p)
    prepared.set(
      e,
      (p = {
        left: e.left.map((ref) => nameOf(e, ref)),
        right: e.right.map((ref) => nameOf(e, ref)),
        rows: [...new Set([...e.left, ...e.right].map((x) => x.row))],
      }),
    );
  return p;
}

/** One equation on a mapped table (every check, every analysis: kept lean). */
export function evaluate(e: Equation, t: MappedTable): Check {
  const p = prepare(e);
  const side = (refs: readonly CellRef[], names: Message[]) =>
    refs.map((ref, i): Operand => {
      const cell = t.rows.get(ref.row)?.cells.get(ref.column);
      return { name: names[i], ref, cell, value: figure(cell) };
    });
  return settle(
    { rule: e.rule, key: e.key, left: side(e.left, p.left), right: side(e.right, p.right) },
    p.rows.map((id) => t.rows.get(id)),
  );
}

// ---------------------------------------------------------------------------
// The wrong cell

export interface Suspect {
  ref: CellRef;
  cell: ValueCell;
  /** The figure that makes every failing check hold. */
  value: number;
  /** The failing checks it satisfies (all of them). */
  satisfies: Check[];
}

/** Two adjacent one-digit cells that, joined into one figure, make a failing check hold (12 split into 1 | 2). */
export interface SplitCells {
  check: Check;
  first: Operand;
  second: Operand;
  /** The figure the two make together. */
  joined: number;
}

export interface Diagnosis {
  checks: Check[];
  /** The checks whose figures are all read and do not add up (a misshapen row's included: see Check.residual). */
  failing: Check[];
  /** The one cell whose correction makes every failing check hold, breaking none that holds. */
  suspect?: Suspect;
  /** How many cells could do it on their own (0: none, more than 1: the figures cannot tell which). */
  candidates: number;
  /** Failing checks that a figure split in two cells explains. */
  splits: SplitCells[];
}

/** The value of this cell that makes every failing check hold, if it breaks no check that holds. */
function tryCell(o: Operand, byCell: Map<Operand['cell'], Check[]>, failing: Check[]): Suspect | undefined {
  const ref = o.ref!;
  const current = figure(o.cell);
  if (current === undefined) return undefined;
  const involved = byCell.get(o.cell) ?? [];
  // Every failing check must contain the cell, and every check containing it must be failing.
  if (failing.some((c) => !involved.includes(c)) || involved.some((c) => c.residual === 0)) return undefined;
  let value: number | undefined;
  for (const c of involved) {
    const coef = c.left.some((x) => x.cell === o.cell) ? 1 : -1;
    const v = sum([current, -c.residual! / coef]);
    if (value === undefined) value = v;
    else if (value !== v) return undefined;
  }
  if (value === undefined || value < 0 || !Number.isInteger(value)) return undefined;
  // 上年结转 is last year's figure: the sums are never made to add up by changing it alone
  // (an answered application declared carried over); only its own row total may be corrected.
  if (ref.row === 'carried' && !involved.some((c) => c.rule === 'row-total')) return undefined;
  return { ref, cell: o.cell!, value, satisfies: involved };
}

/** Where each mapped cell sits in the source: its row's place among the table's rows, its column index. */
function placesOf(t: MappedTable): (ref: CellRef) => { row: number; column: number } | undefined {
  const order = new Map(t.tables.flatMap((x) => x.rows).map((r, i) => [r, i]));
  const columns = new Map(t.columns.map((c) => [c.template.id, c.index]));
  return (ref) => {
    const row = t.rows.get(ref.row)?.row;
    const column = columns.get(ref.column);
    return row && column !== undefined ? { row: order.get(row) ?? -1, column } : undefined;
  };
}

function oneDigit(o: Operand): boolean {
  return o.value !== undefined && Number.isInteger(o.value) && o.value >= 0 && o.value <= 9;
}

/** Two one-digit neighbours of a side whose joined figure makes the check hold: side + 9 × first = other side. */
function splitOf(c: Check, place: ReturnType<typeof placesOf>): SplitCells | undefined {
  for (const [ops, sign] of [
    [c.left, 1],
    [c.right, -1],
  ] as const) {
    for (let i = 0; i + 1 < ops.length; i++) {
      const a = ops[i],
        b = ops[i + 1];
      if (!a.ref || !b.ref || !oneDigit(a) || !oneDigit(b) || a.value === 0) continue;
      if (sum([c.residual!, sign * 9 * a.value!]) !== 0) continue;
      const pa = place(a.ref),
        pb = place(b.ref);
      const adjacent =
        pa && pb && ((pa.row === pb.row && pb.column === pa.column + 1) || (pa.column === pb.column && pb.row === pa.row + 1));
      if (adjacent) return { check: c, first: a, second: b, joined: a.value! * 10 + b.value! };
    }
  }
  return undefined;
}

function diagnoseUncached(t: MappedTable, table: ArithmeticTable): Diagnosis {
  const checks = equationsOf(t, table).map((e) => evaluate(e, t));
  const failing = checks.filter((c) => c.residual !== undefined && c.residual !== 0);
  const found: Suspect[] = [];
  if (failing.length) {
    // The checks each readable cell takes part in (cells are the mapped table's own objects).
    const byCell = new Map<Operand['cell'], Check[]>();
    for (const c of checks) {
      if (c.residual === undefined) continue;
      for (const o of [...c.left, ...c.right]) {
        const list = byCell.get(o.cell);
        if (list) list.push(c);
        else byCell.set(o.cell, [c]);
      }
    }
    const seen = new Set<Operand['cell']>();
    for (const c of failing) {
      for (const o of [...c.left, ...c.right]) {
        if (seen.has(o.cell)) continue;
        seen.add(o.cell);
        const s = tryCell(o, byCell, failing);
        if (s) found.push(s);
      }
    }
  }
  const place = placesOf(t);
  const splits = failing.map((c) => splitOf(c, place)).filter((s): s is SplitCells => !!s);
  return { checks, failing, candidates: found.length, suspect: found.length === 1 ? found[0] : undefined, splits };
}

// Mapped tables are rebuilt whenever their text changes, so a table's diagnosis never goes stale.
const memo = new WeakMap<MappedTable, Diagnosis>();

/** Every check of a table evaluated, with the wrong cell or split figure that explains the failing ones. */
export function diagnose(t: MappedTable, table: ArithmeticTable): Diagnosis {
  let d = memo.get(t);
  if (!d) memo.set(t, (d = diagnoseUncached(t, table)));
  return d;
}
