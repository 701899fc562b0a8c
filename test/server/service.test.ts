/**
 * The report service without a connection: results cached per version, failures surfaced as
 * diagnostics naming what failed, cross-year invalidation, and the options resolver's
 * validation and glob semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReportModel } from '../../server/src/core/index';
import { matchesGlobs, parseConfigText, validateSettings } from '../../server/src/options';
import { createReportService, type ServiceConfig, type ServiceWorkspace } from '../../server/src/service/index';
import { WorkspaceReports } from '../../server/src/workspace';
import { messageText } from '../helpers/lsp';

const FIXTURES = join(__dirname, '..', 'fixtures');
const y22 = readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2022.md'), 'utf8');
const y23 = readFileSync(join(FIXTURES, 'rules', 'cross-year', '云溪县自然资源局-2023.md'), 'utf8');
/** This year's report with one cell-unit warning of its own. */
const y23unit = y23.replace('| 行政许可 | 124 |', '| 行政许可 | 124件 |');
const config: ServiceConfig = { locale: 'zh', maxDocumentBytes: 8 * 1024 * 1024, optionsFor: () => ({ locale: 'zh' }) };
const quiet = { log: () => undefined, warn: () => undefined };
const doc = (uri: string, text: string, version = 1) => TextDocument.create(uri, 'markdown', version, text);

test('one analysis per document version, shared by every feature', () => {
  const service = createReportService({ config, logger: quiet });
  const d = doc('untitled:a.md', y23unit);
  const a = service.analyze(d)!;
  assert.equal(service.analyze(d), a);
  assert.ok(service.hasResult(d.uri, 1));
  assert.ok(service.getDiagnostics(d).length > 0);
  assert.equal(service.analyze(d), a, 'diagnostics used the cached analysis');
  const d2 = TextDocument.update(d, [{ text: `${y23unit}\n` }], 2);
  assert.notEqual(service.analyze(d2), a);
  service.close(d.uri);
  assert.ok(!service.hasResult(d.uri, 2));
});

test('an analysis that throws is a visible internal-error diagnostic, not a clean report', () => {
  const warnings: string[] = [];
  const workspace: ServiceWorkspace = {
    previous: () => {
      throw new Error('index broke');
    },
  };
  const service = createReportService({ workspace, config, logger: { log: () => undefined, warn: (m) => warnings.push(m) } });
  const diagnostics = service.getDiagnostics(doc('untitled:a.md', y23));
  assert.deepEqual(
    diagnostics.map((x) => [x.code, x.severity]),
    [['internal-error', 2]],
  );
  assert.match(messageText(diagnostics[0].message), /内部错误，本文档未能检查：index broke/);
  assert.match(warnings.join('\n'), /index broke/);
});

test('a rule that throws: the other findings stay, plus one internal-error diagnostic naming the rule', () => {
  const broken = {
    title: { year: 2022, agency: '云溪县自然资源局' },
    text: '',
    uri: 'file:///x.md',
    sections: [],
    section: {},
    get table3(): never {
      throw new Error('bad table');
    },
  };
  const workspace: ServiceWorkspace = { previous: () => broken as unknown as ReportModel & { text: string } };
  const en = createReportService({ workspace, config: { ...config, locale: 'en' }, logger: quiet });
  const diagnostics = en.getDiagnostics(doc('untitled:a.md', y23unit));
  const errors = diagnostics.filter((x) => x.code === 'internal-error');
  assert.equal(errors.length, 1);
  assert.match(messageText(errors[0].message), /Internal error in rule carry-over .*bad table/);
  assert.ok(
    diagnostics.some((x) => x.code === 'cell-unit'),
    'the other rules still report',
  );
});

test('cross-year: a change to a cited report, or one appearing with the wanted agency and year, invalidates the citing document', () => {
  const workspace = new WorkspaceReports(() => undefined);
  const service = createReportService({ workspace, config, logger: quiet });
  const invalidated: string[][] = [];
  service.onDidInvalidate((uris) => invalidated.push(uris));
  const d23 = doc('untitled:2023.md', y23);
  assert.equal(service.analyze(d23)!.findings.filter((f) => f.code === 'carry-over').length, 0, 'no 2022 report yet');
  // Last year's report appears: the 2023 report looked for exactly it.
  const d22 = doc('untitled:2022.md', y22);
  service.analyze(d22);
  assert.deepEqual(invalidated, [['untitled:2023.md']]);
  assert.equal(service.analyze(d23)!.findings.filter((f) => f.code === 'carry-over').length, 2);
  // It changes its year: 2023 cited it, so 2023 is invalidated again and finds nothing to compare with.
  service.analyze(doc('untitled:2022.md', y22.replace('2022年政府信息公开', '2021年政府信息公开'), 2));
  assert.deepEqual(invalidated.at(-1), ['untitled:2023.md']);
  assert.equal(service.analyze(d23)!.findings.filter((f) => f.code === 'carry-over').length, 0);
  // Closed: gone from the index (an untitled document has no file to fall back to).
  service.analyze(doc('untitled:2022.md', y22, 3));
  assert.equal(service.analyze(d23)!.findings.filter((f) => f.code === 'carry-over').length, 2);
  service.close('untitled:2022.md');
  assert.deepEqual(invalidated.at(-1), ['untitled:2023.md']);
  assert.equal(service.analyze(d23)!.findings.filter((f) => f.code === 'carry-over').length, 0);
});

