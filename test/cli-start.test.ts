/**
 * The CLI's start through V8's code cache (server/src/boot/): the cache changes speed only.
 * Output through the cached loader is byte for byte that of the plain bundle; a corrupt,
 * foreign or stale cache file is ignored and replaced; a read-only dist and an unwritable cache
 * directory work. The spawned cases run dist/ (npm run build); the loader's parts run here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeCache, MAX_CACHE_FILES, pruneCacheDir, readCacheFile, shortHash, userCacheDir } from '../server/src/boot/code-cache';
import { codeCacheDir, commandOf } from '../server/src/boot/cli';
import { runCli } from './helpers/cli';

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const EXAMPLE = 'examples/安乐镇人民政府-2023.md';
const TRACE = /^XXGK-REPORT-CACHE \d+: (.*)$/;

const scratch = mkdtempSync(join(tmpdir(), 'xxgk-start-'));
test.after(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
  /** What the cache did, one line per event (NODE_DEBUG=xxgk-report-cache), without the pid. */
  trace: string[];
}

/** The program in a child process; `cache` is XXGK_REPORT_CODE_CACHE (a directory or 'off'). */
function cli(args: string[], cache: string, program = join(DIST, 'cli.js')): Run {
  const env = { ...process.env, XXGK_REPORT_CODE_CACHE: cache, NODE_DEBUG: 'xxgk-report-cache' };
  const r = spawnSync(process.execPath, [program, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  const lines = r.stderr.split(/(?<=\n)/);
  return {
    code: r.status,
    out: r.stdout,
    err: lines.filter((l) => !TRACE.test(l.trimEnd())).join(''),
    trace: lines.map((l) => TRACE.exec(l.trimEnd())?.[1]).filter((l) => l !== undefined),
  };
}

function same(a: Run, b: Run, what: string): void {
  assert.equal(a.code, b.code, `${what}: exit code`);
  assert.equal(a.out, b.out, `${what}: stdout`);
  assert.equal(a.err, b.err, `${what}: stderr`);
}

/** The one cache file of `bundle` for `command` in `dir`. */
function cacheFileOf(dir: string, bundle: string, command: string): string {
  const files = readdirSync(dir).filter((f) => f.startsWith(`${bundle}-${command}-`) && f.endsWith('.v8cache'));
  assert.equal(files.length, 1, `one cache file for ${bundle} ${command}: ${readdirSync(dir).join(', ')}`);
  return join(dir, files[0]);
}

const CHECK = ['check', EXAMPLE, '--no-color'];

test('a check through the cache prints what the plain bundle prints: first run, cached run, no cache, dist/cli-main.js', () => {
  const dir = join(scratch, 'identical');
  const plain = cli(CHECK, 'off', join(DIST, 'cli-main.js'));
  assert.equal(plain.code, 1, 'the example keeps its errors');
  assert.match(plain.out, /检查了 1 份年报：8 个错误，4 个警告/);
  const first = cli(CHECK, dir);
  assert.deepEqual(
    first.trace.map((t) => t.replace(/ .*/, '')),
    ['miss', 'wrote'],
  );
  const cached = cli(CHECK, dir);
  assert.deepEqual(
    cached.trace.map((t) => t.replace(/ .*/, '')),
    ['hit'],
  );
  const off = cli(CHECK, 'off');
  assert.deepEqual(off.trace, []);
  same(first, plain, 'first run');
  same(cached, plain, 'cached run');
  same(off, plain, 'without cache');
  // One file per command, holding what that command compiled.
  const file = readCacheFile(cacheFileOf(dir, 'cli-main', 'check'));
  assert.ok(file && file.data.length > 100_000, 'the check compiled much of the bundle');
  assert.equal(file.header.node, process.version);
});

test('a Word export through the cache writes the same bytes (the export bundle is cached too)', () => {
  const dir = join(scratch, 'export');
  const bytes = (cache: string, program?: string): Buffer => {
    const out = join(scratch, `export-${cache === 'off' ? 'off' : 'on'}.docx`);
    const r = cli(['export', EXAMPLE, '--to', 'docx', '-o', out, '--force'], cache, program);
    assert.equal(r.code, 0, r.err);
    return readFileSync(out);
  };
  const plain = bytes('off', join(DIST, 'cli-main.js'));
  assert.deepEqual(bytes(dir), plain);
  assert.ok(existsSync(cacheFileOf(dir, 'export', 'export')), 'dist/export.js has its cache');
  const again = cli(['export', EXAMPLE, '--to', 'docx', '-o', join(scratch, 'export-again.docx'), '--force'], dir);
  assert.deepEqual(
    again.trace.map((t) => t.replace(/ .*/, '')),
    ['hit', 'hit'],
  );
  assert.deepEqual(readFileSync(join(scratch, 'export-again.docx')), plain);
});

test('the bundles are ASCII, and the built CLI finds on every fixture what the sources find', async () => {
  // build.mjs turns the Chinese characters esbuild leaves in regular expressions into \u escapes:
  // the rules must match exactly as they do from the sources.
  for (const f of readdirSync(DIST).filter((f) => f.endsWith('.js')))
    assert.doesNotMatch(readFileSync(join(DIST, f), 'latin1'), /[\u0080-\uffff]/, `${f} is ASCII`);
  const args = ['check', 'examples', 'test/fixtures', '--format', 'json'];
  const built = cli(args, 'off');
  const sources = await runCli(args, ROOT);
  assert.equal(built.code, sources.code);
  assert.equal(built.out, sources.out);
  assert.ok(JSON.parse(built.out).length > 20, 'every fixture checked');
});

test("a corrupt, truncated, foreign or someone else's cache file is ignored and replaced; the output does not change", () => {
  const dir = join(scratch, 'corrupt');
  const plain = cli(CHECK, 'off');
  cli(CHECK, dir);
  const file = cacheFileOf(dir, 'cli-main', 'check');
  const good = readFileSync(file);

  // One bit flipped in the bytecode: the header still matches, V8's checksum does not.
  const flipped = Buffer.from(good);
  flipped[flipped.length - 5000] ^= 0x10;
  writeFileSync(file, flipped);
  const r1 = cli(CHECK, dir);
  same(r1, plain, 'bit flipped');
  assert.match(r1.trace[0], /^rejected /);
  assert.deepEqual(
    cli(CHECK, dir).trace.map((t) => t.replace(/ .*/, '')),
    ['hit'],
    'replaced by a good one',
  );

  // A file someone else could have written: not used, replaced by one of ours.
  for (const [what, spoil] of [
    ['writable by others', () => chmodSync(file, 0o666)],
    ['owned by another user', () => chownSync(file, 65534, 65534)],
  ] as const) {
    if (what === 'owned by another user' && process.getuid?.() !== 0) continue; // only root can give a file away
    spoil();
    const r = cli(CHECK, dir);
    same(r, plain, what);
    assert.deepEqual(
      r.trace.map((t) => t.replace(/ .*/, '')),
      ['miss', 'wrote'],
      what,
    );
    const st = statSync(file);
    assert.equal(st.mode & 0o077, 0, `${what}: rewritten for this user only`);
    assert.equal(st.uid, process.getuid?.());
  }

  for (const [what, bytes] of [
    ['truncated', good.subarray(0, good.length >> 1)],
    ['garbage', Buffer.from('\x00\xffnot a cache at all\n{"x":1}\n'.repeat(1000), 'latin1')],
    ['empty', Buffer.alloc(0)],
    ['foreign', readFileSync(cacheFileOf(join(scratch, 'export'), 'export', 'export'))],
  ] as const) {
    writeFileSync(file, bytes);
    const r = cli(CHECK, dir);
    same(r, plain, what);
    assert.match(r.trace.at(-1) ?? '', /^wrote /, `${what}: replaced`);
    assert.ok(readCacheFile(file)?.header.bundle === 'cli-main.js', `${what}: a good file now`);
  }
});

test('bytecode V8 keeps rejecting under a matching header: the cache is left off for that setup', () => {
  const dir = join(scratch, 'give-up');
  const plain = cli(CHECK, 'off');
  cli(CHECK, dir);
  const file = cacheFileOf(dir, 'cli-main', 'check');
  const found = readCacheFile(file)!;
  // As if written after one rejection already: the bytecode is junk V8 rejects again.
  const header = { ...found.header, rejections: 1 };
  writeFileSync(file, Buffer.concat([Buffer.from(`xxgk-report code cache 1\n${JSON.stringify(header)}\n`), Buffer.alloc(4096, 7)]));
  const r = cli(CHECK, dir);
  same(r, plain, 'second rejection');
  const marker = readCacheFile(file)!;
  assert.equal(marker.header.rejections, 2);
  assert.equal(marker.data.length, 0, 'no bytecode kept');
  const after = cli(CHECK, dir);
  same(after, plain, 'cache off');
  assert.deepEqual(
    after.trace.map((t) => t.replace(/ .*/, '')),
    ['off'],
  );
});

test('a read-only dist works, a changed bundle gets a new cache, an unwritable cache directory costs only the cache', () => {
  const dist = join(scratch, 'ro', 'dist');
  cpSync(DIST, dist, { recursive: true });
  const before = readdirSync(dist).sort();
  const plain = cli(CHECK, 'off', join(dist, 'cli-main.js'));
  const dir = join(scratch, 'ro-cache');
  try {
    for (const f of readdirSync(dist)) chmodSync(join(dist, f), 0o444);
    chmodSync(dist, 0o555);
    same(cli(CHECK, dir, join(dist, 'cli.js')), plain, 'read-only dist, first run');
    same(cli(CHECK, dir, join(dist, 'cli.js')), plain, 'read-only dist, cached');
    assert.deepEqual(readdirSync(dist).sort(), before, 'nothing written into dist');
    assert.deepEqual(
      cli(CHECK, dir, join(dist, 'cli.js')).trace.map((t) => t.replace(/ .*/, '')),
      ['hit'],
    );

    // The same build, its bundle file touched (edited in place, copied without times): a new cache.
    chmodSync(dist, 0o755);
    const main = join(dist, 'cli-main.js');
    const t = statSync(main).mtime;
    utimesSync(main, t, new Date(t.getTime() + 60_000));
    const touched = cli(CHECK, dir, join(dist, 'cli.js'));
    same(touched, plain, 'bundle touched');
    assert.match(touched.trace[0], /^stale /);
  } finally {
    chmodSync(dist, 0o755);
  }

  // A cache "directory" below a regular file can never be made, even by root.
  const blocked = join(scratch, 'a-file');
  writeFileSync(blocked, 'x');
  const r = cli(CHECK, join(blocked, 'cache'), join(dist, 'cli.js'));
  same(r, plain, 'cache directory not writable');
  assert.match(r.trace.join('\n'), /^not written .*ENOTDIR/m);
});

// ---------------------------------------------------------------------------
// The loader's parts, in this process

test('commandOf: the command after global options names the cache', () => {
  assert.equal(commandOf(['check', 'a.md']), 'check');
  assert.equal(commandOf(['--lang', 'en', '--format', 'json', 'export', 'a.md']), 'export');
  assert.equal(commandOf(['--config', 'c.json', '--no-color', 'fix', 'a.md']), 'fix');
  assert.equal(commandOf(['--', 'check']), 'check');
  assert.equal(commandOf(['-h']), 'none');
  assert.equal(commandOf([]), 'none');
  assert.equal(commandOf(['../../etc/passwd']), 'other');
  assert.equal(commandOf(['Check']), 'other');
});

test('cache directory: XXGK_REPORT_CODE_CACHE, else the platform convention', () => {
  assert.equal(codeCacheDir({ XXGK_REPORT_CODE_CACHE: 'off' }), undefined);
  assert.equal(codeCacheDir({ XXGK_REPORT_CODE_CACHE: '0' }), undefined);
  assert.equal(codeCacheDir({ XXGK_REPORT_CODE_CACHE: '/x/y' }), '/x/y');
  assert.equal(userCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux'), '/xdg/xxgk-report');
  // A relative XDG_CACHE_HOME is invalid by the spec: the default is used.
  assert.match(userCacheDir({ XDG_CACHE_HOME: 'rel' }, 'linux') ?? '', /\.cache[/\\]xxgk-report$/);
  assert.match(userCacheDir({}, 'darwin') ?? '', /Library[/\\]Caches[/\\]xxgk-report$/);
  assert.match(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32') ?? '', /xxgk-report[/\\]Cache$/);
  assert.equal(userCacheDir({}, 'win32'), undefined);
});

test('shortHash tells setups apart and is stable', () => {
  assert.equal(shortHash('a', 'b'), shortHash('a', 'b'));
  assert.notEqual(shortHash('ab'), shortHash('a', 'b'));
  assert.notEqual(shortHash('v20.1.0'), shortHash('v20.1.1'));
  assert.match(shortHash(''), /^[0-9a-f]{16}$/);
});

test('readCacheFile refuses what is not a cache file', () => {
  const dir = mkdtempSync(join(scratch, 'read-'));
  const f = join(dir, 'x.v8cache');
  assert.equal(readCacheFile(join(dir, 'missing')), undefined);
  for (const text of [
    '',
    'xxgk-report code cache 1',
    'xxgk-report code cache 1\nnot json\n',
    'other magic\n{"rejections":0}\n',
    'xxgk-report code cache 1\nnull\n',
  ]) {
    writeFileSync(f, text);
    assert.equal(readCacheFile(f), undefined, JSON.stringify(text));
  }
  writeFileSync(f, 'xxgk-report code cache 1\n{"rejections":0,"bundle":"b.js"}\nDATA');
  assert.equal(readCacheFile(f)?.data.toString(), 'DATA');
  assert.equal(readCacheFile(dir), undefined, 'a directory');
});

test('pruneCacheDir keeps the newest files and drops leftovers of interrupted writes', () => {
  const dir = mkdtempSync(join(scratch, 'prune-'));
  const now = Date.now() / 1000;
  for (let i = 0; i < MAX_CACHE_FILES + 6; i++) {
    const f = join(dir, `b-check-${i}.v8cache`);
    writeFileSync(f, '');
    utimesSync(f, now - i * 60, now - i * 60);
  }
  writeFileSync(join(dir, 'old.v8cache.1.x.tmp'), '');
  utimesSync(join(dir, 'old.v8cache.1.x.tmp'), now - 7200, now - 7200);
  writeFileSync(join(dir, 'new.v8cache.2.y.tmp'), '');
  writeFileSync(join(dir, 'notes.txt'), '');
  pruneCacheDir(dir, MAX_CACHE_FILES);
  const left = readdirSync(dir);
  assert.equal(left.filter((f) => f.endsWith('.v8cache')).length, MAX_CACHE_FILES);
  assert.ok(left.includes('b-check-0.v8cache') && !left.includes(`b-check-${MAX_CACHE_FILES}.v8cache`), 'the oldest went');
  assert.ok(!left.includes('old.v8cache.1.x.tmp') && left.includes('new.v8cache.2.y.tmp'), 'a write in progress stays');
  assert.ok(left.includes('notes.txt'), 'files not ours stay');
  pruneCacheDir(join(dir, 'missing'), 1);
});

test('CodeCache.load: exports, sibling bundles through the cache, true line numbers, a second run hits', () => {
  const dir = mkdtempSync(join(scratch, 'load-'));
  const bundles = join(dir, 'dist');
  const cacheDir = join(dir, 'cache');
  mkdirSync(bundles);
  const main = join(bundles, 'main.js');
  const side = join(bundles, 'side.js');
  writeFileSync(
    main,
    [
      '"use strict";',
      'const side = require("./side.js");',
      'const path = require("node:path");',
      'exports.twice = (n) => side.double(n);',
      'exports.where = () => { try { throw new Error("here"); } catch (e) { return e.stack.split("\\n")[1]; } };',
      'exports.dir = path.basename(__dirname);',
      'exports.same = require("./side.js") === side;',
      '',
    ].join('\n'),
  );
  writeFileSync(side, 'exports.double = (n) => 2 * n;\n');
  const ids = { 'main.js': 'm1', 'side.js': 's1' };
  const events: string[] = [];
  const open = () =>
    new CodeCache({ dir: cacheDir, buildIds: ids, variant: 'test', flags: '', trace: (m) => events.push(m.replace(/ .*/, '')) });

  const first = open();
  const m = first.load(main) as { twice(n: number): number; where(): string; dir: string; same: boolean };
  assert.equal(m.twice(21), 42);
  assert.equal(m.dir, 'dist');
  assert.ok(m.same, 'a sibling is loaded once');
  assert.match(m.where(), new RegExp(`${main.replace(/[\\.]/g, '\\$&')}:5:\\d+`), 'line 5 of the file, as under require');
  assert.equal(first.load(main), m, 'loaded once per process');
  assert.equal(require.cache[main]?.exports, m, 'in require.cache like any module');
  first.save();
  assert.deepEqual(events, ['miss', 'miss', 'wrote', 'wrote']);

  events.length = 0;
  delete require.cache[main];
  delete require.cache[side];
  const second = open();
  assert.equal((second.load(main) as typeof m).twice(2), 4);
  second.save();
  assert.deepEqual(events, ['hit', 'hit']);

  // No build id (or no directory): the bundle loads by require, and nothing is written.
  events.length = 0;
  const plain = join(bundles, 'plain.js');
  writeFileSync(plain, 'exports.ok = true;\n');
  const noId = open();
  assert.deepEqual(noId.load(plain), { ok: true });
  noId.save();
  assert.deepEqual(events, []);
  assert.equal(readdirSync(cacheDir).filter((f) => f.startsWith('plain')).length, 0);
});

test('CodeCache.load: a bundle that may call import() loads by require, and its import() works', async () => {
  const dir = mkdtempSync(join(scratch, 'import-'));
  writeFileSync(join(dir, 'value.mjs'), 'export const value = 42;\n');
  const file = join(dir, 'dynamic.js');
  writeFileSync(file, 'exports.load = () => import("./value.mjs").then((m) => m.value);\n');
  const events: string[] = [];
  const cache = new CodeCache({
    dir: join(dir, 'cache'),
    buildIds: { 'dynamic.js': 'd' },
    variant: 'test',
    flags: '',
    trace: (m) => events.push(m),
  });
  const m = cache.load(file) as { load(): Promise<number> };
  assert.equal(await m.load(), 42);
  cache.save();
  assert.deepEqual(events, ['skipped dynamic.js (it may call import())']);
});

test('CodeCache.load: an error in the bundle reaches the caller as from require, and is not cached as loaded', () => {
  const dir = mkdtempSync(join(scratch, 'throw-'));
  const file = join(dir, 'bad.js');
  writeFileSync(file, 'exports.before = 1;\nthrow new TypeError("at load");\n');
  const cache = new CodeCache({ dir: join(dir, 'cache'), buildIds: { 'bad.js': 'b' }, variant: 'test', flags: '' });
  assert.throws(() => cache.load(file), /TypeError: at load/);
  assert.equal(require.cache[file], undefined);
  const syntax = join(dir, 'syntax.js');
  writeFileSync(syntax, 'exports.x = ;\n');
  const cache2 = new CodeCache({ dir: join(dir, 'cache'), buildIds: { 'syntax.js': 's' }, variant: 'test', flags: '' });
  assert.throws(() => cache2.load(syntax), SyntaxError);
});
