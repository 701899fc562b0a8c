// @ts-check
// 年报：导出为 Word / 导出为网页 in the editor: the target beside the draft (a new name, numbered
// when taken), the replace question (whose default is not 替换, and only for our own export),
// the open-errors question (查看问题 by default), and 打开 / 在文件夹中显示 afterwards. The
// questions are answered by a scripted prompt passed to the command (IoCommandOptions.prompt).
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

/**
 * A prompt that answers from a script and records what it was asked.
 * @param {{ ask?: (string | undefined)[], tell?: (string | undefined)[] }} answers
 */
function scripted(answers = {}) {
  /** @type {{ message: string, detail: string, buttons: string[] }[]} */
  const asked = [];
  /** @type {{ message: string, buttons: string[] }[]} */
  const told = [];
  /** @type {{ action: string, uri: string }[]} */
  const ran = [];
  /** @type {(v?: unknown) => void} */
  let ranOnce = () => undefined;
  /** Resolves when an action was run (the notification's answer is handled after the command returns). */
  const didRun = new Promise((resolve) => (ranOnce = resolve));
  const ask = [...(answers.ask ?? [])];
  const tell = [...(answers.tell ?? [])];
  return {
    asked,
    told,
    ran,
    didRun,
    prompt: {
      /** @param {string} message @param {string} detail @param {string[]} buttons */
      ask(message, detail, ...buttons) {
        asked.push({ message, detail, buttons });
        const a = ask.shift();
        // an answer by its position among the buttons, or undefined (dismissed)
        return Promise.resolve(a === undefined ? undefined : buttons.find((b) => new RegExp(a).test(b)));
      },
      /** @param {string} message @param {string[]} buttons */
      tell(message, ...buttons) {
        told.push({ message, buttons });
        const a = tell.shift();
        return Promise.resolve(a === undefined ? undefined : buttons.find((b) => new RegExp(a).test(b)));
      },
      /** @param {string} action @param {vscode.Uri} uri */
      run(action, uri) {
        ran.push({ action, uri: uri.toString() });
        ranOnce();
        return Promise.resolve();
      },
    },
  };
}

/** The file beside a draft named like it: `name（导出n）.ext`. */
function beside(/** @type {vscode.Uri} */ draft, /** @type {string} */ suffix) {
  const base = draft.path.split('/').pop()?.replace(/\.md$/, '') ?? '';
  return vscode.Uri.joinPath(draft, '..', `${base}${suffix}`);
}

