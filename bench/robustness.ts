/**
 * Worst cases: the hostile inputs of issue 12 (test/robustness/hostile.ts), in the core and
 * through the language server over stdio (a fresh server per input, so its peak RSS is that
 * input's), up to the 8 MB size limit.
 *
 *   node --import tsx bench/robustness.ts       # needs dist/ (node build.mjs); prints the table
 *
 * run() returns the Markdown table for bench/RESULTS.md and the README.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentAnalyzer, analyze } from '../server/src/core/index';
import { INCOMPLETE_CODE } from '../server/src/core/model';
import { ROOT, startServer } from '../test/helpers/lsp';
import { SKELETON, hostileInputs, ruleHeavyInputs } from '../test/robustness/hostile';

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Row {
  name: string;
  mb: number;
  coreFirst: number;
  coreEdit: number;
  incomplete: boolean;
  lspFirst: number;
  lspEdit: number;
  rss: number;
}

async function measure(h: ReturnType<typeof hostileInputs>[number]): Promise<Row> {
  const analyzer = new DocumentAnalyzer();
  let t = performance.now();
  const first = analyzer.analyze(h.text);
  const coreFirst = performance.now() - t;
  const edited = h.text.slice(0, h.editAt) + '7' + h.text.slice(h.editAt);
  t = performance.now();
  analyzer.analyze(edited);
  const coreEdit = performance.now() - t;

  const client = await startServer();
  try {
    const uri = pathToFileURL(join(ROOT, 'bench', 'hostile.md')).toString();
    let sent = performance.now();
    client.open(uri, h.text, 1);
    const lspFirst = (await client.waitForVersion(uri, 1, 60000)).at - sent;
    sent = performance.now();
    client.edit(uri, 2, h.editAt, h.editAt, '7');
    const lspEdit = (await client.waitForVersion(uri, 2, 60000)).at - sent;
    return {
      name: h.name,
      mb: Buffer.byteLength(h.text) / 1048576,
      coreFirst,
      coreEdit,
      incomplete: first.findings.some((f) => f.code === INCOMPLETE_CODE),
      lspFirst,
      lspEdit,
      rss: peakRss(client.child.pid!),
    };
  } finally {
    await client.stop();
  }
}

export async function run(): Promise<string> {
  analyze(SKELETON);
  const rows: Row[] = [];
  for (const h of [...hostileInputs(true), ...ruleHeavyInputs()]) rows.push(await measure(h));
  const out = [
    '| hostile input | MB | core: first analysis | core: edit after | LSP: open → diagnostics | LSP: edit → diagnostics | server peak RSS | analysis-incomplete |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name.replace(/\|/g, '\\|')} | ${r.mb.toFixed(2)} | ${ms(r.coreFirst)} ms | ${ms(r.coreEdit)} ms | ${ms(r.lspFirst)} ms | ${ms(r.lspEdit)} ms | ${r.rss.toFixed(0)} MB | ${r.incomplete ? 'yes' : 'no'} |`,
    ),
  ];
  const worst = (f: (r: Row) => number) => rows.reduce((a, r) => (f(r) > f(a) ? r : a));
  const wf = worst((r) => r.lspFirst),
    we = worst((r) => r.lspEdit),
    wr = worst((r) => r.rss);
  out.push(
    '',
    `Worst: open → diagnostics ${ms(wf.lspFirst)} ms (${wf.name}); edit → diagnostics ${ms(we.lspEdit)} ms (${we.name}); peak RSS ${wr.rss.toFixed(0)} MB (${wr.name}).`,
  );
  return out.join('\n');
}

if (require.main === module) {
  run().then(
    (table) => console.log(table),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
