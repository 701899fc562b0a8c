// Preloaded by test/run.mjs in every test process and worker thread. A bundled test needs
// tsx only in its worker threads (they load TypeScript sources); a test file run from its
// sources needs it everywhere. The runner process itself needs none.
import { isMainThread } from 'node:worker_threads';

if (!isMainThread || (!process.argv.includes('--test') && process.argv.slice(1).some((a) => /\.[cm]?tsx?$/.test(a)))) await import('tsx');
