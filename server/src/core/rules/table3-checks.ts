/**
 * The three checks of table 三 (row-total per row, result-total and balance per column) as
 * linear equations over its cells, and the search for the one cell whose correction makes
 * every failing check hold without breaking one that holds. balance, result-total and
 * row-total share this reading, so they offer the same single fix or none.
 */
import type { ValueCell } from '../cells';
import { figure, sum } from '../cells';
import type { Span } from '../lines';
import type { Message } from '../rule';
import type { MappedTable } from '../tables';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../template';
import { fmt, table3ColumnName, table3RowName } from './helpers';

export type CheckRule = 'row-total' | 'result-total' | 'balance';

export interface Term {
  rowId: string;
  colId: string;
  coef: 1 | -1;
  cell: ValueCell;
}

export interface Check {
  rule: CheckRule;
  /** The row (row-total) or the column (result-total, balance). */
  id: string;
  terms: Term[];
  /** Σ coef × value; 0 when the check holds. Undefined when a cell cannot be read. */
  residual?: number;
  name: Message;
}

export interface CellFix {
  term: Term;
  value: number;
  /** The failing checks the new value satisfies (all of them). */
  satisfies: Check[];
}

export interface Table3Diagnosis {
  checks: Check[];
  failing: Check[];
  /** The one cell whose correction satisfies every failing check; undefined when none or several. */
  fix?: CellFix;
  /** How many cells could do it on their own (0: none, >1: the checks cannot tell which). */
  candidates: number;
}

const PARTS = TABLE3_COLUMNS.filter((c) => c.id !== 'total');
const ITEM_ROWS = TABLE3_ROWS.filter((r) => r.role === 'item').map((r) => r.id);

function build(rule: CheckRule, id: string, name: Message, spec: [string, string, 1 | -1][], t: MappedTable): Check | undefined {
  const terms: Term[] = [];
  for (const [rowId, colId, coef] of spec) {
    const cell = t.rows.get(rowId)?.cells.get(colId);
    if (!cell) return undefined; // a row or column that is not there: nothing to check
    terms.push({ rowId, colId, coef, cell });
  }
  const values = terms.map((x) => figure(x.cell));
  const residual = values.some((v) => v === undefined) ? undefined : sum(terms.map((x, i) => x.coef * values[i]!));
  return { rule, id, terms, residual, name };
}

const cache = new WeakMap<MappedTable, Table3Diagnosis>();

