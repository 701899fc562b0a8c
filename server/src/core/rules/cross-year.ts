/** Shared by the cross-year rules (carry-over, valid-count): places in last year's report. */
import { LineIndex, Span } from '../lines';
import type { Message, Report, RuleContext } from '../rule';

type Previous = NonNullable<RuleContext['previous']>;

const indexes = new WeakMap<object, LineIndex>();

export type Related = NonNullable<Report['related']>[number];

/** A related-information entry that points into last year's report; none when its location is unknown. */
export function previousRelated(previous: Previous, span: Span, message: Message): Related[] {
  if (previous.uri === undefined) return [];
  // One line index per previous report model (the spread copy is new each run, its sections array is not).
  const key = previous.sections;
  let lines = indexes.get(key);
  if (!lines || lines.text !== previous.text) {
    lines = new LineIndex(previous.text);
    indexes.set(key, lines);
  }
  return [{ span, message, uri: previous.uri, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }];
}

/** A CLI path may hold a bare `%` (`50%.md`): it is a path, not a URI escape. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** “2022年度报告” (and its file, when known). */
export function previousName(previous: Previous): Message {
  const y = previous.title?.year;
  const file = previous.uri
    ? safeDecode(previous.uri.replace(/^file:\/\/\/?/, '/').replace(/^\/([A-Za-z]:)/, '$1'))
        .split(/[\\/]/)
        .pop()
    : undefined;
  return {
    zh: `${y}年度报告${file ? `（${file}）` : ''}`,
    en: `the ${y} report${file ? ` (${file})` : ''}`,
  };
}
