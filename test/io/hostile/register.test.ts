/**
 * Register workbooks built to exhaust memory (npm run test:robustness; moved from
 * test/register/read.test.ts, too heavy for the unit tests): a part that inflates to 200 MB,
 * more entries than a workbook has, and a total over the limit in parts each under it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zipSync } from 'fflate';
import { readRegisterFile, unzipWorkbook } from '../../../server/src/io/register-read';

test('read: a zip bomb is refused while inflating, before exceljs sees it', async () => {
  // 200 MB of zeros deflate to about 200 KB; the archive declares a small size.
  const bomb = zipSync(
    { '[Content_Types].xml': new Uint8Array(10), 'xl/worksheets/sheet1.xml': new Uint8Array(200 * 1024 * 1024) },
    { level: 9 },
  );
  assert.ok(bomb.length < 1024 * 1024);
  const before = process.memoryUsage().rss;
  await assert.rejects(readRegisterFile(bomb, 'bomb.xlsx'), /疑似压缩炸弹/);
  // Inflating stopped at the part limit (64 MB), not at 200 MB.
  assert.ok(process.memoryUsage().rss - before < 150 * 1024 * 1024);
  // Many entries: refused by count.
  const many: Record<string, Uint8Array> = {};
  for (let i = 0; i < 2001; i++) many[`x${i}`] = new Uint8Array(1);
  assert.throws(() => unzipWorkbook(zipSync(many, { level: 0 })), /声称有 2001 个条目/);
  // A total over the limit, in parts each under it.
  assert.throws(
    () =>
      unzipWorkbook(zipSync({ a: new Uint8Array(60 << 20), b: new Uint8Array(60 << 20), c: new Uint8Array(60 << 20) }), {
        maxEntries: 10,
        maxPartBytes: 64 << 20,
        maxTotalBytes: 128 << 20,
      }),
    /c 超过 \d+ MB），疑似压缩炸弹/,
  );
});
