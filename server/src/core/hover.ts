/**
 * Hover: on a cell of a report table, where it is (table · row path · column) and every check
 * it takes part in, with the current figures; on a section title, what the section must
 * contain. Names come from the template; the arithmetic from checks.ts.
 */
import { ValueCell, formatNumber } from './cells';
import { Check, table4ColumnMessage } from './arithmetic';
import { carryOverChecks, checkTitle, describeCheck, table3Checks, table4Checks, validCountChecks } from './checks';
import { splitCells } from './format';
import type { Span } from './lines';
import type { RawRow, RawTable } from './markdown';
import type { DocumentModel, ReportModel } from './model';
import type { Locale, Message } from './rule';
import type { MappedColumn, MappedTable } from './tables';
import {
  OVERVIEW_TOPICS,
  SECTION_CONTENTS,
  TABLE2_BLOCKS,
  TABLE3_COLUMNS,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  canonicalSectionHeading,
  sectionTemplate,
} from './template';

export interface HoverResult {
  span: Span;
  /** Markdown. */
  markdown: string;
}

export interface CellPlace {
  table: 'table2' | 'table3' | 'table4';
  /** Template row id (table 二: block.row) and column id, when the cell maps onto the template. */
  rowId?: string;
  columnId?: string;
  /** 表三 · 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 · 自然人 */
  path: Message;
  cell?: ValueCell;
  /** The cell's region between its pipes. */
  span: Span;
  kind: 'value' | 'row-label' | 'column-label';
}

const TABLE_NAME: Record<CellPlace['table'], Message> = {
  table2: { zh: '表二', en: 'Table 2' },
  table3: { zh: '表三', en: 'Table 3' },
  table4: { zh: '表四', en: 'Table 4' },
};

function table3RowPath(id: string): Message {
  const r = TABLE3_ROWS.find((x) => x.id === id);
  if (!r) {
    // The 2019 layout's single （六）其他处理 row: a group of the template without its items.
    const g = TABLE3_GROUPS.find((x) => x.id === id);
    return g ? { zh: `${TABLE3_LEVEL1.results.label} › ${g.label}`, en: `${TABLE3_LEVEL1.results.en} › ${g.en}` } : { zh: id, en: id };
  }
  const zh = [r.level1, r.group, r.item].filter((x, i, a): x is string => !!x && a.indexOf(x) === i).join(' › ');
  // English: the template's English names, the official item label kept in brackets.
  const level1 = Object.values(TABLE3_LEVEL1).find((l) => l.label === r.level1);
  const group = TABLE3_GROUPS.find((g) => g.label === r.group);
  const item = r.item && group ? `item ${group.items.findIndex((x) => x.label === r.item) + 1} (${r.item})` : undefined;
  const en = [level1?.en ?? r.level1, group?.en, item].filter((x): x is string => !!x).join(' › ');
  return { zh, en };
}

function columnPath(col: MappedColumn): string {
  return [...(col.template.groups ?? []), col.template.label].join(' › ');
}

function join(...parts: (Message | undefined)[]): Message {
  const p = parts.filter((x): x is Message => !!x);
  return { zh: p.map((x) => x.zh).join(' · '), en: p.map((x) => x.en).join(' · ') };
}

/** The cell of a row that the offset is in: by the parser's span, else by the pipes of the line. */
function cellIndexAt(text: string, row: RawRow, offset: number): { index: number; span: Span } | undefined {
  const { regions } = splitCells(text.slice(row.span.start, row.span.end));
  const shifted = regions.map((r) => ({ start: r.start + row.span.start, end: r.end + row.span.start }));
  const k = shifted.findIndex((r) => offset >= r.start && offset <= r.end);
  if (k < 0 || shifted.length !== row.cells.length) return undefined;
  return { index: k, span: shifted[k] };
}

function rowAt(tables: RawTable[], offset: number): RawRow | undefined {
  for (const t of tables) {
    if (offset < t.span.start || offset > t.span.end) continue;
    return t.rows.find((r) => offset >= r.span.start && offset <= r.span.end);
  }
  return undefined;
}

