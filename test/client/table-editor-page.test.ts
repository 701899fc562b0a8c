// The table editor's page script in a DOM (happy-dom): what the user types is never
// overwritten by an update from the document, commits become whole-cell edits, Tab/Enter/
// arrows move like a spreadsheet, a pasted block fills cells from the cursor, sums are live.
// The view model is built from a real analysis of a fixture, as the extension does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { analyze } from '../../server/src/core/index';
import { tableGridOf } from '../../server/src/service/table-grid';
import { tableViews, type GridStrings } from '../../client/src/grid-view';
import type { FromWebview, RenderMessage, ToWebview } from '../../client/src/webview/messages';

const STRINGS: GridStrings = {
  tableName: { table2: '表二', table3: '表三', table4: '表四' },
  balance: 'balance',
  resultTotal: 'results',
  rowTotal: 'rows',
  blockTotal: 'blocks',
  newPlusCarried: 'I+II',
  totalPlusForward: 'III+IV',
  itemsSum: 'items',
  resultTotalCell: '(7)',
  applicantsSum: 'applicants',
  totalColumn: 'total',
  resultsSum: 'results',
};

/** The part of an input element the test touches (the root tsconfig has no DOM types). */
interface Input {
  value: string;
  title: string;
  dataset: Record<string, string | undefined>;
  classList: { contains(c: string): boolean };
  focus(): void;
  dispatchEvent(e: unknown): boolean;
  getAttribute(name: string): string | null;
}

function render(text: string, version: number): RenderMessage {
  const grid = tableGridOf(analyze(text), 'file:///r.md', version);
  return {
    type: 'render',
    uri: 'file:///r.md',
    fileName: 'r.md',
    version,
    tables: tableViews(grid, STRINGS),
    strings: { differ: 'differs by' },
  };
}

function setCell(text: string, label: string, index: number, value: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes(label)) return line;
      const cells = line.split('|');
      cells[index + 1] = ` ${value} `;
      return cells.join('|');
    })
    .join('\n');
}

