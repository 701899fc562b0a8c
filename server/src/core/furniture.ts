/**
 * Page furniture: the lines a government website puts around an article — the site header
 * (欢迎访问…网站！ 无障碍浏览|长者模式|网站地图), navigation and breadcrumbs, the publishing
 * bar (发布时间：… 来源：…), share bars (微信微博QQ空间), print and close links
 * (大中小打印本页关闭窗口), related links, department lists and the footer (主办：…,
 * 版权所有…). The importers leave them out (grid/article.ts) and the `page-furniture` rule
 * reports what is left in a draft; both ask this one function, line by line. It recognises
 * whole short lines only: prose that mentions a website is never furniture.
 */
import type { Message } from './message';

export type FurnitureKind = 'header' | 'navigation' | 'info' | 'share' | 'print' | 'related' | 'footer';

export const FURNITURE_NAME: Record<FurnitureKind, Message> = {
  header: { zh: '网站页头', en: 'site header' },
  navigation: { zh: '导航或当前位置', en: 'navigation or breadcrumb' },
  info: { zh: '网页的发布信息', en: "the page's publishing details" },
  share: { zh: '分享栏', en: 'share bar' },
  print: { zh: '打印、关闭或字号按钮', en: 'print, close or font-size buttons' },
  related: { zh: '相关链接或附件列表', en: 'related links or attachments' },
  footer: { zh: '网站页脚', en: 'site footer' },
};

/** A line starting so is furniture whatever follows (within MAX_LINE). */
const PREFIXES: [RegExp, FurnitureKind][] = [
  [/^(?:主办|承办|协办|主管|运维)(?:单位)?\s*[:：]/, 'footer'],
  [/^(?:版权所有|Copyright\b|©|\(c\)\s)/i, 'footer'],
  [/^(?:网站标识码|网站识别码)/, 'footer'],
  [/^技术支持\s*[:：]/, 'footer'],
  [/^建议使用.{0,40}浏览器/, 'footer'],
  [/(?:ICP备|ICP证|公网安备)\s*\d/, 'footer'],
  [/^首页\s*[>›»/\\]/, 'navigation'],
  [/^(?:当前位置|您当前的位置|您现在的位置|您的位置|所在位置|当前所在位置)\s*[:：]?/, 'navigation'],
  [/^(?:发布时间|发布日期|发文日期|信息来源|来源|浏览次数|访问量|阅读次数|点击数|点击量|浏览量|责任编辑|编辑)\s*[:：]/, 'info'],
  [/^(?:索引号|发布机构|发文机关|生成日期|主题分类|信息分类|公开方式|公开时限|有效性)\s*[:：]/, 'info'],
  [/^(?:分享到|扫一扫)/, 'share'],
  [/^【?(?:字号|字体)\s*[:：]/, 'print'],
  [/^(?:上一篇|下一篇)\s*[:：]?/, 'related'],
  [/^附件(?:下载)?\s*[:：]?\s*$/, 'related'],
  // A link to a file (an attachment list's item).
  [/^(?!.*[，。；,;]).{1,80}\.(?:docx?|xlsx?|pdf|wps|et|zip|rar|7z)\s*$/i, 'related'],
];

/** Words that count only beside another furniture word (a report may have a line 联系我们). */
const WEAK = new Set(['联系我们', '关于我们', '默认']);

/**
 * Words that make a line furniture when it holds nothing else (besides separators), longest
 * first. Single characters (大 中 小) count only beside a longer word.
 */
