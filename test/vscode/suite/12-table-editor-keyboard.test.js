// @ts-check
// The 年报表格 editor used as a clerk would, by keyboard, at 1366×768 with the side bar open
// (issue 16): the runner's driver (lib/driver.js) presses the keys in the workbench and measures
// where the cells are on the screen; the document is read here, through the VS Code API.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');
const d = require('../lib/driver');

/** @returns {Thenable<any>} */
const channel = (/** @type {string} */ action, /** @type {any} */ payload) =>
  vscode.commands.executeCommand('xxgkReport.test.tableEditor', action, payload);

const T3_COLUMNS = ['natural', 'business', 'research', 'publicInterest', 'legal', 'other', 'total'];
const rowKeys = (/** @type {string} */ row) => T3_COLUMNS.map((c) => `table3/${row}/${c}`);

/** A box is on the screen: inside the page's frame, the frame inside the 1366×768 page, nothing sticky over it. */
function assertInView(/** @type {any} */ t, /** @type {any} */ box, /** @type {string} */ what) {
  assert.ok(box, `${what}: not drawn`);
  const slack = 1;
  assert.ok(
    box.left >= -slack && box.top >= -slack && box.right <= t.viewport.width + slack && box.bottom <= t.viewport.height + slack,
    `${what} is outside the table editor (${JSON.stringify(box)} in ${JSON.stringify(t.viewport)})`,
  );
  assert.ok(box.uncovered, `${what} is hidden under a sticky header or label`);
  const f = t.frameBox;
  assert.ok(
    f.x >= 0 && f.y >= 0 && f.x + f.width <= t.page.width + slack && f.y + f.height <= t.page.height + slack,
    'the panel is on the page',
  );
}

/** Waits until the document's text satisfies pred (on its change events). */
const textBecomes = (/** @type {vscode.TextDocument} */ doc, /** @type {(s: string) => boolean} */ pred, /** @type {string} */ what) =>
  h.whenDocument(doc, (x) => pred(x.getText()), what, 60_000);

