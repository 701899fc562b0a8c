import { FURNITURE_NAME, furnitureKind } from '../furniture';
import type { TextBlock } from '../markdown';
import type { Rule } from '../rule';

/**
 * Lines of a website in the draft: a site header, navigation, share bar, print links, related
 * links or a footer (core/furniture.ts), left by an import from an older version, a paste or
 * a copy from a browser. The importers leave them out; this reports what is left, with a safe
 * fix deleting the line.
 */
export const pageFurniture: Rule = {
  code: 'page-furniture',
  catalog: 340,
  severity: 'warning',
  description: {
    zh: '草稿中有网页的页头、导航、分享栏、打印按钮、相关链接或页脚',
    en: 'Website furniture in the draft: site header, navigation, share bar, print links, related links or footer',
  },
  tags: ['content'],
  check({ doc, report, emit }) {
    // Loops, not spreads: a hostile draft's section may hold more blocks than a call's arguments.
    const blocks: TextBlock[] = [];
    for (const list of [
      report.preamble.paragraphs,
      report.preamble.headings,
      ...report.sections.flatMap((s) => [s.paragraphs, s.headings]),
    ])
      for (const b of list) blocks.push(b);
    const lines = doc.lines;
    for (const block of blocks) {
      const first = lines.positionAt(block.span.start).line;
      const last = lines.positionAt(block.span.end).line;
      for (let line = first; line <= last; line++) {
        const text = lines.lineText(line);
        const kind = furnitureKind(text);
        if (!kind) continue;
        const start = lines.lineStart(line);
        // The whole line with its break; a one-line block takes the blank line after it too.
        let end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : doc.text.length;
        if (first === last && line + 1 < lines.lineCount && lines.lineText(line + 1).trim() === '' && line + 2 < lines.lineCount)
          end = lines.lineStart(line + 2);
        const shown = text.trim().replace(/^#{1,6}\s+/, '');
        emit({
          key: `${line}`,
          span: { start: start + (text.length - text.trimStart().length), end: lines.lineEnd(line) },
          message: {
            zh: `“${shown}”是网页上的${FURNITURE_NAME[kind].zh}，不是报告的内容：可用快速修复删除这一行`,
            en: `“${shown}” is the web page's ${FURNITURE_NAME[kind].en}, not part of the report: a quick fix deletes the line`,
          },
          fixes: [
            {
              title: { zh: '删除这一行网页内容', en: 'Delete this line of the web page' },
              kind: 'safe',
              edits: [{ start, end, newText: '' }],
            },
          ],
        });
      }
    }
  },
};
