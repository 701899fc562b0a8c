/**
 * Export through the in-process server (issues 15, 22.2): the conversion runs in the io worker,
 * so the server answers hover and diagnostics of an open document while a large draft converts;
 * an export past the watchdog or the heap limit ends with a clear message, writes nothing, and
 * the next one works. The CLI's export in its own thread reuses its analysis's parse. Every wait
 * is for an answer or an event, never for a timer.
 */
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportResult, IoFailure } from '../../server/src/protocol';
import { IMPORT_WORKER } from '../../server/src/service/io-worker';
import { buildModel } from '../../server/src/core/model';
import { exportModel, exportReport } from '../../server/src/io/index';
import { bigTable, inReport } from '../robustness/hostile';
import { hoversDuring, startInProcess } from './harness';

const REPORT = readFileSync(join(__dirname, '..', 'fixtures', 'clean', 'town-2024.md'), 'utf8');
/**
 * A draft whose export is far more work than its analysis: 5 000 table rows (10 000 cells, under
 * the export's cell limit) are quick to check and slow to lay out as Word tables.
 */
const LARGE = inReport(bigTable(5000));

type Answer = ExportResult | IoFailure;

async function withServer(run: (client: Awaited<ReturnType<typeof startInProcess>>, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-server-export-'));
  const client = await startInProcess();
  try {
    await run(client, dir);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('server export: while a large draft converts, hover and diagnostics of an open document are answered', () =>
  withServer(async (client, dir) => {
    const draft = pathToFileURL(join(dir, 'large.md')).toString();
    client.open(draft, LARGE);
    await client.waitFor(draft, () => true);
    const uri = 'untitled:report.md';
    client.open(uri, REPORT);
    await client.waitFor(uri, () => true);

    let exportDone = false;
    const exporting = client.connection.sendRequest<Answer>('xxgkReport/export', { uri: draft, to: 'docx' }).finally(() => {
      exportDone = true;
    });
    const answered = await hoversDuring(client, uri, REPORT, () => exportDone);
    // An edit of the open report is analysed and published meanwhile, too.
    client.change(uri, 2, [{ text: REPORT.replace('# ', '# 改 ') }]);
    const published = await client.waitFor(uri, (p) => p.version === 2);
    answered.push(exportDone);
    assert.ok(Array.isArray(published.diagnostics));
    assert.deepEqual(answered, [false, false, false, false, false, false], 'every answer came while the export ran');

    const r = await exporting;
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.written, true);
    const bytes = readFileSync(fileURLToPath(r.target));
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    // Complete: the last of the 5 000 rows is in the document.
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']);
    assert.match(xml, /第4999项/);
  }));

test('server export: the watchdog ends an export with a clear message and nothing written; the next one works', () =>
  // The heap limit: test/robustness/export-heap.test.ts (npm run test:robustness).
  withServer(async (client, dir) => {
    const saved = { ...IMPORT_WORKER };
    try {
      const draft = pathToFileURL(join(dir, 'report.md')).toString();
      client.open(draft, REPORT);
      await client.waitFor(draft, () => true);
      const target = join(dir, 'report（导出）.docx');
      // A watchdog shorter than any export (a worker alone takes longer to start).
      IMPORT_WORKER.timeoutMs = 1;
      const late = await client.connection.sendRequest<Answer>('xxgkReport/export', { uri: draft, to: 'docx' });
      assert.equal(late.ok, false);
      assert.match(late.message.zh, /^导出在 \d+ 秒内没有完成，已停止：草稿过于复杂$/);
      assert.match(late.message.en, /^The export did not finish/);
      assert.equal(existsSync(target), false, 'nothing written');
      IMPORT_WORKER.timeoutMs = saved.timeoutMs;

      const again = await client.connection.sendRequest<Answer>('xxgkReport/export', { uri: draft, to: 'docx' });
      assert.ok(again.ok, JSON.stringify(again));
      assert.equal(fileURLToPath(again.target), target);
      assert.equal(readFileSync(target).subarray(0, 2).toString('latin1'), 'PK');
      // The same bytes as the conversion in this thread: the worker changes where, not what.
      assert.deepEqual(new Uint8Array(readFileSync(target)), (await exportReport(REPORT, 'docx')).data);
    } finally {
      Object.assign(IMPORT_WORKER, saved);
    }
  }));

test('server export: a draft the exporter refuses comes back from the worker as its message', () =>
  withServer(async (client, dir) => {
    const draft = pathToFileURL(join(dir, 'cells.md')).toString();
    // Over the export's 20 000 cells.
    client.open(draft, inReport(bigTable(11_000)));
    await client.waitFor(draft, () => true);
    const r = await client.connection.sendRequest<Answer>('xxgkReport/export', { uri: draft, to: 'docx' });
    assert.equal(r.ok, false);
    assert.match(r.message.zh, /单元格，超过导出的上限 20000/);
    assert.equal(existsSync(join(dir, 'cells（导出）.docx')), false);
  }));

test('export model: the caller’s complete parse of the same text is used, any other is not', async () => {
  const parsed = buildModel(REPORT);
  assert.deepEqual(exportModel(REPORT, parsed), exportModel(REPORT));
  // Used: a model of the same text whose reports were taken away gives an export without them.
  const emptied = { ...parsed, reports: [] };
  assert.equal(exportModel(REPORT, emptied).blocks.length, 0);
  // Not used: a model of another text, or one left incomplete by a budget.
  const other = buildModel(REPORT.replace('# ', '# 另 '));
  assert.deepEqual(exportModel(REPORT, { ...other, reports: [] }), exportModel(REPORT));
  const cut = { ...parsed, reports: [], incomplete: [{ span: { start: 0, end: 1 }, segment: { start: 0, end: 1 } }] };
  assert.deepEqual(exportModel(REPORT, cut), exportModel(REPORT));
  // And the bytes of an export on the caller's parse are those of one that parses itself.
  assert.deepEqual((await exportReport(REPORT, 'docx', parsed)).data, (await exportReport(REPORT, 'docx')).data);
});
