/** `xxgk-report rules`: every rule with its default severity and what it checks, from the report service. */
import { localize } from '../core/message';
import type { Args } from './args';
import { type CliIO, cliOptions, openFiles } from './common';

export async function rules(args: Args, io: CliIO): Promise<number> {
  const { service } = await openFiles(
    [],
    cliOptions(args, (m) => io.err(`${m}\n`)),
    args.lang,
  );
  for (const r of service.getRules()) {
    io.out(`${r.code.padEnd(22)} ${r.severity.padEnd(12)} ${r.tags.join(',').padEnd(18)} ${localize(r.description, args.lang)}\n`);
  }
  return 0;
}
