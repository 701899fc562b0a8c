#!/usr/bin/env node
// Takes docs/screenshot.png: a report with defects open in the offline VS Code (1.100.3 from
// code-server's npm package, web workbench in headless Chromium), with the Problems panel, the
// 年报结构 view and the hover of the wrong 总计 cell. Needs dist/ (npm run build).
//
//   node scripts/vscode/screenshot.mjs [--out docs/screenshot.png] [--keep]

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import {
  REPO_ROOT,
  ensureSetup,
  installExitHandlers,
  killAll,
  launchBrowser,
  log,
  makeTempRoot,
  sleep,
  startServer,
  workbenchUrl,
} from './offline-vscode.mjs';

const { values: opts } = parseArgs({
  options: {
    out: { type: 'string', default: path.join(REPO_ROOT, 'docs/screenshot.png') },
    fixture: { type: 'string', default: path.join(REPO_ROOT, 'test/vscode/workspace/fixall-2023.md') },
    keep: { type: 'boolean', default: false },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
  },
});

const FILE = '安乐镇人民政府2023年报告.md';
let browser = null;
let tmp = null;

async function cleanup() {
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  browser = null;
  await killAll();
  if (tmp && !opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
}

async function main() {
  installExitHandlers(cleanup);
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist/client.js'))) throw new Error('dist/client.js is missing: npm run build first');
  const cache = ensureSetup({ screenshot: true });
  tmp = makeTempRoot('xxgk-shot-');
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  const text = fs.readFileSync(opts.fixture, 'utf8');
  fs.writeFileSync(path.join(workspace, FILE), text);

  // Settings of the remote machine (the web workbench reads them like user settings)
  const machine = path.join(tmp, 'user-data/Machine'); // server-main's --user-data-dir
  fs.mkdirSync(machine, { recursive: true });
  fs.writeFileSync(
    path.join(machine, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.colorTheme': 'Default Light Modern',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'editor.minimap.enabled': false,
        'editor.fontSize': 13,
        'editor.wordWrap': 'off',
        'extensions.ignoreRecommendations': true,
        'chat.commandCenter.enabled': false,
        'workbench.layoutControl.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
      },
      null,
      2,
    ),
  );

  const server = await startServer({ cache, tmp, extraArgs: ['--disable-getting-started-override'] });
  const width = Number(opts.width);
  const height = Number(opts.height);
  const launched = await launchBrowser(cache, { viewport: { width, height } });
  browser = launched.browser;
  // No Chinese language pack offline: the UI stays English, but vscode.env.language (and so the
  // extension's messages, which follow it) is zh-cn, as for a user with the Chinese UI.
  await launched.context.addInitScript(() => {
    globalThis._VSCODE_NLS_LANGUAGE = 'zh-cn';
  });
  const page = await launched.context.newPage();
  await page.goto(workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: REPO_ROOT }), {
    waitUntil: 'domcontentloaded',
  });
  await page.waitForSelector('.monaco-workbench .explorer-folders-view', { timeout: 60_000 });
  await sleep(1500);

  // Close whatever opened at startup (a walkthrough), then open the report through Quick Open
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W');
  await sleep(300);
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(FILE);
  await sleep(800);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
  // Problems panel: its rows appear once the extension is active and the server has checked the file
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 60_000 });
  await sleep(1000);

  // The 年报结构 view in the Explorer
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('年报结构');
  await sleep(800);
  const focusItem = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on 年报结构 View' }).first();
  if (await focusItem.count()) await focusItem.click();
  else await page.keyboard.press('Escape');
  await sleep(1000);

  // Back to the editor: go to the wrong 总计 cell and show its hover
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（一）予以公开'));
  const col = lines[line].lastIndexOf('| ', lines[line].length - 2) + 2; // 0-based start of the last cell
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(`${line + 1}:${col + 1}`);
  await page.keyboard.press('Enter');
  await sleep(500);
  // hover by mouse over the squiggle of the cell (falls back to the keyboard command)
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await page.waitForSelector('.monaco-hover .hover-contents, .monaco-hover .marker', { timeout: 10_000 }).catch(() => {});
  await sleep(800);

  const raw = path.join(tmp, 'raw.png');
  await page.screenshot({ path: raw });
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  const q = spawnSync('pngquant', ['--force', '--quality=60-85', '--speed=1', '--strip', '--output', opts.out, raw], { encoding: 'utf8' });
  if (q.status !== 0) {
    log(`pngquant unavailable or failed (${q.error ? q.error.message : q.stderr}); saving the unoptimised PNG`);
    fs.copyFileSync(raw, opts.out);
  }
  log(`saved ${path.relative(process.cwd(), opts.out)} (${(fs.statSync(opts.out).size / 1024).toFixed(0)} KiB, ${width}x${height})`);
}

main()
  .then(async () => {
    await cleanup();
    process.exit(0);
  })
  .catch(async (e) => {
    console.error(`screenshot: ${e && e.stack ? e.stack : e}`);
    if (browser && tmp) {
      try {
        const ctx = browser.contexts()[0];
        const page = ctx && ctx.pages()[0];
        if (page) {
          await page.screenshot({ path: path.join(tmp, 'failure.png') });
          console.error(`screenshot: page at the failure: ${path.join(tmp, 'failure.png')} (kept)`);
          opts.keep = true;
        }
      } catch {
        /* ignore */
      }
    }
    await cleanup();
    process.exit(1);
  });
