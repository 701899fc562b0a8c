import type { Rule } from '../rule';
import { canonicalSectionHeading } from '../template';
import type { Message } from '../message';

/** Replace just the run of # marks, keeping indentation and any bold marker after it. */
function levelEdit(text: string, lineStart: number): { start: number; end: number; newText: string } {
  const m = /^([ \t\u3000\ufeff]*)(#{1,6})/.exec(text.slice(lineStart, lineStart + 16))!;
  const start = lineStart + m[1].length;
  return { start, end: start + m[2].length, newText: '##' };
}

/** A section recognised through a variant: other numbering, a long or non-standard title. */
export const sectionTitle: Rule = {
  code: 'section-title',
  catalog: 40,
  severity: 'warning',
  description: { zh: '部分标题或编号不规范', en: 'Section title or numbering differs from the template' },
  tags: ['structure'],
  check({ doc, report, emit }) {
    for (const s of report.sections) {
      const canonical = canonicalSectionHeading(s.number);
      const written = doc.text.slice(s.head.titleSpan.start, s.head.titleSpan.end);
      const wrongLevel = s.head.form === 'heading' && s.head.depth !== 2;
      if (written === canonical && !wrongLevel) continue;
      const misnumbered = s.head.numberingValue !== undefined && s.head.numberingValue !== s.number;
      const reasons: Message[] = [];
      if (misnumbered)
        reasons.push({ zh: `编号“${s.head.numbering}”与标题不符`, en: `numbering “${s.head.numbering}” does not match the title` });
      else if (s.head.numbering && !/^[一二三四五六]、$/.test(s.head.numbering))
        reasons.push({ zh: `编号“${s.head.numbering}”不规范`, en: `non-standard numbering “${s.head.numbering}”` });
      else if (!s.head.numbering) reasons.push({ zh: '缺少编号', en: 'no numbering' });
      if (s.head.match !== 'canonical') reasons.push({ zh: '标题文字与模板不同', en: 'the title differs from the template' });
      if (written !== canonical && !reasons.length) reasons.push({ zh: '写法与模板不同', en: 'written differently from the template' });
      if (wrongLevel) reasons.push({ zh: '层级与其他部分标题不同', en: 'its title level differs from the other sections' });
      const reason = { zh: reasons.map((r) => r.zh).join('，'), en: reasons.map((r) => r.en).join('; ') };
      emit({
        key: `${s.number}:${s.head.line}`,
        span: s.head.titleSpan,
        message: {
          zh: `部分标题“${written}”${reason.zh}，模板标题为“${canonical}”，可用快速修复改正`,
          en: `Section title “${written}”: ${reason.en}; the template says “${canonical}”`,
        },
        fixes: [
          {
            title: wrongLevel
              ? { zh: `改为部分标题“${canonical}”`, en: `Make it the section title “${canonical}”` }
              : { zh: `改为“${canonical}”`, en: `Change to “${canonical}”` },
            kind: 'safe',
            edits: [
              ...(wrongLevel ? [levelEdit(doc.text, s.head.lineSpan.start)] : []),
              ...(written !== canonical ? [{ start: s.head.titleSpan.start, end: s.head.titleSpan.end, newText: canonical }] : []),
            ],
          },
        ],
      });
    }
  },
};
