/**
 * Figures the prose states about applications and cases, against tables 三 and 四.
 *
 * The reading is deliberately narrow: a figure counts only when it stands right after (or
 * right before) a known phrase of the table — 收到/受理 … 申请 N件, 上年结转 N件, 办结/答复 N件,
 * 结转下年度 N件, 予以公开 N件 …, 行政复议 N件/起, 行政诉讼 N件/起 — with nothing but filler
 * words between them (申请, 政府信息公开, 共, 为 …). Comparisons with other years, approximate
 * figures (约, 余, 多), channel-limited statements (未收到纸质申请) and anything else whose
 * meaning is not clear say nothing: a false alarm teaches users to ignore the tool.
 */
import type { ValueCell } from '../cells';
import { figure, sum } from '../cells';
import type { Span } from '../lines';
import { Plain, parseNumber, plainOf, reportParagraphs, sentences, sourceSpan } from '../prose';
import type { Message, Report, Rule } from '../rule';
import type { ReportModel } from '../model';
import type { MappedTable } from '../tables';
import { TABLE3_GROUPS } from '../template';
import { ANSWER_WORDINGS } from '../register/answers';
import { fmt, table3GroupLabel, table3RowLabel, table4BlockLabel } from './helpers';

export type ClaimKind =
  | 'received'
  | 'receivedStrict'
  | 'carried'
  | 'handled'
  | 'forward'
  | 'g1'
  | 'g2'
  | 'g12'
  | 'g3'
  | 'g4'
  | 'g5'
  | 'g6'
  /** A single case of a result group (信息不存在, 重复申请, 撤回 …): a subject, never compared. */
  | 'item'
  | 'review'
  | 'litigation'
  | 'direct'
  | 'afterReview';

interface AnchorDef {
  kind: ClaimKind;
  re: RegExp;
}

/**
 * Dictionary wordings that mean something else in running prose: 主动公开 is proactive
 * disclosure, 提供相关信息 sits inside 无法提供相关信息, 不存在 and 隐私 are too common.
 */
const NOT_A_PROSE_SUBJECT = new Set([
  '公开',
  '已公开',
  '主动公开',
  '已主动公开',
  '提供信息',
  '提供相关信息',
  '已提供',
  '告知获取',
  '告知获取方式',
  '告知获取途径',
  '不存在',
  '不公开',
  '隐私',
  '第三方',
  '投诉',
  '举报',
  '信访',
  '涉密',
  '出版物',
  '未找到',
  '查无',
  '未获取',
  '未制作',
  '告知向',
  '本机关无',
  '不掌握',
  '未掌握',
  '禁止公开',
  '内部管理',
  '内部讨论',
]);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The result subjects of table 三 in prose, from the register's answer dictionary (one source):
 * a group's own wordings (同意公开 → （一）, 区分处理 → （二）, 无法提供 → （四） …) are compared
 * with the group's total; a single case (信息不存在, 重复申请, 撤回 …) is read as the subject of
 * its figure — so that its 答复 N 件 is not taken for all answers — but not compared, since the
 * clerk's count of a case need not be the cell's.
 */
function resultAnchors(): AnchorDef[] {
  const groups = new Map<ClaimKind, Set<string>>();
  for (const w of ANSWER_WORDINGS) {
    if (w.key === 'pending') continue;
    const kind: ClaimKind = /^g[1-6]$/.test(w.key) ? (w.key as ClaimKind) : 'item';
    for (const p of w.phrases)
      if (typeof p === 'string' && !NOT_A_PROSE_SUBJECT.has(p)) (groups.get(kind) ?? groups.set(kind, new Set()).get(kind)!).add(p);
  }
  return [...groups].map(([kind, phrases]) => ({
    kind,
    re: new RegExp(
      [...phrases]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|'),
      'g',
    ),
  }));
}

const RESULT_OR_ITEM = new Set<ClaimKind>(['g1', 'g2', 'g12', 'g3', 'g4', 'g5', 'g6', 'item']);

