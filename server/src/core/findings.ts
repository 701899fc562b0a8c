/** Findings and fixes are plain data: the quick fix, "fix all" and the CLI share them. */
import type { Position, Span } from './lines';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  /** Offsets into the analysed text. */
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  /** safe: normalisation only, in "fix all"; value: changes or inserts a figure or a table. */
  kind: 'safe' | 'value';
  edits: TextEdit[];
}

export interface RelatedInfo {
  span: Span;
  message: string;
  /**
   * Set when the place is in another document (last year's report): its URI (a path in the
   * CLI) and the range there; `span` is then an offset range of that document.
   */
  uri?: string;
  range?: { start: Position; end: Position };
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInfo[];
  fixes?: Fix[];
  /** Stable identity within a document version, so a code action finds its diagnostic again. */
  key: string;
}

/** Apply non-overlapping edits; throws on overlap so that a bad fix is never half-applied. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw new Error('overlapping edits');
  }
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return (
    (a.start < b.end && b.start < a.end) ||
    (a.start === a.end && a.start > b.start && a.start < b.end) ||
    (b.start === b.end && b.start > a.start && b.start < a.end)
  );
}

/** The safe fixes of the findings, as one set of non-overlapping edits (first come first kept). */
export function safeFixEdits(findings: Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const fixes = findings.flatMap((f) => (f.fixes ?? []).filter((x) => x.kind === 'safe'));
  fixes.sort((a, b) => (a.edits[0]?.start ?? 0) - (b.edits[0]?.start ?? 0));
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.some((t) => overlaps(e, t) || (e.start === t.start && e.end === t.end)))) continue;
    taken.push(...fix.edits);
  }
  return taken;
}
