/**
 * What the four arithmetic rules (balance, result-total, row-total, review-total) say beyond
 * their own equation, from the one diagnosis of a table (arithmetic.ts): the fix that sets the
 * one wrong cell (titled with every check it satisfies), or why no single cell will do, and
 * the hint that two adjacent cells are one figure split in two (never a fix). They share this
 * reading, so they offer the same single fix or none.
 */
import type { CellRef, Check, Diagnosis, SplitCells } from '../arithmetic';
import type { Span } from '../lines';
import type { Message, Report } from '../rule';
import { TABLE4_RESULT_COLUMNS } from '../template';
import { fmt, table3ColumnName, table3RowName, table4BlockLabel, table4ColumnName } from './helpers';

type Table = 'table3' | 'table4';

/** The check as a clerk names it: “自然人”列的勾稽关系. */
function checkName(c: Check): Message {
  switch (c.rule) {
    case 'row-total': {
      const n = table3RowName(c.key);
      return { zh: `${n.zh}行的合计`, en: `the total of row ${n.en}` };
    }
    case 'result-total': {
      const n = table3ColumnName(c.key);
      return { zh: `${n.zh}列的（七）总计`, en: `the (7) total of column ${n.en}` };
    }
    case 'balance': {
      const n = table3ColumnName(c.key);
      return { zh: `${n.zh}列的勾稽关系`, en: `the balance of column ${n.en}` };
    }
    default: {
      const n = table4BlockLabel(c.key);
      return { zh: `“${n.zh}”的总计`, en: `the total of “${n.en}”` };
    }
  }
}

/** The cell as a clerk reads it: 表三“（七）总计”行“自然人”列, 表四“行政复议·总计”列. */
function cellName(ref: CellRef, table: Table = 'table3'): Message {
  if (table === 'table4') {
    const c = table4ColumnName(ref.column);
    return { zh: `表四${c.zh}列`, en: `table 4, column ${c.en}` };
  }
  const r = table3RowName(ref.row),
    c = table3ColumnName(ref.column);
  return { zh: `表三${r.zh}行${c.zh}列`, en: `table 3, row ${r.en}, column ${c.en}` };
}

type Fix = NonNullable<Report['fixes']>[number];

/** A fix's title names the row first, then the column's total, then its balance. */
const TITLE_ORDER: Check['rule'][] = ['row-total', 'result-total', 'balance', 'review-total'];

/** The fix (its title names the checks it satisfies), or, when no single cell will do, why not. */
export function fixOrExplanation(d: Diagnosis, table: Table = 'table3'): { fix?: Fix; note?: Message } {
  if (d.suspect) {
    const s = d.suspect;
    const names = [...s.satisfies].sort((a, b) => TITLE_ORDER.indexOf(a.rule) - TITLE_ORDER.indexOf(b.rule)).map(checkName);
    const where = cellName(s.ref, table);
    return {
      fix: {
        title: {
          zh: `把${where.zh}改为 ${fmt(s.value)}（这样${names.map((n) => n.zh).join('、')}都相符；请先核对原始台账）`,
          en: `Set ${where.en} to ${fmt(s.value)} (satisfies ${names.map((n) => n.en).join(', ')}; check the records first)`,
        },
        kind: 'value',
        edits: [{ start: s.cell.span.start, end: s.cell.span.end, newText: fmt(s.value) }],
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

/**
 * The split-figure hint of a failing check, if two adjacent one-digit cells joined make it hold:
 * a sentence for the message and the two cells as related information. Never a fix: which of
 * the two cells the figure belongs in, and what the other held, only the original can say.
 */
export function splitHint(d: Diagnosis, c: Check, table: Table = 'table3'): { note?: Message; related: NonNullable<Report['related']> } {
  const s: SplitCells | undefined = d.splits.find((x) => x.check === c);
  if (!s) return { related: [] };
  // The check names the row (row-total) or the column (the others): the two cells by what tells them apart.
  const sameRow = s.first.ref!.row === s.second.ref!.row;
  const part = (ref: CellRef): Message => {
    if (!sameRow) return { zh: `${table3RowName(ref.row).zh}行`, en: `row ${table3RowName(ref.row).en}` };
    if (table === 'table3') return { zh: `${table3ColumnName(ref.column).zh}列`, en: `column ${table3ColumnName(ref.column).en}` };
    const result = ref.column.split('.')[1];
    return { zh: `“${TABLE4_RESULT_COLUMNS.find((c) => c.id === result)?.label ?? result}”列`, en: `column ${result}` };
  };
  const a = part(s.first.ref!),
    b = part(s.second.ref!);
  const va = fmt(s.first.value!),
    vb = fmt(s.second.value!),
    joined = fmt(s.joined);
  const cell = (o: SplitCells['first'], other: string): { span: Span; message: Message } => ({
    span: o.cell!.span,
    message: {
      zh: `与相邻的${other}连起来是${joined}：可能是一个数字被拆成了两格`,
      en: `read with the neighbouring ${other}: ${joined}, perhaps one figure split in two cells`,
    },
  });
  return {
    note: {
      zh: `；${a.zh}的${va}和${b.zh}的${vb}连起来是${joined}，可能是一个数字被分页或复制拆成了两格（合起来就相符），请核对原表`,
      en: `; ${a.en} (${va}) and ${b.en} (${vb}) read together are ${joined}: perhaps one figure split into two cells by a page break or a copy (joined, it adds up); check the original`,
    },
    related: [cell(s.first, vb), cell(s.second, va)],
  };
}

/** The spans a check reads, for the precedence between rules. */
export function checkScope(c: Check): Span[] {
  return [...c.left, ...c.right].filter((o) => o.cell).map((o) => o.cell!.span);
}

/** The message with its notes appended (the fix's explanation, the split hint). */
export function withNotes(message: Message, ...notes: (Message | undefined)[]): Message {
  return {
    zh: message.zh + notes.map((n) => n?.zh ?? '').join(''),
    en: message.en + notes.map((n) => n?.en ?? '').join(''),
  };
}