function placeIn3or4(doc: DocumentModel, table: 'table3' | 'table4', t: MappedTable, offset: number): CellPlace | undefined {
  const row = rowAt(t.tables, offset);
  if (!row) return undefined;
  const at = cellIndexAt(doc.text, row, offset);
  if (!at) return undefined;
  const name = TABLE_NAME[table];
  const mapped = [...t.rows.values()].find((r) => r.row === row);
  const col = t.columns.find((c) => c.index === at.index);
  const colMsg =
    col &&
    (table === 'table3'
      ? { zh: columnPath(col), en: TABLE3_COLUMNS.find((c) => c.id === col.template.id)?.en ?? col.template.id }
      : { zh: columnPath(col), en: table4ColumnMessage(col.template.id).en });
  if (mapped && col) {
    const rowMsg = table === 'table3' ? table3RowPath(mapped.id) : undefined;
    return {
      table,
      rowId: mapped.id,
      columnId: col.template.id,
      path: join(name, rowMsg, colMsg),
      cell: mapped.cells.get(col.template.id),
      span: at.span,
      kind: 'value',
    };
  }
  if (mapped && table === 'table3' && at.index < Math.max(1, t.labelColumns)) {
    return { table, rowId: mapped.id, path: join(name, table3RowPath(mapped.id)), span: at.span, kind: 'row-label' };
  }
  if (!mapped && col && col.header.span.start >= row.span.start && col.header.span.end <= row.span.end) {
    return { table, columnId: col.template.id, path: join(name, colMsg), span: at.span, kind: 'column-label' };
  }
  return undefined;
}

function placeIn2(doc: DocumentModel, report: ReportModel, offset: number): CellPlace | undefined {
  const t = report.table2;
  if (!t) return undefined;
  const row = rowAt(t.tables, offset);
  if (!row) return undefined;
  const at = cellIndexAt(doc.text, row, offset);
  const mapped = [...t.rows.values()].find((r) => r.row === row);
  if (!at || !mapped) return undefined;
  const rowLabel = mapped.block.rows.find((r) => `${mapped.block.id}.${r.id}` === mapped.id)?.label ?? mapped.id;
  const col = (t.columnsByBlock.get(mapped.block.id) ?? []).find((c) => c.index === at.index);
  const path = `${mapped.block.label} › ${rowLabel}${col ? ` · ${col.template.label}` : ''}`;
  return {
    table: 'table2',
    rowId: mapped.id,
    columnId: col?.template.id,
    path: join(TABLE_NAME.table2, { zh: path, en: path }),
    cell: col ? mapped.cells.get(col.template.id) : undefined,
    span: at.span,
    kind: col ? 'value' : 'row-label',
  };
}

/** Where a table cell is, for the hover and the client's status bar. */
export function cellPlaceAt(doc: DocumentModel, offset: number): CellPlace | undefined {
  for (const report of doc.reports) {
    if (offset < report.span.start || offset > report.span.end) continue;
    return (
      placeIn2(doc, report, offset) ??
      (report.table3 && placeIn3or4(doc, 'table3', report.table3, offset)) ??
      (report.table4 && placeIn3or4(doc, 'table4', report.table4, offset))
    );
  }
  return undefined;
}

/** Last year's report of the same agency, when known (the workspace index). */
export type PreviousReport = (report: ReportModel) => ReportModel | undefined;

/** The checks a place takes part in (with last year's report: carry-over and valid-count too). */
export function checksOfPlace(report: ReportModel, place: CellPlace, previous?: ReportModel): Check[] {
  if (place.table === 'table2') {
    const own = validCountChecks(report, previous);
    return place.kind === 'value' ? own.filter((c) => [...c.left, ...c.right].some((o) => o.cell && o.cell === place.cell)) : [];
  }
  const all = place.table === 'table3' ? [...table3Checks(report), ...carryOverChecks(report, previous)] : table4Checks(report);
  if (place.kind === 'value') {
    const own = all.filter((c) => [...c.left, ...c.right].some((o) => o.cell && o.cell === place.cell));
    // A result row feeds its column's balance through （七）总计: show that too.
    const balance = all.find((c) => c.rule === 'balance' && c.key === place.columnId);
    return balance && !own.includes(balance) && place.table === 'table3' ? [...own, balance] : own;
  }
  if (place.kind === 'row-label') return all.filter((c) => c.rule === 'row-total' && c.key === place.rowId);
  if (place.table === 'table4') return all.filter((c) => c.key === place.columnId?.split('.')[0]);
  return all.filter((c) => (c.rule === 'balance' || c.rule === 'result-total') && c.key === place.columnId);
}

