/**
 * Hostile inputs for the importers, generated here (nothing big is stored): small files that
 * state large numbers (spans, offsets, counters, zip entry counts, inflated sizes) and large
 * files that are deep or long. Each is what an attacker, or a broken tool, could hand a clerk.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { docxPackage, p, tbl, tc, tr } from './make';

/** A page whose first row has `cells` cells of colspan `span`, then `rows` short rows (issue 22: 44 KB → 5.7 GB). */
export function colspanPage(cells = 1000, span = 1000, rows = 1000): string {
  const wide = `<tr>${`<td colspan="${span}">x</td>`.repeat(cells)}</tr>`;
  return `<html><body><p>某某镇人民政府2023年政府信息公开工作年度报告</p><table>${wide}${'<tr><td>1</td></tr>'.repeat(rows)}</table></body></html>`;
}

/** A page whose every cell claims a rowspan far beyond the table (each row is pushed right by all above). */
export function rowspanPage(rows = 2000): string {
  return `<html><body><table>${'<tr><td rowspan="100000">x</td></tr>'.repeat(rows)}</table></body></html>`;
}

/** `depth` nested <div>s around one paragraph (the HTML parser's work per element grows with depth). */
export function deepPage(depth: number): string {
  return `<html><body>${'<div>'.repeat(depth)}<p>一、总体情况</p>${'</div>'.repeat(depth)}</body></html>`;
}

/** A .docx whose one row has `cells` cells of gridSpan `span`, then `rows` rows of one cell. */
export function gridSpanDocx(cells = 1000, span = 1000, rows = 1000): Uint8Array {
  const wide = tr(tc('x', `<w:gridSpan w:val="${span}"/>`).repeat(cells));
  return docxPackage(p('某某镇人民政府2023年政府信息公开工作年度报告') + tbl(wide + tr(tc('1')).repeat(rows)));
}

/** A .docx whose rows start after `gridBefore` grid columns. */
export function gridBeforeDocx(gridBefore: string | number = 1000000000, rows = 50): Uint8Array {
  return docxPackage(tbl(tr(tc('1') + tc('2'), `<w:gridBefore w:val="${gridBefore}"/>`).repeat(rows)));
}

/** A .docx with `paragraphs` paragraphs numbered in `fmt` from `start` (10^12, 1e400…). */
export function numberedListDocx(start: string, fmt = 'upperRoman', paragraphs = 200, lvlText = '%1.'): Uint8Array {
  const numbering = `<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${lvlText}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>`;
  const item = p('条目', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
  return docxPackage(item.repeat(paragraphs), { numbering });
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}
function u64(n: number): number[] {
  return [...u32(n % 0x100000000), ...u32(Math.floor(n / 0x100000000))];
}

/** A ~150-byte ZIP whose zip64 end record claims 4 294 967 295 entries (issue 22: half an hour of CPU). */
export function zip64ClaimDocx(entries = 0xffffffff): Uint8Array {
  const zip64Eocd = [
    ...u32(0x06064b50),
    ...u64(44),
    ...u16(45),
    ...u16(45),
    ...u32(0),
    ...u32(0),
    ...u64(entries),
    ...u64(entries),
    ...u64(0xffffffff),
    ...u64(0),
  ];
  const locator = [...u32(0x07064b50), ...u32(0), ...u64(4), ...u32(1)];
  const eocd = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(0xffff),
    ...u16(0xffff),
    ...u32(0xffffffff),
    ...u32(0xffffffff),
    ...u16(0),
  ];
  // "PK" then padding, so that the file starts like a ZIP package.
  return Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...zip64Eocd, ...locator, ...eocd]);
}

/**
 * A raw DEFLATE stream of `bytes` bytes: the XML head, then spaces. Built from one compressed
 * megabyte repeated (sync-flushed blocks are byte-aligned and may follow each other), so 16 GB
 * take 17 MB and no time to make.
 */
function deflatedXml(bytes: number): Buffer {
  const head = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const mb = 1 << 20;
  const chunk = deflateRawSync(Buffer.alloc(mb, 0x20), flush);
  const parts = [deflateRawSync(Buffer.from(head), flush)];
  for (let n = 0; n < Math.floor(bytes / mb); n++) parts.push(chunk);
  if (bytes % mb) parts.push(deflateRawSync(Buffer.alloc(bytes % mb, 0x20), flush));
  // The final block: fixed Huffman, end of block at once.
  parts.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(parts);
}

/**
 * A .docx whose word/document.xml declares `declared` bytes but inflates to `real` bytes
 * (issue 22: 16 MB declaring 1 000 bytes for 16 GB). The stored sizes lie; only inflating tells.
 */
export function lyingSizeDocx(real: number, declared = 1000): Uint8Array {
  const compressed = deflatedXml(real);
  const name = Buffer.from('word/document.xml');
  const local = Buffer.from([
    ...u32(0x04034b50),
    ...u16(20),
    ...u16(0),
    ...u16(8),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(compressed.length),
    ...u32(declared),
    ...u16(name.length),
    ...u16(0),
  ]);
  const central = Buffer.from([
    ...u32(0x02014b50),
    ...u16(20),
    ...u16(20),
    ...u16(0),
    ...u16(8),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(compressed.length),
    ...u32(declared),
    ...u16(name.length),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u16(0),
    ...u32(0),
    ...u32(0),
  ]);
  const cdOffset = local.length + name.length + compressed.length;
  const cdSize = central.length + name.length;
  const eocd = Buffer.from([...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(1), ...u16(1), ...u32(cdSize), ...u32(cdOffset), ...u16(0)]);
  return Buffer.concat([local, name, compressed, central, name, eocd]);
}

/** A package with `entries` tiny entries (a directory of many files, each counted). */
export function manyEntriesZip(entries: number): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < entries; i++) files[`x/${i}`] = strToU8('');
  files['word/document.xml'] = strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
  return zipSync(files, { level: 0 });
}

/** A pasted-text table of `rows` rows (tab-separated), under a section heading. */
export function longTextTable(rows: number): string {
  const line = '本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21\n';
  return `三、收到和处理政府信息公开申请情况\n${line.repeat(rows)}`;
}

/** A report with a table of `rows` rows that is none of the template's (kept as a table as written). */
export function longOtherTable(rows: number): string {
  return `某某镇人民政府2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n收费项目\t件数\t金额\n${'复印费\t1\t0.5\n'.repeat(rows)}`;
}

/** A plain-text report of about `bytes` bytes: a title, a section heading, then prose lines. */
export function longText(bytes: number): string {
  const line = '2023年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。\n';
  return `某某镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n${line.repeat(Math.ceil(bytes / Buffer.byteLength(line)))}`;
}

/** A page of about `bytes` bytes whose article is one long paragraph (few elements, much text). */
export function longParagraphPage(bytes: number): string {
  const sentence = '我镇认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。';
  const n = Math.ceil(bytes / Buffer.byteLength(sentence));
  return `<html><head><meta charset="utf-8"></head><body><p>某某镇人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>${sentence.repeat(n)}</p></body></html>`;
}

/** A web page of about `bytes` bytes: paragraphs, then a table of `rows` rows. */
export function longPage(bytes: number, rows = 0): string {
  const para = '<p>2023年，我镇认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。</p>\n';
  const n = Math.ceil(bytes / Buffer.byteLength(para));
  const table = rows ? `<table>${'<tr><td>本年新收</td><td>1</td><td>2</td></tr>'.repeat(rows)}</table>` : '';
  const head = '<p>某某镇人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p>';
  return `<html><head><meta charset="utf-8"></head><body>${head}${para.repeat(n)}${table}</body></html>`;
}
