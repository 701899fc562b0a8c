// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

const HEADINGS = [
  '## 一、总体情况',
  '## 二、主动公开政府信息情况',
  '## 三、收到和处理政府信息公开申请情况',
  '## 四、政府信息公开行政复议、行政诉讼情况',
  '## 五、存在的主要问题及改进情况',
  '## 六、其他需要报告的事项',
];

async function emptyUntitled() {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor, uri: doc.uri };
}

/** Errors other than cell-empty-type ones. */
/** What an untouched template is meant to have: blank cells and its placeholders (the fee placeholder states no fee). */
const UNWRITTEN = ['cell-empty', 'text-placeholder', 'fee-statement-missing'];

function realErrors(/** @type {vscode.Uri} */ uri) {
  return h.ourDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error && !UNWRITTEN.includes(h.codeOf(d)));
}

/** Waits until the server has the document (its structure shows six present sections). */
async function waitUntilChecked(/** @type {vscode.Uri} */ uri) {
  await h.waitFor(async () => {
    /** @type {any} */
    const s = await vscode.commands.executeCommand('xxgkReport.getStructure', uri);
    return s && Array.isArray(s.sections) && s.sections.length === 6 && s.sections.every((/** @type {any} */ x) => x.present);
  }, 'the structure of the new document to show six present sections');
  // the blank figures of the inserted tables are reported once the diagnostics of this text are in
  await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'cell-empty'), 'cell-empty for the blank figures');
}

