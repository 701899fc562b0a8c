#!/usr/bin/env node
// Runs the extension's editor-level test suite in a real VS Code without internet:
// VS Code 1.100.3 from the npm package code-server@4.100.3 (server-main.js on loopback) and
// its web workbench in headless Debian Chromium (playwright-core). The suite's run() runs in
// the remote Node extension host, exactly like under @vscode/test-electron.
//
//   node test/vscode/run-offline.mjs                 # full suite against the dev folder (needs dist/)
//   node test/vscode/run-offline.mjs --vsix x.vsix   # install the .vsix, run the smoke suite against it
//
// Options:
//   --vsix <file>        install the packaged extension and run test/vscode/smoke (not the dev folder)
//   --suite <dir>        folder of the suite's index.js (default test/vscode/suite, or test/vscode/smoke)
//   --extension <dir>    extension folder to load in development mode (default: the repo root)
//   --workspace <dir>    folder to open (copied to a temp dir first; default test/vscode/workspace)
//   --grep <regex>       only run tests whose full title matches
//   --timeout <seconds>  time limit for the verdict after the server is up (default 600)
//   --no-setup           do not run scripts/vscode/setup-offline.sh (cache must be ready)
//   --verbose            also print the server's and the browser's own log lines
//   --keep               keep the temp folder (server logs, VS Code logs) for inspection
//
// Prints the suite's log lines and, last, a line "N passed, N failed". Exit 0 only if the suite
// ran, reported its counts, had no failure and VS Code's verdict (codeAutomationExit) was 0.

import fs from 'node:fs';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import {
  REPO_ROOT,
  ensureSetup,
  installExitHandlers,
  installVsix,
  killAll,
  launchBrowser,
  log,
  makeTempRoot,
  sleep,
  startServer,
  vscodeDir,
  workbenchUrl,
} from '../../scripts/vscode/offline-vscode.mjs';
import { startDriver } from '../../scripts/vscode/driver.mjs';

const RESULT_MARK = 'XXGK_VSCODE_RESULT ';
/** The screen the suite runs at: 1366×768, the usual office screen (issue 16). */
const VIEWPORT = { width: 1366, height: 768 };
// Workbench log lines that are not the suite's (the offline gallery, service worker, sockets…)
const NOISE =
  /open-vsx|ENOTFOUND|getaddrinfo|workbench\.js:\d+|\[Service Worker\]|Creating a socket|connection token|ChatSessionStore|Updating additional builtin|Extension host agent|marketplace|gallery|Creation of workbench contribution/i;
const started = Date.now();

const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    suite: { type: 'string' },
    extension: { type: 'string' },
    workspace: { type: 'string' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.XXGK_VSCODE_TIMEOUT || '600' },
    'no-setup': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: !!process.env.XXGK_VSCODE_VERBOSE },
    keep: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const vsixMode = !!opts.vsix;
const suiteDir = path.resolve(opts.suite ?? path.join(REPO_ROOT, vsixMode ? 'test/vscode/smoke' : 'test/vscode/suite'));
const extensionDir = path.resolve(opts.extension ?? REPO_ROOT);
const workspaceSrc = path.resolve(opts.workspace ?? path.join(REPO_ROOT, 'test/vscode/workspace'));
const timeoutMs = Math.max(10, Number(opts.timeout)) * 1000;
const startTimeoutMs = Math.min(timeoutMs, 120_000); // from opening the workbench to the suite's first line

let summary = null; // {passed, failed, pending, failures: [...]}
let verdict = null; // exit code from codeAutomationExit
let tmp = null;
let browser = null;
let finished = false;

