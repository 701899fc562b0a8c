/**
 * Loads a bundle of dist/ the way require() does, but compiled with V8's code cache: the
 * bytecode of every function the previous run of the same command compiled, so a short
 * command neither parses the bundle nor compiles its functions again.
 *
 * Safety: the cache only ever changes speed.
 * - A cache file names what it was made for (bundle, its build id, size and mtime, the Node
 *   version, architecture, V8 flags and command); any difference and it is ignored and replaced.
 * - V8 checks its own version, the flags and the source length, and, with
 *   --verify-snapshot-checksum (set when a CodeCache is made), a checksum of the bytecode: a
 *   corrupt file is rejected by V8 instead of crashing it. A file V8 rejected is
 *   replaced; one rejected again while everything matched is kept as a marker that this
 *   setup does not take a cache (no rewrite on every run).
 * - Only files this user wrote and no one else can change are read (bytecode is code).
 * - Files are written whole under a temporary name and renamed; any error reading, writing or
 *   making the directory leaves the command running without a cache.
 * - The files live in a per-user cache directory, never beside the bundles: a read-only
 *   install works, and a cache made by one Node version never reaches another.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { Module, createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** First line of every cache file; a new layout gets a new magic. */
const MAGIC = 'xxgk-report code cache 1';
/** Cache files kept per directory (each command of each build and Node version has one); the oldest go first. */
export const MAX_CACHE_FILES = 24;
/** A header that matched but whose bytecode V8 rejected this many times: the setup does not take a cache. */
const REJECTIONS_BEFORE_GIVING_UP = 2;
/** A cache file larger than this is not one of ours (the CLI's is about 1 MB): it is not read. */
const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;

export interface CodeCacheOptions {
  /** The directory of the cache files; undefined: load without a cache (as require does). */
  dir: string | undefined;
  /** Build id of each bundle by file name (build.mjs): a bundle without one is loaded by require. */
  buildIds: Readonly<Record<string, string>>;
  /** What the process does (the CLI command): each gets its own cache, holding what it compiles. */
  variant: string;
  /** V8 flags the caller set: part of what a cache was made for. */
  flags: string;
  /** Where hits, misses and writes are told (NODE_DEBUG=xxgk-report-cache). */
  trace?: (message: string) => void;
}

/** What a cache file must say it was made for, field by field. */
interface CacheKey {
  bundle: string;
  build: string;
  size: number;
  mtimeMs: number;
  node: string;
  arch: string;
  flags: string;
  variant: string;
}

interface CacheHeader extends CacheKey {
  /** Times V8 rejected bytecode written under this very key. */
  rejections: number;
}

/** A bundle loaded in this process whose cache is to be written after the run. */
interface PendingWrite {
  script: Script;
  file: string;
  header: CacheHeader;
  /** Only a header, no bytecode: V8 kept rejecting it. */
  giveUp: boolean;
}

