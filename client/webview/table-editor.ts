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

/** What survives a window reload (VS Code keeps it with the panel; the extension's serializer reads `uri`). */
interface PageState {
  uri?: string;
  /** The cell last focused. */
  key?: string;
}
const saved = (vscode.getState() ?? {}) as PageState;
/** The cell last focused: focused again when the page gets the focus back, kept across a reload. */
let lastKey: string | undefined = saved.key;

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
  const table = el('table', { role: 'grid', 'aria-label': t.title, class: `grid ${t.id}` });
  // Column widths (media/table-editor.css): figures narrow and fixed, labels share the rest.
  const cols = el('colgroup');
  for (let i = 0; i < t.columnCount; i++) cols.appendChild(el('col', { class: i < t.labelColumns ? `label label-${i}` : 'value' }));
  table.appendChild(cols);
  const thead = el('thead');
  for (const row of t.header) {
    const tr = el('tr');
    for (const c of row) tr.appendChild(headerCell(c, true, t.labelColumns));
    thead.appendChild(tr);
  }
  table.appendChild(thead);
  const tbody = el('tbody');
  t.body.forEach((row, ri) => {
    const tr = el('tr');
    for (const c of row) {
      if (c.kind !== 'value') {
        tr.appendChild(headerCell(c, false, t.labelColumns));
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
  resized.observe(wrap);
  for (const group of t.sums) {
    const details = el('details', { class: 'sums', 'data-table': t.id });
    if (group === t.sums[0]) details.open = true;
    details.appendChild(el('summary', {}, group.title));
    const st = el('table', { class: 'sum-table' });
    for (const line of group.lines) {
      const tr = el('tr', { 'data-line': `${line.rule}/${line.key}` });
      tr.appendChild(el('th', { scope: 'row' }, line.label));
      const out = el('td', { class: 'sum', 'data-sum': JSON.stringify([line.left, line.right]) });
      out.dataset.leftLabel = line.leftLabel;
      out.dataset.rightLabel = line.rightLabel;
      tr.appendChild(out);
      // Where the rules say the error is (filled in by fill(): it changes with the document).
      tr.appendChild(el('td', { class: 'pointer' }));
      st.appendChild(tr);
    }
    details.appendChild(st);
    section.appendChild(details);
  }
  return section;
}

/**
 * A header or label cell. Labels longer than their column show two lines and an ellipsis (the
 * full text on hover and in each figure's accessible name); a label over several rows
 * (三、本年度办理结果, （三）不予公开) is written top to bottom, as on printed forms. The label columns and
 * the header rows stay in view when the table scrolls.
 */
function headerCell(c: ViewCell, inHead: boolean, labelColumns: number): HTMLElement {
  const th = el('th', { class: c.kind, title: c.text });
  th.appendChild(el('span', { class: 'text' }, c.text));
  if (c.rowSpan > 1) th.rowSpan = c.rowSpan;
  if (c.colSpan > 1) th.colSpan = c.colSpan;
  if (c.kind === 'row-label') th.setAttribute('scope', c.rowSpan > 1 ? 'rowgroup' : 'row');
  else if (inHead && c.kind === 'column-header') th.setAttribute('scope', c.colSpan > 1 ? 'colgroup' : 'col');
  if (c.kind === 'row-label' && c.rowSpan >= 2) th.classList.add('vertical');
  if (inHead) th.classList.add('sticky-top');
  if (c.col < labelColumns) th.classList.add('sticky-left');
  return th;
}

/**
 * Sticky header rows and label columns: each header row sticks below the ones above it, each
 * label cell at its own place from the left; the scroll padding keeps a focused figure clear
 * of them. Measured once the table is drawn and again when its size changes.
 */
function layoutSticky(table: HTMLTableElement): void {
  const scroller = table.parentElement!;
  let top = 0;
  for (const tr of Array.from(table.tHead?.rows ?? [])) {
    for (const th of Array.from(tr.cells)) th.style.top = `${top}px`;
    top += tr.getBoundingClientRect().height;
  }
  table.classList.add('measuring');
  const labels = Array.from(table.querySelectorAll<HTMLElement>('.sticky-left'));
  const lefts = labels.map((th) => th.offsetLeft);
  let right = 0;
  labels.forEach((th, i) => {
    th.style.left = `${lefts[i]}px`;
    if (!th.classList.contains('block-label')) right = Math.max(right, lefts[i] + th.offsetWidth);
  });
  table.classList.remove('measuring');
  scroller.style.scrollPaddingTop = `${top}px`;
  scroller.style.scrollPaddingLeft = `${right}px`;
}

const resized = new ResizeObserver((entries) => {
  for (const e of entries) {
    const table = (e.target as HTMLElement).querySelector('table.grid');
    if (table) layoutSticky(table as HTMLTableElement);
  }
});

function draw(msg: RenderMessage): void {
  resized.disconnect();
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
  for (const table of Array.from(root.querySelectorAll<HTMLTableElement>('table.grid'))) layoutSticky(table);
}

/** One cell: the document's value (unless typed in or pending), its marks and its tooltip. */
function fillCell(c: ViewCell, key: string, input: HTMLInputElement, version: number): void {
  docValue.set(key, c.value ?? null);
  const p = pending.get(key);
  if (p) {
    if (p.version !== undefined && version >= p.version) pending.delete(key);
    else if (c.value === p.value) pending.delete(key);
  }
  const typing = dirty.has(key);
  if (!typing && !pending.has(key)) {
    const v = c.value ?? '';
    if (input.value !== v) {
      input.value = v;
      // The cell shows what the document holds (after an undo, too), its figure selected: typing replaces it.
      if (document.activeElement === input) input.select();
    }
  }
  input.disabled = c.value === null;
  input.classList.remove('error', 'warning', 'information', 'hint');
  if (c.severity) input.classList.add(c.severity);
  input.classList.toggle('suspect', !!c.suspect);
  input.parentElement!.classList.toggle('suspect', !!c.suspect);
  input.setAttribute('aria-invalid', c.severity === 'error' || c.suspect ? 'true' : 'false');
  const named = c.suspect
    ? [`${strings.suspect ?? ''}${c.suspect.checks.join('、')}`, (strings.suspectValue ?? '').replace('{0}', String(c.suspect.value))]
    : [];
  const messages = c.value === null ? [strings.missingCell ?? ''] : [...named, ...(c.messages ?? [])];
  input.title = [c.label ?? '', ...messages].filter(Boolean).join('\n');
  input.parentElement!.classList.toggle('missing', c.value === null);
}

/** Fills values and marks; leaves the cell being typed in (and committed cells not yet in the document) alone. */
function fill(msg: RenderMessage): void {
  for (const t of msg.tables) {
    for (const row of t.body) {
      for (const c of row) {
        if (c.kind !== 'value' || !c.key) continue;
        const input = inputs.get(c.key);
        if (!input) continue;
        fillCell(c, c.key, input, msg.version);
      }
    }
    fillPointers(t);
  }
  updateSums();
}

/** The sums lines of a failing check point to the cell the rules name as wrong: a button that goes there. */
function fillPointers(t: TableView): void {
  const section = document.getElementById(`t-${t.id}`);
  if (!section) return;
  for (const group of t.sums) {
    for (const line of group.lines) {
      const tr = section.querySelector<HTMLElement>(`tr[data-line="${line.rule}/${line.key}"]`);
      const cell = tr?.querySelector<HTMLElement>('td.pointer');
      if (!tr || !cell) continue;
      const target = line.suspect?.key;
      if ((cell.dataset.target ?? '') === (target ?? '')) continue;
      cell.textContent = '';
      if (target) {
        cell.dataset.target = target;
        const button = el('button', { type: 'button', class: 'go', 'data-target': target }, `→ ${line.suspect!.name}`);
        button.title = `${strings.goToSuspect ?? ''}${line.suspect!.name}`;
        cell.appendChild(button);
        // A new pointer shows: its group opens.
        tr.closest<HTMLDetailsElement>('details')?.setAttribute('open', '');
      } else delete cell.dataset.target;
    }
  }
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

/** Focuses the next (or previous) cell marked as the wrong one, else with an error, after `from`, wrapping round. */
function nextProblem(from: string, step: 1 | -1): void {
  for (const mark of ['suspect', 'error']) {
    const marked = positions.filter((p) => inputs.get(p.key)!.classList.contains(mark));
    if (!marked.length) continue;
    const at = byKey.get(from)?.order ?? -1;
    const after = step > 0 ? marked.find((p) => p.order > at) : [...marked].reverse().find((p) => p.order < at);
    focusCell((after ?? (step > 0 ? marked[0] : marked[marked.length - 1])).key);
    return;
  }
}

function focusCell(key: string, scroll = true): void {
  const input = inputs.get(key);
  if (!input) return;
  remember(key);
  input.focus({ preventScroll: true });
  input.select();
  if (!scroll) return;
  // The whole row in view (its label may be taller than the figure), then the figure sideways.
  input.closest('tr')?.scrollIntoView({ block: 'nearest' });
  input.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** The cell last focused, kept by VS Code with the panel (a window reload restores it). */
function remember(key: string): void {
  lastKey = key;
  document.body.dataset.key = key;
  vscode.setState({ uri: current?.uri, key } satisfies PageState);
}

// A click on a figure that is not focused yet selects the whole figure (typing replaces it);
// a second click places the caret as usual.
root.addEventListener('pointerdown', (e) => {
  const input = (e.target as HTMLElement).closest?.<HTMLInputElement>('input[data-key]');
  if (!input || input.disabled || document.activeElement === input) return;
  e.preventDefault();
  focusCell(input.dataset.key!);
});

root.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest?.<HTMLButtonElement>('button.go');
  if (button?.dataset.target) focusCell(button.dataset.target);
});

// The panel gets the focus back (a click on its tab, the end of an undo): the last cell again,
// without scrolling (a click elsewhere in the page must not make it jump).
window.addEventListener('focus', () => {
  const active = document.activeElement as HTMLInputElement | null;
  if (active?.dataset?.key) active.select();
  else if (lastKey && inputs.has(lastKey)) focusCell(lastKey, false);
});

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
    discardTyping(input, key);
    e.preventDefault();
    return;
  } else if (e.key === 'F8') {
    // Like F8 in the text: the next (Shift: previous) cell the rules name as wrong, else with an error.
    e.preventDefault();
    e.stopPropagation();
    commit([key]);
    nextProblem(key, e.shiftKey ? -1 : 1);
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
  const input = e.target as HTMLInputElement;
  const key = input.dataset?.key;
  if (!key) return;
  // Focusing a figure selects it, however the focus came (Tab from outside, a screen reader).
  if (!dirty.has(key)) input.select();
  remember(key);
  post({ type: 'focusCell', key });
});

// ---------------------------------------------------------------------------
// Undo and redo are the document's: Ctrl+Z / Ctrl+Y (Cmd+Z / Cmd+Shift+Z) never reach the
// input's own history (which would show a figure the document does not hold). Typing not yet
// written is only discarded (as Esc does).

function historyKey(e: KeyboardEvent): 'undo' | 'redo' | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const k = e.key.toLowerCase();
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !e.shiftKey) return 'redo';
  return undefined;
}

