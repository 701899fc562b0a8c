import { closingStart, plainOf } from '../prose';
import type { Rule } from '../rule';
import { blockInsertion } from './helpers';

/**
 * Wordings that report the 信息处理费 (including none collected): 信息处理费, 处理费, 信息公开处理费,
 * 收取…费, 收费, 缴费/缴纳…费用. The template placeholder "（文字描述，收取信息处理费情况在此处报告。）"
 * mentions it too, but placeholders are blanked before rules read the text: it satisfies nothing.
 */
const FEE_WORDING = /处理费|收取[^。；;]{0,20}费|收费|缴费|缴纳[^。；;]{0,10}费|费用/;

/** 国办公开办函〔2021〕30号: 六 reports the collection of 信息处理费 (国办函〔2020〕109号), even when none was collected. */
export const feeStatementMissing: Rule = {
  code: 'fee-statement-missing',
  catalog: 100,
  severity: 'error',
  description: { zh: '“其他需要报告的事项”未说明信息处理费收取情况', en: 'Section 6 says nothing about information processing fees' },
  tags: ['content'],
  check({ doc, report, emit }) {
    const sixes = report.sections.filter((s) => s.number === 6);
    if (!sixes.length) return;
    const mentions = sixes.some((s) =>
      [...s.paragraphs, ...s.headings].some(
        (b) => FEE_WORDING.test(b.text) || FEE_WORDING.test(plainOf(b.text, 0).text.replace(/\s+/g, '')),
      ),
    );
    if (mentions) return;
    const s = sixes[0];
    const year = report.title?.year;
    const sentence = `本机关${year ? `${year}年度` : '本年度'}未收取政府信息公开信息处理费。`;
    // Before the closing lines (agency, date) if the section ends with them, else at its end.
    const closing = closingStart(s, report);
    const last = s.paragraphs.filter((p) => closing === undefined || p.span.start < closing).pop();
    const at = closing ?? (last ? last.span.end : s.head.lineSpan.end);
    const title = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);
    emit({
      key: 'fee',
      span: s.head.titleSpan,
      message: {
        zh: `“${title}”未说明信息处理费收取情况：2021年格式要求在此报告按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况，未收取的也应写明`,
        en: `Section 6 says nothing about information processing fees: the 2021 format requires it to report them (State Council Office letter 〔2020〕109), even when none were collected`,
      },
      fixes: [
        {
          title: { zh: `插入“${sentence}”（请按实际情况修改）`, en: `Insert “${sentence}” (edit to the facts)` },
          kind: 'value',
          edits: [{ start: at, end: at, newText: blockInsertion(doc.text, at, [sentence], doc.lines.eol) }],
        },
      ],
    });
  },
};
