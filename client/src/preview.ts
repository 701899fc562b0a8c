/**
 * markdown-it plugin for VS Code's Markdown preview: tables 三 and 四 of a report are drawn in
 * the official merged layout (core/table-layout.ts, the layout the Word/HTML export uses),
 * and cells with a diagnostic are marked at render time.
 *
 * Which row and column a cell is comes from the report parser's own table mapping (core/tables.ts
 * and the one label matcher, core/labels.ts, bundled into the client): a label the checker
 * recognises is drawn in its row here too, and a table the checker cannot map stays a plain table.
 *
 * Written against the markdown-it 12 token API (VS Code's preview ships 12.3): the table is
 * replaced by one custom token (not html_block, which VS Code wraps in a <div>), rendered by
 * its own renderer rule. Diagnostics are read in renderer rules, never in core rules, since
 * the preview caches tokens per document version. Pure: no vscode import.
 */
import type { RawCell, RawRow, RawTable } from '../../server/src/core/markdown';
import { inlinePlain } from '../../server/src/core/normalize';
import { tableLayout, type LayoutCell } from '../../server/src/core/table-layout';
import { mapTable2, mapTable3, mapTable4, type MappedRow } from '../../server/src/core/tables';
import { TABLE2_BLOCKS, TABLE2_FIRST_COLUMN, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';

/* Minimal structural types of markdown-it 12–15, so the plugin compiles against either. */
interface MdToken {
  type: string;
  tag: string;
  nesting: number;
  map: [number, number] | null;
  content: string;
  children: MdToken[] | null;
  meta: unknown;
  block: boolean;
  attrs: [string, string][] | null;
  attrGet(name: string): string | null;
  attrSet(name: string, value: string): void;
}
interface MdState {
  src: string;
  tokens: MdToken[];
  Token: new (type: string, tag: string, nesting: number) => MdToken;
}
interface MdRenderer {
  rules: Record<string, ((tokens: MdToken[], idx: number, options: unknown, env: unknown, self: MdRenderer) => string) | undefined>;
  renderToken(tokens: MdToken[], idx: number, options: unknown): string;
  renderInline(tokens: MdToken[], options: unknown, env: unknown): string;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, fn: (state: MdState) => void): void } };
  renderer: MdRenderer;
  utils: { escapeHtml(s: string): string };
}

export interface PreviewDiagnostic {
  /** 0-based line and UTF-16 columns, as in VS Code. */
  line: number;
  start: number;
  end: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
}

export interface PreviewOptions {
  /** Diagnostics of the document being rendered (`env.currentDocument` in VS Code). */
  diagnostics?: (env: unknown) => readonly PreviewDiagnostic[] | undefined;
}

interface SourceCell {
  start: number;
  end: number;
}
interface CellRef {
  line: number;
  start: number;
  end: number;
  inline: MdToken | undefined;
}
interface ReportTableMeta {
  table: 'table2' | 'table3' | 'table4';
  /** Value cells by `rowId/columnId`. */
  cells: Record<string, CellRef>;
  /** Source line of each template row. */
  rowLines: Record<string, number>;
  firstLine: number;
  lastLine: number;
}

const TOKEN = 'xxgk_report_table';

/** The cells of one pipe-table source line: UTF-16 column ranges of their trimmed text. */
export function splitRow(line: string): SourceCell[] {
  const cells: SourceCell[] = [];
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  if (line[i] === '|') i++;
  let start = i;
  for (; i <= line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (i === line.length || line[i] === '|') {
      let s = start;
      let e = i;
      while (s < e && /\s/.test(line[s])) s++;
      while (e > s && /\s/.test(line[e - 1])) e--;
      if (!(i === line.length && s === e && line.slice(start).trim() === '' && cells.length)) cells.push({ start: s, end: e });
      start = i + 1;
    }
  }
  return cells;
}

