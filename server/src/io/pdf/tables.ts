/**
 * Tables from ruling lines: the lines that cross one another form a grid; a grid cell without
 * a line on one of its sides is merged with its neighbour there (a label spanning rows or
 * columns); each character goes to the cell its centre falls in. A table cut by a page break
 * is joined again, without the header rows the next page repeats.
 */
import type { GridCell, GridTable } from '../../core/grid/model';
import type { Segment } from './model';
import { type Glyph, type Line, blockText, linesOf, twoFigures } from './glyphs';

interface HSeg {
  y: number;
  x1: number;
  x2: number;
}
interface VSeg {
  x: number;
  y1: number;
  y2: number;
}

/** Lines closer than this (points) are one line; two boundaries closer than this are one. */
const SNAP = 3;
/** A boundary exists where a line covers this share of a cell side. */
const COVER = 0.6;
/** Shorter segments are dots or ticks, not rules. */
const MIN_LENGTH = 2;
/** A grid larger than this is a drawing (graph paper, a chart), not a report's table: its text stays text. */
const MAX_ROWS = 400;
const MAX_COLUMNS = 100;

export interface Region {
  /** Elementary rows and columns, end exclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  text: string;
  ambiguous: boolean;
}

/** A table as found on one page (or joined from several). */
export interface TableFragment {
  page: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Column boundaries (page x). */
  xs: number[];
  /** Region id of every elementary cell, rows × columns. */
  cells: number[][];
  regions: Region[];
  /** Elementary row where a joined continuation starts (for the seam). */
  seams: number[];
  /** The last row has no rule below it (the page cut it), or the first none above. */
  openBottom: boolean;
  openTop: boolean;
}

/** Boundaries closer than this are one (a double border, a border drawn twice); no text row or column is this narrow. */
const DOUBLE = 4.5;

function cluster(values: number[], within = SNAP): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[0] <= within) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

function nearest(values: number[], v: number): number {
  let best = -1;
  let dist = Infinity;
  values.forEach((x, i) => {
    const d = Math.abs(x - v);
    if (d < dist) {
      dist = d;
      best = i;
    }
  });
  return dist <= SNAP ? best : -1;
}

/** Horizontal and vertical rules, collinear pieces merged. */
function rules(segments: Segment[]): { h: HSeg[]; v: VSeg[] } {
  const h: HSeg[] = [];
  const v: VSeg[] = [];
  for (const s of segments) {
    if (Math.abs(s.y1 - s.y2) <= 1 && Math.abs(s.x2 - s.x1) >= MIN_LENGTH)
      h.push({ y: (s.y1 + s.y2) / 2, x1: Math.min(s.x1, s.x2), x2: Math.max(s.x1, s.x2) });
    else if (Math.abs(s.x1 - s.x2) <= 1 && Math.abs(s.y2 - s.y1) >= MIN_LENGTH)
      v.push({ x: (s.x1 + s.x2) / 2, y1: Math.min(s.y1, s.y2), y2: Math.max(s.y1, s.y2) });
  }
  const mergeH = (list: HSeg[]): HSeg[] => {
    list.sort((a, b) => a.y - b.y || a.x1 - b.x1);
    const out: HSeg[] = [];
    // Sorted by y: the rules a segment may join are the last few (within 1.5 points above it).
    let from = 0;
    for (const s of list) {
      while (from < out.length && out[from].y < s.y - 1.5) from++;
      let joined: HSeg | undefined;
      for (let k = out.length - 1; k >= from; k--) {
        const o = out[k];
        if (s.x1 <= o.x2 + SNAP && s.x2 >= o.x1 - SNAP) {
          joined = o;
          break;
        }
      }
      if (joined) {
        joined.x1 = Math.min(joined.x1, s.x1);
        joined.x2 = Math.max(joined.x2, s.x2);
      } else out.push({ ...s });
    }
    return out;
  };
  const hm = mergeH(h);
  const vm = mergeH(v.map((s) => ({ y: s.x, x1: s.y1, x2: s.y2 }))).map((s) => ({ x: s.y, y1: s.x1, y2: s.x2 }));
  return { h: hm, v: vm };
}

const crosses = (h: HSeg, v: VSeg) => v.x >= h.x1 - SNAP && v.x <= h.x2 + SNAP && h.y >= v.y1 - SNAP && h.y <= v.y2 + SNAP;

