/**
 * The export worker at its heap limit, through the in-process server (npm run test:robustness;
 * moved from test/server/export.test.ts, too heavy for the unit tests): a draft at the export's
 * cell limit (9 900 table rows) exported in a worker whose heap is too small for it (16 MB: the
 * line-by-line parse and the writer without the docx library export 5 000 rows within 24 MB now,
 * and a worker of 12 MB cannot start) ends with a clear message and writes nothing; the next
 * export works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExportResult, IoFailure } from '../../server/src/protocol';
import { IMPORT_WORKER } from '../../server/src/service/io-worker';
import { bigTable, inReport } from './hostile';
import { startInProcess } from '../server/harness';

type Answer = ExportResult | IoFailure;

const REPORT = readFileSync(join(__dirname, '..', 'fixtures', 'clean', 'town-2024.md'), 'utf8');

test('server export: the heap limit ends an export with a clear message and nothing written; the next one works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-server-export-heap-'));
  const saved = { ...IMPORT_WORKER };
  const client = await startInProcess();
  try {
    // A heap far too small for the large draft's Word tables.
    const large = pathToFileURL(join(dir, 'large.md')).toString();
    client.open(large, inReport(bigTable(9900)));
    await client.waitFor(large, () => true);
    IMPORT_WORKER.maxHeapMb = 16;
    const heavy = await client.connection.sendRequest<Answer>('xxgkReport/export', { uri: large, to: 'html' });
    assert.equal(heavy.ok, false);
    assert.match(heavy.message.zh, /^导出所需内存超过 16 MB 的上限，已停止/);
    assert.equal(existsSync(join(dir, 'large（导出）.html')), false, 'nothing written');
    IMPORT_WORKER.maxHeapMb = saved.maxHeapMb;
    const draft = pathToFileURL(join(dir, 'report.md')).toString();
    client.open(draft, REPORT);
    await client.waitFor(draft, () => true);
    const again = await client.connection.sendRequest<Answer>('xxgkReport/export', { uri: draft, to: 'docx' });
    assert.ok(again.ok, JSON.stringify(again));
    assert.equal(readFileSync(join(dir, 'report（导出）.docx')).subarray(0, 2).toString('latin1'), 'PK');
  } finally {
    Object.assign(IMPORT_WORKER, saved);
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
