/** The import command's output: never through a symbolic link without --force (issue 22.7, import side). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportHtml } from '../../server/src/io/index';
import { runCli } from '../helpers/cli';
import { readFixture } from './helpers';

const REPORT = readFixture('clean/town-2024.md');

test('import -o never writes through a symbolic link without --force (a dangling one included)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-link-'));
  try {
    writeFileSync(join(dir, 'page.html'), exportHtml(REPORT));
    symlinkSync(join(dir, 'elsewhere.md'), join(dir, 'draft.md'));
    const r = await runCli(['import', 'page.html', '-o', 'draft.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /是符号链接，未写入/);
    assert.equal(existsSync(join(dir, 'elsewhere.md')), false);
    const forced = await runCli(['import', 'page.html', '-o', 'draft.md', '--force'], dir);
    assert.equal(forced.code, 0, forced.err);
    assert.match(readFileSync(join(dir, 'elsewhere.md'), 'utf8'), /青石镇人民政府2024年政府信息公开工作年度报告/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
