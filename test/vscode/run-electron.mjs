#!/usr/bin/env node
// @ts-check
// The same editor-level suite through @vscode/test-electron, for a contributor's machine where
// VS Code can be downloaded (or is installed: set VSCODE_EXECUTABLE). On Linux without a
// display run it under xvfb-run. On a machine without internet the download fails: this script
// then says so and exits 1; use test/vscode/run-offline.mjs (npm run test:vscode-offline) there.
//
//   node test/vscode/run-electron.mjs [--smoke] [--grep <regex>]
//
// Env: VSCODE_EXECUTABLE (a local VS Code binary), XXGK_VSCODE_VERSION (default "stable").

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values: opts } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    grep: { type: 'string' },
  },
});

/** @param {{passed: number, failed: number, pending?: number} | null} s */
function closingLine(s) {
  const r = s ?? { passed: 0, failed: 1 };
  console.log(`${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
}

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'dist/client.js'))) {
    console.error('run-electron: dist/client.js is missing: run `npm run build` first');
    closingLine(null);
    return 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xxgk-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test/vscode/workspace'), workspace, { recursive: true });
  const resultFile = path.join(tmp, 'result.json');
  /** @type {Record<string, string>} */
  const extensionTestsEnv = { XXGK_TEST_RESULT_FILE: resultFile, XXGK_TEST_MODE: 'dev' };
  if (opts.grep) extensionTestsEnv.XXGK_TEST_GREP = opts.grep;

  let exitCode;
  try {
    exitCode = await runTests({
      version: process.env.XXGK_VSCODE_VERSION || 'stable',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, opts.smoke ? 'test/vscode/smoke' : 'test/vscode/suite'),
      extensionTestsEnv,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; the built-in Markdown extension stays
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'user-data')}`,
        `--extensions-dir=${path.join(tmp, 'extensions')}`,
      ],
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|update\.code\.visualstudio\.com|Failed to get/i.test(msg)) {
      console.error(`run-electron: cannot get VS Code (${msg.split('\n')[0]}).`);
      console.error('run-electron: @vscode/test-electron downloads VS Code from Microsoft; without internet use');
      console.error('run-electron:   npm run test:vscode-offline   (test/vscode/run-offline.mjs, VS Code from the npm registry)');
      console.error('run-electron: or point VSCODE_EXECUTABLE at an installed VS Code.');
    } else {
      console.error(`run-electron: the test run failed: ${msg}`);
    }
    exitCode = 1;
  }
  /** @type {{passed: number, failed: number, pending?: number} | null} */
  let summary = null;
  try {
    summary = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  } catch {
    /* the suite never reported */
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!summary) exitCode = exitCode || 1;
  else if (summary.failed > 0 || summary.passed === 0) exitCode = exitCode || 1;
  closingLine(summary ?? null);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    closingLine(null);
    process.exit(1);
  },
);
