/**
 * Placeholders: text that stands for something not written yet. Those our own templates and
 * next-year drafts write (core/template.ts, core/render.ts, core/next-year.ts) and those clerks
 * leave in drafts (XX, ××, 此处填写). One list, as data: the text-placeholder rule reports every
 * occurrence, and the model blanks them out of the prose every other rule reads, so that a
 * placeholder never satisfies a rule (the fee statement inside “（文字描述，收取信息处理费情况在此处
 * 报告。）”, a topic, a date in a 【请改写】 note).
 */
import type { Message } from './rule';

/** Marks of the notes a next-year draft carries (core/next-year.ts): to be deleted once done. */
export const REWRITE_MARK = '【请改写】';
export const BASE_MARK = '【上年基数】';

export type PlaceholderKind = 'describe' | 'agency' | 'year' | 'rewrite' | 'base' | 'symbol' | 'fill';

export interface PlaceholderSpec {
  kind: PlaceholderKind;
  /** One occurrence (no flags: findPlaceholders adds them). */
  pattern: RegExp;
  /** What the clerk is told, with the placeholder as written. */
  message(written: string): Message;
}

const LETTER = 'A-Za-z\\uFF21-\\uFF3A\\uFF41-\\uFF5A';
const OPEN = '[（(【[]';
const CLOSE = '[）)】\\]]';

/** A bracket pair around `inner` (full- or half-width, 【】 or []), spaces allowed inside. */
function bracketed(inner: string): RegExp {
  return new RegExp(`${OPEN}[ \\t\\u3000]*${inner}[ \\t\\u3000]*${CLOSE}`);
}

/** Quoted in messages: a long note is cut. */
function shown(written: string): string {
  return written.length > 24 ? `${written.slice(0, 24)}…` : written;
}

export const PLACEHOLDERS: readonly PlaceholderSpec[] = [
  {
    // （文字描述） and its longer forms: （文字描述，收取信息处理费情况在此处报告。）
    kind: 'describe',
    pattern: new RegExp(`${OPEN}[ \\t\\u3000]*文字描述[^（()）【】\\r\\n]{0,80}${CLOSE}`),
    message: (w) => ({
      zh: `“${shown(w)}”是模板的占位文字，还没有写成正文：请按本机关本年度的实际情况写明`,
      en: `“${shown(w)}” is the template's placeholder, not yet written: write what this agency actually did this year`,
    }),
  },
  {
    kind: 'agency',
    pattern: bracketed('机关名称'),
    message: (w) => ({ zh: `“${w}”是模板的占位文字：请写上本机关的全称`, en: `“${w}” is a placeholder: write the agency's full name` }),
  },
  {
    kind: 'year',
    pattern: bracketed('年份'),
    message: (w) => ({
      zh: `“${w}”是模板的占位文字：请写上报告年度（四位数字）`,
      en: `“${w}” is a placeholder: write the report year (four digits)`,
    }),
  },
  {
    // The next-year draft's note above last year's prose: it runs to the end of its line.
    kind: 'rewrite',
    pattern: new RegExp(`${REWRITE_MARK}[^\\r\\n]*`),
    message: () => ({
      zh: `“${REWRITE_MARK}”提示还在：下面是上一年度报告的文字，请按本年度的实际情况改写，改好后删除这条提示`,
      en: `The “${REWRITE_MARK}” note is still here: the text below is last year's; rewrite it for this year, then delete the note`,
    }),
  },
  {
    kind: 'base',
    pattern: new RegExp(`${BASE_MARK}[^\\r\\n]*`),
    message: () => ({
      zh: `“${BASE_MARK}”提示还在：请据此算出本年的现行有效件数填入表二，然后删除这条提示`,
      en: `The “${BASE_MARK}” note is still here: work out this year's documents in force for table 二 from it, then delete the note`,
    }),
  },
  {
    // XX局, ××镇, 20XX年, X月X日, X件: letters or multiplication signs standing for a name or a figure.
    kind: 'symbol',
    pattern: new RegExp(`(?<![${LETTER}])(?:[XxＸｘ×]{2,}|[XxＸｘ×](?=[年月日号件条项个次]))(?![${LETTER}])`),
    message: (w) => ({
      zh: `“${w}”是占位符号，还没有填上实际的名称或数字`,
      en: `“${w}” is a placeholder symbol: the actual name or figure is not filled in yet`,
    }),
  },
  {
    // 此处填写…, （请填写…）: an instruction to the writer.
    kind: 'fill',
    pattern: new RegExp(
      `${OPEN}[^（()）【】[\\]\\r\\n]{0,40}?(?:此处|在此|请)填写[^（()）【】[\\]\\r\\n]{0,40}${CLOSE}|(?:此处|在此处?)填写`,
    ),
    message: (w) => ({ zh: `“${shown(w)}”是待填写的占位文字`, en: `“${shown(w)}” is a placeholder still to be filled in` }),
  },
];

export interface PlaceholderHit {
  kind: PlaceholderKind;
  /** Offsets in the text searched. */
  start: number;
  end: number;
  written: string;
  spec: PlaceholderSpec;
}

const GLOBAL = PLACEHOLDERS.map((p) => ({ spec: p, re: new RegExp(p.pattern.source, 'g') }));
/** A quick test before the patterns: every placeholder holds one of these. */
const CANDIDATE = /文字描述|机关名称|年份|【请改写】|【上年基数】|[XxＸｘ×]|填写/;

/** Every placeholder in `text`, in order, none overlapping (the first pattern of the list wins). */
export function findPlaceholders(text: string): PlaceholderHit[] {
  if (!CANDIDATE.test(text)) return [];
  const hits: PlaceholderHit[] = [];
  for (const { spec, re } of GLOBAL) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!m[0]) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (!hits.some((h) => start < h.end && h.start < end)) hits.push({ kind: spec.kind, start, end, written: m[0], spec });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/**
 * The text with every placeholder replaced by spaces of the same length: offsets stay those of
 * the source, and what the rules read holds no placeholder.
 */
export function blankPlaceholders(text: string): string {
  const hits = findPlaceholders(text);
  if (!hits.length) return text;
  let out = '';
  let from = 0;
  for (const h of hits) {
    out += text.slice(from, h.start) + ' '.repeat(h.end - h.start);
    from = h.end;
  }
  return out + text.slice(from);
}
