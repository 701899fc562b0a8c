// Shared machinery for running a real VS Code (1.100.3, the build inside the npm package
// code-server@4.100.3) on a machine that reaches only the npm registry and Debian's mirror:
// VS Code's server-main.js on loopback + the web workbench in headless Debian Chromium,
// driven by playwright-core. Used by test/vscode/run-offline.mjs and scripts/vscode/screenshot.mjs.
// See the shared spec "offline-vscode.md".

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SETUP_SCRIPT = path.join(REPO_ROOT, 'scripts/vscode/setup-offline.sh');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export function log(...args) {
  console.log('[vscode-offline]', ...args);
}

/** Runs scripts/vscode/setup-offline.sh (idempotent) and returns the cache folder. */
export function ensureSetup({ screenshot = false, timeoutMs = 30 * 60_000 } = {}) {
  const env = { ...process.env, CI: process.env.CI ?? 'true' };
  if (screenshot) env.XXGK_SETUP_SCREENSHOT = '1';
  const r = spawnSync('bash', [SETUP_SCRIPT], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (r.error) throw new Error(`setup-offline.sh failed: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`setup-offline.sh exited with ${r.status}`);
  const lines = r.stdout.trim().split('\n');
  const cache = lines[lines.length - 1];
  if (!cache || !fs.existsSync(cache)) throw new Error(`setup-offline.sh printed no cache folder (${r.stdout})`);
  return cache;
}

export function vscodeDir(cache) {
  return path.join(cache, 'node_modules/code-server/lib/vscode');
}

export function loadPlaywright(cache) {
  const req = createRequire(path.join(cache, 'package.json'));
  return req('playwright-core');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function makeTempRoot(prefix = 'xxgk-vscode-') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const d of ['server-data', 'user-data', 'extensions', 'logs']) fs.mkdirSync(path.join(root, d));
  return root;
}

// ---------------------------------------------------------------------------------------------
// Child processes: everything we start is tracked by pid; on exit we kill each one and its
// descendants (found through /proc), by pid, never by name.

const tracked = new Set();

function childrenOf(pid) {
  const out = [];
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may contain spaces/parens, so split after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(e));
    } catch {
      /* gone */
    }
  }
  return out;
}

export function descendants(pid) {
  const all = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of childrenOf(p)) {
      all.push(c);
      stack.push(c);
    }
  }
  return all;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function track(child) {
  if (child && child.pid) tracked.add(child.pid);
  return child;
}

/** Kills every tracked process and its descendants: SIGTERM, then SIGKILL after graceMs. */
export async function killAll(graceMs = 3000) {
  const pids = new Set();
  for (const pid of tracked) {
    for (const d of descendants(pid)) pids.add(d);
    pids.add(pid);
  }
  tracked.clear();
  const live = [...pids].filter(alive);
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && live.some(alive)) await sleep(100);
  for (const pid of live) {
    if (alive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

/** Synchronous last resort for process 'exit'. */
export function killAllSync() {
  for (const pid of tracked) {
    for (const p of [...descendants(pid), pid]) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  tracked.clear();
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// VS Code server

function serverArgs(cache, tmp, extra = []) {
  return [
    path.join(vscodeDir(cache), 'out/server-main.js'),
    '--accept-server-license-terms',
    '--telemetry-level',
    'off',
    '--server-data-dir',
    path.join(tmp, 'server-data'),
    '--user-data-dir',
    path.join(tmp, 'user-data'),
    '--extensions-dir',
    path.join(tmp, 'extensions'),
    ...extra,
  ];
}

function lineSplitter(onLine) {
  let buf = '';
  return (chunk) => {
    buf += chunk.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i).replace(/\r$/, ''));
      buf = buf.slice(i + 1);
    }
  };
}

/**
 * Installs a .vsix into the temp extensions dir with server-main's CLI
 * (`--install-extension <file>`). Returns the CLI output.
 */
export function installVsix(cache, tmp, vsix, { timeoutMs = 120_000 } = {}) {
  const r = spawnSync(process.execPath, serverArgs(cache, tmp, ['--install-extension', path.resolve(vsix), '--force']), {
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    env: { ...process.env, VSCODE_AGENT_FOLDER: path.join(tmp, 'server-data') },
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error || r.status !== 0) {
    throw new Error(`--install-extension ${vsix} failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${out}`);
  }
  return out;
}

function httpGetStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Starts VS Code's server on a free loopback port. Resolves when it answers HTTP.
 * onLine(stream, line) receives the server's output lines.
 */
export async function startServer({ cache, tmp, env = {}, onLine = () => {}, readyTimeoutMs = 60_000, extraArgs = [] }) {
  const port = await freePort();
  const args = serverArgs(cache, tmp, [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--disable-workspace-trust',
    '--logsPath',
    path.join(tmp, 'logs'),
    ...extraArgs,
  ]);
  const child = track(
    spawn(process.execPath, args, {
      cwd: tmp,
      env: { ...process.env, VSCODE_AGENT_FOLDER: path.join(tmp, 'server-data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  child.stdout.on(
    'data',
    lineSplitter((l) => onLine('stdout', l)),
  );
  child.stderr.on(
    'data',
    lineSplitter((l) => onLine('stderr', l)),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`VS Code server exited early (${JSON.stringify(exited)})`);
    const status = await httpGetStatus(`${base}/version`);
    if (status >= 200 && status < 500) return { port, base, child, exited: () => exited };
    await sleep(250);
  }
  throw new Error(`VS Code server did not answer on ${base} within ${readyTimeoutMs} ms`);
}

/** The workbench URL that opens `folder` and hands the payload to the workbench. */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const q = new URLSearchParams();
  if (folder) q.set('folder', path.resolve(folder));
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${q.toString()}`;
}

/** Launches headless Debian Chromium. Returns { browser, context }. */
export async function launchBrowser(cache, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const { chromium } = loadPlaywright(cache);
  const browser = await chromium.launch({
    executablePath: process.env.XXGK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  // Playwright's browser process is a child of ours: track it so that it is killed too.
  const proc = browser.process && browser.process();
  if (proc) track(proc);
  const context = await browser.newContext({ viewport, deviceScaleFactor, locale: 'zh-CN' });
  return { browser, context };
}

/** Installs exit/signal handlers that kill every child once. */
export function installExitHandlers(cleanup) {
  let done = false;
  const onSignal = (sig) => {
    if (done) return;
    done = true;
    log(`received ${sig}, stopping`);
    Promise.race([cleanup(), sleep(8000)]).finally(() => {
      killAllSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('exit', () => killAllSync());
}
