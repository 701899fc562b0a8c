// @ts-check
// The suite's side of the test driver (scripts/vscode/driver.mjs): asks the runner, which holds
// the browser, to press keys in the workbench, to measure where the table editor's cells are
// on the screen, and to try a window reload in a second window. Only run-offline.mjs starts a
// driver (XXGK_DRIVER_URL); under run-electron.mjs the tests that need it are skipped, and say so.
'use strict';

const http = require('http');

const URL_ = process.env.XXGK_DRIVER_URL;

/** Whether this run has a driver. */
function available() {
  return !!URL_;
}

/**
 * One driver action; resolves with its JSON answer, rejects with the runner's error.
 * @param {string} action
 * @param {any} [payload]
 * @param {number} [timeout] a failure bound only
 * @returns {Promise<any>}
 */
function drive(action, payload = {}, timeout = 180_000) {
  if (!URL_) return Promise.reject(new Error('no test driver (run the suite with test/vscode/run-offline.mjs)'));
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${URL_}/${action}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          try {
            const json = JSON.parse(text);
            if (res.statusCode === 200) resolve(json);
            else reject(new Error(`driver ${action}: ${json.error ?? text}`));
          } catch (e) {
            reject(new Error(`driver ${action}: ${text || e}`));
          }
        });
      },
    );
    req.setTimeout(timeout, () => req.destroy(new Error(`driver ${action}: no answer within ${timeout} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** @param {string[]} keys Playwright key names, e.g. 'Tab', 'Control+Z' */
const press = (...keys) => drive('press', { keys });
/** @param {string} text */
const type = (text) => drive('type', { text });

module.exports = { available, drive, press, type };
