// Draws images/icon.png (128×128): a red square with a white report page and a table grid.
// No image library: raw RGBA rows, zlib, and the PNG chunk layout.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const W = 128,
  H = 128;
const px = Buffer.alloc(W * H * 4);
const set = (x, y, [r, g, b, a = 255]) => {
  const i = (y * W + x) * 4;
  px[i] = r;
  px[i + 1] = g;
  px[i + 2] = b;
  px[i + 3] = a;
};
const RED = [200, 16, 46],
  WHITE = [255, 255, 255],
  GOLD = [255, 209, 0],
  GREY = [200, 16, 46];
for (let y = 0; y < H; y++)
  for (let x = 0; x < W; x++) {
    const r = 18,
      cx = Math.min(Math.max(x, r), W - 1 - r),
      cy = Math.min(Math.max(y, r), H - 1 - r);
    const inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    set(x, y, inside ? RED : [0, 0, 0, 0]);
  }
for (let y = 20; y < 108; y++) for (let x = 30; x < 98; x++) set(x, y, WHITE);
// Title bar and table grid.
for (let y = 28; y < 36; y++) for (let x = 38; x < 90; x++) set(x, y, GOLD);
for (const y of [48, 62, 76, 90, 100])
  for (let x = 38; x < 90; x++) {
    set(x, y, GREY);
    set(x, y + 1, GREY);
  }
for (const x of [38, 56, 73, 89])
  for (let y = 48; y < 102; y++) {
    set(x, y, GREY);
    set(x - 1 < 38 ? x : x - 1, y, GREY);
  }

const raw = Buffer.alloc((W * 4 + 1) * H);
for (let y = 0; y < H; y++) {
  raw[y * (W * 4 + 1)] = 0;
  px.copy(raw, y * (W * 4 + 1) + 1, y * W * 4, (y + 1) * W * 4);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0);
ihdr.writeUInt32BE(H, 4);
ihdr[8] = 8;
ihdr[9] = 6;
writeFileSync(
  new URL('../images/icon.png', import.meta.url),
  Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
