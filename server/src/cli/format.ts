/**
 * `xxgk-report format FILE [--check] [--ambiguous-width 1|2] [--max-width N]`: the report
 * tables of sections 二–四 aligned by display width, through the report service's formatting
 * (the editors' Format Document) and the one input reader. No table line gets wider than it
 * was or than N columns (default 120), whichever is more; cell texts and everything outside the
 * tables stay as they are. Prints the formatted text to stdout (never writes the file). With
 * --check (one or more files) prints nothing on stdout and names the files that formatting
 * would change. Exit 0 nothing to change (or printed); 1 --check found something to change;
 * 2 a usage or I/O problem.
 */
import { core } from '../core-loader';
import { MAX_WIDTH_RANGE } from '../options';
import type { Args } from './args';
import { type CliIO, cliOptions, documentOf, openFiles, shown } from './common';

/** The --ambiguous-width and --max-width options as the editor settings they stand for, or a message. */
function formatSettings(args: Args): { ambiguousWidth?: 1 | 2; maxWidth?: number } | string {
  const en = args.lang === 'en';
  const out: { ambiguousWidth?: 1 | 2; maxWidth?: number } = {};
  const ambiguous = args.options['ambiguous-width'];
  if (ambiguous !== undefined) {
    if (ambiguous !== '1' && ambiguous !== '2')
      return en ? `--ambiguous-width must be 1 or 2: ${String(ambiguous)}` : `--ambiguous-width 只能是 1 或 2：${String(ambiguous)}`;
    out.ambiguousWidth = ambiguous === '2' ? 2 : 1;
  }
  const width = args.options['max-width'];
  if (width !== undefined) {
    const { min, max } = MAX_WIDTH_RANGE;
    const n = typeof width === 'string' && /^\d+$/.test(width) ? Number(width) : NaN;
    if (!(n >= min && n <= max))
      return en
        ? `--max-width must be a whole number from ${min} to ${max}: ${String(width)}`
        : `--max-width 应为 ${min} 到 ${max} 的整数：${String(width)}`;
    out.maxWidth = n;
  }
  return out;
}

export async function format(args: Args, io: CliIO, usage: string): Promise<number> {
  const check = args.options.check === true;
  const en = args.lang === 'en';
  const settings = formatSettings(args);
  if (typeof settings === 'string') {
    io.err(`${settings}\n`);
    return 2;
  }
  if (args.paths.length === 0 || (!check && args.paths.length !== 1)) {
    io.err(`${usage}\n`);
    return 2;
  }
  const options = cliOptions(args, (m) => io.err(`${m}\n`));
  // The options stand for the editor settings xxgkReport.format.*: the service formats as Format Document does.
  options.setSettings({ format: settings });
  const { service, inputs } = await openFiles(args.paths, options, args.lang);
  let failed = false;
  let changed = 0;
  for (const input of inputs) {
    if (input.error !== undefined || input.text === undefined) {
      io.err(`${input.error}\n`);
      failed = true;
      continue;
    }
    if (input.warning) io.err(`${input.warning}\n`);
    const document = documentOf(input);
    const result = service.getResult(document);
    if (!result.analysis) {
      for (const n of result.notices) io.err(`${shown(input.path)}：${n.message}\n`);
      failed = true;
      continue;
    }
    const edits = service.getFormattingEdits(document);
    if (!check) {
      const lines = result.analysis.model.lines;
      io.out(
        core().applyEdits(
          input.text,
          edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })),
        ),
      );
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