const ANCHORS: AnchorDef[] = [
  { kind: 'receivedStrict', re: /本年(?:度)?新收|新收/g },
  { kind: 'received', re: /收到|受理|接收|接到/g },
  { kind: 'carried', re: /上一?年度?(?:的)?结转|从上一?年度?结转|结转上一?年度?/g },
  { kind: 'forward', re: /结转(?:至|到)?(?:下一?年度?|次年|明年|((?:19|20)\d\d)年度?)(?:继续办理|办理)?|转入下一?年度?(?:办理)?/g },
  { kind: 'handled', re: /办结|答复/g },
  { kind: 'g12', re: /(?:予以公开|同意公开|全部公开)(?:以及|及|和|与|、|或)部分公开/g },
  ...resultAnchors(),
  { kind: 'review', re: /行政复议/g },
  { kind: 'litigation', re: /行政诉讼/g },
  { kind: 'direct', re: /未经(?:行政)?复议直接(?:提起)?(?:行政)?(?:起诉|诉讼)|直接起诉/g },
  { kind: 'afterReview', re: /复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g },
];

/** A cheap test before the phrases are looked for one by one. */
const ANY_ANCHOR = new RegExp(
  `收|受理|接|结转|转入|办结|答复|复议|诉讼|起诉|${ANCHORS.filter((a) => RESULT_OR_ITEM.has(a.kind))
    .map((a) => a.re.source)
    .join('|')}`,
);

const RESULT_KINDS = new Set<ClaimKind>(['g1', 'g2', 'g12', 'g3', 'g4', 'g5', 'g6']);
const CASE_KINDS = new Set<ClaimKind>(['review', 'litigation', 'direct', 'afterReview']);

/** A count: digits or a small Chinese numeral, and a unit for applications or cases. */
const FIGURE = /(\d+|[零〇一二两三四五六七八九十百]{1,4})[ \t\u3000]*(件|条|个|起|宗|份|次)/g;

/** What a figure counts when it is named right after it (12条文件): documents, opinions… not applications. */
const OTHER_NOUN_AFTER =
  /^(?:的)?(?:规范性文件|文件|政策|规章|信息|条目|意见|建议|提案|议案|留言|诉求|咨询|来信|批示|通知|公告|新闻|稿件|图解|解读|事项|栏目)/;
/** A part of the answers (以…为由答复N件, 其中…答复N件): a sub-count that is no cell of the table. */
const SUB_COUNT_BEFORE = /以[^，,。；;]{0,24}为由|其中|对其中|分别/;

/** Words allowed between a phrase and its figure (收到 政府信息公开申请 12件). */
const FILLER =
  /^(?:[了的共计为达是有：:\s\u3000]|合计|总计|各类|书面|政府信息公开|信息公开|政府信息|依申请公开|依申请|公开|申请|件数|数量|案件|事项|继续办理|继续|办理|类|总数|总量)*$/;
/** Fewer for the result categories, so that 予以公开政府信息236条 (proactive) is not read as a result. */
const RESULT_FILLER = /^(?:[了的共计为达是有：:\s\u3000]|合计|申请|件数|数量)*$/;
/** Words allowed between a figure and a phrase after it (1件结转下年度, 6件予以公开). */
const FILLER_AFTER = /^(?:的|申请|政府信息公开申请|信息公开申请|被|被申请|被提起|已|已经|均|全部|依法|为|\s)*$/;

/** Clauses about something else than this year's applications. */
const OFF_TOPIC = /建议|提案|议案|热线|工单|来信|来访|留言|诉求|咨询|主动/;
const COMPARISON =
  /同比|环比|去年|上年同期|较上一?年|比上一?年|增长|增加|减少|下降|上升|持平|累计|历年|以来|截至目前|平均|月均|日均|分别|力争|计划|预计|目标|争取/;
const APPROXIMATE_BEFORE = /(?:约|近|逾|超过|多达|第|每)$|[\d.][ \t]*(?:至|到|~|～|-|－|—|、)?[ \t]*$/;
const APPROXIMATE_AFTER = /^(?:以上|以下|左右|余|多|上下|事|次办|一档|一策|工作日|小时|天|日|月|年|人|次)/;
const CASE_CONTEXT = /被申请|被提起|被起诉|信息公开|政务公开|依申请/;
const CASE_OTHER_WORK = /办理|审理|代理|受理|应诉|出庭|参与|复议机关|纠错/;
const NEGATION_BEFORE = /(?:未|不|不予|没有|尚未|无|暂未)$/;
const CHANNEL = /纸质|当面|信函|网上|网络|在线|电子邮件|邮件|邮寄|传真|现场|窗口|口头|电话/;

