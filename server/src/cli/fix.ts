/** `xxgk-report fix <file>`: prints the text with every safe fix applied; never writes a file. */
import { core } from '../core-loader';
import type { Args } from './args';
import { type CliIO, cliOptions, documentOf, openFiles, shown } from './common';

export async function fix(args: Args, io: CliIO, usage: string): Promise<number> {
  if (args.paths.length !== 1) {
    io.err(`${usage}\n`);
    return 2;
  }
  const options = cliOptions(args, (m) => io.err(`${m}\n`));
  const explicit = options.explicitConfig();
  if (explicit?.error) {
    io.err(`配置文件 ${args.config}：${explicit.error}\n`);
    return 2;
  }
  // The same acceptable input as check: a regular file within the size limit (never a FIFO or a device).
  const {
    service,
    inputs: [input],
  } = await openFiles(args.paths, options, args.lang);
  if (input.error) {
    io.err(`${input.error}\n`);
    return 2;
  }
  if (input.warning) io.err(`${input.warning}\n`);
  // Fix-all works on the complete analysis: every safe fix of the whole file, whatever its size.
  const result = service.getCompleteResult(documentOf(input));
  for (const n of result.notices) io.err(`${shown(input.path)}：${n.message}\n`);
  if (!result.analysis) return 2;
  io.out(core().applyEdits(input.text!, core().safeFixEdits(result.analysis.findings)));
  return result.notices.length ? 2 : 0;
}
