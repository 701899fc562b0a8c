/**
 * Small PDFs written here byte by byte, the way producers write them: pages with text in a
 * standard font or a Chinese font by a predefined CMap (not embedded, as WPS does), ruling
 * lines stroked or filled, images, and hostile files (a page tree claiming a million pages, a
 * compressed content stream of a million operators, form XObjects nested deep).
 */
import { deflateSync } from 'node:zlib';

export interface PdfText {
  x: number;
  /** Baseline, from the top of the page (points). */
  y: number;
  text: string;
  size?: number;
  /** 'latin' (Helvetica), 'cjk' (STSong-Light by UniGB-UCS2-H), 'identity' (Identity-H without ToUnicode: glyph ids), 'pua' (a ToUnicode map into the private use area). */
  font?: 'latin' | 'cjk' | 'identity' | 'pua';
}

export interface PdfPageSpec {
  texts?: PdfText[];
  /** Stroked lines, top-down coordinates. */
  lines?: [number, number, number, number][];
  /** Filled thin rectangles (x, y, w, h), top-down. */
  bars?: [number, number, number, number][];
  /** An image drawn over the page (a scan). */
  image?: boolean;
  /** Raw content appended (operators in PDF space). */
  raw?: string;
  /** Content stream compressed (FlateDecode). */
  compress?: boolean;
  /** Form XObjects nested this deep, the innermost drawing a line. */
  nestedForms?: number;
}

const W = 595;
const H = 842;

function utf16Hex(s: string): string {
  return Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
}

function latinString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function textOp(t: PdfText): string {
  const size = t.size ?? 12;
  const font = t.font ?? (/^[\x20-\x7e]*$/.test(t.text) ? 'latin' : 'cjk');
  const y = H - t.y;
  const str =
    font === 'latin'
      ? latinString(t.text)
      : font === 'identity'
        ? `<${[...t.text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('')}>`
        : font === 'pua'
          ? `<${[...t.text].map((_, i) => (0x41 + (i % 26)).toString(16)).join('')}>`
          : `<${utf16Hex(t.text)}>`;
  const name = { latin: 'F1', cjk: 'F2', identity: 'F3', pua: 'F4' }[font];
  return `BT /${name} ${size} Tf 1 0 0 1 ${t.x} ${y} Tm ${str} Tj ET`;
}

/** A PDF of the given pages (A4). `claimPages` overrides the page tree's /Count. */
export function makePdf(pages: PdfPageSpec[], opts: { claimPages?: number } = {}): Uint8Array {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
  const catalog = add('');
  const pagesObj = add('');
  const f1 = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const descriptor = (name: string) =>
    add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`,
    );
  const cid = add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor('STSong-Light')} 0 R /DW 1000 >>`,
  );
  const f2 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cid} 0 R] >>`);
  const cid3 = add(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unknown /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor('Unknown')} 0 R /DW 1000 >>`,
  );
  const f3 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /Unknown /Encoding /Identity-H /DescendantFonts [${cid3} 0 R] >>`);
  const cmap = Buffer.from(
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /PUA def 1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <41> <5A> <E000> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end',
  );
  const toUni = add(stream('', cmap));
  const f4 = add(`<< /Type /Font /Subtype /Type1 /BaseFont /Symbolic /FirstChar 65 /LastChar 90 /ToUnicode ${toUni} 0 R >>`);
  const img = add(
    stream('/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8', Buffer.from([0, 255, 255, 0])),
  );
  const kids: number[] = [];
  for (const p of pages) {
    const ops: string[] = [];
    for (const [x1, y1, x2, y2] of p.lines ?? []) ops.push(`0.5 w ${x1} ${H - y1} m ${x2} ${H - y2} l S`);
    for (const [x, y, w, h] of p.bars ?? []) ops.push(`${x} ${H - y - h} ${w} ${h} re f`);
    for (const t of p.texts ?? []) ops.push(textOp(t));
    if (p.image) ops.push(`q ${W} 0 0 ${H} 0 0 cm /Im1 Do Q`);
    let xobjects = `/Im1 ${img} 0 R`;
    if (p.nestedForms) {
      let inner = add(stream(`/Type /XObject /Subtype /Form /BBox [0 0 ${W} ${H}]`, Buffer.from('0 0 m 100 0 l S')));
      for (let d = 1; d < p.nestedForms; d++)
        inner = add(
          stream(
            `/Type /XObject /Subtype /Form /BBox [0 0 ${W} ${H}] /Resources << /XObject << /X ${inner} 0 R >> >>`,
            Buffer.from('/X Do'),
          ),
        );
      xobjects += ` /X ${inner} 0 R`;
      ops.push('/X Do');
    }
    if (p.raw) ops.push(p.raw);
    const data = Buffer.from(ops.join('\n'), 'latin1');
    const content = add(p.compress ? stream('/Filter /FlateDecode', deflateSync(data, { level: 9 })) : stream('', data));
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${W} ${H}] /Contents ${content} 0 R /Resources << /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R /F3 ${f3} 0 R /F4 ${f4} 0 R >> /XObject << ${xobjects} >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${opts.claimPages ?? kids.length} >>`;
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0].length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n'),
    ]);
    offsets.push(at);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** A table of cells as stroked lines: column boundaries `xs`, row boundaries `ys` (top-down). Merged areas leave lines out. */
export function gridLines(
  xs: number[],
  ys: number[],
  merged: { r0: number; c0: number; r1: number; c1: number }[] = [],
): [number, number, number, number][] {
  const inside = (r: number, c: number) => merged.find((m) => r >= m.r0 && r < m.r1 && c >= m.c0 && c < m.c1);
  const out: [number, number, number, number][] = [];
  for (let r = 0; r < ys.length; r++)
    for (let c = 0; c + 1 < xs.length; c++) {
      // The line above row r in column c, unless rows r-1 and r are one merged area there.
      const a = r > 0 ? inside(r - 1, c) : undefined;
      if (r > 0 && r < ys.length - 1 && a && a === inside(r, c)) continue;
      out.push([xs[c], ys[r], xs[c + 1], ys[r]]);
    }
  for (let c = 0; c < xs.length; c++)
    for (let r = 0; r + 1 < ys.length; r++) {
      const a = c > 0 ? inside(r, c - 1) : undefined;
      if (c > 0 && c < xs.length - 1 && a && a === inside(r, c)) continue;
      out.push([xs[c], ys[r], xs[c], ys[r + 1]]);
    }
  return out;
}
