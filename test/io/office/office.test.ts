/**
 * A real word processor on our files (npm run test:office): LibreOffice converts the HTML
 * fixtures to .docx (Word files written by other software) and we import them; it converts
 * every exported .docx to PDF without error; the first page with table 三 is rendered to PNG.
 * XXGK_DOCS=1 also writes the README pictures docs/export-word.png and docs/import-draft.png.
 *
 * Needs scripts/libreoffice/setup.sh (LibreOffice Writer, Noto CJK, poppler-utils). Without
 * LibreOffice every test here is SKIPPED with the reason printed: never a silent pass
 * (XXGK_REQUIRE_OFFICE=1 turns the missing install into a failure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportDocx, importFile } from '../../../server/src/io/index';
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../../../server/src/core/template';
import { FIXTURES, IO_FIXTURES, cellsOf, fixtureReports as reports } from '../helpers';
import { t3value } from '../make';
import { officeSetup } from '../../helpers/office';
const ROOT = join(__dirname, '..', '..', '..');
const {
  skip: SKIP,
  work,
  soffice,
} = officeSetup(['soffice', 'pdftoppm', 'pdftotext', 'pdfinfo'], 'scripts/libreoffice/setup.sh', 'office tests');

test('HTML pages converted to .docx by LibreOffice import with every figure of table 三', { skip: SKIP }, async () => {
  const dir = join(work, 'html');
  mkdirSync(dir, { recursive: true });
  const pages = readdirSync(join(IO_FIXTURES, 'html')).filter((f) => f.endsWith('.html'));
  for (const p of pages) copyFileSync(join(IO_FIXTURES, 'html', p), join(dir, p));
  soffice([
    '--infilter=HTML (StarWriter)',
    '--convert-to',
    'docx:MS Word 2007 XML',
    '--outdir',
    join(work, 'lo'),
    ...pages.map((p) => join(dir, p)),
  ]);
  for (const p of pages) {
    const docx = join(work, 'lo', p.replace(/\.html$/, '.docx'));
    assert.ok(existsSync(docx), `${p} converted`);
    const r = await importFile(readFileSync(docx), docx);
    assert.equal(r.kind, 'docx');
    const cells = cellsOf(r.markdown);
    TABLE3_ROWS.forEach((row, i) =>
      TABLE3_COLUMNS.forEach((c, j) => assert.equal(cells.get(`table3.${row.id}.${c.id}`), t3value(i, j), `${p} ${row.id} ${c.id}`)),
    );
    assert.equal(cells.get('table2.item8.fees.feeAmount'), '12.3456', p);
    assert.equal(cells.get('table4.data.afterReview.pending'), '13', p);
  }
});

test('every exported .docx opens in LibreOffice and converts to PDF; the table page renders to PNG', { skip: SKIP }, async () => {
  const dir = join(work, 'export');
  mkdirSync(dir, { recursive: true });
  const files = reports();
  const names: string[] = [];
  for (const [i, f] of files.entries()) {
    const name = join(dir, `r${String(i).padStart(2, '0')}.docx`);
    writeFileSync(name, await exportDocx(readFileSync(f, 'utf8')));
    names.push(name);
  }
  soffice(['--convert-to', 'pdf', '--outdir', join(work, 'pdf'), ...names]);
  for (const i of names.keys()) {
    const pdf = join(work, 'pdf', `r${String(i).padStart(2, '0')}.pdf`);
    assert.ok(existsSync(pdf), `${relative(FIXTURES, files[i])}: PDF written`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    assert.ok(pages >= 1, `${relative(FIXTURES, files[i])}: ${pages} pages`);
  }
  // The README picture: the first page of seed 000's export that shows table 三.
  const seed = names[files.findIndex((f) => f.endsWith('seed-000.md'))];
  const pdf = join(
    work,
    'pdf',
    seed
      .split('/')
      .pop()!
      .replace(/\.docx$/, '.pdf'),
  );
  const text = (p: number) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
  let page = 1;
  while (!text(page).includes('申请人情况')) page++;
  assert.match(text(page), /法人或其他组织/);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(work, 'export-word')]);
  const png = readFileSync(join(work, 'export-word.png'));
  assert.ok(png.length > 10_000, 'a real picture');
  if (process.env.XXGK_DOCS) {
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(join(ROOT, 'docs', 'export-word.png'), png);
  }
});

test('the imported draft of a web page renders (picture for the README)', { skip: SKIP }, async () => {
  const page = 'word-export-gbk.html';
  const draft = (await importFile(readFileSync(join(IO_FIXTURES, 'html', page)), page)).markdown;
  // The draft as a user sees it in the editor: its Markdown source, from section 三 on.
  const from = draft.indexOf('## 三、');
  const lines = draft
    .slice(from)
    .split('\n')
    .slice(0, 20)
    .map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:250mm 100mm;margin:6mm}body{margin:0}pre{font-family:"Noto Sans Mono CJK SC",monospace;font-size:8pt;line-height:1.5;white-space:pre}</style></head><body><pre>${lines.join('\n')}</pre></body></html>`;
  const src = join(work, 'import-draft.html');
  writeFileSync(src, html);
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'pdf', '--outdir', join(work, 'draft'), src]);
  const pdf = join(work, 'draft', 'import-draft.pdf');
  assert.ok(existsSync(pdf));
  execFileSync('pdftoppm', ['-png', '-r', '90', '-f', '1', '-l', '1', '-singlefile', pdf, join(work, 'import-draft')]);
  const png = readFileSync(join(work, 'import-draft.png'));
  assert.ok(png.length > 10_000);
  if (process.env.XXGK_DOCS) writeFileSync(join(ROOT, 'docs', 'import-draft.png'), png);
});
