/**
 * Benchmark: our analysis against plain Markdown tooling on realistic report drafts, and the
 * language server over stdio.
 *
 *   npm run bench                     # node build.mjs && node --import tsx bench/run.ts  (~1.5–2 min; writes bench/RESULTS.md)
 *   node --import tsx bench/run.ts --quick        # shorter run (~40 s); prints only
 *   node --import tsx bench/run.ts --quick --write  # shorter run, writes bench/RESULTS.md too
 *
 * Measured in one process, medians and p95 over many iterations, the functions of one
 * iteration interleaved (so machine noise hits them alike):
 *   (a) micromark + micromark-extension-gfm tokenization alone
 *   (b) a full unified + remark-parse + remark-gfm parse of the whole text
 *   (c) markdownlint's default rules (sync API, one string)
 *   (d) our analysis of a fresh document: analyze(text)
 *   (e) our analysis after a one-character edit inside table 三 (a DocumentAnalyzer that analysed the previous version)
 *   (f) LSP didChange → publishDiagnostics through dist/server.js over stdio (back to back, typing cadence, bursts of 200)
 *   (g) the server's start until it answers initialize vs `node -e 0`; peak RSS with 1 MB and 5 MB documents open
 *   (h) the CLI's start (bench/start.ts): a check and a Word export of the example report, each a
 *       new process, vs `node -e 0`; wall and CPU time
 * Then the sections of bench/editing.ts (hover, code lens, formatting), bench/io.ts (import and
 * export), bench/robustness.ts (the worst cases of the hostile inputs) and bench/review.ts (files per
 * second of the review with one worker and with one per core), each run in turn.
 * Profile a case: bench/profile.ts.
 * Exit code: 0 when every target passes, 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { parse as mmParse, postprocess as mmPostprocess, preprocess as mmPreprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import { DocumentAnalyzer, analyze } from '../server/src/core/index';
import { toDiagnostic } from '../server/src/lsp';
import { generateReport, generateReports } from '../test/helpers/draft';
import { LspClient, ROOT, SERVER, initializeParams, sleep, spawnServer, startServer } from '../test/helpers/lsp';
import { run as measureStart } from './start';

const QUICK = process.argv.includes('--quick');
const WRITE = !QUICK || process.argv.includes('--write');
const KB = 1024;
const MB = 1024 * 1024;

// ---------------------------------------------------------------------------
// Statistics

interface Stat {
  median: number;
  p95: number;
  n: number;
}

function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { median: s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, p95: q(0.95), n: s.length };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtStat = (s: Stat | undefined) => (s ? `${ms(s.median)} / ${ms(s.p95)}` : '–');

/**
 * Run the functions round-robin (order rotated each round) until each has minN samples and
 * the budget is spent, or maxN rounds. Returns a Stat per function name.
 */
function interleaved(
  fns: Record<string, () => void>,
  o: { warmup: number; minN: number; maxN: number; budgetMs: number },
): Record<string, Stat> {
  const names = Object.keys(fns);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < o.warmup; i++) for (const n of names) fns[n]();
  const t0 = performance.now();
  for (let round = 0; round < o.maxN; round++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(round + k) % names.length];
      const t = performance.now();
      fns[n]();
      samples[n].push(performance.now() - t);
    }
    if (round + 1 >= o.minN && performance.now() - t0 >= o.budgetMs) break;
  }
  return Object.fromEntries(names.map((n) => [n, stat(samples[n])]));
}

// ---------------------------------------------------------------------------
// Documents

interface Doc {
  name: string;
  text: string;
  bytes: number;
}

function doc(name: string, text: string): Doc {
  return { name, text, bytes: Buffer.byteLength(text, 'utf8') };
}

/** Offset of the first value cell of table 三's （一）予以公开 row, in the last report of the text. */
function table3EditOffset(text: string): number {
  const hit = text.lastIndexOf('（一）予以公开 |');
  if (hit < 0) throw new Error('no table 三 row in the draft');
  return firstValueOffset(text, text.lastIndexOf('\n', hit) + 1);
}

/** The first digit after the three label cells of the table row starting at `line`. */
function firstValueOffset(text: string, line: number): number {
  let at = line - 1;
  for (let i = 0; i < 4; i++) at = text.indexOf('|', at + 1);
  const digit = /\d/.exec(text.slice(at, text.indexOf('\n', at)));
  if (at < 0 || !digit) throw new Error('table row has no value cell');
  return at + digit.index;
}