function history(which: 'undo' | 'redo'): void {
  const input = document.activeElement as HTMLInputElement | null;
  const key = input?.dataset?.key;
  if (which === 'undo' && key && dirty.has(key)) {
    discardTyping(input, key);
    return;
  }
  post({ type: which, key: key ?? lastKey });
}

function discardTyping(input: HTMLInputElement, key: string): void {
  input.value = docValue.get(key) ?? '';
  dirty.delete(key);
  updateSums();
  input.select();
}

// Capture: before the input and before VS Code's own listener, which would run the input's undo.
window.addEventListener(
  'keydown',
  (e) => {
    const which = historyKey(e);
    if (!which || e.isComposing) return;
    e.preventDefault();
    e.stopPropagation();
    history(which);
  },
  true,
);

// Edit › Undo in VS Code's menu reaches a webview as document.execCommand('undo').
const execCommand = (document.execCommand as Document['execCommand'] | undefined)?.bind(document);
document.execCommand = (command: string, showUI?: boolean, value?: string): boolean => {
  if (command === 'undo' || command === 'redo') {
    history(command);
    return true;
  }
  return execCommand?.(command, showUI, value) ?? false;
};

root.addEventListener('beforeinput', (e) => {
  if (e.inputType === 'historyUndo' || e.inputType === 'historyRedo') {
    e.preventDefault();
    history(e.inputType === 'historyUndo' ? 'undo' : 'redo');
  }
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

/** A render message: drawn again when the tables' shape changed, else filled; the focus restored after a reload. */
function onRender(msg: RenderMessage): void {
  strings = msg.strings;
  // Redrawn when the tables or their checks change (a row added or taken away), else only filled.
  const shape = JSON.stringify([
    msg.uri,
    msg.empty ?? '',
    msg.tables.map((t) => [t.id, t.present, t.sums.map((g) => g.lines.map((l) => [l.rule, l.key, l.left, l.right]))]),
  ]);
  if (shape !== structure) {
    structure = shape;
    draw(msg);
  }
  const first = current?.uri !== msg.uri;
  current = msg;
  status.textContent = msg.fileName;
  fill(msg);
  document.body.dataset.version = String(msg.version);
  // The same report after a window reload: back to the cell last focused.
  if (first && saved.uri === msg.uri && saved.key && inputs.has(saved.key)) {
    lastKey = saved.key;
    document.body.dataset.key = saved.key;
    if (document.hasFocus()) focusCell(saved.key);
    else inputs.get(saved.key)!.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  post({ type: 'shown', uri: msg.uri, version: msg.version });
}

/** What the page shows, for the tests (the VS Code suite asks with a probe message). */
function probeResult(id: number): FromWebview {
  const values: Record<string, string> = {};
  const marked: Record<string, string> = {};
  for (const [k, input] of inputs) {
    values[k] = input.value;
    const sev = ['error', 'warning', 'information', 'hint'].find((s) => input.classList.contains(s));
    if (sev) marked[k] = sev;
  }
  const active = document.activeElement as HTMLInputElement | null;
  const focused = active?.dataset?.key;
  const suspects = [...inputs].filter(([, i]) => i.classList.contains('suspect')).map(([k]) => k);
  const pointers: Record<string, string> = {};
  for (const tr of Array.from(root.querySelectorAll<HTMLElement>('tr[data-line]'))) {
    const target = tr.querySelector<HTMLElement>('td.pointer')?.dataset.target;
    if (target) pointers[`${tr.closest('details')?.dataset.table}/${tr.dataset.line}`] = target;
  }
  const selection: [number, number] | undefined = focused && active ? [active.selectionStart ?? 0, active.selectionEnd ?? 0] : undefined;
  return { type: 'probeResult', id, values, focused, selection, marked, suspects, pointers };
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'render':
      onRender(msg);
      break;
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
    case 'probe':
      post(probeResult(msg.id));
      break;
  }
});

post({ type: 'ready' });

// exported for unit tests of the parsing only
export type { SumLine };
