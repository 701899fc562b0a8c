/**
 * A two-dimensional DOMMatrix for pdf.js in Node when no canvas package is there (the .vsix
 * carries none): pdf.js builds matrices while it loads and for Type 3 glyphs, and this reader
 * never renders. Installed only where the global is missing.
 */
type Init = ArrayLike<number> | { a: number; b: number; c: number; d: number; e: number; f: number };

class Matrix2D {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: Init) {
    if (init && 'length' in init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6);
    else if (init && 'a' in init) ({ a: this.a, b: this.b, c: this.c, d: this.d, e: this.e, f: this.f } = init);
  }
  get is2D(): boolean {
    return true;
  }
  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }
  private set(m: number[]): this {
    [this.a, this.b, this.c, this.d, this.e, this.f] = m;
    return this;
  }
  /** this × other (other applied first). */
  multiplySelf(o: Init = [1, 0, 0, 1, 0, 0]): this {
    const n = new Matrix2D(o);
    return this.set([
      this.a * n.a + this.c * n.b,
      this.b * n.a + this.d * n.b,
      this.a * n.c + this.c * n.d,
      this.b * n.c + this.d * n.d,
      this.a * n.e + this.c * n.f + this.e,
      this.b * n.e + this.d * n.f + this.f,
    ]);
  }
  preMultiplySelf(o: Init = [1, 0, 0, 1, 0, 0]): this {
    const n = new Matrix2D(o);
    return this.set(new Matrix2D(n).multiplySelf(this).toArray());
  }
  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf([1, 0, 0, 1, tx, ty]);
  }
  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf([sx, 0, 0, sy, 0, 0]);
  }
  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (!det) return this.set([NaN, NaN, NaN, NaN, NaN, NaN]);
    return this.set([
      this.d / det,
      -this.b / det,
      -this.c / det,
      this.a / det,
      (this.c * this.f - this.d * this.e) / det,
      (this.b * this.e - this.a * this.f) / det,
    ]);
  }
  multiply(o?: Init): Matrix2D {
    return new Matrix2D(this).multiplySelf(o);
  }
  translate(tx?: number, ty?: number): Matrix2D {
    return new Matrix2D(this).translateSelf(tx, ty);
  }
  scale(sx?: number, sy?: number): Matrix2D {
    return new Matrix2D(this).scaleSelf(sx, sy);
  }
  inverse(): Matrix2D {
    return new Matrix2D(this).invertSelf();
  }
  transformPoint(p: { x?: number; y?: number } = {}): { x: number; y: number; z: number; w: number } {
    const x = p.x ?? 0,
      y = p.y ?? 0;
    return { x: this.a * x + this.c * y + this.e, y: this.b * x + this.d * y + this.f, z: 0, w: 1 };
  }
  toArray(): number[] {
    return [this.a, this.b, this.c, this.d, this.e, this.f];
  }
}

const g = globalThis as { DOMMatrix?: unknown };
g.DOMMatrix ??= Matrix2D;