/** The same text with the digit at `at` replaced by `d`. */
function withDigit(text: string, at: number, d: number): string {
  return text.slice(0, at) + String(d) + text.slice(at + 1);
}

// ---------------------------------------------------------------------------
// In-process measurements (a)–(e)

const processor = unified().use(remarkParse).use(remarkGfm);
const gfmExt = gfm();

function micromarkTokens(text: string): number {
  const events = mmPostprocess(
    mmParse({ extensions: [gfmExt] })
      .document()
      .write(mmPreprocess()(text, undefined, true)),
  );
  return events.length;
}

interface CoreRow {
  doc: Doc;
  a: Stat;
  b: Stat;
  c: Stat;
  d: Stat;
  e: Stat;
  findings: number;
}

async function measureCore(docs: Doc[]): Promise<CoreRow[]> {
  const { lint } = await import('markdownlint/sync');
  const rows: CoreRow[] = [];
  for (const d of docs) {
    const big = d.bytes > 200 * KB;
    const budget = QUICK ? (big ? 600 : 1200) : big ? 5000 : 5000;
    const at = table3EditOffset(d.text);
    const variants = Array.from({ length: 10 }, (_, k) => withDigit(d.text, at, k));
    const analyzer = new DocumentAnalyzer();
    analyzer.analyze(variants[0]);
    let v = 0;
    let sink = 0;
    const stats = interleaved(
      {
        a: () => {
          sink += micromarkTokens(d.text);
        },
        b: () => {
          sink += processor.parse(d.text).children.length;
        },
        c: () => {
          sink += Object.keys(lint({ strings: { doc: d.text } })).length;
        },
        d: () => {
          sink += analyze(d.text).findings.length;
        },
        e: () => {
          v = (v + 1) % 10;
          sink += analyzer.analyze(variants[v]).findings.length;
        },
      },
      {
        warmup: big ? 1 : 5,
        minN: QUICK ? (big ? 3 : 15) : big ? 7 : 60,
        maxN: QUICK ? (big ? 3 : 100) : big ? 12 : 400,
        budgetMs: budget,
      },
    );
    if (sink < 0) console.log(sink);
    const findings = analyze(d.text).findings.length;
    rows.push({ doc: d, a: stats.a, b: stats.b, c: stats.c, d: stats.d, e: stats.e, findings });
    console.log(
      `  ${d.name.padEnd(18)} a ${fmtStat(stats.a).padEnd(15)} b ${fmtStat(stats.b).padEnd(15)} c ${fmtStat(stats.c).padEnd(15)} d ${fmtStat(stats.d).padEnd(15)} e ${fmtStat(stats.e)}  (n=${stats.d.n})`,
    );
  }
  return rows;
}

// ---------------------------------------------------------------------------
// LSP (f)

/** What the server should publish for this text (compared without the rule page links). */
function expectedDiagnostics(uri: string, text: string, version: number): unknown[] {
  const a = analyze(text, { locale: 'zh' });
  return a.findings.map((f) => strip(toDiagnostic(uri, a.model.lines, f, version)));
}

function strip(d: unknown): unknown {
  const { codeDescription: _c, ...rest } = d as { codeDescription?: unknown };
  return rest;
}

interface LspResult {
  sequential: Stat;
  cadence: Stat;
  cadencePauseMs: number;
  burst: { settle: Stat; total: Stat; publishes: number[]; matched: boolean; bursts: number };
  big: { name: string; open: number; edit: Stat }[];
}

/** Edits cycling through digits of the first value cells of four table-三 rows, so every version differs from the last. */
function editPlan(text: string): { at: number }[] {
  const first = table3EditOffset(text);
  let line = text.lastIndexOf('\n', first) + 1;
  const plan: { at: number }[] = [];
  for (let i = 0; i < 4; i++) {
    plan.push({ at: firstValueOffset(text, line) });
    line = text.indexOf('\n', line) + 1;
  }
  return plan;
}

