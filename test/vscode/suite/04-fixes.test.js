// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

/** Compact first difference of two texts, for assertion messages. */
function firstDiff(/** @type {string} */ actual, /** @type {string} */ expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) return `first difference at line ${i}:\n  actual:   ${JSON.stringify(a[i])}\n  expected: ${JSON.stringify(e[i])}`;
  }
  return 'texts are equal';
}

/** @returns {Promise<vscode.CodeAction[]>} */
async function codeActions(/** @type {vscode.Uri} */ uri, /** @type {vscode.Range} */ range, /** @type {string} */ kind) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind, 20);
  return /** @type {vscode.CodeAction[]} */ (actions || []);
}

async function applyAction(/** @type {vscode.CodeAction} */ action) {
  assert.ok(action.edit || action.command, `code action ${action.title} has neither an edit nor a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `workspace.applyEdit refused the edit of ${action.title}`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
}

const SAFE_CODES = ['section-title', 'cell-unit', 'row-label'];

describe('fixes', () => {
  afterEach(h.revertAndClose);
  after(h.closeAllEditors);

  it('the quick fix for a wrong row total sets 总计 to the sum, and the diagnostic goes away', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    const d = /** @type {vscode.Diagnostic} */ (diags.find((x) => h.codeOf(x) === 'row-total'));
    const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    // (the API command drops CodeAction.diagnostics, so match the fix by its edit: it must touch the diagnostic's line)
    const touches = (/** @type {vscode.CodeAction} */ a) =>
      !!a.edit &&
      a.edit
        .entries()
        .some(([u, edits]) => u.toString() === uri.toString() && edits.some((e) => e.range.start.line === d.range.start.line));
    const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && touches(a));
    assert.strictEqual(
      fixes.length,
      1,
      `one quick fix for row-total expected, got: ${JSON.stringify(actions.map((a) => [a.title, a.kind && a.kind.value]))}`,
    );
    assert.ok(!fixes[0].isPreferred, 'a value fix must not be preferred (rules.md)');
    await applyAction(fixes[0]);
    const line = h.lineOf(doc, '（一）予以公开');
    assert.strictEqual(doc.getText(h.cellRange(doc, line, -1)), '6');
    const clean = await h.readFixture('clean-2023.md');
    assert.ok(doc.getText() === clean, `the fix changed more than the cell: ${firstDiff(doc.getText(), clean)}`);
    await h.waitForDiagnostics(uri, (x) => x.length === 0, 'no diagnostics after the quick fix');
  });

  it('xxgkReport.fixAll applies the safe fixes, and only those', async () => {
    const { uri, doc } = await h.openFixture('fixall-2023.md');
    const before = await h.waitForDiagnostics(
      uri,
      (d) => SAFE_CODES.every((c) => d.some((x) => h.codeOf(x) === c)),
      `${SAFE_CODES.join(', ')} diagnostics`,
    );
    for (const d of before.filter((x) => SAFE_CODES.includes(h.codeOf(x)))) {
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, `${h.codeOf(d)} should be a warning`);
    }
    await vscode.commands.executeCommand('xxgkReport.fixAll');
    // the safe fixes turn the file into wrong-total-2023.md: the wrong total (a value fix) stays
    const expected = await h.readFixture('wrong-total-2023.md');
    await h
      .waitFor(() => doc.getText() === expected, 'fixAll to produce the expected text', 10_000)
      .catch(() => {
        assert.fail(`fixAll result differs: ${firstDiff(doc.getText(), expected)}`);
      });
    const after = await h.waitForDiagnostics(
      uri,
      (d) => !d.some((x) => SAFE_CODES.includes(h.codeOf(x))),
      'the safe-fix diagnostics to go away',
    );
    assert.ok(
      after.some((x) => h.codeOf(x) === 'row-total'),
      'fixAll must not touch figures (row-total is a value fix)',
    );
  });

  it('the source.fixAll.xxgkReport code action does the same', async () => {
    const { uri, doc } = await h.openFixture('fixall-2023.md');
    await h.waitForDiagnostics(uri, (d) => SAFE_CODES.every((c) => d.some((x) => h.codeOf(x) === c)), 'safe-fix diagnostics');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(uri, whole, 'source.fixAll.xxgkReport');
    const fixAll = actions.filter((a) => a.kind && a.kind.value === 'source.fixAll.xxgkReport');
    assert.strictEqual(
      fixAll.length,
      1,
      `one source.fixAll.xxgkReport action expected, got ${JSON.stringify(actions.map((a) => [a.title, a.kind && a.kind.value]))}`,
    );
    await applyAction(fixAll[0]);
    const expected = await h.readFixture('wrong-total-2023.md');
    assert.ok(doc.getText() === expected, `source.fixAll result differs: ${firstDiff(doc.getText(), expected)}`);
  });
});
