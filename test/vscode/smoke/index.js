// @ts-check
// Smoke suite for the packaged extension (run-offline.mjs --vsix <file>): checks that the
// INSTALLED .vsix, not the development folder, activates and works.
'use strict';
const { runFolder } = require('../lib/mocha-runner');

exports.run = function run() {
  return runFolder(__dirname, { timeout: 60_000 });
};
