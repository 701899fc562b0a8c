/**
 * Glyphs and lines: runs cut into characters placed along their baseline, duplicates of fake
 * bold dropped, grouped into lines by baseline and joined by geometry.
 */
import type { TextRun } from './model';
import { emWidth, joinLines, joinOnLine } from './text';

export interface Glyph {
  ch: string;
  x: number;
  /** Advance width. */
  w: number;
  /** Baseline. */
  y: number;
  size: number;
  font?: string;
}

/** The characters of a run, each placed by its share of the run's advance width; spaces become gaps. */
export function glyphsOf(run: TextRun): Glyph[] {
  if (run.rotated) return [{ ch: run.text.replace(/\s+/g, ''), x: run.x, w: 0, y: run.y, size: run.size, font: run.font }];
  const chars = Array.from(run.text);
  const weights = chars.map(emWidth);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const out: Glyph[] = [];
  let x = run.x;
  chars.forEach((ch, i) => {
    const w = (run.width * weights[i]) / total;
    if (ch.trim()) out.push({ ch, x, w, y: run.y, size: run.size, font: run.font });
    x += w;
  });
  return out;
}

export interface Line {
  glyphs: Glyph[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** Characters that overlap others (two readings of one place) or digits run together from two places. */
  ambiguous: boolean;
  /** The font most of its characters are in. */
  font?: string;
}

/** Vertical distance within which two glyphs share a baseline, as a share of the font size. */
const SAME_LINE = 0.45;

/** Glyphs grouped into lines, top to bottom, each left to right. */
export function linesOf(glyphs: Glyph[]): Line[] {
  const sorted = [...glyphs].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Glyph[][] = [];
  let current: Glyph[] = [];
  let y = -Infinity;
  let size = 0;
  for (const g of sorted) {
    if (current.length && Math.abs(g.y - y) <= SAME_LINE * Math.max(size, g.size)) {
      current.push(g);
      size = Math.max(size, g.size);
      continue;
    }
    if (current.length) groups.push(current);
    current = [g];
    y = g.y;
    size = g.size;
  }
  if (current.length) groups.push(current);
  return groups.map(lineOf);
}

function lineOf(glyphs: Glyph[]): Line {
  const sorted = [...glyphs].sort((a, b) => a.x - b.x);
  const kept: Glyph[] = [];
  let ambiguous = false;
  for (const g of sorted) {
    const prev = kept[kept.length - 1];
    if (prev) {
      const overlap = prev.x + prev.w - g.x;
      const narrow = Math.min(prev.w, g.w) || g.size * 0.5;
      if (overlap > narrow * 0.5) {
        // Drawn twice at (nearly) one place: fake bold or a shadow. Different characters there
        // are two readings of one place: kept both, marked.
        if (prev.ch === g.ch && Math.abs(prev.y - g.y) < g.size * 0.3) continue;
        ambiguous = true;
      }
    }
    kept.push(g);
  }
  let text = '';
  let end = -Infinity;
  let size = 0;
  for (const g of kept) {
    const gap = g.x - end;
    text = joinOnLine(text, g.ch, gap, g.size);
    end = g.x + g.w;
    size = Math.max(size, g.size);
  }
  const fonts = new Map<string | undefined, number>();
  for (const g of kept) fonts.set(g.font, (fonts.get(g.font) ?? 0) + 1);
  return {
    glyphs: kept,
    font: [...fonts.entries()].sort((a, b) => b[1] - a[1])[0][0],
    text,
    x0: kept[0].x,
    x1: Math.max(...kept.map((g) => g.x + g.w)),
    y: kept.reduce((s, g) => s + g.y, 0) / kept.length,
    size,
    ambiguous,
  };
}

/** Text of lines read as one block (a table cell): lines joined without a break. */
export function blockText(lines: Line[]): { text: string; ambiguous: boolean } {
  let text = '';
  let ambiguous = lines.some((l) => l.ambiguous);
  for (const l of lines) {
    // Digits on two lines of one cell: two figures, or one broken in two? Not guessed.
    if (/\d$/.test(text) && /^\d/.test(l.text)) {
      ambiguous = true;
      text = `${text} ${l.text}`;
    } else text = joinLines(text, l.text);
  }
  return { text, ambiguous };
}

/** Two figures in one cell ("12 5", "12\n5"): which one is meant cannot be told from the text. */
export function twoFigures(text: string): boolean {
  return /\d[\d,.，]*\s+[\d(（]/.test(text.trim()) && /^[\d\s,.，()（）%％-]+$/.test(text.trim());
}
