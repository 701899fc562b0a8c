/**
 * A loop to profile one case of the benchmark with V8's CPU profiler:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts fresh 10     # (d) analyze, 10 KB draft
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts edit 1024    # (e) edit in table 三, 1 MB draft
 *
 * then open the .cpuprofile in Chrome DevTools (Performance) or VS Code. Runs for 6 seconds.
 */
import { DocumentAnalyzer, analyze } from '../server/src/core/index';
import { generateReport } from '../test/helpers/draft';

const mode = process.argv[2] === 'edit' ? 'edit' : 'fresh';
const text = generateReport({ seed: 10, targetBytes: Number(process.argv[3] ?? 10) * 1024 });
const row = text.lastIndexOf('（一）予以公开 |');
let at = text.lastIndexOf('\n', row);
for (let i = 0; i < 4; i++) at = text.indexOf('|', at + 1);
const digit = at + /\d/.exec(text.slice(at))!.index;
const variants = Array.from({ length: 10 }, (_, k) => text.slice(0, digit) + k + text.slice(digit + 1));
const analyzer = new DocumentAnalyzer();
analyzer.analyze(text);
const t = performance.now();
let n = 0;
while (performance.now() - t < 6000) {
  if (mode === 'fresh') analyze(text);
  else analyzer.analyze(variants[n % 10]);
  n++;
}
console.log(`${mode}: ${n} analyses, ${((performance.now() - t) / n).toFixed(2)} ms each`);
