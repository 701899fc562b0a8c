/**
 * Hostile inputs of issue 12, generated (never stored as big files): each is a report draft
 * whose section 五 holds a pathological construct. Shared by the robustness suite and
 * bench/robustness.ts.
 */
import { renderSkeleton } from '../../server/src/core/render';

export interface Hostile {
  name: string;
  text: string;
  /** Where a later edit goes: an offset inside the hostile part. */
  editAt: number;
}

export const SKELETON = renderSkeleton({ agency: '某县某局', year: 2023 }).join('\n');

/** The skeleton with `body` put into section 五 (after its title line). */
export function inReport(body: string): string {
  const at = SKELETON.indexOf('## 五、');
  const eol = SKELETON.indexOf('\n', at);
  return SKELETON.slice(0, eol + 1) + '\n' + body + '\n' + SKELETON.slice(eol + 1);
}

/** `> - 1. | a |` nested one level deeper on each line, restarting every `depth` lines. */
export function nestedContainers(chars: number, depth = 40): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const line = `${'> - 1. '.repeat(i % depth)}| a |`;
    out.push(line);
    size += line.length + 1;
  }
  return out.join('\n');
}

export const brackets = (n: number) => '['.repeat(n) + ']'.repeat(n);
export const newlines = (n: number) => '\n'.repeat(n);
export const deepQuote = (n: number) => '>'.repeat(n) + ' x';

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

/** The skeleton whose table 三 has a label cell holding a long digit run. */
export function longDigitLabel(digits: number): string {
  return SKELETON.replace('| （一）予以公开 |', `| （一）予以公开${'1'.repeat(digits)} |`);
}

function hostile(name: string, text: string, marker?: string): Hostile {
  const five = text.indexOf('## 五、');
  const at = marker ? text.indexOf(marker) : text.indexOf('\n', five) + 2;
  return { name, text, editAt: at };
}

/**
 * The cases of issue 12 (sizes as reported there), and, with `large`, the same constructs near
 * the 8 MB size limit.
 */
export function hostileInputs(large = false): Hostile[] {
  const cases = [
    hostile('nested `> - 1. | a |`, 23 KB', inReport(nestedContainers(23 * 1024))),
    hostile('nested `> - 1. | a |`, 818 KB', inReport(nestedContainers(818 * 1024))),
    hostile('50 000 `[` + 50 000 `]`', inReport(brackets(50_000))),
    hostile('1 000 000 newlines', inReport(newlines(1_000_000))),
    hostile('one table of 20 000 rows', inReport(bigTable(20_000)), '| 第10000项'),
    hostile('5000 small tables', inReport(manyTables(5000)), '| a2500 '),
    hostile('a line of 4300 `>`', inReport(deepQuote(4300))),
    hostile('table 三 label with 100 000 digits', longDigitLabel(100_000), '（一）予以公开1'),
  ];
  if (!large) return cases;
  return [
    ...cases,
    hostile('nested `> - 1. | a |`, 7 MB', inReport(nestedContainers(7 * 1024 * 1024))),
    hostile('7 000 000 newlines', inReport(newlines(7_000_000))),
    hostile('3 500 000 `[` + `]` on one line', inReport(brackets(3_500_000))),
    hostile('one table of 300 000 rows', inReport(bigTable(300_000)), '| 第150000项'),
  ];
}

/** The skeleton with `body` put into the section whose title starts with `heading` (e.g. '## 一、'). */
export function inSection(heading: string, body: string): string {
  const at = SKELETON.indexOf(heading);
  const eol = SKELETON.indexOf('\n', at);
  return SKELETON.slice(0, eol + 1) + '\n' + body + '\n' + SKELETON.slice(eol + 1);
}

/**
 * Inputs whose cost lies in the rules rather than the parser (many findings, many reports):
 * measured by bench/robustness.ts, not yet asserted by the suite.
 */
export function ruleHeavyInputs(): Hostile[] {
  const reports = Array.from({ length: 2000 }, (_, i) => `# 某县${i}局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n内容。\n`).join(
    '\n',
  );
  return [
    hostile('20 000 headings in 一', inSection('## 一、', Array.from({ length: 20000 }, (_, i) => `### （${i}）主动公开`).join('\n\n'))),
    hostile(
      '20 000 paragraphs with figures in 一',
      inSection('## 一、', Array.from({ length: 20000 }, (_, i) => `第${i}段：本年度收到申请${i}件，办结${i}件。`).join('\n\n')),
    ),
    { name: '2000 reports of one section each', text: reports, editAt: 5 },
  ];
}
