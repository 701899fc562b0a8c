// @ts-check
// The Markdown preview plugin: official merged layout and marks at render time.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

describe('Markdown preview in the official layout', function () {
  this.timeout(60_000);
  after(h.closeAllEditors);

  it('declares the markdown-it plugin and its preview styles', () => {
    const pkg = h.extension().packageJSON;
    assert.strictEqual(pkg.contributes['markdown.markdownItPlugins'], true);
    assert.deepStrictEqual(pkg.contributes['markdown.previewStyles'], ['./media/preview.css']);
  });

  it('extendMarkdownIt renders table 三 with merged headers and marks the wrong cell from the diagnostics', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    const api = await h.extension().activate();
    const MarkdownIt = require('markdown-it');
    const md = api.extendMarkdownIt(new MarkdownIt());
    const html = md.render(doc.getText(), { currentDocument: uri });
    assert.match(html, /<th colspan="5" class="xxgk-column-header">法人或其他组织<\/th>/);
    assert.match(html, /<th rowspan="22" class="xxgk-row-label">三、本年度办理结果<\/th>/);
    assert.match(html, /<th colspan="10" class="xxgk-column-header">行政诉讼<\/th>/);
    assert.match(html, /<th colspan="4" class="xxgk-block-label">第二十条第（一）项<\/th>/);
    // the 总计 of （一）予以公开 (7 instead of 6) carries the row-total message
    assert.match(html, /<td class="xxgk-error" title="[^"]*7[^"]*">7<\/td>/);
    // a document without diagnostics renders without marks
    const clean = await h.openFixture('clean-2023.md');
    await h.structureOf(clean.uri);
    assert.doesNotMatch(md.render(clean.doc.getText(), { currentDocument: clean.uri }), /xxgk-error/);
  });

  it('previews are refreshed when the diagnostics of a previewed report change', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const md = (await h.extension().activate()).extendMarkdownIt(new (require('markdown-it'))());
    md.render(doc.getText(), { currentDocument: uri }); // as the preview does: this document is now previewed
    const refreshed = vscode.commands.executeCommand('xxgkReport.test.tableEditor', 'previewRefreshed');
    const line = h.lineOf(doc, '2.重复申请');
    const e = new vscode.WorkspaceEdit();
    e.replace(uri, h.cellRange(doc, line, -1), '3');
    await vscode.workspace.applyEdit(e);
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    assert.strictEqual(await refreshed, true);
    assert.match(md.render(doc.getText(), { currentDocument: uri }), /<td class="xxgk-error"[^>]*>3<\/td>/);
  });

  it("VS Code's own Markdown engine (markdown.api.render) uses the plugin", async () => {
    const { doc } = await h.openFixture('clean-2023.md', { copy: false });
    /** @type {string} */
    const html = await vscode.commands.executeCommand('markdown.api.render', doc.getText());
    assert.ok(typeof html === 'string' && html.length > 0, 'markdown.api.render returned nothing');
    assert.match(html, /class="xxgk-report-table xxgk-table3"/);
    assert.match(html, /法人或其他组织<\/th>/);
  });
});