/** Every check of the table, evaluated; memoised per mapped table (the three rules share it). */
export function diagnoseTable3(t: MappedTable): Table3Diagnosis {
  const hit = cache.get(t);
  if (hit) return hit;
  const checks: Check[] = [];
  const add = (c: Check | undefined) => {
    if (c) checks.push(c);
  };
  for (const row of t.rows.values()) {
    add(
      build(
        'row-total',
        row.id,
        table3RowName(row.id),
        [[row.id, 'total', 1], ...PARTS.map((p) => [row.id, p.id, -1] as [string, string, -1])],
        t,
      ),
    );
  }
  // In the 2019 layout one （六）其他处理 row stands for the three items of 2021.
  const items = t.rows.has('g6') ? [...ITEM_ROWS.filter((id) => !id.startsWith('g6.')), 'g6'] : ITEM_ROWS;
  for (const col of TABLE3_COLUMNS) {
    const name = table3ColumnName(col.id);
    add(build('result-total', col.id, name, [['total', col.id, 1], ...items.map((id) => [id, col.id, -1] as [string, string, -1])], t));
    add(
      build(
        'balance',
        col.id,
        name,
        [
          ['new', col.id, 1],
          ['carried', col.id, 1],
          ['total', col.id, -1],
          ['forward', col.id, -1],
        ],
        t,
      ),
    );
  }
  const failing = checks.filter((c) => c.residual !== undefined && c.residual !== 0);
  const found: CellFix[] = [];
  const seen = new Set<string>();
  for (const c of failing) {
    for (const term of c.terms) {
      const key = `${term.rowId}:${term.colId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fix = tryCell(term, checks, failing);
      if (fix) found.push(fix);
    }
  }
  const diagnosis: Table3Diagnosis = { checks, failing, candidates: found.length, fix: found.length === 1 ? found[0] : undefined };
  cache.set(t, diagnosis);
  return diagnosis;
}

/** The value of this cell that makes every failing check hold, if it breaks no check that holds. */
function tryCell(term: Term, checks: Check[], failing: Check[]): CellFix | undefined {
  const current = figure(term.cell);
  if (current === undefined) return undefined;
  const involved = checks.filter((c) => c.residual !== undefined && c.terms.some((x) => x.rowId === term.rowId && x.colId === term.colId));
  // Every failing check must contain the cell, and every check containing it must be failing.
  if (failing.some((c) => !involved.includes(c)) || involved.some((c) => c.residual === 0)) return undefined;
  let value: number | undefined;
  for (const c of involved) {
    const coef = c.terms.find((x) => x.rowId === term.rowId && x.colId === term.colId)!.coef;
    const v = sum([current, -c.residual! / coef]);
    if (value === undefined) value = v;
    else if (value !== v) return undefined;
  }
  if (value === undefined || value < 0 || !Number.isInteger(value)) return undefined;
  // 上年结转 is last year's figure: the sums are never made to add up by changing it alone
  // (an answered application declared carried over); only its own row total may be corrected.
  if (term.rowId === 'carried' && !involved.some((c) => c.rule === 'row-total')) return undefined;
  return { term, value, satisfies: involved };
}

const CHECK_NAME: Record<CheckRule, (c: Check) => Message> = {
  'row-total': (c) => ({ zh: `${c.name.zh}行的合计`, en: `the total of row ${c.name.en}` }),
  'result-total': (c) => ({ zh: `${c.name.zh}列的（七）总计`, en: `the (7) total of column ${c.name.en}` }),
  balance: (c) => ({ zh: `${c.name.zh}列的勾稽关系`, en: `the balance of column ${c.name.en}` }),
};

export function checkName(c: Check): Message {
  return CHECK_NAME[c.rule](c);
}

/** The cell as a clerk reads it: 表三“（七）总计”行“自然人”列. */
export function cellName(term: { rowId: string; colId: string }): Message {
  const r = table3RowName(term.rowId),
    c = table3ColumnName(term.colId);
  return { zh: `表三${r.zh}行${c.zh}列`, en: `table 3, row ${r.en}, column ${c.en}` };
}

/** The fix (title names the checks it satisfies), or, when no single cell will do, why not. */
export function fixOrExplanation(d: Table3Diagnosis): {
  fix?: { title: Message; kind: 'value'; edits: { start: number; end: number; newText: string }[] };
  note?: Message;
} {
  if (d.fix) {
    const f = d.fix;
    const names = f.satisfies.map(checkName);
    const where = cellName(f.term);
    return {
      fix: {
        title: {
          zh: `把${where.zh}改为 ${fmt(f.value)}（这样${names.map((n) => n.zh).join('、')}都相符；请先核对原始台账）`,
          en: `Set ${where.en} to ${fmt(f.value)} (satisfies ${names.map((n) => n.en).join(', ')}; check the records first)`,
        },
        kind: 'value',
        edits: [{ start: f.term.cell.span.start, end: f.term.cell.span.end, newText: fmt(f.value) }],
      },
    };
  }
  if (d.failing.length === 0) return {};
  return d.candidates > 1
    ? {
        note: {
          zh: '；仅凭表内数字无法确定是哪一个数字填错了，请对照台账核对',
          en: '; the figures alone cannot tell which one is wrong: check the records',
        },
      }
    : {
        note: {
          zh: '；没有哪一个数字单独改动就能让各项核对都相符（可能不止一处填错，例如某件申请的办理结果没有填入任何一行），请对照台账逐项核对',
          en: '; no single figure can be corrected to make every check hold (more than one may be wrong, e.g. an application whose result is in no row): check the records',
        },
      };
}

/** The spans a check reads, for the precedence between rules. */
export function checkScope(c: Check): Span[] {
  return c.terms.map((x) => x.cell.span);
}
