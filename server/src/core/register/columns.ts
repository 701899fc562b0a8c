/**
 * Which row of a sheet is the register's header, and which column holds what: one synonym
 * list (register.md "What registers look like"), overridable per field by header text, a
 * column letter or a 1-based number. Title rows above the header and notes beside it are
 * passed over; a header is the first row that names at least two of the key fields.
 */
import { foldWording } from './answers';
import type { CellValue, ColumnMapping, FieldId, RegisterSheet } from './types';

/** Field → header wordings, most specific first. */
export const COLUMN_SYNONYMS: Readonly<Record<FieldId, readonly string[]>> = {
  number: ['申请编号', '受理编号', '登记编号', '申请单号', '流水号', '编号', '文号'],
  received: [
    '收到申请日期',
    '收到申请时间',
    '申请收到日期',
    '收件日期',
    '收件时间',
    '受理日期',
    '受理时间',
    '申请日期',
    '申请时间',
    '登记日期',
    '登记时间',
    '收到日期',
    '接收日期',
  ],
  completed: ['补正后收到日期', '补正完成日期', '补正日期', '收到补正日期', '补正时间'],
  applicant: ['申请人类型', '申请人类别', '申请人身份', '申请人性质', '申请主体类型', '申请主体', '申请人分类'],
  name: ['申请人姓名或名称', '申请人姓名', '申请人名称', '申请人'],
  content: ['申请内容', '所需信息', '申请公开内容', '所需政府信息', '申请事项', '信息名称'],
  answered: ['答复日期', '答复时间', '办结日期', '办结时间', '告知日期', '送达日期', '回复日期', '出具日期'],
  result: ['办理结果', '答复结果', '答复类型', '处理结果', '答复情况', '办理情况', '处理情况', '答复意见'],
  reason: ['不予公开理由', '不予公开依据', '理由', '答复依据', '法律依据', '具体情形'],
  fee: ['是否收费', '收费金额', '收费情况', '信息处理费', '收费'],
  extended: ['是否延期', '延期答复', '是否延长', '延长答复期限', '延期'],
};

/** The fields that make a row a header: it must name at least two of them. */
const KEY_FIELDS: readonly FieldId[] = ['received', 'applicant', 'answered', 'result'];

/** How many leading rows are searched for the header (title rows, notes). */
const HEADER_SEARCH_ROWS = 30;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return '';
  return foldWording(String(v)).replace(/[()（）:：*＊]/g, '');
}

/** How well a header cell names a field: 3 exact, 2 + length/100 contains, 0 none. */
function score(header: string, field: FieldId): number {
  let best = 0;
  for (const s of COLUMN_SYNONYMS[field]) {
    if (header === s) return 3;
    if (header.includes(s)) best = Math.max(best, 2 + s.length / 100);
  }
  return best;
}

/** 'C' → 2, '3' → 2 (1-based number), otherwise undefined. */
function columnRef(ref: string): number | undefined {
  const t = ref.trim();
  if (/^[A-Za-z]{1,2}$/.test(t)) {
    const up = t.toUpperCase();
    return up.length === 1 ? up.charCodeAt(0) - 65 : (up.charCodeAt(0) - 64) * 26 + up.charCodeAt(1) - 65;
  }
  if (/^\d{1,3}$/.test(t) && Number(t) >= 1) return Number(t) - 1;
  return undefined;
}

export interface HeaderFound {
  /** Index into sheet.rows. */
  index: number;
  columns: ColumnMapping[];
  /** Override entries that matched no column (each a sentence). */
  unmatched: string[];
}

/** Maps one candidate header row: overrides first, then each field to its best-scoring free column. */
function mapRow(cells: CellValue[], overrides: Partial<Record<FieldId, string>>): { columns: ColumnMapping[]; unmatched: string[] } {
  const headers = cells.map(cellText);
  const taken = new Set<number>();
  const columns: ColumnMapping[] = [];
  const unmatched: string[] = [];
  for (const [field, ref] of Object.entries(overrides) as [FieldId, string][]) {
    if (typeof ref !== 'string' || !ref.trim()) continue;
    const want = cellText(ref);
    let index = headers.findIndex((h, i) => h !== '' && h === want && !taken.has(i));
    if (index < 0) {
      const byRef = columnRef(ref);
      if (byRef !== undefined && !headers.includes(want)) index = byRef;
    }
    if (index < 0) {
      unmatched.push(ref);
      continue;
    }
    taken.add(index);
    columns.push({ field, index, header: String(cells[index] ?? '') });
  }
  const candidates: { field: FieldId; index: number; score: number }[] = [];
  for (const field of Object.keys(COLUMN_SYNONYMS) as FieldId[]) {
    if (columns.some((c) => c.field === field)) continue;
    headers.forEach((h, index) => {
      if (!h || taken.has(index)) return;
      const s = score(h, field);
      if (s > 0) candidates.push({ field, index, score: s });
    });
  }
  // Greedy by score: 申请人类型 goes to the applicant type before 申请人 (the name) can take it.
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  for (const c of candidates) {
    if (taken.has(c.index) || columns.some((x) => x.field === c.field)) continue;
    taken.add(c.index);
    columns.push({ field: c.field, index: c.index, header: String(cells[c.index] ?? '') });
  }
  return { columns, unmatched };
}

/** The header row and its column mapping, or undefined when no row names two key fields. */
export function findHeader(sheet: RegisterSheet, overrides: Partial<Record<FieldId, string>> = {}): HeaderFound | undefined {
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  let best: (HeaderFound & { keys: number }) | undefined;
  for (let i = 0; i < limit; i++) {
    const { columns, unmatched } = mapRow(sheet.rows[i].cells, overrides);
    const keys = columns.filter((c) => KEY_FIELDS.includes(c.field)).length;
    if (keys >= 2 && (!best || keys > best.keys)) best = { index: i, columns, unmatched, keys };
    // The first row naming all key fields is the header; a later one is a repeated header.
    if (best && best.keys === KEY_FIELDS.length) break;
  }
  return best && { index: best.index, columns: best.columns, unmatched: best.unmatched };
}
