// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('activation and contributions', () => {
  it('is loaded and activates when a Markdown document opens', async () => {
    const ext = h.extension();
    assert.deepStrictEqual(ext.packageJSON.activationEvents, ['onLanguage:markdown']);
    // no explicit ext.activate(): opening a Markdown file must be enough
    await h.openFixture('clean-2023.md', { copy: false });
    await h.waitFor(() => ext.isActive, 'the extension to activate on onLanguage:markdown', 30_000);
  });

  it('registers its commands with the documented titles', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['xxgkReport.fixAll', 'xxgkReport.insertTemplate', 'xxgkReport.getStructure']) {
      assert.ok(all.includes(id), `command ${id} is not registered`);
    }
    const contributed = h.extension().packageJSON.contributes.commands;
    const title = async (/** @type {string} */ id) => {
      const c = contributed.find((/** @type {any} */ x) => x.command === id);
      assert.ok(c, `package.json contributes no command ${id}`);
      return h.nls(c.category ? `${c.title}` : c.title);
    };
    assert.match(await title('xxgkReport.fixAll'), /修复所有可安全修复的问题/);
    assert.match(await title('xxgkReport.insertTemplate'), /插入模板/);
  });

  it('contributes the 年报结构 view to the Explorer, and it opens', async () => {
    const views = h.extension().packageJSON.contributes.views;
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