async function measureLsp(d: Doc, bigDocs: Doc[]): Promise<LspResult> {
  const client = await startServer();
  const uri = pathToFileURL(join(ROOT, 'bench', 'draft-10k.md')).toString();
  try {
    let version = 1;
    client.open(uri, d.text, version);
    await client.waitForVersion(uri, version);
    const plan = editPlan(d.text);
    let step = 0;
    const nextEdit = () => {
      const { at } = plan[step % plan.length];
      const digit = (Math.floor(step / plan.length) + 1) % 10;
      step++;
      version++;
      client.edit(uri, version, at, at + 1, String(digit));
      return version;
    };
    // Warm-up.
    for (let i = 0; i < (QUICK ? 20 : 50); i++) {
      const v = nextEdit();
      await client.waitForVersion(uri, v);
    }
    // Back to back: the next edit as soon as the diagnostics arrive.
    const seq: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      const v = nextEdit();
      const p = await client.waitForVersion(uri, v);
      seq.push(p.at - t);
    }
    // Typing cadence: a short pause before each edit.
    const pause = 60;
    const cad: number[] = [];
    for (let i = 0; i < (QUICK ? 20 : 60); i++) {
      await sleep(pause);
      const t = performance.now();
      const v = nextEdit();
      const p = await client.waitForVersion(uri, v);
      cad.push(p.at - t);
    }
    // Bursts: 200 edits sent without waiting; the last diagnostics must be for the last version and match its text.
    const settle: number[] = [];
    const total: number[] = [];
    const publishes: number[] = [];
    let matched = true;
    const bursts = QUICK ? 2 : 5;
    for (let b = 0; b < bursts; b++) {
      await sleep(100);
      const before = client.published.length;
      const t0 = performance.now();
      let tLast = 0;
      let last = 0;
      for (let i = 0; i < 200; i++) {
        last = nextEdit();
        tLast = performance.now();
      }
      const p = await client.waitForVersion(uri, last, 30000);
      settle.push(p.at - tLast);
      total.push(p.at - t0);
      await sleep(150);
      const mine = client.published.slice(before).filter((x) => x.uri === uri);
      publishes.push(mine.length);
      const final = mine[mine.length - 1];
      const text = client.doc(uri)!.getText();
      const ok =
        final.version === last &&
        mine.every((x, i) => i === 0 || (x.version ?? 0) >= (mine[i - 1].version ?? 0)) &&
        JSON.stringify(final.diagnostics.map(strip)) === JSON.stringify(expectedDiagnostics(uri, text, last));
      if (!ok)
        console.log(`  burst ${b}: last diagnostics version ${final.version}, expected ${last}; ${final.diagnostics.length} diagnostics`);
      matched &&= ok;
    }
    // Large documents: open, then a few edits in table 三 (informational).
    const big: LspResult['big'] = [];
    for (const bd of bigDocs) {
      const u = pathToFileURL(join(ROOT, 'bench', `${bd.name}.md`)).toString();
      const t = performance.now();
      client.open(u, bd.text, 1);
      const p = await client.waitForVersion(u, 1, 120000);
      const open = p.at - t;
      const at = table3EditOffset(bd.text);
      const times: number[] = [];
      for (let i = 0; i < (QUICK ? 3 : 10); i++) {
        const t1 = performance.now();
        client.edit(u, i + 2, at, at + 1, String((i + 1) % 10));
        const q = await client.waitForVersion(u, i + 2, 60000);
        times.push(q.at - t1);
      }
      client.close(u);
      big.push({ name: bd.name, open, edit: stat(times) });
    }
    return {
      sequential: stat(seq),
      cadence: stat(cad),
      cadencePauseMs: pause,
      burst: { settle: stat(settle), total: stat(total), publishes, matched, bursts },
      big,
    };
  } finally {
    const code = await client.stop();
    if (code !== 0) console.log(`  server exit code ${code}`);
  }
}

// ---------------------------------------------------------------------------
// Start time and memory (g)

function spawnUntilExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const c = spawn(process.execPath, args, { stdio: 'ignore' });
    c.once('error', reject);
    c.once('exit', () => resolve(performance.now() - t));
  });
}

async function serverStart(): Promise<number> {
  const t = performance.now();
  const client = spawnServer();
  try {
    await client.connection.sendRequest('initialize', initializeParams());
    return performance.now() - t;
  } finally {
    client.kill();
    await client.exited;
  }
}

