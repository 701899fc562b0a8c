import type { TextBlock } from '../markdown';
import { MAX_BLOCK_TEXT } from '../markdown';
import { findPlaceholders } from '../placeholders';
import type { Rule } from '../rule';

/**
 * Unwritten text is an error: the placeholders of our templates and next-year drafts
 * (（文字描述）, （机关名称）, 【请改写】 and 【上年基数】 notes) and those clerks leave (XX, ××,
 * 此处填写), in the title, the headings and the prose. An untouched skeleton or next-year draft
 * fails the check even with every table filled in. The list is data in core/placeholders.ts;
 * the same list is blanked out of what every other rule reads.
 */
export const textPlaceholder: Rule = {
  code: 'text-placeholder',
  catalog: 330,
  severity: 'error',
  description: {
    zh: '正文、标题中还有占位文字（“（文字描述）”“（机关名称）”“【请改写】”、XX 等）',
    en: 'Placeholders left in the title or the prose (（文字描述）, （机关名称）, 【请改写】, XX …)',
  },
  tags: ['content'],
  check({ doc, report, emit }) {
    const blocks: { span: { start: number; end: number } }[] = [];
    if (report.title) blocks.push({ span: report.title.line.textSpan });
    const add = (b: TextBlock) => blocks.push(b);
    report.preamble.paragraphs.forEach(add);
    report.preamble.headings.forEach(add);
    for (const s of report.sections) {
      s.paragraphs.forEach(add);
      s.headings.forEach(add);
    }
    const seen = new Set<number>();
    for (const b of blocks.sort((x, y) => x.span.start - y.span.start)) {
      // The source text: the blocks' own text has its placeholders blanked for the other rules.
      const text = doc.text.slice(b.span.start, Math.min(b.span.end, b.span.start + MAX_BLOCK_TEXT));
      for (const h of findPlaceholders(text)) {
        const start = b.span.start + h.start;
        if (seen.has(start)) continue;
        seen.add(start);
        emit({ key: `${h.kind}:${start}`, span: { start, end: b.span.start + h.end }, message: h.spec.message(h.written) });
      }
    }
  },
};
