/**
 * The one model of the arithmetic (core/arithmetic.ts): the equations of tables 三 and 四 as
 * data, one evaluation read alike by the rules, the hover, the code lens and the table
 * editor's data (service.getTableGrid), the single wrong cell, and figures split into two cells.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, TABLE4_EQUATIONS, analyze, diagnose, equationsOf, hoverAt, tableLenses } from '../../server/src/core/index';
import type { Finding } from '../../server/src/core/index';
import { createReportService } from '../../server/src/service/index';
import type { TableGridCheck } from '../../server/src/protocol';
import { generateReport } from '../helpers/draft';

const BASE = generateReport({ seed: 3 });
const ARITHMETIC = new Set(RULES.filter((r) => r.tags.includes('arithmetic')).map((r) => r.code));

function sub(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `not found: ${from}`);
  return text.replace(from, to);
}

function arithmetic(text: string): Finding[] {
  return analyze(text).findings.filter((f) => ARITHMETIC.has(f.code));
}

function gridChecks(text: string, table: 'table3' | 'table4'): TableGridCheck[] {
  const service = createReportService({
    config: { locale: 'zh', maxDocumentBytes: 8 << 20, optionsFor: () => ({ locale: 'zh' }) },
    logger: { log: () => undefined, warn: () => undefined },
  });
  const grid = service.getTableGrid(TextDocument.create('untitled:a.md', 'markdown', 1, text));
  return grid!.tables.find((t) => t.id === table)!.checks!;
}

const textAt = (text: string, f: { span: { start: number; end: number } }) => text.slice(f.span.start, f.span.end);

test('the equations are data: per column the balance and （七）总计, per row the 总计, per block of 表四 its 总计', () => {
  const t = analyze(BASE).model.reports[0].table3!;
  const eqs = equationsOf(t, 'table3');
  const count = (rule: string) => eqs.filter((e) => e.rule === rule).length;
  assert.deepEqual([count('balance'), count('result-total'), count('row-total')], [7, 7, 25]);
  const natural = eqs.find((e) => e.rule === 'balance' && e.key === 'natural')!;
  assert.deepEqual(natural.left, [
    { row: 'new', column: 'natural' },
    { row: 'carried', column: 'natural' },
  ]);
  assert.deepEqual(natural.right, [
    { row: 'total', column: 'natural' },
    { row: 'forward', column: 'natural' },
  ]);
  assert.equal(eqs.find((e) => e.rule === 'result-total')!.right.length, 21);
  assert.deepEqual(
    eqs.find((e) => e.rule === 'row-total' && e.key === 'g3.1')!.right.map((r) => r.column),
    ['natural', 'business', 'research', 'publicInterest', 'legal', 'other'],
  );
  assert.deepEqual(
    TABLE4_EQUATIONS.map((e) => [e.key, e.left[0].column, e.right.map((r) => r.column.split('.')[1]).join()]),
    [
      ['review', 'review.total', 'upheld,corrected,other,pending'],
      ['direct', 'direct.total', 'upheld,corrected,other,pending'],
      ['afterReview', 'afterReview.total', 'upheld,corrected,other,pending'],
    ],
  );
  // Every check of the clean draft holds, for every reader.
  assert.ok(diagnose(t, 'table3').checks.every((c) => c.status === 'ok'));
  assert.ok(gridChecks(BASE, 'table3').every((c) => c.status === 'ok' && !c.suspect && !c.split));
  assert.equal(gridChecks(BASE, 'table4').length, 3);
});

test('one wrong cell: the rules, the hover, the code lens and the grid read the same two failing checks and the same suspect', () => {
  const text = sub(BASE, '| （一）予以公开 |  | 0 | 0 | 2 |', '| （一）予以公开 |  | 1 | 0 | 2 |');
  const found = arithmetic(text);
  assert.deepEqual(
    found.map((f) => [f.code, f.message]),
    [
      ['row-total', '表三“（一）予以公开”行：“总计”为2，但六类申请人之和为1+0+2+0+0+0=3，相差1'],
      ['result-total', '表三“自然人”列：（七）总计为175，但各项办理结果之和为176，相差1'],
    ],
  );
  for (const f of found)
    assert.deepEqual(
      f.fixes?.map((x) => [x.kind, x.title, x.edits.map((e) => e.newText)]),
      [
        [
          'value',
          '把表三“（一）予以公开”行“自然人”列改为 0（这样“（一）予以公开”行的合计、“自然人”列的（七）总计都相符；请先核对原始台账）',
          ['0'],
        ],
      ],
    );
  const a = analyze(text);
  const cell = a.findings[0].fixes![0].edits[0];
  // The hover on the wrong cell: both of its checks, each ✗ by 1, from the same evaluation.
  const hover = hoverAt(a.model, cell.start)!.markdown;
  assert.match(hover, /本行总计：总计 = 2；自然人\+商业企业\+科研机构\+社会公益组织\+法律服务机构\+其他 = 1\+0\+2\+0\+0\+0 = 3 ✗（相差1）/);
  assert.match(hover, /（七）总计（“自然人”列）：（七）总计 = 175；21项办理结果之和 = .* = 176 ✗（相差1）/);
  const lens = tableLenses(a.model).find((l) => l.table === 'table3')!;
  assert.equal(lens.mismatches, 2);
  // The grid: the two checks failing, the suspect on both, none elsewhere.
  const checks = gridChecks(text, 'table3');
  const failing = checks.filter((c) => c.status === 'mismatch');
  assert.deepEqual(
    failing.map((c) => [c.rule, c.key, c.leftSum, c.rightSum, c.suspect]),
    [
      ['result-total', 'natural', 175, 176, { row: 'g1', column: 'natural', value: 0 }],
      ['row-total', 'g1', 2, 3, { row: 'g1', column: 'natural', value: 0 }],
    ],
  );
  assert.deepEqual(failing[1].left, [{ row: 'g1', column: 'total' }]);
  assert.equal(failing[1].right.length, 6);
  assert.equal(checks.filter((c) => c.suspect).length, 2);
});

test('table 四: one block off, five cells could each explain it — no suspect, no fix, the reason said', () => {
  const text = sub(BASE, '| 5 | 9 | 5 | 1 | 20 |', '| 5 | 9 | 5 | 1 | 21 |');
  const t = analyze(text).model.reports[0].table4!;
  const d = diagnose(t, 'table4');
  assert.equal(d.failing.length, 1);
  assert.equal(d.suspect, undefined);
  assert.equal(d.candidates, 5);
  const found = arithmetic(text);
  assert.deepEqual(
    found.map((f) => [f.code, f.message, f.fixes]),
    [
      [
        'review-total',
        '表四“行政复议”：总计为21，但结果维持、结果纠正、其他结果、尚未审结之和为5+9+5+1=20；仅凭表内数字无法确定是总计还是某一结果栏填错了，请对照台账核对',
        undefined,
      ],
    ],
  );
  const checks = gridChecks(text, 'table4');
  assert.deepEqual(
    checks.map((c) => [c.key, c.status, c.suspect]),
    [
      ['review', 'mismatch', undefined],
      ['direct', 'ok', undefined],
      ['afterReview', 'ok', undefined],
    ],
  );
});

test('split cells: a row total that 8 | 2 read as 82 explains — said in row-total, both cells related, never a fix', () => {
  const text = sub(BASE, '| 8 | 2 | 0 | 0 | 1 | 0 | 11 |', '| 8 | 2 | 0 | 0 | 1 | 0 | 83 |');
  const found = arithmetic(text);
  assert.deepEqual(
    found.map((f) => [f.code, f.message]),
    [
      [
        'row-total',
        '表三“二、上年结转政府信息公开申请数量”行：“总计”为83，但六类申请人之和为8+2+0+0+1+0=11，相差72；“自然人”列的8和“商业企业”列的2连起来是82，可能是一个数字被分页或复制拆成了两格（合起来就相符），请核对原表',
      ],
      ['balance', '表三“总计”列不平衡：第一项加第二项之和（246+83=329）不等于第三项加第四项之和（246+11=257），相差72'],
    ],
  );
  const [row] = found;
  const split = row.related!.filter((r) => r.message.includes('连起来是82'));
  assert.deepEqual(
    split.map((r) => [textAt(text, r), r.message]),
    [
      ['8', '与相邻的2连起来是82：可能是一个数字被拆成了两格'],
      ['2', '与相邻的8连起来是82：可能是一个数字被拆成了两格'],
    ],
  );
  assert.deepEqual(
    split.map((r) => r.span.start),
    [text.indexOf('| 8 | 2 | 0 | 0 | 1 | 0 | 83 |') + 2, text.indexOf('| 8 | 2 | 0 | 0 | 1 | 0 | 83 |') + 6],
  );
  // The only fix is the locator's (the total back to 11): the split figure is never written.
  for (const f of found)
    assert.deepEqual(
      f.fixes!.map((x) => x.edits.map((e) => e.newText)),
      [['11']],
    );
  const checks = gridChecks(text, 'table3');
  assert.deepEqual(
    checks.filter((c) => c.split).map((c) => [c.rule, c.key, c.split]),
    [
      [
        'row-total',
        'carried',
        {
          cells: [
            { row: 'carried', column: 'natural' },
            { row: 'carried', column: 'business' },
          ],
          joined: 82,
        },
      ],
    ],
  );
});

test('split cells down a column: result-total names the two rows; the other failing checks say nothing of it', () => {
  // 科研机构: （一） 2 and （二） 1 read as 21 make the （七）总计 of 32 hold.
  const text = sub(BASE, '| （七）总计 |  | 175 | 13 | 14 |', '| （七）总计 |  | 175 | 13 | 32 |');
  const found = arithmetic(text);
  assert.deepEqual(
    found.map((f) => [f.code, f.message]),
    [
      [
        'result-total',
        '表三“科研机构”列：（七）总计为32，但各项办理结果之和为14，相差18；“（一）予以公开”行的2和“（二）部分公开”行的1连起来是21，可能是一个数字被分页或复制拆成了两格（合起来就相符），请核对原表',
      ],
      ['row-total', '表三“（七）总计”行：“总计”为246，但六类申请人之和为175+13+32+16+16+12=264，相差18'],
      ['balance', '表三“科研机构”列不平衡：第一项加第二项之和（15+0=15）不等于第三项加第四项之和（32+1=33），相差18'],
    ],
  );
  const lines = analyze(text).model.lines;
  assert.deepEqual(
    found[0].related!.filter((r) => r.message.includes('连起来是21')).map((r) => lines.positionAt(r.span.start).line),
    [text.split('\n').findIndex((l) => l.includes('（一）予以公开')), text.split('\n').findIndex((l) => l.includes('（二）部分公开'))],
  );
});

test('split cells in table 四: 结果纠正 2 and 其他结果 1 read as 21, and no fix', () => {
  const text = sub(BASE, '| 0 | 2 | 1 | 3 | 6 |', '| 0 | 2 | 1 | 3 | 24 |');
  const found = arithmetic(text);
  assert.deepEqual(
    found.map((f) => [f.code, f.message, f.fixes]),
    [
      [
        'review-total',
        '表四“行政诉讼·未经复议直接起诉”：总计为24，但结果维持、结果纠正、其他结果、尚未审结之和为0+2+1+3=6；“结果纠正”列的2和“其他结果”列的1连起来是21，可能是一个数字被分页或复制拆成了两格（合起来就相符），请核对原表；仅凭表内数字无法确定是总计还是某一结果栏填错了，请对照台账核对',
        undefined,
      ],
    ],
  );
  assert.equal(found[0].related!.filter((r) => r.message.includes('连起来是21')).length, 2);
});

test('no split hint when no pair of adjacent one-digit cells explains the difference', () => {
  // Off by 1: joining a | b changes a sum by 9a, never by 1.
  const off = arithmetic(sub(BASE, '| 8 | 2 | 0 | 0 | 1 | 0 | 11 |', '| 8 | 2 | 0 | 0 | 1 | 0 | 12 |'));
  assert.deepEqual(
    off.map((f) => f.code),
    ['row-total', 'balance'],
  );
  assert.ok(off.every((f) => !/连起来/.test(f.message) && !(f.related ?? []).some((r) => /连起来/.test(r.message))));
  // Off by 9 among two-digit cells (一、本年新收): no one-digit pair, no hint.
  const wide = arithmetic(sub(BASE, '| 174 | 12 | 15 | 17 | 15 | 13 | 246 |', '| 174 | 12 | 15 | 17 | 15 | 13 | 255 |'));
  assert.deepEqual(
    wide.map((f) => f.code),
    ['row-total', 'balance'],
  );
  assert.ok(wide.every((f) => !/连起来/.test(f.message)));
});
