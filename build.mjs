// Bundles the client, the server (also runnable alone: node dist/server.js --stdio) and the CLI.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

/**
 * A require() of the module `source` stays a require of ./`bundle` beside the bundle that makes
 * it, loaded on first use; an import of the same module is bundled as usual.
 */
function requireApart(source, bundle) {
  const target = resolve(source);
  const last = source.split('/').pop();
  return {
    name: `${bundle}-apart`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`(^|/)${last}$`) }, (args) =>
        args.kind === 'require-call' && resolve(args.resolveDir, args.path) === target
          ? { path: `./${bundle}`, external: true }
          : undefined,
      );
    },
  };
}
/** The server's core-loader.ts: the analysis core, loaded after initialize is answered. */
const coreApart = requireApart('server/src/core/index', 'core.js');
/** io/loader.ts, service/io.ts: import and export (Word, HTML, PDF). */
const ioApart = requireApart('server/src/io/index', 'io.js');
/** service/export.ts: the writers alone, on the first export. */
const exportApart = requireApart('server/src/io/export-bundle', 'export.js');
/** The PDF reader (in the io bundle): pdf.js, on the first PDF. */
const pdfjsApart = requireApart('server/src/io/pdf/pdfjs-bundle', 'pdfjs.js');
/** service/register.ts: the request register readers. */
const registerApart = requireApart('server/src/io/register-read', 'register.js');
/** review/loader.ts: `review`, on first use. */
const reviewApart = requireApart('server/src/review/index', 'review.js');
/**
 * exceljs's archiver 5 uses archiver-utils 2, which still calls `new Buffer(x)`: Node prints a
 * deprecation warning for that from any code outside node_modules, and bundled code is outside.
 * The two calls become their exact modern equivalents (a string is UTF-8 in both).
 */
const modernBuffer = {
  name: 'modern-buffer',
  setup(b) {
    b.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(args.path, 'utf8');
      return {
        contents: text
          .replace('new Buffer(size)', 'Buffer.alloc(size)')
          .replace('new Buffer(0)', 'Buffer.alloc(0)')
          .replace('new Buffer(source)', 'Buffer.from(source)'),
        loader: 'js',
      };
    });
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // XXGK_SOURCEMAP=1 (bench/start-profile.ts): source maps beside the bundles, for profiles by source file.
  sourcemap: process.env.XXGK_SOURCEMAP === '1' ? 'linked' : false,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The Word writer's fixed parts (styles, theme, relationships…) compressed once here rather than
 * in every export (server/src/io/docx-write.ts packFixedParts): the writer bundled and asked.
 */
async function docxFixedParts() {
  const out = await build({
    ...common,
    minify: false,
    sourcemap: false,
    entryPoints: ['server/src/io/docx-write.ts'],
    write: false,
    outfile: 'dist/docx-fixed.js',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
  return module.exports.packFixedParts();
}
const docxFixed = { XXGK_DOCX_FIXED_PACKED: 'true', XXGK_DOCX_FIXED_PARTS: JSON.stringify(await docxFixedParts()) };

await Promise.all([
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    plugins: [ioApart, exportApart, registerApart],
  }),
  // The table editor's page script runs in the webview (a browser), not in Node.
  build({
    ...common,
    entryPoints: ['client/webview/table-editor.ts'],
    outfile: 'dist/webview/table-editor.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
  }),
  // The server loads the analysis core (dist/core.js) on first use, after answering initialize.
  build({
    ...common,
    entryPoints: ['server/src/server-main.ts'],
    outfile: 'dist/server.js',
    plugins: [coreApart, ioApart, exportApart, registerApart],
  }),
  build({ ...common, entryPoints: ['server/src/core/index.ts'], outfile: 'dist/core.js' }),
  // The CLI itself; dist/cli.js (below) starts it through V8's code cache.
  build({
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: 'dist/cli-main.js',
    plugins: [ioApart, exportApart, registerApart, reviewApart],
  }),
  // Import/export (Word, HTML): loaded lazily by the CLI and the client.
  build({ ...common, entryPoints: ['server/src/io/index.ts'], outfile: 'dist/io.js', plugins: [pdfjsApart], define: docxFixed }),
  // Export alone (the Word and HTML writers, without the importers): loaded by the CLI's export and the server's target checks.
  build({ ...common, entryPoints: ['server/src/io/export-bundle.ts'], outfile: 'dist/export.js', define: docxFixed }),
  // pdf.js and its worker, run in-process (dist/pdfjs.js): required by dist/io.js on the first PDF only.
  // pdf.js asks import.meta.url for a require(); in CommonJS this file's own URL stands in.
  build({
    ...common,
    entryPoints: ['server/src/io/pdf/pdfjs-bundle.ts'],
    outfile: 'dist/pdfjs.js',
    define: { 'import.meta.url': 'pdfjsModuleUrl' },
    banner: { js: 'var pdfjsModuleUrl=require("url").pathToFileURL(__filename).href;' },
  }),
  // The request register (exceljs, SheetJS, the holiday calendar): loaded when a register is read.
  build({ ...common, entryPoints: ['server/src/io/register-read.ts'], outfile: 'dist/register.js' }),
  // The review (xxgk-report review): its bundle, its worker, and piscina's worker runtime, which
  // piscina starts as worker.js beside the bundle that holds it.
  build({
    ...common,
    entryPoints: ['server/src/review/index.ts'],
    outfile: 'dist/review.js',
    plugins: [ioApart, exportApart, registerApart, modernBuffer],
  }),
  build({
    ...common,
    entryPoints: ['server/src/review/worker.ts'],
    outfile: 'dist/review-worker.js',
    plugins: [ioApart, exportApart, registerApart],
  }),
  // @napi-rs/nice (a native module) is only for niceIncrement, which the review does not set; its require is caught.
  build({ ...common, entryPoints: ['node_modules/piscina/dist/worker.js'], outfile: 'dist/worker.js', external: ['@napi-rs/nice'] }),
]);

