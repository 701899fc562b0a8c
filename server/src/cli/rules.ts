/** `xxgk-report rules`: every rule with its default severity and what it checks. */
import { core } from '../core-loader';
import type { Args } from './args';
import type { CliIO } from './common';

export function rules(args: Args, io: CliIO): number {
  for (const r of core().RULES) {
    io.out(
      `${r.code.padEnd(22)} ${r.severity.padEnd(12)} ${r.tags.join(',').padEnd(18)} ${args.lang === 'en' ? r.description.en : r.description.zh}\n`,
    );
  }
  return 0;
}
