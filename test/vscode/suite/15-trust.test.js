// @ts-check
// Trust on the clerk's path (issue 15): next year's draft is a real file beside last year's
// report, never written over one without asking; a rule's help opens rendered in the Markdown
// preview, not as an editable source; an unwritten draft shows its placeholders as errors.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

const NAME = '安乐镇人民政府2024年政府信息公开工作年度报告';

describe('next-year file, rule help, placeholders', function () {
  this.timeout(90_000);
  afterEach(h.revertAndClose);
  after(h.closeAllEditors);

  it("年报：新建下一年度报告 writes <机关名称><年份>年政府信息公开工作年度报告.md beside last year's report and opens it", async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    const folder = uri.with({ path: uri.path.replace(/\/[^/]*$/, '') });
    const expected = vscode.Uri.joinPath(folder, `${NAME}.md`);
    // An earlier suite may have made it already: this run then gets the next free name.
    let existed = true;
    try {
      await vscode.workspace.fs.stat(expected);
    } catch {
      existed = false;
    }
    const before = existed ? new TextDecoder().decode(await vscode.workspace.fs.readFile(expected)) : undefined;
    /** @type {vscode.Uri} */
    const first = await vscode.commands.executeCommand('xxgkReport.nextYear', uri, 'prose', 'rename');
    assert.ok(first && first.scheme === 'file', `nextYear returned ${first}`);
    const name = first.path.split('/').pop();
    assert.ok(name && name.startsWith(NAME) && name.endsWith('.md'), name);
    if (!existed) assert.strictEqual(first.toString(), expected.toString());
    assert.strictEqual(first.path.replace(/\/[^/]*$/, ''), folder.path, 'written beside last year’s report');
    // Opened, saved (not an Untitled document), with the text on disk.
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), first.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.isDirty, false);
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(first));
    assert.match(onDisk, /^# 安乐镇人民政府2024年政府信息公开工作年度报告/);
    // Untouched, the draft is not a passing report: its notes are errors.
    const diags = await h.waitForDiagnostics(first, (d) => d.some((x) => h.codeOf(x) === 'text-placeholder'), 'text-placeholder');
    assert.ok(diags.filter((d) => h.codeOf(d) === 'text-placeholder').every((d) => d.severity === vscode.DiagnosticSeverity.Error));

    // Again: the existing draft is kept, the new one gets a numbered name.
    await vscode.workspace.fs.writeFile(first, new TextEncoder().encode('# 已经开始写的草稿\n'));
    /** @type {vscode.Uri} */
    const second = await vscode.commands.executeCommand('xxgkReport.nextYear', uri, 'skeleton', 'rename');
    assert.notStrictEqual(second.toString(), first.toString());
    assert.match(second.path, /（\d+）\.md$/);
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(first)), '# 已经开始写的草稿\n');
    if (before !== undefined) assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(expected)), before);
    for (const u of [first, second]) {
      await h.closeAllEditors();
      await vscode.workspace.fs.delete(u);
    }
  });

  it("a diagnostic's rule link runs a command that opens the rule page in the Markdown preview, read-only", async () => {
    const { uri } = await h.openFixture('wrong-total-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    const d = diags.find((x) => h.codeOf(x) === 'row-total');
    assert.ok(d && typeof d.code === 'object', 'the code carries a link');
    const target = /** @type {{ value: string | number, target: vscode.Uri }} */ (d.code).target;
    assert.strictEqual(target.scheme, 'command', `the link is ${target.toString()}`);
    assert.strictEqual(target.path, 'xxgkReport.showRuleHelp');
    const args = JSON.parse(decodeURIComponent(target.query));
    assert.deepStrictEqual(args, ['row-total']);
    // What VS Code does on a click: run the command with the link's arguments.
    const opened = await vscode.commands.executeCommand(target.path, ...args);
    assert.strictEqual(opened, true);
    const tab = await h.waitFor(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t && t.input instanceof vscode.TabInputWebview ? t : undefined;
    }, 'the Markdown preview tab');
    assert.match(/** @type {vscode.TabInputWebview} */ (tab.input).viewType, /markdown\.preview/);
    assert.match(tab.label, /row-total/);
    // No editor holds the page's source.
    const sources = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && /\/rules\/row-total\.md$/.test(t.input.uri.path));
    assert.deepStrictEqual(sources, []);
    // An unknown code opens nothing.
    assert.strictEqual(await vscode.commands.executeCommand('xxgkReport.showRuleHelp', '../package'), false);
    // Closed, so that it does not follow the next test's editor.
    await h.closeAllEditors();
  });

  it('the structure of an untouched skeleton marks the prose sections as not written', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    /** @type {any} */
    const template = await vscode.commands.executeCommand('xxgkReport.insertTemplate', 'report');
    assert.strictEqual(template, true);
    const diags = await h.waitForDiagnostics(doc.uri, (x) => x.some((d) => h.codeOf(d) === 'text-placeholder'), 'text-placeholder');
    assert.ok(diags.filter((d) => h.codeOf(d) === 'text-placeholder').length >= 7, h.describeDiags(diags));
    const s = await h.structureOf(doc.uri);
    assert.deepStrictEqual(
      s.sections.filter((/** @type {any} */ x) => x.unwritten).map((/** @type {any} */ x) => x.number),
      [1, 5, 6],
    );
  });
});
