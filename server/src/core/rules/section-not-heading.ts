import type { Rule } from '../rule';

/** A section title written as a plain paragraph: outlines and navigation cannot see it. */
export const sectionNotHeading: Rule = {
  code: 'section-not-heading',
  catalog: 50,
  severity: 'information',
  description: { zh: '部分标题写成了普通段落', en: 'Section title written as a plain paragraph' },
  tags: ['structure'],
  check({ doc, report, emit }) {
    for (const s of report.sections) {
      if (s.head.form !== 'paragraph') continue;
      const { lineSpan, titleSpan } = s.head;
      const edits = [{ start: lineSpan.start, end: titleSpan.start, newText: '## ' }];
      // Drop a closing bold marker, keep anything else after the title (a comment).
      const closing = /^(\*\*|__|\*|_)/.exec(doc.text.slice(titleSpan.end, lineSpan.end));
      if (closing) edits.push({ start: titleSpan.end, end: titleSpan.end + closing[1].length, newText: '' });
      emit({
        key: `${s.number}:${s.head.line}`,
        span: titleSpan,
        message: {
          zh: `“${doc.text.slice(titleSpan.start, titleSpan.end)}”是部分标题，但写成了普通正文，目录和大纲里看不到它：可用快速修复把它设为标题`,
          en: `“${doc.text.slice(titleSpan.start, titleSpan.end)}” is a section title written as ordinary text, so the outline does not show it: a quick fix makes it a title`,
        },
        fixes: [{ title: { zh: '设为部分标题', en: 'Make it a section title' }, kind: 'safe', edits }],
      });
    }
  },
};
