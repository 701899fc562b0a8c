/**
 * 审阅结果.html in a real browser (Debian's Chromium, driven by playwright-core from the VS Code
 * test cache): sorting, filtering, a report's details with table 三 and its wrong cell marked, no
 * request beyond the page itself, no console error, and hostile text from a file shown as text.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OptionsResolver } from '../../server/src/options';
import { createReportService } from '../../server/src/service/index';
import { DEFAULT_REVIEW_SETTINGS } from '../../server/src/review/config';
import { findingRows, table3Snapshot } from '../../server/src/review/extract';
import { writeHtml } from '../../server/src/review/outputs/html';
import type { OutputContext } from '../../server/src/review/outputs/index';
import { summarize } from '../../server/src/review/run';
import type { ReportRecord } from '../../server/src/review/types';
import { TABLE3_ROWS } from '../../server/src/core/template';
import { generateReport } from '../helpers/draft';

const CACHE = process.env.XXGK_VSCODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'xxgk-report-vscode');
const CHROMIUM = process.env.XXGK_CHROMIUM ?? '/usr/bin/chromium';
const PLAYWRIGHT = join(CACHE, 'node_modules', 'playwright-core');
const SKIP = !existsSync(PLAYWRIGHT)
  ? `playwright-core is not in ${CACHE} (npm run test:vscode-offline installs it)`
  : !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM}`
    : false;

const HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>镇人民政府';

/** A real record: a generated report whose table 三 row （一） has a wrong 总计, checked by the service. */
function checkedRecord(index: number): ReportRecord {
  let text = generateReport({ seed: 21, agency: '青石镇人民政府', year: 2023 });
  text = text.replace(
    /^(\| 三、本年度办理结果 \| （一）予以公开 \| {2}(?:\| \d+ ){6}\| )(\d+)( \|)$/m,
    (_, a: string, n: string, c: string) => `${a}${Number(n) + 5}${c}`,
  );
  const uri = 'file:///batch/青石镇-2023.md';
  const service = createReportService({
    config: new OptionsResolver({ warn: () => undefined }),
    logger: { log: () => undefined, warn: () => undefined },
  });
  const result = service.getResult({ uri, version: 1, getText: () => text });
  return {
    index,
    file: 'batch/青石镇-2023.md',
    path: '/batch/青石镇-2023.md',
    uri,
    format: 'md',
    imported: false,
    status: 'ok',
    unit: '青石镇人民政府',
    year: 2023,
    findings: findingRows(result, (u) => u),
    table3: table3Snapshot(result),
  };
}

function handMade(index: number, unit: string, status: ReportRecord['status'], errors: number): ReportRecord {
  return {
    index,
    file: `batch/${index}.md`,
    path: `/batch/${index}.md`,
    uri: `file:///batch/${index}.md`,
    format: 'md',
    imported: false,
    status,
    unit,
    year: 2023,
    findings: Array.from({ length: errors }, (_, i) => ({
      code: 'cell-empty',
      severity: 'error' as const,
      message: `空白 ${i} <b>不是粗体</b>`,
      line: 10 + i,
      column: 3,
    })),
  };
}

/** What the tests read of DOM nodes inside the page (the project's types have no DOM). */
interface PageNode {
  textContent: string | null;
  open?: boolean;
  getAttribute(name: string): string | null;
}
interface PageTable {
  tHead: { rows: ArrayLike<{ cells: ArrayLike<PageNode> }> };
  tBodies: ArrayLike<{ rows: { length: number } }>;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
}
interface Page {
  on(event: string, listener: (x: never) => void): void;
  goto(url: string, o: object): Promise<unknown>;
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  selectOption(selector: string, value: string): Promise<unknown>;
  textContent(selector: string): Promise<string>;
  getAttribute(selector: string, name: string): Promise<string>;
  waitForFunction(expression: string): Promise<unknown>;
  $eval<T, E>(selector: string, fn: (e: E) => T): Promise<T>;
  $$eval<T, E>(selector: string, fn: (e: E[]) => T): Promise<T>;
  close(): Promise<void>;
}

let dir = '';
let pageUrl = '';
let browser: { close(): Promise<void>; newPage(): Promise<Page> } | undefined;

before(async () => {
  if (SKIP) return;
  dir = mkdtempSync(join(tmpdir(), 'xxgk-review-page-'));
  const records = [
    handMade(0, '柳河县人民政府', 'ok', 0),
    checkedRecord(1),
    handMade(2, HOSTILE, 'ok', 2),
    handMade(3, '北川县住房和城乡建设局', 'ok', 5),
    { ...handMade(4, '西林区市场监督管理局', 'refused', 0), unit: undefined, reason: '无法读取这种文件' },
  ];
  const summaries = records.map((r) => summarize(r, [], DEFAULT_REVIEW_SETTINGS));
  const ctx: OutputContext = {
    lang: 'zh',
    settings: DEFAULT_REVIEW_SETTINGS,
    summaries,
    records: () => records,
    interrupted: false,
    generated: new Date(0),
    inputs: ['batch'],
    previous: [],
    ranked: false,
  };
  let html = '';
  writeHtml(ctx, { write: (t) => void (html += t) });
  const file = join(dir, '审阅结果.html');
  writeFileSync(file, html);
  pageUrl = pathToFileURL(file).toString();
  // Not a dependency of the project: the VS Code test setup installs it in its cache.
  const { chromium } = createRequire(join(CACHE, 'package.json'))('playwright-core') as {
    chromium: { launch(o: object): Promise<NonNullable<typeof browser>> };
  };
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    timeout: 60_000,
  });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the page, recording every request, console error, page error and dialog. */