function finish(code, reason) {
  if (finished) return;
  finished = true;
  if (reason) log(reason);
  const passed = summary ? summary.passed : 0;
  // a failed run never closes on "0 failed" (e.g. the verdict was 1 although every test passed)
  const failed = summary ? (code !== 0 ? Math.max(summary.failed, 1) : summary.failed) : code === 0 ? 0 : 1;
  const teardown = async () => {
    try {
      if (browser) await Promise.race([browser.close(), sleep(5000)]);
    } catch {
      /* ignore */
    }
    await killAll();
    if (tmp && !opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) log(`kept temp folder ${tmp}`);
    log(`total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const skipped = summary && summary.pending ? `, ${summary.pending} skipped` : '';
    console.log(`${passed} passed, ${failed} failed${skipped}`);
    process.exit(code);
  };
  Promise.race([
    teardown(),
    sleep(20_000).then(() => {
      throw new Error('teardown timed out');
    }),
  ]).catch((e) => {
    console.error(String(e));
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(code || 1);
  });
}

function handleSuiteLine(line) {
  const i = line.indexOf(RESULT_MARK);
  if (i >= 0) {
    try {
      summary = JSON.parse(line.slice(i + RESULT_MARK.length));
    } catch {
      /* a broken line: ignore, the result file is the fallback */
    }
    return;
  }
  console.log(line);
}

function makeStubExtension(dir) {
  const stub = path.join(dir, 'dev-stub');
  fs.mkdirSync(stub, { recursive: true });
  fs.writeFileSync(
    path.join(stub, 'package.json'),
    JSON.stringify({ name: 'vsix-test-stub', publisher: 'xxgk-test', version: '0.0.0', engines: { vscode: '^1.91.0' } }),
  );
  return stub;
}

function readResultFile(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function main() {
  installExitHandlers(async () => {
    if (browser) await browser.close().catch(() => {});
    await killAll();
  });

  // 1. What to run
  if (!fs.existsSync(path.join(suiteDir, 'index.js'))) throw new Error(`no suite at ${suiteDir}/index.js`);
  if (vsixMode) {
    if (!fs.existsSync(opts.vsix)) throw new Error(`no such .vsix: ${opts.vsix}`);
  } else {
    const pkg = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
    const main = pkg.main && path.join(extensionDir, pkg.main);
    if (main && !fs.existsSync(main) && !fs.existsSync(`${main}.js`)) {
      throw new Error(`${pkg.main} is missing in ${extensionDir}: build the extension first (npm run build)`);
    }
  }

  // 2. VS Code + Chromium (idempotent installer; fast when the cache is warm)
  const cache = opts['no-setup']
    ? process.env.XXGK_VSCODE_CACHE ||
      path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || '/tmp', '.cache'), 'xxgk-report-vscode')
    : ensureSetup();
  if (!fs.existsSync(path.join(vscodeDir(cache), 'out/server-main.js'))) throw new Error(`VS Code not found in ${cache}`);

  // 3. Temp dirs, workspace copy, result file
  tmp = makeTempRoot();
  const workspace = path.join(tmp, 'workspace');
  if (fs.existsSync(workspaceSrc)) fs.cpSync(workspaceSrc, workspace, { recursive: true });
  else fs.mkdirSync(workspace);
  const resultFile = path.join(tmp, 'result.json');

  if (vsixMode) {
    log(`installing ${opts.vsix}`);
    const out = installVsix(cache, tmp, opts.vsix);
    for (const l of out.trim().split('\n')) if (l.trim()) log(`  ${l}`);
  }

  // 4. Server, and the driver through which the suite uses the workbench by keyboard (its URL is in the server's environment)
  let page = null;
  let context = null;
  let server = null;
  const driver = await startDriver({
    getPage: () => page,
    getContext: () => context,
    getPort: () => server.port,
    extensionDir,
    workspace,
    tmp,
    log,
    workbenchUrl,
  });
  const serverLog = fs.createWriteStream(path.join(tmp, 'server.log'));
  server = await startServer({
    cache,
    tmp,
    env: {
      XXGK_TEST_RESULT_FILE: resultFile,
      XXGK_TEST_WORKSPACE: workspace,
      XXGK_TEST_MODE: vsixMode ? 'vsix' : 'dev',
      XXGK_DRIVER_URL: driver.url,
      ...(opts.grep ? { XXGK_TEST_GREP: opts.grep } : {}),
    },
    onLine: (stream, line) => {
      serverLog.write(`${stream}: ${line}\n`);
      if (opts.verbose) console.log(`[server] ${line}`);
      // the extension host's stdout/stderr arrive through the server's own output
      if (line.includes(RESULT_MARK)) handleSuiteLine(line);
    },
  });
  log(`VS Code ${JSON.parse(fs.readFileSync(path.join(vscodeDir(cache), 'package.json'), 'utf8')).version} server on ${server.base}`);

  // 5. Browser + workbench, at the usual office screen (the table editor is tested at this size)
  const launched = await launchBrowser(cache, { viewport: VIEWPORT });
  browser = launched.browser;
  context = launched.context;
  let suiteStarted = false;
  /** workbench errors before the suite began: shown when it never reports */
  const earlyErrors = [];
  await context.exposeFunction('codeAutomationLog', (type, args) => {
    const list = Array.isArray(args) ? args : [args];
    // console.log('%s: %d', …) from the extension host arrives unformatted
    const text = typeof list[0] === 'string' ? format(...list) : list.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    for (const line of text.split('\n')) {
      if (opts.verbose) {
        console.log(`[workbench:${type}] ${line}`);
        if (line.includes(RESULT_MARK)) handleSuiteLine(line);
        continue;
      }
      if (line.includes('XXGK_SUITE_BEGIN')) suiteStarted = true;
      if (!suiteStarted && type === 'error' && !NOISE.test(line)) earlyErrors.push(line);
      // the workbench's own chatter (offline gallery, service worker, sockets) is not the suite's
      if (suiteStarted && !NOISE.test(line)) handleSuiteLine(line);
      else if (line.includes(RESULT_MARK)) handleSuiteLine(line);
    }
  });
  await context.exposeFunction('codeAutomationExit', (code, logs) => {
    verdict = Number(code);
    if (Array.isArray(logs)) {
      const dir = path.join(tmp, 'workbench-logs');
      for (const l of logs) {
        try {
          const f = path.join(dir, l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        } catch {
          /* ignore */
        }
      }
    }
  });
  page = await context.newPage();
  page.on('console', (msg) => {
    if (opts.verbose) console.log(`[browser:${msg.type()}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => {
    if (opts.verbose) console.log(`[browser:pageerror] ${err.message}`);
  });
  page.on('crash', () => finish(1, 'FAIL: the workbench page crashed'));
  const url = workbenchUrl({
    port: server.port,
    folder: workspace,
    // The workbench only runs extensionTestsPath together with an extensionDevelopmentPath; for
    // the .vsix, that is an empty stub, so that the extension itself comes from the install.
    extensionDevelopmentPath: vsixMode ? makeStubExtension(tmp) : extensionDir,
    extensionTestsPath: suiteDir,
  });
  if (opts.verbose) log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  // 6. Wait for the verdict
  const deadline = Date.now() + timeoutMs;
  const startDeadline = Date.now() + startTimeoutMs;
  while (verdict === null && Date.now() < deadline) {
    if (server.exited()) return finish(1, `VS Code server exited: ${JSON.stringify(server.exited())}`);
    if (!suiteStarted && !opts.verbose && Date.now() > startDeadline) {
      for (const l of earlyErrors.slice(-40)) console.log(`[workbench:error] ${l}`);
      return finish(1, `FAIL: the suite did not start within ${startTimeoutMs / 1000} s; rerun with --verbose --keep`);
    }
    await sleep(200);
  }
  if (verdict === null) {
    for (const l of earlyErrors.slice(-40)) console.log(`[workbench:error] ${l}`);
    return finish(
      1,
      `FAIL: no verdict from VS Code within ${timeoutMs / 1000} s (suite hung, or the workbench never started the tests); rerun with --verbose --keep`,
    );
  }
  // the summary line may trail the verdict a little; the result file is written before run() returns
  for (let i = 0; i < 20 && !summary; i++) {
    summary = readResultFile(resultFile);
    if (!summary) await sleep(100);
  }
  if (!summary) {
    for (const l of earlyErrors.slice(-40)) console.log(`[workbench:error] ${l}`);
    return finish(1, `FAIL: VS Code's verdict was ${verdict} but the suite reported no counts (did run() start?)`);
  }
  if (verdict !== 0 || summary.failed > 0) {
    for (const f of summary.failures ?? []) log(`failed: ${f.title}\n    ${f.error}`);
    return finish(1, `FAIL: verdict ${verdict}, ${summary.failed} failed`);
  }
  if (summary.passed === 0) return finish(1, 'FAIL: the suite ran no test');
  return finish(0, `OK: verdict ${verdict}`);
}

main().catch((e) => finish(1, `FAIL: ${e && e.stack ? e.stack : e}`));
