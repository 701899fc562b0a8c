/**
 * The review's settings in `.xxgk-report.json` (`"review": { … }`): the copied-text threshold
 * and the scoring table. Scoring is data: each entry gives the points deducted per finding of a
 * rule (by code, or `tag:<tag>` for every rule with that tag) and a cap per report; the score
 * is the total minus the deductions, never below zero. Validated here (options.ts calls it for
 * the config file) and described by the generated JSON schema (reviewSchema).
 */
import type { Message } from '../core/rule';

export interface ScoringEntry {
  /** Points deducted per finding. */
  points: number;
  /** At most this many points for this entry in one report. */
  cap?: number;
  /** Why this entry (shown on the 口径与规则 sheet). */
  basis?: string;
}

export interface Scoring {
  /** The points a report starts with. */
  total: number;
  /** Keys: a rule code (`section-missing`, `text-copied`) or `tag:<tag>` (`tag:arithmetic`). A code entry wins over a tag entry. */
  rules: Record<string, ScoringEntry>;
}

export interface ReviewSettings {
  /** Share (0–1) of a report's prose found in another report that makes it text-copied. */
  copiedThreshold: number;
  scoring: Scoring;
}

const COUNTY_RULE = '县级考核细则：年度报告10分，缺少要素扣5分';
const FAULTS = '评议常见问题（本工具的权重）';

/**
 * Modelled on one published county assessment rule (the annual report is worth 10 points; 5 are
 * deducted each for late filing, late publication, missing required elements, text 雷同 with
 * earlier years or other units, and a returned report not corrected). Late filing and
 * uncorrected returns cannot be seen in the files and are not scored; the figures the
 * evaluators' lists name (数据失准, blank cells, a wrong title) cost less, with a cap.
 */
export const DEFAULT_SCORING: Scoring = {
  total: 10,
  rules: {
    'section-missing': { points: 5, cap: 5, basis: `${COUNTY_RULE}（缺少部分）` },
    'table-missing': { points: 5, cap: 5, basis: `${COUNTY_RULE}（缺少统计表）` },
    'fee-statement-missing': { points: 5, cap: 5, basis: `${COUNTY_RULE}（未说明收费情况）` },
    'improvement-empty': { points: 5, cap: 5, basis: `${COUNTY_RULE}（问题和改进情况空缺）` },
    'table-outdated': { points: 5, cap: 5, basis: `${COUNTY_RULE}（使用已废止的统计表，新增要素缺失）` },
    'not-a-report': { points: 10, cap: 10, basis: '报送的不是年度报告' },
    'text-copied': { points: 5, cap: 5, basis: '县级考核细则：与往年或其他单位雷同扣5分' },
    'report-date': { points: 5, cap: 5, basis: '县级考核细则：未按时公开扣5分（以报告落款日期为据）' },
    'tag:arithmetic': { points: 1, cap: 3, basis: `${FAULTS}：数据失准` },
    'carry-over': { points: 1, cap: 2, basis: `${FAULTS}：与上年数据衔接不上` },
    'tag:cell': { points: 1, cap: 2, basis: `${FAULTS}：表格空白或填写不规范` },
    'title-missing': { points: 1, cap: 1, basis: `${FAULTS}：标题不规范` },
    'overview-topic-missing': { points: 1, cap: 2, basis: `${FAULTS}：总体情况缺项` },
  },
};

const DEFAULT_COPIED_THRESHOLD = 0.5;

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { copiedThreshold: DEFAULT_COPIED_THRESHOLD, scoring: DEFAULT_SCORING };

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Validates the `review` object of a config file; `warnings` gets one sentence per value left
 * out (naming the default used). `knownKey` says whether a scoring key names a rule or a tag.
 */
export function validateReviewSettings(raw: unknown, warnings: string[], knownKey: (key: string) => boolean): ReviewSettings {
  const out: ReviewSettings = { copiedThreshold: DEFAULT_COPIED_THRESHOLD, scoring: DEFAULT_SCORING };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warnings.push(`review 的值 ${show(raw)} 无效（应为对象），使用默认的审阅设置`);
    return out;
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'copiedThreshold' && k !== 'scoring') warnings.push(`review 中未知的项 ${k}（已忽略）`);
  if (o.copiedThreshold !== undefined) {
    if (isNumber(o.copiedThreshold) && o.copiedThreshold > 0 && o.copiedThreshold <= 1) out.copiedThreshold = o.copiedThreshold;
    else
      warnings.push(
        `review.copiedThreshold 的值 ${show(o.copiedThreshold)} 无效（应为大于 0、不大于 1 的数），使用默认值 ${DEFAULT_COPIED_THRESHOLD}`,
      );
  }
  if (o.scoring !== undefined) {
    const scoring = validateScoring(o.scoring, warnings, knownKey);
    if (scoring) out.scoring = scoring;
  }
  return out;
}

