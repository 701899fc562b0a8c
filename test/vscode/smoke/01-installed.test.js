// @ts-check
// Smoke test of the INSTALLED .vsix (run-offline.mjs --vsix): no development folder is loaded.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('installed .vsix (smoke)', () => {
  after(h.closeAllEditors);

  it('is installed from the package, not loaded from the source folder', () => {
    const ext = h.extension();
    const dir = ext.extensionPath;
    if (process.env.XXGK_TEST_MODE === 'vsix') {
      assert.ok(
        /[\\/]extensions[\\/]xxgk-report\.xxgk-report-[^\\/]+$/.test(dir),
        `extension path ${dir} is not an installed extension folder`,
      );
    }
    assert.ok(fs.existsSync(path.join(dir, ext.packageJSON.main.replace(/^\.\//, ''))), `main ${ext.packageJSON.main} missing in ${dir}`);
    assert.ok(fs.existsSync(path.join(dir, 'dist', 'server.js')), 'dist/server.js missing');
    for (const f of [
      'dist/webview/table-editor.js',
      'media/table-editor.css',
      'media/preview.css',
      'dist/io.js',
      'l10n/bundle.l10n.zh-cn.json',
      'package.nls.zh-cn.json',
    ]) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} missing in the package`);
    }
    for (const unwanted of ['node_modules', 'server', 'client', 'test', 'tsconfig.json']) {
      assert.ok(!fs.existsSync(path.join(dir, unwanted)), `the package contains ${unwanted}`);
    }
  });

  it('activates on a Markdown report and reports the wrong total', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    await h.waitFor(() => h.extension().isActive, 'activation');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    const d = /** @type {vscode.Diagnostic} */ (diags.find((x) => h.codeOf(x) === 'row-total'));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.range.start.line, h.lineOf(doc, '（一）予以公开'));
  });

  it('the table editor, the preview plugin and the export work from the package', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    assert.strictEqual(await vscode.commands.executeCommand('xxgkReport.openTableEditor', uri, 'table3'), true);
    /** @type {string} */
    const html = await vscode.commands.executeCommand('markdown.api.render', doc.getText());
    assert.match(html, /class="xxgk-report-table xxgk-table3"/);
    /** @type {vscode.Uri} */
    const page = await vscode.commands.executeCommand('xxgkReport.exportHtml', uri, { overwrite: true });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(page)), /法人或其他组织/);
  });

  it('fixAll, getStructure and the snippets work from the package', async () => {
    const { uri, doc } = await h.openFixture('fixall-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'cell-unit'), 'cell-unit');
    await vscode.commands.executeCommand('xxgkReport.fixAll');
    await h.waitFor(() => !doc.getText().includes('25件'), 'fixAll to strip the unit');
    /** @type {any} */
    const s = await vscode.commands.executeCommand('xxgkReport.getStructure', uri);
    assert.strictEqual(s.sections.length, 6);
    const snippets = h.extension().packageJSON.contributes.snippets;
    assert.ok(snippets && snippets.length > 0, 'no snippets contributed');
    for (const sn of snippets) assert.ok(fs.existsSync(path.join(h.extension().extensionPath, sn.path)), `${sn.path} missing`);
  });
});
