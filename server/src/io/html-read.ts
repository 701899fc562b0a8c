/**
 * HTML reader (a saved page, or the clipboard's HTML copied from a browser, Word or WPS):
 * bytes decoded by the one decoder (encoding.ts: BOM, the <meta> charset weighed against the
 * bytes, UTF-8 tolerating a few bad bytes, GB18030 for old CMS pages); parsed by parse5 (elements counted and nesting capped while parsing: the
 * parser's work per element grows with the depth of open elements) into hast, text by
 * hast-util-to-text; tables become grids from rowspan/colspan within a cell budget. Tolerates the markup families of real government pages:
 * Word export (MsoNormal, mso-*, <o:p>, conditional comments), UEditor (<td><p>v</p></td>),
 * spans cutting a number in two, spreadsheet paste (text straight in <td>, <colgroup>),
 * header cells of several <p> or <br>, &nbsp;/U+3000 around labels and figures, layout
 * tables and site chrome around the article.
 */
import { fromParse5 } from 'hast-util-from-parse5';
import { toText } from 'hast-util-to-text';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap } from 'parse5';
import {
  CellBudget,
  GridBlock,
  GridDocument,
  SpanCell,
  expandSpans,
  pushAll,
  rowsAsText,
  stripConditionalComments,
  trimAll,
} from '../core/grid/model';
import { extractArticle } from '../core/grid/article';
import { decodeBytes } from '../encoding';
import { ImportError, LIMITS, tooLarge } from './errors';

// ---------------------------------------------------------------------------
// Blocks

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
]);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'head',
  'template',
  'iframe',
  'object',
  'svg',
  'select',
  'button',
  'input',
  'textarea',
  'xml',
  'meta',
  'link',
  'title',
]);
/** Site chrome around the article: menus, breadcrumbs, toolbars, footers. */
const CHROME = /^(?:nav|header|footer|aside|menu)$/;
function isHidden(el: Element): boolean {
  const style = String(el.properties?.style ?? '')
    .replace(/\s/g, '')
    .toLowerCase();
  return el.properties?.hidden === true || style.includes('display:none') || style.includes('mso-hide:all');
}

/** Word's conditional comments, sometimes escaped into visible text by a CMS. */
function clean(text: string): string {
  return stripConditionalComments(text).replace(/\r/g, '');
}

function hasBlockChild(el: Element | Root): boolean {
  return el.children.some((c) => c.type === 'element' && (BLOCK.has(c.tagName) || hasBlockChild(c)) && !SKIP.has(c.tagName));
}

function cellText(el: Element): string {
  // One line per <p> or <br>; the mapper joins Chinese characters broken over lines.
  return trimAll(
    clean(toText(el, { whitespace: 'normal' }))
      .split('\n')
      .map(trimAll)
      .filter((l) => l)
      .join('\n'),
  );
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'tr') rows.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') walk(c);
    }
  };
  walk(table);
  return rows;
}

function containsTable(el: Element): boolean {
  return el.children.some((c) => c.type === 'element' && (c.tagName === 'table' || containsTable(c)));
}

function grid(table: Element): SpanCell[][] {
  return tableRows(table).map((tr) =>
    tr.children
      .filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th') && !isHidden(c))
      .map((td) => ({
        text: cellText(td),
        rowSpan: Number(td.properties?.rowSpan ?? 1) || 1,
        colSpan: Number(td.properties?.colSpan ?? 1) || 1,
      })),
  );
}

function headingLevel(el: Element): number | undefined {
  const m = /^h([1-6])$/.exec(el.tagName);
  return m ? Number(m[1]) : undefined;
}

function emitText(text: string, blocks: GridBlock[], level?: number): void {
  for (const line of clean(text).split('\n')) {
    const t = trimAll(line);
    // Furniture lines are left to extractArticle (core/furniture.ts), for Word files alike.
    if (t) blocks.push({ kind: 'paragraph', text: t, ...(level ? { headingLevel: level } : {}) });
  }
}

