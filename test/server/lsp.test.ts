/** The language server over a real LSP connection: the bundled dist/server.js over stdio. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { messageText, startServer } from '../helpers/lsp';

const FIXTURES = join(__dirname, '..', 'fixtures');
const seed = (n: string) => readFileSync(join(FIXTURES, 'seeds', `seed-${n}.md`), 'utf8');

test('diagnostics, symbols, folding, code actions and an edit over stdio', async () => {
  const client = await startServer();
  try {
    const uri = pathToFileURL(join(FIXTURES, 'seeds', 'seed-001.md')).toString();
    const text = seed('001');
    client.open(uri, text);
    const first = await client.waitFor(uri, (p) => p.diagnostics.length > 0);
    const unit = first.diagnostics.find((d) => d.code === 'cell-unit')!;
    assert.deepEqual(unit.range.start, { line: 49, character: 9 });
    assert.equal(unit.source, '年报检查');
    assert.equal(unit.severity, 2);
    assert.match(String(unit.codeDescription?.href), /^file:.*\/rules\/cell-unit\.md$/);
    assert.deepEqual((unit.data as { key: string }).key.startsWith('cell-unit:'), true);

    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    assert.match(symbols[0].name, /2023年政府信息公开工作年度报告/);
    const names = symbols[0].children!.map((s) => s.name);
    assert.equal(names.length, 6);
    assert.equal(new Set(names).size, 6, 'no section listed twice');
    assert.ok(symbols[0].children![0].children!.some((c) => c.name.includes('主动公开')));

    const folds = await client.connection.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === 2));

    // A code action request whose context diagnostic has wrong (byte) columns, as Neovim 0.7 sends them:
    // the fix must still edit exactly the cell.
    const broken: Diagnostic = { ...unit, range: { start: { line: 49, character: 30 }, end: { line: 49, character: 40 } } };
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unit.range,
      context: { diagnostics: [broken] },
    });
    const fix = actions.find((a) => a.title.includes('“58”'))!;
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    const edits = fix.edit!.changes![uri];
    assert.deepEqual(edits, [{ range: { start: { line: 49, character: 9 }, end: { line: 49, character: 14 } }, newText: '58' }]);

    // source.fixAll: safe fixes only.
    const all = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.xxgkReport');
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const fixed = TextDocument.applyEdits(doc, all[0].edit!.changes![uri]);

    // Send the fixed text as an incremental change and see the diagnostics update.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, text: fixed }],
    });
    const second = await client.waitFor(uri, (p) => p.version === 2);
    assert.deepEqual(
      second.diagnostics.filter((d) => ['cell-unit', 'section-title', 'section-not-heading'].includes(String(d.code))),
      [],
    );

    // The custom request behind the "年报结构" view.
    const s = await client.connection.sendRequest<{
      sections: { number: number; present: boolean; problems: number }[];
      title: { year: number };
    }>('xxgkReport/structure', { uri });
    assert.equal(s.title.year, 2023);
    assert.deepEqual(
      s.sections.map((x) => x.present),
      [true, true, true, true, true, true],
    );
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('value fixes are never preferred; the structure marks a missing section and inserts it', async () => {
  const client = await startServer();
  try {
    const uri = 'untitled:seed-003.md';
    const text = seed('003');
    client.open(uri, text);
    const d = await client.waitFor(uri, (p) => p.diagnostics.length > 0);
    const missing = d.diagnostics.find((x) => x.code === 'section-missing')!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    const insert = actions.find((a) => a.title.includes('插入“四、'))!;
    assert.equal(insert.isPreferred, false);
    const s = await client.connection.sendRequest<{ sections: { number: number; present: boolean }[] }>('xxgkReport/structure', { uri });
    assert.deepEqual(
      s.sections.filter((x) => !x.present).map((x) => x.number),
      [4],
    );
    const r = await client.connection.sendRequest<{ edits: TextEdit[] }>('xxgkReport/insertSection', { uri, number: 4 });
    assert.equal(r.edits.length, 1);
    assert.match(r.edits[0].newText, /## 四、政府信息公开行政复议、行政诉讼情况/);
    const tpl = await client.connection.sendRequest<{ text: string }>('xxgkReport/template', { kind: 'table3' });
    assert.match(tpl.text, /（七）总计/);
  } finally {
    await client.stop();
  }
});

test('an ordinary Markdown file gets no diagnostics; English messages for an English client', async () => {
  const client = await startServer({ locale: 'en' });
  try {
    const readme = 'untitled:readme.md';
    client.open(readme, readFileSync(join(FIXTURES, 'other', 'readme.md'), 'utf8'));
    const p = await client.waitFor(readme);
    assert.deepEqual(p.diagnostics, []);
    const uri = 'untitled:s4.md';
    client.open(uri, seed('004'));
    const d = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    assert.match(messageText(d.diagnostics.find((x) => x.code === 'column-label')!.message), /differs from the template/);
  } finally {
    await client.stop();
  }
});

test('rule severities from the settings and from the workspace file', async () => {
  const client = await startServer({ configuration: { rules: { 'column-label': 'off', 'row-label': 'error' } } });
  try {
    const uri = 'untitled:s0.md';
    client.open(uri, seed('000'));
    const d = await client.waitFor(uri, (x) => x.diagnostics.some((y) => y.code === 'row-label'));
    assert.ok(d.diagnostics.filter((x) => x.code === 'row-label').every((x) => x.severity === 1));
    const u4 = 'untitled:s4.md';
    client.open(u4, seed('004'));
    const d4 = await client.waitFor(u4);
    assert.deepEqual(
      d4.diagnostics.filter((x) => x.code === 'column-label'),
      [],
    );
  } finally {
    await client.stop();
  }
  const root = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
  writeFileSync(join(root, '.xxgk-report.json'), JSON.stringify({ rules: { 'column-label': 'hint' } }));
  writeFileSync(join(root, 'r.md'), seed('004'));
  const ws = await startServer({ rootUri: pathToFileURL(root).toString() });
  try {
    const uri = pathToFileURL(join(root, 'r.md')).toString();
    ws.open(uri, seed('004'));
    const d = await ws.waitFor(uri, (x) => x.diagnostics.some((y) => y.code === 'column-label'));
    assert.equal(d.diagnostics.find((x) => x.code === 'column-label')!.severity, 4);
  } finally {
    await ws.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test("cross-year: the workspace index gives last year's report; editing it re-checks this year's", async () => {
  const root = mkdtempSync(join(tmpdir(), 'xxgk-years-'));
  const dir = join(FIXTURES, 'rules', 'cross-year');
  const y22 = readFileSync(join(dir, '云溪县自然资源局-2022.md'), 'utf8');
  const y23 = readFileSync(join(dir, '云溪县自然资源局-2023.md'), 'utf8');
  writeFileSync(join(root, '2022.md'), y22);
  writeFileSync(join(root, '2023.md'), y23);
  const client = await startServer({ rootUri: pathToFileURL(root).toString() });
  try {
    const u23 = pathToFileURL(join(root, '2023.md')).toString();
    client.open(u23, y23);
    const first = await client.waitFor(u23, (p) => p.diagnostics.some((d) => d.code === 'carry-over'));
    const carry = first.diagnostics.filter((d) => d.code === 'carry-over');
    assert.equal(carry.length, 2);
    assert.ok(carry[0].relatedInformation?.some((r) => r.location.uri.endsWith('2022.md')));
    // Open last year's report and make its 结转下年度 agree: this year's report is checked again.
    const u22 = pathToFileURL(join(root, '2022.md')).toString();
    client.open(u22, y22);
    const fixed = y22.replace(
      '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |',
      '| 四、结转下年度继续办理 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
    );
    assert.notEqual(fixed, y22);
    const doc = TextDocument.create(u22, 'markdown', 1, y22);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: u22, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(y22.length) }, text: fixed }],
    });
    const after = await client.waitFor(u23, (p) => !p.diagnostics.some((d) => d.code === 'carry-over'));
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'carry-over'),
      [],
    );
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});
