/**
 * Hostile inputs of issue 12, generated (never stored as big files): each is a report draft
 * whose one section holds a pathological construct. Shared by the robustness suite and
 * bench/robustness.ts.
 */
import { renderSkeleton } from '../../server/src/core/render';

export interface Hostile { name: string; text: string }

const skeleton = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');

/** The skeleton with `body` put into section 五 (after its title line). */
export function inReport(body: string): string {
  const at = skeleton.indexOf('## 五、');
  const eol = skeleton.indexOf('\n', at);
  return skeleton.slice(0, eol + 1) + '\n' + body + '\n' + skeleton.slice(eol + 1);
}

/** `> - 1. | a |` nested one level deeper on each line, restarting every `depth` lines. */
export function nestedContainers(bytes: number, depth = 40): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = i % depth;
    const line = `${'> - 1. '.repeat(d)}| a |`;
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

export function brackets(n: number): string {
  return '['.repeat(n) + ']'.repeat(n);
}

export function newlines(n: number): string {
  return '\n'.repeat(n);
}

export function bigTable(rows: number): string {
  const out = ['| 项目 | 数量 |', '| --- | ---: |'];
  for (let i = 0; i < rows; i++) out.push(`| 第${i}项 | ${i} |`);
  return out.join('\n');
}

export function manyTables(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`| a${i} | b |\n| --- | --- |\n| ${i} | 1 |\n`);
  return out.join('\n');
}

export function deepQuote(n: number): string {
  return '>'.repeat(n) + ' x';
}

/** Table 三 with a label cell holding a long digit run. */
export function longDigitLabel(skel: string, digits: number): string {
  return skel.replace('| （一）予以公开 |', `| （一）予以公开${'1'.repeat(digits)} |`);
}

export function hostileInputs(scale = 1): Hostile[] {
  return [
    { name: 'nested > - 1. | a | (42 KB)', text: inReport(nestedContainers(42 * 1024 * scale)) },
    { name: 'nested > - 1. | a | (818 KB)', text: inReport(nestedContainers(818 * 1024 * scale)) },
    { name: '50 000 [ + 50 000 ]', text: inReport(brackets(50_000 * scale)) },
    { name: '1 000 000 newlines', text: inReport(newlines(1_000_000 * scale)) },
    { name: 'one table of 20 000 rows', text: inReport(bigTable(20_000 * scale)) },
    { name: '5000 small tables', text: inReport(manyTables(5000 * scale)) },
    { name: 'a line of 4300 >', text: inReport(deepQuote(4300 * scale)) },
    { name: 'table 三 label with 100 000 digits', text: longDigitLabel(skeleton, 100_000 * scale) },
  ];
}
