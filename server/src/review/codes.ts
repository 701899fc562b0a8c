/**
 * What the review finds beyond the rules of one report: the batch's own findings. They need
 * the whole batch (another unit's report, the same report twice) or describe a file that could
 * not be checked, so they are not core rules; each has its page in review/rules/<code>.md,
 * copied beside the rule pages by build.mjs.
 */
import type { RuleTag, Severity } from '../core/index';
import type { Message } from '../core/rule';

export type ReviewCode = 'file-unreadable' | 'not-a-report' | 'report-unidentified' | 'duplicate-submission' | 'text-copied';

export interface ReviewCodeInfo {
  code: ReviewCode;
  severity: Severity;
  /** The core's tags where one fits, so a scoring entry `tag:…` reaches these too. */
  tags: readonly (RuleTag | 'review')[];
  description: Message;
}

export const REVIEW_CODES: readonly ReviewCodeInfo[] = [
  {
    code: 'file-unreadable',
    severity: 'error',
    tags: ['review'],
    description: {
      zh: '文件无法审阅：无法读取、格式不支持（.doc、.wps 等）、扫描件、损坏或处理超时',
      en: 'The file cannot be reviewed: unreadable, an unsupported format (.doc, .wps …), a scan, corrupt, or it timed out',
    },
  },
  {
    code: 'not-a-report',
    severity: 'error',
    tags: ['review', 'structure'],
    description: {
      zh: '收到的文件不是政府信息公开工作年度报告（例如报送函、通知）',
      en: 'The file received is not an annual report (a cover letter, a notice …)',
    },
  },
  {
    code: 'report-unidentified',
    severity: 'warning',
    tags: ['review', 'structure'],
    description: {
      zh: '无法从标题识别机关名称和年度：跨年度比对和与上年的雷同比对未做',
      en: 'Agency and year cannot be read from the title: no cross-year or last-year comparison was made',
    },
  },
  {
    code: 'duplicate-submission',
    severity: 'warning',
    tags: ['review'],
    description: {
      zh: '同一份报告重复报送，或同一机关同一年度报送了两份不同的报告',
      en: 'The same report submitted twice, or two different reports of one agency for one year',
    },
  },
  {
    code: 'text-copied',
    severity: 'warning',
    tags: ['review', 'content'],
    description: {
      zh: '正文大段照搬本机关上一年度报告或其他单位同年度的报告（雷同）',
      en: 'The prose largely repeats the same agency’s previous report or another unit’s report of the same year',
    },
  },
];

export function reviewCode(code: string): ReviewCodeInfo | undefined {
  return REVIEW_CODES.find((c) => c.code === code);
}
