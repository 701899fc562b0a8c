// @ts-check
// The one label matcher in a real VS Code: a label variant is the same row for the diagnostics
// (row-label, never row-missing plus row-unknown) and for the preview plugin bundled in the client.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('Label variants: one matcher for the checker and the preview', function () {
  this.timeout(60_000);
  after(h.closeAllEditors);

  it('其他 for 3.其他 in （六）其他处理: a row-label warning with a safe fix, and the preview draws the row in place', async () => {
    const text = (await h.readFixture('clean-2023.md')).replace('|  |  | 3.其他 |', '|  |  | 其他 |');
    const uri = vscode.Uri.joinPath(h.workspaceRoot(), `tmp-${process.pid}-labels-2023.md`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-label'), 'row-label');
    const codes = h.ourDiagnostics(uri).map(h.codeOf);
    assert.ok(!codes.includes('row-missing') && !codes.includes('row-unknown'), codes.join());
    const label = diags.find((x) => h.codeOf(x) === 'row-label');
    assert.match(label.message, /“其他”.*“3\.其他”/);
    const actions = /** @type {vscode.CodeAction[]} */ (
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, label.range, vscode.CodeActionKind.QuickFix.value)
    );
    assert.ok(
      actions.some((a) => a.isPreferred && a.title.includes('3.其他')),
      actions.map((a) => a.title).join(' / '),
    );
    const md = (await h.extension().activate()).extendMarkdownIt(new (require('markdown-it'))());
    const html = md.render(doc.getText(), { currentDocument: uri });
    // Merged layout (not a plain table), and the row's source line feeds the official row.
    assert.match(html, /class="xxgk-report-table xxgk-table3"/);
    assert.match(html, new RegExp(`<tr class="code-line" data-line="${h.lineOf(doc, '|  |  | 其他 |')}">`));
    await vscode.workspace.fs.delete(uri);
  });
});