function walk(node: Element | Root, blocks: GridBlock[], budget: CellBudget): void {
  let inline: (ElementContent | RootContent)[] = [];
  const flush = () => {
    if (!inline.length) return;
    const holder: Element = { type: 'element', tagName: 'p', properties: {}, children: inline as ElementContent[] };
    emitText(toText(holder), blocks);
    inline = [];
  };
  for (const c of node.children) {
    if (c.type === 'text') {
      inline.push(c);
      continue;
    }
    if (c.type !== 'element') continue;
    if (SKIP.has(c.tagName) || isHidden(c) || CHROME.test(c.tagName)) continue;
    if (c.tagName === 'table') {
      flush();
      walkTable(c, blocks, budget);
      continue;
    }
    if (c.tagName === 'br') {
      inline.push({ type: 'text', value: '\n' });
      continue;
    }
    if (BLOCK.has(c.tagName) || hasBlockChild(c)) {
      flush();
      if (hasBlockChild(c)) walk(c, blocks, budget);
      else emitText(toText(c), blocks, headingLevel(c));
      continue;
    }
    inline.push(c);
  }
  flush();
}

function walkTable(table: Element, blocks: GridBlock[], budget: CellBudget): void {
  // A layout table (tables inside its cells) is a container, not a table of figures.
  if (containsTable(table)) {
    for (const tr of tableRows(table)) for (const td of tr.children) if (td.type === 'element') walk(td, blocks, budget);
    return;
  }
  const source = grid(table);
  const rows = expandSpans(source, budget);
  if (!rows) pushAll(blocks, rowsAsText(source));
  else if (rows.some((r) => r.some((x) => x.text))) blocks.push({ kind: 'table', rows });
}

/** The page's <title> (the head is skipped by the walk). */
function pageTitle(tree: Root): string | undefined {
  const stack: (Root | Element)[] = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'title') return trimAll(toText(c)) || undefined;
      if (c.tagName === 'html' || c.tagName === 'head') stack.push(c);
    }
  }
  return undefined;
}

type P5Node = DefaultTreeAdapterMap['node'];
type P5Parent = DefaultTreeAdapterMap['parentNode'];

/**
 * parse5's tree adapter, counting the elements made and the depth they are put at: past
 * either limit the page is refused while it is being parsed (a page nested 200 000 deep
 * would otherwise cost the parser hours, a million elements a gigabyte).
 */
function boundedAdapter(): typeof defaultTreeAdapter {
  let elements = 0;
  const pieces = new WeakMap<DefaultTreeAdapterMap['textNode'], number>();
  const depth = new WeakMap<P5Node, number>();
  const place = (parent: P5Parent, node: P5Node) => {
    const d = (depth.get(parent) ?? 0) + 1;
    if (d > LIMITS.maxHtmlDepth)
      throw new ImportError({
        zh: `网页的元素嵌套超过 ${LIMITS.maxHtmlDepth} 层，不像是一份年度报告，已拒绝`,
        en: `The page nests elements more than ${LIMITS.maxHtmlDepth} levels deep; refused`,
      });
    depth.set(node, d);
  };
  return {
    ...defaultTreeAdapter,
    createElement(tagName, namespaceURI, attrs) {
      if (++elements > LIMITS.maxHtmlElements)
        throw new ImportError({
          zh: `网页的元素超过 ${LIMITS.maxHtmlElements / 10000} 万个，不像是一份年度报告，已拒绝`,
          en: `The page holds more than ${LIMITS.maxHtmlElements} elements; refused`,
        });
      return defaultTreeAdapter.createElement(tagName, namespaceURI, attrs);
    },
    appendChild(parent, node) {
      place(parent, node);
      defaultTreeAdapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      place(parent, node);
      defaultTreeAdapter.insertBefore(parent, node, reference);
    },
    insertText(parent, text) {
      // The tokenizer builds text a character at a time (a rope of ~30 bytes a character):
      // flatten each run, and a growing text node whenever its pieces reach an eighth of its length.
      flatten(text);
      const last = parent.childNodes[parent.childNodes.length - 1];
      if (last && defaultTreeAdapter.isTextNode(last)) {
        last.value += text;
        const n = (pieces.get(last) ?? 1) + 1;
        if (n >= 64 && n * 8 >= last.value.length) {
          flatten(last.value);
          pieces.set(last, 1);
        } else pieces.set(last, n);
        return;
      }
      defaultTreeAdapter.appendChild(parent, defaultTreeAdapter.createTextNode(text));
    },
  };
}

