/**
 * .docx reader: the package is unzipped with fflate and its XML parsed with fast-xml-parser
 * (order preserved), then turned into the grid model. Handles every Word form of merged
 * cells (gridSpan, vMerge restart/continue, gridBefore/gridAfter, legacy hMerge), content
 * controls (w:sdt) around blocks, rows, cells and runs, text split across runs, fields
 * (result kept, instruction dropped), line breaks in cells, and headings numbered by
 * numbering.xml ("一、" produced by a numbering definition).
 * Limits: zip bomb (uncompressed size cap), no DTD (refused, never expanded).
 */
import { Unzipped, unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import type { GridBlock, GridCell, GridDocument } from '../core/grid/model';
import { ImportError, LIMITS, SAVE_AS_DOCX, tooLarge } from './errors';

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

function tagOf(n: XNode): string {
  for (const k in n) if (k !== ':@') return k;
  return '';
}

function kids(n: XNode): XNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XNode[]) : [];
}

function attr(n: XNode | undefined, name: string): string | undefined {
  return n?.[':@']?.[`@_${name}`];
}

function child(n: XNode | undefined, tag: string): XNode | undefined {
  return n ? kids(n).find((k) => tagOf(k) === tag) : undefined;
}

const decoder = new TextDecoder('utf-8');

function parseXml(bytes: Uint8Array | undefined, part: string): XNode[] {
  if (!bytes) return [];
  const text = decoder.decode(bytes);
  // A DTD may declare entities that expand without bound: refuse it, never expand it.
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) {
    throw new ImportError({ zh: `文件中的 ${part} 含有 DTD 声明，出于安全原因拒绝读取`, en: `${part} contains a DTD; refused for safety` });
  }
  try {
    return parser.parse(text) as XNode[];
  } catch {
    throw new ImportError({ zh: `文件已损坏：${part} 不是有效的 XML`, en: `The file is corrupt: ${part} is not valid XML` });
  }
}

// ---------------------------------------------------------------------------
// The package

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

/** An OLE compound file is an old .doc/.wps, or an encrypted .docx (EncryptionInfo stream). */
function oleKind(data: Uint8Array): 'encrypted' | 'binary' {
  const probe = Buffer.from(data.subarray(0, Math.min(data.length, 1 << 20))).toString('utf16le');
  return probe.includes('EncryptionInfo') || probe.includes('EncryptedPackage') ? 'encrypted' : 'binary';
}

const WANTED = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);

