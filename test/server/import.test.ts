/**
 * Issue 22.2 through the in-process server: import and paste convert in a worker thread, so the
 * server answers other requests while a conversion runs; a conversion past the watchdog ends
 * with a clear message, and the next import works (past the heap limit:
 * test/robustness/import-heap.test.ts); files that are not regular
 * files (a FIFO, a device) are refused at once by the one reader. Every wait is for an answer
 * or an event, never for a timer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImportedDraft, IoFailure } from '../../server/src/protocol';
import { IMPORT_WORKER } from '../../server/src/service/io-worker';
import { longPage } from '../io/hostile-inputs';
import { makePdf } from '../io/pdf/make-pdf';
import { hoversDuring, startInProcess } from './harness';

const FIXTURES = join(__dirname, '..', 'fixtures');
const REPORT = readFileSync(join(FIXTURES, 'clean', 'town-2024.md'), 'utf8');

type Answer = ImportedDraft | IoFailure;

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-server-import-'));
  copyFileSync(join(FIXTURES, 'io', 'html', 'ueditor-chrome.html'), join(dir, 'page.html'));
  return dir;
}

const uriOf = (path: string) => pathToFileURL(path).toString();

test('server import: a page and a PDF become drafts; a FIFO and /dev/zero are refused at once', async () => {
  const dir = workdir();
  const client = await startInProcess();
  try {
    const r = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(join(dir, 'page.html')) });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.tables, ['table2', 'table3', 'table4']);
    assert.match(r.markdown, /^## 三、收到和处理政府信息公开申请情况$/m);
    // A PDF: pdf.js runs in the worker too.
    const pdf = join(dir, 'report.pdf');
    writeFileSync(
      pdf,
      makePdf([
        {
          texts: [
            { x: 72, y: 100, text: '青石镇人民政府2024年政府信息公开工作年度报告', size: 18 },
            { x: 72, y: 160, text: '一、总体情况', size: 16 },
          ],
        },
      ]),
    );
    const fromPdf = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(pdf) });
    assert.ok(fromPdf.ok, JSON.stringify(fromPdf));
    assert.match(fromPdf.markdown, /^# 青石镇人民政府2024年政府信息公开工作年度报告$/m);
    const fifo = join(dir, 'pipe.html');
    execFileSync('mkfifo', [fifo]);
    const f = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(fifo) });
    assert.equal(f.ok, false);
    assert.match(f.message.zh, /不是普通文件/);
    const z = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: 'file:///dev/zero' });
    assert.equal(z.ok, false);
    assert.match(z.message.zh, /不是普通文件/);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('server import: while a large page converts, hover and diagnostics of an open document are answered', async () => {
  const dir = workdir();
  const big = join(dir, 'big.html');
  // About 50 000 paragraphs: seconds of parsing, all of it in the worker.
  writeFileSync(big, longPage(4 * 1024 * 1024));
  const client = await startInProcess();
  try {
    let importDone = false;
    const importing = client.connection.sendRequest<Answer>('xxgkReport/import', { uri: uriOf(big) }).finally(() => {
      importDone = true;
    });
    const uri = 'untitled:report.md';
    client.open(uri, REPORT);
    const published = await client.waitFor(uri, () => true);
    assert.ok(Array.isArray(published.diagnostics));
    const answered = await hoversDuring(client, uri, REPORT, () => importDone);
    assert.deepEqual(answered, [false, false, false, false, false], 'every hover was answered while the import ran');
    const r = await importing;
    assert.ok(r.ok, JSON.stringify(r).slice(0, 200));
    assert.match(r.markdown, /^## 一、总体情况$/m);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('server import: the watchdog ends a conversion with a clear message; the next one works', async () => {
  // The heap limit: test/robustness/import-heap.test.ts (npm run test:robustness).
  const dir = workdir();
  const saved = { ...IMPORT_WORKER };
  const client = await startInProcess();
  try {
    const page = uriOf(join(dir, 'page.html'));
    // A watchdog shorter than any conversion (a worker alone takes longer to start).
    IMPORT_WORKER.timeoutMs = 1;
    const late = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: page });
    assert.equal(late.ok, false);
    assert.match(late.message.zh, /没有完成，已停止/);
    IMPORT_WORKER.timeoutMs = saved.timeoutMs;
    const again = await client.connection.sendRequest<Answer>('xxgkReport/import', { uri: page });
    assert.ok(again.ok, JSON.stringify(again));
  } finally {
    Object.assign(IMPORT_WORKER, saved);
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('server paste: clipboard HTML of table 四 and a tab-separated block convert in the worker', async () => {
  const client = await startInProcess();
  try {
    const html =
      '<table><tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr><tr>' +
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((l) => `<td rowspan="2">${l}</td>`).join('') +
      '<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr><tr>' +
      ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
        .map((l) => `<td>${l}</td>`)
        .join('') +
      `</tr><tr>${Array.from({ length: 15 }, (_, i) => `<td>${i}</td>`).join('')}</tr></table>`;
    const r = await client.connection.sendRequest<Answer>('xxgkReport/paste', { html });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.tables, ['table4']);
    const empty = await client.connection.sendRequest<Answer>('xxgkReport/paste', { text: '  ' });
    assert.equal(empty.ok, false);
  } finally {
    await client.stop();
  }
});
