// @ts-check
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

const SECTIONS = [
  ['一', '总体情况'],
  ['二', '主动公开政府信息情况'],
  ['三', '收到和处理政府信息公开申请情况'],
  ['四', '政府信息公开行政复议、行政诉讼情况'],
  ['五', '存在的主要问题及改进情况'],
  ['六', '其他需要报告的事项'],
];

/** @returns {Promise<any>} */
async function getStructure(/** @type {vscode.Uri} */ uri) {
  return vscode.commands.executeCommand('xxgkReport.getStructure', uri);
}

describe('年报结构 (structure)', () => {
  after(h.closeAllEditors);

  it('xxgkReport.getStructure gives the title and the six sections with lines and problem counts', async () => {
    const { uri, doc } = await h.openFixture('wrong-total-2023.md');
    const diags = await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'row-total'), 'row-total');
    const s = await getStructure(uri);
    assert.ok(s && typeof s === 'object', `getStructure returned ${JSON.stringify(s)}`);
    assert.ok(s.title, `no title in ${JSON.stringify(s)}`);
    assert.strictEqual(s.title.agency, '安乐镇人民政府');
    assert.strictEqual(Number(s.title.year), 2023);
    assert.ok(Array.isArray(s.sections), 'sections is not an array');
    assert.deepStrictEqual(
      s.sections.map((/** @type {any} */ x) => x.number),
      [1, 2, 3, 4, 5, 6],
    );
    s.sections.forEach((/** @type {any} */ sec, /** @type {number} */ i) => {
      const [num, title] = SECTIONS[i];
      assert.strictEqual(sec.present, true, `section ${num} should be present`);
      assert.ok(String(sec.title).includes(title), `section ${num} title ${JSON.stringify(sec.title)}`);
      assert.strictEqual(sec.line, h.lineOf(doc, `## ${num}、`), `section ${num}: line (0-based) of its heading`);
      assert.ok(Array.isArray(sec.children), `section ${num}: children is not an array`);
    });
    const problems = s.sections.map((/** @type {any} */ x) => x.problems);
    assert.deepStrictEqual(problems, [0, 0, diags.length, 0, 0, 0], `problems per section (diagnostics:\n${h.describeDiags(diags)})`);
    // 一、总体情况 lists its five sub-topics
    const sub = s.sections[0].children.map((/** @type {any} */ c) => String(c.title ?? c.label ?? c.name ?? ''));
    for (const t of ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障']) {
      assert.ok(
        sub.some((/** @type {string} */ x) => x.includes(t)),
        `section 一 children ${JSON.stringify(sub)} lack ${t}`,
      );
    }
  });

  it('a missing section is listed as not present', async () => {
    const { uri } = await h.openFixture('missing-section-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.some((x) => h.codeOf(x) === 'section-missing'), 'section-missing');
    const s = await getStructure(uri);
    assert.deepStrictEqual(
      s.sections.map((/** @type {any} */ x) => x.present),
      [true, true, true, true, true, false],
    );
    assert.strictEqual(s.sections[5].line, undefined);
  });

  it('document symbols list no section twice', async () => {
    const { uri } = await h.openFixture('wrong-total-2023.md');
    await h.waitForDiagnostics(uri, (d) => d.length > 0);
    /** @type {(vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined} */
    const symbols = await h.waitFor(() => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri), 'document symbols');
    /** @type {string[]} */
    const names = [];
    const walk = (/** @type {any[]} */ list) => {
      for (const s of list) {
        names.push(s.name);
        if (s.children) walk(s.children);
      }
    };
    walk(symbols || []);
    for (const [num, title] of SECTIONS) {
      const hits = names.filter((n) => {
        const t = n.replace(/^#+\s*/, '').trim();
        return t.startsWith(`${num}、`) && t.includes(title.slice(0, 4));
      });
      assert.strictEqual(hits.length, 1, `section ${num} appears ${hits.length} times among the symbols: ${JSON.stringify(names)}`);
    }
    // table rows such as 一、本年新收… are not sections
    assert.ok(!names.some((n) => /本年新收|上年结转|结转下年度/.test(n)), `table rows listed as symbols: ${JSON.stringify(names)}`);
  });
});
