// @ts-check
// Runs every *.test.js of a folder with mocha inside the VS Code extension host.
// Works under @vscode/test-electron and under test/vscode/run-offline.mjs (the web workbench
// with a remote Node extension host): both call the suite's exported run().
//
// At the end it logs one machine-readable line
//   XXGK_VSCODE_RESULT {"passed":N,"failed":N,"pending":N,"failures":[...]}
// and, when XXGK_TEST_RESULT_FILE is set, writes the same JSON to that file.
'use strict';

const fs = require('fs');
const path = require('path');

const RESULT_MARK = 'XXGK_VSCODE_RESULT ';

/**
 * @param {string} dir folder holding the *.test.js files
 * @param {{ timeout?: number }} [options]
 * @returns {Promise<void>} rejects when a test failed (VS Code then exits with code 1)
 */
function runFolder(dir, options = {}) {
  // mocha 12 is an ES module package; its CommonJS entry loads fine with require() on Node 20.19+
  /** @type {any} */
  const mochaModule = require('mocha');
  /** @type {typeof import('mocha')} */
  const Mocha = mochaModule.default || mochaModule;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: options.timeout ?? 60_000,
    slow: 5_000,
    grep: process.env.XXGK_TEST_GREP || undefined,
  });
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));
  console.log(`XXGK_SUITE_BEGIN ${path.basename(dir)}: ${files.length} files`);

  return new Promise((resolve, reject) => {
    /** @type {{title: string, error: string}[]} */
    const failures = [];
    let runner;
    try {
      runner = mocha.run((failed) => {
        const stats = runner.stats || { passes: 0, failures: failed, pending: 0 };
        const result = {
          passed: stats.passes,
          failed: Math.max(stats.failures, failed),
          pending: stats.pending,
          failures,
        };
        const line = RESULT_MARK + JSON.stringify(result);
        if (process.env.XXGK_TEST_RESULT_FILE) {
          try {
            fs.writeFileSync(process.env.XXGK_TEST_RESULT_FILE, JSON.stringify(result));
          } catch (e) {
            console.error(`cannot write ${process.env.XXGK_TEST_RESULT_FILE}: ${e}`);
          }
        }
        console.log(line);
        if (result.failed > 0) reject(new Error(`${result.failed} test(s) failed`));
        else if (result.passed === 0) reject(new Error('no test ran'));
        else resolve();
      });
      runner.on('fail', (test, err) => {
        failures.push({
          title: test.fullTitle(),
          error: String((err && (err.stack || err.message)) || err)
            .split('\n')
            .slice(0, 6)
            .join('\n'),
        });
      });
    } catch (e) {
      const result = {
        passed: 0,
        failed: 1,
        pending: 0,
        failures: [{ title: 'loading the suite', error: String(e && e.stack ? e.stack : e) }],
      };
      if (process.env.XXGK_TEST_RESULT_FILE) fs.writeFileSync(process.env.XXGK_TEST_RESULT_FILE, JSON.stringify(result));
      console.error(e);
      console.log(RESULT_MARK + JSON.stringify(result));
      reject(e);
    }
  });
}

module.exports = { runFolder, RESULT_MARK };