function covers(a1: number, a2: number, b1: number, b2: number): boolean {
  return Math.min(a2, b2) - Math.max(a1, b1) >= COVER * (b2 - b1);
}

/** Groups of rules that cross one another: each with two rows and two columns at least is a table. */
function grids(h: HSeg[], v: VSeg[]): { h: HSeg[]; v: VSeg[] }[] {
  const parent = [...h.map((_, i) => i), ...v.map((_, i) => h.length + i)];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const byY = h.map((s, i) => ({ s, i })).sort((a, b) => a.s.y - b.s.y);
  v.forEach((vs, j) => {
    // Binary search the first horizontal rule at or below the vertical's top.
    let lo = 0,
      hi = byY.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byY[mid].s.y < vs.y1 - SNAP) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < byY.length && byY[k].s.y <= vs.y2 + SNAP; k++) {
      if (crosses(byY[k].s, vs)) parent[find(h.length + j)] = find(byY[k].i);
    }
  });
  const groups = new Map<number, { h: HSeg[]; v: VSeg[] }>();
  const group = (root: number) => {
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((s, i) => group(find(i)).h.push(s));
  v.forEach((s, j) => group(find(h.length + j)).v.push(s));
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

/**
 * The tables of one page from its rules, each with the glyphs inside it; `rest` holds the glyphs
 * outside every table.
 */
export function findTables(page: number, segments: Segment[], glyphs: Glyph[]): { tables: TableFragment[]; rest: Glyph[] } {
  const { h, v } = rules(segments);
  const tables: TableFragment[] = [];
  let rest = glyphs;
  for (const g of grids(h, v)) {
    const xs = cluster(
      g.v.map((s) => s.x),
      DOUBLE,
    );
    // Column rules running past the last row rule: a row the page break cut (no rule below it).
    const vTop = Math.min(...g.v.map((s) => s.y1));
    const vBottom = Math.max(...g.v.map((s) => s.y2));
    const ys = cluster([...g.h.map((s) => s.y), vTop, vBottom], DOUBLE);
    if (xs.length < 2 || ys.length < 2 || ys.length > MAX_ROWS + 1 || xs.length > MAX_COLUMNS + 1) continue;
    const left = xs[0],
      right = xs[xs.length - 1],
      top = ys[0],
      bottom = ys[ys.length - 1];
    const inside: Glyph[] = [];
    const outside: Glyph[] = [];
    for (const gl of rest) {
      const cx = gl.x + gl.w / 2;
      const cy = gl.y - gl.size * 0.35;
      (cx > left && cx < right && cy > top && cy < bottom ? inside : outside).push(gl);
    }
    rest = outside;
    const ruled = (y: number) => g.h.some((s) => Math.abs(s.y - y) <= SNAP && covers(s.x1, s.x2, left, right));
    tables.push({ ...buildFragment(page, xs, ys, g.h, g.v, inside), openTop: !ruled(top), openBottom: !ruled(bottom) });
  }
  tables.sort((a, b) => a.top - b.top);
  return { tables, rest };
}

function buildFragment(
  page: number,
  xs: number[],
  ys: number[],
  h: HSeg[],
  v: VSeg[],
  glyphs: Glyph[],
): Omit<TableFragment, 'openTop' | 'openBottom'> {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    parent[find(a)] = find(b);
  };
  // The rules on each boundary, so that a side's test looks at its own boundary's rules only.
  const onX = xs.map((x) => v.filter((s) => Math.abs(s.x - x) <= SNAP));
  const onY = ys.map((y) => h.filter((s) => Math.abs(s.y - y) <= SNAP));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !onX[c + 1].some((s) => covers(s.y1, s.y2, ys[r], ys[r + 1]))) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !onY[r + 1].some((s) => covers(s.x1, s.x2, xs[c], xs[c + 1]))) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  // Regions as rectangles; a merged area that is not a rectangle keeps its cells apart.
  const boxes = new Map<number, { top: number; left: number; bottom: number; right: number; count: number }>();
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const b = boxes.get(root);
      if (!b) boxes.set(root, { top: r, left: c, bottom: r + 1, right: c + 1, count: 1 });
      else {
        b.top = Math.min(b.top, r);
        b.left = Math.min(b.left, c);
        b.bottom = Math.max(b.bottom, r + 1);
        b.right = Math.max(b.right, c + 1);
        b.count++;
      }
    }
  const cells: number[][] = Array.from({ length: rows }, () => Array<number>(cols).fill(-1));
  const regions: { top: number; left: number; bottom: number; right: number; glyphs: Glyph[] }[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      if (cells[r][c] !== -1) continue;
      const b = boxes.get(find(r * cols + c))!;
      const rect = b.count === (b.bottom - b.top) * (b.right - b.left);
      const box = rect ? b : { top: r, left: c, bottom: r + 1, right: c + 1 };
      const id = regions.length;
      regions.push({ ...box, glyphs: [] });
      for (let rr = box.top; rr < box.bottom; rr++) for (let cc = box.left; cc < box.right; cc++) cells[rr][cc] = id;
    }
  const index = (bounds: number[], v: number) => {
    let i = 0;
    while (i + 2 < bounds.length && v >= bounds[i + 1]) i++;
    return i;
  };
  for (const g of glyphs) {
    const r = index(ys, g.y - g.size * 0.35);
    const c = index(xs, g.x + g.w / 2);
    regions[cells[r][c]].glyphs.push(g);
  }
  return {
    page,
    top: ys[0],
    bottom: ys[ys.length - 1],
    left: xs[0],
    right: xs[xs.length - 1],
    xs,
    cells,
    regions: regions.map(({ glyphs: gs, ...box }) => ({ ...box, ...cellText(gs) })),
    seams: [],
  };
}

