/**
 * The bundled language server (dist/server.js, built by `npm test` before the tests) under
 * awkward clients: edits for documents that are not open, versions out of order, a 10 MB
 * document, cancelled and malformed requests, shutdown and exit. It must never die, and the
 * last diagnostics it publishes must always be those of the text it holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { analyze } from '../server/src/core/index';
import { messageText, LspClient, ROOT, spawnServer, startServer } from './helpers/lsp';

const seed = (n: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', `seed-${n}.md`), 'utf8');
const uriOf = (name: string) => pathToFileURL(join(ROOT, 'test', 'fixtures', 'robustness', name)).toString();

/** The server still answers a request, and never logged an uncaught exception. */
async function assertAlive(client: LspClient): Promise<void> {
  assert.ok(client.alive, `server died: ${JSON.stringify(client.exit)}\n${client.stderr}`);
  const r = await client.connection.sendRequest<{ text: string } | null>('xxgkReport/template', { kind: 'table4' });
  assert.match(r!.text, /行政复议/);
  assert.deepEqual(
    client.logs.filter((l) => /未捕获的异常|未处理的拒绝|uncaught/i.test(l)),
    [],
  );
}

/** Codes and ranges of what a fresh analysis of `text` finds (what the server must publish). */
function expected(text: string): string[] {
  const a = analyze(text, { locale: 'zh' });
  return a.findings.map((f) => `${f.code} ${JSON.stringify(a.model.lines.positionAt(f.span.start))}`);
}

