/**
 * Issue 22.4: encoding by evidence, through the one decoder (server/src/encoding.ts) and the
 * importers. One bad byte never turns a page into GBK; a declaration the bytes contradict
 * loses; every figure survives; an import that finds no report says so (exit 2, an error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBytes } from '../../server/src/encoding';
import { ImportError, exportHtml, importFile } from '../../server/src/io/index';
import { runCli } from '../helpers/cli';
import { gbk } from '../helpers/gbk';
import { cellsOf, readFixture } from './helpers';

const REPORT = readFixture('clean/town-2024.md');
const PAGE = exportHtml(REPORT);
const FIGURES = [...cellsOf(REPORT)].sort();

/** The page's UTF-8 bytes with one byte of its prose (not a figure) made invalid. */
function oneBadByte(page: string): { bytes: Buffer; at: number } {
  const bytes = Buffer.from(page, 'utf8');
  const at = bytes.indexOf(Buffer.from('本机关', 'utf8'));
  assert.ok(at > 0);
  bytes[at] = 0xff;
  return { bytes, at };
}

test('decodeBytes: BOMs; UTF-16 XML without one; a character cut at the end of a peek', () => {
  assert.equal(decodeBytes(Buffer.from('\ufeff年度', 'utf8')).text, '年度');
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('年度', 'utf16le')])).text, '年度');
  const be = Buffer.from('年度', 'utf16le').swap16();
  assert.equal(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).encoding, 'utf-16be');
  const xml = decodeBytes(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><w:t>一</w:t>', 'utf16le'), { sniff: 'xml' });
  assert.equal(xml.encoding, 'utf-16le');
  assert.match(xml.text, /<w:t>一<\/w:t>/);
  const cut = Buffer.from('年度报告', 'utf8').subarray(0, 8);
  assert.deepEqual(decodeBytes(cut, { partial: true }), {
    text: '年度',
    encoding: 'utf-8',
    evidence: 'utf-8',
    replaced: { count: 0, offsets: [] },
  });
});

test('decodeBytes: one bad byte in a UTF-8 page is replaced and reported by its offset, never a GBK page', () => {
  const { bytes, at } = oneBadByte(PAGE);
  const d = decodeBytes(bytes, { sniff: 'html' });
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.replaced.offsets[0], at);
  assert.ok(d.replaced.count <= 3, 'one damaged character');
  assert.equal(d.text.replace(/\ufffd+/, '本'), PAGE);
});

test('decodeBytes: a declaration the bytes contradict loses', () => {
  // <meta charset="utf-16"> on an ASCII-compatible page: UTF-8, as browsers read it.
  const utf16 = decodeBytes(Buffer.from(PAGE.replace('charset="utf-8"', 'charset="utf-16"')), { sniff: 'html' });
  assert.equal(utf16.encoding, 'utf-8');
  assert.equal(utf16.overruled, 'utf-16');
  // GBK bytes declared UTF-8: GBK.
  const gb = decodeBytes(gbk(PAGE), { sniff: 'html' });
  assert.equal(gb.encoding, 'gb18030');
  assert.equal(gb.overruled, 'utf-8');
  assert.equal(gb.text, PAGE);
  // UTF-8 bytes declared GBK: UTF-8.
  const u = decodeBytes(Buffer.from(PAGE.replace('charset="utf-8"', 'charset="gb2312"')), { sniff: 'html' });
  assert.equal(u.encoding, 'utf-8');
  assert.equal(u.overruled, 'gb2312');
  // An honest GBK declaration on GBK bytes: read as declared.
  const honest = decodeBytes(gbk(PAGE.replace('charset="utf-8"', 'charset="gbk"')), { sniff: 'html' });
  assert.equal(honest.evidence, 'declared');
  assert.equal(honest.overruled, undefined);
});

test('import: a UTF-8 page with one bad byte keeps every figure and names the byte', async () => {
  const { bytes, at } = oneBadByte(PAGE);
  const r = await importFile(bytes, 'report.html');
  assert.deepEqual([...cellsOf(r.markdown)].sort(), FIGURES);
  assert.ok(
    r.warnings.some((w) => w.zh.includes(`第 ${at}`)),
    JSON.stringify(r.warnings),
  );
});

test('import: a page declaring utf-16 keeps every figure, with a note that the declaration was overruled', async () => {
  const r = await importFile(Buffer.from(PAGE.replace('charset="utf-8"', 'charset="utf-16"')), 'report.html');
  assert.deepEqual([...cellsOf(r.markdown)].sort(), FIGURES);
  assert.ok(r.warnings.some((w) => /声明的编码 utf-16 与内容不符/.test(w.zh)));
  // A text file with a bad byte: the same decoder.
  const t = await importFile(oneBadByte(REPORT).bytes, 'report.txt');
  assert.match(t.markdown, /青石镇人民政府2024年政府信息公开工作年度报告/);
  assert.ok(t.warnings.some((w) => /无效的 UTF-8 字节/.test(w.zh)));
});

test('import finds no report: an ImportError, exit 2 from the CLI, never an empty draft with exit 0', async () => {
  await assert.rejects(
    () => importFile(Buffer.from('会议纪要\n\n今天天气很好。\n'), 'notes.txt'),
    (e: unknown) => e instanceof ImportError && /没有找到年度报告/.test(e.msg.zh),
  );
  await assert.rejects(() => importFile(Buffer.from('<html><body></body></html>'), 'empty.html'), ImportError);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-enc-'));
  try {
    writeFileSync(join(dir, 'notes.txt'), '会议纪要\n今天天气很好。\n');
    writeFileSync(join(dir, 'page.html'), oneBadByte(PAGE).bytes);
    const none = await runCli(['import', 'notes.txt', '-o', 'out.md'], dir);
    assert.equal(none.code, 2);
    assert.match(none.err, /notes\.txt：没有找到年度报告的内容/);
    const check = await runCli(['check', 'notes.txt'], dir);
    assert.equal(check.code, 2);
    const page = await runCli(['import', 'page.html'], dir);
    assert.equal(page.code, 0, page.err);
    assert.match(page.err, /无效的 UTF-8 字节（第 \d+/);
    assert.deepEqual([...cellsOf(page.out)].sort(), FIGURES);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
