/**
 * The plain reader (core/markdown-plain.ts) against remark: on every document it takes, it
 * must give exactly the blocks, tables, cells and spans remark gives; everything else it must
 * decline. Stored drafts, the rendered skeleton and next-year drafts, and documents generated
 * (fast-check) from the lines that tell the two apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parsePlain } from '../../server/src/core/markdown-plain';
import { parseSegment, parseWithRemark } from '../../server/src/core/markdown';
import { renderSkeleton } from '../../server/src/core/index';

const ROOT = join(__dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

/** Whether the plain reader took `text`; throws when it took it and differs from remark. */
function agrees(text: string): boolean {
  const plain = parsePlain(text);
  if (!plain) return false;
  assert.deepStrictEqual(plain, parseWithRemark(text), `plain and remark differ on ${JSON.stringify(text.slice(0, 300))}`);
  return true;
}

test('stored drafts: the plain reader takes the report drafts and agrees with remark on each', () => {
  const files = [...markdownFiles(join(ROOT, 'examples')), ...markdownFiles(join(ROOT, 'test', 'fixtures'))];
  const taken = files.filter((f) => agrees(readFileSync(f, 'utf8')));
  // The example and the clean drafts are what users write: they must take the fast path.
  for (const must of ['examples/安乐镇人民政府-2023.md', 'test/fixtures/clean/town-2024.md', 'test/fixtures/clean/department-2023.md'])
    assert.ok(
      taken.some((f) => f.endsWith(must)),
      `${must} should be read without remark`,
    );
  assert.ok(taken.length >= files.length / 2, `${taken.length} of ${files.length} taken`);
});

test('the skeleton, each of its sections, and the texts with CRLF line ends agree', () => {
  const skeleton = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');
  assert.ok(agrees(skeleton));
  assert.ok(agrees(skeleton.replace(/\n/g, '\r\n')));
  for (const section of skeleton.split(/\n(?=## )/)) assert.ok(agrees(section));
});

test('what the plain reader declines', () => {
  const declined = [
    '- 列表项',
    '1. 第一',
    '> 引用',
    '    缩进代码',
    '```\n代码\n```',
    '<!-- 注释 -->',
    '段落\n===',
    '段落\n---',
    '***',
    '[x]: http://example.com',
    '| a |\n| --- |\n接着的懒行',
    '段落\n| a |\n| --- |',
    '| a | b |\n| --- |',
    '| a \\| b |\n| --- |',
    '\t制表符开头',
    'a\rb',
  ];
  for (const text of declined) assert.equal(parsePlain(text), undefined, JSON.stringify(text));
  // Inline things mid-line change no block: taken, and as remark reads them.
  for (const text of ['网站(<http://www.gov.cn>)', '行内 `代码` 与 \\* 转义', '**第二十条第（一）项**', '*强调*文字', '2023年 1.5 万条'])
    assert.ok(agrees(text), JSON.stringify(text));
});

test('a row with spaces after its closing pipe: the last cell is its figure, in both readers', () => {
  const text = '| 项目 | 数量 |\n| --- | --- |\n| 规章 | 2 |  \n| 文件 | 3 |\t\n';
  assert.ok(agrees(text));
  const cells = parseSegment(text).tables[0].rows.map((r) => r.cells.map((c) => c.raw));
  assert.deepEqual(cells, [
    ['项目', '数量'],
    ['规章', '2'],
    ['文件', '3'],
  ]);
});

/** The lines that tell a plain document from others, and near misses of each. */
const LINES = [
  '',
  '   ',
  '\t',
  '# 一、总体情况',
  '## （二）依申请公开 ##',
  '### 标题 #  ',
  '#',
  '####### 七级',
  '#标题',
  '段落文字，2023年共收到申请 12 件。',
  '**第二十条第（一）项**',
  '*强调*',
  '* 列表',
  '***',
  '* * *',
  '**',
  '- 列表',
  '-5 件',
  '+ 加号',
  '1. 有序',
  '1.其他',
  '2)项',
  '12345',
  '> 引用',
  '    缩进',
  '   三个空格',
  '\u3000\u3000全角空格开头',
  '\u00a0不间断空格',
  '===',
  '---',
  '___',
  '```',
  '~~~',
  '<!-- 注释 -->',
  '<div>',
  '网站(<http://www.gov.cn>)。',
  '行内 `代码` 与 \\* 转义',
  '[定义]: http://x',
  '[^注]: 脚注',
  '| 信息内容 | 本年制发件数 |',
  '| --- | ---: |',
  '|:-:|-|',
  '| --- |',
  '|---|---|---|',
  '| 规章 | 0 |',
  '| 规章 | 0 |  ',
  '|规章|0',
  '| a | b | c | d |',
  '| 只有一格 |',
  '|',
  '||',
  '|  | x',
  '| 转义 \\| 竖线 | 1 |',
  '| **（七）总计** | 1 |',
  '|\t制表\t|\t2\t|',
  'a | b',
  '| a |\r',
  // A header and its delimiter row together, so that generated documents hold tables often.
  '| 信息内容 | 本年制发件数 |\n| --- | ---: |',
  '| 项目 |\n|---|',
  '| a | b | c |\n|:-|:-:|-:|',
  '| a | b |\n| --- | --- | --- |',
];

/** Lines of a plain document, drawn more often so that many generated documents are taken. */
const PLAIN = [
  '',
  '# 一、总体情况',
  '段落文字，2023年共收到申请 12 件。',
  '**第二十条第（一）项**',
  '| 规章 | 0 |',
  '| 规章 | 0 |  ',
  '|  | x',
  '| 信息内容 | 本年制发件数 |\n| --- | ---: |',
  '| 项目 |\n|---|',
];

const documents = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 3 }, { arbitrary: fc.constantFrom(...LINES), weight: 1 }), {
    minLength: 1,
    maxLength: 16,
  })
  .chain((lines) => fc.tuple(fc.constant(lines), fc.constantFrom('\n', '\r\n'), fc.boolean()))
  .map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ''));