/** One clause of the prose read as (subject, figure, unit). */
export interface Claim {
  /** The subject: received, carried, a result group, a case of table 四 … */
  kind: ClaimKind;
  value: number;
  /** 件, 条, 起 … (a negation says none: 件). */
  unit: string;
  /** Plain-text range of the figure (or of the negation, for a zero). */
  start: number;
  end: number;
  /** The words as written, for the message. */
  quote: string;
  /** 收到…N件（含上年结转M件）: N is 新收 + 结转. */
  inclusive?: boolean;
  /** Stated as a negation (全年未收到…申请): the value is 0. */
  negated?: boolean;
  /** 占51.85%, after the figure. */
  percent?: { value: number; decimals: number; start: number; end: number };
}

interface Clause {
  start: number;
  end: number;
  text: string;
}

function clausesOf(sentenceText: string, offset: number): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i <= sentenceText.length; i++) {
    if (i === sentenceText.length || '，,（）()'.includes(sentenceText[i])) {
      if (i > start) out.push({ start: offset + start, end: offset + i, text: sentenceText.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

interface AnchorHit {
  kind: ClaimKind;
  start: number;
  end: number;
  year?: number;
}

function anchorsIn(text: string): AnchorHit[] {
  const all: AnchorHit[] = [];
  for (const a of ANCHORS) {
    a.re.lastIndex = 0;
    for (let m = a.re.exec(text); m; m = a.re.exec(text)) {
      all.push({ kind: a.kind, start: m.index, end: m.index + m[0].length, year: m[1] ? Number(m[1]) : undefined });
    }
  }
  // Overlapping result subjects: the one that starts first (then the longer) is what is said —
  // 不予以公开 is not 予以公开, 部分不予公开 is 部分公开, 无法提供相关信息 is not 提供相关信息.
  all.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: AnchorHit[] = [];
  for (const h of all) {
    const clash = out.some((k) => k.start < h.end && h.start < k.end && (RESULT_OR_ITEM.has(k.kind) || RESULT_OR_ITEM.has(h.kind)));
    if (!clash) out.push(h);
  }
  return out;
}

/** Words between a result subject and its 答复 (因无法提供相关信息答复3件, 同意公开的答复5件). */
const SUBJECT_TO_ANSWER = /^(?:的|类|相关|有关|所需|政府|信息|申请|等|情形|情况|为由|作出|给予|予以)*$/;
/** Units that count documents (条, 篇, 份) rather than applications, in a sentence about documents. */
const DOCUMENT_UNITS = new Set(['条', '篇', '份']);
const DOCUMENT_SENTENCE = /公文|文件|印发|制发|发文|发布|政府信息共|信息共|主动公开/;

function joinedWithPrevious(c: string, hit: AnchorHit, anchors: AnchorHit[]): boolean {
  const pre = c.slice(0, hit.start);
  const m = /(或者|以及|或|和|及|与|、)([^，,。；;\d]{0,6})$/.exec(pre);
  if (!m) return false;
  const conj = pre.length - m[0].length;
  return /公开$/.test(pre.slice(0, conj)) || anchors.some((a) => a !== hit && a.end <= conj && conj - a.end <= 2);
}

function yearsIn(text: string): number[] {
  return [...text.matchAll(/((?:19|20)\d\d)\s*年/g)].map((m) => Number(m[1]));
}

/**
 * The claims of one paragraph's plain text. `year` is the report year (clauses naming another
 * year are skipped); `inSection4` relaxes the context needed for 行政复议/行政诉讼.
 */
export function readClaims(text: string, year: number | undefined, inSection4 = false): Claim[] {
  const claims: Claim[] = [];
  const aboutApplications = text.includes('申请');
  for (const sentence of sentences(text)) {
    // Only sentences with a count or a negation can hold a claim.
    if (!/\d|[一二两三四五六七八九十][件条个起宗份]|[未没无零]/.test(sentence.text)) continue;
    if (!ANY_ANCHOR.test(sentence.text) && !sentence.text.includes('申请')) continue;
    const positiveReceived: Claim[] = [];
    const sentenceClaims: Claim[] = [];
    for (const clause of clausesOf(sentence.text, sentence.start)) {
      const c = clause.text;
      if (COMPARISON.test(c)) continue;
      // Another year than the report's: a comparison or history (the next year only for 结转至2024年).
      if (year && yearsIn(c).some((y) => y !== year && !(y === year + 1 && /结转|转入/.test(c)))) continue;
      const figures = [...c.matchAll(FIGURE)].map((m) => ({ start: m.index, end: m.index + m[0].length, number: m[1], unit: m[2] }));
      const anchors = figures.length && ANY_ANCHOR.test(c) ? anchorsIn(c) : [];
      for (const f of figures) {
        const value = parseNumber(f.number);
        if (value === undefined || !countsSomething(c, f)) continue;
        const hit = anchorOf(c, f, anchors);
        if (!hit || !claimStands({ c, sentence: sentence.text, year, aboutApplications, inSection4 }, f, hit, anchors)) continue;
        const claim = claimOf(text, clause, sentence.end, f, hit, value);
        sentenceClaims.push(claim);
        if (hit.kind === 'received' || hit.kind === 'receivedStrict') positiveReceived.push(claim);
      }
      if (figures.length === 0) sentenceClaims.push(...negations(clause, aboutApplications, sentence.text, text, inSection4));
    }
    // A negation beside a positive figure in the same sentence is left to the figure.
    claims.push(...sentenceClaims.filter((x) => !(x.negated && x.kind === 'received' && positiveReceived.length)));
  }
  return claims;
}

/** A figure of a clause: where it stands, the number as written and its unit (件, 条…). */
interface Figure {
  start: number;
  end: number;
  number: string;
  unit: string;
}

/** Whether a figure is an exact count (not 约 N 件, N 余件, nor a Chinese numeral inside a word). */
function countsSomething(c: string, f: Figure): boolean {
  if (APPROXIMATE_BEFORE.test(c.slice(0, f.start)) || APPROXIMATE_AFTER.test(c.slice(f.end))) return false;
  return /^\d/.test(f.number) || !/[\u4e00-\u9fff]$/.test(c.slice(0, f.start)) || /[收到结是有为共计]$/.test(c.slice(0, f.start));
}

/** The phrase a figure counts: the one just before it (the one ending last), else the one just after. */
function anchorOf(c: string, f: Figure, anchors: AnchorHit[]): AnchorHit | undefined {
  let hit: AnchorHit | undefined;
  const before = anchors.filter((a) => a.end <= f.start).sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start))[0];
  if (before) {
    const gap = c.slice(before.end, f.start);
    const filler = RESULT_KINDS.has(before.kind) ? RESULT_FILLER : FILLER;
    if (gap.length <= 20 && filler.test(gap)) hit = before;
    // 予以公开答复966件, 因无法提供相关信息答复3件: the answer of a result subject is that subject's, not all answers.
    if (hit?.kind === 'handled') {
      const start = hit.start;
      const category = anchors
        .filter((a) => RESULT_OR_ITEM.has(a.kind) && a.end <= start && SUBJECT_TO_ANSWER.test(c.slice(a.end, start)))
        .pop();
      if (category) hit = category;
    }
  }
  if (!hit) {
    const after = anchors.filter((a) => a.start >= f.end).sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start))[0];
    if (after && c.slice(f.end, after.start).length <= 12 && FILLER_AFTER.test(c.slice(f.end, after.start))) hit = after;
  }
  return hit;
}