test('two files each holding two years of one agency cite each other without re-checking in a circle', () => {
  const workspace = new WorkspaceReports(() => undefined);
  const service = createReportService({ workspace, config, logger: quiet });
  const invalidated: string[] = [];
  service.onDidInvalidate((uris) => invalidated.push(...uris));
  // a.md: 2022 + 2023 reports; b.md: the same two years again.
  const both = `${y22}\n\n${y23}`;
  const a = doc('untitled:a.md', both);
  const b = doc('untitled:b.md', both);
  service.analyze(a);
  service.analyze(b);
  // Re-analyse whatever was invalidated until nothing is: this must end.
  for (let round = 0; round < 20 && invalidated.length; round++) {
    const uris = invalidated.splice(0);
    for (const u of uris) service.analyze(u === a.uri ? a : b);
  }
  assert.deepEqual(invalidated, [], 'still re-checking after 20 rounds');
});

test('settings validation names each bad value and the default used', () => {
  const warnings: string[] = [];
  const s = validateSettings({ include: ['ok/*.md', 3, ''], maxDocumentSize: 0, reportKind: 'auto', rules: 'loud' }, (m) =>
    warnings.push(m),
  );
  assert.deepEqual(s.include, ['ok/*.md']);
  assert.equal(s.maxDocumentSize, 8 * 1024 * 1024);
  assert.equal(s.reportKind, undefined);
  assert.equal(s.rules, undefined);
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.match(warnings.join('\n'), /include 中的 3 不是 glob/);
  assert.match(warnings.join('\n'), /maxDocumentSize 的值 0 无效.*使用默认值 8388608/);
  assert.match(warnings.join('\n'), /rules 的值 "loud" 无效/);
  const w2: string[] = [];
  assert.equal(validateSettings('nope', (m) => w2.push(m)).maxDocumentSize, 8 * 1024 * 1024);
  assert.match(w2[0], /无效（应为对象），使用默认设置/);
});

test('settings: format.maxWidth is a whole number of columns from 20 to 1000 (nested or dotted key)', () => {
  const warnings: string[] = [];
  assert.equal(validateSettings({ format: { maxWidth: 160 } }, (m) => warnings.push(m)).maxWidth, 160);
  assert.equal(validateSettings({ 'format.maxWidth': 80 }, (m) => warnings.push(m)).maxWidth, 80);
  assert.deepEqual(warnings, []);
  for (const bad of [19, 1001, 90.5, '120', -1]) {
    const w: string[] = [];
    assert.equal(validateSettings({ format: { maxWidth: bad } }, (m) => w.push(m)).maxWidth, undefined);
    assert.match(w.join('\n'), /format\.maxWidth 的值 .* 无效（应为 20 到 1000 的整数），使用默认值 120/, String(bad));
  }
});

test('.xxgk-report.json: JSONC accepted, bad values left out with a warning, broken JSON an error with its position', () => {
  const ok = parseConfigText(
    '{\n // c\n "reportKind": "township",\n "rules": { "balance": "off", "x-rule": "off", "row-label": 3, },\n "include": ["a/*.md", 1],\n}',
    '/w/.xxgk-report.json',
  );
  assert.equal(ok.error, undefined);
  assert.deepEqual(ok.config, { reportKind: 'township', rules: { balance: 'off' }, include: ['a/*.md'] });
  assert.equal(ok.warnings.length, 3, ok.warnings.join('\n'));
  const bad = parseConfigText('{ "rules": {\n  "balance": "off" ', '/w/.xxgk-report.json');
  assert.match(bad.error!, /不是有效的 JSON（2:\d+：/);
  assert.match(parseConfigText('[1]', 'x').error!, /应为一个 JSON 对象/);
});

test('rule settings with options: validated against the rule, merged with the file rule by rule', async () => {
  const warnings: string[] = [];
  const s = validateSettings(
    { rules: { 'overview-too-long': { severity: 'warning', options: { maxChars: 0, nope: 1 } }, 'row-label': { options: { x: 1 } } } },
    (m) => warnings.push(m),
  );
  assert.deepEqual(s.rules, { 'overview-too-long': { severity: 'warning' } });
  assert.match(warnings.join('\n'), /overview-too-long 的选项 maxChars 不能小于 1；使用默认值/);
  assert.match(warnings.join('\n'), /overview-too-long 没有选项 nope/);
  assert.match(warnings.join('\n'), /row-label 没有选项 x/);
  const file = parseConfigText(
    '{ "rules": { "overview-too-long": { "severity": "hint", "options": { "maxChars": 50 } } } }',
    '/w/.xxgk-report.json',
  );
  assert.deepEqual(file.warnings, []);
  const { mergeOptions } = await import('../../server/src/core/index');
  // A severity from the settings keeps the file's options.
  assert.deepEqual(mergeOptions(file.config, { rules: { 'overview-too-long': 'warning' } }).rules, {
    'overview-too-long': { severity: 'warning', options: { maxChars: 50 } },
  });
});

test('include globs: relative to their folder, *.md at that level only, **/ for depth, absolute globs against the path', () => {
  assert.ok(matchesGlobs('/w/a.md', ['*.md'], '/w'));
  assert.ok(!matchesGlobs('/w/sub/a.md', ['*.md'], '/w'));
  assert.ok(matchesGlobs('/w/sub/a.md', ['**/*.md'], '/w'));
  assert.ok(matchesGlobs('/w/a.md', ['**/*.md'], '/w'));
  assert.ok(matchesGlobs('/w/草稿/2023/a.md', ['草稿/**/*.md'], '/w'));
  assert.ok(!matchesGlobs('/other/a.md', ['*.md'], '/w'), 'outside the folder');
  assert.ok(!matchesGlobs('/w/a.md', ['*.md'], undefined), 'no folder: relative globs match nothing');
  assert.ok(matchesGlobs('/abs/x/a.md', ['/abs/**/*.md'], '/w'));
  assert.ok(matchesGlobs('/w/.drafts/a.md', ['.drafts/*.md'], '/w'));
});
