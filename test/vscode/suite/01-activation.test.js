// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('activation and contributions', () => {
  it('is loaded and activates when a Markdown document opens', async () => {
    const ext = h.extension();
    // Markdown, and the table editor's panel that VS Code restores after a window reload (its serializer).
    assert.deepStrictEqual(ext.packageJSON.activationEvents, ['onLanguage:markdown', 'onWebviewPanel:xxgkReport.tableEditor']);
    // no explicit ext.activate(): opening a Markdown file must be enough
    await h.openFixture('clean-2023.md', { copy: false });
    await h.waitFor(() => ext.isActive, 'the extension to activate on onLanguage:markdown', 30_000);
  });

  it('registers every contributed command, found by id; titles are localised (English default, zh-cn bundle)', async () => {
    const all = await vscode.commands.getCommands(true);
    // the manifest as written (ext.packageJSON has the %keys% already replaced in the UI language)
    const manifest = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(h.extension().extensionUri, 'package.json'))),
    );
    const contributed = manifest.contributes.commands;
    for (const id of [
      'xxgkReport.fixAll',
      'xxgkReport.insertTemplate',
      'xxgkReport.getStructure',
      'xxgkReport.openTableEditor',
      'xxgkReport.import',
      'xxgkReport.exportDocx',
      'xxgkReport.exportHtml',
    ]) {
      assert.ok(
        contributed.some((/** @type {any} */ c) => c.command === id),
        `package.json contributes no command ${id}`,
      );
    }
    const ext = h.extension();
    const read = async (/** @type {string} */ f) =>
      JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, f))));
    const en = await read('package.nls.json');
    const zh = await read('package.nls.zh-cn.json');
    for (const c of contributed) {
      assert.ok(all.includes(c.command), `command ${c.command} is not registered`);
      const key = /^%(.+)%$/.exec(c.title);
      assert.ok(key, `the title of ${c.command} is not localised: ${c.title}`);
      assert.ok(en[key[1]] && zh[key[1]], `${key[1]} is missing in package.nls.json or package.nls.zh-cn.json`);
    }
    assert.strictEqual(zh['command.fixAll'], '修复所有可安全修复的问题');
    assert.strictEqual(zh['command.openTableEditor'], '打开表格编辑器');
  });

  it('contributes the 年报结构 view to the Explorer, and it opens', async () => {
    const manifest = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(h.extension().extensionUri, 'package.json'))),
    );
    const views = manifest.contributes.views;
    const view = (views.explorer || []).find((/** @type {any} */ v) => v.id === 'xxgkReport.structure');
    assert.ok(view, `no view xxgkReport.structure in contributes.views.explorer: ${JSON.stringify(views)}`);
    assert.strictEqual(await h.nls(view.name), '年报结构');
    await vscode.commands.executeCommand('xxgkReport.structure.focus');
  });

  it('ships the Markdown snippets with the full skeleton under prefix 年报', async () => {
    const ext = h.extension();
    const snippets = ext.packageJSON.contributes.snippets || [];
    const md = snippets.find((/** @type {any} */ s) => s.language === 'markdown');
    assert.ok(md, 'no markdown snippets contributed');
    const file = vscode.Uri.joinPath(ext.extensionUri, md.path);
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
    const skeleton = json['年报：完整报告骨架'];
    assert.ok(skeleton, `no snippet named 年报：完整报告骨架 in ${md.path} (has: ${Object.keys(json).join(', ')})`);
    const prefixes = [].concat(skeleton.prefix);
    assert.ok(prefixes.includes('年报'), `skeleton prefix is ${JSON.stringify(skeleton.prefix)}`);
  });
});
