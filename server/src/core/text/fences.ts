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
export function fenceOpen(line: string): FenceOpen | undefined {
  const m = OPEN.exec(line);
  if (!m) return undefined;
  const char = m[1][0] as '`' | '~';
  if (char === '`' && m[2].includes('`')) return undefined;
  return { char, length: m[1].length };
}

/** Whether a line closes the open fence. */
export function closesFence(line: string, open: FenceOpen): boolean {
  const m = CLOSE.exec(line);
  return !!m && m[1][0] === open.char && m[1].length >= open.length;
}

/** Feed lines in order; `line()` says whether each one belongs to a fenced code block. */
export class FenceScanner {
  open: FenceOpen | undefined;

  /** True when the line is an opening fence, inside a fence, or its closing fence. */
  line(text: string): boolean {
    if (this.open) {
      if (closesFence(text, this.open)) this.open = undefined;
      return true;
    }
    this.open = fenceOpen(text);
    return this.open !== undefined;
  }
}
