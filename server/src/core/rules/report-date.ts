import { compareDate, findDates, formatDate, plainOf, reportParagraphs, sentences, signingDates, sourceSpan } from '../prose';
import type { Message, Rule } from '../rule';
import { DEADLINES, ReportKind } from '../template';

const KIND_NAME: Record<ReportKind, Message> = {
  department: { zh: '县级以上人民政府部门', en: 'a government department' },
  township: { zh: '乡镇人民政府、街道办事处', en: 'a township or sub-district' },
  government: { zh: '人民政府本级', en: 'a people’s government’s own report' },
};

/** A sentence that states the statistic period (统计期限自…起至…止, 数据截至…). */
const PERIOD = /统计(?:期限|时限|期间|时间|区间|范围|截止|日期)|数据[^。；;，,]{0,12}(?:截至|截止)/;

/**
 * 条例 第四十九条 and 国办公开办函〔2021〕30号 二: a report for year Y is published in Y+1, by 1月31日
 * (departments, townships) or 3月31日 (a government's own report); its statistic period is year Y.
 */
export const reportDate: Rule = {
  code: 'report-date',
  catalog: 290,
  severity: 'error',
  description: {
    zh: '落款或印发日期不晚于报告年度（错误）、晚于法定公开期限或统计期限与报告年度不符（警告）',
    en: 'Signing date not after the report year (error), past the legal deadline, or statistic period of another year (warning)',
  },
  tags: ['content'],
  check({ report, emit }) {
    const year = report.title?.year;
    if (!year) return;
    const kind = report.title!.kind;
    const deadline = { year: year + 1, ...DEADLINES[kind] };
    const deadlineText = formatDate(deadline);

    for (const s of signingDates(report)) {
      const d = s.date;
      const span = sourceSpan(s.plain, d.start, d.end);
      const written = d.text;
      if (d.year <= year) {
        const hint =
          d.year === year
            ? { zh: `，是否应为${formatDate({ ...d, year: year + 1 })}？`, en: `; did you mean ${formatDate({ ...d, year: year + 1 })}?` }
            : { zh: '', en: '' };
        emit({
          key: `early:${span.start}`,
          span,
          message: {
            zh: `日期“${written}”不晚于报告年度${year}年：${year}年度报告统计的是${year}年全年情况，只能在${year + 1}年印发公开${hint.zh}`,
            en: `The date “${written}” is not after the report year ${year}: a report on ${year} can only be issued in ${year + 1}${hint.en}`,
          },
        });
        continue;
      }
      if (compareDate(d, deadline) > 0) {
        emit({
          key: `late:${span.start}`,
          span,
          severity: 'warning',
          message: {
            zh: `日期“${written}”晚于法定公开期限${deadlineText}（${KIND_NAME[kind].zh}的年度报告应于每年${deadline.month}月${deadline.day}日前公布，条例第四十九条）`,
            en: `The date “${written}” is past the deadline ${deadlineText} for ${KIND_NAME[kind].en} (Regulations art. 49)`,
          },
        });
      }
    }

    for (const { block } of reportParagraphs(report)) {
      if (!/统计|截至|截止/.test(block.text)) continue;
      const plain = plainOf(block.text, block.span.start);
      if (!PERIOD.test(plain.text)) continue;
      for (const sentence of sentences(plain.text)) {
        const at = sentence.text.search(PERIOD);
        if (at < 0) continue;
        const dates = findDates(sentence.text.slice(at)).slice(0, 2);
        const wrong = dates.find((d) => d.year !== year);
        if (!wrong) continue;
        const a = sentence.start + at + wrong.start;
        const span = sourceSpan(plain, a, a + wrong.text.length);
        emit({
          key: `period:${span.start}`,
          span,
          severity: 'warning',
          message: {
            zh: `统计期限中的“${wrong.text}”与报告年度${year}年不符：${year}年度报告的统计期限应为${year}年1月1日至${year}年12月31日`,
            en: `The statistic period date “${wrong.text}” is not in the report year ${year} (the period is ${year}-01-01 to ${year}-12-31)`,
          },
        });
      }
    }
  },
};
