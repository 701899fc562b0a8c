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

const DIRECTIVE = /<!--\s*年报检查-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;

interface Scope { from: number; to: number; codes?: Set<string> }

export const SUPPRESSION_PREFIX = '年报检查';

export function suppressionScopes(text: string, lines: LineIndex): Scope[] {
  const scopes: Scope[] = [];
  const open: { line: number; codes?: Set<string> }[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const line = lines.positionAt(m.index).line;
    const list = m[2].trim().split(/[\s,，]+/).filter(Boolean);
    const codes = list.length ? new Set(list) : undefined;
    switch (m[1]) {
      case 'disable-file': scopes.push({ from: 0, to: Number.MAX_SAFE_INTEGER, codes }); break;
      case 'disable-line': scopes.push({ from: line, to: line, codes }); break;
      case 'disable-next-line': {
        let next = lines.positionAt(m.index + m[0].length).line + 1;
        while (next < lines.lineCount && lines.lineText(next).trim() === '') next++;
        scopes.push({ from: next, to: next, codes });
        break;
      }
      case 'disable': open.push({ line, codes }); break;
      case 'enable': {
        // Close the matching open scopes: all of them without codes, else those naming the codes.
        for (let i = open.length - 1; i >= 0; i--) {
          const o = open[i];
          if (!codes || !o.codes || [...o.codes].every((c) => codes.has(c))) {
            scopes.push({ from: o.line, to: line, codes: o.codes });
            open.splice(i, 1);
          }
        }
        break;
      }
    }
  }
  for (const o of open) scopes.push({ from: o.line, to: Number.MAX_SAFE_INTEGER, codes: o.codes });
  return scopes;
}

export function applySuppressions(findings: Finding[], text: string, lines: LineIndex): Finding[] {
  if (!text.includes(SUPPRESSION_PREFIX)) return findings;
  const scopes = suppressionScopes(text, lines);
  if (!scopes.length) return findings;
  return findings.filter((f) => {
    const line = lines.positionAt(f.span.start).line;
    return !scopes.some((s) => line >= s.from && line <= s.to && (!s.codes || s.codes.has(f.code)));
  });
}
