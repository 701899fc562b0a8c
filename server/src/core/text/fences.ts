/**
 * CommonMark fenced code blocks, line by line: the one fence scanner of the core (the line
 * scanner, the suppression scanner and the segment splitter all use it), so that they agree
 * with remark on what is code.
 *   - opening: up to 3 spaces, then 3+ backticks or tildes; a backtick fence's info string
 *     may not contain a backtick (else the line is not a fence);
 *   - closing: up to 3 spaces (4+ does not close), the same character, at least as long as
 *     the opening, then only spaces or tabs;
 *   - an unclosed fence runs to the end of its container (the document for a top-level fence).
 */

export interface FenceOpen {
  char: '`' | '~';
  length: number;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** The fence a line opens, if it is an opening fence line (outside any fence). */
function fenceOpen(line: string): FenceOpen | undefined {
  const m = OPEN.exec(line);
  if (!m) return undefined;
  const char = m[1][0] as '`' | '~';
  if (char === '`' && m[2].includes('`')) return undefined;
  return { char, length: m[1].length };
}

/** Whether a line closes the open fence. */
function closesFence(line: string, open: FenceOpen): boolean {
  const m = CLOSE.exec(line);
  return !!m && m[1][0] === open.char && m[1].length >= open.length;
}

/** A fence inside a block quote or a list item ends with its container (CommonMark). */
type Container = { kind: 'quote' } | { kind: 'list'; indent: number };

const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?: {1,4}|\t)/;

/**
 * Feed lines in order; `line()` says whether each one belongs to a fenced code block. Fences
 * at the top level, directly inside a block quote (`> ````) or a list item (`- ````) are
 * followed; a fence in a container ends where the container does.
 */
export class FenceScanner {
  open: FenceOpen | undefined;
  private container: Container | undefined;

  /** True when the line is an opening fence, inside a fence, or its closing fence. */
  line(text: string): boolean {
    if (this.open) {
      const inner = this.inside(text);
      if (inner !== undefined) {
        if (closesFence(inner, this.open)) this.open = this.container = undefined;
        return true;
      }
      // The container ended, and the fence with it: the line is read afresh.
      this.open = this.container = undefined;
    }
    // Most lines hold no fence character at all.
    if (!text.includes('`') && !text.includes('~')) return false;
    this.open = fenceOpen(text);
    if (this.open) return true;
    const quote = QUOTE.exec(text);
    if (quote) {
      this.open = fenceOpen(text.slice(quote[0].length));
      if (this.open) this.container = { kind: 'quote' };
      return this.open !== undefined;
    }
    const item = LIST_ITEM.exec(text);
    if (item) {
      this.open = fenceOpen(text.slice(item[0].length));
      if (this.open) this.container = { kind: 'list', indent: item[0].replace('\t', '    ').length };
      return this.open !== undefined;
    }
    return false;
  }

  /** The line as the open fence sees it (container prefix removed), or undefined when its container ended. */
  private inside(text: string): string | undefined {
    const c = this.container;
    if (!c) return text;
    if (c.kind === 'quote') {
      const m = QUOTE.exec(text);
      return m ? text.slice(m[0].length) : undefined;
    }
    if (/^[ \t]*$/.test(text)) return text;
    const indent = /^ */.exec(text)![0].length;
    return indent >= c.indent ? text.slice(c.indent) : undefined;
  }
}