function unzipParts(data: Uint8Array): Unzipped {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  if (startsWith(data, OLE)) {
    if (oleKind(data) === 'encrypted')
      throw new ImportError({
        zh: '这个 Word 文件设置了密码（已加密），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx 再导入',
        en: 'The Word file is encrypted: remove the password, save as .docx and import that',
      });
    throw new ImportError(SAVE_AS_DOCX);
  }
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46])) throw new ImportError(SAVE_AS_DOCX);
  if (!startsWith(data, [0x50, 0x4b]))
    throw new ImportError({
      zh: '文件已损坏或不是 .docx 文件（不是 ZIP 包）',
      en: 'The file is corrupt or not a .docx (not a ZIP package)',
    });
  let total = 0;
  let bomb = false;
  let parts: Unzipped;
  try {
    parts = unzipSync(data, {
      filter: (f) => {
        if (!WANTED.has(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > LIMITS.maxUnzippedBytes || total > LIMITS.maxUnzippedBytes) {
          bomb = true;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw new ImportError({ zh: '文件已损坏：无法解压 .docx 包', en: 'The file is corrupt: the .docx package cannot be unzipped' });
  }
  if (bomb)
    throw new ImportError({
      zh: `文件解压后过大（超过 ${LIMITS.maxUnzippedBytes / 1024 / 1024} MB），疑似压缩炸弹，已拒绝`,
      en: 'The package expands beyond the size limit (zip bomb?); refused',
    });
  // The declared size may lie: check what actually came out.
  const real = Object.values(parts).reduce((n, p) => n + p.length, 0);
  if (real > LIMITS.maxUnzippedBytes)
    throw new ImportError({ zh: '文件解压后过大，疑似压缩炸弹，已拒绝', en: 'The package expands beyond the size limit; refused' });
  if (!parts['word/document.xml'])
    throw new ImportError({
      zh: '文件已损坏或不是 Word 文档：缺少 word/document.xml',
      en: 'Not a Word document: word/document.xml is missing',
    });
  return parts;
}

// ---------------------------------------------------------------------------
// Numbering (numbering.xml) and styles

interface Level {
  start: number;
  fmt: string;
  text: string;
}
interface Numbering {
  levels: Map<string, Map<number, Level>>;
  numToAbstract: Map<string, string>;
  overrides: Map<string, Map<number, number>>;
}

function readNumbering(nodes: XNode[]): Numbering {
  const n: Numbering = { levels: new Map(), numToAbstract: new Map(), overrides: new Map() };
  const root = nodes.find((x) => tagOf(x) === 'w:numbering');
  for (const k of root ? kids(root) : []) {
    if (tagOf(k) === 'w:abstractNum') {
      const lv = new Map<number, Level>();
      for (const l of kids(k)) {
        if (tagOf(l) !== 'w:lvl') continue;
        lv.set(Number(attr(l, 'w:ilvl') ?? 0), {
          start: Number(attr(child(l, 'w:start'), 'w:val') ?? 1),
          fmt: attr(child(l, 'w:numFmt'), 'w:val') ?? 'decimal',
          text: attr(child(l, 'w:lvlText'), 'w:val') ?? '',
        });
      }
      n.levels.set(attr(k, 'w:abstractNumId') ?? '', lv);
    } else if (tagOf(k) === 'w:num') {
      const id = attr(k, 'w:numId') ?? '';
      n.numToAbstract.set(id, attr(child(k, 'w:abstractNumId'), 'w:val') ?? '');
      for (const o of kids(k)) {
        if (tagOf(o) !== 'w:lvlOverride') continue;
        const s = attr(child(o, 'w:startOverride'), 'w:val');
        if (s !== undefined) {
          if (!n.overrides.has(id)) n.overrides.set(id, new Map());
          n.overrides.get(id)!.set(Number(attr(o, 'w:ilvl') ?? 0), Number(s));
        }
      }
    }
  }
  return n;
}

const CN_DIGITS = '〇一二三四五六七八九';

function chineseCounting(v: number): string {
  if (v <= 0 || v >= 10000) return String(v);
  const units = ['', '十', '百', '千'];
  const digits = String(v).split('').map(Number);
  let out = '';
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      if (!out.endsWith('〇') && i < digits.length - 1) out += '〇';
      return;
    }
    out += CN_DIGITS[d] + unit;
  });
  out = out.replace(/〇+$/, '');
  return out.startsWith('一十') ? out.slice(1) : out;
}

function roman(v: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [n, s] of table)
    while (v >= n) {
      out += s;
      v -= n;
    }
  return out;
}

function formatNumber(v: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'japaneseCounting':
    case 'ideographTraditional':
      return fmt === 'ideographTraditional' ? ('甲乙丙丁戊己庚辛壬癸'[v - 1] ?? String(v)) : chineseCounting(v);
    case 'ideographDigital':
      return String(v)
        .split('')
        .map((d) => CN_DIGITS[Number(d)])
        .join('');
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(v).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return v >= 1 && v <= 20 ? String.fromCharCode(0x2460 + v - 1) : String(v);
    case 'lowerLetter':
      return String.fromCharCode(97 + ((v - 1) % 26));
    case 'upperLetter':
      return String.fromCharCode(65 + ((v - 1) % 26));
    case 'lowerRoman':
      return roman(v).toLowerCase();
    case 'upperRoman':
      return roman(v);
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(v);
  }
}

class Counters {
  private byAbstract = new Map<string, number[]>();
  constructor(private n: Numbering) {}

  /** The numbering text of a paragraph with w:numPr, advancing the counters. */
  next(numId: string, ilvl: number): string {
    const abs = this.n.numToAbstract.get(numId);
    if (abs === undefined || numId === '0') return '';
    const levels = this.n.levels.get(abs);
    const lvl = levels?.get(ilvl);
    if (!levels || !lvl) return '';
    let c = this.byAbstract.get(abs);
    if (!c) {
      c = [];
      this.byAbstract.set(abs, c);
    }
    const start = (i: number) => this.n.overrides.get(numId)?.get(i) ?? levels.get(i)?.start ?? 1;
    c[ilvl] = c[ilvl] === undefined ? start(ilvl) : c[ilvl] + 1;
    c.length = ilvl + 1;
    return lvl.text.replace(/%([1-9])/g, (_, d) => {
      const i = Number(d) - 1;
      const v = c[i] ?? start(i);
      return formatNumber(v, levels.get(i)?.fmt ?? 'decimal');
    });
  }
}

interface StyleInfo {
  heading?: number;
  numId?: string;
  ilvl?: number;
}

