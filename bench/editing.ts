/**
 * Editing features in-process: hover on a table-3 cell, the code lenses, and formatting table 三
 * (range formatting over it), each on a freshly analysed version of a realistic report (so the
 * checks are computed, not read from the memo). Targets (issue 9): hover and code lens < 2 ms,
 * formatting table 三 < 5 ms.
 *
 * The machine may be shared: a wall-clock p95 of sub-millisecond operations then mostly measures
 * the scheduler. So each round times the operation on three fresh versions and also keeps the
 * fastest of the three ("best of 3"): preemption hits one of them, rarely all three. The verdict
 * uses the median of all timings and the p95 of the best-of-3.
 *
 *   node --import tsx bench/editing.ts
 */
import { loadavg } from 'node:os';
import { DocumentAnalyzer, formatEdits, hoverAt, tableLenses } from '../server/src/core/index';
import type { DocumentModel } from '../server/src/core/index';
import { generateReport } from '../test/helpers/draft';

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
}

const f = (n: number) => (n < 10 ? n.toFixed(3) : n.toFixed(1));

// Synchronous work behind the async signature every bench section shares.
// eslint-disable-next-line @typescript-eslint/require-await
export async function run(): Promise<string> {
  const base = generateReport({ seed: 11, targetBytes: 10_000 });
  const analyzer = new DocumentAnalyzer();
  // One figure cell of table 三 changes each time: a new version, as when typing.
  const rowStart = base.indexOf('| 3.危及');
  const cellAt = base.indexOf('|', base.indexOf('|', rowStart + 1) + 1) + 2;
  const cellEnd = base.indexOf(' |', cellAt);
  const t3 = base.indexOf('| 申请人情况');
  let n = 0;
  const fresh = (): DocumentModel => analyzer.model(base.slice(0, cellAt) + String(n++ % 97) + base.slice(cellEnd));
  const ops: { name: string; target: number; op: (m: DocumentModel) => unknown }[] = [
    {
      name: 'hover on a table-3 cell',
      target: 2,
      op: (m) => {
        if (!hoverAt(m, cellAt + 1)) throw new Error('no hover');
      },
    },
    {
      name: 'code lenses of tables 三 and 四',
      target: 2,
      op: (m) => {
        if (tableLenses(m).length !== 2) throw new Error('no lenses');
      },
    },
    { name: 'format table 三 (range formatting, 27 lines)', target: 5, op: (m) => formatEdits(m, { range: { start: t3, end: t3 + 1 } }) },
  ];
  const rounds = 300;
  const all = ops.map(() => [] as number[]);
  const best = ops.map(() => [] as number[]);
  for (let i = 0; i < rounds + 20; i++) {
    ops.forEach((o, k) => {
      let min = Infinity;
      for (let r = 0; r < 3; r++) {
        const model = fresh();
        const t = performance.now();
        o.op(model);
        const d = performance.now() - t;
        if (i >= 20) all[k].push(d);
        min = Math.min(min, d);
      }
      if (i >= 20) best[k].push(min);
    });
  }
  const out = [
    '| editing feature (fresh version each time) | median ms | p95 ms | best-of-3 p95 ms | n | target | verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  ops.forEach((o, k) => {
    const a = stats(all[k]),
      b = stats(best[k]);
    out.push(
      `| ${o.name} | ${f(a.median)} | ${f(a.p95)} | ${f(b.p95)} | ${all[k].length} | < ${o.target} | ${a.median < o.target && b.p95 < o.target ? 'PASS' : 'FAIL'} |`,
    );
  });
  out.push(
    '',
    `Load average at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')}. Verdict: median of all timings and p95 of the best of 3 under the target.`,
  );
  return out.join('\n');
}

if (process.argv[1] && /editing\.ts$/.test(process.argv[1])) {
  run().then(
    (t) => console.log(t),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
