/**
 * Real-looking government web pages and Word files saved from them, generated here around a
 * report (issue 15.4): the site header (欢迎访问…网站！ 无障碍浏览|长者模式|网站地图), a menu,
 * a breadcrumb, a sidebar of other years' reports, the publishing bar, font-size and print
 * links, a share bar, related links, a department list and the footer — as the 19 real files
 * of the issue had them. The Word variant carries the menu with symbol-font bullets (U+F0B7)
 * and the page inside a layout table, as a browser's “save as Word” gives.
 */
import { strToU8, zipSync } from 'fflate';
import { exportHtml } from '../../server/src/io/index';
import { docxTable3, docxTable4, esc, p, t4values } from './make';

export const DEPARTMENTS = [
  '县发展和改革局',
  '县教育体育局',
  '县公安局',
  '县民政局',
  '县司法局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县住房和城乡建设局',
  '县交通运输局',
];

const HEADER = ['欢迎访问某某县人民政府网站！', '无障碍浏览|长者模式|网站地图'];
const MENU = ['首页', '政务公开', '政务服务', '互动交流', '走进某某'];
const SIDEBAR = ['青石镇人民政府2023年政府信息公开工作年度报告', '青石镇人民政府2022年政府信息公开工作年度报告'];
const FOOTER = [
  '主办：某某县人民政府办公室　承办：某某县大数据中心',
  '版权所有：某某县人民政府　网站标识码：1234000001　豫ICP备12345678号-1　豫公网安备 41000000000001号',
];

/** The body of our exporter's page for a draft: the article, as a CMS would hold it. */
function article(markdown: string): string {
  const page = exportHtml(markdown);
  return /<body>([\s\S]*)<\/body>/.exec(page)![1];
}

export interface PageOptions {
  /** The page's <title>. */
  titleTag?: string;
  /** Replaces the article's <h1> (a title split over two <p>, a title without the agency). */
  heading?: string;
}

/** A report page of a county government site, chrome and all. */
export function sitePage(markdown: string, opts: PageOptions = {}): string {
  let body = article(markdown);
  if (opts.heading !== undefined) body = body.replace(/<h1>[^<]*<\/h1>/, opts.heading);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(opts.titleTag ?? '青石镇人民政府2024年政府信息公开工作年度报告-某某县人民政府')}</title></head><body>
<div class="top"><div class="welcome">${HEADER[0]}</div><div class="tools"><a href="#">无障碍浏览</a>|<a href="#">长者模式</a>|<a href="#">网站地图</a></div></div>
<div class="nav"><ul>${MENU.map((m) => `<li><a href="#">${m}</a></li>`).join('')}</ul></div>
<div class="crumb">当前位置：<a href="#">首页</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">年度报告</a></div>
<table class="layout"><tr><td class="side"><div class="side-title">年度报告</div>${SIDEBAR.map((t) => `<div><a href="#">${t}</a></div>`).join('')}<table><tr><td>栏目</td></tr></table></td>
<td class="main">
<div class="info">发布时间：2025-01-20\u3000来源：青石镇人民政府\u3000浏览次数：128</div>
<div class="tool">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="#">打印</a>】【<a href="#">关闭</a>】</div>
<div class="article">${body}</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a></div>
<div class="print"><a href="#">大</a><a href="#">中</a><a href="#">小</a><a href="#">打印本页</a><a href="#">关闭窗口</a></div>
<div class="related"><h3>相关链接</h3><ul>${SIDEBAR.map((t) => `<li><a href="#">${t}</a></li>`).join('')}</ul></div>
</td></tr></table>
<div class="links"><p>部门网站</p>${DEPARTMENTS.map((d) => `<p><a href="#">${d}</a></p>`).join('')}</div>
<div class="bottom">${FOOTER.map((f) => `<p>${f}</p>`).join('')}</div>
</body></html>`;
}

/** A paragraph starting with a symbol-font bullet (U+F0B7 in Symbol), as saved menus are. */
const bulleted = (text: string) =>
  `<w:p><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\uf0b7</w:t></w:r><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;

const cell = (xml: string) => `<w:tc>${xml}</w:tc>`;

/** The report's body in Word: sections, tables 三 and 四 (make.ts), signature. */
export function wordReportBody(title = '青石镇人民政府2024年政府信息公开工作年度报告'): string {
  return [
    p(title),
    p('一、总体情况'),
    p('2024年，青石镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，各项工作有序开展。'),
    p('二、主动公开政府信息情况'),
    p('三、收到和处理政府信息公开申请情况'),
    docxTable3(),
    p('四、政府信息公开行政复议、行政诉讼情况'),
    docxTable4(t4values()),
    p('五、存在的主要问题及改进情况'),
    p('一是政策解读形式较单一；二是部分村务公开栏更新不及时。'),
    p('六、其他需要报告的事项'),
    p('本机关2024年度未收取信息处理费。'),
    p('青石镇人民政府'),
    p('2025年1月20日'),
  ].join('');
}

/** A Word file saved from the site page: chrome paragraphs, symbol-font bullets, the page in a layout table. */
export function siteWordDocx(opts: { title?: string; coreTitle?: string; body?: string } = {}): Uint8Array {
  const before = [...HEADER.map((h) => p(h)), ...MENU.map(bulleted), p('当前位置：首页 > 政府信息公开 > 年度报告')].join('');
  const side = SIDEBAR.map(bulleted).join('');
  const main = [
    p('发布时间：2025-01-20　来源：青石镇人民政府　浏览次数：128'),
    p('【字体：大 中 小】【打印】【关闭】'),
    opts.body ?? wordReportBody(opts.title),
    p('分享到：微信微博QQ空间'),
    p('大中小打印本页关闭窗口'),
    p('相关链接'),
    ...SIDEBAR.map(bulleted),
  ].join('');
  const after = [p('部门网站'), ...DEPARTMENTS.map((d) => p(d)), ...FOOTER.map((f) => p(f))].join('');
  // A layout table: the sidebar and the article side by side (a table inside makes it a container).
  const layout = `<w:tbl><w:tblPr/><w:tr>${cell(side + '<w:tbl><w:tblPr/><w:tr>' + cell(p('栏目')) + '</w:tr></w:tbl>' + p(''))}${cell(main)}</w:tr></w:tbl>`;
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const files: Record<string, Uint8Array> = {
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${before}${layout}${after}<w:sectPr/></w:body></w:document>`,
    ),
  };
  if (opts.coreTitle)
    files['docProps/core.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(opts.coreTitle)}</dc:title></cp:coreProperties>`,
    );
  return zipSync(files);
}

/** A Word report as an office writes it: the 公文 header above the title, no website around it. */
export function officialWordDocx(): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const body = [
    p('青石镇人民政府文件'),
    p('青政发〔2025〕2号'),
    wordReportBody(),
    p('（此件公开发布）'),
    p('青石镇人民政府办公室　2025年1月20日印发'),
  ].join('');
  return zipSync({ 'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`) });
}
