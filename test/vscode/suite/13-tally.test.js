// @ts-check
// 年报：从台账生成表三…, the setting xxgkReport.register (register-mismatch), and the hover's register rows.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

/** A 2023 register: 3 natural persons and 1 business placed; row 5 (法人或其他组织 alone) left out. */
const REGISTER = [
  '序号,编号,收到申请日期,申请人,申请人类型,申请内容,答复日期,办理结果,是否延期,是否收费',
  '1,A1,2023-03-01,张某,公民,征地批复,2023-03-10,予以公开,否,否',
  '2,A2,2023/4/3,李某,公民,补偿标准,2023/4/10,信息不存在,否,否',
  '3,A3,2023年5月4日,某公司,法人或其他组织（商业企业）,规划许可,2023年5月10日,部分公开,否,否',
  '4,A4,2023-06-01,某协会,法人或其他组织,年检,2023-06-09,予以公开,否,否',
  '5,A5,2023-12-28,王某,公民,土地证,,,,',
  '',
].join('\r\n');

describe('table 三 from the request register', function () {
  this.timeout(90_000);
  /** @type {vscode.Uri} */
  let register;
  before(async () => {
    register = vscode.Uri.joinPath(h.workspaceRoot(), `tmp-${process.pid}-register.csv`);
    await vscode.workspace.fs.writeFile(register, new TextEncoder().encode(REGISTER));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('xxgkReport').update('register', undefined, vscode.ConfigurationTarget.Workspace);
    await h.closeAllEditors();
  });

  it('replaces table 三 with the register’s count as one undoable edit, and says what it left out', async () => {
    const { uri, doc } = await h.openFixture('clean-2023.md');
    await h.structureOf(uri);
    const before = doc.getText();
    /** @type {any} */
    const r = await vscode.commands.executeCommand('xxgkReport.tallyFromRegister', register);
    assert.ok(r && r.applied, `command returned ${JSON.stringify(r)}`);
    assert.strictEqual(r.replaced, true);
    assert.strictEqual(r.year, 2023);
    assert.deepStrictEqual(r.leftOut, [5]);
    assert.strictEqual(r.problems.length, 1);
    // The UI language decides (zh or en).
    assert.match(r.problems[0], /^(?:第 5 行：申请人类型“法人或其他组织”没有写明是|Row 5: applicant type “法人或其他组织” does not say)/);
    const cells = (/** @type {string} */ label) => {
      const line = h.lineOf(doc, label);
      return Array.from({ length: 7 }, (_, i) => doc.getText(h.cellRange(doc, line, i - 7)));
    };
    assert.deepStrictEqual(cells('一、本年新收政府信息公开申请数量'), ['3', '1', '0', '0', '0', '0', '4']);
    assert.deepStrictEqual(cells('（二）部分公开'), ['0', '1', '0', '0', '0', '0', '1']);
    assert.deepStrictEqual(cells('1.本机关不掌握相关政府信息'), ['1', '0', '0', '0', '0', '0', '1']);
    assert.deepStrictEqual(cells('四、结转下年度继续办理'), ['1', '0', '0', '0', '0', '0', '1']);
    // One undo step restores the draft.
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });

  it('with xxgkReport.register set, table 三 cells that differ are errors and the hover lists the register rows', async () => {
    await vscode.workspace
      .getConfiguration('xxgkReport')
      .update('register', register.path.split('/').pop(), vscode.ConfigurationTarget.Workspace);
    const { uri, doc } = await h.openFixture('clean-2023.md');
    const diags = await h.waitForDiagnostics(
      uri,
      (d) => d.some((x) => h.codeOf(x) === 'register-mismatch'),
      'register-mismatch diagnostics',
    );
    const mismatch = diags.filter((x) => h.codeOf(x) === 'register-mismatch');
    assert.ok(mismatch.every((x) => x.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(
      mismatch.some((x) =>
        /依申请公开台账（tmp-\d+-register\.csv）统计为 3|: 10 in the draft, 3 in the request register \(tmp-\d+-register\.csv\)/.test(
          x.message,
        ),
      ),
      mismatch.map((x) => x.message).join('\n'),
    );
    const line = h.lineOf(doc, '一、本年新收政府信息公开申请数量');
    /** @type {vscode.Hover[]} */
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, h.cellRange(doc, line, -7).start);
    const text = hovers
      .flatMap((x) => x.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /依申请公开台账|Request register/);
    assert.match(
      text,
      /第 2 行：张某，公民；2023-03-01 收到，2023-03-10 答复（予以公开）|row 2: 张某，公民; received 2023-03-01, answered 2023-03-10 \(予以公开\)/,
    );
  });
});
