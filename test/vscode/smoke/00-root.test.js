// @ts-check
// Root hook: without the extension every test would only time out, so stop at once.
'use strict';
const h = require('../lib/helpers');

before(function () {
  h.extension(); // throws with the list of loaded extensions
});