function got(p: { diagnostics: { code?: string | number; range: { start: object } }[] }): string[] {
  return p.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range.start)}`);
}

test('edits and closes for documents that are not open are ignored; the server lives on', async () => {
  const client = await startServer();
  try {
    const ghost = uriOf('ghost.md');
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: ghost, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x' }],
    });
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: ghost, version: 3 },
      contentChanges: [{ text: seed('001') }],
    });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: ghost } });
    // Requests about a document that is not open.
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: ghost } }), []);
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: ghost },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [] },
      }),
      [],
    );
    assert.equal(await client.connection.sendRequest('xxgkReport/structure', { uri: ghost }), null);
    assert.deepEqual(await client.connection.sendRequest('xxgkReport/fixAll', { uri: ghost }), { version: null, edits: [] });

    // Open, close, then edit the closed document: the close clears its diagnostics, the edit is ignored.
    const uri = uriOf('closed.md');
    client.open(uri, seed('001'), 1);
    const first = await client.waitForVersion(uri, 1);
    assert.ok(first.diagnostics.length > 0);
    client.close(uri);
    await client.waitFor(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    const before = client.published.length;
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: seed('002') }],
    });
    await client.settled();
    assert.equal(client.published.slice(before).filter((p) => p.uri === uri).length, 0, 'no diagnostics for a closed document');
    await assertAlive(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('versions out of order, re-opens and out-of-range edits: the last diagnostics match the text the server holds', async () => {
  const client = await startServer();
  try {
    const uri = uriOf('order.md');
    const text = seed('004');
    client.open(uri, text, 10);
    await client.waitForVersion(uri, 10);
    // A lower version after a higher one, a repeated version, then a full replacement.
    client.edit(uri, 12, 0, 0, '<!-- a -->\n');
    client.edit(uri, 11, 0, 0, '<!-- b -->\n');
    client.edit(uri, 11, 5, 6, 'c');
    const last1 = await client.waitForVersion(uri, 11);
    await client.settled();
    assert.equal(client.last(uri)!.version, 11);
    assert.deepEqual(got(client.last(uri)!), expected(client.doc(uri)!.getText()));
    assert.deepEqual(got(last1), expected(client.doc(uri)!.getText()));

    // A change whose range lies past the end of the document (clamped), and an empty change list.
    client.change(uri, 13, [
      { range: { start: { line: 9999, character: 5 }, end: { line: 10000, character: 0 } }, text: '\n## 六、其他需要报告的事项\n' },
    ]);
    await client.waitForVersion(uri, 13);
    // An empty change list changes nothing, not even the version.
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 14 }, contentChanges: [] });
    await client.settled();
    assert.equal(client.last(uri)!.version, 13);
    assert.deepEqual(got(client.last(uri)!), expected(client.doc(uri)!.getText()));

    // Re-open without a close: the new text wins.
    client.open(uri, seed('003'), 1);
    await client.waitFor(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'table-outdated'));
    assert.deepEqual(got(client.last(uri)!), expected(seed('003')));

    // Many documents edited in an interleaved burst: each ends with its own last version.
    const uris = ['a.md', 'b.md', 'c.md'].map(uriOf);
    uris.forEach((u, i) => client.open(u, seed(`00${i}`), 1));
    for (let v = 2; v <= 40; v++) for (const u of uris) client.edit(u, v, 0, 0, v % 2 ? 'x' : '');
    for (const u of uris) {
      await client.waitForVersion(u, 40);
    }
    await client.settled();
    for (const u of uris) {
      assert.equal(client.last(u)!.version, 40);
      assert.deepEqual(got(client.last(u)!), expected(client.doc(u)!.getText()));
    }
    await assertAlive(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

/** A report with an error (table 三 does not balance), padded with prose to `chars` characters. */
function bigReport(chars: number): string {
  const base = seed('001');
  const filler = '本段为填充内容，用于测试很大的文档。'.repeat(20);
  const parts = [base, '\n\n## 六、其他需要报告的事项\n\n'];
  let n = base.length;
  while (n < chars) {
    parts.push(filler, '\n\n');
    n += filler.length + 2;
  }
  return parts.join('');
}

test('a 10 MB document gets exactly one information diagnostic, document-too-large, and no analysis', async () => {
  const client = await startServer();
  try {
    const uri = uriOf('huge.md');
    const text = bigReport(10 * 1024 * 1024);
    assert.ok(text.length > 8 * 1024 * 1024);
    client.open(uri, text, 1);
    const p = await client.waitForVersion(uri, 1, 60000);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p.diagnostics.slice(0, 3)));
    const [d] = p.diagnostics;
    assert.equal(d.code, 'document-too-large');
    assert.equal(d.severity, 3);
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(messageText(d.message), /MB/);
    // No analysis behind the other features either.
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }), []);
    assert.equal(await client.connection.sendRequest('xxgkReport/structure', { uri }), null);
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      }),
      [],
    );
    // An edit that keeps it too large: still the one diagnostic; quick, since nothing is analysed.
    client.edit(uri, 2, 0, 0, 'x');
    const p2 = await client.waitForVersion(uri, 2, 60000);
    assert.deepEqual(
      p2.diagnostics.map((x) => x.code),
      ['document-too-large'],
    );
    // Cut it down below the limit: analysed again.
    const small = seed('001');
    client.change(uri, 3, [{ text: small }]);
    const p3 = await client.waitForVersion(uri, 3, 60000);
    assert.deepEqual(got(p3), expected(small));
    await assertAlive(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('maxDocumentSize from initializationOptions.settings applies (no configuration capability)', async () => {
  const client = await startServer({ configurationCapability: false, initializationOptions: { settings: { maxDocumentSize: 1000 } } });
  try {
    const uri = uriOf('limit.md');
    client.open(uri, seed('001'), 1);
    const p = await client.waitForVersion(uri, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => d.code),
      ['document-too-large'],
    );
    client.change(uri, 2, [{ text: '# 安乐镇人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n' }]);
    const p2 = await client.waitForVersion(uri, 2);
    assert.ok(!p2.diagnostics.some((d) => d.code === 'document-too-large'));
    await assertAlive(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('cancelled, unknown and malformed requests: answered or refused, never fatal', async () => {
  const client = await startServer();
  try {
    const uri = uriOf('cancel.md');
    const text = bigReport(600 * 1024);
    client.open(uri, text, 1);
    // Requests in flight while the document is analysed, cancelled at once.
    const outcomes = await Promise.allSettled(
      ['textDocument/documentSymbol', 'textDocument/foldingRange', 'xxgkReport/structure', 'xxgkReport/fixAll'].map((method) => {
        const source = new CancellationTokenSource();
        const params = method.startsWith('xxgk') ? { uri } : { textDocument: { uri } };
        const r = client.connection.sendRequest(method, params, source.token);
        source.cancel();
        return r;
      }),
    );
    for (const o of outcomes) {
      if (o.status === 'rejected') assert.match(String((o.reason as Error).message ?? o.reason), /cancel/i);
    }
    // A cancellation for a request that does not exist, and for one already answered.
    void client.connection.sendNotification('$/cancelRequest', { id: 987654 });
    void client.connection.sendNotification('$/cancelRequest', { id: 'no-such-id' });
    // Unknown methods and malformed parameters.
    await assert.rejects(client.connection.sendRequest('xxgkReport/noSuchThing', {}), /Unhandled method|not found|-32601/i);
    void client.connection.sendNotification('xxgkReport/noSuchNotification', {});
    assert.equal(await client.connection.sendRequest('xxgkReport/template', { kind: 'section:9' }), null);
    assert.equal(await client.connection.sendRequest('xxgkReport/structure', {}), null);
    await client.connection.sendRequest('xxgkReport/insertSection', { uri, number: 99 }).catch(() => undefined);
    await client.connection
      .sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: -1, character: -1 }, end: { line: 1e9, character: 0 } },
        context: { diagnostics: [{ data: 5 }] },
      })
      .catch(() => undefined);
    await client.connection.sendRequest('textDocument/documentSymbol', null).catch(() => undefined);
    // Notifications a broken client might send: a didOpen without text, a change without a version or changes.
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf('bad.md') } });
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: null });
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: [{ text: 'x' }] });
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'file:///nowhere/.xxgk-report.json', type: 1 },
        { uri: 'untitled:x', type: 3 },
      ],
    });
    await client.waitFor(uriOf('bad.md'), (p) => p.diagnostics.length === 0);
    // The document is still analysed and its symbols answered.
    await client.waitFor(uri, (p) => p.diagnostics.length > 0, 60000);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length >= 1);
    await assertAlive(client);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('shutdown then exit: the process exits with code 0; exit without shutdown: code 1; a closed pipe ends it', async () => {
  const a = await startServer();
  a.open(uriOf('s.md'), seed('000'), 1);
  await a.waitForVersion(uriOf('s.md'), 1);
  assert.equal(await a.connection.sendRequest('shutdown'), null);
  await a.connection.sendNotification('exit');
  assert.deepEqual(await a.exited, { code: 0, signal: null });

  const b = await startServer();
  await b.connection.sendNotification('exit');
  assert.equal((await b.exited).code, 1);
  b.kill();

  // The client goes away without a word: the server must not linger.
  const c = spawnServer();
  await c.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  c.child.stdin!.end();
  const timer = setTimeout(() => c.child.kill('SIGKILL'), 60_000);
  const exit = await c.exited;
  clearTimeout(timer);
  assert.notEqual(exit.signal, 'SIGKILL', 'the server did not exit when its input closed');
  c.kill();
});

test('a FIFO named *.md in the workspace does not block the server', async (t) => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const root = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
  try {
    writeFileSync(join(root, 'a.md'), seed('001'));
    try {
      execFileSync('mkfifo', [join(root, 'pipe.md')]);
    } catch (e) {
      t.skip(`mkfifo is not available: ${(e as Error).message}`);
      return;
    }
    const client = await startServer({ rootUri: pathToFileURL(root).toString() });
    try {
      const uri = pathToFileURL(join(root, 'a.md')).toString();
      client.open(uri, seed('001'), 1);
      await client.waitForVersion(uri, 1, 3000);
    } finally {
      client.kill();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