const key = (s: string) => s.normalize('NFKC').replace(/[\s*_`]/g, '');

interface Row {
  line: number;
  text: string;
  cells: SourceCell[];
  inlines: MdToken[];
}

/** Rows of the table tokens in [open, close]: source line, cells, inline tokens. */
function tableRows(tokens: MdToken[], open: number, close: number, lines: string[]): Row[] {
  const rows: Row[] = [];
  let cur: Row | undefined;
  for (let i = open; i <= close; i++) {
    const t = tokens[i];
    if (t.type === 'tr_open') {
      const line = t.map ? t.map[0] : -1;
      cur = { line, text: lines[line] ?? '', cells: splitRow(lines[line] ?? ''), inlines: [] };
      rows.push(cur);
    } else if (t.type === 'inline' && cur) cur.inlines.push(t);
  }
  return rows;
}

/**
 * The rows as the report parser reads a table (RawTable): a cell's span is `line × LINE + column`,
 * so that the mapping's spans give back the source line and column of every cell.
 */
const LINE = 1 << 20;

function rawTable(rows: Row[]): RawTable {
  const raw: RawRow[] = rows.map((r) => ({
    span: { start: r.line * LINE, end: r.line * LINE + r.text.length },
    cells: r.cells.map((c): RawCell => {
      const text = r.text.slice(c.start, c.end);
      return {
        raw: text,
        text: inlinePlain(text.replace(/\\\|/g, '|')).trim(),
        span: { start: r.line * LINE + c.start, end: r.line * LINE + c.end },
      };
    }),
  }));
  const first = raw[0]?.span.start ?? 0;
  return { rows: raw, span: { start: first, end: raw[raw.length - 1]?.span.end ?? first }, columnCount: rows[0]?.cells.length ?? 0 };
}

/** The value cells of a mapped row, by `rowId/columnId`, with the inline token of each (same index as its source cell). */
function cellRefs(id: string, mapped: MappedRow, row: Row, columns: { id: string; index: number }[], into: Record<string, CellRef>): void {
  for (const col of columns) {
    const cell = mapped.cells.get(col.id);
    if (!cell) continue;
    into[`${id}/${col.id}`] = {
      line: row.line,
      start: cell.span.start - row.line * LINE,
      end: cell.span.end - row.line * LINE,
      inline: row.inlines[col.index],
    };
  }
}

function rowOf(rows: Row[], mapped: MappedRow): Row {
  return rows.find((r) => r.line * LINE === mapped.row.span.start)!;
}

/** Table 三 when the parser maps every template row and column, and nothing else. */
function mapTable3Meta(rows: Row[]): ReportTableMeta | undefined {
  const t = mapTable3([rawTable(rows)]);
  if (!t || t.missingColumns.length || t.unknownRows.length || t.outdated.length || TABLE3_ROWS.some((r) => !t.rows.has(r.id)))
    return undefined;
  const meta: ReportTableMeta = { table: 'table3', cells: {}, rowLines: {}, firstLine: rows[0].line, lastLine: rows[rows.length - 1].line };
  const columns = t.columns.map((c) => ({ id: c.template.id, index: c.index }));
  for (const [id, mapped] of t.rows) {
    const row = rowOf(rows, mapped);
    meta.rowLines[id] = row.line;
    cellRefs(id, mapped, row, columns, meta.cells);
  }
  return meta;
}

/** Table 四 when the parser maps all 15 columns and its one row of figures. */
function mapTable4Meta(rows: Row[]): ReportTableMeta | undefined {
  const t = mapTable4([rawTable(rows)]);
  const data = t?.rows.get('data');
  if (!t || !data || t.missingColumns.length || t.unknownRows.length || t.columns.length !== TABLE4_COLUMNS.length) return undefined;
  const row = rowOf(rows, data);
  const meta: ReportTableMeta = {
    table: 'table4',
    cells: {},
    rowLines: { data: row.line },
    firstLine: rows[0].line,
    lastLine: rows[rows.length - 1].line,
  };
  cellRefs(
    'data',
    data,
    row,
    t.columns.map((c) => ({ id: c.template.id, index: c.index })),
    meta.cells,
  );
  return meta;
}

/** One block table of 表二 (信息内容 | its columns; its rows), as the parser maps it. */
function mapTable2Block(rows: Row[]): { block: string; cells: Record<string, CellRef>; rowLines: Record<string, number> } | undefined {
  if (key(rows[0]?.inlines[0]?.content ?? '') !== key(TABLE2_FIRST_COLUMN)) return undefined;
  const t = mapTable2([rawTable(rows)], []);
  const mapped = [...(t?.rows.values() ?? [])];
  const block = mapped[0]?.block;
  if (!t || !block || t.unknownRows.length || mapped.some((r) => r.block !== block)) return undefined;
  const columns = (t.columnsByBlock.get(block.id) ?? []).map((c) => ({ id: c.template.id, index: c.index }));
  if (columns.length !== block.columns.length) return undefined;
  const out = { block: block.id, cells: {} as Record<string, CellRef>, rowLines: {} as Record<string, number> };
  for (const r of mapped) {
    const row = rowOf(rows, r);
    out.rowLines[r.id] = row.line;
    cellRefs(r.id, r, row, columns, out.cells);
  }
  return out;
}

/** A paragraph that is only a block label of 表二 (**第二十条第（一）项**). */
function isBlockCaption(tokens: MdToken[], at: number): boolean {
  return (
    tokens[at]?.type === 'paragraph_open' &&
    tokens[at + 1]?.type === 'inline' &&
    tokens[at + 2]?.type === 'paragraph_close' &&
    TABLE2_BLOCKS.some((b) => key(tokens[at + 1].content) === key(b.label))
  );
}

function diagnosticsAt(list: readonly PreviewDiagnostic[] | undefined, line: number, start: number, end: number): PreviewDiagnostic[] {
  if (!list) return [];
  return list.filter((d) => d.line === line && (start === end ? d.start <= start && d.end >= end : d.start < end && d.end > start));
}

const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

function markAttrs(md: MarkdownItLike, found: PreviewDiagnostic[]): string {
  if (!found.length) return '';
  const worst = [...found].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0].severity;
  return ` class="xxgk-${worst}" title="${md.utils.escapeHtml(found.map((d) => d.message).join('\n'))}"`;
}

/**
 * 表二 is written as four small tables under their block labels; when all four are there, one
 * after the other with nothing but their labels between them, they become the one official table.
 */
function mergeTable2(state: MdState, lines: string[]): void {
  const tokens = state.tokens;
  const found: { open: number; close: number; block: ReturnType<typeof mapTable2Block> & object }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'table_open') continue;
    let close = i;
    while (close < tokens.length && tokens[close].type !== 'table_close') close++;
    const block = mapTable2Block(tableRows(tokens, i, close, lines));
    if (block) found.push({ open: i, close, block });
    i = close;
  }
  for (let k = 0; k + TABLE2_BLOCKS.length <= found.length; k++) {
    const run = found.slice(k, k + TABLE2_BLOCKS.length);
    if (run.map((f) => f.block.block).join() !== TABLE2_BLOCKS.map((b) => b.id).join()) continue;
    // only block labels between the tables
    let contiguous = true;
    for (let j = 1; j < run.length && contiguous; j++) {
      let at = run[j - 1].close + 1;
      while (at < run[j].open && isBlockCaption(tokens, at)) at += 3;
      contiguous = at === run[j].open;
    }
    if (!contiguous) continue;
    let start = run[0].open;
    if (start >= 3 && isBlockCaption(tokens, start - 3)) start -= 3;
    const end = run[run.length - 1].close;
    const meta: ReportTableMeta = {
      table: 'table2',
      cells: Object.fromEntries(run.flatMap((f) => Object.entries(f.block.cells))),
      rowLines: Object.fromEntries(run.flatMap((f) => Object.entries(f.block.rowLines))),
      firstLine: tokens[start].map?.[0] ?? 0,
      lastLine: tokens[end].map?.[1] ?? 0,
    };
    const token = new state.Token(TOKEN, 'table', 0);
    token.block = true;
    token.map = [meta.firstLine, tokens[run[run.length - 1].open].map?.[1] ?? meta.firstLine];
    token.meta = meta;
    tokens.splice(start, end - start + 1, token);
    return;
  }
}

export function reportTablesPlugin(md: MarkdownItLike, options: PreviewOptions = {}): void {
  md.core.ruler.push('xxgk_report_tables', (state) => {
    const tokens = state.tokens;
    const lines = state.src.split(/\r\n|\r|\n/);
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'table_open') continue;
      let close = i;
      while (close < tokens.length && tokens[close].type !== 'table_close') close++;
      const rows = tableRows(tokens, i, close, lines);
      // Every cell learns its source range, for marks in the plain rendering too.
      let r = -1;
      let c = 0;
      for (let j = i; j <= close; j++) {
        const t = tokens[j];
        if (t.type === 'tr_open') {
          r++;
          c = 0;
        }
        if (t.type === 'td_open' || t.type === 'th_open') {
          const cell = rows[r]?.cells[c++];
          if (cell && rows[r]) t.meta = { xxgkLine: rows[r].line, start: cell.start, end: cell.end };
        }
      }
      const first = rows[0]?.inlines.map((t) => key(t.content)) ?? [];
      const meta = mapTable3Meta(rows) ?? mapTable4Meta(rows);
      if (meta) {
        const token = new state.Token(TOKEN, 'table', 0);
        token.block = true;
        token.map = tokens[i].map;
        token.meta = meta;
        tokens.splice(i, close - i + 1, token);
      } else if (first[0] === key(TABLE2_FIRST_COLUMN)) {
        tokens[i].attrSet('class', 'xxgk-report-table xxgk-table2');
      }
    }
    mergeTable2(state, lines);
  });

  md.renderer.rules[TOKEN] = (tokens, idx, opts, env) => {
    const meta = tokens[idx].meta as ReportTableMeta;
    const diags = options.diagnostics?.(env);
    const layout = tableLayout(meta.table, 'zh');
    const esc = (text: string) => md.utils.escapeHtml(text);
    const span = (c: LayoutCell) => `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
    let html = `<table class="xxgk-report-table xxgk-${meta.table}" data-line="${meta.firstLine}">\n`;
    if (layout.headerRows.length) {
      html += '<thead>\n';
      layout.headerRows.forEach((row, ri) => {
        html += `<tr${ri === 0 ? ` class="code-line" data-line="${meta.firstLine}"` : ''}>`;
        for (const c of row) html += `<th${span(c)} class="xxgk-${c.kind}">${esc(c.text)}</th>`;
        html += '</tr>\n';
      });
      html += '</thead>\n';
    }
    html += '<tbody>\n';
    for (const row of layout.bodyRows) {
      const rowId = row.find((c) => c.kind === 'value')?.rowId;
      const line = rowId !== undefined ? meta.rowLines[rowId] : undefined;
      html += `<tr${line !== undefined ? ` class="code-line" data-line="${line}"` : ''}>`;
      for (const c of row) {
        if (c.kind !== 'value') {
          html += `<th${span(c)} class="xxgk-${c.kind}">${esc(c.text)}</th>`;
          continue;
        }
        const ref = meta.cells[`${c.rowId}/${c.columnId}`];
        const content = ref?.inline
          ? ref.inline.children
            ? md.renderer.renderInline(ref.inline.children, opts, env)
            : esc(ref.inline.content)
          : '';
        const marks = ref ? markAttrs(md, diagnosticsAt(diags, ref.line, ref.start, ref.end)) : '';
        html += `<td${span(c)}${marks}>${content}</td>`;
      }
      html += '</tr>\n';
    }
    return `${html}</tbody>\n</table>\n`;
  };

  for (const name of ['td_open', 'th_open'] as const) {
    const previous = md.renderer.rules[name];
    md.renderer.rules[name] = (tokens, idx, opts, env, self) => {
      const t = tokens[idx];
      const m = t.meta as { xxgkLine?: number; start: number; end: number } | null;
      const found = m && m.xxgkLine !== undefined ? diagnosticsAt(options.diagnostics?.(env), m.xxgkLine, m.start, m.end) : [];
      if (!found.length) return previous ? previous(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
      // Tokens are cached per document version: mark for this render only.
      const saved = t.attrs ? t.attrs.map((a) => [a[0], a[1]] as [string, string]) : null;
      const worst = [...found].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0].severity;
      t.attrSet('class', `xxgk-${worst}`);
      t.attrSet('title', found.map((d) => d.message).join('\n'));
      try {
        return previous ? previous(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
      } finally {
        t.attrs = saved;
      }
    };
  }
}