const WORDS: [string, FurnitureKind][] = (
  [
    ['无障碍浏览', 'header'],
    ['无障碍阅读', 'header'],
    ['无障碍', 'header'],
    ['长者模式', 'header'],
    ['适老化', 'header'],
    ['关怀版', 'header'],
    ['网站地图', 'header'],
    ['设为首页', 'header'],
    ['加入收藏', 'header'],
    ['繁體', 'header'],
    ['繁体', 'header'],
    ['简体', 'header'],
    ['English', 'header'],
    ['登录', 'header'],
    ['注册', 'header'],
    ['个人中心', 'header'],
    ['智能问答', 'header'],
    ['搜索', 'header'],
    ['首页', 'navigation'],
    ['返回首页', 'navigation'],
    ['微信', 'share'],
    ['微博', 'share'],
    ['新浪微博', 'share'],
    ['腾讯微博', 'share'],
    ['QQ空间', 'share'],
    ['QQ好友', 'share'],
    ['豆瓣', 'share'],
    ['分享', 'share'],
    ['手机版', 'share'],
    ['打印本页', 'print'],
    ['打印此页', 'print'],
    ['打印', 'print'],
    ['关闭窗口', 'print'],
    ['关闭本页', 'print'],
    ['关闭', 'print'],
    ['大中小', 'print'],
    ['默认', 'print'],
    ['收藏', 'print'],
    ['我要纠错', 'print'],
    ['纠错', 'print'],
    ['返回顶部', 'print'],
    ['回到顶部', 'print'],
    ['保存本页', 'print'],
    ['相关链接', 'related'],
    ['相关文件', 'related'],
    ['相关阅读', 'related'],
    ['相关新闻', 'related'],
    ['相关信息', 'related'],
    ['附件下载', 'related'],
    ['部门网站', 'footer'],
    ['政府网站', 'footer'],
    ['友情链接', 'footer'],
    ['网站声明', 'footer'],
    ['联系我们', 'footer'],
    ['关于我们', 'footer'],
    ['隐私政策', 'footer'],
    ['使用帮助', 'footer'],
    ['大', 'print'],
    ['中', 'print'],
    ['小', 'print'],
  ] as [string, FurnitureKind][]
).sort((a, b) => b[0].length - a[0].length);

/** 欢迎访问某某县人民政府网站！ — a greeting is header whatever site it names. */
const WELCOME = /欢迎(?:访问|来到|光临|进入)[^。，,；;]{0,40}?(?:网站|门户|平台)[！!。]?/g;

/** What may stand between furniture words: spaces, bars, brackets, bullets (symbol fonts' U+F0xx too). */
const SEPARATORS = /[\s\u00a0\u3000|｜/\\、,，.。:：;；·•・>›»→\-—_【】[\]()（）<>《》!！'"“”‘’*#+\uf000-\uf0ff▪■□◆◇●○►▶◎★☆]/g;

/** A furniture line is short; a paragraph of a report rarely is this short and never all furniture. */
const MAX_LINE = 160;

/** What plain() or a bullet strip could remove from a line's start. */
const LEAD_MARKUP = /^[\s\u3000#>*+\-\\\uf000-\uf0ff•·▪■◆●►▶]/;

/** Markdown a draft may put around an imported line (heading marks, a list marker, a quote, escapes). */
function plain(line: string): string {
  return line
    .replace(/^[\s\u3000]*(?:#{1,6}\s+|>\s*|[-+*]\s+|\\)*/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
    .trim();
}

/** Which furniture a line is, or undefined for a line of the article. */
export function furnitureKind(line: string): FurnitureKind | undefined {
  // A long line that starts with a plain character and has no escape is itself what plain()
  // would make of it, trimmed: too long to be furniture (most lines of prose; spares two passes).
  if (line.length > MAX_LINE && !LEAD_MARKUP.test(line) && !line.includes('\\') && line.trimEnd().length > MAX_LINE) return undefined;
  const t = plain(line).replace(/^[\uf000-\uf0ff•·▪■◆●►▶\s]+/, '');
  if (!t || t.length > MAX_LINE) return undefined;
  for (const [re, kind] of PREFIXES) if (re.test(t)) return kind;
  if (t.length > 80) return undefined;
  let rest = t;
  let found: FurnitureKind | undefined;
  let words = 0;
  const greeted = rest.replace(WELCOME, ' ');
  if (greeted !== rest) {
    found = 'header';
    words++;
    rest = greeted;
  }
  for (const [word, kind] of WORDS) {
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join(' ');
    found ??= kind;
    if (word.length > 1 && !WEAK.has(word)) words++;
  }
  if (!words) return undefined;
  return rest.replace(SEPARATORS, '') === '' ? found : undefined;
}

/** Symbol-font characters (Wingdings, Symbol: U+F000–U+F0FF) that web pages saved as Word use for bullets. */
export const SYMBOL_FONT = /[\uf000-\uf0ff]/;

/** Text without symbol-font characters. */
export function withoutSymbolFont(text: string): string {
  return SYMBOL_FONT.test(text) ? text.replace(/[\uf000-\uf0ff]/g, '') : text;
}