/** `review.scoring`: undefined (the default table) when it is not an object. */
function validateScoring(s: unknown, warnings: string[], knownKey: (key: string) => boolean): Scoring | undefined {
  if (!s || typeof s !== 'object' || Array.isArray(s)) {
    warnings.push(`review.scoring 的值 ${show(s)} 无效（应为对象 { "total": 10, "rules": { … } }），使用默认的计分表`);
    return undefined;
  }
  const so = s as Record<string, unknown>;
  for (const k of Object.keys(so)) if (k !== 'total' && k !== 'rules') warnings.push(`review.scoring 中未知的项 ${k}（已忽略）`);
  let total = DEFAULT_SCORING.total;
  if (so.total !== undefined) {
    if (isNumber(so.total) && so.total > 0) total = so.total;
    else warnings.push(`review.scoring.total 的值 ${show(so.total)} 无效（应为正数），使用默认值 ${DEFAULT_SCORING.total}`);
  }
  // A table given replaces the default one entirely: a partial merge would be hard to read on the sheet.
  let rules = DEFAULT_SCORING.rules;
  if (so.rules !== undefined) {
    if (!so.rules || typeof so.rules !== 'object' || Array.isArray(so.rules)) {
      warnings.push(`review.scoring.rules 的值 ${show(so.rules)} 无效（应为对象），使用默认的计分表`);
    } else {
      rules = {};
      for (const [key, v] of Object.entries(so.rules as Record<string, unknown>)) {
        const entry = validateScoringEntry(key, v, warnings, knownKey);
        if (entry) rules[key] = entry;
      }
    }
  }
  return { total, rules };
}

/** One entry of `review.scoring.rules` (a number of points, or { points, cap, basis }); undefined when left out. */
function validateScoringEntry(key: string, v: unknown, warnings: string[], knownKey: (key: string) => boolean): ScoringEntry | undefined {
  if (!knownKey(key)) {
    warnings.push(`review.scoring.rules 中的 ${key} 既不是规则代码也不是 tag:标签（已忽略）`);
    return undefined;
  }
  const e = typeof v === 'number' ? { points: v } : v;
  if (!e || typeof e !== 'object' || Array.isArray(e)) {
    warnings.push(`review.scoring.rules.${key} 应为 { "points": 数, "cap": 数 }（已忽略）`);
    return undefined;
  }
  const eo = e as Record<string, unknown>;
  if (!isNumber(eo.points) || eo.points < 0) {
    warnings.push(`review.scoring.rules.${key}.points 应为不小于 0 的数（已忽略这一项）`);
    return undefined;
  }
  const entry: ScoringEntry = { points: eo.points };
  if (eo.cap !== undefined) {
    if (isNumber(eo.cap) && eo.cap >= 0) entry.cap = eo.cap;
    else warnings.push(`review.scoring.rules.${key}.cap 应为不小于 0 的数（已忽略上限）`);
  }
  if (typeof eo.basis === 'string') entry.basis = eo.basis;
  for (const k of Object.keys(eo))
    if (!['points', 'cap', 'basis'].includes(k)) warnings.push(`review.scoring.rules.${key} 中未知的项 ${k}（已忽略）`);
  return entry;
}

/** The JSON schema of the `review` object (scripts/generate.ts puts it into the config file's schema). */
export function reviewSchema(): object {
  const entry = {
    oneOf: [
      { type: 'number', minimum: 0, description: '每条扣分' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['points'],
        properties: {
          points: { type: 'number', minimum: 0, description: '每条扣分' },
          cap: { type: 'number', minimum: 0, description: '一份报告在这一项上最多扣的分' },
          basis: { type: 'string', description: '依据（显示在“口径与规则”表中）' },
        },
      },
    ],
  };
  return {
    type: 'object',
    description: '审阅（xxgk-report review、“年报：审阅文件夹…”）的设置',
    additionalProperties: false,
    properties: {
      copiedThreshold: {
        type: 'number',
        exclusiveMinimum: 0,
        maximum: 1,
        default: DEFAULT_COPIED_THRESHOLD,
        description: '正文照搬的段落占全部正文的比例达到多少时报告 text-copied（0 到 1）',
      },
      scoring: {
        type: 'object',
        additionalProperties: false,
        description: '计分表：起始分 total，按规则代码或 tag:标签 每条扣分 points、上限 cap；给出 rules 时替换整个默认计分表',
        properties: {
          total: { type: 'number', exclusiveMinimum: 0, default: DEFAULT_SCORING.total, description: '起始分' },
          rules: {
            type: 'object',
            additionalProperties: entry,
            description: '键为规则代码（如 section-missing）或 tag:标签（如 tag:arithmetic）',
          },
        },
      },
    },
  };
}

/** The deduction of one report's findings: per entry, points × findings up to the cap. */
export interface Deduction {
  key: string;
  count: number;
  points: number;
}

/**
 * Scores findings: each finding goes to its code's entry, else to the first of its tags with an
 * entry (so one finding is never deducted twice); off findings never reach here.
 */
export function score(
  findings: readonly { code: string }[],
  scoring: Scoring,
  tagsOf: (code: string) => readonly string[],
): { score: number; deductions: Deduction[] } {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const key = scoringKey(f.code, scoring, tagsOf);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const deductions: Deduction[] = [];
  let total = 0;
  for (const [key, count] of counts) {
    const e = scoring.rules[key];
    const points = Math.min(e.points * count, e.cap ?? Infinity);
    if (points > 0) deductions.push({ key, count, points });
    total += points;
  }
  return { score: Math.max(0, round(scoring.total - total)), deductions };
}

export function scoringKey(code: string, scoring: Scoring, tagsOf: (code: string) => readonly string[]): string | undefined {
  if (scoring.rules[code]) return code;
  for (const t of tagsOf(code)) if (scoring.rules[`tag:${t}`]) return `tag:${t}`;
  return undefined;
}

/** Scores such as 7.5 stay exact without float noise (0.1 + 0.2). */
function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Fewer reports than this get no ranking column (the page says why). */
export const MIN_RANKED = 30;

export const NO_RANKING: Message = {
  zh: `参加排名的报告少于 ${MIN_RANKED} 份，不排名：样本太少时，名次的差别主要来自偶然因素，不能说明工作的好坏。`,
  en: `Fewer than ${MIN_RANKED} reports: no ranking, since with so few the differences in rank are mostly chance.`,
};
