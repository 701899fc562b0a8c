/**
 * What the PDF reader works on between its stages: each page's text runs and ruling lines in
 * page space (points, origin top-left, y down), whatever the producer's matrices were.
 *
 *   pdf.js ─ extract.ts ─▶ PdfPage[] ─ (OCR could fill text-less pages here) ─▶ layout.ts ─▶ GridDocument
 *
 * Everything after extraction is pure: the layout tests build pages in code.
 */
import type { Message } from '../../core/message';

/** A run of text as the PDF draws it: one string on one baseline in one font. */
export interface TextRun {
  text: string;
  /** Left end of the run's baseline. */
  x: number;
  /** The baseline. */
  y: number;
  /** Advance width of the whole run. */
  width: number;
  /** Font size (the glyphs' em height on the page). */
  size: number;
  /** The font's id on its page (runs in one font share it). */
  font?: string;
  /** Not written left to right: placed at its origin as one piece. */
  rotated?: boolean;
}

/** An axis-aligned ruling line: a stroked line, an edge of a stroked rectangle, or a thin filled rectangle. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
  segments: Segment[];
  /** The page had more text runs or drawing operators than the reader takes (the rest ignored). */
  truncated?: boolean;
}

/** Something the reader wants the user to check, listed with the import's unmapped items. */
export interface PdfNote {
  text: string;
  message: Message;
}
