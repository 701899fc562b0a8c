/**
 * PDFs made the ways real ones are (npm run test:pdf): every fixture report exported to Word
 * by our exporter and converted to PDF by LibreOffice, printed from its web page by headless
 * Chromium (with the browser's header and footer, and a site's menus around the article), and
 * a scan made by rasterising a page and wrapping the picture as a PDF. Every figure of tables
 * 二/三/四 is compared with the source draft, and the findings of `check` on the PDF with those
 * on the Word or HTML version of the same report.
 *
 * Needs LibreOffice, poppler-utils and Chromium (scripts/pdf/setup.sh installs them). Without
 * them every test is SKIPPED with the reason printed; XXGK_REQUIRE_OFFICE=1 (npm run
 * test:pdf-ci, in npm test) turns the missing install into a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ImportError, exportDocx, exportHtml, importFile } from '../../../../server/src/io/index';
import { FIXTURES, cellsOf, findingsOf, fixtureReports } from '../../helpers';
import { chromium, officeSetup } from '../../../helpers/office';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CHROMIUM = chromium();
const {
  skip: SKIP,
  work,
  env,
  soffice,
} = officeSetup(['soffice', 'pdftoppm', 'pdftotext', 'chromium'], 'scripts/pdf/setup.sh', 'PDF tests');

/**
 * Prints a page to PDF with headless Chromium: with its default header and footer (date, title,
 * address, page count) as a browser prints a published page, or without them (`bare`).
 */
function chromiumPrint(html: string, pdf: string, bare = false): void {
  const r = spawnSync(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      ...(bare ? ['--no-pdf-header-footer'] : []),
      `--user-data-dir=${join(work, 'chromium')}`,
      `--print-to-pdf=${pdf}`,
      pathToFileURL(html).href,
    ],
    { env, encoding: 'utf8', timeout: 300_000 },
  );
  assert.ok(existsSync(pdf), `chromium printed ${html}: ${r.stderr}`);
}

const reports = SKIP ? [] : fixtureReports();
const name = (f: string) => relative(FIXTURES, f);

/** Every template figure of the draft equals the source's, cell by cell. */
function sameFigures(source: string, draft: string, what: string): void {
  const want = cellsOf(source);
  const got = cellsOf(draft);
  assert.ok(want.size > 0, `${what}: the source has tables`);
  for (const [k, v] of want) assert.equal(got.get(k), v, `${what}: ${k}`);
}

/**
 * The draft of a PDF may differ from the Word/HTML draft only in spacing (a PDF does not tell a
 * space typed between Chinese characters from the gap a justified line puts there); its findings
 * must not: the same rules on the same cells, messages equal but for the spaces they quote.
 */
function sameFindings(reference: string, draft: string, what: string): void {
  const plain = (m: string[]) => m.map((f) => f.replace(/\s+/g, ''));
  assert.deepEqual(plain(findingsOf(draft)), plain(findingsOf(reference)), what);
}

test('Word files converted to PDF by LibreOffice: every figure, the same findings as the Word file', { skip: SKIP }, async () => {
  const dir = join(work, 'word');
  mkdirSync(dir, { recursive: true });
  const docx: string[] = [];
  for (const [i, f] of reports.entries()) {
    const p = join(dir, `r${String(i).padStart(2, '0')}.docx`);
    writeFileSync(p, await exportDocx(readFileSync(f, 'utf8')));
    docx.push(p);
  }
  soffice(['--convert-to', 'pdf', '--outdir', dir, ...docx]);
  let crossing = 0;
  for (const [i, f] of reports.entries()) {
    const pdf = docx[i].replace(/\.docx$/, '.pdf');
    const fromPdf = await importFile(readFileSync(pdf), pdf);
    const fromWord = await importFile(readFileSync(docx[i]), docx[i]);
    sameFigures(readFileSync(f, 'utf8'), fromPdf.markdown, `${name(f)} (LibreOffice PDF)`);
    sameFindings(fromWord.markdown, fromPdf.markdown, `${name(f)} (LibreOffice PDF vs Word)`);
    // Table 三 crossing a page: its header on one page, its last rows on another.
    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
    const head = pages.findIndex((t) => t.includes('申请人情况'));
    const end = pages.findIndex((t) => /结转下年度继续办理/.test(t));
    if (head !== -1 && end > head) crossing++;
  }
  assert.ok(crossing >= 3, `table 三 crosses a page in ${crossing} of the reports`);
});

