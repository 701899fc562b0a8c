/**
 * Table 四 copied from a published page as plain text (issue 21.3): the header and block labels
 * broken over lines, cells separated by spaces, one cell per line. Each variant is read as a
 * table (core/grid/text.ts, then the mapper) and its wrong total is found by review-total —
 * never a wholly blank table (cell-empty) or a missing one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/index';
import { mapDocument, readPlainText } from '../../server/src/core/grid/index';

const SEED = readFileSync(join(__dirname, '..', 'fixtures', 'io', 'seeds', '000_e17b216349f5dd62.txt'), 'utf8');
const T = '\t';
const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
/** 行政复议: 1+0+0+0 but a total of 2; the lawsuit blocks add up. */
const FIGURES = ['1', '0', '0', '0', '2', '0', '1', '0', '0', '1', '0', '0', '0', '0', '0'];

/** A cell with two paragraphs, as a browser copies it: 结果维持 → 结果⏎维持. */
const broken = (label: string) => (label.length === 4 ? `${label.slice(0, 2)}\n${label.slice(2)}` : label);

const VARIANTS: Record<string, string[]> = {
  // A browser's copy of the page: merged cells once, no padding TABs, cells with a line break inside.
  'browser copy, header cells broken over lines': [
    `行政复议${T}行政诉讼`,
    [...RESULTS.map(broken), '未经复议\n直接起诉', '复议后\n起诉'].join(T),
    [...RESULTS, ...RESULTS].map(broken).join(T),
    FIGURES.join(T),
  ],
  'browser copy, the block labels broken too': [
    `行政\n复议${T}行政\n诉讼`,
    [...RESULTS.map(broken), '未经复议\n直接起诉', '复议后\n起诉'].join(T),
    [...RESULTS, ...RESULTS].map(broken).join(T),
    FIGURES.join(T),
  ],
  // The figures of the data row separated by spaces (copied from a PDF viewer).
  'figures separated by spaces': [
    `行政复议${T.repeat(5)}行政诉讼`,
    [...RESULTS, '未经复议直接起诉', '', '', '', '', '复议后起诉'].join(T),
    T.repeat(5) + [...RESULTS, ...RESULTS].join(T),
    FIGURES.join(' '),
  ],
  // A PDF copy: no TAB at all, labels split by spaces.
  'PDF copy, spaces only': [
    '行政复议 行政诉讼',
    '结果 维持 结果 纠正 其他 结果 尚未 审结 总计 未经复议 直接起诉 复议后 起诉',
    [...RESULTS, ...RESULTS].map((l) => (l.length === 4 ? `${l.slice(0, 2)} ${l.slice(2)}` : l)).join(' '),
    FIGURES.join(' '),
  ],
  // One cell per line (a leading TAB), header cells broken over lines.
  'one cell per line, header cells broken': [
    `${T}行政复议`,
    `${T}行政诉讼`,
    '',
    ...[...RESULTS, '未经复议直接起诉', '复议后起诉'].map((l) => `${T}${l.slice(0, 2)}\n${l.slice(2)}`),
    '',
    ...Array<string>(5).fill(T),
    ...[...RESULTS, ...RESULTS].map((l) => `${T}${broken(l)}`),
    '',
    ...FIGURES.map((f) => `${T}${f}`),
  ],
};

function report(table4: string[]): string {
  const lines = SEED.split('\n');
  const start = lines.findIndex((l) => l.startsWith('行政复议\t'));
  assert.ok(start > 0);
  return [...lines.slice(0, start), ...table4, ...lines.slice(start + 4)].join('\n');
}

function table4Findings(text: string): string[] {
  const draft = mapDocument(readPlainText(text)).markdown;
  const a = analyze(draft);
  const s4 = a.model.reports[0].section[4]!;
  return a.findings
    .filter((f) => f.span.start >= s4.span.start && f.span.end <= s4.span.end && f.code !== 'section-title')
    .map((f) => `${f.code}: ${f.message}`);
}

const WRONG_TOTAL =
  'review-total: 表四“行政复议”：总计为2，但结果维持、结果纠正、其他结果、尚未审结之和为1+0+0+0=1；仅凭表内数字无法确定是总计还是某一结果栏填错了，请对照台账核对';

for (const [name, table4] of Object.entries(VARIANTS)) {
  test(`copied table 四, ${name}: read as a table, its wrong total found`, () => {
    const text = report(table4);
    assert.deepEqual(table4Findings(text), [WRONG_TOTAL]);
    // Every figure in its column; no piece of a broken label left behind as a paragraph.
    const draft = mapDocument(readPlainText(text)).markdown;
    const s4 = draft.slice(draft.indexOf('## 四'), draft.indexOf('## 五'));
    assert.match(s4, new RegExp(`\\| ${FIGURES.join(' \\| ')} \\|`));
    assert.deepEqual(
      s4.split('\n').filter((l) => l && !l.startsWith('|') && !l.startsWith('#')),
      [],
    );
  });
}

test('copied table 四 that adds up: no finding, and prose with spaces between figures stays prose', () => {
  const right = ['1', '0', '0', '0', '1', ...FIGURES.slice(5)];
  assert.deepEqual(table4Findings(report([...VARIANTS['PDF copy, spaces only'].slice(0, 3), right.join(' ')])), []);
  const prose = readPlainText('本年度共办理 3 5 7 件，电话：0319 627 3048。\n\n结果 维持');
  assert.deepEqual(
    prose.blocks.map((b) => b.kind),
    ['paragraph', 'paragraph'],
  );
});
