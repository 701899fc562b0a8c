/** Hover, code lens, formatting and xxgkReport/nextYear over stdio against the bundled server (dist/server.js). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeLens, Hover, InitializeResult, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { displayWidth } from '../../server/src/core/format';
import { initializeParams, spawnServer } from '../helpers/lsp';
import { balancedReport, table3Cell } from './util';

const URI = 'file:///work/editing/report.md';

async function start(opts: { locale?: string; configuration?: object } = {}) {
  const client = spawnServer(opts);
  const init = await client.connection.sendRequest<InitializeResult>('initialize', initializeParams(opts));
  await client.connection.sendNotification('initialized', {});
  return { client, init };
}

test('capabilities, hover and code lens over stdio', async () => {
  const { client, init } = await start();
  try {
    assert.equal(init.capabilities.hoverProvider, true);
    assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    const text = balancedReport({ 'forward.natural': '1' });
    client.open(URI, text);
    await client.waitForVersion(URI, 1);
    const doc = TextDocument.create(URI, 'markdown', 1, text);
    const at = doc.positionAt(table3Cell(text, '3.危及“三安全一稳定”', 0));
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at });
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(value.startsWith('**表三 · 三、本年度办理结果 › （三）不予公开 › 3.危及“三安全一稳定” · 自然人**'), value);
    assert.ok(value.includes('第三项+第四项 = 79+1 = 80 ✗（相差1）'), value);
    assert.equal(doc.getText(hover.range), '79');
    const none = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 2, character: 3 },
    });
    assert.equal(none, null);
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses.length, 2);
    assert.equal(lenses[0].command?.command, 'xxgkReport.openTableEditor');
    assert.deepEqual(lenses[0].command?.arguments, [URI, 'table3']);
    assert.ok(lenses[0].command.title.startsWith('表三 ✗ 勾稽关系：“自然人”列相差1'), lenses[0].command.title);
    assert.ok(
      doc.getText({ start: lenses[0].range.start, end: { line: lenses[0].range.start.line + 1, character: 0 } }).startsWith('| 申请人情况'),
    );
    assert.deepEqual(lenses[1].command?.arguments, [URI, 'table4']);
  } finally {
    await client.stop();
  }
});

test('document and range formatting over stdio: tables aligned, idempotent, settings for ambiguous and maximum width', async () => {
  // maxWidth 300: room for table 三 fully aligned (about 245 columns; at the default 120 only its figures line up).
  const { client } = await start({ configuration: { format: { ambiguousWidth: 2, maxWidth: 300 } } });
  try {
    const text = balancedReport();
    client.open(URI, text);
    await client.waitForVersion(URI, 1);
    const opts = { tabSize: 2, insertSpaces: true };
    const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: URI }, options: opts });
    assert.ok(edits.length > 20, `${edits.length} edits`);
    const doc = TextDocument.create(URI, 'markdown', 1, text);
    const formatted = TextDocument.applyEdits(doc, edits);
    // Ambiguous width 2: the row with “三安全一稳定” lines up counting each quote as 2 columns.
    const header = formatted.split('\n').find((l) => l.startsWith('| 申请人情况'))!;
    const quoted = formatted.split('\n').find((l) => l.includes('3.危及“三安全一稳定”'))!;
    assert.equal(displayWidth(header, true), displayWidth(quoted, true));
    assert.equal(displayWidth(header) - displayWidth(quoted), 2, 'two quotes take one extra column each');
    assert.ok(displayWidth(header, true) > 200, 'the maxWidth setting reached the server');
    // Outside the tables nothing changed.
    assert.deepEqual(
      formatted.split('\n').filter((l) => !l.startsWith('|')),
      text.split('\n').filter((l) => !l.startsWith('|')),
    );
    client.change(URI, 2, [{ text: formatted }]);
    await client.waitForVersion(URI, 2);
    const again = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: URI }, options: opts });
    assert.deepEqual(again, []);
    // Range formatting of one table of a fresh copy touches that table only.
    client.change(URI, 3, [{ text }]);
    await client.waitForVersion(URI, 3);
    const line = text.split('\n').findIndex((l) => l.startsWith('| 行政复议'));
    const ranged = await client.connection.sendRequest<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri: URI },
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      options: opts,
    });
    assert.ok(
      ranged.length > 0 && ranged.every((e) => e.range.start.line >= line && e.range.end.line <= line + 4),
      JSON.stringify(ranged.map((e) => e.range.start.line)),
    );
  } finally {
    await client.stop();
  }
});

test('xxgkReport/nextYear from an open report and from text; template request gives blank tables', async () => {
  const { client } = await start();
  try {
    const text = balancedReport({}, 2023);
    client.open(URI, text);
    await client.waitForVersion(URI, 1);
    const r = await client.connection.sendRequest<{ ok: boolean; text: string; year: number; carried: Record<string, string> }>(
      'xxgkReport/nextYear',
      { uri: URI },
    );
    assert.equal(r.ok, true);
    assert.equal(r.year, 2024);
    assert.equal(r.carried.natural, '2');
    assert.ok(r.text.startsWith('# 某县市场监督管理局2024年'));
    const skeleton = await client.connection.sendRequest<{ ok: boolean; text: string }>('xxgkReport/nextYear', { text, skeleton: true });
    assert.ok(skeleton.ok && skeleton.text.includes('（文字描述）'));
    const bad = await client.connection.sendRequest<{ ok: boolean; message: { zh: string } }>('xxgkReport/nextYear', { text: 'no title' });
    assert.equal(bad.ok, false);
    const t = await client.connection.sendRequest<{ text: string }>('xxgkReport/template', { kind: 'table3' });
    assert.ok(!/\| 0 \|/.test(t.text) && t.text.includes('| 一、本年新收政府信息公开申请数量 |  |  |  |'));
  } finally {
    await client.stop();
  }
});

test('hover compares with last year’s report open in the same editor', async () => {
  const { client } = await start();
  try {
    const lastUri = 'file:///work/editing/2022.md';
    const last = balancedReport({ 'forward.natural': '2' }, 2022);
    const text = balancedReport({ 'carried.natural': '3', 'new.natural': '78' }, 2023);
    client.open(lastUri, last);
    await client.waitForVersion(lastUri, 1);
    client.open(URI, text);
    await client.waitFor(URI, (p) => p.diagnostics.some((d) => d.code === 'carry-over'));
    const doc = TextDocument.create(URI, 'markdown', 1, text);
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: URI },
      position: doc.positionAt(table3Cell(text, '二、上年结转政府信息公开申请数量', 0)),
    });
    const value = (hover.contents as MarkupContent).value;
    assert.ok(value.includes('与上年报告衔接：上年结转 = 3；上年报告的结转下年度继续办理 = 2 ✗（相差1）'), value);
  } finally {
    await client.stop();
  }
});

test('a Markdown file that is not a report: no hover, no lens, formatting leaves it alone', async () => {
  const { client } = await start();
  try {
    const uri = 'file:///work/editing/notes.md';
    const text = '# 笔记\n\n| 名称 | 数量 |\n|-|-|\n| 甲 | 1 |\n';
    client.open(uri, text);
    await client.waitForVersion(uri, 1);
    const td = { textDocument: { uri } };
    assert.equal(await client.connection.sendRequest('textDocument/hover', { ...td, position: { line: 4, character: 3 } }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', td), []);
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } }),
      [],
    );
    // An unknown document: empty answers, no error.
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: 'file:///nope.md' } }), []);
    assert.equal(
      await client.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///nope.md' },
        position: { line: 0, character: 0 },
      }),
      null,
    );
  } finally {
    await client.stop();
  }
});
