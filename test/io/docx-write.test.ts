/**
 * The Word writer (io/docx-write.ts) writes the package the `docx` library wrote before it, byte
 * for byte (test/io/docx-reference.ts is that writer, kept as the oracle): for real reports,
 * the fixtures and generated drafts, and for generated export models that reach what a draft
 * rarely does (cells merged over many rows and columns, merges past the last row, rows left
 * without a cell, texts with markup characters, control characters and line breaks, quotes,
 * list markers, empty titles).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import type { LayoutCell, LayoutCellKind } from '../../server/src/core/table-layout';
import { crc32, inflateRawSync } from 'node:zlib';
import { modelToDocx, packFixedParts } from '../../server/src/io/docx-write';
import type { ExportBlock, ExportModel, ExportTable } from '../../server/src/io/export-model';
import { exportModel } from '../../server/src/io/index';
import { exportMark } from '../../server/src/io/export-mark';
import { generateReport } from '../helpers/draft';
import { referenceDocx } from './docx-reference';
import { FIXTURES } from './helpers';

const ROOT = join(__dirname, '..', '..');

/** Where two packages first differ: the part and the text around the first different character. */
function firstDifference(ours: Uint8Array, theirs: Uint8Array): string {
  const a = unzipSync(ours);
  const b = unzipSync(theirs);
  const names = (x: Record<string, Uint8Array>) => Object.keys(x).join(', ');
  if (names(a) !== names(b)) return `parts: ${names(a)} ≠ ${names(b)}`;
  for (const name of Object.keys(a)) {
    const x = strFromU8(a[name]);
    const y = strFromU8(b[name]);
    if (x === y) continue;
    let i = 0;
    while (x[i] === y[i]) i++;
    return `${name} at ${i}: …${x.slice(Math.max(0, i - 120), i + 120)}… ≠ …${y.slice(Math.max(0, i - 120), i + 120)}…`;
  }
  return 'the same parts, different zip bytes';
}

async function assertSame(model: ExportModel, what: string): Promise<void> {
  const ours = modelToDocx(model);
  const theirs = await referenceDocx(model);
  if (Buffer.compare(Buffer.from(ours), Buffer.from(theirs)) !== 0) assert.fail(`${what}: ${firstDifference(ours, theirs)}`);
}

function drafts(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of [join(ROOT, 'examples'), ...['clean', 'real-variants', 'seeds', 'other'].map((d) => join(FIXTURES, d))])
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.md'))
      .sort())
      out.push([f, readFileSync(join(dir, f), 'utf8')]);
  for (const seed of [1, 7, 12, 40]) out.push([`generated ${seed}`, generateReport({ seed })]);
  return out;
}

test('docx writer: every example, fixture and generated draft as the docx library wrote it, byte for byte', async () => {
  const all = drafts();
  assert.ok(all.length >= 15, `drafts: ${all.length}`);
  let tables = 0;
  for (const [name, markdown] of all) {
    const model = exportModel(markdown);
    tables += model.blocks.filter((b) => b.kind === 'table').length;
    await assertSame(model, name);
  }
  assert.ok(tables >= 30, `tables compared: ${tables}`);
});

test('docx writer: markup characters escaped, the mark readable as ours', () => {
  const markdown = `# A & B "单位" 's\n\n段落 a < b && c > d "q" 'a'\n`;
  const data = modelToDocx(exportModel(markdown));
  const parts = unzipSync(data);
  const document = strFromU8(parts['word/document.xml']);
  assert.match(document, /a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &apos;a&apos;/);
  assert.equal(exportMark(data), 'ours');
  assert.equal(strFromU8(parts['docProps/core.xml']).includes('<dc:title>'), true);
});

// ---------------------------------------------------------------------------
// Generated models

const TEXT_CHARS = [
  '政',
  '府',
  '信',
  '息',
  '1',
  '0',
  ' ',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\n',
  '\t',
  '\u0001',
  '\u000b',
  '（',
  '）',
  'a',
  '%',
  '.',
];
const text = (max: number) => fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: max }).map((cs) => cs.join(''));
const KINDS: LayoutCellKind[] = ['value', 'row-label', 'corner', 'column-header', 'block-label'];

