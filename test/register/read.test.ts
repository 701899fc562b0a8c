/**
 * Register files as users have them: .xlsx written by exceljs (Date cells, a title row, a 合计
 * row, an instructions sheet first), .xls (BIFF8, written by SheetJS), CSV in UTF-8 with and
 * without BOM and in GBK with quoted fields and line breaks inside them; and the refusals: an
 * encrypted workbook, a file that is no spreadsheet (the zip bombs: test/io/hostile/register.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { readRegister, tallyAndCheck, type RegisterTally } from '../../server/src/core/register/index';
import { parseCsv, readRegisterFile } from '../../server/src/io/register-read';
import { csvOf, register2023, xlsOf, xlsxOf } from './make';

const EXPECTED_NEW = '| 一、本年新收政府信息公开申请数量 |  |  | 4 | 0 | 1 | 0 | 1 | 0 | 6 |';

function figures(t: RegisterTally): string {
  return ['new', 'carried', 'g1', 'g2', 'g3.7', 'g4.1', 'g4.2', 'g5.1', 'g6.3', 'total', 'forward']
    .map((r) => `${r}:${t.cells[r].total.value}`)
    .join(' ');
}

const WANT = 'new:6 carried:2 g1:1 g2:1 g3.7:1 g4.1:1 g4.2:1 g5.1:1 g6.3:1 total:7 forward:1';

async function tallyOf(bytes: Uint8Array, name: string): Promise<RegisterTally> {
  const f = await readRegisterFile(bytes, name);
  return tallyAndCheck(readRegister(f.sheet), 2023);
}

test('read: .xlsx (exceljs) with an instructions sheet first, Date cells and a 合计 row', async () => {
  const rows = register2023().map((r) => [...r]);
  // Row 6's dates as Date cells, as Excel stores typed dates.
  rows[5][2] = new Date(Date.UTC(2023, 0, 5));
  rows[5][6] = new Date(Date.UTC(2023, 1, 2));
  const bytes = await xlsxOf(rows, { before: [{ name: '填表说明', rows: [['说明'], ['每件申请登记一行']] }] });
  const f = await readRegisterFile(bytes, '台账.xlsx');
  assert.equal(f.format, 'xlsx');
  assert.deepEqual(f.sheets, ['填表说明', '台账']);
  assert.equal(f.sheet.name, '台账');
  const t = tallyAndCheck(readRegister(f.sheet), 2023);
  assert.equal(figures(t), WANT);
  assert.deepEqual(
    t.entries.find((e) => e.row === 6),
    {
      row: 6,
      column: 'natural',
      applicant: '自然人',
      name: '李某',
      received: '2023-01-05',
      answered: '2023-02-02',
      result: 'g4.1',
      wording: '信息不存在',
    },
  );
  assert.deepEqual(
    t.problems.map((p) => p.rows[0]),
    [8, 11],
  );
  // Asked by name: that sheet, or a clear refusal.
  assert.equal((await readRegisterFile(bytes, 'x.xlsx', { sheet: '台账' })).sheet.name, '台账');
  await assert.rejects(readRegisterFile(bytes, 'x.xlsx', { sheet: '2024' }), /没有名为“2024”的工作表（有：填表说明、台账）/);
});

test('read: .xls (BIFF8) through SheetJS CE', async () => {
  const bytes = xlsOf(register2023());
  assert.deepEqual([...bytes.subarray(0, 4)], [0xd0, 0xcf, 0x11, 0xe0]);
  const f = await readRegisterFile(bytes, '台账.xls');
  assert.equal(f.format, 'xls');
  assert.equal(figures(tallyAndCheck(readRegister(f.sheet), 2023)), WANT);
});

test('read: CSV in UTF-8, UTF-8 with BOM and GBK, quoted fields with commas, quotes and line breaks', async () => {
  const rows = register2023().map((r) => [...r]);
  rows[5][5] = '关于"补偿标准",\n以及附件';
  for (const enc of ['utf8', 'utf8-bom', 'gbk'] as const) {
    const f = await readRegisterFile(csvOf(rows, enc), '台账.csv');
    assert.equal(f.format, 'csv', enc);
    const t = tallyAndCheck(readRegister(f.sheet), 2023);
    assert.equal(figures(t), WANT, enc);
    assert.equal(f.sheet.rows.find((r) => r.row === 6)?.cells[5], '关于"补偿标准",\n以及附件');
    // The record after the one with a line break starts a line later.
    assert.deepEqual(
      t.problems.map((p) => p.rows[0]),
      [9, 12],
      enc,
    );
    assert.deepEqual(f.warnings, enc === 'gbk' ? ['台账.csv 不是 UTF-8 编码，已按 GBK 读取；请另存为 UTF-8'] : [], enc);
  }
  assert.deepEqual(parseCsv('a\tb\n1\t2\n'), [
    { row: 1, cells: ['a', 'b'] },
    { row: 2, cells: ['1', '2'] },
  ]);
  assert.deepEqual(parseCsv('"a""b",c\r\n\r\n,\r\n"x\r\ny",z'), [
    { row: 1, cells: ['a"b', 'c'] },
    { row: 4, cells: ['x\r\ny', 'z'] },
  ]);
});

test('read: encrypted, corrupt and foreign files get a clear message', async () => {
  // An encrypted workbook is an OLE file with an EncryptionInfo stream.
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  ole.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
  await assert.rejects(readRegisterFile(ole, '台账.xlsx'), /设置了密码（已加密）/);
  await assert.rejects(readRegisterFile(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), '台账.xlsx'), /文件已损坏/);
  await assert.rejects(readRegisterFile(new TextEncoder().encode('%PDF-1.4'), '台账.pdf'), /另存为 \.xlsx/);
  await assert.rejects(readRegisterFile(new Uint8Array([1, 2, 0, 3]), '台账.csv'), /不是文本文件/);
  // A .docx is a zip but no workbook.
  const docx = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'word/document.xml': new Uint8Array(5) });
  await assert.rejects(readRegisterFile(docx, 'x.xlsx'), /不是 Excel 工作簿/);
});

test('read: the canonical table of a tally read from .xlsx', async () => {
  const { tallyMarkdown } = await import('../../server/src/core/register/index');
  const t = await tallyOf(await xlsxOf(register2023()), 'a.xlsx');
  assert.ok(tallyMarkdown(t).includes(EXPECTED_NEW));
});
