/**
 * What a printed page adds around the report: page numbers (— 3 —, 第3页 共8页, - 3 -, 3/8),
 * running headers and footers repeated on most pages, and the browser's print header and
 * footer (date and page title, address and page count). Also the site chrome of a printed web
 * page (menus, breadcrumb, toolbars, footer): a minimal filter of its own, the same words the
 * HTML reader drops.
 */
import type { Line } from './glyphs';

const PAGE_NUMBER =
  /^(?:[-—–－‒―─~～·•\s]*\d{1,4}[-—–－‒―─~～·•\s]*|第\s*\d+\s*页\s*(?:[,，/／]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，]?\s*第\s*\d+\s*页|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;
/**
 * The browser's print header starts with the date and time (12/7/26, 6:21 PM; 2026/12/7 18:21);
 * its footer with the page's address. A date without a time is the report's own (a signature).
 */
const PRINT_HEADER = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，\s]+(?:上午|下午)?\s*\d{1,2}:\d{2}/i;
const PRINT_FOOTER = /^(?:https?|file):\/\/\S+/i;

/** The share of the page height at its top and bottom where headers and footers live. */
const ZONE = 0.14;

export interface PageLines {
  height: number;
  lines: Line[];
}

const shape = (text: string) => text.replace(/\d+/g, '#').replace(/\s/g, '');

/** Marks the furniture lines of every page; returns the kept lines page by page. */
export function dropFurniture(pages: PageLines[]): Line[][] {
  const inZone = (l: Line, height: number) => l.y < height * ZONE || l.y > height * (1 - ZONE);
  // Running headers and footers: the same text (numbers aside) in the margin of most pages.
  const counts = new Map<string, number>();
  for (const p of pages) {
    const seen = new Set<string>();
    for (const l of p.lines) if (inZone(l, p.height)) seen.add(shape(l.text));
    for (const s of seen) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const running = (s: string) => pages.length >= 2 && (counts.get(s) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((p) =>
    p.lines.filter((l) => {
      if (!inZone(l, p.height)) return true;
      const t = l.text.trim();
      return !(PAGE_NUMBER.test(t) || PRINT_HEADER.test(t) || PRINT_FOOTER.test(t) || running(shape(t)));
    }),
  );
}

/** Site chrome of a printed web page (the words the HTML reader drops). */
export const CHROME_TEXT =
  /^(?:首页\s*[>＞›»]|当前位置|您当前的位置|您现在的位置|打印本页|关闭窗口|【?字体[:：]|分享到|扫一扫|网站地图|联系我们|版权所有|主办单位|承办单位|网站标识码|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP备|.*公网安备|上一篇|下一篇|【打印】|【关闭】|发布时间[:：]|来源[:：]|浏览次数|访问量)/;
