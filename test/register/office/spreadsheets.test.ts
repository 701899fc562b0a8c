/**
 * The registers the tests build are real spreadsheets: LibreOffice opens a generated .xlsx and
 * .xls and converts them to CSV, and what it wrote tallies the same. Runs with npm run
 * test:office (skipped, with the reason shown, where LibreOffice is missing; XXGK_REQUIRE_OFFICE=1
 * turns that into a failure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRegister, tallyAndCheck, type RegisterTally } from '../../../server/src/core/register/index';
import { readRegisterFile } from '../../../server/src/io/register-read';
import { register2023, xlsOf, xlsxOf } from '../make';
import { officeSetup } from '../../helpers/office';

const { skip: MISSING, soffice } = officeSetup(['soffice'], 'scripts/libreoffice/setup.sh', 'register spreadsheet tests');

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

test('LibreOffice opens a generated .xlsx and .xls as real spreadsheets', { timeout: 120_000, skip: MISSING }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-register-'));
  try {
    writeFileSync(join(dir, 'book.xlsx'), await xlsxOf(register2023()));
    writeFileSync(join(dir, 'old.xls'), xlsOf(register2023()));
    soffice(
      [
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'book.xlsx'),
        join(dir, 'old.xls'),
      ],
      110_000,
    );
    assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['book.csv', 'old.csv']);
    for (const name of ['book.csv', 'old.csv']) {
      const csv = readFileSync(join(dir, 'out', name));
      assert.match(csv.toString('utf8'), /某县自然资源局2023年政府信息公开申请办理登记台账/);
      // What LibreOffice wrote tallies the same.
      assert.equal(figures(await tallyOf(csv, name)), WANT, name);
    }
    assert.ok((await tallyOf(readFileSync(join(dir, 'out', 'book.csv')), 'book.csv')).problems.length === 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
