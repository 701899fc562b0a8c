/**
 * .docx reader: the package is unzipped with fflate and its XML parsed with fast-xml-parser
 * (order preserved), then turned into the grid model. Handles every Word form of merged
 * cells (gridSpan, vMerge restart/continue, gridBefore/gridAfter, legacy hMerge), content
 * controls (w:sdt) around blocks, rows, cells and runs, text split across runs, fields
 * (result kept, instruction dropped), line breaks in cells, and headings numbered by
 * numbering.xml ("一、" produced by a numbering definition).
 * Limits: parts inflated with limits checked while inflating (zip.ts), XML elements counted
 * before parsing and nesting capped by the parser, list counters and numbering texts bounded,
 * table grids within a cell budget of the package's size (grid/model.ts); no DTD (refused,
 * never expanded).
 */
import { XMLParser, type EntityDecoderOptions } from 'fast-xml-parser';
import { extractArticle } from '../core/grid/article';
import { CellBudget, expandSpans, pushAll, rowsAsText, type GridBlock, type GridDocument, type SpanCell } from '../core/grid/model';
import { decodeBytes, replacedMessage } from '../encoding';
import { ImportError, LIMITS, SAVE_AS_DOCX, tooLarge } from './errors';
import { ZipError, readZipParts, zipRefusal } from './zip';
import { detectFormat, isEncryptedOle, isOle } from './formats';
import type { Message } from '../core/message';

type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const XML_ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : '\ufffd';
}

/**
 * XML's own references: the five entities and numeric character references (&#19968;, &#x4E00;,
 * as ASCII-only writers produce), in one pass (so &amp;#19968; stays the text “&#19968;”). No
 * HTML names (&nbsp; is not XML), no declared entities (a DTD is refused before parsing).
 */
function xmlEntities(): EntityDecoderOptions {
  const none = (): void => undefined;
  return {
    setExternalEntities: none,
    addInputEntities: none,
    reset: none,
    setXmlVersion: none,
    decode: (text) =>
      text.includes('&')
        ? text.replace(XML_ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
            hex ? codePoint(parseInt(hex, 16)) : dec ? codePoint(Number(dec)) : NAMED[name ?? 'amp'],
          )
        : text,
  };
}

const parser = new XMLParser({
  preserveOrder: true,
  // Deeper XML is refused by the parser: the walks below recurse at most this deep.
  maxNestedTags: LIMITS.maxXmlDepth,
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  parseAttributeValue: false,
  processEntities: true,
  entityDecoder: xmlEntities(),
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

// ---------------------------------------------------------------------------
// Namespaces: the walks below name elements `w:…` and `mc:…`; a writer may bind any prefix
// (or the default namespace) to these namespaces, and may bind `w` to something else.

const CANONICAL: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  // ISO/IEC 29500 Strict.
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
};
const RESERVED = new Set(Object.values(CANONICAL));
const XMLNS = /\sxmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g;

/** Whether every binding in the text already uses the canonical prefixes (the usual case: nothing to rename). */
function canonicalAlready(text: string): boolean {
  XMLNS.lastIndex = 0;
  for (let m = XMLNS.exec(text); m; m = XMLNS.exec(text)) {
    const prefix = m[1] ?? '';
    const wanted = CANONICAL[m[2]];
    if (wanted ? wanted !== prefix : RESERVED.has(prefix)) return false;
  }
  return true;
}

type Scope = ReadonlyMap<string, string>;

function qualified(name: string, scope: Scope, fallback: string | undefined): string {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  if (prefix === 'xmlns' || name === 'xmlns' || prefix === 'xml') return name;
  const local = colon === -1 ? name : name.slice(colon + 1);
  const uri = colon === -1 && fallback !== undefined ? fallback : scope.get(prefix);
  const canonical = uri !== undefined ? CANONICAL[uri] : undefined;
  if (canonical) return `${canonical}:${local}`;
  // A `w:` bound to another namespace is not WordprocessingML.
  return RESERVED.has(prefix) ? `x-${prefix}:${local}` : name;
}

/** Renames elements and attributes to the canonical prefixes of their namespaces (depth bounded by the parser). */
function canonicalPrefixes(nodes: XNode[], text: string): XNode[] {
  if (canonicalAlready(text)) return nodes;
  const rename = (list: XNode[], outer: Scope): void => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      const tag = tagOf(n);
      if (tag === '#text' || !tag) continue;
      const attrs = n[':@'];
      let scope = outer;
      if (attrs) {
        for (const key in attrs) {
          if (key === '@_xmlns') scope = new Map(scope).set('', attrs[key]);
          else if (key.startsWith('@_xmlns:')) scope = new Map(scope).set(key.slice(8), attrs[key]);
        }
      }
      const name = qualified(tag, scope, undefined);
      // Unprefixed attributes of an element in the namespace by default belong to it here (Word writes w:val).
      const elementUri = tag.includes(':') ? undefined : scope.get('');
      let renamed: Record<string, string> | undefined;
      if (attrs) {
        renamed = {};
        for (const key in attrs) renamed[`@_${qualified(key.slice(2), scope, key.includes(':') ? undefined : elementUri)}`] = attrs[key];
      }
      const children = n[tag];
      list[i] = { [name]: children, ...(renamed ? { ':@': renamed } : {}) };
      if (Array.isArray(children)) rename(children as XNode[], scope);
    }
  };
  rename(nodes, new Map());
  return nodes;
}