test('generated documents: whatever the plain reader takes, remark reads the same way', () => {
  let taken = 0;
  let tables = 0;
  fc.assert(
    fc.property(documents, (text) => {
      if (agrees(text)) {
        taken++;
        if (parsePlain(text)!.tables.length) tables++;
      }
    }),
    { numRuns: 3000, seed: 20261208 },
  );
  // The property must have something to compare: a good share taken, tables among them.
  assert.ok(taken > 150, `only ${taken} of 3000 documents taken`);
  assert.ok(tables > 30, `only ${tables} taken documents hold a table`);
});

test('generated report-like documents (blank-separated blocks) are mostly taken, and agree', () => {
  const block = fc.oneof(
    fc.constantFrom('# 标题', '## 二、主动公开政府信息情况', '段落，共 3 件。', '**第二十条第（五）项**', '第一行\n第二行  '),
    fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 6 }), fc.boolean())
      .map(([cols, rows, trailing]) =>
        [
          `| ${Array.from({ length: cols }, (_, i) => `列${i}`).join(' | ')} |`,
          `|${' --- |'.repeat(cols)}`,
          ...Array.from(
            { length: rows },
            (_, r) => `| ${Array.from({ length: cols + (r % 3) - 1 }, (_, i) => String(r * i)).join(' | ')} |${trailing ? '  ' : ''}`,
          ),
        ].join('\n'),
      ),
  );
  let taken = 0;
  fc.assert(
    fc.property(fc.array(block, { minLength: 1, maxLength: 10 }), (blocks) => {
      if (agrees(blocks.join('\n\n'))) taken++;
    }),
    { numRuns: 500, seed: 7 },
  );
  assert.equal(taken, 500);
});
