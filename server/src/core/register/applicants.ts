/**
 * Applicant types → the seven columns of table 三. Forms often know only 公民 and 法人或其他组织;
 * the five sub-types have no official definition (register.md), so a row that says only
 * 法人或其他组织 is reported, never assigned. The group's name is taken off first, so that
 * 法人或其他组织（商业企业） is a business and 法人或其他组织 alone is not read as 其他组织.
 */
import { foldWording } from './answers';

export type ApplicantReading = { column: string } | { missingSubtype: true } | undefined;

/** Wording → column id; the longest wording found in the cell wins. */
const APPLICANT_WORDINGS: Readonly<Record<string, string>> = {
  自然人: 'natural',
  公民: 'natural',
  个人: 'natural',
  群众: 'natural',
  居民: 'natural',
  村民: 'natural',
  商业企业: 'business',
  企业: 'business',
  公司: 'business',
  科研机构: 'research',
  科研院所: 'research',
  研究所: 'research',
  研究院: 'research',
  社会公益组织: 'publicInterest',
  公益组织: 'publicInterest',
  社会组织: 'publicInterest',
  基金会: 'publicInterest',
  法律服务机构: 'legal',
  律师事务所: 'legal',
  律所: 'legal',
  法律服务所: 'legal',
  其他: 'other',
  其它: 'other',
  其他组织: 'other',
};

/** The group heading of the five sub-types, as forms write it. */
const GROUP = /^(?:法人或者?其他组织|法人和其他组织|法人或其它组织|法人、其他组织|法人\/其他组织|法人|单位|组织)/;

export const APPLICANT_COLUMNS = ['natural', 'business', 'research', 'publicInterest', 'legal', 'other'] as const;

export function classifyApplicant(text: string, extra?: Readonly<Record<string, string>>): ApplicantReading {
  const t = foldWording(text);
  if (!t) return undefined;
  const own = extra ? Object.entries(extra).map(([k, v]) => [foldWording(k), v] as const) : [];
  for (const [k, v] of own.sort((a, b) => b[0].length - a[0].length)) if (k && t.includes(k)) return { column: v };
  // 法人或其他组织-商业企业, 法人或其他组织（科研机构）: the sub-type after the group's name.
  const group = GROUP.exec(t);
  const rest = group ? t.slice(group[0].length).replace(/^[-—:：/、（(\s]+|[)）]+$/g, '') : t;
  if (group && rest === '') return { missingSubtype: true };
  let best: string | undefined;
  for (const k of Object.keys(APPLICANT_WORDINGS)) if (rest.includes(k) && (!best || k.length > best.length)) best = k;
  return best ? { column: APPLICANT_WORDINGS[best] } : undefined;
}
