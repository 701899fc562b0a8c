/**
 * What dist/cli.js (cli-entry.ts), the `xxgk-report` program, does: it starts the command-line checker (dist/cli-main.js,
 * built from server/src/cli.ts) through V8's code cache (code-cache.ts), so that a check of
 * one report does not spend its time compiling the bundles again.
 *
 * XXGK_REPORT_CODE_CACHE=off runs without the cache (as `node dist/cli-main.js` does); a path
 * puts the cache there instead of the user's cache directory. NODE_DEBUG=xxgk-report-cache
 * tells on stderr what the cache did.
 */
import { resolve, join } from 'node:path';
import { debuglog } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { CodeCache, userCacheDir } from './code-cache';
import type * as Cli from '../cli';

/** File name → build id of each bundle in dist/, put here by build.mjs; absent when run from the sources. */
declare const XXGK_BUILD_IDS: Record<string, string> | undefined;

/**
 * V8 flags for a process that lives a fraction of a second:
 * - --verify-snapshot-checksum: V8 writes a checksum into the code cache and checks it when
 *   reading one, so a corrupt file is rejected instead of crashing the process;
 * - --interrupt-budget (default 67 584): a check spends more CPU compiling optimised code on
 *   helper threads than that code wins back before the process ends; fifteen times the budget
 *   saves about a fifth of a check's CPU, and hot loops of long runs (many files, megabytes)
 *   are still optimised (measured no slower on a 1 MB report and on 40 reports).
 * - --regexp-tier-up-ticks (default 1): V8 compiles a regular expression to native code on its
 *   second run; most of a check's 130 expressions run a few times, on short strings, and the
 *   interpreter matches those for less than the compiling costs (3 % of a check's instructions).
 *   One that runs more than twenty times is compiled as before.
 */
const CLI_V8_FLAGS = ['--verify-snapshot-checksum', '--interrupt-budget=1000000', '--regexp-tier-up-ticks=20'];

/**
 * The command the arguments name, for the name of its cache: the first argument that is not
 * an option or the value of a global one (parseArgs in cli/args.ts decides what it really is;
 * a wrong guess here only files the cache under another name).
 */
export function commandOf(argv: readonly string[]): string {
  const named = (c: string | undefined): string => (c && /^[a-z][a-z0-9-]{0,31}$/.test(c) ? c : 'other');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return named(argv[i + 1]);
    if (a === '-' || !a.startsWith('-')) return named(a);
    if (a === '--format' || a === '--lang' || a === '--config') i++;
  }
  return 'none';
}

/** Where the cache goes: off, the path XXGK_REPORT_CODE_CACHE names, or the user's cache directory. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.XXGK_REPORT_CODE_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  return setting ? resolve(setting) : userCacheDir(env);
}

/** Sets the flags, loads the CLI through the cache, runs the command and, after it, writes the caches it missed. */
/**
 * Node's built-in modules come with compiled code made under V8's default flags; once the flags
 * above are set, V8 rejects it, and every built-in loaded afterwards is compiled from its source
 * (crypto took twice as long). So what the commands are sure to need is loaded first: the
 * standard streams (a file, a pipe or a terminal; every command writes), and for the commands
 * that write packages or digests, zlib and crypto.
 */
function loadBuiltinsFirst(command: string): void {
  void process.stdout;
  void process.stderr;
  if (command === 'export' || command === 'review' || command === 'import' || command === 'tally') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded for their compiled code, used later
    for (const id of ['node:crypto', 'node:zlib']) require(id);
  }
}

export function startCli(): void {
  const command = commandOf(process.argv.slice(2));
  loadBuiltinsFirst(command);
  for (const flag of CLI_V8_FLAGS) setFlagsFromString(flag);
  const trace = debuglog('xxgk-report-cache');
  const cache = new CodeCache({
    dir: codeCacheDir(),
    buildIds: typeof XXGK_BUILD_IDS === 'object' ? XXGK_BUILD_IDS : {},
    variant: command,
    // Flags given to Node itself also change what V8 accepts: a cache per setup.
    flags: [...CLI_V8_FLAGS, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '),
    trace: trace.enabled ? (m) => trace('%s', m) : undefined,
  });
  const cli = cache.load(join(__dirname, 'cli-main.js')) as typeof Cli;
  // After the run, so that the cache holds every function it compiled; not after a usage
  // error or a crash (exit 2), whose run compiled too little to be worth keeping.
  process.once('beforeExit', (code) => {
    if (code === 0 || code === 1) cache.save();
    // Nothing is pending when beforeExit comes (every write has been flushed): exit now, and
    // spare a one-shot command the orderly teardown of its heap (a few milliseconds of a check).
    process.exit();
  });
  cli.runAsProgram(process.argv.slice(2));
}
