/**
 * The parts of a ZIP package (.docx) we need, read with bounds that hold whatever the package
 * claims: the central directory's entry count is checked against the bytes that could hold
 * it before any entry is read (a zip64 record claiming 4 294 967 295 entries ends at once),
 * entries are counted, and every part is inflated by node:zlib with `maxOutputLength`, so a
 * part that expands beyond its limit stops while inflating, whatever size it declares.
 */
import { inflateRawSync } from 'node:zlib';
import { decodeUtf8 } from '../encoding';
import type { Message } from '../core/message';

export interface ZipLimits {
  /** Entries in the central directory (a .docx has a few dozen; a saved web page with images, a few hundred). */
  maxEntries: number;
  /** Uncompressed bytes of one part read. */
  maxPartBytes: number;
  /** Uncompressed bytes of all parts read together. */
  maxTotalBytes: number;
}

/** Why a package was refused: the reader turns it into a message for the user. */
export type ZipProblem =
  | { kind: 'not-zip' }
  | { kind: 'corrupt'; detail: string }
  | { kind: 'too-many-entries'; claimed: number; limit: number }
  | { kind: 'too-large'; part: string; limit: number }
  | { kind: 'encrypted'; part: string }
  | { kind: 'unsupported-method'; part: string; method: number };

export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.kind);
    this.name = 'ZipError';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The smallest central directory record (no name, extra field or comment). */
const CENTRAL_RECORD_BYTES = 46;

function corrupt(detail: string): ZipError {
  return new ZipError({ kind: 'corrupt', detail });
}

class Reader {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.data.length) throw corrupt(`offset ${at} beyond the file`);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.data.length) throw corrupt(`offset ${at} beyond the file`);
    return this.view.getUint32(at, true);
  }
  /** A 64-bit field as a number; values past 2^53 cannot describe anything in this file. */
  u64(at: number): number {
    const low = this.u32(at);
    const high = this.u32(at + 4);
    if (high >= 0x200000) return Number.MAX_SAFE_INTEGER;
    return high * 0x100000000 + low;
  }
}

interface Directory {
  entries: number;
  offset: number;
  size: number;
}

function findDirectory(r: Reader, limits: ZipLimits): Directory {
  const data = r.data;
  // The end record is 22 bytes plus a comment of at most 65 535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && r.u32(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory record');
  let entries = r.u16(eocd + 10);
  let size = r.u32(eocd + 12);
  let offset = r.u32(eocd + 16);
  if (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator >= 0 && r.u32(locator) === ZIP64_LOCATOR) {
      const at = r.u64(locator + 8);
      if (at + 56 > data.length || r.u32(at) !== ZIP64_EOCD) throw corrupt('bad zip64 end record');
      entries = r.u64(at + 32);
      size = r.u64(at + 40);
      offset = r.u64(at + 48);
    }
  }
  // What the claims could fit in: each entry needs a record of 46 bytes in the directory,
  // and the directory lies inside the file. A claim beyond either is refused before reading.
  if (entries > limits.maxEntries) throw new ZipError({ kind: 'too-many-entries', claimed: entries, limit: limits.maxEntries });
  if (offset + size > data.length || entries * CENTRAL_RECORD_BYTES > size) throw corrupt('central directory beyond the file');
  return { entries, offset, size };
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

function readEntries(r: Reader, dir: Directory): Entry[] {
  const out: Entry[] = [];
  const end = dir.offset + dir.size;
  let p = dir.offset;
  for (let i = 0; i < dir.entries; i++) {
    if (p + CENTRAL_RECORD_BYTES > end || r.u32(p) !== CENTRAL) throw corrupt(`central directory record ${i}`);
    const flags = r.u16(p + 8);
    const method = r.u16(p + 10);
    let compressedSize = r.u32(p + 20);
    const uncompressed = r.u32(p + 24);
    const nameLength = r.u16(p + 28);
    const extraLength = r.u16(p + 30);
    const commentLength = r.u16(p + 32);
    let localOffset = r.u32(p + 42);
    const nameAt = p + CENTRAL_RECORD_BYTES;
    const next = nameAt + nameLength + extraLength + commentLength;
    if (next > end) throw corrupt(`central directory record ${i}`);
    const name = decodeUtf8(r.data.subarray(nameAt, nameAt + nameLength));
    // Zip64: the 32-bit fields set to 0xFFFFFFFF are in the extra field, in this order.
    let x = nameAt + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = r.u16(x);
      const len = r.u16(x + 2);
      if (id === 0x0001) {
        let f = x + 4;
        if (uncompressed === 0xffffffff) f += 8;
        if (compressedSize === 0xffffffff && f + 8 <= x + 4 + len) {
          compressedSize = r.u64(f);
          f += 8;
        }
        if (localOffset === 0xffffffff && f + 8 <= x + 4 + len) localOffset = r.u64(f);
      }
      x += 4 + len;
    }
    out.push({ name, method, flags, compressedSize, localOffset });
    p = next;
  }
  return out;
}

