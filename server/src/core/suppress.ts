/**
 * Inline suppression comments:
 *   <!-- 年报检查-disable [code ...] -->  …  <!-- 年报检查-enable [code ...] -->
 *   <!-- 年报检查-disable-line [code ...] -->       (the comment's own line)
 *   <!-- 年报检查-disable-next-line [code ...] -->  (the next non-blank line)
 *   <!-- 年报检查-disable-file [code ...] -->       (the whole file)
 * Without codes a comment applies to every rule.
 */
import type { Finding } from './findings';
import type { LineIndex } from './lines';
import { FenceScanner } from './text/fences';

const DIRECTIVE = /<!--\s*年报检查-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;

interface Scope {
  from: number;
  to: number;
  codes?: Set<string>;
  except?: Set<string>;
}

const SUPPRESSION_PREFIX = '年报检查';

/** Lines inside fenced code blocks: a directive shown as an example there does nothing. */
function fencedLines(lines: LineIndex): Set<number> {
  const out = new Set<number>();
  const fences = new FenceScanner();
  for (let l = 0; l < lines.lineCount; l++) if (fences.line(lines.lineText(l))) out.add(l);
  return out;
}

/**
 * disable/enable change a state that is tracked code by code: a plain `disable` followed by
 * `enable balance` leaves every rule but balance off; `disable a b` then `enable a` leaves b off.
 */
function suppressionScopes(text: string, lines: LineIndex): Scope[] {
  const scopes: Scope[] = [];
  const fenced = fencedLines(lines);
  let all = false;
  let except = new Set<string>();
  const codes = new Set<string>();
  let segStart = 0;
  const close = (to: number) => {
    if (all) scopes.push({ from: segStart, to, except: new Set(except) });
    if (codes.size) scopes.push({ from: segStart, to, codes: new Set(codes) });
    segStart = to;
  };
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const line = lines.positionAt(m.index).line;
    if (fenced.has(line)) continue;
    const list = m[2]
      .trim()
      .split(/[\s,，]+/)
      .filter(Boolean);
    const named = list.length ? new Set(list) : undefined;
    switch (m[1]) {
      case 'disable-file':
        scopes.push({ from: 0, to: Number.MAX_SAFE_INTEGER, codes: named });
        break;
      case 'disable-line':
        scopes.push({ from: line, to: line, codes: named });
        break;
      case 'disable-next-line': {
        let next = lines.positionAt(m.index + m[0].length).line + 1;
        while (next < lines.lineCount && lines.lineText(next).trim() === '') next++;
        scopes.push({ from: next, to: next, codes: named });
        break;
      }
      case 'disable':
        close(line);
        if (!named) {
          all = true;
          except = new Set();
        } else
          for (const c of named) {
            codes.add(c);
            except.delete(c);
          }
        break;
      case 'enable':
        close(line);
        if (!named) {
          all = false;
          except = new Set();
          codes.clear();
        } else
          for (const c of named) {
            codes.delete(c);
            if (all) except.add(c);
          }
        break;
    }
  }
  close(Number.MAX_SAFE_INTEGER);
  return scopes;
}

export function applySuppressions(findings: Finding[], text: string, lines: LineIndex): Finding[] {
  if (!text.includes(SUPPRESSION_PREFIX)) return findings;
  const scopes = suppressionScopes(text, lines);
  if (!scopes.length) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.span.start).line;
    return !scopes.some((s) => line >= s.from && line <= s.to && (!s.codes || s.codes.has(f.code)) && !s.except?.has(f.code));
  });
}
