// @ts-check
// 年报：审阅文件夹…: the review of a folder runs with a progress notification and opens the summary page.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('review a folder', function () {
  this.timeout(240_000);
  after(h.closeAllEditors);

  it('reviews a folder of drafts and a broken Word file, writes the outputs and opens the page', async () => {
    const root = h.workspaceRoot();
    const folder = vscode.Uri.joinPath(root, `review-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
    for (const f of ['clean-2023.md', 'wrong-total-2023.md'])
      await vscode.workspace.fs.copy(vscode.Uri.joinPath(root, f), vscode.Uri.joinPath(folder, f));
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'broken.docx'),
      new TextEncoder().encode('PK\u0003\u0004 not a package'),
    );

    /** @type {any} */
    const result = await vscode.commands.executeCommand('xxgkReport.reviewFolder', folder, { overwrite: true });
    assert.ok(result, 'the command returned nothing');
    assert.strictEqual(result.exitCode, 1, 'a report with errors and an unreadable file: exit 1');
    assert.strictEqual(result.cancelled, false);
    assert.deepStrictEqual(result.totals, {
      files: 3,
      pass: 1,
      fail: 1,
      unreviewed: 1,
      duplicate: 0,
      errors: result.totals.errors,
      warnings: result.totals.warnings,
    });
    assert.ok(result.totals.errors >= 2);
    const out = vscode.Uri.joinPath(folder, '审阅结果');
    assert.strictEqual(result.outDir.toString(), out.toString());
    for (const f of ['审阅结果.xlsx', '审阅结果.html', '审阅结果.sarif', '审阅结果.json'])
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(out, f));

    // The summary page is open in a webview.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const page = tabs.find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('xxgkReport.reviewResults'));
    assert.ok(page, `no review page among ${tabs.map((t) => t.label).join(', ')}`);
    assert.match(page.label, /review-\d+/);

    // Again: the outputs are replaced (overwrite), the folder of results is not reviewed itself.
    /** @type {any} */
    const again = await vscode.commands.executeCommand('xxgkReport.reviewFolder', folder, { overwrite: true });
    assert.strictEqual(again.totals.files, 3);
  });
});
