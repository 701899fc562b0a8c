import type { Rule } from '../rule';
import { renderTable } from '../render';
import { sectionTemplate, SectionNumber } from '../template';
import { TABLE_NAMES } from './helpers';
import { convertPastedTable } from '../grid/mapper';
import { pastedRuns } from '../grid/text';

/** The pasted lines as a GFM table: the first line is the header, every row padded to the widest. */
function toGfm(lines: string[], eol: string): string {
  const rows = lines.map((l) => l.split('\t').map((c) => c.trim().replace(/\|/g, '\\|')));
  const width = Math.max(...rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  const line = (r: string[]) => `| ${pad(r).join(' | ')} |`;
  return [line(rows[0]), `| ${Array(width).fill('---').join(' | ')} |`, ...rows.slice(1).map(line)].join(eol);
}

export const tableMissing: Rule = {
  code: 'table-missing',
  catalog: 110,
  severity: 'error',
  description: { zh: '第二、三、四部分缺少统计表', en: 'Section 2, 3 or 4 has no table' },
  tags: ['structure', 'table'],
  suppressedBy: ['section-missing'],
  check({ doc, report, emit }) {
    for (const n of [2, 3, 4] as SectionNumber[]) {
      const section = report.section[n];
      if (!section) continue;
      const t = sectionTemplate(n).table!;
      const present =
        t === 'table2'
          ? report.table2 && (report.table2.rows.size > 0 || report.table2.outdated.length > 0)
          : t === 'table3'
            ? report.table3 && (report.table3.rows.size > 0 || report.table3.outdated.length > 0)
            : report.table4 && report.table4.columns.length > 0;
      if (present) continue;
      const eol = doc.lines.eol;
      // Pasted table text, found on the raw lines: indented pasted lines are code blocks, not paragraphs.
      const runs = pastedRuns(doc.text, section.head.lineSpan.end, section.span.end);
      const hint = runs.length
        ? {
            zh: '：这里有从 Word、Excel 或 PDF 粘贴来的文字，还不是表格，可用快速修复把它转换成表格',
            en: ': text pasted from Word, Excel or a PDF is here but is not a table yet; a quick fix converts it',
          }
        : section.tables.length
          ? {
              zh: '：本部分的表格与模板对不上，请按模板的行和列填写，或用快速修复插入空白模板表',
              en: ': the table here does not match the template; fill in the template table (a quick fix inserts it)',
            }
          : { zh: '：请用快速修复插入空白模板表，再填写数字', en: ': a quick fix inserts the blank template table to fill in' };
      const at = section.head.lineSpan.end;
      const followedByBlank = /^(\r?\n)[ \t]*(\r?\n|$)/.test(doc.text.slice(at, at + 4)) || at === doc.text.length;
      const fixes = runs.map(({ start, end, lines }) => {
        // The importer's mapper: rows missing their merged labels at the start, split headers.
        const mapped = convertPastedTable(doc.text.slice(start, end), t, eol);
        const raw = doc.text
          .slice(start, end)
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '');
        return {
          title: { zh: `把粘贴来的文字（${lines}行）转换成表格`, en: `Convert the pasted text (${lines} lines) to a table` },
          kind: 'value' as const,
          edits: [{ start, end, newText: mapped ? mapped.lines.join(eol) : toGfm(raw, eol) }],
        };
      });
      fixes.push({
        title: { zh: `插入空白的${TABLE_NAMES[t].zh}模板`, en: `Insert the template ${TABLE_NAMES[t].en}` },
        kind: 'value',
        edits: [{ start: at, end: at, newText: eol + eol + renderTable(t, { value: () => '' }).join(eol) + (followedByBlank ? '' : eol) }],
      });
      emit({
        key: String(n),
        span: section.head.titleSpan,
        scope: [section.span],
        message: { zh: `缺少${TABLE_NAMES[t].zh}${hint.zh}`, en: `${TABLE_NAMES[t].en} is missing${hint.en}` },
        fixes,
      });
    }
  },
};