function procStatus(pid: number): { hwm: number; rss: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
}

interface MemResult {
  name: string;
  bytes: number;
  chars: number;
  openMs: number;
  editMs: number;
  hwm: number;
  rss: number;
  idleHwm: number;
}

async function serverMemory(d: Doc): Promise<MemResult> {
  const client: LspClient = await startServer();
  try {
    const pid = client.child.pid!;
    await sleep(200);
    const idle = procStatus(pid);
    const uri = pathToFileURL(join(ROOT, 'bench', `${d.name}.md`)).toString();
    const t = performance.now();
    client.open(uri, d.text, 1);
    const p = await client.waitForVersion(uri, 1, 180000);
    const openMs = p.at - t;
    const at = table3EditOffset(d.text);
    const t1 = performance.now();
    for (let i = 0; i < 3; i++) {
      client.edit(uri, i + 2, at, at + 1, String(i + 1));
      await client.waitForVersion(uri, i + 2, 180000);
    }
    const editMs = (performance.now() - t1) / 3;
    const m = procStatus(pid);
    return { name: d.name, bytes: d.bytes, chars: d.text.length, openMs, editMs, hwm: m.hwm, rss: m.rss, idleHwm: idle.hwm };
  } finally {
    await client.stop();
  }
}

// ---------------------------------------------------------------------------

interface Target {
  name: string;
  pass: boolean;
  detail: string;
}