/** Where a figure is read: its clause, its sentence, the report year and what the paragraph is about. */
interface ClaimContext {
  c: string;
  sentence: string;
  year: number | undefined;
  aboutApplications: boolean;
  inSection4: boolean;
}

/** Whether a figure and the phrase it counts make a claim about a cell (the context rules out the rest). */
function claimStands(ctx: ClaimContext, f: Figure, hit: AnchorHit, anchors: AnchorHit[]): boolean {
  const { c, sentence, year } = ctx;
  // A single case of a group (信息不存在3件): its subject is known, but it is no cell's total.
  if (hit.kind === 'item') return false;
  // 不予公开 M 条 of documents (全年印发公文…共 N 条): not table 三, which counts applications.
  if (DOCUMENT_UNITS.has(f.unit) && (!sentence.includes('申请') || DOCUMENT_SENTENCE.test(sentence))) return false;
  if (NEGATION_BEFORE.test(c.slice(0, hit.start))) return false;
  // The noun the figure counts, when it follows it, must be the table's (申请, 案件), not documents.
  if (OTHER_NOUN_AFTER.test(c.slice(f.end))) return false;
  if (hit.kind === 'handled' && SUB_COUNT_BEFORE.test(c.slice(0, hit.start))) return false;
  // 不予公开和无法提供共5件, 行政复议、行政诉讼3件: a figure for several phrases at once.
  if (joinedWithPrevious(c, hit, anchors)) return false;
  if (hit.kind === 'forward' && hit.year !== undefined && hit.year !== (year ?? 0) + 1) return false;
  if (CASE_KINDS.has(hit.kind)) {
    if (!(CASE_CONTEXT.test(c) || CASE_CONTEXT.test(sentence) || ctx.inSection4)) return false;
    return !(CASE_OTHER_WORK.test(c) && !/信息公开/.test(c));
  }
  if (!ctx.aboutApplications || OFF_TOPIC.test(c)) return false;
  return !((hit.kind === 'received' || hit.kind === 'receivedStrict') && !sentence.includes('申请'));
}

