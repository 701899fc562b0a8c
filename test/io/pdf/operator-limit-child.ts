/**
 * Run in a child process by read.test.ts: PDFs whose page passes a lowered operator limit,
 * read several times in a row. pdf.js rejects one of its own promises late when a list is
 * stopped (a cancelled stream's sink nobody awaits); in a test process node:test would count
 * that against whatever test runs then, and without the reader's guard Node ends the process
 * on it. Prints what was read as JSON; the exit code says whether the process survived.
 */
import { readPdfWithNotes } from '../../../server/src/io/index';
import { PDF_LIMITS } from '../../../server/src/io/pdf/limits';
import { makePdf } from './make-pdf';

async function main(): Promise<void> {
  const bytes = makePdf([
    { texts: [{ x: 72, y: 80, text: '某县人民政府2023年政府信息公开工作年度报告', size: 18 }] },
    { raw: '0 0 m 1 1 l S\n'.repeat(4000), compress: true },
  ]);
  const limited = [];
  for (let i = 0; i < 4; i++) limited.push(await readPdfWithNotes(bytes, { ...PDF_LIMITS, maxOperatorsPerPage: 2000 }));
  const whole = await readPdfWithNotes(bytes);
  // Let pdf.js's late work run out before the answer is given.
  for (let turn = 0; turn < 50; turn++) await new Promise((done) => setImmediate(done));
  const first = limited[0].doc.blocks[0] as { text?: string };
  process.stdout.write(JSON.stringify({ title: first.text, limited: limited.map((r) => r.notes), whole: whole.notes }));
}

void main();
