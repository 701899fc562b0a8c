/**
 * Unwritten text is an error (issue 15.5–6): text-placeholder reports every placeholder of our
 * templates and next-year drafts and the usual XX / ×× / 此处填写; the placeholders are blanked
 * before the other rules read the text, so none satisfies a rule; an untouched skeleton or
 * next-year draft fails even with every table filled with zeros by the “填 0” fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analysis, analyze, applyEdits, nextYearDraft, renderTemplate } from '../../server/src/core/index';
import { PLACEHOLDERS, blankPlaceholders, findPlaceholders } from '../../server/src/core/placeholders';
import { fixture, findingsOf } from './util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createReportService } from '../../server/src/service/index';

const errors = (a: Analysis) => a.findings.filter((f) => f.severity === 'error');
const placeholders = (a: Analysis) => findingsOf(a, 'text-placeholder').map((f) => a.model.text.slice(f.span.start, f.span.end));

/** Every table filled with zeros, as a clerk does with the quick fix “本表没有的填 0”. */
function fillTablesWithZeros(text: string): string {
  for (let round = 0; round < 5; round++) {
    const a = analyze(text);
    const fill = a.findings.flatMap((f) => f.fixes ?? []).find((x) => x.title.startsWith('本表没有的填 0'));
    if (!fill) return text;
    text = applyEdits(text, fill.edits);
  }
  return text;
}

test('the placeholders are data in one list, each found with its exact extent', () => {
  assert.deepEqual(
    PLACEHOLDERS.map((p) => p.kind),
    ['describe', 'agency', 'year', 'rewrite', 'base', 'symbol', 'fill'],
  );
  const text =
    '（文字描述）与（文字描述，收取信息处理费情况在此处报告。）；（机关名称）（年份）年；XX局、××镇、20XX年X月X日收到X件；此处填写；（请填写具体措施）。\n' +
    '【请改写】以下是2023年度报告的文字，改好后删除本提示。';
  assert.deepEqual(
    findPlaceholders(text).map((h) => [h.kind, h.written]),
    [
      ['describe', '（文字描述）'],
      ['describe', '（文字描述，收取信息处理费情况在此处报告。）'],
      ['agency', '（机关名称）'],
      ['year', '（年份）'],
      ['symbol', 'XX'],
      ['symbol', '××'],
      ['symbol', 'XX'],
      ['symbol', 'X'],
      ['symbol', 'X'],
      ['symbol', 'X'],
      ['fill', '此处填写'],
      ['fill', '（请填写具体措施）'],
      ['rewrite', '【请改写】以下是2023年度报告的文字，改好后删除本提示。'],
    ],
  );
  // Ordinary prose is not a placeholder.
  for (const prose of [
    '指导申请人填写申请表。',
    'X光机采购信息已公开。',
    '大厅按5×8小时开放。',
    '订购XXL号工作服。',
    '制度有待补充完善。',
    '2024年3月1日',
  ])
    assert.deepEqual(findPlaceholders(prose), [], prose);
  // Blanked: the same length, no placeholder left.
  const blanked = blankPlaceholders(text);
  assert.equal(blanked.length, text.length);
  assert.deepEqual(findPlaceholders(blanked), []);
  assert.ok(blanked.startsWith('      与'));
});

test('an untouched skeleton fails the check even with every table filled with zeros', () => {
  const skeleton = renderTemplate('report', { agency: '某县某局', year: 2024 })!;
  const zeros = fillTablesWithZeros(skeleton);
  assert.notEqual(zeros, skeleton, 'the fill-with-0 fix was applied');
  const a = analyze(zeros);
  assert.deepEqual(findingsOf(a, 'cell-empty'), [], 'every table is filled');
  // Five topics of 一, 五 and 六: seven placeholders, each an error; the fee placeholder states no fee.
  assert.deepEqual(placeholders(a), [
    ...Array<string>(5).fill('（文字描述）'),
    '（文字描述）',
    '（文字描述，收取信息处理费情况在此处报告。）',
  ]);
  assert.deepEqual([...new Set(errors(a).map((f) => f.code))].sort(), ['fee-statement-missing', 'text-placeholder']);
  assert.match(findingsOf(a, 'improvement-empty')[0].message, /没有内容/);
  // With the agency left as in the template, the title's placeholder too.
  const untitled = analyze(fillTablesWithZeros(renderTemplate('report', { year: 2024 })!));
  assert.equal(placeholders(untitled)[0], '（机关名称）');
  assert.equal(findingsOf(untitled, 'title-missing').length, 1);
});

