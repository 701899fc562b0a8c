/**
 * The table editor's page script (runs in the webview, bundled by esbuild as an IIFE).
 * Draws the official layout sent by the extension, keeps the inputs in step with the
 * document without ever overwriting what the user is typing, and reports commits (Enter,
 * Tab, arrows, leaving the cell, paste) as edits of whole cells.
 */
import type { CellEdit, FromWebview, RenderMessage, SumLine, TableView, ToWebview, ViewCell } from '../src/webview/messages';

declare function acquireVsCodeApi(): { postMessage(msg: FromWebview): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const status = document.getElementById('status')!;
const live = document.getElementById('live')!;

let current: RenderMessage | undefined;
let structure = '';
/** Inputs by cell key. */
const inputs = new Map<string, HTMLInputElement>();
/** Value cells of each table by body row and grid column, for moving around. */
let positions: { key: string; table: number; row: number; col: number; order: number }[] = [];
const byKey = new Map<string, (typeof positions)[number]>();
/** The text of each cell in the document, as last received. */
const docValue = new Map<string, string | null>();
/** Typed but not yet committed. */
const dirty = new Set<string>();
/** Committed, waiting until the document shows it: edit id, and the version it produced once acknowledged. */
const pending = new Map<string, { id: number; value: string; version?: number }>();
let nextEditId = 1;
let strings: Record<string, string> = {};

function post(msg: FromWebview): void {
  vscode.postMessage(msg);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---------------------------------------------------------------------------
// Drawing

function drawTable(t: TableView, ti: number): HTMLElement {
  const section = el('section', { class: 'table', id: `t-${t.id}`, 'aria-label': t.title });
  section.appendChild(el('h2', {}, t.title));
  if (!t.present) {
    section.appendChild(el('p', { class: 'absent' }, strings.absent ?? ''));
    return section;
  }
  const table = el('table', { role: 'grid', 'aria-label': t.title });
  const thead = el('thead');
  for (const row of t.header) {
    const tr = el('tr');
    for (const c of row) tr.appendChild(headerCell(c, true));
    thead.appendChild(tr);
  }
  table.appendChild(thead);
  const tbody = el('tbody');
  t.body.forEach((row, ri) => {
    const tr = el('tr');
    for (const c of row) {
      if (c.kind !== 'value') {
        tr.appendChild(headerCell(c, false));
        continue;
      }
      const td = el('td', { class: 'value' });
      if (c.colSpan > 1) td.colSpan = c.colSpan;
      const input = el('input', {
        type: 'text',
        inputmode: c.decimal ? 'decimal' : 'numeric',
        autocomplete: 'off',
        spellcheck: 'false',
        'data-key': c.key!,
        'aria-label': c.label ?? c.key!,
      });
      inputs.set(c.key!, input);
      const p = { key: c.key!, table: ti, row: ri, col: c.col, order: positions.length };
      positions.push(p);
      byKey.set(c.key!, p);
      td.appendChild(input);
      tr.appendChild(td);
    }
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
  const wrap = el('div', { class: 'scroll' });
  wrap.appendChild(table);
  section.appendChild(wrap);
  for (const group of t.sums) {
    const details = el('details', { class: 'sums', 'data-table': t.id });
    if (group === t.sums[0]) details.open = true;
    details.appendChild(el('summary', {}, group.title));
    const st = el('table', { class: 'sum-table' });
    for (const line of group.lines) {
      const tr = el('tr');
      tr.appendChild(el('th', { scope: 'row' }, line.label));
      const out = el('td', { class: 'sum', 'data-sum': JSON.stringify([line.left, line.right]) });
      out.dataset.leftLabel = line.leftLabel;
      out.dataset.rightLabel = line.rightLabel;
      tr.appendChild(out);
      st.appendChild(tr);
    }
    details.appendChild(st);
    section.appendChild(details);
  }
  return section;
}

function headerCell(c: ViewCell, inHead: boolean): HTMLElement {
  const th = el('th', { class: c.kind }, c.text);
  if (c.rowSpan > 1) th.rowSpan = c.rowSpan;
  if (c.colSpan > 1) th.colSpan = c.colSpan;
  if (c.kind === 'row-label') th.setAttribute('scope', c.rowSpan > 1 ? 'rowgroup' : 'row');
  else if (inHead && c.kind === 'column-header') th.setAttribute('scope', c.colSpan > 1 ? 'colgroup' : 'col');
  return th;
}

function draw(msg: RenderMessage): void {
  root.textContent = '';
  inputs.clear();
  positions = [];
  byKey.clear();
  dirty.clear();
  pending.clear();
  if (msg.empty) {
    root.appendChild(el('p', { class: 'empty' }, msg.empty));
    return;
  }
  msg.tables.forEach((t, i) => root.appendChild(drawTable(t, i)));
}

/** Fills values and marks; leaves the cell being typed in (and committed cells not yet in the document) alone. */
function fill(msg: RenderMessage): void {
  for (const t of msg.tables) {
    for (const row of t.body) {
      for (const c of row) {
        if (c.kind !== 'value' || !c.key) continue;
        const input = inputs.get(c.key);
        if (!input) continue;
        docValue.set(c.key, c.value ?? null);
        const p = pending.get(c.key);
        if (p) {
          if (p.version !== undefined && msg.version >= p.version) pending.delete(c.key);
          else if (c.value === p.value) pending.delete(c.key);
        }
        const typing = dirty.has(c.key);
        if (!typing && !pending.has(c.key)) {
          const v = c.value ?? '';
          if (input.value !== v) input.value = v;
        }
        input.disabled = c.value === null;
        input.classList.remove('error', 'warning', 'information', 'hint');
        if (c.severity) input.classList.add(c.severity);
        input.setAttribute('aria-invalid', c.severity === 'error' ? 'true' : 'false');
        const messages = c.value === null ? [strings.missingCell ?? ''] : (c.messages ?? []);
        input.title = [c.label ?? '', ...messages].filter(Boolean).join('\n');
        input.parentElement!.classList.toggle('missing', c.value === null);
      }
    }
  }
  updateSums();
}

// ---------------------------------------------------------------------------
// Sums

function figure(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.normalize('NFKC').replace(/,/g, '').trim();
  const m = /^[+-]?\d+(?:\.\d+)?/.exec(t);
  return m ? Number(m[0]) : undefined;
}

function add(keys: string[]): { sum: number; terms: string[]; complete: boolean } {
  let sum = 0;
  let complete = true;
  const terms: string[] = [];
  for (const k of keys) {
    const v = figure(inputs.get(k)?.value);
    if (v === undefined) {
      complete = false;
      terms.push('?');
      continue;
    }
    sum += v;
    terms.push(String(v));
  }
  return { sum: Math.round(sum * 1e6) / 1e6, terms, complete };
}

function updateSums(): void {
  for (const out of root.querySelectorAll<HTMLElement>('td.sum')) {
    const [left, right] = JSON.parse(out.dataset.sum!) as [string[], string[]];
    const a = add(left);
    const b = add(right);
    const terms = (x: ReturnType<typeof add>) => (x.terms.length > 8 ? '' : `${x.terms.join('+')} = `);
    const ok = a.complete && b.complete && a.sum === b.sum;
    const verdict =
      !a.complete || !b.complete
        ? (strings.incomplete ?? '?')
        : ok
          ? '✓'
          : `✗ ${strings.differ ?? ''} ${Math.round((a.sum - b.sum) * 1e6) / 1e6}`;
    out.textContent = `${out.dataset.leftLabel} ${terms(a)}${a.complete ? a.sum : '?'}；${out.dataset.rightLabel} ${terms(b)}${b.complete ? b.sum : '?'}  ${verdict}`;
    out.classList.toggle('bad', a.complete && b.complete && !ok);
    out.classList.toggle('good', ok);
  }
}

// ---------------------------------------------------------------------------
// Editing

function commit(keys: string[]): void {
  if (!current) return;
  const edits: CellEdit[] = [];
  for (const key of keys) {
    const input = inputs.get(key);
    dirty.delete(key);
    if (!input || input.disabled) continue;
    const value = input.value.trim();
    if (value === (docValue.get(key) ?? '')) continue;
    edits.push({ key, value });
  }
  if (!edits.length) return;
  const id = nextEditId++;
  for (const e of edits) pending.set(e.key, { id, value: e.value });
  post({ type: 'edit', id, version: current.version, edits });
}

function move(from: string, dir: 'next' | 'prev' | 'up' | 'down' | 'left' | 'right'): void {
  const p = byKey.get(from);
  if (!p) return;
  let target: (typeof positions)[number] | undefined;
  const enabled = (q: (typeof positions)[number]) => !inputs.get(q.key)!.disabled;
  if (dir === 'next' || dir === 'prev') {
    const step = dir === 'next' ? 1 : -1;
    for (let i = p.order + step; i >= 0 && i < positions.length; i += step)
      if (enabled(positions[i])) {
        target = positions[i];
        break;
      }
  } else if (dir === 'left' || dir === 'right') {
    const same = positions.filter((q) => q.table === p.table && q.row === p.row && enabled(q)).sort((a, b) => a.col - b.col);
    const i = same.findIndex((q) => q.key === p.key);
    target = same[dir === 'right' ? i + 1 : i - 1];
  } else {
    const col = positions.filter((q) => q.table === p.table && q.col === p.col && enabled(q)).sort((a, b) => a.row - b.row);
    const i = col.findIndex((q) => q.key === p.key);
    target = col[dir === 'down' ? i + 1 : i - 1];
  }
  if (target) focusCell(target.key);
}

function focusCell(key: string): void {
  const input = inputs.get(key);
  if (!input) return;
  input.focus();
  input.select();
  input.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

root.addEventListener('input', (e) => {
  const input = e.target as HTMLInputElement;
  const key = input.dataset.key;
  if (!key) return;
  dirty.add(key);
  updateSums();
});

root.addEventListener('keydown', (e) => {
  const input = e.target as HTMLInputElement;
  const key = input.dataset?.key;
  if (!key || e.isComposing) return;
  const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
  const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
  let dir: Parameters<typeof move>[1] | undefined;
  if (e.key === 'Tab') dir = e.shiftKey ? 'prev' : 'next';
  else if (e.key === 'Enter') dir = e.shiftKey ? 'up' : 'down';
  else if (e.key === 'ArrowUp') dir = 'up';
  else if (e.key === 'ArrowDown') dir = 'down';
  else if (
    e.key === 'ArrowLeft' &&
    (atStart || (input.selectionEnd === input.value.length && input.selectionStart === 0 && input.value.length > 0 && !dirty.has(key)))
  )
    dir = 'left';
  else if (
    e.key === 'ArrowRight' &&
    (atEnd || (input.selectionStart === 0 && input.selectionEnd === input.value.length && !dirty.has(key)))
  )
    dir = 'right';
  else if (e.key === 'Escape') {
    input.value = docValue.get(key) ?? '';
    dirty.delete(key);
    updateSums();
    input.select();
    e.preventDefault();
    return;
  }
  if (!dir) return;
  e.preventDefault();
  commit([key]);
  move(key, dir);
});

root.addEventListener('focusout', (e) => {
  const key = (e.target as HTMLInputElement).dataset?.key;
  if (key && dirty.has(key)) commit([key]);
});

root.addEventListener('focusin', (e) => {
  const key = (e.target as HTMLInputElement).dataset?.key;
  if (key) post({ type: 'focusCell', key });
});

/** A block copied from Excel or WPS: rows by newline, cells by tab. */
export function parseBlock(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t').map((c) => c.trim()));
}

root.addEventListener('paste', (e) => {
  const input = e.target as HTMLInputElement;
  const key = input.dataset?.key;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!key || !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
  e.preventDefault();
  const start = byKey.get(key)!;
  const block = parseBlock(text);
  const touched: string[] = [];
  // Rows go down the start cell's column, cells go right along each row (like a spreadsheet).
  const column = positions.filter((q) => q.table === start.table && q.col === start.col).sort((a, b) => a.row - b.row);
  const first = column.findIndex((q) => q.key === key);
  block.forEach((cells, i) => {
    const rowStart = column[first + i];
    if (!rowStart) return;
    const row = positions
      .filter((q) => q.table === start.table && q.row === rowStart.row && q.col >= rowStart.col)
      .sort((a, b) => a.col - b.col);
    cells.forEach((v, j) => {
      const target = row[j] && inputs.get(row[j].key);
      if (!target || target.disabled) return;
      target.value = v;
      touched.push(row[j].key);
    });
  });
  updateSums();
  commit(touched);
  live.textContent = (strings.pasted ?? '').replace('{0}', String(touched.length));
});

// ---------------------------------------------------------------------------
// Messages

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'render': {
      strings = msg.strings;
      const shape = JSON.stringify([msg.uri, msg.empty ?? '', msg.tables.map((t) => [t.id, t.present])]);
      if (shape !== structure) {
        structure = shape;
        draw(msg);
      }
      current = msg;
      status.textContent = `${msg.fileName} · ${strings.version ?? ''} ${msg.version}`;
      fill(msg);
      document.body.dataset.version = String(msg.version);
      break;
    }
    case 'ack': {
      for (const [key, p] of pending) {
        if (p.id !== msg.id) continue;
        if (msg.ok && msg.version !== undefined) p.version = msg.version;
        else {
          pending.delete(key);
          const input = inputs.get(key);
          if (input && document.activeElement !== input) input.value = docValue.get(key) ?? '';
        }
      }
      if (!msg.ok && msg.reason) live.textContent = msg.reason;
      updateSums();
      break;
    }
    case 'reveal': {
      if (msg.key && inputs.has(msg.key)) focusCell(msg.key);
      else if (msg.table) {
        document.getElementById(`t-${msg.table}`)?.scrollIntoView({ block: 'start' });
        const first = positions.find((p) => current?.tables[p.table]?.id === msg.table && !inputs.get(p.key)!.disabled);
        if (first) focusCell(first.key);
      }
      break;
    }
    case 'probe': {
      const values: Record<string, string> = {};
      const marked: Record<string, string> = {};
      for (const [k, input] of inputs) {
        values[k] = input.value;
        const sev = ['error', 'warning', 'information', 'hint'].find((s) => input.classList.contains(s));
        if (sev) marked[k] = sev;
      }
      const focused = (document.activeElement as HTMLInputElement | null)?.dataset?.key;
      post({ type: 'probeResult', id: msg.id, values, focused, marked });
      break;
    }
  }
});

post({ type: 'ready' });

// exported for unit tests of the parsing only
export type { SumLine };
