/** The parser accepts the messy forms of markdown-layout.md §2 and keeps exact UTF-16 ranges. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyEdits, buildModel, renderSkeleton, renderTable3, renderTable2, renderTable4 } from '../../server/src/core/index';
import { TABLE3_ROWS } from '../../server/src/core/template';
import { MAX_BLOCK_TEXT, PIPE_WEIGHT, type PieceCache, noWork, parseSegment, workUnits } from '../../server/src/core/markdown';
import { findingsOf, lineOf } from './util';

const rendered = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');
/** The skeleton with its prose written (its placeholders are text-placeholder errors). */
const skeleton = rendered
  .replace('（文字描述，收取信息处理费情况在此处报告。）', '本机关2023年度未收取信息处理费。')
  .replaceAll('（文字描述）', '本年度工作按计划推进，具体情况如下。');

test('the rendered skeleton, its prose written, is a clean report with every table mapped', () => {
  // Untouched, its placeholders are errors and satisfy nothing (the fee placeholder names the fee).
  assert.deepEqual(
    [
      ...new Set(
        analyze(rendered)
          .findings.filter((f) => f.severity === 'error')
          .map((f) => f.code),
      ),
    ],
    ['text-placeholder', 'fee-statement-missing'],
  );
  const a = analyze(skeleton);
  assert.deepEqual(
    a.findings.filter((f) => f.severity === 'error'),
    [],
  );
  const r = a.model.reports[0];
  assert.equal(r.table3!.rows.size, 25);
  assert.equal(r.table3!.columns.length, 7);
  assert.equal(r.table2!.rows.size, 6);
  assert.equal(r.table4!.columns.length, 15);
  assert.equal(r.title!.kind, 'department');
});

