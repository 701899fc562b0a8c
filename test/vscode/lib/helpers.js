// @ts-check
// Helpers shared by the editor-level suites (they run inside the extension host).
'use strict';

const vscode = require('vscode');

const EXT_ID = 'xxgk-report.xxgk-report';
const SOURCE = '年报检查';
const DIAG_TIMEOUT = 20_000;

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls fn until it returns a truthy value; throws with `what` (and the last value) on timeout.
 * @template T
 * @param {() => T | PromiseLike<T>} fn
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
async function waitFor(fn, what, timeout = DIAG_TIMEOUT) {
  const deadline = Date.now() + timeout;
  /** @type {any} */
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    }
    await sleep(100);
  }
}

/**
 * Resolves when check() gives a truthy value: tried at once and again each time `event` fires
 * (no polling). The timeout only bounds a failure.
 * @template T
 * @param {vscode.Event<any>} event
 * @param {() => T | undefined | null | false | PromiseLike<T | undefined | null | false>} check
 * @param {string} what
 * @param {number} [timeout]
 * @returns {Promise<T>}
 */
function when(event, check, what, timeout = DIAG_TIMEOUT) {
  return new Promise((resolve, reject) => {
    let done = false;
    /** @type {any} */
    let last;
    const finish = (/** @type {() => void} */ f) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.dispose();
      f();
    };
    const attempt = async () => {
      try {
        last = await check();
        if (last) finish(() => resolve(last));
      } catch (e) {
        last = e;
      }
    };
    const sub = event(() => void attempt());
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`timed out after ${timeout} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`)),
        ),
      timeout,
    );
    void attempt();
  });
}

/** The rule code of a diagnostic: a string, or {value, target} with value = the code. */
function codeOf(/** @type {vscode.Diagnostic} */ d) {
  const c = d.code;
  if (c && typeof c === 'object') return String(c.value);
  return c === undefined ? '' : String(c);
}

/** Only this extension's diagnostics (the built-in Markdown extension may add its own). */
function ourDiagnostics(/** @type {vscode.Uri} */ uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** Short printable form of diagnostics, for assertion messages. */
function describeDiags(/** @type {readonly vscode.Diagnostic[]} */ diags) {
  const sev = ['Error', 'Warning', 'Information', 'Hint'];
  return diags
    .map(
      (d) =>
        `${codeOf(d)}(${sev[d.severity]}) ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
    )
    .join('\n');
}

/**
 * Waits until this extension's diagnostics for uri satisfy pred (default: at least one).
 * @param {vscode.Uri} uri
 * @param {(d: vscode.Diagnostic[]) => boolean} [pred]
 * @param {string} [what]
 */
async function waitForDiagnostics(uri, pred = (d) => d.length > 0, what = 'diagnostics', timeout = DIAG_TIMEOUT) {
  try {
    return await when(
      vscode.languages.onDidChangeDiagnostics,
      () => {
        const d = ourDiagnostics(uri);
        return pred(d) ? d : undefined;
      },
      `${what} on ${uri.path}`,
      timeout,
    );
  } catch (e) {
    throw new Error(`${/** @type {Error} */ (e).message}\nlast diagnostics:\n${describeDiags(ourDiagnostics(uri)) || '(none)'}`, {
      cause: e,
    });
  }
}

function workspaceRoot() {
  const f = vscode.workspace.workspaceFolders;
  if (!f || !f.length) throw new Error('no workspace folder is open (the runner must open test/vscode/workspace)');
  return f[0].uri;
}

function fixtureUri(/** @type {string} */ name) {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

async function readFixture(/** @type {string} */ name) {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(name)));
}

let copies = 0;
/**
 * Copies a fixture to a new file in the workspace, so that each test edits its own document.
 * @param {string} name
 */
async function freshCopy(name) {
  copies += 1;
  const target = vscode.Uri.joinPath(workspaceRoot(), `tmp-${process.pid}-${copies}-${name}`);
  await vscode.workspace.fs.copy(fixtureUri(name), target, { overwrite: true });
  return target;
}

/**
 * Opens a fixture (a fresh copy unless copy === false) in an editor.
 * @param {string} name
 * @param {{copy?: boolean}} [opts]
 */
async function openFixture(name, opts = {}) {
  const uri = opts.copy === false ? fixtureUri(name) : await freshCopy(name);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { uri, doc, editor };
}

/** 0-based line of the first line containing text. */
function lineOf(/** @type {vscode.TextDocument} */ doc, /** @type {string} */ text) {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(text)) return i;
  throw new Error(`no line containing ${JSON.stringify(text)} in ${doc.uri.path}`);
}

/** Range of the n-th pipe-table cell (0-based, not counting the leading pipe) on a line, trimmed. */
function cellRange(/** @type {vscode.TextDocument} */ doc, /** @type {number} */ line, /** @type {number} */ index) {
  const text = doc.lineAt(line).text;
  const pipes = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '|') pipes.push(i);
  if (index < 0) index = pipes.length - 1 + index;
  let start = pipes[index] + 1;
  let end = pipes[index + 1];
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return new vscode.Range(line, start, line, end);
}

function extension() {
  const ext = vscode.extensions.getExtension(EXT_ID);
  if (!ext) {
    const ids = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id);
    throw new Error(`extension ${EXT_ID} is not installed/loaded (non-builtin extensions: ${ids.join(', ') || 'none'})`);
  }
  return ext;
}

/** Resolves %key% titles through the extension's package.nls.json. */
async function nls(/** @type {string} */ value) {
  const m = /^%(.+)%$/.exec(value);
  if (!m) return value;
  const ext = extension();
  for (const f of ['package.nls.zh-cn.json', 'package.nls.json']) {
    try {
      const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, f))));
      if (json[m[1]]) return typeof json[m[1]] === 'string' ? json[m[1]] : json[m[1]].message;
    } catch {
      /* try the next one */
    }
  }
  return value;
}

/**
 * Waits until the language server has analysed the current version of the document: its
 * structure request answers for that text (deterministic, unlike waiting a while).
 * @param {vscode.Uri} uri
 */
async function structureOf(uri) {
  /** @type {any} */
  const s = await vscode.commands.executeCommand('xxgkReport.getStructure', uri);
  if (!s) throw new Error(`no structure for ${uri.path}`);
  return s;
}

/** Resolves with the document once pred(doc) holds, re-checked on each change of it. */
function whenDocument(
  /** @type {vscode.TextDocument} */ doc,
  /** @type {(d: vscode.TextDocument) => boolean} */ pred,
  /** @type {string} */ what,
  timeout = DIAG_TIMEOUT,
) {
  return when(vscode.workspace.onDidChangeTextDocument, () => (pred(doc) ? doc : undefined), what, timeout);
}

/** Closes every editor without a save prompt (dirty ones are reverted first). */
async function closeAllEditors() {
  for (let i = 0; i < 50 && vscode.window.activeTextEditor; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Reverts and closes the active editor (leaves no dirty document behind). */
async function revertAndClose() {
  if (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

module.exports = {
  EXT_ID,
  SOURCE,
  sleep,
  waitFor,
  when,
  whenDocument,
  structureOf,
  codeOf,
  ourDiagnostics,
  describeDiags,
  waitForDiagnostics,
  workspaceRoot,
  fixtureUri,
  readFixture,
  freshCopy,
  openFixture,
  lineOf,
  cellRange,
  extension,
  nls,
  closeAllEditors,
  revertAndClose,
};
