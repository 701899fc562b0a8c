/**
 * The import/export code (docx, HTML parser) is bundled apart as dist/io.js and loaded on
 * first use only: the CLI's check of Markdown, the server's start and the keystroke path
 * never load it. build.mjs maps this require to ./io.js in the CLI and client bundles;
 * tests and tsx load the sources.
 */
import { join } from 'node:path';
import type * as Io from './index';

let loaded: typeof Io | undefined;

export function io(): typeof Io {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: dist/io.js loads on first use
  return (loaded ??= require('./index') as typeof Io);
}

/**
 * The file of the io module, for a worker thread to load: dist/io.js beside the bundle that
 * runs (server, CLI, client), or index.ts beside this file when running from the sources.
 */
export function ioModulePath(): string {
  return __filename.endsWith('.ts') ? join(__dirname, 'index.ts') : join(__dirname, 'io.js');
}