function readStyles(nodes: XNode[]): Map<string, StyleInfo> {
  const out = new Map<string, StyleInfo>();
  const root = nodes.find((x) => tagOf(x) === 'w:styles');
  for (const s of root ? kids(root) : []) {
    if (tagOf(s) !== 'w:style') continue;
    const id = attr(s, 'w:styleId') ?? '';
    const name = attr(child(s, 'w:name'), 'w:val') ?? '';
    const ppr = child(s, 'w:pPr');
    const outline = attr(child(ppr, 'w:outlineLvl'), 'w:val');
    const m = /^(?:heading|标题)\s*(\d)$/i.exec(name) ?? /^(?:Heading|标题)(\d)$/.exec(id);
    const numPr = child(ppr, 'w:numPr');
    out.set(id, {
      heading: m ? Number(m[1]) : outline !== undefined && Number(outline) < 9 ? Number(outline) + 1 : undefined,
      numId: attr(child(numPr, 'w:numId'), 'w:val'),
      ilvl: numPr ? Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? 0) : undefined,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Text

const SKIP = new Set([
  'w:instrText',
  'w:delText',
  'w:del',
  'w:pPr',
  'w:rPr',
  'w:tcPr',
  'w:trPr',
  'w:tblPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:fldData',
  'mc:Fallback',
  'w:commentReference',
  'w:footnoteReference',
  'w:endnoteReference',
]);

/** Text of runs and everything that wraps them (hyperlinks, fields, content controls, insertions). */
function runText(nodes: XNode[], out: string[]): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (SKIP.has(tag)) continue;
    if (tag === 'w:t') {
      for (const t of kids(n)) if (typeof t['#text'] === 'string') out.push(t['#text']);
      continue;
    }
    if (tag === 'w:tab' || tag === 'w:ptab') {
      out.push('\t');
      continue;
    }
    if (tag === 'w:br' || tag === 'w:cr') {
      out.push('\n');
      continue;
    }
    if (tag === 'w:noBreakHyphen') {
      out.push('-');
      continue;
    }
    if (tag === 'w:sym') continue;
    if (tag === 'w:txbxContent' || tag === 'w:drawing' || tag === 'w:pict' || tag === 'w:object') continue;
    if (tag === '#text') continue;
    runText(kids(n), out);
  }
}

// ---------------------------------------------------------------------------
// Blocks

interface Ctx {
  counters: Counters;
  styles: Map<string, StyleInfo>;
  blocks: GridBlock[];
}

function paragraph(p: XNode, ctx: Ctx): { text: string; heading?: number } {
  const ppr = child(p, 'w:pPr');
  const styleId = attr(child(ppr, 'w:pStyle'), 'w:val');
  const style = styleId ? ctx.styles.get(styleId) : undefined;
  const numPr = child(ppr, 'w:numPr');
  const numId = attr(child(numPr, 'w:numId'), 'w:val') ?? style?.numId;
  const ilvl = numPr ? Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? style?.ilvl ?? 0) : (style?.ilvl ?? 0);
  const outline = attr(child(ppr, 'w:outlineLvl'), 'w:val');
  const parts: string[] = [];
  runText(kids(p), parts);
  const body = parts.join('');
  const prefix = numId !== undefined ? ctx.counters.next(numId, ilvl) : '';
  // Word puts a TAB (or a space) after the number by default; the Chinese forms end with 、 or ）.
  const text = prefix && body.trim() ? (/[、.．）)]$/.test(prefix) ? prefix + body.trimStart() : `${prefix} ${body.trimStart()}`) : body;
  const heading = style?.heading ?? (outline !== undefined && Number(outline) < 9 ? Number(outline) + 1 : undefined);
  return { text, heading };
}

interface RawCell {
  text: string;
  span: number;
  vMerge?: 'restart' | 'continue';
  hMerge?: 'restart' | 'continue';
  col: number;
}

function cellText(tc: XNode, ctx: Ctx): string {
  const lines: string[] = [];
  const walk = (nodes: XNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') lines.push(paragraph(n, ctx).text);
      else if (tag === 'w:tbl')
        walk(
          kids(n)
            .filter((r) => tagOf(r) === 'w:tr')
            .flatMap((r) => kids(r)),
        );
      else if (tag === 'w:sdt') walk(kids(child(n, 'w:sdtContent') ?? {}));
      else if (tag === 'w:tc' || tag === 'w:customXml' || tag === 'w:sdtContent') walk(kids(n));
    }
  };
  walk(kids(tc));
  return lines.join('\n').replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
}

/** Cells of a row, unwrapping content controls and custom XML around them. */
function rowCells(tr: XNode): XNode[] {
  const out: XNode[] = [];
  for (const k of kids(tr)) {
    const tag = tagOf(k);
    if (tag === 'w:tc') out.push(k);
    else if (tag === 'w:sdt') out.push(...rowCells({ x: kids(child(k, 'w:sdtContent') ?? {}) }));
    else if (tag === 'w:customXml') out.push(...rowCells(k));
  }
  return out;
}

