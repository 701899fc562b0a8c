// @ts-check
// Hover, code lens and table formatting through VS Code's own API commands (the server side
// is tested in test/editing; here: that VS Code gets and applies them).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

/** Plain text of the hovers' contents. */
function hoverText(/** @type {vscode.Hover[]} */ hovers) {
  return hovers
    .flatMap((x) => x.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('hover, code lens and formatting in VS Code', function () {
  this.timeout(60_000);
  afterEach(h.revertAndClose);
  after(h.closeAllEditors);

  it('hover on a cell of table 三 names its row path and column and shows the checks it takes part in', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const line = h.lineOf(doc, '4.保护第三方合法权益');
    const cell = h.cellRange(doc, line, 3);
    /** @type {vscode.Hover[]} */
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, cell.start);
    const text = hoverText(hovers);
    assert.match(text, /4\.保护第三方合法权益|third parties/, text);
    assert.match(text, /自然人|natural/, text);
    assert.match(text, /（三）不予公开|not disclosed/, text);
    assert.match(text, /✓/, `the checks with their figures: ${text}`);
  });

  it('code lenses above tables 三 and 四 summarise the checks and open the table editor', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'));
    /** @type {vscode.CodeLens[]} */
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri);
    const ours = lenses.filter((l) => l.command && l.command.command === 'xxgkReport.openTableEditor');
    assert.strictEqual(ours.length, 2, JSON.stringify(lenses.map((l) => l.command && l.command.title)));
    const [t3, t4] = ours;
    assert.ok(t3.range.start.line < h.lineOf(doc, '一、本年新收政府信息公开申请数量'));
    assert.ok(t3.range.start.line > h.lineOf(doc, '## 三、'));
    assert.ok(t4.range.start.line > h.lineOf(doc, '## 四、'));
    assert.match(/** @type {vscode.Command} */ (t3.command).title, /✗/, 'table 三 has a wrong total');
    assert.match(/** @type {vscode.Command} */ (t4.command).title, /✓/);
    // the lens's command opens the table editor on that table
    const cmd = /** @type {vscode.Command} */ (t3.command);
    assert.strictEqual(await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments || [])), true);
    /** @type {any} */
    const state = await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'state');
    assert.strictEqual(state.uri, uri.toString());
  });

  it("年报：新建下一年度报告 opens next year's draft with 上年结转 = this year's 结转下年度继续办理", async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    /** @type {vscode.Uri} */
    const next = await vscode.commands.executeCommand('xxgkReport.nextYear', uri, 'prose');
    // A real file beside last year's report (15-trust.test.js tests its name and overwriting).
    assert.ok(next && next.scheme === 'file', `nextYear returned ${next}`);
    const draft = await vscode.workspace.openTextDocument(next);
    assert.match(draft.lineAt(0).text, /2024/);
    const forward = h.lineOf(doc, '四、结转下年度继续办理');
    const carried = h.lineOf(draft, '二、上年结转政府信息公开申请数量');
    const figures = (/** @type {vscode.TextDocument} */ d, /** @type {number} */ l) =>
      Array.from({ length: 7 }, (_, i) => d.getText(h.cellRange(d, l, i - 7)));
    assert.deepStrictEqual(figures(draft, carried), figures(doc, forward));
    // every other figure of table 三 is blank
    assert.deepStrictEqual(figures(draft, h.lineOf(draft, '一、本年新收政府信息公开申请数量')), ['', '', '', '', '', '', '']);
  });

  it('Format Document aligns the pipes of report tables, changes no cell, and is idempotent', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const cellsOf = (/** @type {string} */ text) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .map((l) => l.split('|').map((c) => c.trim()));
    const outside = (/** @type {string} */ text) =>
      text
        .split('\n')
        .filter((l) => !l.startsWith('|'))
        .join('\n');
    const before = doc.getText();
    /** @type {vscode.TextEdit[]} */
    const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'no formatting edits for unaligned tables');
    const we = new vscode.WorkspaceEdit();
    we.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    const after = doc.getText();
    assert.notStrictEqual(after, before);
    assert.deepStrictEqual(
      cellsOf(after).map((r) => r.map((c) => c.replace(/^-+:?$|^:?-+$/, '-'))),
      cellsOf(before).map((r) => r.map((c) => c.replace(/^-+:?$|^:?-+$/, '-'))),
    );
    assert.strictEqual(outside(after), outside(before));
    // table 二's rows now have their pipes at the same places
    const l = h.lineOf(doc, '| 规章');
    // display columns: CJK and full-width characters take two
    const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
    const pipes = (/** @type {string} */ s) => {
      const out = [];
      let col = 0;
      for (const c of s) {
        if (c === '|') out.push(col);
        col += wide.test(c) ? 2 : 1;
      }
      return out;
    };
    assert.deepStrictEqual(pipes(doc.lineAt(l).text), pipes(doc.lineAt(l + 1).text));
    /** @type {vscode.TextEdit[]} */
    const again = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 2, insertSpaces: true });
    assert.deepStrictEqual(
      (again || []).filter((e) => doc.getText(e.range) !== e.newText),
      [],
      'formatting twice changes nothing',
    );
  });
});
