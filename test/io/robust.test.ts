import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ImportError, exportDocx, exportHtml, importFile, importHtml, importText } from '../../server/src/io/index';
import { IO_FIXTURES, readFixture } from './helpers';

/** A small deterministic generator (tests must not depend on luck). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function survives(f: () => unknown): Promise<void> {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
  }
}

test('bad input never crashes: damaged .docx packages give a result or a clear ImportError', async () => {
  const good = await exportDocx(readFixture('clean/town-2024.md'));
  const r = rng(1);
  for (let i = 0; i < 60; i++) {
    const bad = new Uint8Array(good);
    for (let k = 0; k < 1 + Math.floor(r() * 20); k++) bad[Math.floor(r() * bad.length)] = Math.floor(r() * 256);
    await survives(() => importFile(bad, 'x.docx'));
    await survives(() => importFile(bad.subarray(0, Math.floor(r() * bad.length)), 'x.docx'));
  }
  // Odd but well-formed XML: unknown elements, empty tables, spans beyond the grid.
  const xml =
    '<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/><w:vMerge/></w:tcPr></w:tc></w:tr><w:tr/></w:tbl><w:tbl/><w:p><w:r><w:t/></w:r></w:p><x:y/></w:body></w:document>';
  await survives(() => importFile(zipSync({ 'word/document.xml': strToU8(xml) }), 'odd.docx'));
});

test('bad input never crashes: HTML and text fragments', async () => {
  const page = readFileSync(join(IO_FIXTURES, 'html', 'ueditor-chrome.html'), 'utf8');
  const r = rng(2);
  const pieces = [
    '<table>',
    '</table>',
    '<tr>',
    '<td rowspan="0">',
    '<td colspan="-3">',
    '<td rowspan="9999">',
    '</td>',
    '<p>',
    '\t',
    '\n',
    '一、总体情况',
    '0',
    '（三）不予公开',
    '&nbsp;',
    '<!--[if',
    '<![endif]-->',
    '\u3000',
    '|',
    '<br>',
  ];
  for (let i = 0; i < 80; i++) {
    const at = Math.floor(r() * page.length);
    const junk = Array.from({ length: 1 + Math.floor(r() * 12) }, () => pieces[Math.floor(r() * pieces.length)]).join('');
    const mutated = page.slice(0, at) + junk + page.slice(at + Math.floor(r() * 200));
    await survives(() => importHtml(mutated));
    await survives(() => importText(junk.replace(/<[^>]*>/g, '\t')));
  }
  assert.equal(typeof importText('').markdown, 'string');
  assert.equal(typeof importHtml('').markdown, 'string');
});

test('export never crashes on drafts that are not reports', async () => {
  for (const md of ['', '# 标题', '| a |\n| - |\n| 1 |', '## 三、收到和处理政府信息公开申请情况\n\n| x |\n| --- |\n| 1 |']) {
    assert.ok((await exportDocx(md)).length > 1000);
    assert.match(exportHtml(md), /<\/html>/);
  }
});
