/**
 * The one mapper from the grid model (any reader) onto the template, giving the canonical
 * Markdown draft (markdown-layout.md §1) rendered by render.ts.
 *
 * - Tables 二/三/四 are found by their content (labels), not by position.
 * - A row is named by its label path (level 1 › group › item) with the labels tolerant of
 *   width, spaces, brackets, split or cut labels and small typos; merged labels missing at
 *   the start of a pasted row are taken from the rows above.
 * - Value cells are the cells after a row's last label, in template column order; every
 *   figure and every blank is taken exactly as written. A row with too many cells keeps its
 *   figures out of the table (listed), a row with too few gets blanks at the end — never 0.
 * - Everything outside the tables stays as paragraphs; whatever could not be mapped stays as
 *   text and is listed in `unmapped`.
 */
import { readValue } from '../cells';
import { foldWidth, labelKey } from '../normalize';
import { partStarts } from '../text/enumeration';
import { ORDINAL_NUMERALS } from '../text/numerals';
import { editDistance } from '../text/edit-distance';
import { renderTable2Block, renderTable3, renderTable3Row, renderTable4, table3LabelCells } from '../render';
import type { Message } from '../rule';
import {
  OUTDATED_2019,
  REPORT_TITLE_PHRASE,
  SECTIONS,
  SectionNumber,
  TABLE2_BLOCKS,
  TABLE2_FIRST_COLUMN,
  TABLE3_APPLICANT_GROUP,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_NOTE,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  TABLE4_RESULT_COLUMNS,
  Table2Block,
  TableId,
  canonicalSectionHeading,
} from '../template';
import { GridBlock, GridCell, GridDocument, GridTable, stripConditionalComments, trimAll } from './model';
import { readPlainText } from './text';

export interface UnmappedItem {
  /** The table the item was found in, if any. */
  table?: TableId;
  /** The source text, as found. */
  text: string;
  message: Message;
  /** The source row is kept in the draft as a paragraph after its table (not among its figures). */
  kept?: boolean;
}

export interface MapResult {
  /** The canonical Markdown draft. */
  markdown: string;
  /** What could not be mapped onto the template (kept in the draft as text). */
  unmapped: UnmappedItem[];
  /** Template tables found. */
  tables: TableId[];
}

export interface MapOptions {
  eol?: string;
  /** Put the unmapped list as an HTML comment at the top of the draft (default true). */
  comment?: boolean;
}

const TABLE_NAME: Record<TableId, Message> = {
  table2: { zh: '表二', en: 'table 2' },
  table3: { zh: '表三', en: 'table 3' },
  table4: { zh: '表四', en: 'table 4' },
};

// ---------------------------------------------------------------------------
// Cells and label matching

type CellKind = 'empty' | 'blank' | 'number' | 'text';

function cellKind(text: string): CellKind {
  if (!text) return 'empty';
  const k = readValue({ raw: text, text, span: { start: 0, end: 0 } }).kind;
  return k === 'number' || k === 'unit' ? 'number' : k === 'blank' ? 'blank' : 'text';
}

/** Cell text as written, on one line, with pipes escaped for a GFM table. */
function cellOut(text: string): string {
  return text.replace(/[\s\u00a0\u3000]*\n[\s\u00a0\u3000]*/g, ' ').replace(/\|/g, '\\|');
}