/** A table of `rows` rows over `columns` grid columns: cells placed left to right with random merges. */
const table: fc.Arbitrary<ExportTable> = fc
  .record({
    columns: fc.integer({ min: 1, max: 7 }),
    headerCount: fc.integer({ min: 0, max: 2 }),
    rows: fc.integer({ min: 1, max: 7 }),
    seedCells: fc.array(
      fc.record({
        colSpan: fc.integer({ min: 1, max: 3 }),
        rowSpan: fc.integer({ min: 1, max: 4 }),
        kind: fc.constantFrom(...KINDS),
        text: text(14),
        skip: fc.integer({ min: 0, max: 5 }),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    keep: fc.array(fc.boolean(), { maxLength: 8 }),
  })
  .map(({ columns, headerCount, rows, seedCells, keep }) => {
    const all: LayoutCell[][] = [];
    let k = 0;
    for (let r = 0; r < rows + headerCount; r++) {
      const row: LayoutCell[] = [];
      for (let col = 0; col < columns;) {
        const s = seedCells[k++ % seedCells.length];
        // Some places left to the merges from above (or to nothing: rows with gaps, rows without a cell).
        if (s.skip === 0) {
          col++;
          continue;
        }
        const colSpan = Math.min(s.colSpan, columns - col);
        row.push({ text: s.text, rowSpan: s.rowSpan, colSpan, col, kind: s.kind });
        col += colSpan;
      }
      all.push(row);
    }
    return {
      kind: 'table' as const,
      columnCount: columns,
      headerRows: all.slice(0, headerCount),
      bodyRows: all.slice(headerCount),
      keepNext: all.slice(headerCount).map((_, i) => keep[i % Math.max(1, keep.length)] ?? false),
    };
  });

const block: fc.Arbitrary<ExportBlock> = fc.oneof(
  fc.record({ kind: fc.constant('title' as const), lines: fc.array(text(20), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('heading' as const), level: fc.constantFrom(1 as const, 2 as const, 3 as const), text: text(20) }),
  fc.record({ kind: fc.constant('signature' as const), text: text(12) }),
  fc.record(
    {
      kind: fc.constant('paragraph' as const),
      text: text(40),
      list: fc.constantFrom('1.', '12)', '•'),
      quote: fc.integer({ min: 1, max: 3 }),
      code: fc.constant(true),
    },
    { requiredKeys: ['kind', 'text'] },
  ),
  table,
);

test('docx writer: generated models as the docx library wrote them, byte for byte', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(block, { minLength: 0, maxLength: 6 }), fc.option(text(30), { nil: undefined }), (blocks, title) =>
      assertSame({ title, blocks, removed: { count: 0 } }, 'generated model'),
    ),
    { seed: 20, numRuns: 150 },
  );
});

test('docx writer: the fixed parts packed at build time give the same file as packed at export', () => {
  const packed = packFixedParts();
  assert.equal(Object.keys(packed).length, 18);
  for (const [name, p] of Object.entries(packed)) {
    const bytes = inflateRawSync(Buffer.from(p.deflated, 'base64'));
    assert.equal(bytes.length, p.size, name);
    assert.equal(crc32(bytes), p.crc, name);
  }
  const model = exportModel(generateReport({ seed: 3 }));
  const atExport = modelToDocx(model);
  const global = globalThis as { XXGK_DOCX_FIXED_PACKED?: boolean; XXGK_DOCX_FIXED_PARTS?: unknown };
  global.XXGK_DOCX_FIXED_PACKED = true;
  global.XXGK_DOCX_FIXED_PARTS = packed;
  try {
    assert.deepEqual(modelToDocx(model), atExport);
    // The bundle's parts are used as they are: a part packed differently would show in the file.
    global.XXGK_DOCX_FIXED_PARTS = { ...packed, 'docProps/app.xml': packed['_rels/.rels'] };
    assert.notDeepEqual(modelToDocx(model), atExport);
  } finally {
    delete global.XXGK_DOCX_FIXED_PACKED;
    delete global.XXGK_DOCX_FIXED_PARTS;
  }
});