/** Asserts the text holds the six canonical headings, in order, once each. */
function assertSkeleton(/** @type {string} */ text) {
  let at = -1;
  for (const heading of HEADINGS) {
    const i = text.indexOf(`${heading}\n`);
    assert.ok(i > at, `${heading} missing or out of order in:\n${text.slice(0, 400)}…`);
    assert.strictEqual(text.indexOf(heading, i + 1), -1, `${heading} appears twice`);
    at = i;
  }
  assert.ok(/^# .+年政府信息公开工作年度报告$/m.test(text), 'no title line');
}

describe('templates and snippets', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await h.revertAndClose();
  });
  after(h.closeAllEditors);

  it('the 年报：完整报告骨架 snippet in an empty untitled document gives a report without errors', async () => {
    const { doc, uri } = await emptyUntitled();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: '年报：完整报告骨架' });
    await h.waitFor(() => doc.getText().length > 200, 'the snippet to be inserted');
    await vscode.commands.executeCommand('leaveSnippet');
    assertSkeleton(doc.getText());
    await waitUntilChecked(uri);
    assert.strictEqual(h.describeDiags(realErrors(uri)), '', 'the skeleton has errors');
    // and the untitled document really is checked: a figure typed in a blank row changes what cell-empty says of it
    const editor = /** @type {vscode.TextEditor} */ (vscode.window.activeTextEditor);
    const line = h.lineOf(doc, '一、本年新收政府信息公开申请数量');
    const emptyOnLine = (/** @type {vscode.Diagnostic[]} */ d) =>
      d.find((x) => h.codeOf(x) === 'cell-empty' && x.range.start.line === line);
    const before = emptyOnLine(h.ourDiagnostics(uri));
    assert.ok(before, 'the blank row 一 of table 三 has a cell-empty diagnostic');
    const cell = h.cellRange(doc, line, 3); // 自然人
    await editor.edit((e) => e.replace(cell, '5'));
    await h.waitForDiagnostics(
      uri,
      (d) => {
        const x = emptyOnLine(d);
        return !!x && x.message !== before.message;
      },
      'cell-empty of row 一 to follow the typed figure',
    );
  });

  it("xxgkReport.insertTemplate 'report' inserts the whole skeleton", async () => {
    const { doc, uri } = await emptyUntitled();
    await vscode.commands.executeCommand('xxgkReport.insertTemplate', 'report');
    await h.waitFor(() => doc.getText().length > 200, 'the template to be inserted');
    assertSkeleton(doc.getText());
    await waitUntilChecked(uri);
    assert.strictEqual(h.describeDiags(realErrors(uri)), '', 'the report template has errors');
  });

  it("xxgkReport.insertTemplate 'table3' inserts table 三 with its 25 rows", async () => {
    const { doc } = await emptyUntitled();
    await vscode.commands.executeCommand('xxgkReport.insertTemplate', 'table3');
    await h.waitFor(() => doc.getText().includes('四、结转下年度继续办理'), 'table 三 to be inserted');
    const rows = doc
      .getText()
      .split('\n')
      .filter((l) => l.trim().startsWith('|'));
    assert.strictEqual(rows.length, 2 + 25, `table 三: header + separator + 25 rows, got ${rows.length}`);
    assert.match(rows[0], /自然人.*商业企业.*科研机构.*社会公益组织.*法律服务机构.*其他.*总计/);
  });

  it("xxgkReport.insertTemplate 'section:6' inserts the section at the cursor", async () => {
    const { uri, doc, editor } = await h.openFixture('missing-section-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'section-missing'), 'section-missing');
    // the cursor on the empty line before the closing signature
    const at = h.lineOf(doc, '一是政务公开专业人员不足') + 1;
    editor.selection = new vscode.Selection(at, 0, at, 0);
    await vscode.commands.executeCommand('xxgkReport.insertTemplate', 'section:6');
    await h.waitFor(() => doc.getText().includes('## 六、其他需要报告的事项'), 'section 六 to be inserted');
    const got = h.lineOf(doc, '## 六、其他需要报告的事项');
    assert.ok(
      got >= at && got <= at + 1,
      `inserted at the cursor (line ${at}), found on line ${got}:\n${doc
        .getText()
        .split('\n')
        .slice(at - 2, at + 6)
        .join('\n')}`,
    );
    await h.waitForDiagnostics(uri, (d) => !d.some((x) => h.codeOf(x) === 'section-missing'), 'section-missing to go away');
  });

  it('the quick fix for section-missing inserts the section at its place', async () => {
    const { uri, doc } = await h.openFixture('missing-section-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'section-missing'), 'section-missing');
    const d = /** @type {vscode.Diagnostic} */ (diags.find((x) => h.codeOf(x) === 'section-missing'));
    /** @type {vscode.CodeAction[]} */
    const actions =
      (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 20)) ||
      [];
    const fixes = actions.filter((a) => a.edit && a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    assert.strictEqual(fixes.length, 1, `one quick fix expected: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(/** @type {vscode.WorkspaceEdit} */ (fixes[0].edit)));
    const text = doc.getText();
    const six = text.indexOf('## 六、其他需要报告的事项');
    assert.ok(six > text.indexOf('## 五、存在的主要问题及改进情况'), 'section 六 goes after 五');
    assert.ok(
      six < text.indexOf('安乐镇人民政府\n\n2024年1月20日'),
      `section 六 goes before the closing signature, got:\n${text.slice(text.indexOf('## 五'))}`,
    );
    await h.waitForDiagnostics(uri, (x) => !x.some((y) => h.codeOf(y) === 'section-missing'), 'section-missing to go away');
  });

  it('xxgkReport.insertTemplate without an argument asks with a quick pick', async () => {
    const { doc } = await emptyUntitled();
    // cancelled: nothing is inserted
    let done = vscode.commands.executeCommand('xxgkReport.insertTemplate');
    await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'templatePickShown');
    assert.strictEqual(doc.getText(), '', 'inserted something before a choice was made');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await done;
    assert.strictEqual(doc.getText(), '', 'inserted something although the quick pick was cancelled');
    // accepted: the first item is inserted
    done = vscode.commands.executeCommand('xxgkReport.insertTemplate');
    await vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'templatePickShown');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    await h.waitFor(() => doc.getText().length > 0, 'the chosen template to be inserted', 5_000);
  });
});
