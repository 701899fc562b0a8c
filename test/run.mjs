/**
 * The unit test runner: `node test/run.mjs <test files>` bundles each test file with the
 * sources it imports (esbuild, packages left to require) into .cache/test-build/<pid>/ and runs the
 * bundles with node:test, two at a time. Why: under `--import tsx` each of the ~70 test
 * processes resolves and loads a few hundred TypeScript modules through tsx's loader hooks,
 * about half a second of CPU a file before any test runs; a bundle loads in a tenth of that.
 *
 * The bundles behave as the sources under tsx: every module keeps its own __dirname,
 * __filename and import.meta.url (fixtures, dist/ and the rule pages are found where they
 * are); worker threads load bundles of the review worker and the io module made from the
 * sources in the same run (see WORKERS). A file listed in TSX_FILES runs from its sources
 * under tsx as before, workers included (it loads TypeScript by a computed path at run time). `npm run test:run-tsx` runs everything
 * the old way (coverage does).
 *
 * Failures point into the bundle; NODE_OPTIONS=--enable-source-maps maps them to the sources.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '..');
/** This run's bundles (runs at once do not share them), removed when the tests end. */
const OUT = join(ROOT, '.cache', 'test-build', String(process.pid));
const PRELOAD = pathToFileURL(join(ROOT, 'test', 'preload.mjs')).href;
/**
 * Test files that load TypeScript by a computed path at run time, which a bundle cannot follow:
 * the table editor's page script, and the rule modules found by scripts/generate.ts.
 */
const TSX_FILES = new Set([
  'test/client/table-editor-page.test.ts',
  'test/client/table-editor-keys.test.ts',
  'test/core/architecture.test.ts',
  'test/editing/template.test.ts',
  'test/review/config.test.ts',
]);

/**
 * The worker threads' code, bundled from the sources in this run as build.mjs bundles it for
 * dist/: dist/review-worker.js and dist/io.js. The modules that pick a worker's file (the
 * review pool, the io loader) are told they sit beside these bundles, as they do in dist/, so
 * a worker loads one bundle instead of a few hundred sources through tsx.
 */
const WORKERS = join(OUT, 'workers');
const WORKER_BUNDLES = { 'review-worker': 'server/src/review/worker.ts', io: 'server/src/io/index.ts' };
const WORKER_LOADERS = new Set([join(ROOT, 'server/src/review/pool.ts'), join(ROOT, 'server/src/io/loader.ts')]);

/** What Node gives a module about its own file; in a bundle it would be the bundle's. */
const LOCATION = /\b__dirname\b|\b__filename\b|import\.meta\.url|require\.main === module/;

/** Our TypeScript files that use LOCATION (found once here: a plugin call per file is slow). */
function filesUsingLocation() {
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'vscode') walk(p);
      } else if (/\.[cm]?ts$/.test(e.name) && LOCATION.test(readFileSync(p, 'utf8'))) found.push(p);
    }
  };
  for (const dir of ['server', 'client', 'test', 'scripts']) walk(join(ROOT, dir));
  return found;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each module keeps its own location, as when Node loads it from its file. */
const ownLocation = {
  name: 'own-location',
  setup(b) {
    const filter = new RegExp(`^(?:${filesUsingLocation().map(escape).join('|')})$`);
    b.onLoad({ filter }, (args) => {
      let text = readFileSync(args.path, 'utf8');
      const decl = [];
      const file = WORKER_LOADERS.has(args.path) ? join(WORKERS, basename(args.path).replace(/\.ts$/, '.js')) : args.path;
      if (/\b__dirname\b/.test(text)) decl.push(`var __dirname = ${JSON.stringify(dirname(file))};`);
      if (/\b__filename\b/.test(text)) decl.push(`var __filename = ${JSON.stringify(file)};`);
      text = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      // In a bundle every module would be the main module; the CLI must not start in a test.
      text = text.replaceAll('require.main === module', 'false');
      // On the first line, so that the source map's lines stay those of the file.
      return { contents: decl.join(' ') + text, loader: 'ts' };
    });
  },
};