async function open() {
  const page = await browser!.newPage();
  const seen = { requests: [] as string[], errors: [] as string[], dialogs: [] as string[] };
  page.on('request', (r: { url(): string }) => seen.requests.push(r.url()));
  page.on('console', (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') seen.errors.push(m.text());
  });
  page.on('pageerror', (e: Error) => seen.errors.push(e.message));
  page.on('dialog', (d: { message(): string; dismiss(): Promise<void> }) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pageUrl, { waitUntil: 'load' });
  return { page, seen };
}

const column = (page: Page, n: number): Promise<string[]> =>
  page.$$eval(`#summary tbody tr:not([hidden]) td:nth-child(${n})`, (cells: PageNode[]) => cells.map((c) => (c.textContent ?? '').trim()));

test('sorting: a click on 错误 sorts ascending, a second descending; text columns sort too', { skip: SKIP }, async () => {
  const { page, seen } = await open();
  await page.click('#summary th:nth-child(6) button');
  const up = (await column(page, 6)).map(Number);
  assert.deepEqual(
    up,
    [...up].sort((a, b) => a - b),
  );
  assert.equal(await page.getAttribute('#summary th:nth-child(6)', 'aria-sort'), 'ascending');
  await page.click('#summary th:nth-child(6) button');
  const down = (await column(page, 6)).map(Number);
  assert.deepEqual(
    down,
    [...up].sort((a, b) => b - a),
  );
  assert.equal(await page.getAttribute('#summary th:nth-child(6)', 'aria-sort'), 'descending');
  await page.click('#summary th:nth-child(8) button');
  const scores = await column(page, 8);
  assert.equal(scores[scores.length - 1], '—', 'a file without a score goes last');
  assert.deepEqual(seen.errors, []);
  await page.close();
});

test('filtering by text and by result', { skip: SKIP }, async () => {
  const { page } = await open();
  assert.equal(await page.textContent('#shown'), '5 / 5');
  await page.fill('#filter', '北川');
  assert.deepEqual(await column(page, 2), ['北川县住房和城乡建设局']);
  assert.equal(await page.textContent('#shown'), '1 / 5');
  await page.fill('#filter', '');
  await page.selectOption('#result-filter', 'pass');
  assert.deepEqual(await column(page, 2), ['柳河县人民政府']);
  await page.selectOption('#result-filter', 'unreviewed');
  assert.deepEqual(await column(page, 5), ['无法审阅']);
  await page.close();
});

test('a report’s details: opened from its row, table 三 in the official layout with the wrong cell marked', { skip: SKIP }, async () => {
  const { page } = await open();
  assert.equal(await page.$eval('#r-1 details', (d: PageNode) => d.open), false);
  await page.click('#summary a[href="#r-1"]');
  await page.waitForFunction("document.querySelector('#r-1 details').open");
  const t3 = await page.$eval('#r-1 .t3 table', (t: PageTable) => ({
    head: t.tHead.rows.length,
    body: t.tBodies[0].rows.length,
    corner: t.tHead.rows[0].cells[0].getAttribute('rowspan'),
    wrong: Array.from(t.querySelectorAll('td.wrong')).map((c) => [c.getAttribute('data-key'), c.getAttribute('title')]),
  }));
  assert.equal(t3.head, 3);
  assert.equal(t3.body, TABLE3_ROWS.length);
  assert.equal(t3.corner, '3');
  assert.ok(
    t3.wrong.some(([key, title]) => key === 'g1.total' && /（一）予以公开/.test(title ?? '')),
    JSON.stringify(t3.wrong),
  );
  // Clicking a row (not its link) opens its details too.
  await page.click('#summary tbody tr[data-target="r-3"] td:nth-child(4)');
  await page.waitForFunction("document.querySelector('#r-3 details').open");
  await page.close();
});

test('no request but the page, no console error; hostile text from a file stays text', { skip: SKIP }, async () => {
  const { page, seen } = await open();
  await page.click('#summary a[href="#r-2"]');
  await page.waitForFunction("document.querySelector('#r-2 details').open");
  assert.deepEqual(seen.requests, [pageUrl]);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.dialogs, []);
  assert.equal(await page.$$eval('img', (x: PageNode[]) => x.length), 0);
  assert.equal(await page.$$eval('script', (x: PageNode[]) => x.length), 1);
  assert.equal(await page.textContent('#summary a[href="#r-2"]'), HOSTILE);
  assert.match(await page.textContent('#r-2'), /空白 0 <b>不是粗体<\/b>/);
  assert.equal(await page.$$eval('#r-2 b', (x: PageNode[]) => x.length), 0);
  assert.match(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), /default-src 'none'/);
  assert.match(await page.textContent('#no-ranking'), /少于 30 份，不排名/);
  assert.equal(await page.$$eval('#charts svg', (x: PageNode[]) => x.length), 2);
  await page.close();
});