test(
  'web pages printed to PDF by Chromium (browser header and footer, site menus): every figure, the same findings as the page',
  { skip: SKIP },
  async () => {
    const dir = join(work, 'web');
    mkdirSync(dir, { recursive: true });
    // A published page: the site's menu and breadcrumb above the article, its footer below.
    const chrome = (page: string) =>
      page
        .replace(
          /<body[^>]*>/,
          (b) =>
            `${b}<div class="nav">首页 | 政务公开 | 政府信息公开年报 | 互动交流</div><div>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>`,
        )
        .replace('</body>', '<div>网站标识码：3715210001　鲁ICP备05012345号</div><div>主办单位：某县人民政府办公室</div></body>');
    for (const [i, f] of reports.entries()) {
      const md = readFileSync(f, 'utf8');
      const page = chrome(exportHtml(md));
      const html = join(dir, `r${String(i).padStart(2, '0')}.html`);
      writeFileSync(html, page);
      const pdf = html.replace(/\.html$/, '.pdf');
      chromiumPrint(html, pdf);
      const fromPdf = await importFile(readFileSync(pdf), pdf);
      const fromPage = await importFile(Buffer.from(page), html);
      sameFigures(md, fromPdf.markdown, `${name(f)} (Chromium PDF)`);
      sameFindings(fromPage.markdown, fromPdf.markdown, `${name(f)} (Chromium PDF vs web page)`);
      assert.doesNotMatch(fromPdf.markdown, /网站标识码|当前位置|file:\/\//, name(f));
    }
  },
);

test('a scan (a page rasterised and wrapped as a picture PDF) is refused: import exits 2 with the message', { skip: SKIP }, async () => {
  const dir = join(work, 'scan');
  mkdirSync(dir, { recursive: true });
  const source = reports.find((f) => f.endsWith('seed-000.md'))!;
  const docx = join(dir, 'seed.docx');
  writeFileSync(docx, await exportDocx(readFileSync(source, 'utf8')));
  soffice(['--convert-to', 'pdf', '--outdir', dir, docx]);
  execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '2', join(dir, 'seed.pdf'), join(dir, 'page')]);
  const pngs = ['page-1.png', 'page-2.png'].map((p) => join(dir, p));
  const html = join(dir, 'scan.html');
  writeFileSync(
    html,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>扫描件</title><style>@page{margin:0}body{margin:0}img{width:100%;display:block;page-break-after:always}</style></head><body>${pngs.map((p) => `<img src="${pathToFileURL(p).href}">`).join('')}</body></html>`,
  );
  const scan = join(dir, 'scan.pdf');
  chromiumPrint(html, scan, true);
  assert.equal(execFileSync('pdftotext', [scan, '-'], { encoding: 'utf8' }).trim(), '', 'the scan has no text layer');
  await assert.rejects(
    () => importFile(readFileSync(scan), scan),
    (e: unknown) => e instanceof ImportError && /扫描件（图片），没有可读取的文字/.test(e.msg.zh),
  );
  const cli = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server', 'src', 'cli.ts'), 'import', scan, '-o', join(dir, 'scan.md')],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  assert.equal(cli.status, 2, cli.stderr);
  assert.match(cli.stderr, /扫描件（图片），没有可读取的文字/);
  assert.equal(existsSync(join(dir, 'scan.md')), false);
});
