// @ts-check
// 年报：导入 Word 或网页… / 导出为 Word / 导出为网页 and paste as a report table.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

const decode = (/** @type {Uint8Array} */ b) => new TextDecoder().decode(b);

describe('import, export and paste', function () {
  this.timeout(90_000);
  after(h.closeAllEditors);

  it('exports a draft to Word and imports it back to the same figures, with no findings', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    /** @type {vscode.Uri} */
    const docx = await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { overwrite: true });
    assert.ok(docx && docx.path.endsWith('.docx'), `exportDocx returned ${docx}`);
    const bytes = await vscode.workspace.fs.readFile(docx);
    assert.strictEqual(decode(bytes.subarray(0, 2)), 'PK', 'not a zip package');
    assert.ok(decode(bytes).includes('word/document.xml'));

    const target = vscode.Uri.joinPath(h.workspaceRoot(), `imported-${Date.now()}.md`);
    /** @type {vscode.Uri} */
    const imported = await vscode.commands.executeCommand('xxgkReport.import', docx, { target });
    assert.strictEqual(imported && imported.toString(), target.toString());
    const draft = await vscode.workspace.openTextDocument(target);
    assert.strictEqual(
      vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString(),
      target.toString(),
      'the draft is opened',
    );
    // the same figure in every cell of table 三
    for (const label of ['（一）予以公开', '4.保护第三方合法权益', '1.本机关不掌握相关政府信息', '四、结转下年度继续办理']) {
      const a = h.lineOf(doc, label);
      const b = h.lineOf(draft, label);
      const cells = (/** @type {vscode.TextDocument} */ d, /** @type {number} */ l) =>
        Array.from({ length: 7 }, (_, i) => d.getText(h.cellRange(d, l, i - 7)));
      assert.deepStrictEqual(cells(draft, b), cells(doc, a), `row ${label}`);
    }
    const s = await h.structureOf(target);
    assert.strictEqual(s.isReport, true);
    await h.waitForDiagnostics(
      target,
      (d) => d.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length === 0,
      'no errors in the imported draft',
    );
  });

  it('exports a self-contained web page with the merged tables', async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    /** @type {vscode.Uri} */
    const html = await vscode.commands.executeCommand('xxgkReport.exportHtml', uri, { overwrite: true });
    const page = decode(await vscode.workspace.fs.readFile(html));
    assert.match(page, /<table/);
    assert.match(page, /colspan="5"[^>]*>法人或其他组织/);
    assert.doesNotMatch(page, /<script|https?:\/\//);
  });

  it('refuses an old .doc file with a message and writes nothing', async () => {
    const doc = vscode.Uri.joinPath(h.workspaceRoot(), 'old-report.doc');
    await vscode.workspace.fs.writeFile(doc, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const r = await vscode.commands.executeCommand('xxgkReport.import', doc, { overwrite: true });
    assert.strictEqual(r, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(h.workspaceRoot(), 'old-report.md'))));
  });

  it('offers clipboard HTML of a report table as the canonical table (after plain text), only in reports', async () => {
    const { uri } = await h.openFixture('wrong-total-2023.md');
    await h.structureOf(uri);
    // a table as Word or a CMS page gives it: merged cells, one label per <td>, &nbsp; around figures
    const html = await h.readFixture('paste-table4.html');
    /** @type {any[]} */
    const edits = await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'paste', { uri: uri.toString(), html });
    assert.strictEqual(edits.length, 1, JSON.stringify(edits));
    assert.match(edits[0].title, /表四|Table 4/);
    assert.deepStrictEqual(edits[0].yieldTo, ['text']);
    assert.match(edits[0].insertText, /\| 结果维持 \| 结果纠正 \| 其他结果 \| 尚未审结 \| 总计 \|/);
    assert.match(edits[0].insertText, /\| 2 \| 1 \| 0 \| 0 \| 3 \|/);
    // a tab-separated block from a spreadsheet is offered too; a single value is not
    const tsv = await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'paste', { uri: uri.toString(), text: '5' });
    assert.deepStrictEqual(tsv, []);
    // not a report: nothing offered
    const readme = h.fixtureUri('README.md');
    assert.deepStrictEqual(
      await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'paste', { uri: readme.toString(), html }),
      [],
    );
  });
});
