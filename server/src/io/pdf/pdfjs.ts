/**
 * Loads pdf.js on the first PDF only (the server's start and other imports never pay for it).
 * In the bundles, build.mjs maps this require to ./pdfjs.js beside dist/io.js.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as Bundle from './pdfjs-bundle';

export type Pdfjs = typeof Bundle.pdfjs;

let loaded: Pdfjs | undefined;

export function pdfjs(): Pdfjs {
  if (loaded) return loaded;
  // pdf.js warns while it loads (no canvas package: only rendering needs one), before any
  // document can set its verbosity: the CLI's and the server's output stay clean.
  const { log, warn } = console;
  let m: typeof Bundle;
  try {
    console.log = console.warn = () => undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: pdf.js loads on the first PDF
    m = require('./pdfjs-bundle') as typeof Bundle;
  } finally {
    console.log = log;
    console.warn = warn;
  }
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = { WorkerMessageHandler: m.workerHandler };
  return (loaded = m.pdfjs);
}

/**
 * The folder of pdf.js's character maps (GB encodings of fonts that are not embedded): dist/cmaps
 * in the bundles (build.mjs copies the Chinese ones), the package's own folder from the sources.
 */
export function cmapFolder(): string | undefined {
  const beside = join(__dirname, 'cmaps');
  if (existsSync(join(beside, 'UniGB-UCS2-H.bcmap'))) return `${beside}/`;
  try {
    return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps')}/`;
  } catch {
    return undefined;
  }
}
