// @ts-check
// Entry point of the editor-level suite (extensionTestsPath points at this folder).
// Used by test/vscode/run-offline.mjs and test/vscode/run-electron.mjs.
'use strict';
const { runFolder } = require('../lib/mocha-runner');

exports.run = function run() {
  return runFolder(__dirname, { timeout: 60_000 });
};
