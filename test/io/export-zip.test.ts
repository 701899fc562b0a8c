/**
 * The zip of a .docx export (io/export-zip.ts): what fflate and our own reader read back is what
 * was written, in order, with the fixed date; and the parts docx compiles (Packer's compiler)
 * give the same file as the parts of docx's own packed file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { Packer } from 'docx';
import { writeZip } from '../../server/src/io/export-zip';
import { readZipParts } from '../../server/src/io/zip';
import { exportDocx } from '../../server/src/io/index';
import { readFixture } from './helpers';

test('export zip: every entry reads back, in order, with the fixed date, by fflate and by our reader', () => {
  const big = strToU8('政府信息公开'.repeat(50_000));
  const entries: [string, Uint8Array][] = [
    ['[Content_Types].xml', strToU8('<?xml version="1.0"?><Types/>')],
    ['word/document.xml', big],
    ['word/empty.xml', new Uint8Array(0)],
    ['word/media/bytes.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) & 0xff)],
  ];
  const zip = writeZip(entries);
  assert.ok(zip.length < big.length / 10, 'compressed');
  const back = unzipSync(zip);
  assert.deepEqual(
    Object.keys(back),
    entries.map(([n]) => n),
  );
  for (const [name, data] of entries) assert.deepEqual(back[name], data, name);
  const ours = readZipParts(zip, () => true, { maxEntries: 10, maxPartBytes: 1 << 24, maxTotalBytes: 1 << 24 });
  for (const [name, data] of entries) assert.deepEqual(new Uint8Array(ours.get(name) ?? []), data, name);
  // Every local header and central directory entry carries 2000-01-01 00:00 (DOS time 0, date 0x2821).
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let headers = 0;
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = v.getUint32(i, true);
    if (sig === 0x04034b50) {
      assert.equal(v.getUint32(i + 10, true), 0x2821 << 16);
      headers++;
    }
  }
  assert.equal(headers, entries.length);
  assert.deepEqual(writeZip(entries), zip, 'the same bytes every time');
});

test('export zip: the parts of docx’s compiler give the file the parts of its packed file give', async () => {
  const draft = readFixture('clean/town-2024.md');
  const direct = await exportDocx(draft);
  type Compile = (...args: unknown[]) => Map<string, unknown>;
  const compiler = (Packer as unknown as { compiler: { compile: Compile } }).compiler;
  assert.equal(typeof compiler.compile, 'function', 'this docx release has the compiler export uses');
  const compile = compiler.compile;
  let viaPacked: Uint8Array;
  try {
    // A compiler whose answer is not the Map export expects (as a later docx release might
    // give): Packer still zips it, and export reads the parts from its packed file instead.
    compiler.compile = function (this: unknown, ...args: unknown[]) {
      return [...compile.apply(this, args)] as unknown as Map<string, unknown>;
    };
    viaPacked = await exportDocx(draft);
  } finally {
    compiler.compile = compile;
  }
  assert.deepEqual(viaPacked, direct);
  assert.match(strFromU8(unzipSync(direct)['word/document.xml']), /政府信息公开/);
});
