/**
 * A PDF whose content is far beyond a report (npm run test:robustness; moved from
 * test/io/pdf/read.test.ts, too heavy for the unit tests, which keep the same case at a
 * lowered limit): a compressed page of a million operators at the real limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdfWithNotes } from '../../../server/src/io/index';
import { PDF_LIMITS } from '../../../server/src/io/pdf/limits';
import { makePdf } from '../pdf/make-pdf';

test('hostile: a compressed page of a million operators is cut at the limit, the other pages read', async () => {
  const many = '0 0 m 1 1 l S\n'.repeat(400_000);
  const bytes = makePdf([
    { texts: [{ x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 }] },
    { raw: many, compress: true },
  ]);
  assert.ok(bytes.length < 200_000, `the file is small (${bytes.length} bytes), its content is not`);
  const before = process.memoryUsage().rss;
  const r = await readPdfWithNotes(bytes);
  const grown = process.memoryUsage().rss - before;
  assert.ok(
    r.notes.some((n) => n.text === '第2页' && /上限/.test(n.message.zh)),
    JSON.stringify(r.notes),
  );
  assert.ok(grown < 400 * 1024 * 1024, `memory grew ${grown} bytes`);
  assert.ok(PDF_LIMITS.maxOperatorsPerPage < 1_200_000);
});
