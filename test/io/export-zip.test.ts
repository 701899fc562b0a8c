/**
 * The zip of a .docx export (io/export-zip.ts): what fflate and our own reader read back is what
 * was written, in order, with the fixed date.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, unzipSync } from 'fflate';
import { writeZip } from '../../server/src/io/export-zip';
import { readZipParts } from '../../server/src/io/zip';

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