function cellText(glyphs: Glyph[]): { text: string; ambiguous: boolean } {
  if (!glyphs.length) return { text: '', ambiguous: false };
  const r = blockText(linesOf(glyphs));
  return { text: r.text, ambiguous: r.ambiguous || twoFigures(r.text) };
}

/** The next page's first table continues this one: same outer edges and mostly the same column lines. */
export function continues(a: TableFragment, b: TableFragment): boolean {
  if (Math.abs(a.left - b.left) > SNAP || Math.abs(a.right - b.right) > SNAP) return false;
  const shared = b.xs.filter((x) => nearest(a.xs, x) !== -1).length;
  return shared >= Math.max(2, Math.ceil(b.xs.length * 0.6));
}

/** Re-expresses a fragment on a finer set of column boundaries (a superset of its own). */
function onColumns(f: TableFragment, xs: number[]): { cells: number[][]; regions: Region[] } {
  const map = f.xs.map((x) => nearest(xs, x));
  const regions = f.regions.map((r) => ({ ...r, left: map[r.left], right: map[r.right] }));
  const cells = f.cells.map(() => Array<number>(xs.length - 1).fill(-1));
  regions.forEach((r, id) => {
    for (let rr = r.top; rr < r.bottom; rr++) for (let cc = r.left; cc < r.right; cc++) cells[rr][cc] = id;
  });
  return { cells, regions };
}

const rowKey = (cells: number[][], regions: Region[], r: number) => JSON.stringify(cells[r].map((id) => regions[id]?.text ?? ''));

/** How many of the continuation's first rows repeat the table's header (and so are dropped). */
function repeatedHeaderRows(A: { cells: number[][]; regions: Region[] }, B: { cells: number[][]; regions: Region[] }): number {
  // Repeated header: B's first rows equal A's first rows.
  let repeat = 0;
  while (
    repeat < B.cells.length - 1 &&
    repeat < A.cells.length - 1 &&
    rowKey(B.cells, B.regions, repeat) === rowKey(A.cells, A.regions, repeat) &&
    B.cells[repeat].some((id) => B.regions[id]?.text)
  )
    repeat++;
  // A region straddling the cut keeps the header rows whole.
  while (repeat > 0 && B.cells[repeat].some((id, c) => B.regions[id].top < repeat && B.cells[repeat - 1][c] === id)) repeat--;
  return repeat;
}

/**
 * Joins a table continued on the next page: header rows the continuation repeats are dropped,
 * and a merged label cut by the page break (its continuation empty or repeated) is one cell again.
 */
