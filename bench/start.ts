/**
 * (h) The CLI's start: `xxgk-report check` of one report and a Word export, each a new process,
 * against a bare `node -e 0` measured in the same rounds. Targets (issue 20.8): the check ≤ 1.5×
 * and the export ≤ 2× the bare node.
 *
 * - Wall: spawn → exit as this process sees it, median of N; the commands of a round run back
 *   to back in a rotating order, so machine noise hits them alike.
 * - CPU: user + system time of the child (bash's `time`, one more process per sample whose own
 *   time is not counted), median of N, in separate rounds. On a machine busier than its CPUs the
 *   wall clock mostly measures waiting, and the verdict uses the CPU ratio.
 * - Every check is a genuine full check of the file: the code cache holds compiled functions,
 *   never results (the output is compared with that of a run without any cache). The cache
 *   lives in a fresh directory, filled by one run of each command before the rounds.
 *
 *   node --import tsx bench/start.ts [--quick]      (after npm run build)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE = join(ROOT, 'examples', '安乐镇人民政府-2023.md');

export interface StartTarget {
  name: string;
  pass: boolean;
  detail: string;
}

interface Case {
  name: string;
  /** Arguments of one run (an export writes a new file each time). */
  args: () => string[];
  env?: Record<string, string>;
  /** Variables taken out of the environment for this case. */
  unset?: string[];
}

/** The environment of one run of a case. */
function envOf(c: Case): NodeJS.ProcessEnv {
  const env = { ...process.env, ...c.env };
  for (const name of c.unset ?? []) delete env[name];
  return env;
}

/**
 * Node reads the certificates this variable names when it starts, before any script: on this
 * machine a 200 KB bundle that costs a bare `node -e 0` about 40 ms of its 60–90. A ratio to such
 * a node flatters every command; the cases are measured without it as well, as most machines run.
 */
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function wallOnce(c: Case): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, c.args(), { stdio: 'ignore', env: envOf(c) });
    child.once('error', reject);
    child.once('exit', () => resolve(performance.now() - t));
  });
}

