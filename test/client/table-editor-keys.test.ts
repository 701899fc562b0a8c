// The table editor's page script in a DOM (happy-dom), for what issue 16 asked of it: a click or
// focus selects the figure (typing replaces it), Ctrl+Z / Ctrl+Y never touch the input's own
// history but ask for the document's undo and redo, F8 goes to the cell the rules name as wrong,
// the sums panel points to it, no version number is shown, and the page keeps its report and
// cell for a window reload.
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
  balance: '勾稽关系',
  resultTotal: '（七）总计',
  rowTotal: '行合计',
  blockTotal: '组合计',
  newPlusCarried: '一+二',
  totalPlusForward: '三+四',
  itemsSum: '各项',
  resultTotalCell: '（七）',
  applicantsSum: '六类',
  totalColumn: '总计',
  resultsSum: '结果',
};

interface Input {
  value: string;
  title: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  dataset: Record<string, string | undefined>;
  classList: { contains(c: string): boolean };
  parentElement: { classList: { contains(c: string): boolean } };
  focus(): void;
  dispatchEvent(e: unknown): boolean;
  getAttribute(name: string): string | null;
}

test('selecting, undo/redo as the document’s, F8 and the pointer to the wrong cell, state kept for a reload', async () => {
  const window = new Window({ url: 'https://webview.invalid/' });
  const document = window.document;
  document.body.innerHTML = '<span id="status"></span><div id="live"></div><main id="root"></main>';
  const sent: FromWebview[] = [];
  let state: unknown = { uri: 'file:///r.md', key: 'table3/g2/natural' };
  Object.assign(globalThis as Record<string, unknown>, {
    window,
    document,
    ResizeObserver: window.ResizeObserver,
    acquireVsCodeApi: () => ({
      postMessage: (m: FromWebview) => sent.push(m),
      getState: () => state,
      setState: (s: unknown) => (state = s),
    }),
  });
  const page = '../../client/webview/table-editor.ts';
  await import(page);
  const post = (m: ToWebview) => window.dispatchEvent(new window.MessageEvent('message', { data: m }));
  const input = (key: string) => document.querySelector(`input[data-key="${key}"]`) as unknown as Input;
  const active = () => (document.activeElement as unknown as Input | null)?.dataset.key;
  const key = (k: string, init: Record<string, unknown> = {}) =>
    new window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  const of = <T extends FromWebview['type']>(type: T) => sent.filter((m): m is Extract<FromWebview, { type: T }> => m.type === type);

  const text = readFileSync(new URL('../vscode/workspace/wrong-total-2023.md', import.meta.url), 'utf8');
  // The server's checks (core/arithmetic.ts): （一）予以公开's 总计 7 is the one wrong cell.
  const grid = tableGridOf(analyze(text), 'file:///r.md', 4);
  const failing = grid.tables.find((t) => t.id === 'table3')!.checks!.filter((c) => c.status === 'mismatch');
  assert.deepEqual(
    failing.map((c) => [c.rule, c.key, c.suspect]),
    [
      ['result-total', 'total', { row: 'g1', column: 'total', value: 6 }],
      ['row-total', 'g1', { row: 'g1', column: 'total', value: 6 }],
    ],
  );
  const msg: RenderMessage = {
    type: 'render',
    uri: 'file:///r.md',
    fileName: 'r.md',
    version: 4,
    tables: tableViews(grid, STRINGS),
    strings: { suspect: '可能有误：', suspectValue: '为 {0} 时相符', goToSuspect: '转到：' },
  };
  post(msg);
  // Plain Chinese: the file's name, no version number.
  assert.equal(document.getElementById('status')!.textContent, 'r.md');
  assert.deepEqual(of('shown').at(-1), { type: 'shown', uri: 'file:///r.md', version: 4 });
  // The same report as before the reload: back on the cell the page kept.
  assert.equal(active(), 'table3/g2/natural');
  assert.equal(document.body.dataset.key, 'table3/g2/natural');

  // The wrong cell: marked (not only by colour), named in its title, and the sums lines point to it.
  const total = input('table3/g1/total');
  assert.ok(total.classList.contains('suspect') && total.parentElement.classList.contains('suspect'));
  assert.equal(total.getAttribute('aria-invalid'), 'true');
  assert.match(total.title, /可能有误：.*行合计（（一）予以公开）/);
  assert.match(total.title, /可能有误：.*（七）总计（总计）/);
  assert.match(total.title, /为 6 时相符/);
  const pointer = document.querySelector('tr[data-line="row-total/g1"] button.go') as unknown as { textContent: string; click(): void };
  assert.equal(pointer.textContent, '→ （一）予以公开 · 总计');
  assert.equal(document.querySelector('tr[data-line="row-total/g2"] button.go'), null);
  assert.ok((document.querySelector('tr[data-line="row-total/g1"]')!.closest('details') as unknown as { open: boolean }).open);
  input('table3/new/natural').focus();
  pointer.click();
  assert.equal(active(), 'table3/g1/total');
  // F8 from elsewhere goes there too.
  input('table3/new/natural').focus();
  input('table3/new/natural').dispatchEvent(key('F8'));
  assert.equal(active(), 'table3/g1/total');

  // A click on a figure that is not focused selects all of it: typing replaces it.
  const g2 = input('table3/g2/business');
  const down = new window.PointerEvent('pointerdown', { bubbles: true, cancelable: true });
  g2.dispatchEvent(down);
  assert.ok(down.defaultPrevented, 'the caret is not placed by the first click');
  assert.equal(active(), 'table3/g2/business');
  assert.deepEqual([g2.selectionStart, g2.selectionEnd], [0, g2.value.length]);
  assert.deepEqual(state, { uri: 'file:///r.md', key: 'table3/g2/business' });
  assert.deepEqual(of('focusCell').at(-1), { type: 'focusCell', key: 'table3/g2/business' });

  // Ctrl+Z / Ctrl+Y / Cmd+Shift+Z: the document's undo and redo, never the input's own history.
  for (const [init, which] of [
    [{ ctrlKey: true }, 'undo'],
    [{ metaKey: true }, 'undo'],
    [{ ctrlKey: true, key: 'y' }, 'redo'],
    [{ metaKey: true, shiftKey: true }, 'redo'],
    [{ ctrlKey: true, shiftKey: true, key: 'Z' }, 'redo'],
  ] as const) {
    const e = key('z', init);
    g2.dispatchEvent(e);
    assert.ok(e.defaultPrevented);
    assert.deepEqual(sent.at(-1), { type: which, key: 'table3/g2/business' }, JSON.stringify(init));
  }
  // VS Code's Edit › Undo reaches a webview as document.execCommand('undo').
  (document as unknown as { execCommand(c: string): boolean }).execCommand('redo');
  assert.deepEqual(sent.at(-1), { type: 'redo', key: 'table3/g2/business' });
  // Typing not yet written: Ctrl+Z discards it and asks nothing of the document.
  const before = sent.length;
  g2.value = '42';
  g2.dispatchEvent(new window.Event('input', { bubbles: true }));
  g2.dispatchEvent(key('z', { ctrlKey: true }));
  assert.equal(g2.value, '0');
  assert.equal(sent.length, before);

  // After the document's undo, the focused cell shows what the document holds, selected.
  const undone = text.replace(
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 1 | 0 |',
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形） |  | 1 | 3 |',
  );
  assert.notEqual(undone, text);
  const g2b = tableGridOf(analyze(undone), 'file:///r.md', 5);
  post({ ...msg, version: 5, tables: tableViews(g2b, STRINGS) });
  assert.equal(g2.value, '3');
  assert.deepEqual([g2.selectionStart, g2.selectionEnd], [0, 1]);
  assert.equal(total.classList.contains('suspect'), false, 'no checks in this version: no mark');
  assert.equal(document.querySelector('tr[data-line="row-total/g1"] button.go'), null);
  await window.happyDOM.close();
});
