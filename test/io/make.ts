/**
 * Hand-made inputs for the reader tests: Word packages whose document.xml is written here by
 * hand (every merge form Word produces), and HTML in the markup families of real CMS pages.
 * Nothing here goes through our exporters.
 */
import { strToU8, zipSync } from 'fflate';
import { TABLE3_COLUMNS, TABLE3_GROUPS, TABLE3_ROWS, TABLE4_COLUMNS } from '../../server/src/core/template';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function docxPackage(bodyXml: string, extra: { numbering?: string; styles?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${bodyXml}<w:sectPr/></w:body></w:document>`,
    ),
  };
  if (extra.numbering)
    files['word/numbering.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${extra.numbering}</w:numbering>`);
  if (extra.styles) files['word/styles.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${extra.styles}</w:styles>`);
  return zipSync(files);
}

export const p = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

/** A cell; `tcPr` holds gridSpan/vMerge/hMerge; `inner` replaces the paragraph. */
export const tc = (text: string, tcPr = '', inner?: string) => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${inner ?? p(text)}</w:tc>`;
export const tr = (cells: string, trPr = '') => `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
export const tbl = (rows: string) => `<w:tbl><w:tblPr/>${rows}</w:tbl>`;
export const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
export const vRestart = '<w:vMerge w:val="restart"/>';
export const vCont = '<w:vMerge/>';

/** The figure written for row r, column c of table 三 in these fixtures (distinct, so a shift shows). */
export function t3value(r: number, c: number): string {
  return String((r * 7 + c) % 97);
}

/**
 * Table 三 in Word, each row in a different merge form: gridSpan; vMerge restart/continue;
 * gridBefore instead of continuation cells; legacy hMerge; a content control around a cell;
 * a figure split across runs; a field whose result is the figure; a line break in a header.
 */
export function docxTable3(): string {
  const cols = TABLE3_COLUMNS.length;
  const rows: string[] = [];
  rows.push(
    tr(tc('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', `${span(3)}${vRestart}`) + tc('申请人情况', span(cols))),
  );
  rows.push(
    tr(
      tc('', `${span(3)}${vCont}`) +
        tc('', vRestart, `<w:p><w:r><w:t>自然</w:t></w:r><w:r><w:br/><w:t>人</w:t></w:r></w:p>`) +
        tc('法人或其他组织', span(5)) +
        tc('总计', vRestart),
    ),
  );
  rows.push(
    tr(
      tc('', `${span(3)}${vCont}`) +
        tc('', vCont) +
        ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((l) => tc(l)).join('') +
        tc('', vCont),
    ),
  );
  let lastGroup: string | undefined;
  TABLE3_ROWS.forEach((r, i) => {
    const values = TABLE3_COLUMNS.map((_, c) => t3value(i, c));
    const valueCells = values
      .map((v, c) => {
        if (i === 0 && c === 0)
          return tc('', '', `<w:p><w:r><w:t>${v.slice(0, 1)}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>${v.slice(1)}</w:t></w:r></w:p>`);
        if (i === 1 && c === 1)
          return tc(
            '',
            '',
            `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${v}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
          );
        if (i === 2 && c === 2) return `<w:sdt><w:sdtPr/><w:sdtContent>${tc(v)}</w:sdtContent></w:sdt>`;
        return tc(v);
      })
      .join('');
    const group = TABLE3_GROUPS.find((g) => g.label === r.group);
    if (r.role === 'new' || r.role === 'carried') {
      rows.push(tr(tc(r.label, span(3)) + valueCells));
      return;
    }
    if (r.role === 'forward') {
      // Legacy horizontal merge over the three label columns.
      rows.push(tr(tc(r.label, '<w:hMerge w:val="restart"/>') + tc('', '<w:hMerge/>') + tc('', '<w:hMerge/>') + valueCells));
      return;
    }
    const first = r === TABLE3_ROWS[2];
    const level1 = tc(first ? r.level1 : '', first ? vRestart : vCont);
    if (!r.item) {
      rows.push(tr(level1 + tc(r.label, span(2)) + valueCells));
      lastGroup = r.group;
      return;
    }
    const firstOfGroup = r.group !== lastGroup;
    lastGroup = r.group;
    if (r.id === 'g3.2') {
      // Word's other form of a vertical merge: the row starts after two grid columns.
      rows.push(tr(tc(r.item) + valueCells, '<w:gridBefore w:val="2"/>'));
      return;
    }
    const groupCell = tc(firstOfGroup ? group!.label : '', firstOfGroup ? vRestart : vCont);
    rows.push(tr(level1 + groupCell + tc(r.item) + valueCells));
  });
  return tbl(rows.join(''));
}

/** Table 四 in Word: a header with gridSpan/vMerge and one row of figures, the last row with gridAfter. */
export function docxTable4(values: string[]): string {
  const h1 = tr(tc('行政复议', span(5)) + tc('行政诉讼', span(10)));
  const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const h2 = tr(results.map((l) => tc(l, vRestart)).join('') + tc('未经复议直接起诉', span(5)) + tc('复议后起诉', span(5)));
  const h3 = tr(results.map(() => tc('', vCont)).join('') + [...results, ...results].map((l) => tc(l)).join(''));
  const data = tr(values.map((v) => tc(v)).join(''));
  return tbl(h1 + h2 + h3 + data);
}

/** Numbering: "一、" (chineseCounting, %1、) for sections, "（一）" for their topics. */
export const CHINESE_NUMBERING = `<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>`;

export const numbered = (text: string, ilvl = 0) => p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="3"/></w:numPr>`);

export function t4values(): string[] {
  return TABLE4_COLUMNS.map((_, i) => String(i % 5 === 4 ? 0 : i));
}
