/**
 * Ruling lines from a page's operator list: stroked lines, the edges of stroked rectangles and
 * thin filled rectangles (Chromium and some Word exports draw borders that way), carried through
 * the graphics state's matrix (save/restore, cm, form XObjects) into page space.
 */
import type { Segment } from './model';

/** The pdf.js operator codes this reader uses (pdf.js's OPS, passed in so this module stays pure). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

/** pdf.js's path drawing codes inside a constructPath (DrawOPS). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

type Matrix = [number, number, number, number, number, number];

function multiply(m: Matrix, n: Matrix): Matrix {
  // m applied after n: the PDF convention (cm pre-multiplies the current matrix).
  return [
    n[0] * m[0] + n[1] * m[2],
    n[0] * m[1] + n[1] * m[3],
    n[2] * m[0] + n[3] * m[2],
    n[2] * m[1] + n[3] * m[3],
    n[4] * m[0] + n[5] * m[2] + m[4],
    n[4] * m[1] + n[5] * m[3] + m[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thicker than this, a filled rectangle is a shaded area, not a line. */
const THIN = 2.5;
/** A drawn line this far from axis-aligned is not a ruling line. */
const SKEW = 0.8;
const MAX_DEPTH = 64;

/**
 * Segments of one page from its operator list. `base` maps PDF user space to page space (the
 * viewport's matrix: y flipped, origin at the top left). Stops at `maxSegments`.
 */
export function rulingSegments(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpCodes,
  base: Matrix,
  maxSegments: number,
): Segment[] {
  const out: Segment[] = [];
  let ctm: Matrix = base;
  const stack: Matrix[] = [];
  const addPage = (x1: number, y1: number, x2: number, y2: number) => {
    if (out.length >= maxSegments || ![x1, y1, x2, y2].every(Number.isFinite)) return;
    if (Math.abs(x1 - x2) <= SKEW || Math.abs(y1 - y2) <= SKEW) out.push({ x1, y1, x2, y2 });
  };
  const add = (ax: number, ay: number, bx: number, by: number) => {
    const [x1, y1] = apply(ctm, ax, ay);
    const [x2, y2] = apply(ctm, bx, by);
    addPage(x1, y1, x2, y2);
  };
  for (let i = 0; i < fnArray.length && out.length < maxSegments; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) {
      if (stack.length < 10_000) stack.push(ctm);
    } else if (fn === ops.restore) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === ops.transform) {
      const m = args as unknown as Matrix;
      if (m?.length === 6 && m.every(Number.isFinite)) ctm = multiply(ctm, m);
    } else if (fn === ops.paintFormXObjectBegin) {
      if (stack.length < MAX_DEPTH * 2) stack.push(ctm);
      const m = args?.[0] as Matrix | undefined;
      if (m?.length === 6 && Array.from(m).every(Number.isFinite)) ctm = multiply(ctm, Array.from(m) as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      const stroked =
        paint === ops.stroke ||
        paint === ops.closeStroke ||
        paint === ops.fillStroke ||
        paint === ops.eoFillStroke ||
        paint === ops.closeFillStroke ||
        paint === ops.closeEOFillStroke;
      const filled = paint === ops.fill || paint === ops.eoFill;
      if (stroked) strokedPath(data, add);
      else if (filled) filledPath(data, ctm, addPage);
    }
  }
  return out;
}

/** Each straight piece of a stroked path (curves skipped). */
function strokedPath(data: ArrayLike<number>, add: (ax: number, ay: number, bx: number, by: number) => void): void {
  let x = 0,
    y = 0,
    sx = 0,
    sy = 0;
  for (let k = 0; k < data.length;) {
    const op = data[k];
    if (op === MOVE) {
      x = sx = data[k + 1];
      y = sy = data[k + 2];
      k += 3;
    } else if (op === LINE) {
      add(x, y, data[k + 1], data[k + 2]);
      x = data[k + 1];
      y = data[k + 2];
      k += 3;
    } else if (op === CURVE) {
      x = data[k + 5];
      y = data[k + 6];
      k += 7;
    } else if (op === QUAD) {
      x = data[k + 3];
      y = data[k + 4];
      k += 5;
    } else if (op === CLOSE) {
      if (x !== sx || y !== sy) add(x, y, sx, sy);
      x = sx;
      y = sy;
      k += 1;
    } else break;
  }
}

/** A filled path that is a thin axis-aligned rectangle: its centre line (in page space). */
function filledPath(data: ArrayLike<number>, ctm: Matrix, addPage: (x1: number, y1: number, x2: number, y2: number) => void): void {
  // Sub-paths of straight pieces only; each one's bounding box in page space.
  let pts: [number, number][] = [];
  const flush = () => {
    if (pts.length >= 3 && pts.length <= 6) {
      const page = pts.map(([px, py]) => apply(ctm, px, py));
      const xs = page.map((p) => p[0]);
      const ys = page.map((p) => p[1]);
      const x0 = Math.min(...xs),
        x1 = Math.max(...xs),
        y0 = Math.min(...ys),
        y1 = Math.max(...ys);
      const w = x1 - x0,
        h = y1 - y0;
      if (h <= THIN && w > h * 2) addPage(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
      else if (w <= THIN && h > w * 2) addPage((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
    }
    pts = [];
  };
  for (let k = 0; k < data.length;) {
    const op = data[k];
    if (op === MOVE) {
      flush();
      pts.push([data[k + 1], data[k + 2]]);
      k += 3;
    } else if (op === LINE) {
      pts.push([data[k + 1], data[k + 2]]);
      k += 3;
    } else if (op === CLOSE) {
      k += 1;
    } else {
      // A curve: not a rectangle.
      pts = [];
      k += op === CURVE ? 7 : op === QUAD ? 5 : data.length;
    }
  }
  flush();
}
