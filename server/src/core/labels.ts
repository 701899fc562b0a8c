/**
 * The one label matcher: which template row or column a label as written names. The report
 * parser (tables.ts), the import and paste mapper (grid/), the Markdown preview (through the
 * parser's functions) and so the table editor and the export all read labels through here,
 * so they agree on every variant.
 *
 * Tolerant in one way everywhere:
 * - width, spaces, brackets, quotes and punctuation (labelKey), numbering half-width or dropped;
 * - a label cut short (page break, narrow column) or run on (行政许可决定), when only one
 *   template label fits;
 * - a typo or two by the shared bounded edit distance, when one template label is clearly closest;
 * - within table 三, a label that is a tail or variant of the label expected at that position
 *   of its block (“其他” after 2.… in （六）其他处理 is 3.其他), and a shortened item label by its
 *   number within its group.
 * A match is `exact` when the keys are equal (only width, spacing or numbering differ) and
 * `loose` otherwise; either way the caller compares the text with the canonical label (the
 * row-label and column-label rules), so a recognised variant is a warning, never a missing row.
 */
import { foldWidth, labelKey } from './normalize';
import { editDistance } from './text/edit-distance';
import { leadingMarker, partStarts } from './text/enumeration';
import { NUMERAL_CHARS } from './text/numerals';
import {
  ColumnTemplate,
  TABLE2_BLOCKS,
  TABLE2_FIRST_COLUMN,
  TABLE3_APPLICANT_GROUP,
  TABLE3_COLUMNS,
  TABLE3_CORNER,
  TABLE3_GROUPS,
  TABLE3_LEVEL1,
  TABLE3_ROWS,
  TABLE4_BLOCKS,
  TABLE4_COLUMNS,
  Table2Block,
  RowTemplate,
  TableId,
} from './template';

export type LabelMatch = 'exact' | 'loose';

// ---------------------------------------------------------------------------
// Keys

/** How far a written key may be from a template key: a typo or two, never on short labels. */
function typoLimit(key: string): number {
  return key.length < 4 ? 0 : key.length < 8 ? 1 : key.length < 16 ? 2 : 3;
}

/** How a written key matches one template key: equal, cut short, run on, or a small typo. */
function keyMatch(written: string, key: string): LabelMatch | undefined {
  if (!written) return undefined;
  if (written === key) return 'exact';
  if (written.length >= 2 && key.startsWith(written)) return 'loose';
  if (key.length >= 4 && written.startsWith(key)) return 'loose';
  const limit = typoLimit(key);
  if (limit && editDistance(written, key, limit) <= limit) return 'loose';
  return undefined;
}

/**
 * The one entry a written key names: the only exact one, else the only loose one, else the
 * clearly closest by edit distance (a tie between two template labels is never guessed).
 */
function bestMatch<T>(
  written: string,
  entries: readonly T[],
  keys: (e: T) => readonly string[],
): { entry: T; match: LabelMatch } | undefined {
  if (!written) return undefined;
  const exact = entries.filter((e) => keys(e).includes(written));
  if (exact.length) return exact.length === 1 ? { entry: exact[0], match: 'exact' } : undefined;
  const cut = entries.filter((e) =>
    keys(e).some((k) => (written.length >= 2 && k.startsWith(written)) || (k.length >= 4 && written.startsWith(k))),
  );
  if (cut.length) return cut.length === 1 ? { entry: cut[0], match: 'loose' } : undefined;
  let best: T | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const e of entries) {
    for (const k of keys(e)) {
      const limit = typoLimit(k);
      if (!limit) continue;
      const d = editDistance(written, k, limit);
      if (d > limit) continue;
      if (d < bestD) {
        best = e;
        bestD = d;
        tie = false;
      } else if (d === bestD && e !== best) tie = true;
    }
  }
  return best !== undefined && !tie ? { entry: best, match: 'loose' } : undefined;
}

/** The one candidate within a typo or two of `key`; none when two are equally close. */
function nearest<T>(key: string, candidates: readonly T[], keysOf: (c: T) => string[]): T | undefined {
  const limit = typoLimit(key);
  if (!limit) return undefined;
  let best: T | undefined;
  let bestD = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const d = Math.min(...keysOf(c).map((k) => editDistance(key, k, limit)));
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD && c !== best) tie = true;
  }
  return bestD <= limit && !tie ? best : undefined;
}

