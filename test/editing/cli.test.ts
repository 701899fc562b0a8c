/** xxgk-report format and new, in-process through the CLI's main(). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli';
import { analyze } from '../../server/src/core/analyze';
import { applyEdits } from '../../server/src/core/findings';
import { DEFAULT_MAX_WIDTH, displayWidth } from '../../server/src/core/format';
import { createReportService } from '../../server/src/service/index';
import { draftingYear } from '../../server/src/core/render';
import { ReportSet } from '../../server/src/core/report-set';
import { balancedReport } from './util';

function run(...argv: string[]) {
  return runCli(argv);
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'xxgk-editing-'));
}

test('format prints the aligned text; --check exits 1 until it is formatted, then 0', async () => {
  const dir = tmp();
  try {
    const file = join(dir, 'r.md');
    writeFileSync(file, balancedReport());
    const check = await run('format', file, '--check');
    assert.equal(check.code, 1);
    assert.equal(check.out, '');
    assert.match(check.err, /r\.md：有 \d+ 行表格需要对齐/);
    const formatted = await run('format', file);
    assert.equal(formatted.code, 0);
    assert.match(formatted.out, /\| 信息内容 {7}\| 本年制发件数 \|/);
    assert.equal(readFileSync(file, 'utf8'), balancedReport(), 'the file is never written');
    writeFileSync(file, formatted.out);
    assert.deepEqual(await run('format', file, '--check'), { code: 0, out: '', err: '' });
    assert.equal((await run('format', file)).out, formatted.out);
    const wide = await run('format', file, '--ambiguous-width', '2');
    assert.notEqual(wide.out, formatted.out);
    assert.equal((await run('format', file, '--ambiguous-width', '3')).code, 2);
    assert.equal((await run('format')).code, 2);
    assert.equal((await run('format', join(dir, 'missing.md'))).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('format --max-width: table lines stay within it (or their width before); the service formats as the editors do', async () => {
  const dir = tmp();
  try {
    const file = join(dir, 'r.md');
    const text = balancedReport();
    writeFileSync(file, text);
    const widest = (s: string) =>
      Math.max(
        ...s
          .split('\n')
          .filter((l) => l.startsWith('|'))
          .map((l) => displayWidth(l)),
      );
    const before = widest(text);
    const standard = await run('format', file);
    assert.equal(standard.code, 0, standard.err);
    assert.ok(widest(standard.out) <= Math.max(before, DEFAULT_MAX_WIDTH), `${widest(standard.out)} columns`);
    const roomy = await run('format', file, '--max-width', '300');
    assert.ok(widest(roomy.out) > 200, 'with room, table 三 is fully aligned (about 245 columns)');
    const narrow = await run('format', file, '--max-width=40');
    assert.ok(widest(narrow.out) <= before);
    // The CLI's output is the service's Format Document with the same settings.
    const service = createReportService({
      config: { locale: 'zh', maxDocumentBytes: 1 << 24, optionsFor: () => ({}), formatMaxWidth: 300 },
      logger: console,
    });
    const document = { uri: 'file:///r.md', version: 1, getText: () => text };
    const model = service.analyze(document)!.model;
    const edits = service.getFormattingEdits(document).map((e) => ({
      start: model.lines.offsetAt(e.range.start),
      end: model.lines.offsetAt(e.range.end),
      newText: e.newText,
    }));
    assert.equal(applyEdits(text, edits), roomy.out);
    for (const bad of ['0', '19', '1001', 'wide', '12.5'])
      assert.match((await run('format', file, '--max-width', bad)).err, /--max-width 应为 20 到 1000 的整数/, bad);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('new --from: next year to stdout or -o, never overwriting without --force; no carry-over finding', async () => {
  const dir = tmp();
  try {
    const last = join(dir, 'last.md');
    const lastText = balancedReport({}, 2023);
    writeFileSync(last, lastText);
    const r = await run('new', '--from', last);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith('# 某县市场监督管理局2024年政府信息公开工作年度报告'));
    const set = new ReportSet();
    set.add('last', lastText, () => lastText);
    assert.deepEqual(
      analyze(r.out, {}, set).findings.filter((f) => f.code === 'carry-over'),
      [],
    );
    const out = join(dir, 'next.md');
    assert.equal((await run('new', '--from', last, '-o', out)).code, 0);
    assert.equal(readFileSync(out, 'utf8'), r.out);
    writeFileSync(out, 'mine');
    const again = await run('new', '--from', last, '-o', out);
    assert.equal(again.code, 2);
    assert.match(again.err, /已存在，未覆盖/);
    assert.equal(readFileSync(out, 'utf8'), 'mine');
    assert.equal((await run('new', '--from', last, '-o', out, '--force')).code, 0);
    assert.equal(readFileSync(out, 'utf8'), r.out);
    const skeleton = await run('new', '--from', last, '--skeleton');
    assert.ok(skeleton.out.includes('（文字描述）') && !skeleton.out.includes('本年度未收取信息处理费'));
    assert.equal((await run('new', '--from', last, '--year', '2025')).code, 2);
    const undated = join(dir, 'undated.md');
    writeFileSync(undated, '## 一、总体情况\n\n文字\n');
    const bad = await run('new', '--from', undated);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /年份/);
    assert.ok(!existsSync(join(dir, 'undated-next.md')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('new without --from: the blank skeleton for the year being drafted, or --year and --agency', async () => {
  const r = await run('new');
  assert.equal(r.code, 0);
  assert.ok(r.out.startsWith(`# （机关名称）${draftingYear()}年政府信息公开工作年度报告`));
  const named = await run('new', '--agency', '某镇人民政府', '--year', '2025');
  assert.ok(named.out.startsWith('# 某镇人民政府2025年政府信息公开工作年度报告'));
  assert.ok(
    analyze(named.out).findings.some((f) => f.code === 'cell-empty'),
    'an untouched skeleton does not check clean',
  );
  assert.equal((await run('new', '--year', '25')).code, 2);
  assert.equal((await run('new', '--skeleton')).code, 2);
  assert.equal((await run('new', 'extra.md')).code, 2);
});
