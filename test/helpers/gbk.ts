/** Test data in GBK, without an external tool. */

/** GBK bytes of a string, from the reverse of the platform's GBK decoder (no external tool). */
export function gbk(s: string): Buffer {
  const map = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !map.has(ch)) map.set(ch, [a, b]);
    }
  }
  return Buffer.from(
    [...s].flatMap((c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80) return [code];
      const bytes = map.get(c);
      if (!bytes) throw new Error(`no GBK code for ${c}`);
      return bytes;
    }),
  );
}