function tableRows(tbl: XNode): XNode[] {
  const out: XNode[] = [];
  for (const k of kids(tbl)) {
    const tag = tagOf(k);
    if (tag === 'w:tr') out.push(k);
    else if (tag === 'w:sdt') out.push(...tableRows({ x: kids(child(k, 'w:sdtContent') ?? {}) }));
    else if (tag === 'w:customXml') out.push(...tableRows(k));
  }
  return out;
}

function table(tbl: XNode, ctx: Ctx): GridCell[][] {
  const rows: RawCell[][] = [];
  for (const tr of tableRows(tbl)) {
    const trPr = child(tr, 'w:trPr');
    let col = Number(attr(child(trPr, 'w:gridBefore'), 'w:val') ?? 0) || 0;
    const cells: RawCell[] = [];
    for (const tc of rowCells(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(1000, Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1) || 1));
      const vm = child(tcPr, 'w:vMerge');
      const hm = child(tcPr, 'w:hMerge');
      cells.push({
        text: cellText(tc, ctx),
        span,
        col,
        vMerge: vm ? (attr(vm, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined,
        hMerge: hm ? (attr(hm, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined,
      });
      col += span;
    }
    // Legacy horizontal merge: a restart cell takes the continue cells after it.
    const merged: RawCell[] = [];
    for (const c of cells) {
      const last = merged[merged.length - 1];
      if (c.hMerge === 'continue' && last && (last.hMerge === 'restart' || last.hMerge === 'continue')) {
        last.span += c.span;
        if (c.text) last.text = last.text ? `${last.text}\n${c.text}` : c.text;
        continue;
      }
      merged.push({ ...c });
    }
    rows.push(merged);
  }
  const width = Math.max(0, ...rows.map((r) => (r.length ? r[r.length - 1].col + r[r.length - 1].span : 0)));
  const grid: GridCell[][] = rows.map(() => Array.from({ length: width }, () => ({ text: '' })));
  rows.forEach((row, r) => {
    for (const c of row) {
      for (let dc = 0; dc < c.span && c.col + dc < width; dc++) {
        const cont = c.vMerge === 'continue' && r > 0;
        const above = cont ? grid[r - 1][c.col + dc] : undefined;
        grid[r][c.col + dc] = cont
          ? { text: '', covered: true, from: above!.covered ? above!.from : above!.text }
          : dc > 0
            ? { text: '', covered: true, from: c.text }
            : { text: c.text };
      }
    }
  });
  return grid;
}

function hasNestedTable(tbl: XNode): boolean {
  const walk = (nodes: XNode[]): boolean => nodes.some((n) => tagOf(n) === 'w:tbl' || (tagOf(n) !== '#text' && walk(kids(n))));
  return tableRows(tbl).some((tr) => rowCells(tr).some((tc) => walk(kids(tc))));
}

function body(nodes: XNode[], ctx: Ctx): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === 'w:p') {
      const p = paragraph(n, ctx);
      // A line break inside a paragraph starts a new line of the draft; a title broken by meaning stays one title.
      const joined = p.text.replace(/\n/g, '').trim();
      const title = p.text.includes('\n') && joined.length <= 80 && /政府信息公开(?:工作)?(?:年度)?报告$/.test(joined);
      for (const line of title ? [joined] : p.text.split('\n'))
        ctx.blocks.push({ kind: 'paragraph', text: line, ...(p.heading ? { headingLevel: p.heading } : {}) });
    } else if (tag === 'w:tbl') {
      // A layout table (tables inside its cells) is a container: its cells' content in order.
      if (hasNestedTable(n)) {
        for (const tr of tableRows(n)) for (const tc of rowCells(tr)) body(kids(tc), ctx);
        continue;
      }
      const rows = table(n, ctx);
      if (rows.length) ctx.blocks.push({ kind: 'table', rows });
    } else if (tag === 'w:sdt') {
      body(kids(child(n, 'w:sdtContent') ?? {}), ctx);
    } else if (tag === 'w:customXml' || tag === 'w:body' || tag === 'w:document' || tag === 'mc:AlternateContent' || tag === 'mc:Choice') {
      body(kids(n), ctx);
    }
  }
}

/** Reads a .docx package into the grid model. Throws ImportError with a clear message. */
export function readDocx(data: Uint8Array): GridDocument {
  const parts = unzipParts(data);
  const doc = parseXml(parts['word/document.xml'], 'word/document.xml');
  const ctx: Ctx = {
    counters: new Counters(readNumbering(parseXml(parts['word/numbering.xml'], 'word/numbering.xml'))),
    styles: readStyles(parseXml(parts['word/styles.xml'], 'word/styles.xml')),
    blocks: [],
  };
  body(doc, ctx);
  return { blocks: ctx.blocks };
}
