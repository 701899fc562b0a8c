/**
 * Where a cold CLI run spends its time: the command run N times as new processes under V8's
 * sampling profiler (--cpu-prof), the samples mapped through the bundles' source maps to source
 * files and functions, then self and inclusive time per function and per module, averaged per run.
 *
 *   XXGK_SOURCEMAP=1 npm run build      # bundles with source maps (a plain build removes them)
 *   node --import tsx bench/start-profile.ts [--runs 10] [--top 25] [--no-cache] -- check examples/安乐镇人民政府-2023.md
 *
 * The code cache is filled by one run first (a separate directory), as a user's would be;
 * --no-cache profiles the start without it. The profiler itself slows a run down, most where
 * many small functions run (the interpreter): compare shares, not absolute times.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface Place {
  fn: string;
  module: string;
}

const ROOT = join(__dirname, '..');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Names a sample's frame by its source file and function, through the bundle's source map when there is one. */
function placer(): (frame: CallFrame) => Place {
  const maps = new Map<string, SourceMap | undefined>();
  const mapOf = (url: string): SourceMap | undefined => {
    if (!maps.has(url)) {
      let map: SourceMap | undefined;
      try {
        const file = url.startsWith('file:') ? fileURLToPath(url) : url;
        if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as never);
      } catch {
        map = undefined;
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const short = (path: string) => path.replace(/^.*?\/(node_modules|server\/src)\//, '$1/');
  return (frame) => {
    const found = frame.lineNumber >= 0 ? mapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) : undefined;
    // The map names the function at its start: the bundle's own names are minified.
    const entry = found && 'originalSource' in found ? (found as SourceMapping & { name?: string }) : undefined;
    if (entry?.originalSource) {
      const module = short(entry.originalSource);
      return { module, fn: `${entry.name ?? (frame.functionName || '(anonymous)')} ${module}:${entry.originalLine + 1}` };
    }
    const module = frame.url ? short(frame.url.replace(/^file:\/\//, '')) : `(${frame.functionName || 'program'})`;
    return { module, fn: `${frame.functionName || '(anonymous)'} ${module}:${frame.lineNumber + 1}` };
  };
}

function aggregate(files: string[]): { total: number; tables: Record<string, Map<string, number>> } {
  const place = placer();
  const tables = {
    'self by module': new Map(),
    'inclusive by module': new Map(),
    'self by function': new Map(),
    'inclusive by function': new Map(),
  };
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v / files.length);
  let total = 0;
  for (const f of files) {
    const profile = JSON.parse(readFileSync(f, 'utf8')) as Profile;
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const places = new Map(profile.nodes.map((n) => [n.id, place(n.callFrame)]));
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      total += ms / files.length;
      const own = places.get(id)!;
      add(tables['self by function'], own.fn, ms);
      add(tables['self by module'], own.module, ms);
      // Inclusive: each function and module once per sample, however often it recurses.
      const fns = new Set<string>();
      const modules = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        fns.add(places.get(at)!.fn);
        modules.add(places.get(at)!.module);
      }
      for (const fn of fns) add(tables['inclusive by function'], fn, ms);
      for (const m of modules) add(tables['inclusive by module'], m, ms);
    });
  }
  return { total, tables };
}

function main(): void {
  const dash = process.argv.indexOf('--');
  const command = dash > 0 ? process.argv.slice(dash + 1) : ['check', join(ROOT, 'examples', '安乐镇人民政府-2023.md')];
  const runs = option('--runs', 10);
  const top = option('--top', 25);
  if (!readdirSync(join(ROOT, 'dist')).some((f) => f.endsWith('.js.map')))
    console.warn('dist/ has no source maps: build with XXGK_SOURCEMAP=1 npm run build to see source files and functions.');
  const scratch = mkdtempSync(join(tmpdir(), 'xxgk-start-profile-'));
  try {
    const env = { ...process.env, XXGK_REPORT_CODE_CACHE: process.argv.includes('--no-cache') ? 'off' : join(scratch, 'cache') };
    const cli = join(ROOT, 'dist', 'cli.js');
    spawnSync(process.execPath, [cli, ...command], { env, stdio: 'ignore' });
    const dir = join(scratch, 'profiles');
    for (let i = 0; i < runs; i++)
      spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250', cli, ...command], {
        env,
        stdio: 'ignore',
      });
    const { total, tables } = aggregate(readdirSync(dir).map((f) => join(dir, f)));
    console.log(`xxgk-report ${command.join(' ')}: ${runs} runs, ${total.toFixed(1)} ms sampled per run (the profiler slows the run down)`);
    for (const [title, table] of Object.entries(tables)) {
      console.log(`\n${title} (ms per run):`);
      for (const [k, v] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
