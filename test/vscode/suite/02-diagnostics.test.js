// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('diagnostics', () => {
  after(h.closeAllEditors);

  it('a wrong 总计 in a row of table 三 gives row-total (Error) on that 总计 cell', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'a row-total diagnostic');
    const rowTotal = diags.filter((d) => h.codeOf(d) === 'row-total');
    assert.strictEqual(rowTotal.length, 1, `exactly one row-total expected:\n${h.describeDiags(diags)}`);
    const d = rowTotal[0];
    assert.strictEqual(d.source, h.SOURCE);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    const line = h.lineOf(doc, '（一）予以公开');
    const cell = h.cellRange(doc, line, -1); // the 总计 column is the last one
    assert.strictEqual(doc.getText(cell), '7');
    assert.ok(
      d.range.start.line === line &&
        d.range.end.line === line &&
        d.range.contains(cell) &&
        d.range.start.character > doc.lineAt(line).text.lastIndexOf('|', cell.start.character - 1),
      `row-total should underline the 总计 cell ${line}:${cell.start.character}-${cell.end.character}, got ${h.describeDiags([d])}`,
    );
    assert.match(d.message, /7/, 'the message carries the wrong figure');
    assert.match(d.message, /6/, 'the message carries the expected sum');
    // one mistake: nothing but the row total and the column total it breaks
    const others = diags.filter((x) => !['row-total', 'result-total'].includes(h.codeOf(x)));
    assert.deepStrictEqual(others, [], `unexpected diagnostics:\n${h.describeDiags(others)}`);
  });

  it('a section that is missing gives section-missing (Error)', async () => {
    const { uri } = await h.openFixture('missing-section-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'section-missing'), 'section-missing');
    const missing = diags.filter((x) => h.codeOf(x) === 'section-missing');
    assert.strictEqual(missing.length, 1, h.describeDiags(diags));
    assert.strictEqual(missing[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing[0].message, /六|其他需要报告的事项/);
  });

  it('a clean report and a README.md that is not a report get no diagnostics', async () => {
    const clean = await h.openFixture('clean-2023.md', { copy: false });
    const readme = await h.openFixture('README.md', { copy: false });
    // positive control: a defective report opened after them has been checked ...
    const { uri } = await h.openFixture('wrong-total-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total (control)');
    // ... and the server has analysed the two earlier ones: no problems, and README.md is no report
    const cs = await h.structureOf(clean.uri);
    assert.strictEqual(cs.isReport, true);
    assert.strictEqual(cs.problems, 0);
    assert.strictEqual((await h.structureOf(readme.uri)).isReport, false);
    assert.deepStrictEqual(h.describeDiags(h.ourDiagnostics(clean.uri)), '', 'the clean report has diagnostics');
    assert.deepStrictEqual(h.describeDiags(h.ourDiagnostics(readme.uri)), '', 'README.md has diagnostics');
  });

  it('diagnostics follow edits: breaking and restoring a total', async () => {
    const { uri, doc, editor } = await h.openFixture('clean-2023.md');
    assert.strictEqual((await h.structureOf(uri)).problems, 0);
    assert.deepStrictEqual(h.describeDiags(h.ourDiagnostics(uri)), '');
    const line = h.lineOf(doc, '2.重复申请');
    const cell = h.cellRange(doc, line, -1);
    assert.strictEqual(doc.getText(cell), '1');
    await editor.edit((e) => e.replace(cell, '3'));
    await h.waitForDiagnostics(
      uri,
      (d) => d.some((x) => h.codeOf(x) === 'row-total' && x.range.start.line === line),
      'row-total after an edit',
    );
    await editor.edit((e) => e.replace(cell, '1'));
    await h.waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics after undoing the edit');
    await h.revertAndClose();
  });
});