/** Key of a label without its leading enumeration: `（三）不予公开` → `不予公开`. */
function strippedKey(label: string): string {
  const folded = foldWidth(label);
  return labelKey(folded.slice(leadingMarker(folded).length));
}

// ---------------------------------------------------------------------------
// Label parts

export interface LabelPart {
  /** Offsets of the trimmed part in the label text. */
  start: number;
  end: number;
  raw: string;
  /** What the leading marker numbers: 一、 a level-1 label, （一） a group, 1. an item. */
  level?: 'level1' | 'group' | 'item';
  /** The marker's number (（三） → 3). */
  n?: number;
  /** Comparison key without the marker. */
  key: string;
}

const PART_START = partStarts();
const SPACE = /[\s\u00a0\u3000\u200b\ufeff]/;

function markerOf(folded: string): { length: number; level?: LabelPart['level']; n?: number } {
  const marker = leadingMarker(folded);
  if (!marker) return { length: 0 };
  const numeral = (s: string) => (s.length === 1 ? NUMERAL_CHARS.indexOf(s) : -1);
  if (/^\d/.test(marker)) return { length: marker.length, level: 'item', n: parseInt(marker, 10) };
  if (marker.startsWith('(')) {
    const n = numeral(marker.slice(1, -1));
    return { length: marker.length, level: 'group', n: n > 0 ? n : undefined };
  }
  const n = numeral(marker.slice(0, -1));
  return { length: marker.length, level: 'level1', n: n > 0 ? n : undefined };
}

/**
 * A label cell split at its enumeration markers: `(三) 1. 属于国家秘密` → `(三)`, `1. 属于国家秘密`.
 * A marker counts only after a space, a bracket, a Chinese character or a quote, and never
 * inside a parenthetical note (（区分处理的…）).
 */
export function labelParts(text: string): readonly LabelPart[] {
  let parts = partsMemo.get(text);
  if (!parts) {
    if (partsMemo.size >= MEMO_MAX) partsMemo.clear();
    partsMemo.set(text, (parts = splitParts(text)));
  }
  return parts;
}

/**
 * Label texts recur in every analysis of a document (an edit changes one cell): their parts
 * and keys are kept, bounded, since the texts come from the user.
 */
const MEMO_MAX = 4096;
const partsMemo = new Map<string, readonly LabelPart[]>();
const keyMemo = new Map<string, string>();

/** labelKey of a written label, memoised. */
function keyOf(text: string): string {
  let k = keyMemo.get(text);
  if (k === undefined) {
    if (keyMemo.size >= MEMO_MAX) keyMemo.clear();
    keyMemo.set(text, (k = labelKey(text)));
  }
  return k;
}