function inflatePart(r: Reader, e: Entry, limit: number, partLimit: number): Uint8Array {
  if (e.flags & 1) throw new ZipError({ kind: 'encrypted', part: e.name });
  const at = e.localOffset;
  if (r.u32(at) !== LOCAL) throw corrupt(`local header of ${e.name}`);
  const start = at + 30 + r.u16(at + 26) + r.u16(at + 28);
  const end = start + e.compressedSize;
  if (end > r.data.length) throw corrupt(`${e.name} beyond the file`);
  const raw = r.data.subarray(start, end);
  if (e.method === 0) {
    if (raw.length > limit) throw new ZipError({ kind: 'too-large', part: e.name, limit: partLimit });
    return raw;
  }
  if (e.method !== 8) throw new ZipError({ kind: 'unsupported-method', part: e.name, method: e.method });
  try {
    // zlib stops as soon as the output passes maxOutputLength: the limit holds while inflating.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, limit) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new ZipError({ kind: 'too-large', part: e.name, limit: partLimit });
    throw corrupt(`${e.name} cannot be inflated`);
  }
}

/**
 * The wanted parts of a ZIP package, by name (the first entry of a name wins). Throws ZipError.
 * Work and memory are bounded by the limits and the file's bytes, never by its claims.
 */
export function readZipParts(
  data: Uint8Array,
  wanted: ReadonlySet<string> | ((name: string) => boolean),
  limits: ZipLimits,
): Map<string, Uint8Array> {
  const want = typeof wanted === 'function' ? wanted : (name: string) => wanted.has(name);
  if (data.length < 22 || data[0] !== 0x50 || data[1] !== 0x4b) throw new ZipError({ kind: 'not-zip' });
  const r = new Reader(data);
  const entries = readEntries(r, findDirectory(r, limits));
  const parts = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries) {
    if (!want(e.name) || parts.has(e.name)) continue;
    const room = Math.min(limits.maxPartBytes, limits.maxTotalBytes - total);
    const bytes = inflatePart(r, e, room, Math.min(limits.maxPartBytes, limits.maxTotalBytes));
    total += bytes.length;
    parts.set(e.name, bytes);
  }
  return parts;
}

/** What kind of package a refusal speaks of (“ Word 文档”, extension “docx” without its dot). */
export interface PackageKind extends Message {
  ext: string;
}

/** A refused package as a message for the user, for any ZIP-based format (.docx, .xlsx). */
export function zipRefusal(e: ZipError, kind: PackageKind, encrypted: Message): Message {
  const p = e.problem;
  switch (p.kind) {
    case 'not-zip':
      return {
        zh: `文件已损坏或不是 .${kind.ext} 文件（不是 ZIP 包）`,
        en: `The file is corrupt or not a .${kind.ext} (not a ZIP package)`,
      };
    case 'too-many-entries':
      return {
        zh: `文件已损坏或不是${kind.zh}：ZIP 目录声称有 ${p.claimed} 个条目（上限 ${p.limit}），已拒绝`,
        en: `Not ${kind.en}: the ZIP directory claims ${p.claimed} entries (limit ${p.limit}); refused`,
      };
    case 'too-large':
      return {
        zh: `文件解压后过大（${p.part} 超过 ${p.limit / 1024 / 1024} MB），疑似压缩炸弹，已拒绝`,
        en: `The package expands beyond the size limit (${p.part} over ${p.limit / 1024 / 1024} MB, zip bomb?); refused`,
      };
    case 'encrypted':
      return encrypted;
    case 'unsupported-method':
      return {
        zh: `文件已损坏：${p.part} 的压缩方式（${p.method}）无法读取`,
        en: `The file is corrupt: ${p.part} uses compression method ${p.method}`,
      };
    case 'corrupt':
      return { zh: `文件已损坏：无法解压 .${kind.ext} 包`, en: `The file is corrupt: the .${kind.ext} package cannot be unzipped` };
  }
}