function oneLine(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

const CJK = '\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”';
const SPACE_IN_WORD = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/** A label on one line, without the spaces an extraction put between two Chinese characters. */
function cleanLabel(text: string): string {
  return oneLine(text).replace(SPACE_IN_WORD, '');
}

type Match = 'exact' | 'loose';

const matchOf = (exact: unknown): Match => (exact ? 'exact' : 'loose');

/** How a written key matches a template key: equal, or cut short / run on / a small typo. */
function keyMatch(written: string, key: string): Match | undefined {
  if (!written) return undefined;
  if (written === key) return 'exact';
  if (written.length >= 2 && key.startsWith(written)) return 'loose';
  if (key.length >= 4 && written.startsWith(key)) return 'loose';
  if (Math.min(written.length, key.length) >= 5 && editDistance(written, key, 2) <= 1 + Math.floor(key.length / 12)) return 'loose';
  return undefined;
}

function bestMatch<T>(written: string, entries: readonly T[], keys: (e: T) => string[]): { entry: T; match: Match } | undefined {
  const exact = entries.filter((e) => keys(e).includes(written));
  if (exact.length === 1) return { entry: exact[0], match: 'exact' };
  if (exact.length > 1) return undefined;
  const loose = entries.filter((e) => keys(e).some((k) => keyMatch(written, k)));
  return loose.length === 1 ? { entry: loose[0], match: 'loose' } : undefined;
}

/** A label as it should appear in the draft: as written when it only differs in a way the checker reports, else canonical. */
function labelText(raw: string, canonical: string, match: Match): string {
  if (match === 'loose') return canonical;
  const written = cleanLabel(raw);
  return written.replace(/\s/g, '') === canonical.replace(/\s/g, '') ? canonical : written;
}

const NUMERALS = ORDINAL_NUMERALS;
const MARKER = /^(?:([一二三四五六七八九十]+)[、.．]|[（(]([一二三四五六七八九十]+)[）)]|(\d+)[.．、](?!\d))/;
const PART_START = partStarts();

interface LabelPart {
  raw: string;
  level1?: number;
  group?: number;
  item?: number;
  key: string;
}

/** Splits a label cell at its enumeration markers: `(三) 1. 属于国家秘密` → `(三)`, `1. 属于国家秘密`. */
function labelParts(text: string): LabelPart[] {
  const starts: number[] = [];
  PART_START.lastIndex = 0;
  for (let m = PART_START.exec(text); m; m = PART_START.exec(text)) {
    // A marker inside a label's parenthetical note (（区分处理的…）) is not a part boundary.
    if (m.index > 0 && !/[\s\u3000)）\u4e00-\u9fff”"]/.test(text[m.index - 1])) continue;
    if (m.index > 0 && /[（(]/.test(text.slice(0, m.index).replace(/[（(][^）)]*[）)]/g, ''))) continue;
    starts.push(m.index);
  }
  if (starts[0] !== 0) starts.unshift(0);
  const parts: LabelPart[] = [];
  starts.forEach((s, i) => {
    const raw = trimAll(text.slice(s, starts[i + 1] ?? text.length));
    if (!raw) return;
    const folded = foldWidth(raw);
    const m = MARKER.exec(folded);
    const numeral = (s: string) => NUMERALS.indexOf(s) + 1;
    parts.push({
      raw,
      level1: m?.[1] && m[1].length === 1 ? numeral(m[1]) : undefined,
      group: m?.[2] && m[2].length === 1 ? numeral(m[2]) : undefined,
      item: m?.[3] ? Number(m[3]) : undefined,
      key: labelKey(m ? folded.slice(m[0].length) : folded),
    });
  });
  return parts;
}

function stripKey(label: string): string {
  const folded = foldWidth(label);
  const m = MARKER.exec(folded);
  return labelKey(m ? folded.slice(m[0].length) : folded);
}

// ---------------------------------------------------------------------------
// Table 三

const LEVEL1 = (['new', 'carried', 'results', 'forward'] as const).map((id, i) => ({
  id,
  n: i + 1,
  label: TABLE3_LEVEL1[id].label,
  keys: [TABLE3_LEVEL1[id].label, ...TABLE3_LEVEL1[id].variants].map(stripKey),
}));
const GROUPS = TABLE3_GROUPS.map((g, i) => ({ ...g, n: i + 1, keys: [g.label, ...(g.variants ?? []), g.short ?? g.label].map(stripKey) }));
const ITEMS = TABLE3_GROUPS.flatMap((g) =>
  g.items.map((item, i) => ({
    group: g.id,
    n: i + 1,
    id: `${g.id}.${i + 1}`,
    label: item.label,
    keys: [item.label, ...(item.variants ?? [])].map(stripKey),
  })),
);
const T3_COLUMN_KEYS = TABLE3_COLUMNS.map((c) => ({ c, keys: [c.label, ...(c.variants ?? [])].map(labelKey) }));

interface Row3 {
  id: string;
  values: string[];
  /** Label texts for the draft, by template id (row id, group id, 'results'). */
  labels: Map<string, string>;
}

interface Mapped3 {
  rows: Map<string, Row3>;
  columnLabels: Map<string, string>;
  g6Single?: Row3;
}

interface Ctx3 {
  group?: string;
}

function identify3(texts: string[], ctx: Ctx3, labels: Map<string, string>): { id?: string; groupOnly?: string } {
  let id: string | undefined;
  let groupOnly: string | undefined;
  for (const p of texts.flatMap(labelParts)) {
    // Level 1 (一、…四、).
    if (p.level1 || (!p.group && !p.item)) {
      const m =
        bestMatch(p.key, LEVEL1, (e) => e.keys) ??
        (p.level1 && !p.key ? { entry: LEVEL1[p.level1 - 1], match: 'loose' as Match } : undefined);
      if (m && (!p.level1 || m.entry.n === p.level1)) {
        labels.set(m.entry.id, labelText(p.raw, m.entry.label, m.match));
        ctx.group = undefined;
        if (m.entry.id !== 'results') {
          id = m.entry.id;
          groupOnly = undefined;
        }
        continue;
      }
    }
    // Group （一）…（七）: the numeral names it even when its text is cut or split.
    if (p.group || (!p.level1 && !p.item)) {
      const byText = bestMatch(p.key, GROUPS, (e) => e.keys);
      const g = p.group
        ? byText && byText.entry.n === p.group
          ? byText
          : p.group <= GROUPS.length && (!p.key || GROUPS[p.group - 1].keys.some((k) => keyMatch(p.key, k)) || !byText)
            ? { entry: GROUPS[p.group - 1], match: matchOf(p.key && GROUPS[p.group - 1].keys.includes(p.key)) }
            : byText
        : byText;
      if (g) {
        const grp = g.entry;
        labels.set(grp.id, labelText(p.raw, grp.label, g.match));
        ctx.group = grp.id;
        if (!grp.items.length) {
          id = grp.id === 'g7' ? 'total' : grp.id;
          groupOnly = undefined;
        } else groupOnly = grp.id;
        continue;
      }
    }
    // Item 1.…8. within its group; the text decides when it names another group's item.
    if (p.item || (!p.level1 && !p.group)) {
      const inGroup = ITEMS.filter((e) => e.group === ctx.group);
      let m = bestMatch(p.key, inGroup, (e) => e.keys);
      if (m && p.item && m.entry.n !== p.item && m.match === 'loose') m = undefined;
      if (!m && p.key !== '其他') m = bestMatch(p.key, ITEMS, (e) => e.keys);
      if (!m && p.item && !p.key) {
        const e = inGroup.find((x) => x.n === p.item);
        if (e) m = { entry: e, match: 'loose' };
      }
      // A shortened item label (（六） 1.申请人逾期不补正), as tables.ts reads it: the group's
      // item of that number when the two share at least two characters.
      if (!m && p.item && p.key.length >= 2) {
        const e = inGroup.find((x) => x.n === p.item);
        if (e && [...new Set(p.key)].filter((ch) => e.keys[0].includes(ch)).length >= 2) m = { entry: e, match: 'loose' };
      }
      if (m) {
        labels.set(m.entry.id, labelText(p.raw, m.entry.label, m.match));
        ctx.group = m.entry.group;
        id = m.entry.id;
        groupOnly = undefined;
      }
    }
  }
  return { id, groupOnly };
}

/** The value cells of a row: those after its last label, fitted to `n` columns. */
function rowValues(row: GridCell[], n: number): { labels: string[]; values?: string[]; extra: boolean; short: boolean } {
  const cells = row.filter((c) => !c.covered).map((c) => c.text);
  let last = -1;
  cells.forEach((t, i) => {
    if (cellKind(t) === 'text') last = i;
  });
  const labels = cells.slice(0, last + 1).filter((t) => cellKind(t) === 'text');
  const values = cells.slice(last + 1);
  // Leading empties stand for merged label cells; trailing ones for a TAB at the end of a pasted line.
  while (values.length > n && values[0] === '') values.shift();
  while (values.length > n && values[values.length - 1] === '') values.pop();
  if (values.length > n) return { labels, extra: true, short: false };
  const short = values.length < n && values.some((v) => v !== '');
  while (values.length < n) values.push('');
  return { labels, values, extra: false, short };
}

function rowText(row: GridCell[]): string {
  return row
    .filter((c) => !c.covered && c.text)
    .map((c) => oneLine(c.text))
    .join(' ');
}

interface Positions {
  /** Grid column of each template column. */
  columns: Map<string, number>;
  /** The first value column: cells before it are labels. */
  first: number;
  /** Header labels of columns the template does not have (a local 小计 column). */
  unknown: string[];
}

/**
 * Value columns by their header label path, for grids whose geometry is real (Word, HTML):
 * the header rows are those before `isData` is first true; a column's path is the labels
 * covering it from the top, merged cells included. Undefined unless every template column
 * is found, at distinct columns (then the caller reads cells by position from the left).
 */
function positions(
  t: GridTable,
  isData: (row: GridCell[]) => boolean,
  columnOf: (path: string[]) => string | undefined,
  ids: readonly string[],
): Positions | undefined {
  if (t.loose) return undefined;
  const count = t.rows.findIndex(isData);
  if (count <= 0) return undefined;
  const width = t.rows[0]?.length ?? 0;
  const columns = new Map<string, number>();
  const unknown: string[] = [];
  const paths: string[][] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let r = 0; r < count; r++) {
      const cell = t.rows[r][c];
      const text = cleanLabel(cell.covered ? (cell.from ?? '') : cell.text);
      if (text && path[path.length - 1] !== text) path.push(text);
    }
    paths.push(path);
    const id = path.length ? columnOf(path) : undefined;
    if (id && !columns.has(id)) columns.set(id, c);
  }
  if (!ids.every((id) => columns.has(id))) return undefined;
  const first = Math.min(...columns.values());
  const used = new Set(columns.values());
  for (let c = first; c < width; c++) {
    const leaf = paths[c][paths[c].length - 1];
    if (!used.has(c) && leaf && !paths.slice(0, c).some((p, i) => used.has(i) && p[p.length - 1] === leaf)) unknown.push(leaf);
  }
  return { columns, first, unknown: [...new Set(unknown)] };
}