// pdf.js's character maps for the Chinese (GB) encodings of fonts a PDF does not embed.
mkdirSync('dist/cmaps', { recursive: true });
const CMAPS = 'node_modules/pdfjs-dist/cmaps';
for (const f of readdirSync(CMAPS)) {
  if (/GB/.test(f) && f.endsWith('.bcmap')) copyFileSync(join(CMAPS, f), join('dist/cmaps', f));
}

// esbuild writes ASCII except inside regular expression literals, where it keeps the Chinese
// characters. One such character makes V8 hold the whole bundle as a two-byte string: twice the
// memory, and a slower read at every start. Each becomes its \u escape, which means the same
// code unit in a regular expression, a string and an identifier alike; an identity escape of it
// (`\其`) becomes the escape alone. Not in a build with source maps (XXGK_SOURCEMAP=1, for
// profiles): the escapes would move the columns of everything after them on a minified line.
for (const f of readdirSync('dist')) {
  if (!f.endsWith('.js') || common.sourcemap) continue;
  const file = join('dist', f);
  const text = readFileSync(file, 'utf8');
  if (!/[\u0080-\uffff]/.test(text)) continue;
  const ascii = text.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, c) => {
    const escaped = `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return slashes.length % 2 ? slashes.slice(1) + escaped : slashes + escaped;
  });
  writeFileSync(file, ascii);
}

// Maps of an earlier XXGK_SOURCEMAP=1 build would no longer match.
if (common.sourcemap === false) {
  for (const f of readdirSync('dist', { recursive: true })) if (String(f).endsWith('.js.map')) rmSync(join('dist', String(f)));
}

// dist/cli.js, the program: a few kilobytes that load dist/cli-main.js and the bundles it
// requires with V8's code cache (server/src/boot/). A cache belongs to one build of a bundle:
// each bundle's build id (a hash of its bytes) goes into the program.
const buildIds = {};
for (const f of readdirSync('dist')) {
  if (f.endsWith('.js') && f !== 'cli.js' && f !== 'client.js') {
    buildIds[f] = createHash('sha256')
      .update(readFileSync(join('dist', f)))
      .digest('hex')
      .slice(0, 16);
  }
}
await build({
  ...common,
  entryPoints: ['server/src/boot/cli-entry.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
  define: { XXGK_BUILD_IDS: JSON.stringify(buildIds) },
});

// Rule documentation pages travel with the bundles (diagnostics link to them).
mkdirSync('dist/rules', { recursive: true });
for (const dir of ['server/src/core/rules', 'server/src/review/rules']) {
  for (const f of readdirSync(dir)) {
    if (f.endsWith('.md')) copyFileSync(join(dir, f), join('dist/rules', f));
  }
}
