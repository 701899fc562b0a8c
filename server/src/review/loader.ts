/**
 * The review (workbook writer, worker pool) is bundled apart as dist/review.js and loaded on
 * first use: build.mjs maps this require to ./review.js in the CLI bundle; tests load the sources.
 */
import type * as Review from './index';

let loaded: typeof Review | undefined;

export function review(): typeof Review {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy require is the point: dist/review.js loads on first use
  return (loaded ??= require('./index') as typeof Review);
}
