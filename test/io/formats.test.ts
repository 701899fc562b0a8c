/**
 * Issue 20.3: the import formats are declared once (server/src/io/formats.ts) and every path
 * reads that table — the importer, the CLI's import and check, the server's import request,
 * the VS Code dialog's filter (protocol.ts). A format's extensions appear nowhere else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { IMPORT_DIALOG_EXTENSIONS as FROM_PROTOCOL, REGISTER_DIALOG_EXTENSIONS as REGISTER_FROM_PROTOCOL } from '../../server/src/protocol';
import {
  IMPORT_DIALOG_EXTENSIONS,
  IMPORT_FORMATS,
  REGISTER_DIALOG_EXTENSIONS,
  REGISTER_FORMATS,
  detectFormat,
  detectRegisterFormat,
  isEncryptedOle,
  isImportPath,
} from '../../server/src/io/formats';
import { readRegisterFile } from '../../server/src/io/register-read';
import { csvOf, register2023, xlsOf, xlsxOf } from '../register/make';
import { ImportError, exportDocx, exportHtml, importFile } from '../../server/src/io/index';
import { runCli } from '../helpers/cli';
import { readFixture } from './helpers';
import { makePdf } from './pdf/make-pdf';

const REPORT = readFixture('clean/town-2024.md');
const ROOT = join(__dirname, '..', '..');

test('detectFormat: a refused extension first, then first bytes, then the extension, then the head', () => {
  const zip = Uint8Array.from([0x50, 0x4b, 3, 4]);
  assert.equal(detectFormat(zip, 'report.txt').kind, 'docx', 'a ZIP named .txt is a Word package');
  assert.equal(detectFormat(zip, 'old.doc').kind, 'legacy', 'a .doc is refused whatever it holds');
  assert.equal(detectFormat(Buffer.from('%PDF-1.7'), 'scan.html').kind, 'pdf');
  assert.equal(detectFormat(Buffer.from('<!DOCTYPE html><p>x'), 'saved').kind, 'html');
  assert.equal(detectFormat(Buffer.from('\ufeff<table><tr><td>1'), 'clip').kind, 'html');
  assert.equal(detectFormat(Buffer.from('一、总体情况'), 'notes').kind, 'text');
  assert.equal(detectFormat(Buffer.from('x'), 'page.HTM').kind, 'html');
});

test('the dialog offers exactly the formats that are read, shared through protocol.ts', async () => {
  assert.deepEqual([...FROM_PROTOCOL], [...IMPORT_DIALOG_EXTENSIONS]);
  const readable = IMPORT_FORMATS.filter((f) => !f.refusal);
  assert.deepEqual(
    [...IMPORT_DIALOG_EXTENSIONS],
    readable.flatMap((f) => f.extensions.map((e) => e.slice(1))),
  );
  // Every extension offered imports a report of its kind.
  const samples: Record<string, Uint8Array> = {
    docx: await exportDocx(REPORT),
    html: Buffer.from(exportHtml(REPORT)),
    text: Buffer.from('青石镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n'),
    pdf: makePdf([
      {
        texts: [
          { x: 72, y: 100, text: '青石镇人民政府2024年政府信息公开工作年度报告', size: 18 },
          { x: 72, y: 160, text: '一、总体情况', size: 16 },
          { x: 72, y: 200, text: '本年度工作平稳有序。' },
        ],
      },
    ]),
  };
  for (const f of readable)
    for (const ext of f.extensions) {
      const r = await importFile(samples[f.kind], `report${ext}`);
      assert.equal(r.kind, f.kind, ext);
      assert.match(r.markdown, /青石镇人民政府2024年政府信息公开工作年度报告/, ext);
    }
  // Every refused one says why.
  for (const f of IMPORT_FORMATS.filter((x) => x.refusal))
    for (const ext of f.extensions)
      await assert.rejects(
        () => importFile(Buffer.from('x'), `file${ext}`),
        (e: unknown) => e instanceof ImportError && e.msg.zh === f.refusal!.zh,
        ext,
      );
});

test('check imports every format of the table in memory (refused ones with their message), Markdown as it is', async () => {
  for (const f of IMPORT_FORMATS) for (const ext of f.extensions) assert.ok(isImportPath(`a/b${ext.toUpperCase()}`), ext);
  assert.equal(isImportPath('report.md'), false);
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-formats-'));
  try {
    writeFileSync(join(dir, 'old.wps'), 'not read as Markdown');
    const r = await runCli(['check', 'old.wps'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /另存为 \.docx/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the register formats: a workbook by its first bytes, a refusal by its name, CSV otherwise; the dialog offers what is read', async () => {
  assert.deepEqual([...REGISTER_FROM_PROTOCOL], [...REGISTER_DIALOG_EXTENSIONS]);
  const zip = Uint8Array.from([0x50, 0x4b, 3, 4]);
  const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  assert.equal(detectRegisterFormat(zip, 'reg.csv').kind, 'xlsx', 'a ZIP is a workbook whatever its name');
  assert.equal(detectRegisterFormat(ole, 'reg.et').kind, 'xls');
  assert.equal(detectRegisterFormat(Buffer.from('编号,日期'), 'reg.xlsx').kind, 'refused', 'a workbook name without a workbook');
  assert.equal(detectRegisterFormat(Buffer.from('x'), 'reg.ods').kind, 'refused');
  assert.equal(detectRegisterFormat(Buffer.from('编号,日期'), 'reg').kind, 'csv');
  // An encrypted package is an OLE file naming its EncryptionInfo stream in UTF-16LE.
  const named = (name: string) => Uint8Array.from([...ole, 0, 0, ...Buffer.from(name, 'utf16le'), 0, 0]);
  assert.equal(isEncryptedOle(named('EncryptionInfo')), true);
  assert.equal(isEncryptedOle(named('EncryptedPackage')), true);
  assert.equal(isEncryptedOle(named('Workbook')), false);
  // Every extension offered reads a register of its kind.
  const rows = register2023();
  const samples: Record<string, Uint8Array> = { xlsx: await xlsxOf(rows), xls: xlsOf(rows), csv: csvOf(rows, 'utf8') };
  for (const f of REGISTER_FORMATS.filter((x) => !x.refusal))
    for (const ext of f.extensions) {
      const file = await readRegisterFile(samples[f.kind], `reg${ext}`);
      assert.equal(file.format, f.kind, ext);
      assert.ok(file.sheet.rows.length > 5, ext);
    }
  for (const f of REGISTER_FORMATS.filter((x) => x.refusal))
    for (const ext of f.extensions)
      await assert.rejects(
        () => readRegisterFile(Buffer.from('x'), `reg${ext}`),
        (e: unknown) => e instanceof ImportError && e.msg.zh === f.refusal!.zh,
        ext,
      );
});

test('accepted extensions are written in formats.ts only (server, CLI, client)', () => {
  // A dotted extension in quotes, a regex of them, or a bare list with htm/txt/xls (a dialog filter).
  const own = [join('io', 'formats.ts')];
  const literal =
    /['"`]\.(?:docx|html?|xhtml|txt|wps|doc|pdf|mhtml?|xlsx?|xlsm|csv|et|ods)['"`]|\\\.\(\?:docx\|html|\[[^\]]*['"](?:htm|txt|xls|csv)['"]/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !own.some((o) => p.endsWith(o)) && literal.test(readFileSync(p, 'utf8')))
        offenders.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, 'server', 'src'));
  walk(join(ROOT, 'client', 'src'));
  assert.deepEqual(offenders, []);
});
