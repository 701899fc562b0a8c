/**
 * Answer wordings → the result rows of table 三, in one dictionary: the register tally and the
 * prose reader (rules/prose-mismatch.ts) both read subjects with it. Built from 条例 第三十六–
 * 三十九条 and the 江苏 答复规范 (register.md, "Answer wording → table 三 row"), plus the
 * pre-2019 vocabulary (同意公开, 否决公开, 信息不存在, 非本机关) clerks still write.
 *
 * Entries are tried in order and the first that matches wins, so the order carries meaning:
 * 撤回 and the 不予处理/其他处理 cases before anything that mentions 公开; 区分处理/部分公开 before
 * every 不予公开 or 无法提供 reason (row （二） counts a split answer only as 部分公开); the
 * reasons of （三） and （四） before the bare group words; 予以公开 last (不予以公开 contains it).
 */

/** A template row id of table 三 (g1, g2, g3.1 … g6.3), a group named without its item, or still open. */
export type AnswerKey = string;

export interface AnswerWording {
  /** Template row id (g3.4), or a group id (g3) when the wording does not say which item. */
  key: AnswerKey;
  phrases: readonly (string | RegExp)[];
}

export const ANSWER_WORDINGS: readonly AnswerWording[] = [
  // Still being handled: no final answer yet (结转下年度 when the year ends so).
  { key: 'pending', phrases: ['办理中', '正在办理', '处理中', '未办结', '待答复', '未答复', '尚未答复', '待办理', '审核中', '征求意见中'] },
  // （六）3 其他: no official text places a withdrawal (register.md).
  { key: 'g6.3', phrases: ['撤回', '撤销申请', '党务信息'] },
  { key: 'g6.1', phrases: ['逾期不补正', '逾期未补正', '未补正', '不补正', '放弃补正', '视为放弃', '视为撤回'] },
  { key: 'g6.2', phrases: ['未按收费通知', '未缴纳', '逾期未缴', '未缴费', '不缴费', '未交费'] },
  { key: 'g5.1', phrases: ['信访举报投诉', '信访', '投诉', '举报'] },
  { key: 'g5.2', phrases: ['重复申请'] },
  { key: 'g5.3', phrases: ['公开出版物', '出版物'] },
  { key: 'g5.4', phrases: ['大量反复', '大量、反复', '反复申请'] },
  { key: 'g5.5', phrases: ['重新出具', '确认或重新出具', '要求确认'] },
  { key: 'g2', phrases: ['部分公开', '区分处理', '可公开部分', '部分不予公开', '部分不公开'] },
  { key: 'g4.3', phrases: ['仍不明确', '内容不明确', '申请不明确', '描述不明确'] },
  { key: 'g4.2', phrases: ['另行制作', '需要加工', '加工、分析', '加工分析', '没有现成', '无现成'] },
  {
    key: 'g4.1',
    phrases: [
      '信息不存在',
      '不存在',
      '不掌握',
      '未掌握',
      '非本机关',
      '不属于本机关',
      '不属本机关',
      '本机关无',
      '告知负责机关',
      '告知向',
      '已销毁',
      '超过保管期限',
      '未检索到',
      '未找到',
      '查无',
      '未制作',
      '未获取',
    ],
  },
  { key: 'g3.1', phrases: ['国家秘密', '涉密', '涉及秘密'] },
  { key: 'g3.2', phrases: ['法律、行政法规禁止', '法律行政法规禁止', '法律法规禁止', '禁止公开'] },
  { key: 'g3.3', phrases: ['三安全一稳定', '国家安全', '公共安全', '经济安全', '社会稳定'] },
  { key: 'g3.4', phrases: ['第三方', '商业秘密', '个人隐私', '隐私'] },
  { key: 'g3.5', phrases: ['内部事务', '人事管理', '后勤管理', '内部工作流程', '内部管理'] },
  { key: 'g3.6', phrases: ['过程性', '讨论记录', '过程稿', '磋商信函', '请示报告', '内部讨论'] },
  { key: 'g3.7', phrases: ['行政执法案卷', '执法案卷'] },
  { key: 'g3.8', phrases: ['行政查询', '查询事项', '工商登记资料', '不动产登记资料', '依照有关规定办理', '依规定办理'] },
  // The groups named without a reason: the item is not known (reported, never assigned).
  { key: 'g3', phrases: ['不予公开', '不予以公开', '不同意公开', '不公开', '否决公开', '拒绝公开'] },
  { key: 'g4', phrases: ['无法提供'] },
  { key: 'g5', phrases: ['不予处理'] },
  { key: 'g6', phrases: ['其他处理'] },
  {
    key: 'g1',
    phrases: [
      '予以公开',
      '同意公开',
      '全部公开',
      '已主动公开',
      '主动公开',
      '已公开',
      /^公开/,
      '提供信息',
      '提供相关信息',
      '已提供',
      '告知获取方式',
      '告知获取途径',
      '告知获取',
    ],
  },
  { key: 'g6.3', phrases: [/^其他$/, /^其它$/] },
];

/** The group of a key: g3.4 → g3. */
export function groupOf(key: AnswerKey): string {
  return key.split('.')[0];
}

/** Width forms, spaces and quotes folded: 不予公开（ 国家秘密 ） → 不予公开(国家秘密). */
export function foldWording(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"'‘’]/g, '');
}

function matches(text: string, p: string | RegExp): boolean {
  return typeof p === 'string' ? text.includes(p) : p.test(text);
}

/**
 * The key of a wording: the user's own wordings first (`extra`, checked longest first), then
 * the dictionary. Undefined when nothing matches.
 */
export function classifyAnswer(text: string, extra?: Readonly<Record<string, string>>): AnswerKey | undefined {
  const t = foldWording(text);
  if (!t) return undefined;
  if (extra) {
    const own = Object.keys(extra)
      .map((k) => [foldWording(k), extra[k]] as const)
      .filter(([k]) => k !== '')
      .sort((a, b) => b[0].length - a[0].length);
    for (const [k, key] of own) if (t.includes(k)) return key;
  }
  for (const w of ANSWER_WORDINGS) if (w.phrases.some((p) => matches(t, p))) return w.key;
  return undefined;
}

/** Keys a configuration may name: the result rows of table 三 (not its totals), their groups, and 'pending'. */
export function isAnswerKey(key: string): boolean {
  return key === 'pending' || /^g[1-6]$/.test(key) || /^g3\.[1-8]$|^g4\.[1-3]$|^g5\.[1-5]$|^g6\.[1-3]$/.test(key);
}
