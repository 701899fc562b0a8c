/**
 * Prose helpers for the content rules: a paragraph's plain text with a map back to source
 * offsets, character counts, sentences, dates (Arabic and Chinese numerals), and the
 * closing lines (agency, date) of a report.
 */
import type { Span } from './lines';
import { chineseNumber } from './text/numerals';
import type { TextBlock } from './markdown';
import type { ReportModel, SectionModel } from './model';

export interface Plain {
  /** Markup dropped (emphasis, code ticks, link targets, inline HTML, line breaks). */
  text: string;
  /** Source offset of each character of `text`, plus one past the end; absent when text is the source itself. */
  map?: number[];
  base: number;
}

const MARKUP = /[*_`\\[\]<\r\n]/;

/** The plain text of a Markdown block; `base` is the block's source offset. */
export function plainOf(raw: string, base: number): Plain {
  if (!MARKUP.test(raw)) return { text: raw, base };
  let text = '';
  const map: number[] = [];
  let i = 0;
  // Looked up once: a search from every `[` or `](` to the end was quadratic on hostile text.
  const lastLink = raw.lastIndexOf('](');
  const lastClose = raw.lastIndexOf(')');
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\r' || c === '\n') {
      // A soft line break inside a paragraph: a Chinese sentence goes on (no space).
      i++;
      while (i < raw.length && (raw[i] === ' ' || raw[i] === '\t' || raw[i] === '>' || raw[i] === '\n' || raw[i] === '\r')) i++;
      continue;
    }
    if (
      c === '*' ||
      c === '`' ||
      (c === '_' &&
        (raw[i + 1] === '_' || raw[i - 1] === '_' || /[\s\p{P}]/u.test(raw[i - 1] ?? ' ') || /[\s\p{P}]/u.test(raw[i + 1] ?? ' ')))
    ) {
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < raw.length && /[!-/:-@[-`{-~]/.test(raw[i + 1])) {
      text += raw[i + 1];
      map.push(base + i + 1);
      i += 2;
      continue;
    }
    if (c === ']' && raw[i + 1] === '(') {
      const close = lastClose > i ? raw.indexOf(')', i + 2) : -1;
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (c === '[' && lastLink > i) {
      i++;
      continue;
    }
    if (c === '<' && /^<\/?[a-zA-Z!]/.test(raw.slice(i, i + 2))) {
      const near = raw.slice(i, i + 300).indexOf('>');
      const close = near < 0 ? -1 : i + near;
      if (close > 0 && close - i < 300) {
        i = close + 1;
        continue;
      }
    }
    text += c;
    map.push(base + i);
    i++;
  }
  map.push(base + raw.length);
  return { text, map, base };
}

/** Source span of plain characters [a, b). */
export function sourceSpan(p: Plain, a: number, b: number): Span {
  if (!p.map) return { start: p.base + a, end: p.base + Math.max(a, b) };
  if (b <= a) return { start: p.map[a], end: p.map[a] };
  return { start: p.map[a], end: p.map[b - 1] + 1 };
}

const OTHER_LETTER = /[\p{L}\p{N}]/u;

/** Characters that count as text: Chinese characters, letters and digits (not punctuation or markup). */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) n++;
    } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
      n++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // A supplementary character (CJK extensions B and later, or an emoji): one character.
      const cp = text.codePointAt(i)!;
      if (cp >= 0x20000 && cp <= 0x3134f) n++;
      i++;
    } else if (
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xff0f) ||
      (c >= 0xff1a && c <= 0xff20) ||
      (c >= 0xff3b && c <= 0xff40) ||
      (c >= 0xff5b && c <= 0xff65)
    ) {
      // CJK and full-width punctuation.
    } else if (OTHER_LETTER.test(text[i])) {
      n++;
    }
  }
  return n;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Sentences of a plain text, split after 。！？；!?; (the mark stays with its sentence). */
const SENTENCE = /[^。！？；!?;]+[。！？；!?;]*|[。！？；!?;]+/g;

export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(text); m; m = SENTENCE.exec(text)) {
    if (m[0].trim() !== '') out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Numbers and dates

// Chinese numerals live in text/numerals.ts; re-exported for the rules that import them from here.
export { chineseNumber };

export function parseNumber(s: string): number | undefined {
  const t = s.normalize('NFKC').replace(/,/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  return chineseNumber(t);
}

export interface FoundDate {
  start: number;
  end: number;
  year: number;
  month: number;
  day: number;
  text: string;
}

const YEAR = '((?:19|20)\\d{2}|[一二][〇零○O０0一二三四五六七八九]{3})';
const MD = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DATE_RE = new RegExp(`${YEAR}[ \\t\\u3000]*年[ \\t\\u3000]*${MD}[ \\t\\u3000]*月[ \\t\\u3000]*${MD}[ \\t\\u3000]*日`, 'g');

/** Full dates (year, month and day) in a plain text; Chinese-numeral dates (二〇二四年一月二十三日) too. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  const folded = text.normalize('NFKC');
  // NFKC keeps the length of CJK text and ASCII digits of full-width digits: offsets stay valid.
  const src = folded.length === text.length ? folded : text;
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(src); m; m = DATE_RE.exec(src)) {
    const year = /^\d+$/.test(m[1]) ? Number(m[1]) : chineseNumber(m[1].replace(/[○O０0]/g, '〇'));
    const month = parseNumber(m[2]);
    const day = parseNumber(m[3]);
    if (!year || !month || !day || month > 12 || day > 31) continue;
    out.push({ start: m.index, end: m.index + m[0].length, year, month, day, text: text.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

export function formatDate(d: { year: number; month: number; day: number }): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

export function compareDate(a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// ---------------------------------------------------------------------------
// Blocks of a report

/** Every prose paragraph of a report, in document order: before the first section and in each section. */
export function reportParagraphs(report: ReportModel): { block: TextBlock; section?: SectionModel }[] {
  const out: { block: TextBlock; section?: SectionModel }[] = report.preamble.paragraphs.map((block) => ({ block }));
  for (const s of report.sections) for (const block of s.paragraphs) out.push({ block, section: s });
  return out.sort((a, b) => a.block.span.start - b.block.span.start);
}

const AGENCY_END = /(?:人民政府|政府|办事处|委员会|局|办公室|办公厅|中心|院|厅|委|署|部|处|所|站|队|馆|会|办)$/;

const SIGNING_LABEL = /^(?:发布|印发|成文|签发|制发|落款)(?:日期|时间)?[：:]?$/;

export interface SigningDate {
  block: TextBlock;
  date: FoundDate;
  plain: Plain;
  prefix: string;
}

/**
 * Signing and issuing dates: paragraphs that hold one date and otherwise at most the agency's
 * name or a label (发布日期：), with 印发/发布 after the date allowed.
 */
export function signingDates(report: ReportModel): SigningDate[] {
  const out: SigningDate[] = [];
  for (const { block } of reportParagraphs(report)) {
    if (block.text.length > 80 || !block.text.includes('年')) continue;
    const plain = plainOf(block.text, block.span.start);
    const dates = findDates(plain.text);
    if (dates.length !== 1) continue;
    const d = dates[0];
    const before = plain.text.slice(0, d.start).trim();
    const after = plain.text.slice(d.end).trim();
    if (!/^(?:[)）]?[ \t\u3000]*(?:印发|发布|签发|制发|公布|发)?[ \t\u3000]*[)）]?[。.]?)?$/.test(after)) continue;
    // Before the date: nothing, the agency's name, or a label (印发日期：).
    const label = before.replace(/^[（(]/, '').trim();
    if (label && !(SIGNING_LABEL.test(label) || (label.length <= 40 && !/[，。；;,、：:\d]/.test(label) && AGENCY_END.test(label))))
      continue;
    out.push({ block, date: d, plain, prefix: before.replace(/^[（(]/, '') });
  }
  return out;
}

/** The name in the closing lines (a short line before the signing date), if any. */
export function closingAgency(report: ReportModel): string | undefined {
  const paras = reportParagraphs(report).map((p) => p.block);
  for (const s of signingDates(report)) {
    if (s.prefix && AGENCY_END.test(s.prefix) && s.prefix.length <= 30) return s.prefix;
    const i = paras.indexOf(s.block);
    const prev = i > 0 ? plainOf(paras[i - 1].text, 0).text.trim() : '';
    if (prev && prev.length <= 30 && !/[，。；：,;:]/.test(prev) && AGENCY_END.test(prev)) return prev;
  }
  return undefined;
}

/**
 * Where the closing block of a section starts: the signing date and the short lines around it
 * (agency name, 此件公开发布, 抄送) at the section's end. Undefined when there is none.
 */
export function closingStart(section: SectionModel, report: ReportModel): number | undefined {
  const paras = section.paragraphs;
  const signed = new Set(signingDates(report).map((s) => s.block));
  let last = -1;
  for (let i = paras.length - 1; i >= 0; i--)
    if (signed.has(paras[i])) {
      last = i;
      break;
    }
  if (last < 0) return undefined;
  const short = (b: TextBlock) => {
    const t = plainOf(b.text, 0).text.trim();
    return t.length <= 40 && !/[，。；,;]/.test(t.replace(/^[（(].*[)）]$/, ''));
  };
  // Everything after the date must be closing lines too (抄送, 印发 lines).
  for (let i = last + 1; i < paras.length; i++) if (!short(paras[i]) && !/^抄\s*送/.test(paras[i].text.trim())) return undefined;
  let first = last;
  while (first > 0 && (short(paras[first - 1]) || /^抄\s*送/.test(paras[first - 1].text.trim()))) first--;
  return paras[first].span.start;
}
