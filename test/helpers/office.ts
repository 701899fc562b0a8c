/**
 * The set-up every test that drives LibreOffice (and poppler, Chromium) shares: which tools are
 * missing (the tests are then SKIPPED with the reason printed, and the one "installed when the
 * setup requires it" test fails under XXGK_REQUIRE_OFFICE=1, as npm test sets), a private work
 * folder removed at exit, and one soffice run with its own profile (two soffice processes with
 * one profile lock each other out) and the fonts of scripts/libreoffice/fonts.conf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export interface Office {
  /** false when every tool is there, else why the tests are skipped. */
  skip: string | false;
  /** A private folder for this file's inputs and outputs, removed when the process exits. */
  work: string;
  /** The environment soffice and Chromium run in (the fonts, HOME in the work folder). */
  env: NodeJS.ProcessEnv;
  /** One soffice run over `args` (a start costs seconds: convert many files in one run); asserts exit 0. */
  soffice: (args: string[], timeoutMs?: number) => void;
}

/**
 * `tools` the commands needed (`chromium` stands for any of Chromium's names), `setup` the
 * script that installs them, `what` the name of these tests in the SKIPPED line.
 */
export function officeSetup(tools: string[], setup: string, what: string): Office {
  const missing = tools.filter((t) => (t === 'chromium' ? !chromium() : !has(t)));
  const skip = missing.length ? `${tools.join('/')} not installed (${missing.join(', ')} missing): run ${setup} as root` : false;
  if (skip) process.stderr.write(`\n*** ${what} SKIPPED: ${skip}\n\n`);
  test(`${tools.join(', ')} installed when the setup requires it`, { skip: !process.env.XXGK_REQUIRE_OFFICE }, () => {
    assert.equal(skip, false, String(skip));
  });
  const work = mkdtempSync(join(tmpdir(), 'xxgk-office-'));
  process.on('exit', () => rmSync(work, { recursive: true, force: true }));
  const env = { ...process.env, FONTCONFIG_FILE: join(ROOT, 'scripts', 'libreoffice', 'fonts.conf'), HOME: work };
  const soffice = (args: string[], timeoutMs = 900_000): void => {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--norestore', ...args], {
      env,
      encoding: 'utf8',
      timeout: timeoutMs,
    });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
  };
  return { skip, work, env, soffice };
}

/** The command that starts Chromium here, if any. */
export function chromium(): string | undefined {
  return ['chromium', 'chromium-browser', 'google-chrome'].find(has);
}