function valueLine(cell: ValueCell | undefined, locale: Locale): string | undefined {
  if (!cell) return undefined;
  const en = locale === 'en';
  switch (cell.kind) {
    case 'number':
      return undefined;
    case 'unit':
      return en
        ? `Read as ${formatNumber(cell.value!)} (the unit text should go)`
        : `按 ${formatNumber(cell.value!)} 计算（应删去单位文字）`;
    case 'blank':
      return en ? 'Blank: write a figure (0 if none)' : '空白：应填写数字（没有的填 0）';
    default:
      return en ? 'Not a figure' : '不是数字';
  }
}

function sectionHover(report: ReportModel, offset: number, locale: Locale): HoverResult | undefined {
  const s = report.sections.find((x) => offset >= x.head.lineSpan.start && offset <= x.head.lineSpan.end);
  if (!s) return undefined;
  const en = locale === 'en';
  const lines = [`**${canonicalSectionHeading(s.number)}**`, '', en ? SECTION_CONTENTS[s.number].en : SECTION_CONTENTS[s.number].zh];
  if (s.number === 1) lines.push('', ...OVERVIEW_TOPICS.map((t) => `- （${'一二三四五'[t.number - 1]}）${t.title}`));
  if (s.number === 2)
    lines.push(
      '',
      ...TABLE2_BLOCKS.map((b) => `- ${b.label}：${b.rows.map((r) => r.label).join('、')}（${b.columns.map((c) => c.label).join('、')}）`),
    );
  if (s.number === 4) {
    const groups = [...new Set(TABLE4_COLUMNS.map((c) => c.groups!.join(' › ')))];
    lines.push(
      '',
      ...groups.map(
        (g) =>
          `- ${g}：${TABLE4_COLUMNS.filter((c) => c.groups!.join(' › ') === g)
            .map((c) => c.label)
            .join('、')}`,
      ),
    );
  }
  const t = sectionTemplate(s.number);
  if (s.head.title !== t.title || s.head.form !== 'heading') {
    lines.push(
      '',
      en ? `Template heading: \`## ${canonicalSectionHeading(s.number)}\`` : `模板标题：\`## ${canonicalSectionHeading(s.number)}\``,
    );
  }
  return { span: s.head.titleSpan, markdown: lines.join('\n') };
}

export function hoverAt(doc: DocumentModel, offset: number, locale: Locale = 'zh', previous?: PreviousReport): HoverResult | undefined {
  const report = doc.reports.find((r) => offset >= r.span.start && offset <= r.span.end);
  if (!report) return undefined;
  const section = sectionHover(report, offset, locale);
  if (section) return section;
  const place = cellPlaceAt(doc, offset);
  if (!place) return undefined;
  const en = locale === 'en';
  const lines = [`**${en ? place.path.en : place.path.zh}**`];
  const v = valueLine(place.cell, locale);
  if (v) lines.push('', v);
  let last: ReportModel | undefined;
  try {
    last = previous?.(report);
  } catch {
    last = undefined;
  }
  const checks = checksOfPlace(report, place, last);
  if (checks.length) {
    lines.push('');
    for (const c of checks) lines.push(`- ${en ? checkTitle(c).en : checkTitle(c).zh}${en ? ': ' : '：'}${describeCheck(c, locale)}`);
  }
  if (place.table === 'table2' && place.columnId === 'valid' && !checks.length) {
    lines.push(
      '',
      en
        ? 'In force = last year’s in force + issued − repealed (compared with last year’s report).'
        : '现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数（与上一年度报告比对）。',
    );
  }
  const span = place.cell && place.cell.span.end > place.cell.span.start ? place.cell.span : place.span;
  return { span, markdown: lines.join('\n') };
}
