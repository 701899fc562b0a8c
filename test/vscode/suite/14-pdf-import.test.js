// @ts-check
// 年报：导入 Word、PDF 或网页… with a PDF: the language server reads it with the bundled pdf.js
// (dist/pdfjs.js, the GB character maps in dist/cmaps); a scan is refused and nothing is written.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('../lib/helpers');

/** A one-page PDF: lines of Chinese in a font that is not embedded (STSong-Light by UniGB-UCS2-H), or a picture. */
function pdf(/** @type {{ lines?: string[], image?: boolean }} */ spec) {
  const hex = (/** @type {string} */ s) => Buffer.from(s, 'utf16le').swap16().toString('hex');
  const ops = (spec.lines ?? []).map((l, i) => `BT /F1 ${i ? 14 : 18} Tf 1 0 0 1 72 ${760 - i * 30} Tm <${hex(l)}> Tj ET`);
  if (spec.image) ops.push('q 595 0 0 842 0 0 cm /Im1 Do Q');
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 8 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    '<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream',
  ];
  let out = '%PDF-1.7\n';
  const offsets = objects.map((body, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('import a PDF', function () {
  this.timeout(90_000);
  after(h.closeAllEditors);

  it('imports a PDF report into a draft and opens it', async () => {
    const source = vscode.Uri.joinPath(h.workspaceRoot(), `report-${Date.now()}.pdf`);
    await vscode.workspace.fs.writeFile(
      source,
      pdf({ lines: ['某县人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本机关全年主动公开政府信息35条。'] }),
    );
    const target = vscode.Uri.joinPath(h.workspaceRoot(), `imported-pdf-${Date.now()}.md`);
    /** @type {vscode.Uri} */
    const imported = await vscode.commands.executeCommand('xxgkReport.import', source, { target });
    assert.strictEqual(imported && imported.toString(), target.toString());
    const draft = await vscode.workspace.openTextDocument(target);
    assert.strictEqual(
      draft.getText(),
      '# 某县人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本机关全年主动公开政府信息35条。\n',
    );
    await vscode.workspace.fs.delete(source);
  });

  it('refuses a scan: nothing is written', async () => {
    const source = vscode.Uri.joinPath(h.workspaceRoot(), `scan-${Date.now()}.pdf`);
    await vscode.workspace.fs.writeFile(source, pdf({ image: true }));
    const target = vscode.Uri.joinPath(h.workspaceRoot(), `scan-${Date.now()}.md`);
    const imported = await vscode.commands.executeCommand('xxgkReport.import', source, { target });
    assert.strictEqual(imported, undefined);
    await assert.rejects(() => Promise.resolve(vscode.workspace.fs.stat(target)));
    await vscode.workspace.fs.delete(source);
  });
});
