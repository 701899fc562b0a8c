/**
 * Text stays text (issue 22.5): what a page, a Word file or the clipboard says is written into
 * the draft escaped (core/text/escape.ts), so it never becomes live HTML or Markdown — in the
 * preview it shows as the same characters — and the export reads it back exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { reportTablesPlugin, type MarkdownItLike } from '../../client/src/preview';
import { analyze } from '../../server/src/core/index';
import { mapDocument, readPlainText } from '../../server/src/core/grid/index';
import type { GridBlock } from '../../server/src/core/grid/index';
import { escapeCell, escapeInline, escapeParagraph } from '../../server/src/core/text/escape';
import { exportModel } from '../../server/src/io/index';
import { cellText, visibleText } from '../../server/src/io/export-text';
import { exportHtml, importFile } from '../../server/src/io/index';
import { rng } from '../helpers/draft';

const require = createRequire(import.meta.url);

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("x")</script>',
  '&lt;b&gt; 与 &amp; 和 &#60;',
  '`code` 与 ``两个``',
  '**粗体** 和 *斜体* 和 _下划线_ 和 ~~删除~~',
  '[链接](javascript:alert(1)) 与 ![图](http://example.invalid/x.png)',
  '<http://example.invalid> 与 <!-- 注释 -->',
  'a | b | c',
  'C:\\路径\\文件 与 \\* 与 \\\\',
];
const LEADING = [
  '# 不是标题',
  '> 不是引用',
  '- 不是列表',
  '+ 不是列表',
  '1. 不是列表',
  '2023) 不是列表',
  '---',
  '***',
  '| 不是表格 |',
  '===',
];

function render(markdown: string): string {
  const MarkdownIt = require('markdown-it');
  const md = new MarkdownIt({ html: true, linkify: true });
  md.use((m: MarkdownItLike) => reportTablesPlugin(m));
  return md.render(markdown) as string;
}

test('escaping is invisible: the text a reader of the draft sees is the source text, for every character', () => {
  for (const s of [...HOSTILE, ...LEADING]) {
    assert.equal(visibleText(escapeParagraph(s)), s, s);
    assert.equal(visibleText(escapeInline(s)), s, s);
    assert.equal(cellText(escapeCell(s)), s, s);
  }
  // Any mix of ASCII punctuation, letters and Chinese, seeded.
  const r = rng(22);
  const alphabet = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ ab1汉字';
  for (let i = 0; i < 500; i++) {
    const s = Array.from({ length: 1 + Math.floor(r() * 12) }, () => alphabet[Math.floor(r() * alphabet.length)])
      .join('')
      .trim();
    assert.equal(visibleText(escapeParagraph(s)), s, JSON.stringify(s));
  }
});

test('escaped text renders as text in a Markdown renderer with HTML on: no tag, entity, code, emphasis, link, list or heading', () => {
  for (const s of [...HOSTILE, ...LEADING]) {
    const html = render(escapeParagraph(s));
    assert.match(html, /^<p>[^]*<\/p>\n$/, `${s} → ${html}`);
    assert.doesNotMatch(html, /<(?:img|script|code|strong|em|s|h\d|ul|ol|blockquote|hr|table)[\s>]/, `${s} → ${html}`);
    // Only a bare web address may become a link (the renderer's linkify), never a written link or image.
    assert.doesNotMatch(html, /<a (?!href="https?:\/\/[^"]*">https?:)/, `${s} → ${html}`);
  }
  assert.equal(render(escapeParagraph('<img src=x onerror=alert(1)>')), '<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
  assert.equal(render(escapeParagraph('&lt;b&gt;')), '<p>&amp;lt;b&amp;gt;</p>\n');
});

/** A page whose visible text says `<img …>` and `<script>`, in paragraphs, a heading and table cells. */
const PAGE: GridBlock[] = [
  { kind: 'paragraph', text: '某某局2023年政府信息公开工作年度报告' },
  { kind: 'paragraph', text: '一、总体情况' },
  { kind: 'paragraph', text: '（一）主动公开<script>' },
  { kind: 'paragraph', text: '网页上写着 <img src=x onerror=alert(1)> 和 <script>alert(1)</script>。' },
  { kind: 'paragraph', text: '1. 第一条 `代码` 与 **不是粗体**' },
  { kind: 'paragraph', text: '# 不是标题' },
  {
    kind: 'table',
    rows: [
      [{ text: '名称' }, { text: '说明' }],
      [{ text: 'a | b' }, { text: '<b>粗</b> &amp;' }],
    ],
  },
];

test('an imported page: its text is escaped in the draft and comes out as visible text in the preview', () => {
  const { markdown } = mapDocument({ blocks: PAGE });
  assert.match(markdown, /\n### （一）主动公开\\<script>\n/);
  assert.match(markdown, /\n网页上写着 \\<img src=x onerror=alert\(1\)> 和 \\<script>alert\(1\)\\<\/script>。\n/);
  assert.match(markdown, /\n1\\\. 第一条 \\`代码\\` 与 \\\*\\\*不是粗体\\\*\\\*\n/);
  assert.match(markdown, /\n\\# 不是标题\n/);
  assert.match(markdown, /\| a \\\| b \| \\<b>粗\\<\/b> \\&amp; \|/);
  const html = render(markdown);
  assert.doesNotMatch(html, /<img|<script|<b>|<code>|<strong>|<h1>不是/);
  assert.match(html, /网页上写着 &lt;img src=x onerror=alert\(1\)&gt; 和 &lt;script&gt;alert\(1\)&lt;\/script&gt;。/);
  assert.match(html, /<td>&lt;b&gt;粗&lt;\/b&gt; &amp;amp;<\/td>/);
  // The checker reads the same text.
  const a = analyze(markdown);
  assert.ok(a.model.isReport);
  // Pasted plain text goes the same way.
  const pasted = mapDocument(readPlainText('一、总体情况\n\n<img src=x onerror=alert(1)>\n')).markdown;
  assert.match(pasted, /\n\\<img src=x onerror=alert\(1\)>\n/);
});

test('round trip: the export reads the escaped text back exactly, and import(export(x)) keeps text and figures', async () => {
  const { markdown } = mapDocument({ blocks: PAGE });
  const model = exportModel(markdown);
  const texts = model.blocks.flatMap((b) =>
    'text' in b ? [b.text] : b.kind === 'table' ? [...b.headerRows, ...b.bodyRows].flat().map((c) => c.text) : [],
  );
  assert.ok(texts.includes('网页上写着 <img src=x onerror=alert(1)> 和 <script>alert(1)</script>。'), texts.join('\n'));
  assert.ok(texts.includes('1. 第一条 `代码` 与 **不是粗体**'));
  assert.ok(texts.includes('# 不是标题'));
  assert.ok(texts.includes('a | b') && texts.includes('<b>粗</b> &amp;'));
  // Through the exported web page and back: the same draft text.
  const back = (await importFile(Buffer.from(exportHtml(markdown)), 'x.html')).markdown;
  for (const line of [
    '网页上写着 \\<img src=x onerror=alert(1)> 和 \\<script>alert(1)\\</script>。',
    '\\# 不是标题',
    '1\\. 第一条 \\`代码\\` 与 \\*\\*不是粗体\\*\\*',
  ])
    assert.ok(back.includes(line), `${line}\n---\n${back}`);
});