/** Elements in the text, counted by their start (an upper bound: comments and declarations count too). */
function countTags(text: string): number {
  let n = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) if (text.charCodeAt(i + 1) !== 47) n++;
  return n;
}

function parseXml(bytes: Uint8Array | undefined, part: string, warnings: Message[]): XNode[] {
  if (!bytes) return [];
  // The one decoder: BOM, UTF-16 without one, the XML declaration weighed against the bytes.
  const decoded = decodeBytes(bytes, { sniff: 'xml' });
  const replaced = replacedMessage(decoded, part);
  if (replaced) warnings.push(replaced);
  const text = decoded.text;
  // Each element costs a few hundred bytes once parsed: count them before parsing.
  if (countTags(text) > LIMITS.maxXmlElements)
    throw new ImportError({
      zh: `文件中的 ${part} 过于庞大（超过 ${LIMITS.maxXmlElements / 10000} 万个 XML 元素），不像是一份年度报告，已拒绝`,
      en: `${part} holds more than ${LIMITS.maxXmlElements} XML elements; refused`,
    });
  // A DTD may declare entities that expand without bound: refuse it, never expand it, in any
  // letter case and wherever it is (after a long comment too).
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new ImportError({ zh: `文件中的 ${part} 含有 DTD 声明，出于安全原因拒绝读取`, en: `${part} contains a DTD; refused for safety` });
  }
  try {
    return canonicalPrefixes(parser.parse(text) as XNode[], text);
  } catch (e) {
    if (/nested tags/i.test((e as Error).message))
      throw new ImportError({
        zh: `文件中的 ${part} 嵌套超过 ${LIMITS.maxXmlDepth} 层，不像是一份年度报告，已拒绝`,
        en: `${part} nests more than ${LIMITS.maxXmlDepth} levels deep; refused`,
      });
    throw new ImportError({ zh: `文件已损坏：${part} 不是有效的 XML`, en: `The file is corrupt: ${part} is not valid XML` });
  }
}

// ---------------------------------------------------------------------------
// The package

const WANTED = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml', 'docProps/core.xml']);

const ZIP_LIMITS = {
  maxEntries: LIMITS.maxZipEntries,
  maxPartBytes: LIMITS.maxPartBytes,
  maxTotalBytes: LIMITS.maxUnzippedBytes,
};

const WORD_PACKAGE = { zh: ' Word 文档', en: 'a Word document', ext: 'docx' };

const ENCRYPTED = {
  zh: '这个 Word 文件设置了密码（已加密），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx 再导入',
  en: 'The Word file is encrypted: remove the password, save as .docx and import that',
};

function unzipParts(data: Uint8Array): Map<string, Uint8Array> {
  if (data.length > LIMITS.maxInputBytes) throw tooLarge(data.length);
  if (isOle(data)) throw new ImportError(isEncryptedOle(data) ? ENCRYPTED : SAVE_AS_DOCX);
  if (detectFormat(data, '').kind === 'pdf') throw new ImportError(SAVE_AS_DOCX);
  let parts: Map<string, Uint8Array>;
  try {
    parts = readZipParts(data, WANTED, ZIP_LIMITS);
  } catch (e) {
    if (e instanceof ZipError) throw new ImportError(zipRefusal(e, WORD_PACKAGE, ENCRYPTED));
    throw e;
  }
  if (!parts.has('word/document.xml'))
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
          start: counterValue(attr(child(l, 'w:start'), 'w:val')),
          fmt: attr(child(l, 'w:numFmt'), 'w:val') ?? 'decimal',
          // A numbering text is a few characters (“%1、”, “（%2）”): a longer one would be
          // repeated at every numbered paragraph.
          text: (attr(child(l, 'w:lvlText'), 'w:val') ?? '').slice(0, MAX_LEVEL_TEXT),
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
          n.overrides.get(id)!.set(Number(attr(o, 'w:ilvl') ?? 0), counterValue(s));
        }
      }
    }
  }
  return n;
}

const MAX_LEVEL_TEXT = 32;
/**
 * The largest list counter written in words: a start value of 10^12 (or 1e400) is a number
 * the file states, not paragraphs it holds; past this a counter is written in digits.
 */
const MAX_SPELLED_COUNTER = 9999;

