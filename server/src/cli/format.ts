/**
 * `xxgk-report format FILE [--check] [--ambiguous-width 1|2]`: the report tables of sections
 * 二–四 aligned by display width (the same formatter as the editors'); cell texts and
 * everything outside the tables stay as they are. Prints the formatted text to stdout (never
 * writes the file). With --check (one or more files) prints nothing on stdout and names the
 * files that formatting would change. Exit 0 nothing to change (or printed); 1 --check found
 * something to change; 2 a usage or I/O problem.
 */
import { core } from '../core-loader';
import type { Args } from './args';
import { type CliIO, cliOptions, readInputs, shown } from './common';

export async function format(args: Args, io: CliIO, usage: string): Promise<number> {
  const check = args.options.check === true;
  const width = args.options['ambiguous-width'];
  const en = args.lang === 'en';
  if (width !== undefined && width !== '1' && width !== '2') {
    io.err(en ? `--ambiguous-width must be 1 or 2: ${String(width)}\n` : `--ambiguous-width 只能是 1 或 2：${String(width)}\n`);
    return 2;
  }
  if (args.paths.length === 0 || (!check && args.paths.length !== 1)) {
    io.err(`${usage}\n`);
    return 2;
  }
  const options = cliOptions(args, (m) => io.err(`${m}\n`));
  let failed = false;
  let changed = 0;
  for (const input of await readInputs(args.paths, options.maxDocumentBytes)) {
    if (input.error !== undefined || input.text === undefined) {
      io.err(`${input.error}\n`);
      failed = true;
      continue;
    }
    if (input.warning) io.err(`${input.warning}\n`);
    const model = core().buildModel(input.text);
    const edits = core().formatEdits(model, { ambiguousWide: width === '2', force: !!options.optionsFor(input.uri).forceReport });
    if (!check) {
      io.out(core().applyEdits(input.text, edits));
      continue;
    }
    if (edits.length) {
      changed++;
      io.err(
        en
          ? `${shown(input.path)}: ${edits.length} table lines would be aligned\n`
          : `${shown(input.path)}：有 ${edits.length} 行表格需要对齐\n`,
      );
    }
  }
  if (failed) return 2;
  return check && changed ? 1 : 0;
}