test('a next-year draft fails the check until its notes are gone, even with every table filled', () => {
  const last = fixture('clean/town-2024.md');
  const r = nextYearDraft(last);
  assert.ok(r.ok);
  const zeros = fillTablesWithZeros(r.draft.text);
  const a = analyze(zeros);
  assert.deepEqual(findingsOf(a, 'cell-empty'), []);
  const notes = findingsOf(a, 'text-placeholder');
  // The reminder at the top and in 一, 五, 六, and the base of table 二.
  assert.deepEqual(
    notes.map((f) => zeros.slice(f.span.start, f.span.start + 6)),
    ['【请改写】以', '【请改写】以', '【上年基数】', '【请改写】以', '【请改写】以'],
  );
  assert.ok(notes.every((f) => f.severity === 'error'));
  assert.match(notes[0].message, /^“【请改写】”提示还在：下面是上一年度报告的文字/);
  // The notes say “2024年度” and hold figures: blanked, no rule reads them (no date or prose finding there).
  for (const f of a.findings.filter((x) => x.code !== 'text-placeholder'))
    assert.ok(!notes.some((n) => f.span.start >= n.span.start && f.span.start < n.span.end), `${f.code} read a note`);
  // Rewritten and the notes deleted: no placeholder left.
  const done = zeros.replace(/^> 【(?:请改写|上年基数)】.*\n\n/gm, '');
  assert.deepEqual(findingsOf(analyze(done), 'text-placeholder'), []);
  // The blank-skeleton variant fails as well.
  const skel = nextYearDraft(last, { skeleton: true });
  assert.ok(skel.ok);
  assert.ok(findingsOf(analyze(fillTablesWithZeros(skel.draft.text)), 'text-placeholder').length >= 8);
});

test('a placeholder never satisfies another rule: fee statement, improvements, overview topics', () => {
  const town = fixture('clean/town-2024.md');
  assert.deepEqual(findingsOf(analyze(town), 'text-placeholder'), []);
  const feeOnly = analyze(town.replace('本机关2024年度未收取信息处理费。', '（文字描述，收取信息处理费情况在此处报告。）'));
  assert.equal(findingsOf(feeOnly, 'fee-statement-missing').length, 1);
  assert.equal(findingsOf(feeOnly, 'text-placeholder').length, 1);
  // An overview written as placeholders only: no topic found in the prose.
  const overview = town.replace(
    /(## 一、总体情况\n\n)[\s\S]*?(\n\n## 二)/,
    '$1（文字描述：主动公开、依申请公开、政府信息管理、平台建设、监督保障）$2',
  );
  const o = analyze(overview);
  assert.equal(findingsOf(o, 'overview-topic-missing').length, 5);
  assert.equal(findingsOf(o, 'text-placeholder').length, 1);
  // The rule speaks in both locales.
  const en = analyze(overview, { locale: 'en' });
  assert.match(findingsOf(en, 'text-placeholder')[0].message, /placeholder/);
});

test('the 年报结构 view: a section holding only placeholders is not written, never ticked', () => {
  const skeleton = fillTablesWithZeros(renderTemplate('report', { agency: '某县某局', year: 2024 })!);
  const view = (text: string, rules?: Record<string, 'off'>) => {
    const s = createReportService({
      config: { locale: 'zh', maxDocumentBytes: 8 * 1024 * 1024, optionsFor: () => ({ locale: 'zh', rules }) },
      logger: { log: () => undefined, warn: () => undefined },
    }).getStructure(TextDocument.create('untitled:s.md', 'markdown', 1, text))!;
    return s.sections.map((x) => `${x.number}${x.unwritten ? ' unwritten' : ''} ${x.errors}`);
  };
  assert.deepEqual(view(skeleton), ['1 unwritten 5', '2 0', '3 0', '4 0', '5 unwritten 1', '6 unwritten 2']);
  // Also with the rule turned off: the view does not depend on its severity.
  assert.deepEqual(
    view(skeleton, { 'text-placeholder': 'off', 'fee-statement-missing': 'off' }).filter((x) => x.includes('unwritten')),
    ['1 unwritten 0', '5 unwritten 0', '6 unwritten 0'],
  );
  // 五 written: no longer unwritten; 一 with one topic written is written, its other placeholders still errors.
  const written = skeleton
    .replace(/(## 五、存在的主要问题及改进情况\n\n)（文字描述）/, '$1一是政策解读形式单一；二是公开栏更新不及时。下一步每季度检查一次。')
    .replace(/(### （一）主动公开\n\n)（文字描述）/, '$1全年主动公开政府信息120条。');
  assert.deepEqual(view(written), ['1 4', '2 0', '3 0', '4 0', '5 0', '6 unwritten 2']);
});