describe('年报表格 editor by keyboard at 1366×768', function () {
  this.timeout(240_000);
  before(function () {
    if (!d.available()) this.skip(); // run-electron.mjs has no driver: these tests are reported as skipped
  });
  afterEach(h.closeAllEditors);

  it('Ctrl+Alt+T opens the grid on the cell under the text cursor, figure selected; the first Tab stays in the grid', async () => {
    const { uri, doc, editor } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const wb = await d.drive('workbench');
    assert.deepStrictEqual(wb.viewport, { width: 1366, height: 768 });
    assert.ok(wb.sidebar > 150, `the side bar is open (${wb.sidebar} px)`);
    const line = h.lineOf(doc, '3.危及“三安全一稳定”');
    const cell = h.cellRange(doc, line, 6); // 社会公益组织
    await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(cell.start, cell.start) });
    assert.ok(editor.selection.active.isEqual(cell.start));
    const before = doc.getText();
    await d.press('Control+Alt+T');
    const opened = await d.drive('table', { focused: 'table3/g3.3/publicInterest' });
    assert.strictEqual(opened.value, '0');
    assert.deepStrictEqual(opened.selection, [0, 1], 'the figure is selected');
    // The first Tab moves in the grid; the Markdown line is not indented.
    await d.press('Tab');
    const next = await d.drive('table', { focused: 'table3/g3.3/legal' });
    assert.deepStrictEqual(next.selection, [0, next.value.length]);
    assert.strictEqual(doc.getText(), before, 'a key pressed in the grid reached the text');
    // Ctrl+Alt+T in the grid goes back to the text (the grid had the focus: no active text editor), on that figure.
    assert.strictEqual(vscode.window.activeTextEditor, undefined, 'the grid has the focus');
    await d.press('Control+Alt+T');
    const legal = h.cellRange(doc, line, 7);
    const back = await h.when(
      vscode.window.onDidChangeActiveTextEditor,
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document === doc && e;
      },
      'the text editor to take the focus back',
      60_000,
    );
    assert.ok(back.selection.isEqual(new vscode.Selection(legal.start, legal.end)), 'on the 法律服务机构 figure of the row');
  });

  it('without a cell under the cursor it opens on the first empty figure', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    const line = h.lineOf(doc, '（四）无法提供');
    const cell = h.cellRange(doc, line, 4); // 商业企业 of 1.本机关不掌握相关政府信息
    const e = new vscode.WorkspaceEdit();
    e.replace(uri, cell, '');
    assert.ok(await vscode.workspace.applyEdit(e));
    await h.structureOf(uri);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(0, 0, 0, 0) });
    await d.press('Control+Alt+T');
    await d.drive('table', { focused: 'table3/g4.1/business' });
  });

  it('typing replaces the figure; Enter and arrows move; Ctrl+Z / Ctrl+Y are the document’s undo and redo', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    const line = h.lineOf(doc, '3.危及“三安全一稳定”');
    const figure = () => doc.getText(h.cellRange(doc, line, 3));
    const key = 'table3/g3.3/natural';
    assert.strictEqual(await vscode.commands.executeCommand('xxgkReport.openTableEditor', uri, 'table3', key), true);
    await d.drive('table', { focused: key });
    const original = doc.getText();
    await d.type('7');
    await d.press('Enter');
    await textBecomes(doc, () => figure() === '7', 'the typed 7 in the document');
    const below = await d.drive('table', { focused: 'table3/g3.4/natural' });
    assert.deepStrictEqual(below.selection, [0, below.value.length]);
    await d.press('ArrowUp');
    const up = await d.drive('table', { focused: key });
    assert.strictEqual(up.value, '7', 'typing replaced the selected 0 (not 07 or 70)');
    // Undo: the document's, and the cell shows what the document holds.
    await d.press('Control+Z');
    await textBecomes(doc, (s) => s === original, 'the document undone');
    const undone = await d.drive('table', { focused: key, version: doc.version });
    assert.strictEqual(undone.value, '0');
    assert.deepStrictEqual(undone.selection, [0, 1], 'the figure is selected again: typing replaces it');
    await d.press('Control+Y');
    await textBecomes(doc, () => figure() === '7', 'the document redone');
    const redone = await d.drive('table', { focused: key, version: doc.version });
    assert.strictEqual(redone.value, '7');
    // Typing not yet written is only discarded by Ctrl+Z (the document keeps its figure).
    await d.type('9');
    const version = doc.version;
    await d.press('Control+Z');
    const discarded = await d.drive('table', { focused: key });
    assert.strictEqual(discarded.value, '7');
    assert.strictEqual(doc.version, version);
    // Tab and Shift+Tab, the last move of the row to the next row's first figure.
    await d.press('Tab', 'Tab', 'Shift+Tab');
    await d.drive('table', { focused: 'table3/g3.3/business' });
  });

  it('at 1366×768 with the side bar open, the seven figures of a 表三 row, its label and the header stay in view', async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    const key = 'table3/g3.3/natural';
    await vscode.commands.executeCommand('xxgkReport.openTableEditor', uri, 'table3', key);
    const label = '3.危及“三安全一稳定”';
    const t = await d.drive('table', { focused: key, keys: rowKeys('g3.3'), labels: [label, '总计', '自然人'] });
    assert.ok(t.frameBox.width < 700, `the grid shares the screen with the text (${t.frameBox.width} px)`);
    for (const k of rowKeys('g3.3')) assertInView(t, t.boxes[k], k);
    assertInView(t, t.labelBoxes[label], 'the row label');
    // Along the row to 总计: the label column stays.
    await d.press('Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab');
    const atTotal = await d.drive('table', { focused: 'table3/g3.3/total', keys: ['table3/g3.3/total'], labels: [label] });
    assertInView(atTotal, atTotal.boxes['table3/g3.3/total'], '总计');
    assertInView(atTotal, atTotal.labelBoxes[label], 'the row label on 总计');
    // Down to the last row: the header rows stay.
    for (let i = 0; i < 18; i++) await d.press('Enter');
    const last = 'table3/forward/total';
    const bottom = await d.drive('table', { focused: last, keys: [last], labels: ['总计', '自然人', '四、结转下年度继续办理'] });
    assertInView(bottom, bottom.boxes[last], 'the 总计 of 四、结转下年度继续办理');
    assertInView(bottom, bottom.labelBoxes['总计'], 'the 总计 column header');
    assertInView(bottom, bottom.labelBoxes['自然人'], 'the 自然人 column header');
    assertInView(bottom, bottom.labelBoxes['四、结转下年度继续办理'], 'the label of the last row');
  });

  it('the cell the rules name as wrong is marked, and the sums panel points to it', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    await h.waitForDiagnostics(uri, (x) => x.some((y) => h.codeOf(y) === 'row-total'));
    await vscode.commands.executeCommand('xxgkReport.openTableEditor', uri, 'table3', 'table3/new/natural');
    await channel('shown', { uri: uri.toString(), version: doc.version, focused: 'table3/new/natural' });
    const probe = await channel('probe');
    assert.deepStrictEqual(probe.suspects, ['table3/g1/total'], JSON.stringify(probe.suspects));
    assert.strictEqual(probe.marked['table3/g1/total'], 'error');
    assert.strictEqual(probe.pointers['table3/row-total/g1'], 'table3/g1/total', JSON.stringify(probe.pointers));
    // F8 in the grid goes to it (as F8 goes to the next problem in the text).
    await d.press('F8');
    const t = await d.drive('table', { focused: 'table3/g1/total', keys: ['table3/g1/total'] });
    assertInView(t, t.boxes['table3/g1/total'], 'the wrong 总计');
    assert.deepStrictEqual(t.selection, [0, 1]);
  });

  it('a window reload brings the grid back on the same report and cell', async function () {
    this.timeout(480_000);
    const text = (await vscode.workspace.openTextDocument(h.fixtureUri('wrong-total-2023.md'))).getText().split('\n');
    const line = text.findIndex((l) => l.includes('（二）部分公开'));
    const column = text[line].split('|').slice(0, 4).join('|').length + 2; // inside the 自然人 figure
    const r = await d.drive('reload', { file: 'wrong-total-2023.md', line: line + 1, column, key: 'table3/g2/natural' }, 460_000);
    assert.strictEqual(r.before.key, 'table3/g2/natural');
    assert.strictEqual(r.after.key, 'table3/g2/natural', JSON.stringify(r));
    assert.strictEqual(r.after.file, 'wrong-total-2023.md');
    assert.strictEqual(r.after.value, text[line].split('|')[4].trim());
  });
});