/** Makes V8 copy a rope (cons string) into one flat string, so its pieces can be collected. */
function flatten(s: string): void {
  s.charCodeAt(0);
}

/** Characters of text between two tags before the parser is made to end its text token (see chunkText). */
const TEXT_RUN = 4096;
/** Elements whose content is not markup: text inside them is left alone. */
const RAW_TEXT = /^(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)$/i;

/**
 * The page with a <wbr> after every TEXT_RUN characters of one text run (never inside a tag, a
 * comment, a character reference, a raw-text element or a surrogate pair). parse5 builds a text
 * token a character at a time, so a 49 MB paragraph costs it a gigabyte; a <wbr> ends the token
 * and adds nothing to the text.
 */
function chunkText(html: string): string {
  if (html.length <= TEXT_RUN) return html;
  const out: string[] = [];
  let last = 0;
  let run = 0;
  let i = 0;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 60 /* < */) {
      run = 0;
      if (html.startsWith('<!--', i)) {
        const e = html.indexOf('-->', i + 4);
        i = e === -1 ? html.length : e + 3;
        continue;
      }
      const tag = /^<([a-zA-Z][^\s/>]*)[^>]*>/.exec(html.slice(i, i + 1024));
      if (!tag) {
        i++;
        continue;
      }
      i += tag[0].length;
      if (RAW_TEXT.test(tag[1]) && !tag[0].endsWith('/>')) {
        const close = new RegExp(`</${tag[1]}`, 'ig');
        close.lastIndex = i;
        const m = close.exec(html);
        i = m ? m.index : html.length;
      }
      continue;
    }
    if (c === 38 /* & */) {
      const e = html.indexOf(';', i);
      if (e !== -1 && e - i <= 32) {
        run += 1;
        i = e + 1;
        continue;
      }
    }
    if (run >= TEXT_RUN && (c < 0xdc00 || c > 0xdfff)) {
      out.push(html.slice(last, i), '<wbr>');
      last = i;
      run = 0;
    }
    run++;
    i++;
  }
  if (!out.length) return html;
  out.push(html.slice(last));
  return out.join('');
}

/** The page as a hast tree (parse5 within the limits, then hast-util-from-parse5). */
function parseHtml(text: string): Root {
  let document: DefaultTreeAdapterMap['document'];
  try {
    document = parse(chunkText(text), { treeAdapter: boundedAdapter(), scriptingEnabled: false });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError({ zh: '无法解析这个网页文件', en: 'The page cannot be parsed' });
  }
  return fromParse5(document) as Root;
}

/** Reads an HTML page (bytes or already decoded text) into the grid model. */
export function readHtml(input: Uint8Array | string): GridDocument {
  if (typeof input !== 'string' && input.length > LIMITS.maxInputBytes) throw tooLarge(input.length);
  const text = typeof input === 'string' ? input : decodeBytes(input, { sniff: 'html' }).text;
  if (text.length > LIMITS.maxInputBytes) throw tooLarge(text.length);
  const tree = parseHtml(text);
  const blocks: GridBlock[] = [];
  walk(tree, blocks, new CellBudget(text.length));
  return extractArticle({ blocks, metaTitle: pageTitle(tree) }, { trimHead: 'always' });
}
