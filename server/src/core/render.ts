/**
 * The canonical Markdown of the template (markdown-layout.md §1): tables, section headings,
 * the whole skeleton. Snippets, the insert-template command and the fixes all use these.
 */
import {
  OVERVIEW_TOPICS,
  REPORT_TITLE_PHRASE,
  SECTIONS,
  SectionNumber,
  TABLE2_BLOCKS,
  TABLE2_FIRST_COLUMN,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_NOTE,
  TABLE3_ROWS,
  TABLE4_COLUMNS,
  Table2Block,
  Table3Row,
  canonicalSectionHeading,
  sectionTemplate,
} from './template';

export interface RenderOptions {
  /** Cell value for figures: '0' by default; '' for blank cells. */
  value?: (cell: string) => string;
  eol?: string;
}

const zero = () => '0';

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function delimiter(label: number, values: number): string {
  return `| ${[...new Array<string>(label).fill('---'), ...new Array<string>(values).fill('---:')].join(' | ')} |`;
}

/** One block of table 二: its bold label, then its small table. */
export function renderTable2Block(block: Table2Block, opts: RenderOptions = {}): string[] {
  const v = opts.value ?? zero;
  return [
    `**${block.label}**`,
    '',
    row([TABLE2_FIRST_COLUMN, ...block.columns.map((c) => c.label)]),
    delimiter(1, block.columns.length),
    ...block.rows.map((r) => row([r.label, ...block.columns.map((c) => v(`${block.id}.${r.id}.${c.id}`))])),
  ];
}

export function renderTable2(opts: RenderOptions = {}): string[] {
  return TABLE2_BLOCKS.flatMap((block, i) => [...(i ? [''] : []), ...renderTable2Block(block, opts)]);
}

/** The three label cells of a table-3 row in the canonical layout (group labels only on a group's first row). */
export function table3LabelCells(r: Table3Row, firstOfGroup: boolean, firstOfLevel1: boolean): string[] {
  if (r.role !== 'item' && r.role !== 'total') return [r.label, '', ''];
  const l1 = firstOfLevel1 ? r.level1 : '';
  if (!r.item) return [l1, r.group ?? r.label, ''];
  return [l1, firstOfGroup ? (r.group ?? '') : '', r.item];
}

export function renderTable3Row(r: Table3Row, labels: string[], values: string[]): string {
  return row([...labels, ...values]);
}

export function renderTable3(opts: RenderOptions = {}): string[] {
  const v = opts.value ?? zero;
  const out = [TABLE3_NOTE, ''];
  out.push(row([TABLE3_CORNER, '', '', ...TABLE3_COLUMNS.map((c) => c.label)]));
  out.push(delimiter(3, TABLE3_COLUMNS.length));
  let lastGroup: string | undefined;
  let lastLevel1: string | undefined;
  for (const r of TABLE3_ROWS) {
    const labels = table3LabelCells(r, r.group !== lastGroup, r.level1 !== lastLevel1);
    lastGroup = r.group;
    lastLevel1 = r.level1;
    out.push(
      renderTable3Row(
        r,
        labels,
        TABLE3_COLUMNS.map((c) => v(`${r.id}.${c.id}`)),
      ),
    );
  }
  return out;
}

export function renderTable4(opts: RenderOptions = {}): string[] {
  const v = opts.value ?? zero;
  const n = TABLE4_COLUMNS.length;
  const top = TABLE4_COLUMNS.map((c, i) => (i === 0 || c.groups![0] !== TABLE4_COLUMNS[i - 1].groups![0] ? c.groups![0] : ''));
  const mid = TABLE4_COLUMNS.map((c, i) =>
    c.groups!.length > 1 && (i === 0 || c.groups![1] !== TABLE4_COLUMNS[i - 1].groups![1]) ? c.groups![1] : '',
  );
  return [
    row(top),
    `| ${Array(n).fill('---:').join(' | ')} |`,
    row(mid),
    row(TABLE4_COLUMNS.map((c) => c.label)),
    row(TABLE4_COLUMNS.map((c) => v(c.id))),
  ];
}

export function renderTable(table: 'table2' | 'table3' | 'table4', opts: RenderOptions = {}): string[] {
  return table === 'table2' ? renderTable2(opts) : table === 'table3' ? renderTable3(opts) : renderTable4(opts);
}

/** A section: its heading, its sub-topics (一) or table, or its placeholder text. */
export function renderSection(n: SectionNumber, opts: RenderOptions = {}): string[] {
  const s = sectionTemplate(n);
  const out = [`## ${canonicalSectionHeading(n)}`, ''];
  if (n === 1) {
    for (const t of OVERVIEW_TOPICS) out.push(`### （${'一二三四五'[t.number - 1]}）${t.title}`, '', s.placeholder, '');
    out.pop();
  } else if (s.table) {
    out.push(...renderTable(s.table, opts));
  } else {
    out.push(s.placeholder);
  }
  return out;
}

export interface SkeletonOptions extends RenderOptions {
  agency?: string;
  year?: number | string;
}

export const AGENCY_PLACEHOLDER = '（机关名称）';
export const YEAR_PLACEHOLDER = '（年份）';

/** The title text (without the # mark): <机关名称><年份>年政府信息公开工作年度报告. */
export function renderTitle(agency: string = AGENCY_PLACEHOLDER, year: number | string = YEAR_PLACEHOLDER): string {
  return `${agency}${year}年${REPORT_TITLE_PHRASE}`;
}

export function renderSkeleton(opts: SkeletonOptions = {}): string[] {
  const agency = opts.agency ?? AGENCY_PLACEHOLDER;
  const year = opts.year ?? YEAR_PLACEHOLDER;
  const out = [
    `# ${renderTitle(agency, year)}`,
    '',
    `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`,
    '',
  ];
  for (const s of SECTIONS) out.push(...renderSection(s.number, opts), '');
  return out;
}

export function joinLines(lines: string[], eol = '\n'): string {
  return lines.join(eol);
}

/**
 * The report year being drafted on a date: reports are written in the first months after the
 * year they cover (published by 31 January or 31 March), so January to September means last
 * year; from October a report of the current year may already be in preparation.
 */
export function draftingYear(now: Date = new Date()): number {
  return now.getMonth() >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export type TemplateKind = 'report' | 'table2' | 'table3' | 'table4' | `section:${SectionNumber}`;

export interface TemplateOptions {
  agency?: string;
  /** Default: draftingYear(now). */
  year?: number;
  now?: Date;
  eol?: string;
}

const blank = () => '';

/**
 * What the insert-template command inserts: tables with every figure blank (so cell-empty asks
 * for each one; an untouched skeleton never checks clean), the report year being drafted.
 */
export function renderTemplate(kind: TemplateKind, opts: TemplateOptions = {}): string | undefined {
  const eol = opts.eol ?? '\n';
  if (kind === 'report') {
    const year = opts.year ?? draftingYear(opts.now);
    return joinLines(renderSkeleton({ agency: opts.agency, year, value: blank }), eol);
  }
  if (kind === 'table2' || kind === 'table3' || kind === 'table4') return joinLines(renderTable(kind, { value: blank }), eol) + eol;
  const m = /^section:([1-6])$/.exec(kind);
  if (m) return joinLines(renderSection(Number(m[1]) as SectionNumber, { value: blank }), eol) + eol;
  return undefined;
}