function splitParts(text: string): LabelPart[] {
  const starts: number[] = [];
  // Whether a bracket is open before the marker, scanned once along the text (labels come from users).
  let scanned = 0;
  let inNote = false;
  PART_START.lastIndex = 0;
  for (let m = PART_START.exec(text); m; m = PART_START.exec(text)) {
    for (; scanned < m.index; scanned++) {
      const ch = text[scanned];
      if (ch === '（' || ch === '(') inNote = true;
      else if (ch === '）' || ch === ')') inNote = false;
    }
    if (m.index > 0 && !/[\s\u3000)）\u4e00-\u9fff”"]/.test(text[m.index - 1])) continue;
    if (m.index > 0 && inNote) continue;
    starts.push(m.index);
  }
  if (starts[0] !== 0) starts.unshift(0);
  const parts: LabelPart[] = [];
  for (let i = 0; i < starts.length; i++) {
    let s = starts[i];
    let e = i + 1 < starts.length ? starts[i + 1] : text.length;
    while (s < e && SPACE.test(text[s])) s++;
    while (e > s && SPACE.test(text[e - 1])) e--;
    if (s === e) continue;
    const raw = text.slice(s, e);
    const folded = foldWidth(raw);
    const marker = markerOf(folded);
    parts.push({ start: s, end: e, raw, level: marker.level, n: marker.n, key: labelKey(folded.slice(marker.length)) });
  }
  return parts;
}

// ---------------------------------------------------------------------------
// Table 三 rows

type Level1Id = keyof typeof TABLE3_LEVEL1;

interface Entry {
  kind: 'level1' | 'group' | 'item';
  /** Level-1 id, group id, or row id (items). */
  id: string;
  /** The number the template gives it (三、 → 3, （六） → 6, 3.其他 → 3). */
  n: number;
  canonical: string;
  keys: string[];
  /** The data row it names, if it names one. */
  rowId?: string;
  /** The group an item belongs to. */
  group?: string;
}

const LEVEL1_IDS: Level1Id[] = ['new', 'carried', 'results', 'forward'];

const LEVEL1: Entry[] = LEVEL1_IDS.map((id, i) => ({
  kind: 'level1',
  id,
  n: i + 1,
  canonical: TABLE3_LEVEL1[id].label,
  keys: [TABLE3_LEVEL1[id].label, ...TABLE3_LEVEL1[id].variants].map(strippedKey),
  rowId: id === 'results' ? undefined : id,
}));

const GROUPS: Entry[] = TABLE3_GROUPS.map((g, i) => ({
  kind: 'group',
  id: g.id,
  n: i + 1,
  canonical: g.label,
  keys: [...new Set([g.label, ...(g.variants ?? []), g.short ?? g.label].map(strippedKey))],
  rowId: g.items.length ? undefined : g.id === 'g7' ? 'total' : g.id,
}));

const ITEMS: Entry[] = TABLE3_GROUPS.flatMap((g) =>
  g.items.map((item, i) => ({
    kind: 'item' as const,
    id: `${g.id}.${i + 1}`,
    n: i + 1,
    canonical: item.label,
    keys: [item.label, ...(item.variants ?? [])].map(strippedKey),
    rowId: `${g.id}.${i + 1}`,
    group: g.id,
  })),
);

const ROW_INDEX = new Map(TABLE3_ROWS.map((r, i) => [r.id, i]));
const GROUP_OF_ROW = new Map(TABLE3_ROWS.map((r) => [r.id, TABLE3_GROUPS.find((g) => g.label === r.group)?.id]));
const ITEM_BY_ID = new Map(ITEMS.map((e) => [e.id, e]));

/** Keys that name a row of table 三 on their own (not 其他 or 总计, which are also column names). */
const TABLE3_ROW_KEYS = new Set([...LEVEL1, ...GROUPS, ...ITEMS].flatMap((e) => e.keys).filter((k) => k !== '其他' && k !== '总计'));

/** A label cell that names a row of table 三 by itself (a data row, not the header). */
export function namesTable3Row(text: string): boolean {
  return labelParts(text).some((p) => TABLE3_ROW_KEYS.has(p.key));
}

/** The first two rows of table 三 (新收, 结转) by their labels: where its header ends. */
export function namesTable3FirstRows(text: string): boolean {
  return labelParts(text).some((p) => LEVEL1[0].keys.includes(p.key) || LEVEL1[1].keys.includes(p.key));
}

export interface Table3PartMatch {
  /** Index of the label cell the part is in. */
  cell: number;
  part: LabelPart;
  kind: 'level1' | 'group' | 'item';
  /** Level-1 id (new, carried, results, forward), group id (g1…g7) or row id (g3.1…). */
  id: string;
  canonical: string;
  match: LabelMatch;
}

export interface Table3RowReading {
  /** The template row the labels name. */
  id?: string;
  /** A group with items named alone (a merged label written out, or the 2019 （六）其他处理 row). */
  groupOnly?: string;
  /** The parts that named something. */
  matches: Table3PartMatch[];
  /** The labels as written, joined by spaces. */
  label: string;
}

interface Candidate {
  entry: Entry;
  match: LabelMatch;
}

const CANDIDATE_MEMO_MAX = 4096;

/**
 * Reads the rows of one table 三 in order: a row's labels are read in the context of the rows
 * above it (the group in force, where the last row was), as merged cells are written once.
 */
export class Table3RowReader {
  private group?: string;
  /** Index in TABLE3_ROWS of the last row read, -1 before any. */
  private last = -1;
  /** Candidate per (context, part): the typo search runs once per distinct label of a report. */
  private static memo = new Map<string, Candidate | null>();

  read(labels: readonly string[]): Table3RowReading {
    const matches: Table3PartMatch[] = [];
    const written: string[] = [];
    let id: string | undefined;
    let groupOnly: string | undefined;
    labels.forEach((text, cell) => {
      for (const part of labelParts(text)) {
        written.push(part.raw);
        const c = this.candidate(part);
        if (!c) continue;
        const { entry, match } = c;
        matches.push({ cell, part, kind: entry.kind, id: entry.id, canonical: entry.canonical, match });
        if (entry.kind === 'level1') {
          this.group = undefined;
          if (entry.rowId) {
            id = entry.rowId;
            groupOnly = undefined;
          }
        } else if (entry.kind === 'group') {
          this.group = entry.id;
          if (entry.rowId) {
            id = entry.rowId;
            groupOnly = undefined;
          } else groupOnly = entry.id;
        } else {
          this.group = entry.group;
          id = entry.rowId;
          groupOnly = undefined;
        }
      }
    });
    if (id !== undefined) this.last = Math.max(this.last, ROW_INDEX.get(id) ?? this.last);
    return { id, groupOnly, matches, label: written.join(' ') };
  }

  /** The next template row expected here: after the last row read, within the group in force. */
  private expected(): Entry | undefined {
    for (let i = this.last + 1; i < TABLE3_ROWS.length; i++) {
      const row = TABLE3_ROWS[i];
      if (this.group && GROUP_OF_ROW.get(row.id) !== this.group) continue;
      return ITEM_BY_ID.get(row.id);
    }
    return undefined;
  }

  private candidate(p: LabelPart): Candidate | undefined {
    const memoKey = `${this.group ?? ''}\u0000${this.last}\u0000${p.level ?? ''}${p.n ?? ''}\u0000${p.key}`;
    const known = Table3RowReader.memo.get(memoKey);
    if (known !== undefined) return known ?? undefined;
    const found = this.find(p);
    if (Table3RowReader.memo.size >= CANDIDATE_MEMO_MAX) Table3RowReader.memo.clear();
    Table3RowReader.memo.set(memoKey, found ?? null);
    return found;
  }

  private find(p: LabelPart): Candidate | undefined {
    const level1 = !p.level || p.level === 'level1' || p.key.length >= 4 ? this.level1(p) : undefined;
    // 七、总计 for （七）总计: another marker only with the group's own text.
    const groupByText = p.level === 'level1' ? bestMatch(p.key, GROUPS, (e) => e.keys) : undefined;
    const group =
      p.level === 'item' ? undefined : p.level === 'level1' ? (groupByText?.match === 'exact' ? groupByText : undefined) : this.groupOf(p);
    const item = !p.level || p.level === 'item' ? this.item(p) : undefined;
    const all = [level1, group, item].filter((c): c is Candidate => !!c);
    // Equal keys first (其他 is item 3.其他, not a cut 其他处理), then by level.
    return all.find((c) => c.match === 'exact') ?? all[0] ?? (!p.level || p.level === 'item' ? this.byPosition(p) : undefined);
  }

  private level1(p: LabelPart): Candidate | undefined {
    const m = bestMatch(p.key, LEVEL1, (e) => e.keys);
    if (m && p.level && p.level !== 'level1' && m.match !== 'exact') return undefined;
    if (m && p.level === 'level1' && p.n && m.entry.n !== p.n && m.match !== 'exact') return undefined;
    if (m) return m;
    // A bare 三、 (the label text on the next line of a page).
    if (p.level === 'level1' && !p.key && p.n && p.n <= LEVEL1.length) return { entry: LEVEL1[p.n - 1], match: 'loose' };
    return undefined;
  }

  /** A group （一）…（七）: its numeral names it even when its text is cut or split. */
  private groupOf(p: LabelPart): Candidate | undefined {
    const byText = bestMatch(p.key, GROUPS, (e) => e.keys);
    if (p.level !== 'group' || !p.n) return byText;
    if (byText && byText.entry.n === p.n) return byText;
    const numbered = GROUPS[p.n - 1];
    if (numbered && (!p.key || numbered.keys.some((k) => keyMatch(p.key, k)) || !byText))
      return { entry: numbered, match: numbered.keys.includes(p.key) ? 'exact' : 'loose' };
    return byText;
  }

  /** An item 1.…8. within the group in force; its text decides when it names another group's item. */
  private item(p: LabelPart): Candidate | undefined {
    const inGroup = this.group ? ITEMS.filter((e) => e.group === this.group) : [];
    let m = bestMatch(p.key, inGroup, (e) => e.keys);
    if (m && p.n && m.entry.n !== p.n && m.match === 'loose') m = undefined;
    if (m) return m;
    // Out of its group only by text that names one item (其他 alone names none).
    if (p.key !== '其他') {
      const any = bestMatch(p.key, ITEMS, (e) => e.keys);
      if (any && !(p.n && any.entry.n !== p.n && any.match === 'loose')) return any;
    }
    const numbered = p.n ? inGroup.find((e) => e.n === p.n) : undefined;
    if (!numbered) return undefined;
    // A bare 1. (its text on another line), or a shortened label sharing two characters with the item's.
    if (!p.key) return { entry: numbered, match: 'loose' };
    if (p.key.length >= 2 && shared(p.key, numbered.keys[0]) >= 2) return { entry: numbered, match: 'loose' };
    return undefined;
  }

  /**
   * The row expected at this position of its block, when the label is a part or a variant of
   * its label: a tail (不再处理其政府信息公开申请), a piece (逾期不补正), or the label with a word
   * around it (其他情形 for 3.其他).
   */
  private byPosition(p: LabelPart): Candidate | undefined {
    const e = this.expected();
    if (!e || p.key.length < 2 || (p.n && p.n !== e.n)) return undefined;
    const k = e.keys[0];
    if (k.includes(p.key) || (k.length >= 2 && p.key.includes(k) && p.key.length <= k.length + 4)) return { entry: e, match: 'loose' };
    // A typo; in a two- or three-character label only when its number says it is this row too.
    const limit = k.length >= 4 ? Math.max(1, Math.floor(k.length / 4)) : p.n === e.n ? 1 : 0;
    return limit && editDistance(p.key, k, limit) <= limit ? { entry: e, match: 'loose' } : undefined;
  }
}

/** Characters two keys share. */
function shared(a: string, b: string): number {
  let n = 0;
  for (const ch of new Set(a)) if (b.includes(ch)) n++;
  return n;
}

// ---------------------------------------------------------------------------
// Columns

export interface HeaderColumn {
  index: number;
  /** The column's own label (the deepest header label over it). */
  name?: string;
  /** Labels above it, outermost first (merged group labels). */
  groups: string[];
}

export interface ColumnMatch {
  template: ColumnTemplate;
  index: number;
  match: LabelMatch;
}

const columnKeyMemo = new WeakMap<ColumnTemplate, string[]>();

function columnKeys(t: ColumnTemplate): string[] {
  let keys = columnKeyMemo.get(t);
  if (!keys) columnKeyMemo.set(t, (keys = [t.label, ...(t.variants ?? [])].map(labelKey)));
  return keys;
}

const BLOCK_KEYS = TABLE4_BLOCKS.map((b) => labelKey(b.label));

/** A header group naming another block of table 四 (复议后起诉 above a 直接起诉 column). */
function isGroupOfOther(group: string, t: ColumnTemplate): boolean {
  const g = keyOf(group);
  const own = (t.groups ?? []).map(keyOf);
  return BLOCK_KEYS.some((x) => g.includes(x) && !own.some((o) => o.includes(x)));
}

/**
 * Header columns matched to template columns: by label or variant, repeated names told apart
 * by their group labels, else by order; then a header with a typo (社会公易组织) to the closest
 * template column still missing, when it is clearly the closest.
 */
export function matchColumns(
  header: readonly HeaderColumn[],
  templates: readonly ColumnTemplate[],
): { columns: ColumnMatch[]; missing: ColumnTemplate[] } {
  const used = new Set<number>();
  const columns: ColumnMatch[] = [];
  const missing: ColumnTemplate[] = [];
  const nameKey = new Map(header.map((h) => [h.index, h.name ? keyOf(h.name) : '']));
  for (const t of templates) {
    const keys = columnKeys(t);
    const candidates = header.filter((h) => h.name && !used.has(h.index) && keys.includes(nameKey.get(h.index)!));
    const groupKeys = (t.groups ?? []).map(keyOf);
    const inGroup = candidates.filter((h) => {
      const hk = h.groups.map(keyOf);
      return groupKeys.length > 0 && groupKeys.every((g) => hk.some((x) => x === g || x.includes(g)));
    });
    const pick =
      inGroup[0] ??
      candidates.find((h) => h.groups.length === 0 || groupKeys.length === 0 || !h.groups.some((g) => isGroupOfOther(g, t))) ??
      candidates[0];
    if (!pick) {
      missing.push(t);
      continue;
    }
    used.add(pick.index);
    columns.push({ template: t, index: pick.index, match: 'exact' });
  }
  // Only typos here: a cut header (其他 for 其他结果) is matched by the template's variants or not at all.
  const allKeys = new Set(templates.flatMap(columnKeys));
  for (const t of [...missing]) {
    const free = header.filter((h) => h.name && !used.has(h.index) && !allKeys.has(nameKey.get(h.index)!));
    const h = nearest(labelKey(t.label), free, (x) => [nameKey.get(x.index)!]);
    if (!h || nearest(nameKey.get(h.index)!, missing, columnKeys) !== t) continue;
    used.add(h.index);
    missing.splice(missing.indexOf(t), 1);
    columns.push({ template: t, index: h.index, match: 'loose' });
  }
  columns.sort((a, b) => a.index - b.index);
  return { columns, missing };
}

// ---------------------------------------------------------------------------
// Table 二

export interface Table2RowEntry {
  block: Table2Block;
  row: RowTemplate;
  keys: string[];
}

const TABLE2_ROW_ENTRIES: readonly Table2RowEntry[] = TABLE2_BLOCKS.flatMap((block) =>
  block.rows.map((row) => ({ block, row, keys: [row.label, ...(row.variants ?? [])].map(labelKey) })),
);

/** The row of table 二 a first cell names: its label or variant, cut or run on (行政许可决定), or with a typo. */
export function matchTable2Row(text: string): { entry: Table2RowEntry; match: LabelMatch } | undefined {
  return bestMatch(keyOf(text), TABLE2_ROW_ENTRIES, (e) => e.keys);
}

// ---------------------------------------------------------------------------
// Every template label

const HEADER_WORDS = [TABLE3_CORNER, TABLE3_APPLICANT_GROUP, TABLE2_FIRST_COLUMN];

const ALL_KEYS = new Set(
  [
    ...[...LEVEL1, ...GROUPS, ...ITEMS].flatMap((e) => e.keys),
    ...TABLE3_COLUMNS.flatMap(columnKeys),
    ...TABLE4_COLUMNS.flatMap(columnKeys),
    ...TABLE4_BLOCKS.flatMap((b) => b.groups.map(labelKey)),
    ...TABLE2_ROW_ENTRIES.flatMap((e) => e.keys),
    ...TABLE2_BLOCKS.flatMap((b) => b.columns.flatMap(columnKeys)),
    ...HEADER_WORDS.map(labelKey),
  ].filter(Boolean),
);

/** Keys of each template table's own labels (rows, columns, groups), to tell which table a grid is. */
export const TABLE_LABEL_KEYS: Readonly<Record<TableId, ReadonlySet<string>>> = {
  table2: new Set([
    ...TABLE2_ROW_ENTRIES.flatMap((e) => e.keys),
    ...TABLE2_BLOCKS.flatMap((b) => b.columns.flatMap(columnKeys)),
    labelKey(TABLE2_FIRST_COLUMN),
  ]),
  table3: new Set([...[...LEVEL1, ...GROUPS, ...ITEMS].flatMap((e) => e.keys), ...TABLE3_COLUMNS.flatMap(columnKeys)]),
  table4: new Set([...TABLE4_BLOCKS.flatMap((b) => b.groups.map(labelKey)), ...TABLE4_COLUMNS.flatMap(columnKeys)]),
};

/** Whether a text is, by its key, a label of the template's tables (any row, column or group). */
export function isTemplateLabel(text: string): boolean {
  return ALL_KEYS.has(strippedKey(text));
}