/** The claim of a figure, with what follows it in the sentence: （含上年结转）, or the share it makes (占 N%). */
function claimOf(text: string, clause: Clause, sentenceEnd: number, f: Figure, hit: AnchorHit, value: number): Claim {
  const c = clause.text;
  const from = Math.min(hit.start, f.start);
  const claim: Claim = {
    kind: hit.kind,
    value,
    unit: f.unit,
    start: clause.start + f.start,
    end: clause.start + f.end,
    quote: c.slice(from, Math.max(hit.end, f.end)).trim(),
  };
  const rest = text.slice(clause.start + f.end, sentenceEnd);
  if (hit.kind === 'received' && /^\s*[（(]\s*(?:含|其中|包括|包含)\s*上一?年度?(?:的)?结转/.test(rest)) claim.inclusive = true;
  if (RESULT_KINDS.has(hit.kind)) {
    const p = /^([，,\s]*(?:占[^，,。；;\d%％]{0,12}?|占比为?|比例为|比重为)[ \t]*)(\d+(?:\.(\d+))?)[ \t]*[%％]/.exec(rest);
    if (p) {
      const at = clause.start + f.end;
      claim.percent = { value: Number(p[2]), decimals: p[3]?.length ?? 0, start: at + p[1].length, end: at + p[0].length };
    }
  }
  return claim;
}

/** 全年未收到政府信息公开申请 → 新收 0; 未发生…行政复议、行政诉讼 → both 0. */
function negations(clause: Clause, aboutApplications: boolean, sentenceText: string, paragraphText: string, inSection4: boolean): Claim[] {
  const c = clause.text;
  const out: Claim[] = [];
  const caseTerms = [...c.matchAll(/(?:行政)?(复议|诉讼)(?!后|机关)/g)];
  const neg = /(?:未(?!经)|没有|没|无|暂无|零)(?:发生|出现|被|再|有)?/.exec(c);
  if (!neg) return out;
  const negEnd = neg.index + neg[0].length;
  if (caseTerms.length) {
    if (!(CASE_CONTEXT.test(c) || CASE_CONTEXT.test(sentenceText) || inSection4)) return out;
    if (/未经/.test(c) || CASE_OTHER_WORK.test(c.replace(/信息公开工作/g, ''))) return out;
    // 未发生行政复议纠错、诉讼败诉: the negation is about an outcome, not the number of cases.
    if (/纠错|纠正|败诉|撤销|违法|改变|维持|被告/.test(c)) return out;
    for (const t of caseTerms) {
      if (t.index < negEnd || t.index - negEnd > 30) continue;
      const kind: ClaimKind = t[1] === '复议' ? 'review' : 'litigation';
      if (out.some((x) => x.kind === kind)) continue;
      out.push({
        kind,
        value: 0,
        unit: '件',
        negated: true,
        start: clause.start + neg.index,
        end: clause.start + t.index + t[0].length,
        quote: c.slice(neg.index, t.index + t[0].length),
      });
    }
    return out;
  }
  if (!aboutApplications || !c.includes('申请') || c.includes('申请人')) return out;
  if (!/公开|政府信息|依申请/.test(c) && !/依申请|信息公开申请/.test(paragraphText)) return out;
  if (OFF_TOPIC.test(c) || /投诉|信访|举报/.test(c)) return out;
  if (CHANNEL.test(c) || (/书面/.test(c) && !/其他形式/.test(c))) return out;
  const verb =
    /(?:未|没有|没)[^，,。；;]{0,8}?(?:收到|接到|受理|接收)|未发生[^，,。；;]{0,20}?收到|(?:^|[^\u4e00-\u9fff]|全年|本年度?|年内|年度内|均)(?:无|零)(?:政府信息公开|依申请公开|信息公开|依申请)?申请(?!人)|无依申请公开/.exec(
      c,
    );
  if (!verb) return out;
  const s = verb.index + (/^[^\u4e00-\u9fff]/.test(verb[0]) ? 1 : 0);
  // Underline from the negation to the last 申请 of the clause (未收到政府信息公开申请).
  const last = c.lastIndexOf('申请');
  const e = Math.max(verb.index + verb[0].length, last >= s ? last + 2 : 0);
  out.push({ kind: 'received', value: 0, unit: '件', negated: true, start: clause.start + s, end: clause.start + e, quote: c.slice(s, e) });
  return out;
}

// ---------------------------------------------------------------------------
// The table side

interface Fact {
  value: number;
  /** The table's name for the figure. */
  name: Message;
  related: { span: Span; message: Message }[];
}

function totalCell(t: MappedTable | undefined, rowId: string, col = 'total'): ValueCell | undefined {
  return t?.rows.get(rowId)?.cells.get(col);
}

function single(t: MappedTable | undefined, rowId: string, name: Message, table = '表三', col = 'total'): Fact | undefined {
  const cell = totalCell(t, rowId, col);
  const v = figure(cell);
  if (v === undefined) return undefined;
  return {
    value: v,
    name,
    related: [{ span: cell!.span, message: { zh: `${table}“${name.zh}”：${fmt(v)}`, en: `${name.en}: ${fmt(v)}` } }],
  };
}

function groupFact(t: MappedTable | undefined, groupId: string): Fact | undefined {
  const g = TABLE3_GROUPS.find((x) => x.id === groupId)!;
  const ids = g.items.length ? g.items.map((_, i) => `${g.id}.${i + 1}`) : [g.id];
  const cells = ids.map((id) => totalCell(t, id));
  const values = cells.map(figure);
  if (values.some((v) => v === undefined)) return undefined;
  const v = sum(values as number[]);
  const name = table3GroupLabel(groupId);
  const what = g.items.length
    ? { zh: `表三“${name.zh}”各项合计（总计列）`, en: `table 3 ${name.en}, sum of its items` }
    : { zh: `表三“${name.zh}”（总计列）`, en: `table 3 ${name.en}` };
  return { value: v, name, related: [{ span: cells[0]!.span, message: { zh: `${what.zh}：${fmt(v)}`, en: `${what.en}: ${fmt(v)}` } }] };
}

function combine(name: Message, ...facts: (Fact | undefined)[]): Fact | undefined {
  if (facts.some((f) => !f)) return undefined;
  return { value: sum(facts.map((f) => f!.value)), name, related: facts.flatMap((f) => f!.related) };
}

const CLAIM_LABEL: Record<ClaimKind, Message> = {
  received: { zh: '收到申请', en: 'requests received' },
  receivedStrict: { zh: '本年新收申请', en: 'new requests' },
  carried: { zh: '上年结转', en: 'carried over' },
  handled: { zh: '办结（答复）', en: 'requests answered' },
  forward: { zh: '结转下年度', en: 'carried forward' },
  g1: { zh: '予以公开', en: 'disclosed' },
  g2: { zh: '部分公开', en: 'partly disclosed' },
  g12: { zh: '予以公开及部分公开', en: 'disclosed and partly disclosed' },
  g3: { zh: '不予公开', en: 'not disclosed' },
  g4: { zh: '无法提供', en: 'cannot be provided' },
  g5: { zh: '不予处理', en: 'not handled' },
  g6: { zh: '其他处理', en: 'other handling' },
  item: { zh: '某一情形', en: 'one case' },
  review: { zh: '行政复议', en: 'administrative reviews' },
  litigation: { zh: '行政诉讼', en: 'lawsuits' },
  direct: { zh: '未经复议直接起诉', en: 'lawsuits without review' },
  afterReview: { zh: '复议后起诉', en: 'lawsuits after review' },
};

function facts(t3: MappedTable | undefined, t4: MappedTable | undefined): Partial<Record<ClaimKind | 'newPlusCarried', Fact>> {
  const out: Partial<Record<ClaimKind | 'newPlusCarried', Fact>> = {};
  const put = (k: ClaimKind | 'newPlusCarried', f: Fact | undefined) => {
    if (f) out[k] = f;
  };
  for (const [k, row] of [
    ['receivedStrict', 'new'],
    ['carried', 'carried'],
    ['handled', 'total'],
    ['forward', 'forward'],
  ] as const) {
    put(k, single(t3, row, table3RowLabel(row)));
  }
  if (out.receivedStrict) out.received = out.receivedStrict;
  put('newPlusCarried', combine({ zh: '一、本年新收与二、上年结转之和', en: 'new + carried over' }, out.receivedStrict, out.carried));
  for (const g of ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'] as const) put(g, groupFact(t3, g));
  put('g12', combine({ zh: '（一）予以公开与（二）部分公开之和', en: '(1) + (2)' }, out.g1, out.g2));
  for (const block of ['review', 'direct', 'afterReview'] as const) {
    const name = table4BlockLabel(block);
    put(block, single(t4, 'data', { zh: `${name.zh}·总计`, en: `${name.en}, total` }, '表四', `${block}.total`));
  }
  put(
    'litigation',
    combine({ zh: '行政诉讼（未经复议直接起诉与复议后起诉之和）', en: 'lawsuits (both kinds)' }, out.direct, out.afterReview),
  );
  return out;
}

function tolerance(decimals: number): number {
  return Math.pow(10, -decimals) + 1e-9;
}

export const proseMismatch: Rule = {
  code: 'prose-mismatch',
  catalog: 280,
  severity: 'warning',
  description: {
    zh: '正文中的申请、复议、诉讼数字与统计表不一致',
    en: 'A figure in the text contradicts the tables (requests, reviews, lawsuits)',
  },
  tags: ['content', 'table'],
  check({ report, emit }) {
    if (!report.table3 && !report.table4) return;
    const f = facts(report.table3, report.table4);
    for (const { claim, plain } of proseClaims(report)) {
      const r = judge(claim, f, plain);
      if (r) emit(r);
    }
  },
};

const claimsCache = new WeakMap<ReportModel, { claim: Claim; plain: Plain }[]>();

/** Every claim of the report's prose, with the paragraph it was read in; memoised per report. */
export function proseClaims(report: ReportModel): { claim: Claim; plain: Plain }[] {
  const hit = claimsCache.get(report);
  if (hit) return hit;
  const out: { claim: Claim; plain: Plain }[] = [];
  const year = report.title?.year;
  for (const { block, section } of reportParagraphs(report)) {
    if (!/申|复|诉/.test(block.text)) continue;
    const plain = plainOf(block.text, block.span.start);
    if (!/申请|复议|诉讼/.test(plain.text)) continue;
    for (const claim of readClaims(plain.text, year, section?.number === 4)) out.push({ claim, plain });
  }
  claimsCache.set(report, out);
  return out;
}

function judge(claim: Claim, f: ReturnType<typeof facts>, plain: Plain): Report | undefined {
  const span = sourceSpan(plain, claim.start, claim.end);
  const key = `${claim.kind}:${span.start}`;
  const quote = claim.quote;
  const label = CLAIM_LABEL[claim.kind];
  let fact = f[claim.kind];
  if (claim.kind === 'received' && claim.inclusive) fact = f.newPlusCarried;
  if (!fact) return undefined;

  let ok = fact.value === claim.value;
  // 收到 N 件 may count the carried-over requests too: accept 新收 + 结转 when they differ.
  // Not when 本年新收 is 0: "received N" with N in the 上年结转 row is a figure typed one row too low.
  if (
    !ok &&
    claim.kind === 'received' &&
    !claim.inclusive &&
    f.newPlusCarried &&
    f.carried &&
    f.carried.value > 0 &&
    (f.receivedStrict?.value ?? 0) > 0
  ) {
    ok = f.newPlusCarried.value === claim.value;
  }
  if (!ok) {
    const lowerRow = claim.kind === 'received' && f.carried && f.carried.value === claim.value && fact.value === 0;
    const extra = lowerRow
      ? {
          zh: `；表三“二、上年结转”正好是${fmt(f.carried!.value)}件，这个数字是否填到了下一行？`,
          en: `; table 3 “carried over” is exactly ${fmt(f.carried!.value)}: was the figure typed one row too low?`,
        }
      : claim.kind === 'received' && !claim.inclusive && f.carried && f.carried.value > 0 && f.newPlusCarried
        ? {
            zh: `（加上年结转${fmt(f.carried.value)}件为${fmt(f.newPlusCarried.value)}件，也不相符）`,
            en: ` (with ${fmt(f.carried.value)} carried over: ${fmt(f.newPlusCarried.value)}, no match either)`,
          }
        : { zh: '', en: '' };
    const table = CASE_KINDS.has(claim.kind) ? { zh: '表四', en: 'table 4' } : { zh: '表三', en: 'table 3' };
    const message: Message = claim.negated
      ? {
          zh: `正文“${quote}”，但${table.zh}“${fact.name.zh}”为${fmt(fact.value)}件${extra.zh}`,
          en: `The text says none (“${quote}”), but ${table.en} “${fact.name.en}” is ${fmt(fact.value)}${extra.en}`,
        }
      : {
          zh: `正文“${quote}”与${table.zh}“${fact.name.zh}”${fmt(fact.value)}件不符${extra.zh}`,
          en: `The text states ${fmt(claim.value)} ${label.en} (“${quote}”), but ${table.en} “${fact.name.en}” is ${fmt(fact.value)}${extra.en}`,
        };
    return {
      key,
      span,
      message,
      related: lowerRow ? [...fact.related, ...f.carried!.related] : fact.related,
    };
  }
  if (claim.percent) {
    const p = claim.percent;
    const bases = [f.handled, f.receivedStrict, f.newPlusCarried].filter((x): x is Fact => !!x && x.value > 0);
    if (!bases.length) return undefined;
    if (bases.some((b) => Math.abs((100 * claim.value) / b.value - p.value) <= tolerance(p.decimals))) return undefined;
    const base = bases[0];
    const should = ((100 * claim.value) / base.value).toFixed(Math.max(p.decimals, 2));
    return {
      key: `${key}:percent`,
      span: sourceSpan(plain, p.start, p.end),
      message: {
        zh: `正文“${quote}”所占比例写作${p.value}%，与件数不符：${fmt(claim.value)}÷${fmt(base.value)}（表三“${base.name.zh}”）=${should}%`,
        en: `The share ${p.value}% of “${quote}” does not match the counts: ${fmt(claim.value)} ÷ ${fmt(base.value)} (table 3 “${base.name.en}”) = ${should}%`,
      },
      related: base.related,
    };
  }
  return undefined;
}