/**
 * Packages stay require()s of node_modules, except jsonc-parser's lib/esm, whose imports name
 * no file extension: it is bundled, as build.mjs does. pdf.js's .mjs builds are required as ES
 * modules where Node does that (20.19 on); before, they are bundled too, at some 3 MB a test
 * file that reads PDFs.
 */
const BUNDLED_PACKAGES = process.features.require_module ? /^jsonc-parser\// : /^(?:jsonc-parser|pdfjs-dist)\//;
const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const bundledPackages = {
  name: 'bundled-packages',
  setup(b) {
    b.onResolve({ filter: BUNDLED_PACKAGES }, (args) => ({ path: requireFromRoot.resolve(args.path) }));
  },
};

/**
 * The files that take longest start first (CPU seconds measured a file, most first), so that
 * the run does not end on one long file while the other core idles.
 */
const LONGEST_FIRST = [
  'test/io/roundtrip.test.ts',
  'test/review/review.test.ts',
  'test/cli-start.test.ts',
  'test/server-robustness.test.ts',
  'test/io/export-cli.test.ts',
  'test/review/options.test.ts',
  'test/fuzz.test.ts',
  'test/io/export-keep.test.ts',
  'test/core/real-variants.test.ts',
  'test/core/content-rules.test.ts',
  'test/review/bundle.test.ts',
  'test/server/import.test.ts',
];
const rank = (f) => (LONGEST_FIRST.includes(f) ? LONGEST_FIRST.indexOf(f) : LONGEST_FIRST.length);

const files = process.argv.slice(2).map((f) => relative(ROOT, resolve(f)));

/**
 * Files that change what every test of their process sees: the working directory, or hooks at
 * the top level (node:test runs them around every test of the process, not of the file).
 * They run alone; the others run several to a process (GROUP_SIZE), so that the sources they
 * share (the core, the service, remark) load and warm up once a process, not once a file.
 */
const ALONE = /\bprocess\.chdir\(|^(?:before|after|beforeEach|afterEach)\(/m;
const GROUP_SIZE = 14;
const alone = (f) => TSX_FILES.has(f) || ALONE.test(readFileSync(join(ROOT, f), 'utf8'));
const ordered = files
  .map((f, i) => ({ f, i }))
  .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
  .map(({ f }) => f);
const single = ordered.filter(alone);
const grouped = ordered.filter((f) => !alone(f));
// Round robin, longest first, so that the long files spread over the groups.
const groupCount = Math.ceil(grouped.length / GROUP_SIZE);
const groups = Array.from({ length: groupCount }, () => []);
grouped.forEach((f, i) => groups[i % groupCount].push(f));
const GROUPS = join(ROOT, '.cache', 'test-build', `groups-${process.pid}`);
mkdirSync(GROUPS, { recursive: true });
const groupEntries = groups.map((g, k) => {
  const entry = join(GROUPS, `group-${k}.test.ts`);
  writeFileSync(entry, g.map((f) => `import ${JSON.stringify(join(ROOT, f))};\n`).join(''));
  return entry;
});
const bundled = single.filter((f) => !TSX_FILES.has(f));
const common = {
  outbase: ROOT,
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [bundledPackages, ownLocation],
};
await Promise.all([
  build({ ...common, entryPoints: [...bundled, ...groupEntries], outdir: OUT }),
  build({ ...common, entryPoints: WORKER_BUNDLES, outdir: WORKERS }),
]);
const runs = [
  ...groupEntries.map((e) => join(OUT, relative(ROOT, e).replace(/\.ts$/, '.js'))),
  ...single.map((f) => (TSX_FILES.has(f) ? f : join(OUT, f.replace(/\.ts$/, '.js')))),
];
const child = spawn(process.execPath, ['--import', PRELOAD, '--test', '--test-concurrency=2', '--test-reporter=spec', ...runs], {
  cwd: ROOT,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(GROUPS, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