async function main(): Promise<number> {
  const started = performance.now();
  console.log(`bench${QUICK ? ' (quick)' : ''}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}`);
  statSync(SERVER); // built by npm run bench

  const r10k = doc('10 KB', generateReport({ seed: 10, targetBytes: 10 * KB }));
  const r100k = doc('100 KB', generateReport({ seed: 100, targetBytes: 100 * KB }));
  const r1m = doc('1 MB', generateReport({ seed: 1000, targetBytes: MB }));
  const one = doc('1 report', generateReports(1, { seed: 7 }));
  const n8 = doc('8 reports', generateReports(8, { seed: 7 }));
  const n64 = doc('64 reports', generateReports(64, { seed: 7 }));
  const r5m = doc('5 MB', generateReport({ seed: 5000, targetBytes: 5 * MB }));

  console.log('(a)–(e), ms median / p95:');
  const core = await measureCore([r10k, r100k, r1m, one, n8, n64]);
  const row = (d: Doc) => core.find((c) => c.doc === d)!;

  console.log('(f) LSP round trip on 10 KB…');
  const lsp = await measureLsp(r10k, [doc('lsp-1mb', r1m.text)]);

  console.log('(g) start and memory…');
  const bare: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < (QUICK ? 6 : 15); i++) {
    bare.push(await spawnUntilExit(['-e', '0']));
    server.push(await serverStart());
  }
  const bareS = stat(bare),
    serverS = stat(server);
  // The same without NODE_EXTRA_CA_CERTS, which this machine sets and every Node process reads
  // before anything else (bench/start.ts): as most machines start the server.
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const clean: { bare: number[]; server: number[] } = { bare: [], server: [] };
  if (extraCa !== undefined) {
    delete process.env.NODE_EXTRA_CA_CERTS;
    try {
      for (let i = 0; i < (QUICK ? 6 : 15); i++) {
        clean.bare.push(await spawnUntilExit(['-e', '0']));
        clean.server.push(await serverStart());
      }
    } finally {
      process.env.NODE_EXTRA_CA_CERTS = extraCa;
    }
  }
  const mem1 = await serverMemory(doc('mem-1mb', r1m.text));
  const mem5 = await serverMemory(doc('mem-5mb', r5m.text));
  console.log('(h) the CLI start…');
  const start = await measureStart(QUICK);
  // The server loads the core from a second bundle: both count.
  const bundle = statSync(SERVER).size + statSync(join(dirname(SERVER), 'core.js')).size;

  // ---- Report.
  const lines: string[] = [];
  const out = (s = '') => {
    lines.push(s);
  };
  out(
    `| document | bytes | chars | (a) micromark | (b) remark-gfm | (c) markdownlint | (d) analyze | (e) edit in 三 | (d)/(b) | (d)/(c) | (e)/(b) |`,
  );
  out(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const c of core) {
    out(
      `| ${c.doc.name} | ${c.doc.bytes} | ${c.doc.text.length} | ${fmtStat(c.a)} | ${fmtStat(c.b)} | ${fmtStat(c.c)} | ${fmtStat(c.d)} | ${fmtStat(c.e)} | ${(c.d.median / c.b.median).toFixed(2)} | ${(c.d.median / c.c.median).toFixed(2)} | ${(c.e.median / c.b.median).toFixed(2)} |`,
    );
  }
  out();
  out('Times in ms, median / p95; ratios of medians.');
  out();
  out('Scaling of (d) analyze:');
  out();
  const base = row(r10k);
  for (const c of [row(r100k), row(r1m)]) {
    out(
      `- ${c.doc.name} vs 10 KB: ${(c.doc.bytes / base.doc.bytes).toFixed(1)}× the bytes, ${(c.d.median / base.d.median).toFixed(1)}× the time (${(c.d.median / (c.doc.bytes / MB)).toFixed(0)} ms/MB)`,
    );
  }
  out(
    `- 8 reports vs 1 report: ${(row(n8).d.median / row(one).d.median).toFixed(1)}×; 64 reports vs 1 report: ${(row(n64).d.median / row(one).d.median).toFixed(1)}× (remark-gfm (b): ${(row(n64).b.median / row(one).b.median).toFixed(1)}×)`,
  );
  out();
  out(`LSP (f), 10 KB document, didChange → publishDiagnostics (one-character edits in table 三):`);
  out();
  out(`| case | median | p95 | n |`);
  out(`| --- | ---: | ---: | ---: |`);
  out(
    `| back to back (next edit when the diagnostics arrive) | ${ms(lsp.sequential.median)} | ${ms(lsp.sequential.p95)} | ${lsp.sequential.n} |`,
  );
  out(
    `| typing cadence (${lsp.cadencePauseMs} ms pause before each edit) | ${ms(lsp.cadence.median)} | ${ms(lsp.cadence.p95)} | ${lsp.cadence.n} |`,
  );
  out(
    `| burst of 200 edits: last edit sent → its diagnostics | ${ms(lsp.burst.settle.median)} | ${ms(lsp.burst.settle.p95)} | ${lsp.burst.settle.n} |`,
  );
  out(
    `| burst of 200 edits: first edit sent → last diagnostics | ${ms(lsp.burst.total.median)} | ${ms(lsp.burst.total.p95)} | ${lsp.burst.total.n} |`,
  );
  for (const b of lsp.big)
    out(
      `| ${b.name}: open → diagnostics; edit in 三 → diagnostics | ${ms(b.open)}; ${ms(b.edit.median)} | –; ${ms(b.edit.p95)} | ${b.edit.n} |`,
    );
  out();
  out(
    `Bursts: diagnostics published per burst of 200 edits: ${lsp.burst.publishes.join(', ')}; last diagnostics for the last version and equal to a fresh analysis of the last text: ${lsp.burst.matched ? 'yes' : 'NO'}.`,
  );
  out();
  out(`Start and memory (g):`);
  out();
  out(`| measure | value |`);
  out(`| --- | ---: |`);
  out(`| \`node -e 0\` spawn → exit, median / p95 | ${ms(bareS.median)} / ${ms(bareS.p95)} ms |`);
  out(`| \`node dist/server.js --stdio\` spawn → initialize answered, median / p95 | ${ms(serverS.median)} / ${ms(serverS.p95)} ms |`);
  if (clean.bare.length) {
    const b = stat(clean.bare),
      sv = stat(clean.server);
    out(
      `| the same without NODE_EXTRA_CA_CERTS: \`node -e 0\`; server to initialize (median / p95) | ${ms(b.median)} / ${ms(b.p95)}; ${ms(sv.median)} / ${ms(sv.p95)} ms (${(sv.median / b.median).toFixed(2)}×) |`,
    );
  }
  out(`| server bundles dist/server.js + dist/core.js | ${(bundle / KB).toFixed(0)} KiB |`);
  for (const m of [mem1, mem5]) {
    out(
      `| ${m.name} (${(m.bytes / MB).toFixed(2)} MB, ${m.chars} chars): open → diagnostics; mean edit → diagnostics | ${ms(m.openMs)}; ${ms(m.editMs)} ms |`,
    );
    out(
      `| ${m.name}: peak RSS (VmHWM) / RSS after; idle server peak before opening | ${m.hwm.toFixed(0)} / ${m.rss.toFixed(0)} MB; ${m.idleHwm.toFixed(0)} MB |`,
    );
  }

  const t10 = row(r10k);
  const targets: Target[] = [
    {
      name: '(e) ≤ 0.25×(b) on 10 KB',
      pass: t10.e.median <= 0.25 * t10.b.median,
      detail: `${ms(t10.e.median)} vs ${ms(0.25 * t10.b.median)} ms (${(t10.e.median / t10.b.median).toFixed(2)}×)`,
    },
    {
      name: '(d) ≤ 1.2×(b) on 10 KB',
      pass: t10.d.median <= 1.2 * t10.b.median,
      detail: `${ms(t10.d.median)} vs ${ms(1.2 * t10.b.median)} ms (${(t10.d.median / t10.b.median).toFixed(2)}×)`,
    },
    {
      name: '(d) < (c) on 10 KB',
      pass: t10.d.median < t10.c.median,
      detail: `${ms(t10.d.median)} vs ${ms(t10.c.median)} ms (${(t10.d.median / t10.c.median).toFixed(2)}×)`,
    },
    {
      name: '(d) 64 reports ≤ 80× one report',
      pass: row(n64).d.median <= 80 * row(one).d.median,
      detail: `${(row(n64).d.median / row(one).d.median).toFixed(1)}×`,
    },
    {
      name: '(f) p95 < 30 ms on 10 KB (back to back and typing cadence)',
      pass: lsp.sequential.p95 < 30 && lsp.cadence.p95 < 30,
      detail: `back to back ${ms(lsp.sequential.p95)} ms, cadence ${ms(lsp.cadence.p95)} ms`,
    },
    {
      name: '(f) 200 back-to-back edits: last diagnostics = last text',
      pass: lsp.burst.matched,
      detail: `${lsp.burst.bursts} bursts, publishes ${lsp.burst.publishes.join('/')}`,
    },
    {
      name: '(g) start < 1.6× bare node',
      pass: serverS.median < 1.6 * bareS.median,
      detail: `${ms(serverS.median)} vs ${ms(bareS.median)} ms (${(serverS.median / bareS.median).toFixed(2)}×)`,
    },
    { name: '(g) server bundle < 1 MB', pass: bundle < MB, detail: `${(bundle / KB).toFixed(0)} KiB` },
    { name: '(g) RSS < 200 MB with a 5 MB document', pass: mem5.hwm < 200, detail: `peak ${mem5.hwm.toFixed(0)} MB` },
    ...start.targets,
  ];
  out();
  out('The CLI start (h):');
  out();
  out(start.text);
  out();
  out('Targets:');
  out();
  for (const t of targets) out(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
  // The feature benchmarks each return their own Markdown section.
  for (const [title, file] of [
    ['Editing features (hover, code lens, formatting)', './editing'],
    ['Import and export', './io'],
    ['Hostile inputs (worst cases)', './robustness'],
    ['Request register (table 三 from 10 000 rows)', './register'],
    ['Review of a region (xxgk-report review)', './review'],
  ] as const) {
    console.log(`${title}…`);
    const mod = (await import(file)) as { run(): Promise<string> };
    out();
    out(`${title}:`);
    out();
    out((await mod.run()).trim());
  }
  const elapsed = (performance.now() - started) / 1000;
  out();
  out(`(${QUICK ? 'quick run' : 'full run'}, ${elapsed.toFixed(0)} s)`);

  console.log();
  console.log(lines.join('\n'));
  if (WRITE) {
    const header = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}.`,
      'Generated drafts (test/helpers/draft.ts): canonical layout, Chinese prose, all three tables with plausible figures that add up.',
      '“1 report”, “8 reports”, “64 reports”: skeleton-sized reports concatenated in one file, each with its own title.',
      '(e): one digit changed inside table 三 of an already analysed document (DocumentAnalyzer; only section 三 is parsed again).',
      '',
    ];
    writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), `${[...header, ...lines].join('\n')}\n`);
    console.log('\nwritten to bench/RESULTS.md');
  }
  return targets.every((t) => t.pass) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