/** A start value as a finite whole number (1 when it is not one). */
function counterValue(v: string | undefined): number {
  const n = Number(v ?? 1);
  return Number.isSafeInteger(n) ? n : 1;
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
  if (!Number.isSafeInteger(v)) return '';
  if (v < 0) return String(v);
  if (Math.abs(v) > MAX_SPELLED_COUNTER && fmt !== 'bullet' && fmt !== 'none') return String(v);
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
  /** Grid cells the tables may still expand to (bounded by the size of document.xml). */
  budget: CellBudget;
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
    else if (tag === 'w:sdt') pushAll(out, rowCells({ x: kids(child(k, 'w:sdtContent') ?? {}) }));
    else if (tag === 'w:customXml') pushAll(out, rowCells(k));
  }
  return out;
}

function tableRows(tbl: XNode): XNode[] {
  const out: XNode[] = [];
  for (const k of kids(tbl)) {
    const tag = tagOf(k);
    if (tag === 'w:tr') out.push(k);
    else if (tag === 'w:sdt') pushAll(out, tableRows({ x: kids(child(k, 'w:sdtContent') ?? {}) }));
    else if (tag === 'w:customXml') pushAll(out, tableRows(k));
  }
  return out;
}

/** A table as rows of cells at their grid columns (gridBefore, gridSpan, hMerge and vMerge read). */
function spanRows(tbl: XNode, ctx: Ctx): SpanCell[][] {
  const rows: SpanCell[][] = [];
  for (const tr of tableRows(tbl)) {
    const trPr = child(tr, 'w:trPr');
    // A column offset is a number the file states: the grid layout bounds what it may cost.
    let col = Math.max(0, Math.floor(Number(attr(child(trPr, 'w:gridBefore'), 'w:val') ?? 0)) || 0);
    const cells: (SpanCell & { hMerge?: 'restart' | 'continue' })[] = [];
    for (const tc of rowCells(tr)) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(1000, Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? 1) || 1));
      const vm = child(tcPr, 'w:vMerge');
      const hm = child(tcPr, 'w:hMerge');
      const text = cellText(tc, ctx);
      const hMerge = hm ? (attr(hm, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined;
      // Legacy horizontal merge: a restart cell takes the continue cells after it.
      const last = cells[cells.length - 1];
      if (hMerge === 'continue' && last?.hMerge) {
        last.colSpan = (last.colSpan ?? 1) + span;
        if (text) last.text = last.text ? `${last.text}\n${text}` : text;
      } else {
        const mergeUp = vm !== undefined && attr(vm, 'w:val') !== 'restart';
        cells.push({ text, colSpan: span, col, ...(mergeUp ? { mergeUp } : {}), ...(hMerge ? { hMerge } : {}) });
      }
      col += span;
    }
    rows.push(cells.map(({ hMerge: _, ...c }) => c));
  }
  return rows;
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
      const source = spanRows(n, ctx);
      const rows = expandSpans(source, ctx.budget);
      if (!rows) pushAll(ctx.blocks, rowsAsText(source));
      else if (rows.length) ctx.blocks.push({ kind: 'table', rows });
    } else if (tag === 'w:sdt') {
      body(kids(child(n, 'w:sdtContent') ?? {}), ctx);
    } else if (tag === 'w:customXml' || tag === 'w:body' || tag === 'w:document' || tag === 'mc:AlternateContent' || tag === 'mc:Choice') {
      body(kids(n), ctx);
    }
  }
}

/** Reads a .docx package into the grid model. Throws ImportError with a clear message; notes go to `warnings`. */
export function readDocx(data: Uint8Array, warnings: Message[] = []): GridDocument {
  const parts = unzipParts(data);
  const documentXml = parts.get('word/document.xml');
  const doc = parseXml(documentXml, 'word/document.xml', warnings);
  const ctx: Ctx = {
    counters: new Counters(readNumbering(parseXml(parts.get('word/numbering.xml'), 'word/numbering.xml', warnings))),
    styles: readStyles(parseXml(parts.get('word/styles.xml'), 'word/styles.xml', warnings)),
    blocks: [],
    budget: new CellBudget(documentXml?.length ?? 0),
  };
  body(doc, ctx);
  // A Word file may be a saved web page: only the report is kept (its 公文 header is, when no furniture shows).
  return extractArticle(
    { blocks: ctx.blocks, metaTitle: coreTitle(parts.get('docProps/core.xml'), warnings) },
    { trimHead: 'if-furniture' },
  );
}

/** The document's title in its properties (docProps/core.xml dc:title), if any. */
function coreTitle(bytes: Uint8Array | undefined, warnings: Message[]): string | undefined {
  let nodes: XNode[];
  try {
    nodes = parseXml(bytes, 'docProps/core.xml', warnings);
  } catch {
    // Properties are optional: a broken core.xml costs the title hint, not the import.
    return undefined;
  }
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    const tag = tagOf(n);
    if (tag === 'dc:title' || tag.endsWith(':title')) {
      const t = kids(n)
        .map((k) => (typeof k['#text'] === 'string' ? k['#text'] : ''))
        .join('')
        .trim();
      if (t) return t;
    }
    pushAll(stack, kids(n));
  }
  return undefined;
}
