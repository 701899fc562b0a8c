/**
 * The draft's Markdown for what the table mappers found: the three template tables in the
 * canonical layout (render.ts of the core, with the labels and figures as read), tables the
 * template does not have as written. Source text goes through the one escaping function, so a
 * cell never becomes live Markdown or HTML.
 */
import { labelKey } from '../normalize';
import { renderTable2Block, renderTable3, renderTable3Row, renderTable4, table3LabelCells } from '../render';
import { TABLE2_BLOCKS, TABLE2_FIRST_COLUMN, TABLE3_COLUMNS, TABLE3_GROUPS, TABLE3_ROWS } from '../template';
import { escapeCell } from '../text/escape';
import { cellKind, cleanLabel } from './cells';
import { maxLength, type GridCell, type GridTable } from './model';
import { Mapped2, blockOf } from './table2';
import type { Mapped3 } from './table3';

/** Cell text as written, on one line, escaped for a GFM table cell. */
function cellOut(text: string): string {
  return escapeCell(text.replace(/[\s\u00a0\u3000]*\n[\s\u00a0\u3000]*/g, ' '));
}

function splitRow(line: string): string[] {
  return line.slice(2, -2).split(' | ');
}

function joinRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function render3(m: Mapped3): string[] {
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
  const g6Single = () =>
    m.g6Single &&
    out.push(joinRow(['', cellOut(m.g6Single.labels.get('g6') ?? TABLE3_GROUPS[5].label), '', ...m.g6Single.values.map(cellOut)]));
  for (const r of TABLE3_ROWS) {
    const row = m.rows.get(r.id);
    if (!row) {
      if (r.id === 'g5.5') g6Single();
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
    if (r.id === 'g5.5') g6Single();
  }
  return out;
}

export function render4(values: Map<string, string>): string[] {
  return renderTable4({ value: (k) => cellOut(values.get(k) ?? '') });
}

export function render2(m: Mapped2, eol: string): string[] {
  if (m.generic) return renderGeneric2(m.generic);
  const out: string[] = [];
  for (const block of TABLE2_BLOCKS) {
    const rows = block.rows.filter((r) => m.present.has(`${block.id}.${r.id}`));
    if (!rows.length) continue;
    const lines = renderTable2Block({ ...block, rows }, { value: (k) => cellOut(m.values.get(k) ?? ''), eol });
    const header = splitRow(lines[2]);
    block.columns.forEach((c, i) => {
      const l = m.columnLabels.get(`${block.id}.${c.id}`);
      if (l) header[1 + i] = cellOut(l);
    });
    lines[2] = joinRow(header);
    for (let i = 4; i < lines.length; i++) {
      const cells = splitRow(lines[i]);
      const r = rows[i - 4];
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

/** A table the template does not have, as a GFM table of its rows (first row as header). */
export function renderGeneric(t: GridTable): string[] {
  const rows = t.rows.map((r) => r.map((c) => (c.covered ? '' : cellOut(c.text)))).filter((r) => r.some((c) => c));
  if (!rows.length) return [];
  // No spread into Math.max: a table of 200 000 rows passes the stack's limit on arguments.
  const width = maxLength(rows);
  const fit = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  return [joinRow(fit(rows[0])), joinRow(Array<string>(width).fill('---')), ...rows.slice(1).map((r) => joinRow(fit(r)))];
}
