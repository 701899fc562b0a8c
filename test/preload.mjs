// Preloaded by test/run.mjs in every test process and in their worker threads (which see the
// process's argv). A test file run from its sources (a .ts file) needs tsx, in its workers too;
// a bundled test needs none: its workers load bundles too. The runner process needs none.
if (!process.argv.includes('--test') && process.argv.slice(1).some((a) => /\.[cm]?tsx?$/.test(a))) await import('tsx');