/** Cells of a row read by position: labels before the first value column, values at their columns. */
function positionalValues(row: GridCell[], pos: Positions, ids: readonly string[]): { labels: string[]; values: string[] } {
  const labels = row
    .slice(0, pos.first)
    .filter((c) => !c.covered && cellKind(c.text) === 'text')
    .map((c) => c.text);
  const values = ids.map((id) => {
    const cell = row[pos.columns.get(id)!];
    return cell && !cell.covered ? cell.text : '';
  });
  return { labels, values };
}

const T3_IDS = TABLE3_COLUMNS.map((c) => c.id);

function table3Column(path: string[]): string | undefined {
  const k = labelKey(path[path.length - 1]);
  return T3_COLUMN_KEYS.find((x) => x.keys.includes(k))?.c.id;
}

function isTable3Data(row: GridCell[]): boolean {
  return row.some(
    (c) =>
      !c.covered &&
      (cellKind(c.text) === 'number' || labelParts(c.text).some((p) => LEVEL1[0].keys.includes(p.key) || LEVEL1[1].keys.includes(p.key))),
  );
}

function map3(tables: GridTable[], issues: UnmappedItem[]): Mapped3 {
  const out: Mapped3 = { rows: new Map(), columnLabels: new Map() };
  const ctx: Ctx3 = {};
  const n = TABLE3_COLUMNS.length;
  const issue = (text: string, zh: string, en: string, kept = false) =>
    issues.push({ table: 'table3', text, message: { zh, en }, ...(kept ? { kept } : {}) });
  for (const t of tables) {
    const pos = positions(t, isTable3Data, table3Column, T3_IDS);
    for (const u of pos?.unknown ?? [])
      issue(
        u,
        '表三中有模板以外的列，这一列的数字没有导入',
        'table 3 has a column the template does not have; its figures were not imported',
      );
    for (const row of t.rows) {
      const texts = row.filter((c) => !c.covered && cellKind(c.text) === 'text').map((c) => c.text);
      // Header cells: column labels (a variant such as 社会组织 is kept as written).
      let header = false;
      for (const text of texts) {
        const k = labelKey(text);
        const col = T3_COLUMN_KEYS.find((x) => x.keys.includes(k));
        if (col) {
          header = true;
          if (!out.columnLabels.has(col.c.id)) out.columnLabels.set(col.c.id, labelText(text, col.c.label, 'exact'));
        } else if (k === labelKey(TABLE3_CORNER) || k === labelKey(TABLE3_APPLICANT_GROUP) || k.includes('勾稽关系')) header = true;
      }
      if (header && !row.some((c) => cellKind(c.text) === 'number')) continue;
      const {
        labels: labelCells,
        values,
        extra,
        short,
      } = pos ? { ...positionalValues(row, pos, T3_IDS), extra: false, short: false } : rowValues(row, n);
      const labels = new Map<string, string>();
      const who = identify3(labelCells, ctx, labels);
      const hasFigures = values?.some((v) => v !== '') ?? true;
      if (!who.id) {
        if (who.groupOnly === OUTDATED_2019.table3SingleRowGroup && hasFigures && values && !out.g6Single) {
          out.g6Single = { id: 'g6', values, labels };
        } else if (hasFigures && rowText(row)) {
          issue(
            rowText(row),
            '表三中有一行无法对应到模板的行，已作为文字保留',
            'a row of table 3 matches no template row; kept as text',
            true,
          );
        } else if (!who.groupOnly && labelCells.length && !labels.size) {
          // Label fragments alone (a label broken by a page break): nothing to keep.
        }
        continue;
      }
      if (out.rows.has(who.id)) {
        issue(rowText(row), '表三中的行重复出现，后一行已作为文字保留', 'a table-3 row appears twice; the second is kept as text', true);
        continue;
      }
      if (extra || !values) {
        issue(
          rowText(row),
          `表三这一行的数字多于${n}个，无法确定各列，已作为文字保留（表中留空）`,
          `this table-3 row has more than ${n} figures; kept as text (left blank in the table)`,
          true,
        );
        out.rows.set(who.id, { id: who.id, values: Array<string>(n).fill(''), labels });
        continue;
      }
      if (short) {
        issue(
          rowText(row),
          `表三这一行只有${values.filter((v) => v !== '').length}个数字，缺少的单元格在行末留空，请核对`,
          'this table-3 row has fewer figures than columns; the missing cells are left blank at its end',
        );
      }
      out.rows.set(who.id, { id: who.id, values, labels });
    }
  }
  return out;
}