/** User + system ms of one run, from bash's `time` (it reports its child's usage, not its own). */
function cpuOnce(c: Case): number | undefined {
  const quoted = [process.execPath, ...c.args()].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  try {
    const out = execFileSync('bash', ['-c', `TIMEFORMAT='%3U %3S'; { time ${quoted} >/dev/null 2>&1; } 2>&1; true`], {
      encoding: 'utf8',
      env: envOf(c),
    });
    const [user, system] = out.trim().split(/\s+/).map(Number);
    return Number.isFinite(user) && Number.isFinite(system) ? (user + system) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export async function run(quick = process.argv.includes('--quick')): Promise<{ text: string; targets: StartTarget[] }> {
  const scratch = mkdtempSync(join(tmpdir(), 'xxgk-bench-start-'));
  try {
    const cache = { XXGK_REPORT_CODE_CACHE: join(scratch, 'cache') };
    const off = { XXGK_REPORT_CODE_CACHE: 'off' };
    let outputs = 0;
    const checkArgs = [CLI, 'check', EXAMPLE, '--no-color'];
    const exportArgs = () => [CLI, 'export', EXAMPLE, '--to', 'docx', '-o', join(scratch, `out-${outputs++}.docx`)];
    const bare: Case = { name: '`node -e 0`', args: () => ['-e', '0'] };
    const check: Case = { name: '`xxgk-report check` one report', args: () => checkArgs, env: cache };
    const checkOff: Case = { name: '… the same without the code cache', args: () => checkArgs, env: off };
    const wordExport: Case = { name: '`xxgk-report export --to docx` one report', args: exportArgs, env: cache };
    const wordExportOff: Case = { name: '… the same without the code cache', args: exportArgs, env: off };
    const help: Case = { name: '`xxgk-report help` (loading the CLI only)', args: () => [CLI, 'help'], env: cache };
    // The same without the extra certificates, when this machine sets them (see EXTRA_CA).
    const caSet = process.env[EXTRA_CA] !== undefined;
    const clean = (c: Case): Case => ({ ...c, name: `${c.name}, without ${EXTRA_CA}`, unset: [EXTRA_CA] });
    const [bareClean, checkClean, exportClean] = [bare, check, wordExport].map(clean);
    const cases = [bare, check, checkOff, wordExport, wordExportOff, help, ...(caSet ? [bareClean, checkClean, exportClean] : [])];

    // Fill the cache, and check that a cached check prints what a run without any cache prints.
    const firstRun = spawnSync(process.execPath, checkArgs, { env: { ...process.env, ...cache }, encoding: 'utf8' });
    const plainRun = spawnSync(process.execPath, checkArgs, { env: { ...process.env, ...off }, encoding: 'utf8' });
    for (const c of [wordExport, help, ...(caSet ? [checkClean, exportClean] : [])]) await wallOnce(c);
    const cachedRun = spawnSync(process.execPath, checkArgs, {
      env: { ...process.env, ...cache, NODE_DEBUG: 'xxgk-report-cache' },
      encoding: 'utf8',
    });
    const identical = firstRun.stdout === plainRun.stdout && cachedRun.stdout === plainRun.stdout && cachedRun.status === plainRun.status;
    const hit = /: hit cli-main-check-/.test(cachedRun.stderr);

    const n = quick ? 5 : 11;
    const wall = new Map<Case, number[]>(cases.map((c) => [c, []]));
    const cpu = new Map<Case, number[]>(cases.map((c) => [c, []]));
    const load = loadavg()[0];
    for (let round = 0; round < n; round++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length];
        wall.get(c)!.push(await wallOnce(c));
      }
    }
    for (let round = 0; round < n; round++) {
      for (let k = 0; k < cases.length; k++) {
        const c = cases[(round + k) % cases.length];
        const t = cpuOnce(c);
        if (t !== undefined) cpu.get(c)!.push(t);
      }
    }
    const loadAfter = loadavg()[0];
    const haveCpu = cases.every((c) => cpu.get(c)!.length > 0);
    const w = (c: Case) => median(wall.get(c)!);
    const u = (c: Case) => (haveCpu ? median(cpu.get(c)!) : NaN);
    const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
    const ratio = (x: number, base: number) => (Number.isFinite(x) ? `${(x / base).toFixed(2)}×` : '–');

    const lines = [
      `The code cache is in a fresh directory, filled by one run of each command. A cached check hit it: ${hit ? 'yes' : 'NO'}; printed what a run without any cache prints: ${identical ? 'yes' : 'NO'} (the cache holds compiled code, never results: every run checks the file).`,
      '',
      `(h) Each command a new process; wall: spawn → exit; CPU: user + system of the child (bash \`time\`, separate rounds); medians of ${n}, every case in each round, order rotated; ratios to \`node -e 0\` of the same rounds; ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load average ${load.toFixed(1)} → ${loadAfter.toFixed(1)}:`,
      '',
      '| command | wall median | × bare | CPU median | × bare |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...cases.map((c) => {
        // Each case against the bare node of its own environment.
        const base = c.unset ? bareClean : bare;
        return `| ${c.name} | ${ms(w(c))} ms | ${ratio(w(c), w(base))} | ${ms(u(c))} ms | ${ratio(u(c), u(base))} |`;
      }),
      ...(caSet
        ? [
            '',
            `This machine sets ${EXTRA_CA}: every Node process, a bare \`node -e 0\` included, first reads that certificate bundle (${ms(w(bare) - w(bareClean))} ms here). The targets below are judged as the machine is set up; the rows “without ${EXTRA_CA}” are the same commands as on most machines, where the bare node starts in ${ms(w(bareClean))} ms and the check is ${ratio(w(checkClean), w(bareClean))}, the export ${ratio(w(exportClean), w(bareClean))} of it.`,
          ]
        : []),
    ];
    // On a machine busier than its CPUs the wall clock measures the queue: judge by CPU time then.
    const overloaded = haveCpu && Math.max(load, loadAfter) > cpus().length;
    const by = overloaded ? 'CPU' : 'wall';
    const pick = (c: Case) => (overloaded ? u(c) : w(c));
    const target = (name: string, c: Case, cleanCase: Case, limit: number): StartTarget => ({
      name: `(h) ${name} ≤ ${limit}× bare node`,
      pass: identical && hit && pick(c) <= limit * pick(bare),
      detail: `${by} ${ms(pick(c))} vs ${ms(pick(bare))} ms (${ratio(pick(c), pick(bare))}); wall ${ratio(w(c), w(bare))}, CPU ${ratio(u(c), u(bare))}${overloaded ? ' (machine overloaded: judged by CPU)' : ''}; cache hit ${hit ? 'yes' : 'NO'}, output as without cache ${identical ? 'yes' : 'NO'}${caSet ? `; without ${EXTRA_CA}: ${ms(w(cleanCase))} vs ${ms(w(bareClean))} ms, wall ${ratio(w(cleanCase), w(bareClean))}, CPU ${ratio(u(cleanCase), u(bareClean))}` : ''}`,
    });
    return {
      text: lines.join('\n'),
      targets: [target('check of one report', check, checkClean, 1.5), target('Word export of one report', wordExport, exportClean, 2)],
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().then(
    ({ text, targets }) => {
      console.log(text);
      console.log();
      for (const t of targets) console.log(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.detail}`);
    },
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
