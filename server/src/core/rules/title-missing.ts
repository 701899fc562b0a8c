import type { DocumentModel, ReportModel } from '../model';
import { chineseNumber, closingAgency, findDates, plainOf, reportParagraphs, signingDates } from '../prose';
import type { Rule } from '../rule';
import { REPORT_TITLE_PHRASE } from '../template';
import { renderTitle } from '../render';
import type { Message } from '../message';

/** The agency as read from a title without a 4-digit year: without a Chinese-numeral year or the snippet's （年份）. */
function cleanAgency(agency: string | undefined): string | undefined {
  const a = agency
    ?.trim()
    .replace(/[（(]\s*年份\s*[）)]\s*年?$/, '')
    .replace(/[一二][〇零○一二三四五六七八九]{3}\s*年?$/, '')
    .trim();
  return a || undefined;
}

/** A placeholder agency (the snippet's （机关名称）) is no agency. */
function isPlaceholderAgency(agency: string | undefined): boolean {
  const a = cleanAgency(agency);
  return !a || /^[（(【[]?\s*机关名称\s*[）)】\]]?$/.test(a);
}

/** The year a report without one in its title is probably for: its statistic period, else its signing date − 1. */
function guessYear(doc: DocumentModel, report: ReportModel): number | undefined {
  const t = report.title?.line.text;
  const cn = t && /([一二][〇零○一二三四五六七八九]{3})\s*年/.exec(t);
  if (cn) return chineseNumber(cn[1].replace(/○/g, '〇'));
  for (const { block } of reportParagraphs(report)) {
    const plain = plainOf(block.text, block.span.start).text;
    const at = plain.search(/统计(?:期限|时限|期间|时间|区间|范围)/);
    if (at < 0) continue;
    const d = findDates(plain.slice(at))[0];
    if (d) return d.year;
  }
  const signed = signingDates(report)[0];
  return signed ? signed.date.year - 1 : undefined;
}

/** The agency of a report without one in its title: the closing lines, else a 公文 header (XX文件). */
function guessAgency(doc: DocumentModel, report: ReportModel): string | undefined {
  const closing = closingAgency(report);
  if (closing) return closing;
  for (const p of report.preamble.paragraphs) {
    const m = /^\s*(.{2,30}?)\s*文件\s*$/.exec(plainOf(p.text, 0).text);
    if (m) return m[1];
  }
  return undefined;
}

const EXAMPLE_AGENCY = '某某县人民政府办公室';
const EXAMPLE_YEAR = 2024;

/** The canonical title: # <机关名称><年份>年政府信息公开工作年度报告 (markdown-layout.md §1). */
export const titleMissing: Rule = {
  code: 'title-missing',
  catalog: 60,
  severity: 'warning',
  description: { zh: '缺少含机关名称和四位年份的报告标题', en: 'No report title with the agency and a 4-digit year' },
  tags: ['structure', 'content'],
  check({ doc, report, emit }) {
    const t = report.title;
    const hasAgency = !isPlaceholderAgency(t?.agency);
    if (t && hasAgency && t.year) return;
    const agency = hasAgency ? cleanAgency(t!.agency) : guessAgency(doc, report);
    const year = t?.year ?? guessYear(doc, report);
    const titleText = renderTitle(agency, year);
    // The example in the message is a real title, never the template's （机关名称）（年份）.
    const example = renderTitle(agency ?? EXAMPLE_AGENCY, year ?? EXAMPLE_YEAR);
    const eol = doc.lines.eol;
    if (t) {
      const lacks = [!hasAgency && { zh: '机关名称', en: 'the agency' }, !t.year && { zh: '四位数字的年份', en: 'a 4-digit year' }].filter(
        (x): x is Message => !!x,
      );
      emit({
        key: 'incomplete',
        span: t.line.textSpan,
        message: {
          zh: `报告标题“${t.line.text}”缺少${lacks.map((x) => x.zh).join('和')}：应写成“机关名称+四位年份+${REPORT_TITLE_PHRASE}”，例如“${example}”`,
          en: `The report title “${t.line.text}” lacks ${lacks.map((x) => x.en).join(' and ')}: write the agency, the 4-digit year and ${REPORT_TITLE_PHRASE}, e.g. “${example}”`,
        },
        fixes: [
          {
            title: { zh: `改为“${titleText}”`, en: `Change to “${titleText}”` },
            kind: 'value',
            edits: [
              t.line.form === 'heading'
                ? { start: t.line.textSpan.start, end: t.line.textSpan.end, newText: titleText }
                : { start: t.line.lineSpan.start, end: t.line.lineSpan.end, newText: `# ${titleText}` },
            ],
          },
        ],
      });
      return;
    }
    // No title line: point at the report's first line.
    let line = doc.lines.positionAt(report.span.start).line;
    while (line < doc.lines.lineCount - 1 && doc.lines.lineText(line).trim() === '') line++;
    const span = { start: doc.lines.lineStart(line), end: doc.lines.lineEnd(line) };
    emit({
      key: 'missing',
      span,
      message: {
        zh: `缺少报告标题：年度报告开头应有一行标题“机关名称+四位年份+${REPORT_TITLE_PHRASE}”，例如“${example}”`,
        en: `No report title: a report starts with a title line naming the agency, the 4-digit year and ${REPORT_TITLE_PHRASE}, e.g. “${example}”`,
      },
      fixes: [
        {
          title: { zh: `在开头插入标题“# ${titleText}”`, en: `Insert the title “# ${titleText}” at the top` },
          kind: 'value',
          edits: [{ start: report.span.start, end: report.span.start, newText: `# ${titleText}${eol}${eol}` }],
        },
      ],
    });
  },
};