export function joinFragments(a: TableFragment, b: TableFragment): TableFragment {
  const xs = cluster([...a.xs, ...b.xs]);
  const A = onColumns(a, xs);
  const B = onColumns(b, xs);
  const repeat = repeatedHeaderRows(A, B);
  const offset = A.cells.length - repeat;
  const regions: Region[] = [...A.regions];
  const idOf = new Map<number, number>();
  const cells = A.cells.map((row) => [...row]);
  for (let r = repeat; r < B.cells.length; r++) {
    cells.push(
      B.cells[r].map((id) => {
        let mine = idOf.get(id);
        if (mine === undefined) {
          const reg = B.regions[id];
          mine = regions.length;
          regions.push({ ...reg, top: Math.max(reg.top, repeat) + offset, bottom: reg.bottom + offset });
          idOf.set(id, mine);
        }
        return mine;
      }),
    );
  }
  const seam = A.cells.length;
  // A row the page break cut in two (no rule below it on one page, none above it on the next): one row again.
  if (a.openBottom && b.openTop && repeat === 0 && seam < cells.length) {
    for (let c = 0; c < xs.length - 1; c++) {
      const above = regions[cells[seam - 1][c]];
      const below = regions[cells[seam][c]];
      if (!above || !below || above === below || below.top !== seam || above.left !== below.left || above.right !== below.right) continue;
      const joined = blockText([above.text, below.text].filter(Boolean).map(lineOfText));
      above.text = joined.text;
      above.ambiguous ||= below.ambiguous || joined.ambiguous;
      above.bottom = below.bottom;
      const drop = cells[seam][c];
      const keep = cells[seam - 1][c];
      for (const row of cells) row.forEach((id, cc) => id === drop && (row[cc] = keep));
      below.text = '';
    }
    const kept = dropEmptyRows(cells);
    return { ...a, xs, cells: kept, regions: reboxed(kept, regions), seams: [...a.seams, seam], openBottom: b.openBottom };
  }
  // The seam: a label merged over rows, cut by the page break, goes on below it.
  if (seam < cells.length) {
    for (let c = 0; c < xs.length - 1; c++) {
      const above = regions[cells[seam - 1][c]];
      const below = regions[cells[seam][c]];
      if (!above || !below || above === below || below.top !== seam) continue;
      if (above.left !== below.left || above.right !== below.right) continue;
      const spans = above.bottom - above.top > 1 || below.bottom - below.top > 1;
      if (!spans || !above.text || (below.text && below.text !== above.text)) continue;
      const keep = cells[seam - 1][c];
      const drop = cells[seam][c];
      for (const row of cells) row.forEach((id, cc) => id === drop && (row[cc] = keep));
      above.bottom = below.bottom;
      above.ambiguous ||= below.ambiguous;
      below.text = '';
    }
  }
  return { ...a, xs, cells, regions: reboxed(cells, regions), seams: [...a.seams, seam], openBottom: b.openBottom };
}

/** A piece of cell text as a line, for joining the halves of a cut row. */
function lineOfText(text: string): Line {
  return { glyphs: [], text, x0: 0, x1: 0, y: 0, size: 0, ambiguous: false };
}

/** Rows whose every cell continues a cell above (a cut row joined): the row above already holds them. */
function dropEmptyRows(cells: number[][]): number[][] {
  return cells.filter((row, r) => r === 0 || row.some((id, c) => id !== cells[r - 1][c]));
}

/** Each region's box as the cells now place it (after rows were dropped or regions merged). */
function reboxed(cells: number[][], regions: Region[]): Region[] {
  const out = regions.map((r) => ({ ...r, top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity }));
  cells.forEach((row, r) =>
    row.forEach((id, c) => {
      const b = out[id];
      b.top = Math.min(b.top, r);
      b.left = Math.min(b.left, c);
      b.bottom = Math.max(b.bottom, r + 1);
      b.right = Math.max(b.right, c + 1);
    }),
  );
  return out;
}

/** The fragment as the grid model: merged cells expanded, covered positions naming their cell. */
export function gridOf(f: TableFragment): GridTable {
  const rows: GridCell[][] = f.cells.map((row, r) =>
    row.map((id, c) => {
      const reg = f.regions[id];
      return reg.top === r && reg.left === c ? { text: reg.text } : { text: '', covered: true, from: reg.text };
    }),
  );
  return { kind: 'table', rows };
}
