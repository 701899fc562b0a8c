/**
 * The analysis core (remark and all) is bundled apart as dist/core.js and loaded on first
 * use, so that the server answers `initialize` before paying for compiling it.
 */
import type * as Core from './core/index';

let loaded: typeof Core | undefined;

export function core(): typeof Core {
  // The server bundle maps this require to ./core.js (build.mjs); tests load the sources.
  // A require, not an import: the bundle must not load the core before it is first used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./core/index') as typeof Core);
}
