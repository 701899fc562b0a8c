/**
 * Drafts far beyond a report at the export's limits, through the CLI in this process
 * (npm run test:robustness; moved from test/io/export-cli.test.ts, too heavy for the unit
 * tests): over the character limit, over the table-cell limit, and just below it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { EXPORT_LIMITS } from '../../../server/src/io/index';

async function inDir(f: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-export-limits-'));
  try {
    await f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (dir: string, ...argv: string[]) => runCli(argv, dir);

test('far beyond a report, export refuses with a message (characters, then table cells) and writes nothing', () =>
  inDir(async (dir) => {
    const head = '# 某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n';
    writeFileSync(join(dir, 'long.md'), head + '正文。'.repeat(Math.ceil(EXPORT_LIMITS.maxChars / 3) + 1));
    const long = await run(dir, 'export', 'long.md', '--to', 'docx');
    assert.equal(long.code, 2);
    assert.match(long.err, /超过导出的上限 2 M（一份年报通常不到 0\.2 M），未导出/);
    const rows = Array.from({ length: EXPORT_LIMITS.maxCells / 4 + 1 }, (_, i) => `| ${i} | 1 | 2 | 3 |`).join('\n');
    writeFileSync(join(dir, 'cells.md'), `${head}| a | b | c | d |\n| --- | --- | --- | --- |\n${rows}\n`);
    const cells = await run(dir, 'export', 'cells.md', '--to', 'html', '--lang', 'en');
    assert.equal(cells.code, 2);
    assert.match(cells.err, /The draft's tables have 20008 cells, above the export limit of 20000/);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('导出')),
      [],
    );
    // just below the limit it is exported
    const fewer = Array.from({ length: EXPORT_LIMITS.maxCells / 4 - 1 }, (_, i) => `| ${i} | 1 | 2 | 3 |`).join('\n');
    writeFileSync(join(dir, 'cells.md'), `${head}| a | b | c | d |\n| --- | --- | --- | --- |\n${fewer}\n`);
    assert.equal((await run(dir, 'export', 'cells.md', '--to', 'html')).code, 0);
  }));
