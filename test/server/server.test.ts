/**
 * The server in-process (createServer over in-memory streams, sources under tsx): settings
 * validation, config errors, cross-year consistency after edits and closes, workspaces with
 * symlink loops, and the answers that must not wait for workspace indexing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, DocumentSymbol, TextEdit } from 'vscode-languageserver-protocol';
import { ruleByCode } from '../../server/src/core/index';
import { gbk } from '../helpers/gbk';
import { messageText, startInProcess } from './harness';

const FIXTURES = join(__dirname, '..', 'fixtures');
const seed = (n: string) => readFileSync(join(FIXTURES, 'seeds', `seed-${n}.md`), 'utf8');
const CROSS = join(FIXTURES, 'rules', 'cross-year');
const y22 = readFileSync(join(CROSS, '云溪县自然资源局-2022.md'), 'utf8');
const y23 = readFileSync(join(CROSS, '云溪县自然资源局-2023.md'), 'utf8');

function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code));

test('in-process: diagnostics, code actions, fix-all, symbols, folding and structure through the factory', async () => {
  const client = await startInProcess();
  try {
    const uri = 'untitled:seed-001.md';
    client.open(uri, seed('001'));
    const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    const unit = p.diagnostics.find((d) => d.code === 'cell-unit')!;
    assert.deepEqual(unit.range.start, { line: 49, character: 9 });
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unit.range,
      context: { diagnostics: [unit], only: ['quickfix'] },
    });
    assert.ok(actions.some((a) => a.isPreferred && a.edit!.changes![uri][0].newText === '58'));
    const source = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unit.range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      source.map((a) => a.kind),
      ['source.fixAll.xxgkReport'],
    );
    const notAsked = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unit.range,
      context: { diagnostics: [], only: ['source.organizeImports'] },
    });
    assert.deepEqual(notAsked, []);
    const fixAll = await client.connection.sendRequest<{ version: number; edits: TextEdit[] }>('xxgkReport/fixAll', { uri });
    assert.deepEqual(fixAll.edits, source[0].edit!.changes![uri]);
    assert.equal(fixAll.version, 1);
    assert.ok(fixAll.edits.length > 0);
    const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols[0].children!.length, 6);
    const folds = await client.connection.sendRequest<unknown[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.length >= 6);
    const s = await client.connection.sendRequest<{ sections: { present: boolean }[] }>('xxgkReport/structure', { uri });
    assert.equal(s.sections.filter((x) => x.present).length, 6);
    const ins = await client.connection.sendRequest<{ version: number | null; edits: TextEdit[] }>('xxgkReport/insertSection', {
      uri,
      number: 4,
    });
    assert.deepEqual(ins, { version: 1, edits: [] }, 'section 四 is present: nothing to insert');
    const tpl = (kind: string, extra = {}) =>
      client.connection.sendRequest<{ text: string } | null>('xxgkReport/template', { kind, ...extra });
    assert.match(
      (await tpl('report', { agency: '某县人民政府', year: 2024, eol: '\r\n' }))!.text,
      /^# 某县人民政府2024年政府信息公开工作年度报告\r\n/,
    );
    assert.match((await tpl('section:5'))!.text, /五、存在的主要问题及改进情况/);
    assert.equal(await tpl('section:7'), null);
    assert.equal(await tpl('nonsense'), null);
  } finally {
    await client.stop();
  }
});

test('a rule that throws is a visible internal-error diagnostic naming it; the other findings stay', async () => {
  const rule = ruleByCode('fee-statement-missing')!;
  const saved = Object.getOwnPropertyDescriptor(rule, 'check')!;
  rule.check = () => {
    throw new Error('boom');
  };
  const client = await startInProcess();
  try {
    const uri = 'untitled:seed-001.md';
    client.open(uri, seed('001'));
    const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    const err = p.diagnostics.filter((d) => d.code === 'internal-error');
    assert.equal(err.length, 1);
    assert.equal(err[0].severity, 2);
    assert.match(messageText(err[0].message), /规则 fee-statement-missing 内部出错.*boom/);
    assert.ok(codes(p).includes('cell-unit'));
    assert.match(client.logs.join('\n'), /规则 fee-statement-missing 在 untitled:seed-001\.md 上出错/);
  } finally {
    Object.defineProperty(rule, 'check', saved);
    await client.stop();
  }
});

test('settings pushed by a client without workspace/configuration are validated: bad values warned about and replaced by defaults', async () => {
  const client = await startInProcess({
    configurationCapability: false,
    initializationOptions: {
      settings: {
        include: true,
        maxDocumentSize: 'big',
        reportKind: 'city',
        rules: { balance: 'bogus', 'row-label': 'error', 'no-such-rule': 'off' },
      },
    },
  });
  try {
    const uri = 'untitled:s0.md';
    client.open(uri, seed('000'));
    const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    // include: true would make every analysis throw; the default [] is used instead.
    assert.ok(!codes(p).includes('internal-error'), JSON.stringify(p.diagnostics.slice(0, 2)));
    assert.ok(
      p.diagnostics.filter((d) => d.code === 'row-label').every((d) => d.severity === 1),
      'the valid entry applies',
    );
    const logs = client.logs.join('\n');
    assert.match(logs, /include 的值 true 无效.*使用默认值 \[\]/);
    assert.match(logs, /maxDocumentSize 的值 "big" 无效.*使用默认值 8388608/);
    assert.match(logs, /reportKind 的值 "city" 无效.*使用默认值 auto/);
    assert.match(logs, /规则 balance 的级别 "bogus" 无效.*使用默认级别 error/);
    assert.match(logs, /未知的规则代码：no-such-rule/);

    // didChangeConfiguration with more bad values: still validated (maxDocumentSize 0 is not a limit).
    void client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { xxgkReport: { maxDocumentSize: 0, include: 'x.md' } },
    });
    await client.settled();
    assert.match(client.logs.join('\n'), /maxDocumentSize 的值 0 无效/);
    assert.match(client.logs.join('\n'), /include 的值 "x\.md" 无效/);
    const last = client.last(uri)!;
    assert.ok(!codes(last).includes('document-too-large'));
    assert.ok(codes(last).includes('row-label'));
  } finally {
    await client.stop();
  }
});

test('workspace/configuration answers are validated the same way', async () => {
  const client = await startInProcess({ configuration: { rules: { 'column-label': 'loud' }, maxDocumentSize: -5 } });
  try {
    const uri = 'untitled:s4.md';
    client.open(uri, seed('004'));
    const p = await client.waitFor(uri, (x) => x.diagnostics.length > 0);
    assert.equal(p.diagnostics.find((d) => d.code === 'column-label')!.severity, 2, 'default severity kept');
    assert.match(client.logs.join('\n'), /规则 column-label 的级别 "loud" 无效/);
    assert.match(client.logs.join('\n'), /maxDocumentSize 的值 -5 无效/);
  } finally {
    await client.stop();
  }
});

test('.xxgk-report.json: comments and trailing commas accepted; an invalid file is a diagnostic naming it, and its fix is picked up', async () => {
  const root = tempDir('xxgk-cfg-');
  try {
    writeFileSync(
      join(root, '.xxgk-report.json'),
      '{\n  // column labels are fine here\n  "rules": { "column-label": "off", },\n  "include": ["notes/*.md"],\n}\n',
    );
    mkdirSync(join(root, 'notes'));
    mkdirSync(join(root, 'notes', 'deep'));
    const client = await startInProcess({ rootUri: pathToFileURL(root).toString() });
    try {
      const u4 = pathToFileURL(join(root, 'r.md')).toString();
      client.open(u4, seed('004'));
      const p = await client.waitFor(u4, (x) => x.diagnostics.length > 0);
      assert.ok(!codes(p).includes('column-label'));
      assert.ok(!codes(p).includes('config-error'));
      // include globs are relative to the file's folder: notes/*.md matches notes/a.md, not notes/deep/b.md.
      const plain = '# 待办\n\n一些文字。\n';
      const a = pathToFileURL(join(root, 'notes', 'a.md')).toString();
      const b = pathToFileURL(join(root, 'notes', 'deep', 'b.md')).toString();
      client.open(a, plain);
      client.open(b, plain);
      assert.ok((await client.waitFor(a)).diagnostics.length > 0, 'notes/a.md is checked as a report');
      assert.deepEqual((await client.waitFor(b)).diagnostics, [], 'notes/deep/b.md is not');

      // Break the file: every document under it says so (file and reason), the file's settings are not used.
      writeFileSync(join(root, '.xxgk-report.json'), '{ "rules": { "column-label": "off" ');
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(join(root, '.xxgk-report.json')).toString(), type: 2 }],
      });
      await client.settled();
      const broken = client.last(u4)!;
      const err = broken.diagnostics.find((d) => d.code === 'config-error');
      assert.ok(err, JSON.stringify(codes(broken)));
      assert.match(messageText(err.message), /\.xxgk-report\.json：不是有效的 JSON/);
      assert.ok(codes(broken).includes('column-label'));
      assert.match(client.logs.join('\n'), /\.xxgk-report\.json：不是有效的 JSON/);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("cross-year: changing the year, removing the title or closing last year's report re-checks this year's", async () => {
  const root = tempDir('xxgk-stale-');
  try {
    writeFileSync(join(root, '2022.md'), y22);
    writeFileSync(join(root, '2023.md'), y23);
    const client = await startInProcess({ rootUri: pathToFileURL(root).toString() });
    try {
      const u23 = pathToFileURL(join(root, '2023.md')).toString();
      const u22 = pathToFileURL(join(root, '2022.md')).toString();
      client.open(u23, y23);
      await client.settled();
      const carry = () => client.last(u23)!.diagnostics.filter((d) => d.code === 'carry-over').length;
      assert.equal(carry(), 2, 'found through the workspace index');

      client.open(u22, y22);
      await client.settled();
      assert.equal(carry(), 2);
      // Last year's report now says 2021: this year's has no previous report any more.
      const yearAt = y22.indexOf('2022');
      client.edit(u22, 2, yearAt, yearAt + 4, '2021');
      await client.settled();
      assert.equal(carry(), 0, 'stale carry-over after the year changed');
      // Back to 2022.
      client.edit(u22, 3, yearAt, yearAt + 4, '2022');
      await client.settled();
      assert.equal(carry(), 2);
      // The title removed: no report of 2022 any more.
      const titleEnd = y22.indexOf('\n');
      client.edit(u22, 4, 0, titleEnd, '');
      await client.settled();
      assert.equal(carry(), 0, 'stale carry-over after the title was removed');
      // Closed: the file on disk (with its title) is the index's again.
      client.close(u22);
      await client.settled();
      assert.equal(carry(), 2, 'the file on disk is compared again after the close');
      // Deleted on disk: lost from the index, so nothing is left to compare with.
      rmSync(join(root, '2022.md'));
      void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: u22, type: 3 }] });
      await client.settled();
      assert.equal(carry(), 0, "stale carry-over after last year's file was deleted");
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a GBK file in the workspace is indexed: last year's report in GBK is compared", async () => {
  const root = tempDir('xxgk-gbk-');
  try {
    writeFileSync(join(root, '2022.md'), gbk(y22));
    const client = await startInProcess({ rootUri: pathToFileURL(root).toString() });
    try {
      const uri = pathToFileURL(join(root, '2023.md')).toString();
      client.open(uri, y23);
      await client.settled();
      const carry = client.last(uri)!.diagnostics.filter((d) => d.code === 'carry-over');
      assert.equal(carry.length, 2);
      assert.ok(carry[0].relatedInformation?.some((r) => r.location.uri.endsWith('2022.md')));
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a workspace with two links to itself and a link loop: indexing terminates, each report indexed once, diagnostics at once', async () => {
  const root = tempDir('xxgk-loop-');
  try {
    writeFileSync(join(root, '2022.md'), y22);
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', '2023.md'), y23);
    symlinkSync('.', join(root, 'a'));
    symlinkSync('.', join(root, 'b'));
    symlinkSync('..', join(root, 'sub', 'up'));
    symlinkSync(join(root, 'sub', '2023.md'), join(root, 'also-2023.md'));
    const client = await startInProcess({ rootUri: pathToFileURL(root).toString() });
    try {
      const uri = 'untitled:s1.md';
      client.open(uri, seed('001'));
      await client.waitFor(uri, (p) => p.diagnostics.length > 0, 60_000);
      await client.server.whenIdle();
      // Each real file once, under its first name (the open untitled document is a report too).
      assert.deepEqual(
        client.server.workspace
          .uris()
          .filter((u) => u.startsWith('file:'))
          .map((u) => u.slice(pathToFileURL(root).toString().length))
          .sort(),
        ['/2022.md', '/also-2023.md'],
      );
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('indexing a large workspace runs in slices: the first diagnostics do not wait for it', async () => {
  const root = tempDir('xxgk-many-');
  try {
    for (let d = 0; d < 30; d++) {
      mkdirSync(join(root, `d${d}`));
      for (let i = 0; i < 50; i++)
        writeFileSync(join(root, `d${d}`, `r${i}.md`), `# 某县第${d}-${i}局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n`);
    }
    const client = await startInProcess({ rootUri: pathToFileURL(root).toString() });
    try {
      const uri = 'untitled:s1.md';
      client.open(uri, seed('001'));
      const first = await client.waitFor(uri, (p) => p.diagnostics.length > 0, 60_000);
      await client.server.whenIdle();
      // (Client and server share this process's clock.)
      assert.ok(
        first.at < client.server.workspace.indexedAt!,
        `diagnostics at ${first.at}, index complete at ${client.server.workspace.indexedAt}`,
      );
      assert.equal(client.server.workspace.uris().filter((u) => u.startsWith('file:')).length, 1500);
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('one document analysed per turn: a request about another document is answered while many wait', async () => {
  const client = await startInProcess({ configurationCapability: false });
  try {
    const small = 'untitled:small.md';
    client.open(small, seed('004'));
    const filler = `\n\n${'本段为填充内容，用于测试很大的文档。'.repeat(40)}`;
    const big = seed('001') + filler.repeat(4);
    // Enough documents that the few turns a message takes between client and server do not matter.
    const uris = Array.from({ length: 10 }, (_, i) => `untitled:big-${i}.md`);
    for (const u of uris) client.open(u, big);
    await client.settled();
    const before = client.published.length;
    // New settings: every document is scheduled in the same turn.
    void client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { xxgkReport: { rules: { 'row-label': 'error' } } },
    });
    await client.waitFor(uris[0], () => true, 60_000, before - 1);
    const symbols = client.connection
      .sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: small } })
      .then((r) => ({ r, at: performance.now() }));
    const last = await client.waitFor(uris[9], () => true, 60000, before - 1);
    const answer = await symbols;
    assert.ok(answer.r.length > 0);
    assert.ok(answer.at < last.at, 'the request was answered before the last large document was analysed again');
  } finally {
    await client.stop();
  }
});

test('a document with control characters or above the byte limit is refused with one information diagnostic', async () => {
  const client = await startInProcess({ configurationCapability: false, initializationOptions: { settings: { maxDocumentSize: 3000 } } });
  try {
    const bin = 'untitled:bin.md';
    client.open(bin, `${seed('001').slice(0, 200)}\u0000\u0001`);
    const p = await client.waitFor(bin);
    assert.deepEqual(codes(p), ['document-not-text']);
    assert.match(messageText(p.diagnostics[0].message), /U\+0000/);
    // 1200 Chinese characters are 3600 bytes of UTF-8: above a 3000-byte limit though only 1200 UTF-16 units.
    const big = 'untitled:big.md';
    client.open(big, `# 某县人民政府2023年政府信息公开工作年度报告\n\n${'汉'.repeat(1200)}\n`);
    const q = await client.waitFor(big);
    assert.deepEqual(codes(q), ['document-too-large']);
    assert.equal(q.diagnostics[0].severity, 3);
    assert.match(messageText(q.diagnostics[0].message), /MB/);
  } finally {
    await client.stop();
  }
});
