/**
 * Issue 22.2 at a hostile size, through the in-process server (npm run test:robustness; moved
 * from test/server/import.test.ts, too heavy for the unit tests): a 12 MB page converted in a
 * worker whose heap is far too small ends with a clear message, and the next import works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImportedDraft, IoFailure } from '../../server/src/protocol';
import { IMPORT_WORKER } from '../../server/src/service/io-worker';
import { longPage } from '../io/hostile-inputs';
import { startInProcess } from '../server/harness';

type Answer = ImportedDraft | IoFailure;

const uriOf = (path: string) => pathToFileURL(path).toString();

test('server import: the heap limit ends a conversion with a clear message; the next one works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-server-import-heap-'));
  copyFileSync(join(__dirname, '..', 'fixtures', 'io', 'html', 'ueditor-chrome.html'), join(dir, 'page.html'));
  const saved = { ...IMPORT_WORKER };
  const client = await startInProcess();
  try {
    // A heap far too small for this page.
    const big = join(dir, 'big.html');
    writeFileSync(big, longPage(12 * 1024 * 1024));
    IMPORT_WORKER.maxHeapMb = 24;
    const heavy = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(big) });
    assert.equal(heavy.ok, false);
    assert.match(heavy.message.zh, /内存超过 24 MB/);
    IMPORT_WORKER.maxHeapMb = saved.maxHeapMb;
    const again = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(join(dir, 'page.html')) });
    assert.ok(again.ok, JSON.stringify(again));
  } finally {
    Object.assign(IMPORT_WORKER, saved);
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