async function exists(/** @type {vscode.Uri} */ uri) {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

const read = async (/** @type {vscode.Uri} */ uri) => Buffer.from(await vscode.workspace.fs.readFile(uri));

const SHOW_PROBLEMS = '^(Show problems|查看问题)$';
const EXPORT_ANYWAY = '^(Export anyway|仍然导出)$';
const REPLACE = '^(Replace|替换)$';
const SAVE_AS = '^(Save as|另存为) ';
const OPEN = '^(Open|打开)$';
const REVEAL = '^(Reveal in Folder|在文件夹中显示)$';

describe('export: targets, questions and what follows', function () {
  this.timeout(90_000);
  after(h.closeAllEditors);

  it('writes a new file beside the draft, then offers 打开 / 在文件夹中显示', async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const s = scripted({ tell: [OPEN] });
    /** @type {vscode.Uri} */
    const written = await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: s.prompt });
    const expected = beside(uri, '（导出）.docx');
    assert.strictEqual(written && written.toString(), expected.toString());
    assert.strictEqual((await read(expected)).subarray(0, 2).toString(), 'PK');
    assert.deepStrictEqual(s.asked, [], 'a clean draft to a free name: nothing asked');
    assert.strictEqual(s.told.length, 1);
    assert.match(s.told[0].message, /（导出）\.docx/);
    assert.strictEqual(s.told[0].buttons.length, 2);
    assert.match(s.told[0].buttons[0], new RegExp(OPEN));
    assert.match(s.told[0].buttons[1], new RegExp(REVEAL));
    await s.didRun;
    assert.deepStrictEqual(s.ran, [{ action: 'open', uri: expected.toString() }]);
    // 在文件夹中显示 reveals the page in its folder
    const t = scripted({ tell: [REVEAL] });
    /** @type {vscode.Uri} */
    const page = await vscode.commands.executeCommand('xxgkReport.exportHtml', uri, { prompt: t.prompt });
    await t.didRun;
    assert.deepStrictEqual(t.ran, [{ action: 'reveal', uri: page.toString() }]);
  });

  it('asks before replacing an earlier export, a new name being the default; dismissing writes nothing', async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const first = beside(uri, '（导出）.docx');
    await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: scripted().prompt });
    const before = await read(first);

    // Enter on the dialog: the first button, saving under the next free name
    const s = scripted({ ask: [SAVE_AS] });
    /** @type {vscode.Uri} */
    const second = await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: s.prompt });
    assert.strictEqual(s.asked.length, 1);
    assert.match(s.asked[0].message, /（导出）\.docx/);
    assert.match(s.asked[0].buttons[0], /（导出2）\.docx/, 'the default is the new name');
    assert.doesNotMatch(s.asked[0].buttons[0], new RegExp(REPLACE));
    assert.match(s.asked[0].buttons[1], new RegExp(REPLACE));
    assert.strictEqual(second.toString(), beside(uri, '（导出2）.docx').toString());
    assert.deepStrictEqual(await read(first), before);

    // dismissed: nothing written
    const d = scripted({ ask: [undefined] });
    assert.strictEqual(await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: d.prompt }), undefined);
    assert.strictEqual(await exists(beside(uri, '（导出3）.docx')), false);

    // 替换, chosen: the earlier export is replaced in place
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), '新增的一段。\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const r = scripted({ ask: [REPLACE] });
    /** @type {vscode.Uri} */
    const replaced = await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: r.prompt });
    assert.strictEqual(replaced.toString(), first.toString());
    assert.notDeepStrictEqual(await read(first), before);
  });

  it('never offers to replace a file it did not write: the next free name instead', async () => {
    const { uri } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const taken = beside(uri, '（导出）.html');
    await vscode.workspace.fs.writeFile(taken, new TextEncoder().encode('<p>the clerk’s own page</p>'));
    const s = scripted();
    /** @type {vscode.Uri} */
    const written = await vscode.commands.executeCommand('xxgkReport.exportHtml', uri, { prompt: s.prompt, overwrite: true });
    assert.strictEqual(written.toString(), beside(uri, '（导出2）.html').toString());
    assert.deepStrictEqual(s.asked, []);
    assert.strictEqual((await read(taken)).toString(), '<p>the clerk’s own page</p>');
    // named as the target, it is refused outright
    const refused = await vscode.commands.executeCommand('xxgkReport.exportHtml', uri, {
      prompt: scripted().prompt,
      target: taken,
      overwrite: true,
    });
    assert.strictEqual(refused, undefined);
    assert.strictEqual((await read(taken)).toString(), '<p>the clerk’s own page</p>');
  });

  it('with open errors asks first: 查看问题 (the default) shows the problems and writes nothing; 仍然导出 exports', async () => {
    const { uri } = await h.openFixture('wrong-total-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'an error');
    const errors = diags.filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length;
    const s = scripted({ ask: [SHOW_PROBLEMS] });
    assert.strictEqual(await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: s.prompt }), undefined);
    assert.strictEqual(s.asked.length, 1);
    assert.match(s.asked[0].message, new RegExp(`(${errors} errors|${errors} 个错误)`), 'the count the Problems panel shows');
    assert.match(s.asked[0].buttons[0], new RegExp(SHOW_PROBLEMS), 'the default');
    assert.match(s.asked[0].buttons[1], new RegExp(EXPORT_ANYWAY));
    assert.deepStrictEqual(s.ran, [{ action: 'problems', uri: uri.toString() }]);
    assert.strictEqual(await exists(beside(uri, '（导出）.docx')), false);

    const go = scripted({ ask: [EXPORT_ANYWAY] });
    /** @type {vscode.Uri} */
    const written = await vscode.commands.executeCommand('xxgkReport.exportDocx', uri, { prompt: go.prompt });
    assert.strictEqual(written.toString(), beside(uri, '（导出）.docx').toString());
  });
});