test('the page keeps typing, commits cells, moves like a spreadsheet and pastes blocks', async () => {
  const window = new Window({ url: 'https://webview.invalid/' });
  const document = window.document;
  document.body.innerHTML = '<span id="status"></span><div id="live"></div><main id="root"></main>';
  const sent: FromWebview[] = [];
  const g = globalThis as Record<string, unknown>;
  Object.assign(g, {
    window,
    document,
    ResizeObserver: window.ResizeObserver,
    acquireVsCodeApi: () => ({ postMessage: (m: FromWebview) => sent.push(m), getState: () => undefined, setState: () => {} }),
  });
  // (a computed specifier: the page script is type-checked with DOM types in client/webview/tsconfig.json)
  const page = '../../client/webview/table-editor.ts';
  await import(page);
  const post = (m: ToWebview) => window.dispatchEvent(new window.MessageEvent('message', { data: m }));
  const input = (key: string) => document.querySelector(`input[data-key="${key}"]`) as unknown as Input;
  const key = (el: unknown) => (el as Input | null)?.dataset.key;
  const active = () => document.activeElement as unknown as Input;
  const press = (el: Input, k: string, shift = false) =>
    el.dispatchEvent(new window.KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true }));
  const type = (el: Input, v: string) => {
    el.focus();
    el.value = v;
    el.dispatchEvent(new window.Event('input', { bubbles: true }));
  };
  const edits = () => sent.filter((m): m is Extract<FromWebview, { type: 'edit' }> => m.type === 'edit');

  assert.deepEqual(sent[0], { type: 'ready' });
  let text = readFileSync(new URL('../vscode/workspace/clean-2023.md', import.meta.url), 'utf8');
  post(render(text, 1));
  assert.equal(document.querySelectorAll('input').length, 10 + 175 + 15);
  const g1 = input('table3/g1/natural');
  assert.equal(g1.value, '5');
  assert.match(g1.getAttribute('aria-label')!, /^表三 · 三、本年度办理结果 › （一）予以公开 · 自然人$/);
  // merged header and row labels
  assert.ok([...document.querySelectorAll('th')].some((th) => th.textContent === '法人或其他组织' && th.getAttribute('colspan') === '5'));
  assert.ok([...document.querySelectorAll('th')].some((th) => th.textContent === '（三）不予公开' && th.getAttribute('rowspan') === '8'));

  // typing in a cell while the document changes elsewhere: the typed text stays, the other cell follows
  type(g1, '6');
  text = setCell(text, '（二）部分公开', 3, '3');
  post(render(text, 2));
  assert.equal(g1.value, '6', 'an update overwrote the cell being typed in');
  assert.equal(input('table3/g2/natural').value, '3');
  // the balance line for 自然人 is computed from the inputs: 10+1 vs (7)总计 10 + 1 → still ✓; the results line now differs
  const sums = [...document.querySelectorAll('td.sum')].map((td) => td.textContent ?? '');
  assert.ok(
    sums.some((s) => s.includes('✗') && s.includes('differs by')),
    sums.join('\n'),
  );

  // Tab commits the cell as one edit and moves right
  press(g1, 'Tab');
  assert.deepEqual(edits().at(-1), { type: 'edit', id: 1, version: 2, edits: [{ key: 'table3/g1/natural', value: '6' }] });
  assert.equal(key(document.activeElement), 'table3/g1/business');
  // an update still of the old text (before the edit landed) does not undo it on screen
  post(render(text, 2));
  assert.equal(g1.value, '6');
  post({ type: 'ack', id: 1, ok: true, version: 3 });
  text = setCell(text, '（一）予以公开', 3, '6');
  post(render(text, 3));
  assert.equal(g1.value, '6');
  // and a later text change of that cell shows again (the commit is no longer pending)
  text = setCell(text, '（一）予以公开', 3, '8');
  post(render(text, 4));
  assert.equal(g1.value, '8');

  // Enter moves down, Shift+Tab back, arrows at the edges move, Escape restores the document's figure
  const business = input('table3/g1/business');
  press(business, 'Enter');
  assert.equal(key(document.activeElement), 'table3/g2/business');
  press(active(), 'Tab', true);
  assert.equal(key(document.activeElement), 'table3/g2/natural');
  press(active(), 'ArrowUp');
  assert.equal(key(document.activeElement), 'table3/g1/natural');
  type(g1, '99');
  press(g1, 'Escape');
  assert.equal(g1.value, '8');
  const before = edits().length;
  press(g1, 'ArrowDown');
  assert.equal(edits().length, before, 'an unchanged cell sends no edit');

  // a block copied from a spreadsheet fills from the cursor: rows down the column, cells to the right
  const start = input('table3/g3.1/natural');
  start.focus();
  const paste = new window.Event('paste', { bubbles: true, cancelable: true });
  Object.defineProperty(paste, 'clipboardData', { value: { getData: (t: string) => (t === 'text/plain' ? '1\t2\r\n3\t4\r\n' : '') } });
  start.dispatchEvent(paste);
  assert.ok(paste.defaultPrevented);
  assert.deepEqual(edits().at(-1)!.edits, [
    { key: 'table3/g3.1/natural', value: '1' },
    { key: 'table3/g3.1/business', value: '2' },
    { key: 'table3/g3.2/natural', value: '3' },
    { key: 'table3/g3.2/business', value: '4' },
  ]);
  assert.equal(input('table3/g3.2/business').value, '4');

  // a cell marked by a diagnostic: class and message in the title
  text = setCell(text, '（一）予以公开', 3, '5');
  text = setCell(text, '（一）予以公开', 9, '7');
  post(render(text, 5));
  const total = input('table3/g1/total');
  assert.ok(total.classList.contains('error'));
  assert.equal(total.getAttribute('aria-invalid'), 'true');
  assert.match(total.title, /7/);

  // the probe answers with what the page shows
  post({ type: 'probe', id: 9 });
  const probe = sent.at(-1) as Extract<FromWebview, { type: 'probeResult' }>;
  assert.equal(probe.type, 'probeResult');
  assert.equal(probe.values['table3/g1/total'], '7');
  assert.equal(probe.marked['table3/g1/total'], 'error');
  await window.happyDOM.close();
});