/** The directory for per-user caches, by the platform's convention; undefined when there is no home. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'xxgk-report', 'Cache') : undefined;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (platform === 'darwin') return home ? join(home, 'Library', 'Caches', 'xxgk-report') : undefined;
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : home ? join(home, '.cache') : undefined;
  return base ? join(base, 'xxgk-report') : undefined;
}

/** A short stable hash of a few strings (FNV-1a, 2 × 32 bits): it only tells setups apart in file names. */
export function shortHash(...parts: string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xff, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * Bytecode is code: a cache file is used only if this user wrote it and no one else can change
 * it, so that a cache directory others can write to (XXGK_REPORT_CODE_CACHE=/tmp/…) cannot
 * slip code into someone's run. Where there are no owners (Windows), the directory's rights decide.
 */
function ownFile(stat: { uid: number; mode: number }): boolean {
  const uid = process.getuid?.();
  return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
}

/** The header and bytecode of a cache file, or undefined for anything that is not one (missing, garbage, truncated). */
export function readCacheFile(path: string): { header: CacheHeader; data: Buffer } | undefined {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const stat = fstatSync(fd);
      if (stat.size > MAX_CACHE_FILE_BYTES || !ownFile(stat)) return undefined;
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const first = bytes.indexOf(10);
  const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
  if (second < 0 || bytes.toString('latin1', 0, first) !== MAGIC) return undefined;
  try {
    const header = JSON.parse(bytes.toString('utf8', first + 1, second)) as CacheHeader;
    if (typeof header !== 'object' || header === null || typeof header.rejections !== 'number') return undefined;
    return { header, data: bytes.subarray(second + 1) };
  } catch {
    return undefined;
  }
}

function sameKey(a: CacheKey, b: CacheKey): boolean {
  return (
    a.bundle === b.bundle &&
    a.build === b.build &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.node === b.node &&
    a.arch === b.arch &&
    a.flags === b.flags &&
    a.variant === b.variant
  );
}

/** The source as a function of the CommonJS wrapper, on its own first line so that line numbers stay those of the file. */
function wrap(source: string): string {
  // A hashbang is only valid at the very start of a script; as a comment it keeps the offsets.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  return `(function (exports, require, module, __filename, __dirname) {\n${body}\n})`;
}

export class CodeCache {
  private readonly pending: PendingWrite[] = [];
  private readonly loaded = new Map<string, unknown>();

  constructor(private readonly options: CodeCacheOptions) {
    // Without it V8 trusts the bytes it is given: one flipped bit can crash the process.
    setFlagsFromString('--verify-snapshot-checksum');
  }

  /** The exports of the bundle at `file`, compiled with its cache when there is one. */
  load(file: string): unknown {
    const done = this.loaded.get(file);
    if (done !== undefined) return done;
    const exports = this.compileAndRun(file);
    this.loaded.set(file, exports);
    return exports;
  }

  /** Writes the caches of the bundles that had none or a rejected one; errors only cost the cache. */
  save(): void {
    const { dir } = this.options;
    if (!dir || !this.pending.length) return;
    for (const p of this.pending.splice(0)) {
      try {
        mkdirSync(dir, { recursive: true });
        const data = p.giveUp ? Buffer.alloc(0) : p.script.createCachedData();
        const json = JSON.stringify(p.header);
        // The bytecode starts at a multiple of 8 bytes (spaces after the JSON pad the header):
        // V8 copies cached data that is not aligned before reading it.
        const unpadded = Buffer.byteLength(`${MAGIC}\n${json}\n`, 'utf8');
        const head = Buffer.from(`${MAGIC}\n${json}${' '.repeat((8 - (unpadded % 8)) % 8)}\n`, 'utf8');
        const temp = `${p.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        try {
          writeFileSync(temp, Buffer.concat([head, data]), { mode: 0o600 });
          renameSync(temp, p.file);
        } catch (e) {
          try {
            unlinkSync(temp);
          } catch {
            // never written
          }
          throw e;
        }
        this.trace(`wrote ${basename(p.file)} (${data.length} bytes)`);
      } catch (e) {
        this.trace(`not written ${basename(p.file)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    pruneCacheDir(dir, MAX_CACHE_FILES);
  }

  private trace(message: string): void {
    this.options.trace?.(message);
  }

  private compileAndRun(file: string): unknown {
    const name = basename(file);
    const build = this.options.buildIds[name];
    const localRequire = createRequire(file);
    // The bundles' own requires of each other (./io.js, ./register.js…) go through the cache too.
    const bundleRequire = Object.assign((id: string): unknown => {
      const sibling = /^\.\/([\w.-]+\.js)$/.exec(id)?.[1];
      return sibling && this.options.buildIds[sibling] ? this.load(join(dirname(file), sibling)) : localRequire(id);
    }, localRequire);
    if (!build || !this.options.dir) return localRequire(file);

    const fd = openSync(file, 'r');
    let source: string;
    let stat;
    try {
      stat = fstatSync(fd);
      source = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
    // import() in a vm script needs a loader option that Node 20 still calls experimental (and
    // warns about on stderr): a bundle that may use it loads by require, without a cache.
    if (source.includes('import(')) {
      this.trace(`skipped ${name} (it may call import())`);
      return localRequire(file);
    }
    const key: CacheKey = {
      bundle: name,
      build,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      node: process.version,
      arch: process.arch,
      flags: this.options.flags,
      variant: this.options.variant,
    };
    const cacheFile = join(
      this.options.dir,
      `${name.replace(/\.js$/, '')}-${this.options.variant}-${shortHash(build, process.version, process.arch, this.options.flags)}.v8cache`,
    );
    const found = readCacheFile(cacheFile);
    const matching = found && sameKey(found.header, key) ? found : undefined;
    if (matching && matching.header.rejections >= REJECTIONS_BEFORE_GIVING_UP) {
      this.trace(`off ${basename(cacheFile)} (V8 rejected it ${matching.header.rejections} times)`);
      return this.run(this.compile(file, source, undefined), file, localRequire, bundleRequire);
    }
    const script = this.compile(file, source, matching?.data);
    const rejected = matching !== undefined && script.cachedDataRejected === true;
    if (matching && !rejected) this.trace(`hit ${basename(cacheFile)}`);
    else {
      this.trace(`${rejected ? 'rejected' : found ? 'stale' : 'miss'} ${basename(cacheFile)}`);
      const rejections = rejected ? matching.header.rejections + 1 : 0;
      this.pending.push({ script, file: cacheFile, header: { ...key, rejections }, giveUp: rejections >= REJECTIONS_BEFORE_GIVING_UP });
    }
    return this.run(script, file, localRequire, bundleRequire);
  }

  private compile(file: string, source: string, cachedData: Buffer | undefined): Script {
    const options = { filename: file, lineOffset: -1 };
    if (!cachedData) return new Script(wrap(source), options);
    try {
      return new Script(wrap(source), { ...options, cachedData });
    } catch {
      // Whatever went wrong with the cache, the source alone decides (a syntax error throws from here as from require).
      return new Script(wrap(source), options);
    }
  }

  /** Runs the compiled bundle as require would: its own module object, in require.cache under its file name. */
  private run(script: Script, file: string, localRequire: NodeJS.Require, bundleRequire: NodeJS.Require): unknown {
    const mod = new Module(file, require.main);
    mod.filename = file;
    mod.paths = localRequire.resolve.paths('x') ?? [];
    localRequire.cache[file] = mod;
    try {
      const fn = script.runInThisContext() as (...args: unknown[]) => void;
      fn.call(mod.exports, mod.exports, bundleRequire, mod, file, dirname(file));
    } catch (e) {
      delete localRequire.cache[file];
      throw e;
    }
    mod.loaded = true;
    return mod.exports;
  }
}

/** Keeps the newest `keep` cache files of the directory; leftovers of interrupted writes older than an hour go too. */
export function pruneCacheDir(dir: string, keep: number): void {
  try {
    const now = Date.now();
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.v8cache') || f.endsWith('.tmp'))
      .map((f) => {
        try {
          return { path: join(dir, f), temp: f.endsWith('.tmp'), mtime: statSync(join(dir, f)).mtimeMs };
        } catch {
          return undefined;
        }
      })
      .filter((f) => f !== undefined);
    const stale = files.filter((f) => f.temp && now - f.mtime > 3600_000);
    const caches = files.filter((f) => !f.temp).sort((a, b) => b.mtime - a.mtime);
    for (const f of [...stale, ...caches.slice(keep)]) {
      try {
        unlinkSync(f.path);
      } catch {
        // another process pruned it first
      }
    }
  } catch {
    // no directory, or not readable: nothing to prune
  }
}