function splitRow(line: string): string[] {
  return line.slice(2, -2).split(' | ');
}

function joinRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function render3(m: Mapped3): string[] {
  const template = renderTable3({ value: () => '' });
  const head = template.slice(0, 4);
  const headerCells = splitRow(head[2]);
  TABLE3_COLUMNS.forEach((c, i) => {
    const l = m.columnLabels.get(c.id);
    if (l) headerCells[3 + i] = cellOut(l);
  });
  head[2] = joinRow(headerCells);
  const out = [...head];
  let lastGroup: string | undefined;
  let lastLevel1: string | undefined;
  const all = new Map<string, string>();
  for (const r of m.rows.values()) for (const [k, v] of r.labels) if (!all.has(k)) all.set(k, v);
  for (const r of TABLE3_ROWS) {
    const row = m.rows.get(r.id);
    if (!row) {
      if (r.id === 'g5.5' && m.g6Single)
        out.push(joinRow(['', cellOut(m.g6Single.labels.get('g6') ?? TABLE3_GROUPS[5].label), '', ...m.g6Single.values.map(cellOut)]));
      continue;
    }
    const cells = table3LabelCells(r, r.group !== lastGroup, r.level1 !== lastLevel1);
    lastGroup = r.group;
    lastLevel1 = r.level1;
    const group = TABLE3_GROUPS.find((g) => g.label === r.group);
    const relabel = (i: number, id: string | undefined) => {
      if (id && cells[i]) cells[i] = cellOut(row.labels.get(id) ?? all.get(id) ?? cells[i]);
    };
    if (r.role === 'new' || r.role === 'carried' || r.role === 'forward') relabel(0, r.id);
    else {
      relabel(0, 'results');
      relabel(1, r.item ? group?.id : r.id === 'total' ? 'g7' : r.id);
      if (r.item) relabel(2, r.id);
    }
    out.push(renderTable3Row(r, cells, row.values.map(cellOut)));
    if (r.id === 'g5.5' && m.g6Single)
      out.push(joinRow(['', cellOut(m.g6Single.labels.get('g6') ?? TABLE3_GROUPS[5].label), '', ...m.g6Single.values.map(cellOut)]));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Table 二

const T2_ROWS = TABLE2_BLOCKS.flatMap((block) =>
  block.rows.map((row) => ({ block, row, keys: [row.label, ...(row.variants ?? [])].map(labelKey) })),
);
const T2_COLUMNS = TABLE2_BLOCKS.flatMap((block) =>
  block.columns.map((c) => ({ block, c, keys: [c.label, ...(c.variants ?? [])].map(labelKey) })),
);
const OUTDATED_COLUMN_KEYS = OUTDATED_2019.columnLabels.map(labelKey);
const OUTDATED_ROW_KEYS = OUTDATED_2019.rowLabels.map(labelKey);

function blockOf(text: string): Table2Block | 'outdated' | undefined {
  const f = foldWidth(text);
  const m = /^第二十条第\(?([一二三四五六七八九十]+)\)?项/.exec(f);
  if (!m) return undefined;
  const b = TABLE2_BLOCKS.find((x) => foldWidth(x.label) === `第二十条第(${m[1]})项`);
  return b ?? 'outdated';
}

interface Mapped2 {
  values: Map<string, string>;
  rowLabels: Map<string, string>;
  columnLabels: Map<string, string>;
  present: Set<string>;
  /** Not the 2021 layout: the rows as written. */
  generic?: GridCell[][];
}

function map2(tables: GridTable[], issues: UnmappedItem[]): Mapped2 {
  const out: Mapped2 = { values: new Map(), rowLabels: new Map(), columnLabels: new Map(), present: new Set() };
  const rows = tables.flatMap((t) => t.rows);
  const issue = (text: string, zh: string, en: string, kept = false) =>
    issues.push({ table: 'table2', text, message: { zh, en }, ...(kept ? { kept } : {}) });
  // The superseded 2019 layout (or columns the template does not have): keep the table as written.
  const texts = rows.flatMap((r) => r.map((c) => c.text)).filter((t) => cellKind(t) === 'text');
  const outdated = texts.some(
    (t) => OUTDATED_COLUMN_KEYS.includes(labelKey(t)) || OUTDATED_ROW_KEYS.includes(labelKey(t)) || blockOf(t) === 'outdated',
  );
  if (outdated) {
    out.generic = rows;
    issue(
      texts.slice(0, 3).join(' '),
      '表二不是2021年模板的格式（旧版2019年格式），已按原样转成表格，请改用2021年模板',
      'table 2 is not in the 2021 layout (2019 layout); converted as written',
    );
    return out;
  }
  let block: Table2Block | undefined;
  for (const row of rows) {
    const cells = row.filter((c) => !c.covered);
    const b = cells.map((c) => blockOf(c.text)).find((x) => x);
    if (b && b !== 'outdated') {
      block = b;
      continue;
    }
    const first = cells.find((c) => cellKind(c.text) === 'text');
    if (!first) {
      if (cells.some((c) => cellKind(c.text) === 'number'))
        issue(rowText(row), '表二中有一行没有标签，无法对应，已作为文字保留', 'a table-2 row has no label; kept as text', true);
      continue;
    }
    if (labelKey(first.text) === labelKey(TABLE2_FIRST_COLUMN)) {
      for (const c of cells) {
        const col = T2_COLUMNS.find((x) => (!block || x.block === block) && x.keys.includes(labelKey(c.text)));
        if (col && !out.columnLabels.has(`${col.block.id}.${col.c.id}`))
          out.columnLabels.set(`${col.block.id}.${col.c.id}`, labelText(c.text, col.c.label, 'exact'));
      }
      continue;
    }
    const m = bestMatch(labelKey(first.text), T2_ROWS, (e) => e.keys);
    if (!m) {
      if (cells.some((c) => cellKind(c.text) === 'number'))
        issue(rowText(row), '表二中有一行无法对应到模板的行，已作为文字保留', 'a table-2 row matches no template row; kept as text', true);
      continue;
    }
    const { block: blk, row: tr } = m.entry;
    const id = `${blk.id}.${tr.id}`;
    if (out.present.has(id)) {
      issue(rowText(row), '表二中的行重复出现，后一行已作为文字保留', 'a table-2 row appears twice; the second is kept as text', true);
      continue;
    }
    const v = rowValues(row, blk.columns.length);
    out.present.add(id);
    out.rowLabels.set(id, labelText(first.text, tr.label, m.match));
    if (v.extra || !v.values) {
      issue(
        rowText(row),
        '表二这一行的数字多于模板的列数，已作为文字保留（表中留空）',
        'this table-2 row has more figures than columns; kept as text',
        true,
      );
      continue;
    }
    if (v.short)
      issue(
        rowText(row),
        '表二这一行的数字少于模板的列数，缺少的单元格留空',
        'this table-2 row has fewer figures than columns; the rest is left blank',
      );
    blk.columns.forEach((c, i) => out.values.set(`${id}.${c.id}`, v.values![i]));
  }
  return out;
}

function render2(m: Mapped2, eol: string): string[] {
  if (m.generic) return renderGeneric2(m.generic);
  const out: string[] = [];
  for (const block of TABLE2_BLOCKS) {
    if (!block.rows.some((r) => m.present.has(`${block.id}.${r.id}`))) continue;
    const lines = renderTable2Block(
      { ...block, rows: block.rows.filter((r) => m.present.has(`${block.id}.${r.id}`)) },
      { value: (k) => cellOut(m.values.get(k) ?? ''), eol },
    );
    const header = splitRow(lines[2]);
    block.columns.forEach((c, i) => {
      const l = m.columnLabels.get(`${block.id}.${c.id}`);
      if (l) header[1 + i] = cellOut(l);
    });
    lines[2] = joinRow(header);
    for (let i = 4; i < lines.length; i++) {
      const cells = splitRow(lines[i]);
      const r = block.rows.filter((x) => m.present.has(`${block.id}.${x.id}`))[i - 4];
      cells[0] = cellOut(m.rowLabels.get(`${block.id}.${r.id}`) ?? cells[0]);
      lines[i] = joinRow(cells);
    }
    if (out.length) out.push('');
    out.push(...lines);
  }
  return out;
}

/** Table 二 in a layout the template does not have: block labels in bold, each block's rows as written. */
function renderGeneric2(rows: GridCell[][]): string[] {
  const out: string[] = [];
  let width = 0;
  for (const row of rows) {
    const cells = row.filter((c) => !c.covered).map((c) => c.text);
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    if (!cells.length) continue;
    const label = cells.find((c) => blockOf(c));
    if (label && cells.filter((c) => c).length === 1) {
      if (out.length) out.push('');
      out.push(`**${cellOut(cleanLabel(label))}**`, '');
      width = 0;
      continue;
    }
    if (labelKey(cells[0]) === labelKey(TABLE2_FIRST_COLUMN) || !width) {
      if (width) out.push('');
      width = cells.length;
      out.push(joinRow(cells.map((c) => cellOut(cleanLabel(c)))), joinRow(cells.map((_, i) => (i ? '---:' : '---'))));
      continue;
    }
    const fitted = [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill('')].slice(0, Math.max(width, cells.length));
    out.push(joinRow(fitted.map((c) => cellOut(cellKind(c) === 'text' ? cleanLabel(c) : c))));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Table 四

const T4_HEADER_KEYS = new Set(
  [
    ...TABLE4_BLOCKS.flatMap((b) => b.groups),
    ...TABLE4_RESULT_COLUMNS.flatMap((c) => [c.label, ...('variants' in c ? c.variants : [])]),
  ].map(labelKey),
);

const T4_IDS = TABLE4_COLUMNS.map((c) => c.id);
const T4_RESULT_KEYS = TABLE4_RESULT_COLUMNS.map((c) => ({
  id: c.id,
  keys: [c.label, ...('variants' in c ? c.variants : [])].map(labelKey),
}));

function table4Column(path: string[]): string | undefined {
  const keys = path.map(labelKey);
  const result = T4_RESULT_KEYS.find((r) => r.keys.includes(keys[keys.length - 1]));
  if (!result) return undefined;
  // The block by its most specific group label on the path.
  const block =
    [...TABLE4_BLOCKS].reverse().find((b) => keys.slice(0, -1).some((k) => k === labelKey(b.label))) ??
    TABLE4_BLOCKS.find((b) => keys.slice(0, -1).some((k) => k === labelKey(b.groups[0])) && b.groups.length === 1);
  return block ? `${block.id}.${result.id}` : undefined;
}

function map4(tables: GridTable[], issues: UnmappedItem[]): Map<string, string> | undefined {
  const n = TABLE4_COLUMNS.length;
  const values = new Map<string, string>();
  let found = false;
  const hasNumber = (row: GridCell[]) => row.some((c) => !c.covered && cellKind(c.text) === 'number');
  for (const t of tables) {
    const pos = positions(t, hasNumber, table4Column, T4_IDS);
    for (const u of pos?.unknown ?? [])
      issues.push({
        table: 'table4',
        text: u,
        message: {
          zh: '表四中有模板以外的列，这一列的数字没有导入',
          en: 'table 4 has a column the template does not have; its figures were not imported',
        },
      });
    for (const row of t.rows) {
      if (!hasNumber(row)) continue;
      if (found) {
        issues.push({
          table: 'table4',
          text: rowText(row),
          message: { zh: '表四只有一行数字，多出的行已作为文字保留', en: 'table 4 has one row of figures; the extra row is kept as text' },
          kept: true,
        });
        continue;
      }
      found = true;
      if (pos) {
        const { values: v } = positionalValues(row, pos, T4_IDS);
        T4_IDS.forEach((id, i) => values.set(id, v[i]));
        continue;
      }
      readRow4(row);
    }
  }
  return values;

  function readRow4(row: GridCell[]): void {
    const v = rowValues(row, n);
    if (v.extra || !v.values) {
      issues.push({
        table: 'table4',
        text: rowText(row),
        message: { zh: `表四的数字多于${n}个，无法确定各列，已作为文字保留`, en: `table 4 has more than ${n} figures; kept as text` },
        kept: true,
      });
      return;
    }
    if (v.short)
      issues.push({
        table: 'table4',
        text: rowText(row),
        message: {
          zh: `表四的数字少于${n}个，缺少的单元格在行末留空，请核对`,
          en: `table 4 has fewer than ${n} figures; the rest is left blank`,
        },
      });
    TABLE4_COLUMNS.forEach((c, i) => values.set(c.id, v.values![i]));
  }
}

// ---------------------------------------------------------------------------
// Which table is it?

const T3_KEYS = new Set(
  [
    ...LEVEL1.flatMap((e) => e.keys),
    ...GROUPS.flatMap((e) => e.keys),
    ...ITEMS.flatMap((e) => e.keys),
    ...T3_COLUMN_KEYS.flatMap((x) => x.keys),
  ].filter((k) => k.length >= 3),
);
const T2_KEYS = new Set([
  ...T2_ROWS.flatMap((e) => e.keys),
  ...T2_COLUMNS.flatMap((e) => e.keys),
  ...OUTDATED_COLUMN_KEYS,
  ...OUTDATED_ROW_KEYS,
  labelKey(TABLE2_FIRST_COLUMN),
]);

export function classifyTable(t: GridTable): TableId | undefined {
  let s2 = 0,
    s3 = 0,
    s4 = 0;
  for (const row of t.rows) {
    for (const c of row) {
      if (!c.text || c.covered) continue;
      const k = labelKey(c.text);
      if (blockOf(c.text) || T2_KEYS.has(k)) s2++;
      if (T4_HEADER_KEYS.has(k)) s4++;
      else if (labelParts(c.text).some((p) => p.key.length >= 3 && T3_KEYS.has(p.key))) s3++;
    }
  }
  const best = Math.max(s2, s3, s4);
  if (best < 2) return undefined;
  return best === s3 ? 'table3' : best === s4 ? 'table4' : 'table2';
}

// ---------------------------------------------------------------------------
// Paragraphs: title, section headings, sub-headings

const SECTION_NUMBERING = /^[\s\u3000\u00a0]*(?:[一二三四五六七八九十]+|\d+)[\s\u3000]*[、.．:：][\s\u3000]*/;

function sectionOf(text: string, headingLevel?: number): SectionNumber | undefined {
  const t = trimAll(text);
  if (t.length > 40 || /[。；;]$/.test(t)) return undefined;
  const numbered = SECTION_NUMBERING.test(t);
  if (!numbered && !headingLevel) return undefined;
  // A sub-heading styled as a heading below the top level (（一）主动公开情况, outline level 2) is one of 一's topics, not section 二.
  if (!numbered && (headingLevel ?? 1) > 1 && isSubHeading(t)) return undefined;
  const rest = labelKey(t.replace(SECTION_NUMBERING, ''));
  if (!rest) return undefined;
  const s =
    SECTIONS.find((x) => x.aliases.some((a) => labelKey(a) === rest)) ??
    SECTIONS.find((x) => x.keywords.some((kw) => kw.every((k) => rest.includes(labelKey(k)))) && rest.length <= 30);
  return s?.number;
}

function sectionHeading(text: string, n: SectionNumber): string {
  const canonical = canonicalSectionHeading(n);
  const written = oneLine(text);
  return written.replace(/\s/g, '') === canonical ? canonical : written;
}

const SUB_HEADING = /^[（(][一二三四五六七八九十]+[）)]/;

function isSubHeading(text: string): boolean {
  const t = trimAll(text);
  return SUB_HEADING.test(foldWidth(t).replace(/^\(/, '(')) && t.length <= 30 && !/[。；;，,]/.test(t.slice(0, -1)) && !/[。；;]$/.test(t);
}

function titleText(text: string): string {
  // Spaces the extraction put around the year: 安乐镇人民政府 2023 年… → 安乐镇人民政府2023年…
  return oneLine(text).replace(/\s*(\d{4})\s*年\s*/, '$1年');
}

/** A report title: 政府信息公开工作年度报告, or a short form of it (政府信息公开年度报告). */
export function looksLikeTitle(text: string): boolean {
  const k = labelKey(text);
  return text.length <= 80 && (k.includes(REPORT_TITLE_PHRASE) || (/政府信息公开(?:工作)?(?:年度)?报告$/.test(k) && /年/.test(k)));
}

/** Text safe as a Markdown paragraph: no accidental heading, quote, list, table or HTML. */
function paragraphOut(text: string): string {
  let t = oneLine(text.replace(/\n/g, ' '));
  if (/^(?:#{1,6}\s|>|[-+*]\s|<|\d+[.)]\s|\|)/.test(t)) t = `\\${t}`;
  return t;
}

// ---------------------------------------------------------------------------

/** Maps a read document onto the template and renders the canonical draft. */
export function mapDocument(doc: GridDocument, opts: MapOptions = {}): MapResult {
  const eol = opts.eol ?? '\n';
  const unmapped: UnmappedItem[] = [];
  const blocks = attachBlockLabels(doc.blocks);
  // Tables by template table; pieces of one table (table 二 written as four tables) render once, at the first.
  const kinds = blocks.map((b) => (b.kind === 'table' ? classifyTable(b) : undefined));
  const pieces: Record<TableId, GridTable[]> = { table2: [], table3: [], table4: [] };
  blocks.forEach((b, i) => {
    const k = kinds[i];
    if (b.kind === 'table' && k) pieces[k].push(b);
  });
  const rendered: Partial<Record<TableId, string[]>> = {};
  for (const t of ['table2', 'table3', 'table4'] as TableId[])
    if (pieces[t].length) rendered[t] = renderTemplateTable(t, pieces[t], unmapped, eol);
  const body: string[] = [];
  const push = (...lines: string[]) => {
    if (body.length) body.push('');
    body.push(...lines);
  };
  let sawSection = false;
  let sawTitle = false;
  let titleKey = '';
  const done = new Set<TableId>();
  const noteKey = labelKey(TABLE3_NOTE);
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind === 'table') {
      const k = kinds[i];
      if (k) {
        if (!done.has(k)) {
          done.add(k);
          push(...rendered[k]!);
          for (const u of unmapped) if (u.table === k && u.kept) push(paragraphOut(u.text));
        }
        continue;
      }
      const generic = renderGeneric(b);
      if (generic.length) {
        push(...generic);
        unmapped.push({
          text: rowText(b.rows[0] ?? []),
          message: {
            zh: '这张表格不是模板中的表二、表三或表四，已原样保留为普通表格',
            en: 'a table that is not table 2, 3 or 4 of the template; kept as written',
          },
        });
      }
      continue;
    }
    // Any reader may carry Word's conditional comments as text (a CMS escaped them; LibreOffice keeps them).
    const text = trimAll(stripConditionalComments(b.text));
    if (!text) continue;
    if (rendered.table3 && labelKey(text) === noteKey) continue;
    const n = sectionOf(text, b.headingLevel);
    if (n) {
      sawSection = true;
      push(`## ${sectionHeading(text, n)}`);
      continue;
    }
    // The title repeated inside the article (a web page shows it above and in the text).
    if (!sawSection && titleKey && labelKey(titleText(text)) === titleKey) continue;
    if (!sawSection && !sawTitle && looksLikeTitle(text)) {
      sawTitle = true;
      // A title broken after the agency (七级镇人民政府 / 2023年…): join the short line before it.
      const prev = body.length ? body[body.length - 1] : undefined;
      let title = text;
      if (prev && /^\d{4}/.test(text) && prev.length <= 30 && !/[。，]/.test(prev)) {
        body.pop();
        if (body[body.length - 1] === '') body.pop();
        title = prev + text;
      }
      push(`# ${titleText(title)}`);
      titleKey = labelKey(titleText(title));
      continue;
    }
    if (sawSection && (isSubHeading(text) || (b.headingLevel && b.headingLevel >= 2 && text.length <= 40))) {
      push(`### ${oneLine(text)}`);
      continue;
    }
    push(paragraphOut(text));
  }
  const lines: string[] = [];
  if (opts.comment !== false && unmapped.length) lines.push(...unmappedComment(unmapped), '');
  lines.push(...body, '');
  return { markdown: lines.join(eol), unmapped, tables: (['table2', 'table3', 'table4'] as TableId[]).filter((t) => rendered[t]) };
}

/** The canonical Markdown of one template table from its pieces (one or more grids). */
function renderTemplateTable(t: TableId, pieces: GridTable[], unmapped: UnmappedItem[], eol: string): string[] {
  if (t === 'table2') return render2(map2(pieces, unmapped), eol);
  if (t === 'table3') return render3(map3(pieces, unmapped));
  const v = map4(pieces, unmapped);
  return renderTable4({ value: (k) => cellOut(v?.get(k) ?? '') });
}

/**
 * Pasted tab-separated text (a table copied from Word, Excel or a PDF) as the canonical
 * table of a section, by the same mapper as the importer: used by the table-missing fix.
 * The rows it cannot map follow the table as paragraphs. Undefined when no table is found.
 */
export function convertPastedTable(text: string, table: TableId, eol = '\n'): { lines: string[]; unmapped: UnmappedItem[] } | undefined {
  const grids = attachBlockLabels(readPlainText(text).blocks).filter((b): b is GridTable => b.kind === 'table');
  if (!grids.length) return undefined;
  const unmapped: UnmappedItem[] = [];
  const own = grids.filter((g) => classifyTable(g) === table);
  const lines = own.length
    ? renderTemplateTable(table, own, unmapped, eol)
    : grids.flatMap((g, i) => [...(i ? [''] : []), ...renderGeneric(g)]);
  for (const u of unmapped) if (u.kept) lines.push('', paragraphOut(u.text));
  return { lines, unmapped };
}

/** A 第二十条 block label written as a paragraph right before a table becomes that table's first row. */
function attachBlockLabels(blocks: GridBlock[]): GridBlock[] {
  const out: GridBlock[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const next = blocks[i + 1];
    if (b.kind === 'paragraph' && blockOf(trimAll(b.text)) && trimAll(b.text).length <= 30 && next?.kind === 'table') {
      const width = next.rows[0]?.length ?? 1;
      blocks[i + 1] = {
        ...next,
        rows: [[{ text: trimAll(b.text) }, ...Array.from({ length: width - 1 }, () => ({ text: '' }))], ...next.rows],
      };
      continue;
    }
    out.push(b);
  }
  return out;
}

/** A table the template does not have, as a GFM table of its rows (first row as header). */
function renderGeneric(t: GridTable): string[] {
  const rows = t.rows.map((r) => r.map((c) => (c.covered ? '' : cellOut(c.text)))).filter((r) => r.some((c) => c));
  if (!rows.length) return [];
  const width = Math.max(...rows.map((r) => r.length));
  const fit = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  return [joinRow(fit(rows[0])), joinRow(Array<string>(width).fill('---')), ...rows.slice(1).map((r) => joinRow(fit(r)))];
}

/** The start of the comment an import puts at the top of a draft (a next-year draft leaves it behind). */
export const IMPORT_NOTE_START = '<!-- 导入提示：';

function unmappedComment(items: UnmappedItem[]): string[] {
  const safe = (s: string) => s.replace(/--/g, '－－').replace(/>/g, '＞');
  return [
    `${IMPORT_NOTE_START}以下内容未能对应到模板，已作为文字或原样保留，请核对：`,
    ...items.map((u) => `- ${u.table ? TABLE_NAME[u.table].zh + '：' : ''}${safe(u.message.zh)}：${safe(oneLine(u.text)).slice(0, 120)}`),
    '-->',
  ];
}

export { TABLE_NAME };
