/**
 * The .docx package written as a zip with the same bytes every time: entries in the order given,
 * each compressed with DEFLATE by Node's zlib, a fixed date (2000-01-01 00:00), no extra fields,
 * no comments. Node's zlib is native code: a command that lives a fraction of a second spends
 * most of a JavaScript deflate in V8's interpreter (the CLI sets a high interrupt budget, issue
 * 20.8), which made compression about a third of a Word export's time.
 */
import * as zlib from 'node:zlib';

/** MS-DOS time and date of 2000-01-01 00:00, as zip headers store them. */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DEFLATE = 8;
/** Version 2.0: DEFLATE. */
const VERSION = 20;

let crcTable: Uint32Array | undefined;

/** CRC-32 of the zip format: zlib's where Node has it (20.15 and later), else by table. */
function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (typeof native === 'function') return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry's content compressed as writeZip compresses it, with what its headers say of it. */
export interface PackedPart {
  /** CRC-32 of the content. */
  crc: number;
  /** Bytes of the content. */
  size: number;
  /** The content compressed with DEFLATE, level 6. */
  deflated: Uint8Array;
}

/** A content packed as writeZip packs it (the Word writer packs its fixed parts at build time this way). */
export function packPart(data: Uint8Array): PackedPart {
  return { crc: crc32(data), size: data.length, deflated: zlib.deflateRawSync(data, { level: 6 }) };
}

/**
 * The fields the central directory repeats from an entry's local header, in the same order:
 * method, time, date, CRC-32, compressed and uncompressed size, name length.
 */
function writeEntryFields(b: Buffer, at: number, crc: number, packedSize: number, size: number, nameLength: number): void {
  b.writeUInt16LE(DEFLATE, at);
  b.writeUInt16LE(DOS_TIME, at + 2);
  b.writeUInt16LE(DOS_DATE, at + 4);
  b.writeUInt32LE(crc, at + 6);
  b.writeUInt32LE(packedSize, at + 10);
  b.writeUInt32LE(size, at + 14);
  b.writeUInt16LE(nameLength, at + 18);
}

/** A zip of the entries, in their order (names are ASCII part names of the package); a content packed already is written as it is. */
export function writeZip(entries: readonly (readonly [string, Uint8Array | PackedPart])[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const { crc, size, deflated: packed } = content instanceof Uint8Array ? packPart(content) : content;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    writeEntryFields(local, 8, crc, packed.length, size, fileName.length);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(VERSION, 4);
    head.writeUInt16LE(VERSION, 6);
    writeEntryFields(head, 10, crc, packed.length, size, fileName.length);
    head.writeUInt32LE(offset, 42);
    parts.push(local, fileName, packed);
    central.push(head, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directorySize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...parts, ...central, end]);
  // A Uint8Array of its own (not a view of Buffer's shared pool): it may be posted to another thread.
  return new Uint8Array(zip);
}