test('section titles as paragraphs, with 一. / 1、 / bold / full-width digits / 第一部分', () => {
  const text = skeleton
    .replace('## 一、总体情况', '一.总体情况')
    .replace('## 二、主动公开政府信息情况', '**二、主动公开政府信息情况**')
    .replace('## 三、收到和处理政府信息公开申请情况', '３、收到和处理政府信息公开申请情况')
    .replace('## 四、政府信息公开行政复议、行政诉讼情况', '第四部分 因政府信息公开工作被申请行政复议、提起行政诉讼情况')
    .replace('## 六、其他需要报告的事项', '   ## 六、其他需要报告的事项');
  const a = analyze(text);
  assert.deepEqual(
    a.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  assert.equal(findingsOf(a, 'section-not-heading').length, 4);
  assert.equal(findingsOf(a, 'section-title').length, 3);
  assert.deepEqual(findingsOf(a, 'section-missing'), []);
});

test('misnumbered, duplicated and out-of-order sections', () => {
  const five = skeleton.indexOf('## 五、');
  const six = skeleton.indexOf('## 六、');
  const sectionFive = skeleton.slice(five, six);
  // 五 moved before 二, and 六 written twice.
  let text = skeleton.slice(0, five) + skeleton.slice(six) + '\n## 六、其他需要报告的事项\n\n再写一次。\n';
  const two = text.indexOf('## 二、');
  text = text.slice(0, two) + sectionFive + text.slice(two);
  text = text.replace('## 三、收到和处理政府信息公开申请情况', '## 二、收到和处理政府信息公开申请情况');
  const a = analyze(text);
  assert.equal(findingsOf(a, 'section-order').length, 1);
  assert.match(findingsOf(a, 'section-order')[0].message, /“五、存在的主要问题及改进情况”/);
  assert.equal(findingsOf(a, 'section-duplicate').length, 1);
  assert.match(
    findingsOf(a, 'section-title')
      .map((f) => f.message)
      .join(),
    /编号“二、”与标题不符/,
  );
});

test('table 三 rows with one combined label column, half-width brackets and spaces', () => {
  const lines = renderTable3();
  const combined = lines.map((l) => {
    if (!l.startsWith('|')) return l;
    const cells = l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    const label = cells.slice(0, 3).filter(Boolean).join(' ');
    return `| ${[label.replace(/（/g, '(').replace(/）/g, ')').replace('事务信息', '事务 信息'), ...cells.slice(3)].join(' | ')} |`;
  });
  combined[3] = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';
  const text = skeleton.replace(renderTable3().join('\n'), combined.join('\n'));
  const a = analyze(text);
  const t3 = a.model.reports[0].table3!;
  assert.equal(t3.labelColumns, 1);
  assert.deepEqual(
    [...t3.rows.keys()],
    TABLE3_ROWS.map((r) => r.id),
  );
  assert.ok(findingsOf(a, 'row-label').length > 0);
  assert.deepEqual(findingsOf(a, 'row-missing'), []);
  assert.deepEqual(findingsOf(a, 'row-unknown'), []);
});

test('table 二 written as one combined table with block label rows', () => {
  const blocks = renderTable2().filter((l) => l.startsWith('|') && !/^\| ---/.test(l));
  const rows: string[] = [];
  let label = '';
  for (const l of renderTable2()) {
    const m = /^\*\*(.+)\*\*$/.exec(l);
    if (m) label = m[1];
    else if (l.startsWith('| 信息内容'))
      rows.push(`| ${label} |  |  |  |`, l.replace(/ \|$/, ' |' + '  |'.repeat(4 - l.split('|').length + 2)));
    else if (l.startsWith('|') && !l.startsWith('| ---')) rows.push(l);
  }
  const one = [rows[0], '| --- | --- | --- | --- |', ...rows.slice(1)].join('\n');
  const text = skeleton.replace(renderTable2().join('\n'), one);
  const a = analyze(text);
  assert.equal(a.model.reports[0].table2!.rows.size, 6, JSON.stringify(blocks.length));
  assert.deepEqual(
    a.findings.filter((f) => f.severity === 'error'),
    [],
  );
});

test('a local subtotal row is row-unknown; a 2019 （六）其他处理 row is table-outdated', () => {
  const t3 = renderTable3().join('\n');
  const sub = t3.replace(
    '|  | （三）不予公开 | 1.属于国家秘密 |',
    '|  | （三）不予公开小计 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n|  |  | 1.属于国家秘密 |',
  );
  const a = analyze(skeleton.replace(t3, sub));
  assert.equal(findingsOf(a, 'row-unknown').length, 1);
  const g6 = TABLE3_ROWS.filter((r) => r.id.startsWith('g6.'));
  let old = t3;
  const lines = old.split('\n');
  const first = lines.findIndex((l) => l.includes(g6[0].item!));
  lines.splice(first, 3, '|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  old = lines.join('\n');
  const b = analyze(skeleton.replace(t3, old));
  assert.equal(findingsOf(b, 'table-outdated').length, 1);
  assert.deepEqual(findingsOf(b, 'row-missing'), []);
  // A 2020 report rightly used the 2019 layout.
  const c = analyze(skeleton.replace(t3, old).replace('某县某局2023年', '某县某局2020年'));
  assert.deepEqual(findingsOf(c, 'table-outdated'), []);
});

test('cells: units, placeholders, text, negatives, fractions; fees may have decimals', () => {
  const t2 = renderTable2().join('\n');
  const edited = t2
    .replace('| 规章 | 0 | 0 | 0 |', '| 规章 | 3件 | — | 无 |')
    .replace('| 行政规范性文件 | 0 | 0 | 0 |', '| 行政规范性文件 | -1 | 1.5 | 若干 |')
    .replace('| 行政事业性收费 | 0 |', '| 行政事业性收费 | 24252.311082 |');
  const a = analyze(skeleton.replace(t2, edited));
  assert.equal(findingsOf(a, 'cell-unit').length, 1);
  // Two placeholders in the row 规章: one cell-empty finding for the row, whose fix fills both.
  assert.equal(findingsOf(a, 'cell-empty').length, 1);
  assert.equal(findingsOf(a, 'cell-empty')[0].fixes![0].edits.length, 2);
  assert.equal(findingsOf(a, 'cell-not-number').length, 1);
  assert.equal(findingsOf(a, 'cell-invalid').length, 2);
  assert.equal(a.model.reports[0].table2!.rows.get('item8.fees')!.cells.get('feeAmount')!.value, 24252.311082);
});

test('ranges are UTF-16 exact with CRLF, tabs, emoji and a BOM', () => {
  const t4 = renderTable4().join('\n');
  const text =
    '\ufeff' +
    skeleton
      .replace(t4, t4.replace(/\| 0 \| 0 \| 0 \| 0 \| 0 \|$/m, '| 0 | 0 | 0 | 0 | 5 |'))
      .replace('## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进情况 😀')
      .replace(/\n/g, '\r\n')
      .replace('| 行政许可 | 0 |', '|\t行政许可\t| 0 |');
  const a = analyze(text);
  const f = findingsOf(a, 'review-total');
  assert.equal(f.length, 1);
  assert.equal(text.slice(f[0].span.start, f[0].span.end), '5');
  const pos = a.model.lines.positionAt(f[0].span.start);
  const lineText = text.split('\r\n')[pos.line];
  assert.equal(lineText.slice(pos.character, pos.character + 1), '5');
  const title = findingsOf(a, 'section-title')[0];
  assert.equal(text.slice(title.span.start, title.span.end), '五、存在的主要问题及改进情况 😀');
  assert.ok(lineOf(a, title) > 0);
});

test('several reports in one file are checked one by one', () => {
  const two = skeleton + '\n\n' + renderSkeleton({ agency: '某镇人民政府', year: 2022 }).join('\n');
  const m = buildModel(two);
  assert.equal(m.reports.length, 2);
  assert.equal(m.reports[1].title?.year, 2022);
  assert.equal(m.reports[1].title?.kind, 'township');
  const a = analyze(two);
  assert.deepEqual(findingsOf(a, 'section-duplicate'), []);
});

test('a report without a title is recognised by its section titles', () => {
  const text = skeleton.split('\n').slice(2).join('\n');
  const m = buildModel(text);
  assert.equal(m.isReport, true);
  assert.equal(m.reports[0].title, undefined);
});

test('suppression state is kept code by code, and directives inside code blocks do nothing', () => {
  const t2 = renderTable2().join('\n');
  const bad = t2.replace('| 规章 | 0 | 0 | 0 |', '| 规章 | — | — | 1件 |');
  const base = skeleton.replace(t2, bad);
  const codesOf = (text: string) =>
    analyze(text)
      .findings.map((f) => f.code)
      .filter((c) => c.startsWith('cell-'));
  assert.deepEqual(codesOf(base).sort(), ['cell-empty', 'cell-unit']);
  // disable (all) then enable cell-unit: everything but cell-unit stays off.
  const tail = '\n<!-- 年报检查-enable -->\n';
  const marked =
    base.slice(0, base.indexOf('**第二十条第（一）项**')) +
    '<!-- 年报检查-disable -->\n<!-- 年报检查-enable cell-unit -->\n\n' +
    base.slice(base.indexOf('**第二十条第（一）项**')) +
    tail;
  assert.deepEqual(codesOf(marked), ['cell-unit']);
  // disable a b, enable a: b stays off.
  const ab =
    base.slice(0, base.indexOf('**第二十条第（一）项**')) +
    '<!-- 年报检查-disable cell-unit cell-empty -->\n<!-- 年报检查-enable cell-unit -->\n\n' +
    base.slice(base.indexOf('**第二十条第（一）项**'));
  assert.deepEqual(codesOf(ab), ['cell-unit']);
  // An example directive in a fenced code block is not a directive.
  const fenced = '```markdown\n<!-- 年报检查-disable-file -->\n```\n\n' + base;
  assert.equal(codesOf(fenced).length, 2);
});

test('a 2020 report in the 2019 layout: its single （六）其他处理 row still adds up', () => {
  const t3 = renderTable3().join('\n');
  const lines = t3.split('\n');
  const first = lines.findIndex((l) => l.includes('1.申请人无正当理由逾期不补正'));
  lines.splice(first, 3, '|  | （六）其他处理 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
  const text = skeleton.replace(t3, lines.join('\n')).replace('某县某局2023年', '某县某局2020年');
  const a = analyze(text);
  assert.deepEqual(findingsOf(a, 'table-outdated'), []);
  assert.deepEqual(findingsOf(a, 'row-unknown'), []);
  const totals = findingsOf(a, 'result-total');
  assert.deepEqual(
    totals.map((f) => f.message.match(/“(.+?)”列/)![1]),
    ['自然人', '总计'],
  );
  assert.match(totals[0].message, /（七）总计为0，但各项办理结果之和为2/);
});

test('a group label alone on its row (a merged cell written out) is not an unknown row', () => {
  const t3 = renderTable3().join('\n');
  const split = t3.replace(
    '|  | （三）不予公开 | 1.属于国家秘密 |',
    '|  | （三）不予公开 |  |  |  |  |  |  |  |  |\n|  |  | 1.属于国家秘密 |',
  );
  const a = analyze(skeleton.replace(t3, split));
  assert.deepEqual(findingsOf(a, 'row-unknown'), []);
  assert.equal(a.model.reports[0].table3!.rows.size, 25);
});

test('a disable-line comment at the end of a section title keeps the title and silences it', () => {
  const text = skeleton.replace(
    '## 五、存在的主要问题及改进情况',
    '五、存在的主要问题及改进措施 <!-- 年报检查-disable-line section-title -->',
  );
  const a = analyze(text);
  assert.deepEqual(findingsOf(a, 'section-missing'), []);
  assert.deepEqual(findingsOf(a, 'section-title'), []);
  assert.equal(findingsOf(a, 'section-not-heading').length, 1);
});

test('making a commented title line a heading keeps the comment', () => {
  const text = skeleton.replace(
    '## 五、存在的主要问题及改进情况',
    '**五、存在的主要问题及改进情况** <!-- 年报检查-disable-line section-title -->',
  );
  const a = analyze(text);
  const f = findingsOf(a, 'section-not-heading')[0];
  const fixed = applyEdits(text, f.fixes![0].edits);
  assert.ok(fixed.includes('## 五、存在的主要问题及改进情况 <!-- 年报检查-disable-line section-title -->'));
});

test('a section heading at the wrong level: section-title with a fix to ##; a local subtotal column: column-unknown', () => {
  const text = skeleton.replace('## 三、收到和处理政府信息公开申请情况', '#### **三、收到和处理政府信息公开申请情况**');
  const a = analyze(text);
  const f = findingsOf(a, 'section-title');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /层级与其他部分标题不同/);
  assert.equal(applyEdits(text, f[0].fixes![0].edits).includes('## **三、收到和处理政府信息公开申请情况**'), true);
  assert.deepEqual(findingsOf(analyze(applyEdits(text, f[0].fixes![0].edits)), 'section-title'), []);

  const t3 = renderTable3();
  const withSub = t3.map((l, i) => {
    if (!l.startsWith('|')) return l;
    const cells = l
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    const extra = i === 2 ? '法人或其他组织小计' : i === 3 ? '---:' : '0';
    return `| ${[...cells.slice(0, 9), extra, cells[9]].join(' | ')} |`;
  });
  const b = analyze(skeleton.replace(t3.join('\n'), withSub.join('\n')));
  const u = findingsOf(b, 'column-unknown');
  assert.equal(u.length, 1);
  assert.match(u[0].message, /“法人或其他组织小计”列不是国家模板中的列/);
  assert.deepEqual(
    b.findings.filter((x) => x.severity === 'error'),
    [],
  );
});

test('CommonMark fences: a fence that does not open or does not close never hides sections', () => {
  const after = (block: string) => skeleton.replace('## 一、总体情况', `${block}\n\n## 一、总体情况`);
  const cases: [string, string][] = [
    ['an info string with a backtick is not a fence', '``` 例如`代码`'],
    ['a closing fence indented 4 spaces does not close', '```\n代码\n    ```\n仍是代码\n```'],
    ['a closing fence indented by a tab does not close', '```\n代码\n\t```\n仍是代码\n```'],
    ['a fence opened in a list item closes with its indented closing line', '- 示例：\n- ```\n  代码\n  ```'],
    ['a fence in a block quote ends with the quote', '> ```\n> 代码'],
  ];
  for (const [name, block] of cases) {
    const a = analyze(after(block));
    assert.deepEqual(
      a.model.reports[0].sections.map((s) => s.number),
      [1, 2, 3, 4, 5, 6],
      name,
    );
    assert.deepEqual(findingsOf(a, 'section-missing'), [], name);
  }
  // Still code: an unclosed top-level fence runs to the end of the document, as remark has it.
  const unclosed = analyze(skeleton.replace('## 五、', '```\n## 五、'));
  assert.deepEqual(
    unclosed.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4],
  );
  // The suppression scanner agrees: a directive after a backtick-info line is not in a fence.
  const t2 = renderTable2().join('\n');
  const bad = skeleton.replace(t2, t2.replace('| 规章 | 0 | 0 | 0 |', '| 规章 | 1件 | 0 | 0 |'));
  const directive = '``` 例如`代码`\n\n<!-- 年报检查-disable-file cell-unit -->\n\n' + bad;
  assert.equal(findingsOf(analyze(bad), 'cell-unit').length, 1);
  assert.deepEqual(findingsOf(analyze(directive), 'cell-unit'), []);
});

test('sections recognised by meaning: variant titles, a typo, padding, an ordinal where the section belongs', () => {
  const variant = skeleton
    .replace('## 五、存在的主要问题及改进情况', '## 五、存在的不足及下一步打算')
    .replace('## 六、其他需要报告的事项', '## 六、其他需说明的事项及附件')
    .replace('## 四、政府信息公开行政复议、行政诉讼情况', '## 四、政府信息公开行政复议、行政诉松情况');
  const a = analyze(variant);
  const r = a.model.reports[0];
  assert.deepEqual(
    r.sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  assert.deepEqual(findingsOf(a, 'section-missing'), []);
  assert.equal(findingsOf(a, 'section-title').length, 3);
  assert.ok(r.sections.slice(3).every((s) => s.head.match !== 'canonical'));
  // The content of a section with a variant title is checked: the fee statement of 六.
  const noFee = analyze(variant.replace('本机关2023年度未收取信息处理费。', '本年度无其他需要报告的事项。'));
  assert.equal(findingsOf(noFee, 'fee-statement-missing').length, 1);
  const withFee = analyze(variant.replace('本机关2023年度未收取信息处理费。', '本机关本年度未收取信息处理费。'));
  assert.equal(findingsOf(withFee, 'fee-statement-missing').length, 0);

  const padded = skeleton
    .replace('## 一、总体情况', '##\u3000一、总体情况')
    .replace('## 二、主动公开政府信息情况', '## 二、主动公开政府信息情况\u3000\u3000')
    .replace('## 三、收到和处理政府信息公开申请情况', '\u00a0三、收到和处理政府信息公开申请情况\u00a0')
    .replace('## 四、政府信息公开行政复议、行政诉讼情况', '##\t四、政府信息公开行政复议、行政诉讼情况\t');
  const b = analyze(padded);
  assert.deepEqual(
    b.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  assert.deepEqual(findingsOf(b, 'section-missing'), []);
  const one = b.model.reports[0].section[1]!.head;
  assert.equal(padded.slice(one.titleSpan.start, one.titleSpan.end), '一、总体情况');
  const fixed = applyEdits(
    padded,
    findingsOf(b, 'section-not-heading').flatMap((f) => f.fixes![0].edits),
  );
  assert.ok(fixed.includes('## 一、总体情况\n'), 'the fix makes a real heading of ##\u3000');

  // Only its ordinal: 五 titled in other words, between 四 and 六.
  const c = analyze(skeleton.replace('## 五、存在的主要问题及改进情况', '## 五、工作展望'));
  assert.deepEqual(
    c.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  assert.equal(c.model.reports[0].section[5]!.head.match, 'variant');
  assert.deepEqual(findingsOf(c, 'section-missing'), []);
  // Numbered points inside a section are not sections: their ordinals are taken or out of place.
  const d = analyze(skeleton.replace('## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进情况\n\n一、培训不足\n\n二、加强培训'));
  assert.deepEqual(
    d.model.reports[0].sections.map((s) => s.number),
    [1, 2, 3, 4, 5, 6],
  );
  const e = analyze(
    skeleton
      .replace('## 二、主动公开政府信息情况', '主动公开情况见下表。')
      .replace('## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进情况\n\n二、加强培训'),
  );
  assert.deepEqual(
    e.model.reports[0].sections.map((s) => s.number),
    [1, 3, 4, 5, 6],
  );
});

test('bounded parsing is exact where it can be: table rows re-parsed after their header, blank runs skipped', () => {
  const rows = Array.from({ length: 1500 }, (_, i) => `| 第${i}项 | ${i} |`);
  const table = ['| 项目 | 数量 |', '| --- | ---: |', ...rows].join('\n');
  const blanks = '\n'.repeat(200);
  const text = `说明段落。\n\n${table}\n\n下一段。${blanks}再下一段。\n\n- 列表\n\n${'文字'.repeat(9000)}\n`;
  const pieces = parseSegment(text);
  const whole = parseSegment(text, Infinity);
  assert.deepEqual(pieces, whole);
  assert.equal(pieces.tables.length, 1);
  assert.equal(pieces.tables[0].rows.length, 1501);
  assert.equal(pieces.tables[0].caption?.text, '说明段落。');
  // A line longer than a piece is still one paragraph, and its text is capped.
  const long = `前言\n\n${'长'.repeat(200_000)}\n续行\n\n尾段`;
  const p = parseSegment(long);
  assert.deepEqual(
    p.blocks.map((b) => [b.kind, long.slice(b.span.start, b.span.end).length]),
    [
      ['paragraph', 2],
      ['paragraph', 200_003],
      ['paragraph', 2],
    ],
  );
  assert.equal(p.blocks[1].text.length, MAX_BLOCK_TEXT);
});

test('a work budget leaves the rest of a segment unparsed and says where; cached pieces cost nothing', () => {
  const text = Array.from({ length: 400 }, (_, i) => `段落${i}。\n`)
    .join('\n')
    .repeat(20);
  const p = parseSegment(text, { budget: 0 });
  assert.deepEqual(p.incomplete, { start: 0, end: text.length });
  assert.deepEqual(p.blocks, []);
  // One piece's worth: the parse stops at the first piece past the budget, the same place every time.
  const pieces: PieceCache = new Map();
  const work = noWork();
  const q = parseSegment(text, { budget: 1, pieces, work });
  assert.equal(work.pieces, 1);
  assert.ok(q.incomplete && q.incomplete.start > 0 && q.blocks.length > 0 && q.blocks.every((b) => b.span.end <= q.incomplete!.start));
  assert.deepEqual(parseSegment(text, { budget: 1 }), q);
  // Again with the pieces parsed before: they are free, so the parse goes one piece further.
  const again = noWork();
  const r = parseSegment(text, { budget: 1, pieces, work: again });
  assert.equal(again.pieces, 1);
  assert.ok(r.incomplete && r.incomplete.start > q.incomplete.start);
  // Until the whole segment is parsed: then it equals the parse without a budget.
  let last = r;
  for (let i = 0; i < 100 && last.incomplete; i++) last = parseSegment(text, { budget: 1, pieces });
  assert.deepEqual(last, parseSegment(text));
});

test('work units: characters, plus PIPE_WEIGHT for each table cell', () => {
  assert.equal(workUnits('段落'), 2);
  assert.equal(workUnits('| a | b |'), 9 + 3 * PIPE_WEIGHT);
});
